"""The recommendation for a terminal: short lines, the decision first."""

from __future__ import annotations

from techpick.recommend import Recommendation, explanation, form_text, why_not


def render(rec: Recommendation, explain: bool = False, title: str | None = None) -> str:
    lines: list[str] = []
    for result in rec.needs:
        lines.append(f"{result.id} ({result.role})")
        if not result.picks:
            lines.append("  no technology meets every hard requirement")
        for rank, pick in enumerate(result.picks, 1):
            label = "pick" if rank == 1 else "or"
            lines.append(f"  {label:<4} {pick.name} [{pick.id}]  score {pick.score:.2f}  ({form_text(pick)})")
            for reason in pick.reasons:
                lines.append(f"         + {reason}")
            for tradeoff in pick.tradeoffs:
                lines.append(f"         - {tradeoff}")
            if explain:
                for term in explanation(pick):
                    lines.append(f"         {term.value:+.3f}  {term.label}")
        best = result.picks[0] if result.picks else None
        if result.considered:
            lines.append("  not chosen:")
            for cand in result.considered:
                lines.append(f"    {cand.id:<18} {'; '.join(why_not(cand, best))}")
                if explain:
                    for term in explanation(cand):
                        lines.append(f"{'':<23}{term.value:+.3f}  {term.label}")
        lines.append("")
    lines.append("stack: " + (", ".join(rec.stack) or "(empty)"))
    for note in rec.stack_notes:
        lines.append(f"  * {note}")
    for warning in rec.warnings:
        lines.append(f"warning: {warning}")
    return "\n".join(lines) + "\n"
