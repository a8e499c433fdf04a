"""The recommendation as Markdown to paste into a review document."""

from __future__ import annotations

from techpick.escape import markdown as md
from techpick.recommend import Recommendation, explanation, form_text, why_not

_cell = md  # requirements and catalog text: a pipe cannot add a column, markup shows as written


def render(rec: Recommendation, explain: bool = False, title: str | None = None) -> str:
    """Headed by the requirements' name (or file name), so that a pasted section says what it is about."""
    out: list[str] = [f"# Recommendation: {md(title)}" if title else "# Recommendation", ""]
    if rec.warnings:
        out += ["> **Warnings**", ">"] + [f"> - {md(w)}" for w in rec.warnings] + [""]
    for result in rec.needs:
        out += [f"## {result.id} ({result.role})", ""]
        if not result.picks:
            out += ["No technology meets every hard requirement.", ""]
        for rank, pick in enumerate(result.picks, 1):
            out += [f"### {'Pick' if rank == 1 else 'Alternative'}: {md(pick.name)} (`{pick.id}`, score {pick.score:.2f})", "",
                    f"Form: {_cell(form_text(pick))}", ""]
            out += [f"- ✅ {md(r)}" for r in pick.reasons]
            out += [f"- ⚠️ {md(t)}" for t in pick.tradeoffs]
            if explain:
                out += ["", "| term | value |", "| --- | ---: |"]
                out += [f"| {_cell(t.label)} | {t.value:+.3f} |" for t in explanation(pick)]
            out.append("")
        best = result.picks[0] if result.picks else None
        if result.considered:
            out += ["| not chosen | score | why not |", "| --- | ---: | --- |"]
            out += [f"| `{c.id}` | {'ruled out' if c.score is None else f'{c.score:.2f}'} | "
                    f"{_cell('; '.join(why_not(c, best)))} |" for c in result.considered]
            out.append("")
    out += ["## Stack", "", ", ".join(f"`{c}`" for c in rec.stack) or "(empty)", ""]
    out += [f"- {md(n)}" for n in rec.stack_notes]
    return "\n".join(out).rstrip() + "\n"
