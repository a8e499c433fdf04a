"""The engine's reasons, trade-offs and failures: a code with parameters, worded here only.

A `Note` is a `str` (its plain wording), so every renderer can print it as it is,
and it keeps `code` and `params`, so that a renderer that needs another wording
(a clause after "because" in a decision record) asks for it instead of reading
the prose back. Every code has a plain wording; a clause wording is given where
"it " + plain does not read well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def join(words: list[str] | tuple[str, ...]) -> str:
    return ", ".join(words)


def and_(words: list[str] | tuple[str, ...]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""


def _suffix(text: str | None, sep: str = ": ") -> str:
    return f"{sep}{text}" if text else ""


Wording = Callable[..., str]


def _beyond_limit(value: str, limit: str) -> str:
    return f"{value} is beyond its documented limit of {limit}"


def _far_beyond(value: str, limit: str) -> str:
    return f"{value} is more than ten times the largest deployment we know of ({limit})"

# code -> (plain, clause or None)
WORDING: dict[str, tuple[Wording, Wording | None]] = {
    # hard requirements (failures)
    "excluded": (lambda: "excluded by the requirements", lambda: "it is excluded by the requirements"),
    "leaving": (lambda: "the team is moving away from it (context.leaving)", lambda: "the team is moving away from it"),
    "not-open-source": (lambda license: f"not open source (licence {license})",
                        lambda license: f"it is not open source (licence {license})"),
    "not-permissive": (lambda license: f"licence {license} is not permissive",
                       lambda license: f"its licence, {license}, is not permissive"),
    "not-self-hostable": (lambda: "cannot be self-hosted (managed service only)", None),
    "no-managed-offer": (lambda: "no managed offer", lambda: "it has no managed offer"),
    "no-offer-on-cloud": (lambda cloud: f"no managed offer on {cloud}", lambda cloud: f"it has no managed offer on {cloud}"),
    "not-on-cloud": (lambda cloud: f"not available on {cloud}", lambda cloud: f"it is not available on {cloud}"),
    "data-model": (lambda model, models: f"does not hold {model} data (its models: {models})", None),
    "lacks": (lambda caps: f"lacks {join(caps)}", lambda caps: f"it lacks {and_(caps)}"),
    "not-embeddable": (lambda: "cannot run inside the application process", None),
    "offers-lack": (lambda caps: f"its managed offers within reach lack {join(caps)}",
                    lambda caps: f"its managed offers within reach lack {and_(caps)}"),
    "wrong-language": (lambda langs, app: f"embeds only in {join(langs)} programs; the application is written in {join(app)}",
                       None),
    "memory-only": (lambda: "keeps data in memory only; it is lost on restart", None),
    "no-multi-region": (lambda regions: f"cannot serve writes in {regions} regions", None),
    "multi-region-partial": (lambda regions, note: f"replicates across regions but cannot serve writes in {regions}"
                             + _suffix(note and f"({note})", " "), None),
    "eventual-only": (lambda: "only eventually consistent", lambda: "it is only eventually consistent"),
    "no-ha": (lambda: "no replication with automatic failover", lambda: "it has no replication with automatic failover"),
    "no-ha-open-source": (lambda note: "automatic failover only in a commercial edition, outside the licence rule"
                          + _suffix(note and f"({note})", " "),
                          lambda note: "its automatic failover comes only in a commercial edition, which the licence "
                          "rule excludes" + _suffix(note and f"({note})", " ")),
    "holds-no-data": (lambda: "holds no data of its own", None),
    "volume-documented": (_beyond_limit, _beyond_limit),
    "throughput-documented": (_beyond_limit, _beyond_limit),
    "volume-judgement": (_far_beyond, _far_beyond),
    "throughput-judgement": (_far_beyond, _far_beyond),
    "retention-past-limit": (lambda retention, limit: f"keeps data for at most {limit}, not {retention}",
                             lambda retention, limit: f"it keeps data for at most {limit}, not {retention}"),
    "concurrency-far": (lambda n, limit: f"{n:,} concurrent clients are more than ten times the {limit:,} it serves well",
                        None),
    "too-slow": (lambda target, best, op: f"p99 {target} is faster than its best{_suffix(op, ' ')} of {best}",
                 lambda target, best, op: f"a p99 of {target} is faster than its best{_suffix(op, ' ')} of {best}"),
    "radar-hold": (lambda reason: "on hold in the team's radar" + _suffix(reason),
                   lambda reason: "it is on hold in the team's radar" + _suffix(reason)),
    "retired": (lambda state, since, successor: f"{state}{_suffix(since and str(since), ' since ')}, not for new work"
                + _suffix(successor, "; use ") + (" instead" if successor else ""),
                lambda state, since, successor: f"it is {state}{_suffix(since and str(since), ' since ')}, not for new work"
                + _suffix(successor, "; use ") + (" instead" if successor else "")),
    "end-of-life": (lambda date, successor: f"end of life since {date}, not for new work"
                    + _suffix(successor, "; use ") + (" instead" if successor else ""),
                    lambda date, successor: f"it reached its end of life on {date}"
                    + _suffix(successor, "; use ") + (" instead" if successor else "")),
    # reasons
    "serves-natively": (lambda caps: f"serves {join(caps)} natively", lambda caps: f"it serves {and_(caps)} natively"),
    "serves-through": (lambda cap, via: f"serves {cap} through {join(via)}, which the team runs", None),
    "also-offers": (lambda caps: f"also offers {join(caps)}", lambda caps: f"it also offers {and_(caps)}"),
    "sweet-spot": (lambda what, value, low, high: f"{what} {value} sits in its sweet spot ({low}-{high})",
                   lambda what, value, low, high: f"its sweet spot ({low}-{high}) covers {what} {value}"),
    "sweet-spots": (lambda sizes: f"{and_(sizes)} sit in its sweet spot",
                    lambda sizes: f"{and_(sizes)} both sit in its sweet spot"),
    "meets-latency": (lambda target, best, op: f"meets the p99 target of {target} (its best{_suffix(op, ' ')}: {best})",
                      lambda target, best, op: f"its best{_suffix(op, ' ')} p99 of {best} meets the {target} target"),
    "failover": (lambda: "replicates with automatic failover", None),
    "failover-offer": (lambda offer: f"fails over automatically as {offer}", None),
    "embedded": (lambda: "runs inside the application process: no server to operate", None),
    "simple": (lambda level: f"simple to operate ({level}/5)", lambda level: f"it is simple to operate ({level}/5)"),
    "form-managed": (lambda offer: f"bought as a managed service ({offer}): the provider runs it",
                     lambda offer: f"it can be bought as a managed service ({offer})"),
    "form-not-hosted": (lambda kind: f"a {kind}: nothing to host or keep available",
                        lambda kind: f"it is a {kind}, with nothing to host or keep available"),
    "existing": (lambda: "already run by the team: no new component", lambda: "the team already runs it"),
    "in-memory-backlog": (lambda backlog, ram: f"holds every message in RAM: a backlog of {backlog} (an hour of stalled "
                          f"consumers, or the stated volume) outgrows a node's {ram}, and writes stop when memory is full",
                          lambda backlog, ram: f"it holds every message in RAM, and a backlog of {backlog} outgrows "
                          f"a node's {ram}"),
    "existing-other-engine": (lambda offer, name: f"the team runs {name}, but {offer} is the provider's own engine "
                              f"behind its API: a migration like any other, so no credit for keeping it",
                              lambda offer, name: f"{offer} is another engine behind {name}'s API, so moving to it "
                              "is a migration"),
    "existing-falls-short": (lambda: "already run by the team, but it falls short of what the need asks or prefers: "
                             "no credit for keeping it",
                             lambda: "the team runs it, but it falls short of what the need asks or prefers"),
    "builds-on-existing": (lambda names: f"builds on {join(names)}, which the team runs: its data and skills stay",
                           lambda names: f"it builds on {and_(names)}, which the team runs, so its data and skills "
                           "stay"),
    "works-with": (lambda ids: f"works with what you run: {join(ids)}",
                   lambda ids: f"it works with what the team runs: {and_(ids)}"),
    "skills-fit": (lambda skills: f"fits the team's skills ({join(skills)})", None),
    "radar-adopt": (lambda reason: "adopted in the team's radar" + _suffix(reason and f"({reason})", " "),
                    lambda reason: "it is adopted in the team's radar" + _suffix(reason and f"({reason})", " ")),
    "cloud-native": (lambda cloud, service: f"{cloud}'s own managed service ({service})",
                     lambda cloud, service: f"it is {cloud}'s own managed service ({service})"),
    "managed-on": (lambda cloud, service: f"managed on {cloud} as {service}",
                   lambda cloud, service: f"it is managed on {cloud} as {service}"),
    "licence-meets": (lambda license, rule: f"licence {license} meets {rule}",
                      lambda license, rule: f"its licence, {license}, meets the {rule} rule"),
    "stack-reuse": (lambda needs: f"already chosen for {join(needs)}: one component serves "
                    + ("both" if len(needs) == 1 else f"all {len(needs) + 1}"),
                    lambda needs: f"it is already chosen for {and_(needs)}, so one component serves "
                    + ("both" if len(needs) == 1 else f"all {len(needs) + 1}")),
    "runs-on-stack": (lambda names: f"runs on {join(names)}, which another need already brings",
                      lambda names: f"it runs on {and_(names)}, which another need already brings"),
    "retention-log": (lambda retention: f"keeps a replayable log for {retention}", None),
    # trade-offs
    "cap-level": (lambda cap, level, note, via: f"{cap} is {level}" + _suffix(note)
                  + (f" (via {join(via)})" if via and not note else ""),
                  lambda cap, level, note, via: f"{cap} is only {level}" + _suffix(note)
                  + (f" (via {join(via)})" if via and not note else "") if level == "partial" else
                  f"{cap} comes only as an extension" + _suffix(note) + (f" (via {join(via)})" if via and not note else "")),
    "implied-missing": (lambda cap: f"no {cap} of its own", lambda cap: f"it has no {cap} of its own"),
    "keeps-nothing": (lambda role: f"keeps no {role} data of its own: pair it with a back end",
                      lambda role: f"it keeps no {role} data of its own, so it needs a back end beside it"),
    "prefer-missing": (lambda caps: f"no {join(caps)}", lambda caps: f"it has no {and_(caps)}"),
    "below-sweet": (lambda what, value, low: f"built for {low} and more; {value} of {what} does not need it",
                    lambda what, value, low: f"it is built for {low} and more, and {value} of {what} does not need it"),
    "above-sweet": (lambda what, value, high: f"{what} {value} is above its sweet spot ({high}): expect tuning",
                    lambda what, value, high: f"{what} {value} is above its sweet spot ({high}), so expect tuning"),
    "beyond-ceiling": (lambda what, value, ceiling: f"{what} {value} is beyond the largest deployments we know of "
                       f"({ceiling}): untested ground",
                       lambda what, value, ceiling: f"{what} {value} is beyond the largest deployments we know of "
                       f"({ceiling})"),
    "concurrency": (lambda n, limit: f"{n} concurrent clients exceed the {limit} it serves well", None),
    "ha-level": (lambda level, note: f"high availability is {level}" + _suffix(note),
                 lambda level, note: f"its high availability is only {level}" + _suffix(note)),
    "quorum-only": (lambda: "strong consistency only with quorum reads and writes",
                    lambda: "it is strongly consistent only with quorum reads and writes"),
    "runtime-only": (lambda runtime, skills: f"embeds only in {runtime} programs; the team works in {join(skills)}",
                     lambda runtime, skills: f"it embeds only in {runtime} programs, and the team works in {and_(skills)}"),
    "brings": (lambda names: f"brings {join(names)} to run as well", lambda names: f"it brings {and_(names)} to run as well"),
    "bundle": (lambda names: f"runs as several parts: {join(names)}", lambda names: f"it runs as several parts: {and_(names)}"),
    "complexity": (lambda level, reason: f"operational complexity {level}/5: {reason}",
                   lambda level, reason: f"its operational complexity is {level}/5: {reason[:1].lower()}{reason[1:].rstrip('.')}"),
    "skills-lacking": (lambda skills: f"the team would need {join(skills)} skills", None),
    "radar-ring": (lambda ring, reason: f"only '{ring}' in the team's radar" + _suffix(reason),
                   lambda ring, reason: f"it is only '{ring}' in the team's radar" + _suffix(reason)),
    "status": (lambda state, since, successor: f"project is {state}" + _suffix(since and str(since), " since ")
               + _suffix(successor, "; successor: "),
               lambda state, since, successor: f"the project is in {state} state" + _suffix(since and str(since), " since ")
               + _suffix(successor, "; successor: ")),
    "end-of-life-planned": (lambda date: f"end of life announced for {date}",
                            lambda date: f"its end of life is announced for {date}"),
    "not-on-used-cloud": (lambda only, used: f"only on {join(only)}, not on {join(used)}", None),
    "single-cloud": (lambda cloud: f"only available on {cloud}: fits only if you run there, and ties you to it",
                     lambda cloud: f"it is only available on {cloud}, which ties you to it"),
    "lock-in": (lambda cloud, service: f"{service} runs only on {cloud}: moving off it means a migration",
                lambda cloud, service: f"{service} runs only on {cloud}, so moving off it means a migration"),
    "proprietary": (lambda license: f"proprietary ({license}): no source, terms set by the vendor",
                    lambda license: f"it is proprietary ({license}), with terms set by the vendor"),
    "source-available": (lambda license: f"source-available licence {license}: not open source, read the terms",
                         lambda license: f"its licence, {license}, is source-available rather than open source"),
    "usage-cost": (lambda: "billed by use: cost grows with traffic and data, so model it before committing",
                   lambda: "it is billed by use, so cost grows with traffic and data"),
    "offer-status": (lambda offer, status, note: f"the managed offer {offer} is {status}" + _suffix(note), None),
    "no-retention-log": (lambda retention: f"deletes messages once consumed: keeping {retention} means another store",
                         lambda retention: f"it deletes messages once consumed, so keeping {retention} needs another store"),
    # why-not
    "lost": (lambda score, best, terms: f"scored {score:.2f} against {best:.2f}: " + "; ".join(terms),
             lambda score, best, terms: f"it scored {score:.2f} against {best:.2f}: " + "; ".join(terms)),
    "lost-close": (lambda score, best: f"scored {score:.2f} against {best:.2f}: close, but scored lower", None),
    "lost-to-stack": (lambda winner, needs: f"{winner} already serves {join(needs)}: one component fewer to run",
                      None),
}


class Note(str):
    """A worded engine statement that remembers what it says (`code`, `params`)."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, **params: Any) -> Note:
        plain, _ = WORDING[code]
        note = super().__new__(cls, plain(**params))
        note.code = code
        note.params = params
        return note

    def clause(self) -> str:
        """The statement as a clause that can follow 'because'."""
        plain, clause = WORDING[self.code]
        return clause(**self.params) if clause else f"it {plain(**self.params)}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.code, self.params))


def _rebuild(code: str, params: dict[str, Any]) -> Note:
    return Note(code, **params)
