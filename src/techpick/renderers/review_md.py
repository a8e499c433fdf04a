"""A review as a Markdown architecture decision record (MADR layout).

Layout only: the wording of drivers, pros and cons comes from `review.py`.
Catalog text is escaped so that it is shown, never interpreted as HTML, and
every technology named in a heading, table or list links to its site page.
"""

from __future__ import annotations

import re

from techpick.escape import markdown, markdown_code, markdown_with_code, url
from techpick.record import to_markdown
from techpick.renderers.links import DEFAULT_SITE_URL, md_link
from techpick.review import Decision, Option, Review
from techpick.sizing import Estimate
from techpick.units import format_throughput, format_volume

VERDICT_LABEL = {"chosen": "chosen", "also fits": "also fits", "ranked lower": "ranked lower",
                 "ruled out": "ruled out"}


_esc = markdown  # catalog and requirements text: shown as written, never read as Markdown or HTML
_cell = markdown  # the same in a table cell: a pipe cannot add a column


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


class _Writer:
    def __init__(self, review: Review, site_url: str, record_path: str) -> None:
        self.r = review
        self.site = site_url
        self.record_path = record_path
        self.out: list[str] = []

    def link(self, tech_id: str) -> str:
        name = self.r.names.get(tech_id, tech_id)
        return md_link(_esc(name), tech_id, self.site)

    def linked(self, text: str) -> str:
        """Engine notes name technologies by id; link the ones this review names."""
        escaped = _esc(text)
        if not self.r.names:
            return escaped
        ids = sorted(self.r.names, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w/-])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w/-])")
        return pattern.sub(lambda m: self.link(m.group(1)), escaped)

    def capital(self, text: str) -> str:
        """Capitalise an engine note, unless it starts with a link or a need id, which keep their case."""
        first = re.split(r"[\s:]", text, maxsplit=1)[0]
        if not text[:1].islower() or first in {d.need.id for d in self.r.decisions}:
            return text
        return text[:1].upper() + text[1:]

    def add(self, *lines: str) -> None:
        self.out.extend(lines)

    # ---- the document ------------------------------------------------------

    def document(self) -> str:
        r = self.r
        self.add(f"# {_esc(r.title)}", "")
        self.add(f"- **Status:** {r.status}", f"- **Date:** {r.date}", f"- **Requirements:** `{markdown_code(r.requirements_file)}`",
                 f"- **Catalog:** {r.catalog_size} technologies, digest `{r.digest[:19] or 'unknown'}`")
        if r.radar is not None:
            self.add(f"- **Team radar:** {_esc(r.radar.name)} (`{markdown_code(r.radar.source)}`)")
        self.add("", "## Context and problem statement", "")
        for para in r.context:
            self.add(markdown_with_code(para), "")
        self.summary()
        for decision in r.decisions:
            self.decision(decision)
        self.confirmation()
        return "\n".join(self.out).rstrip() + "\n"

    def summary(self) -> None:
        r = self.r
        self.add("## Decisions at a glance", "")
        self.add("| Need | Decision | Also fits | Rough size |", "| --- | --- | --- | --- |")
        for d in r.decisions:
            chosen = d.chosen
            alt = next((o for o in d.options if o.verdict == "also fits"), None)
            size = d.sizing[0].summary if d.sizing else "-"
            decision = self.link(chosen.id) if chosen else "**none fits**"
            self.add(f"| [{_cell(d.need.id)}](#decision-{d.need.id}) ({d.need.role}) | {decision} | "
                     f"{self.link(alt.id) if alt else '-'} | {_cell(size)} |")
        self.add("")
        if r.components:
            parts = [f"{self.link(c)} ({state})" for c, state in r.components]
            new = sum(1 for _, state in r.components if state == "new")
            self.add(f"**The stack:** {', '.join(parts)}. "
                     f"{new} new component{'s' if new != 1 else ''} to operate.", "")
        notes = [n for n in r.stack_notes if not n.startswith("new components to operate")]
        if notes:
            self.add(*[f"- {self.capital(self.linked(_sentence(n)))}" for n in notes], "")
        if r.warnings:
            self.add("> **Warnings**", ">", *[f"> - {self.capital(self.linked(_sentence(w)))}" for w in r.warnings], "")

    def decision(self, d: Decision) -> None:
        self.add(f'<a id="decision-{d.need.id}"></a>', "", f"## {d.number}. {_esc(d.title)}", "")
        self.add("### Context and problem statement", "", _esc(d.problem), "")
        if d.notes:
            self.add(f"> From the requirements: {_esc(_sentence(d.notes))}", "")
        self.add("### Decision drivers", "")
        self.add(*[f"- {_esc(dr.text)} *({'hard' if dr.hard else 'soft'})*" for dr in d.drivers], "")
        self.add("### Considered options", "")
        for i, option in enumerate(d.options, 1):
            self.add(f"{i}. {self.link(option.id)} — {self.verdict(option)}")
        self.add("")
        self.outcome(d)
        self.add("### Pros and cons of the options", "")
        for option in d.options:
            self.option(option)

    @staticmethod
    def note(text: str) -> str:
        """A capability note as fine print: '*ordering*: within a partition.'"""
        cap, _, detail = text.partition(": ")
        return f"*{_esc(cap)}*: {_esc(_sentence(detail))}" if detail else _esc(_sentence(text))

    def verdict(self, option: Option) -> str:
        if option.verdict == "ruled out":
            more = f" (and {len(option.why_not) - 1} more)" if len(option.why_not) > 1 else ""
            return f"ruled out: {self.linked(option.why_not[0])}{more}"
        if option.verdict == "ranked lower":
            return f"ranked lower (score {option.score:.2f})"
        return f"**{option.verdict}** (score {option.score:.2f})"

    def outcome(self, d: Decision) -> None:
        self.add("### Decision outcome", "")
        chosen = d.chosen
        if chosen is None or d.outcome is None:
            closest = d.options[0] if d.options else None
            text = "No option meets every hard requirement, so this decision stays open."
            if closest is not None:
                text += (f" The closest, {self.link(closest.id)}, fails: "
                         f"{_esc('; '.join(closest.why_not))}. Relax a requirement or extend the catalog.")
            self.add(text, "")
            return
        self.add(f"Chosen option: **{self.link(chosen.id)}**, because {self.linked(d.outcome)}.", "")
        runner = d.runner_up
        if runner is not None and runner.kind == "also fits":
            self.add(f"{self.link(runner.id)} also fits ({runner.score:.2f} against {runner.against:.2f}) and is "
                     "the fallback if the chosen option disappoints.", "")
        elif runner is not None:
            self.add(f"The runner-up, {self.link(runner.id)}, {self.linked(_sentence(runner.why_not))}", "")
        else:
            self.add("No other option meets every hard requirement.", "")
        self.add("#### Consequences", "")
        self.add(*[f"- Good, because {self.linked(g)}." for g in d.good])
        self.add(*[f"- Neutral: {self.note(n)}" for n in d.neutral])
        self.add(*[f"- Bad, because {self.linked(b)}." for b in d.bad])
        self.add("")
        self.sizing(d.sizing)
        self.growth(d)

    def sizing(self, estimates: list[Estimate]) -> None:
        if not estimates:
            return
        self.add("#### Sizing (rough estimate)", "")
        self.add("Planning figures from catalog facts and the per-node assumptions shown; not a capacity plan.", "")
        for est in estimates:
            self.add(f"- **{self.link(est.tech_id)}: {_esc(est.summary)}**")
            self.add(*[f"  - {_esc(line)}" for line in est.drivers])
            self.add(*[f"  - assumed: {_esc(a)}" for a in est.assumptions])
            self.add(*[f"  - caution: {_esc(w)}" for w in est.warnings])
            if est.advice:
                self.add(f"  - {_esc(est.advice)}")
            if est.cost is not None:
                c = est.cost
                self.add(f"  - list price: about ${c.usd_per_month:,.0f} a month on {_esc(c.offer)}: "
                         f"{_esc(c.basis)}, as of {c.as_of} ([source]({url(c.source)}))")
        self.add("")

    def growth(self, d: Decision) -> None:
        self.add("#### Growth path", "")
        if not d.growth.sized:
            self.add("No volume or throughput is stated, so growth does not move this decision.", "")
            return
        first_change = next((s for s in d.growth.steps if s.change), None)
        if first_change is not None:
            self.add(f"The decision changes at {first_change.factor}x: plan the move before the data gets there.", "")
        elif d.growth.stable:
            last = d.growth.steps[-1]
            strained = f", though at {last.factor}x it is past its sweet spot and will need tuning" if last.strain else ""
            self.add(f"The decision holds at tenfold and hundredfold volume and throughput{strained}.", "")
        self.add("| Size | Volume | Throughput | Decision | What changes |", "| --- | --- | --- | --- | --- |")
        for step in d.growth.steps:
            size = "as stated" if step.factor == 1 else f"{step.factor}x"
            vol = format_volume(step.volume) if step.volume is not None else "-"
            tp = format_throughput(step.throughput) if step.throughput is not None else "-"
            pick = " or ".join(self.link(p) for p in step.picks) or "**nothing fits**"
            notes = [n for n in (step.change, *step.dropped, *step.strain) if n]
            what = "; ".join(notes) or ("-" if step.factor == 1 else "no change")
            cell = self.linked(what)
            self.add(f"| {size} | {vol} | {tp} | {pick} | {cell} |")
        self.add("")

    def option(self, o: Option) -> None:
        self.add(f"#### {self.link(o.id)} ({VERDICT_LABEL[o.verdict]})", "")
        self.add(f"*{_esc(' · '.join(o.facts))}*", "", _esc(o.summary), "")
        if o.ring is not None:
            self.add(f"- Team radar: **{o.ring.ring}**, {_esc(o.ring.reason)}")
        self.add(*[f"- Good, because {self.linked(g)}." for g in o.good])
        self.add(*[f"- Neutral: {self.note(n)}" for n in o.neutral])
        self.add(*[f"- Bad, because {self.linked(b)}." for b in o.bad])
        if o.verdict == "ranked lower" and o.why_not:
            self.add(f"- Ranked lower: {self.linked(_sentence('; '.join(o.why_not)))}")
        self.add(f"- Use it when: {_esc(' '.join(_sentence(u) for u in o.use_when))}")
        self.add(f"- Avoid it when: {_esc(' '.join(_sentence(a) for a in o.avoid_when))}", "")

    def confirmation(self) -> None:
        r = self.r
        self.add("## Confirmation", "")
        self.add("The block below records what was decided. Run this in CI to learn when a decision stops "
                 "holding: it exits 1 and names the requirement a decided technology now fails (a project "
                 "retired, a licence changed, a requirement edited), and 0 while every decision holds.", "")
        self.add("```sh", f"techpick check --req {r.requirements_file} --record {self.record_path}", "```", "")
        self.add(to_markdown(r.record))


def render(review: Review, site_url: str = DEFAULT_SITE_URL, record_path: str = "review.md") -> str:
    """The review as Markdown; `record_path` is where the file will live, for the check command it prints."""
    return _Writer(review, site_url, record_path).document()
