"""The result of `techpick check` for a terminal or a CI log: one line per need, then why."""

from __future__ import annotations

from techpick.check import CheckResult


def render(result: CheckResult) -> str:
    lines: list[str] = []
    for v in result.verdicts:
        decided = ", ".join(v.decided)
        if v.fits:
            now = f" (today the engine would pick {v.now} first)" if v.now else ""
            lines.append(f"ok    {v.need_id} ({v.role}): {v.holds} still fits{now}")
        else:
            what = f"{decided} does not fit" if v.decided else "nothing decided fits"
            lines.append(f"FAIL  {v.need_id} ({v.role}): {what}")
            lines += [f"        - {reason}" for reason in v.reasons]
            if v.now:
                lines.append(f"        today the engine would pick {v.now}")
    lines += [f"note: {note}" for note in result.notes]
    failed = sum(1 for v in result.verdicts if not v.fits)
    total = len(result.verdicts)
    lines.append(f"the stack fits all {total} need{'s' if total != 1 else ''}" if not failed
                 else f"the stack does not fit {failed} of {total} need{'s' if total != 1 else ''}")
    return "\n".join(lines) + "\n"
