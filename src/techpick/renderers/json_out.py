"""The recommendation as the JSON of the contract (section 2)."""

from __future__ import annotations

import json
from typing import Any

from techpick.recommend import Candidate, Recommendation, explanation, why_not


def as_dict(rec: Recommendation, explain: bool = False) -> dict[str, Any]:
    needs = []
    for result in rec.needs:
        best = result.picks[0] if result.picks else None
        picks = []
        for pick in result.picks:
            item: dict[str, Any] = {"id": pick.id, "name": pick.name, "score": pick.score,
                                    "reasons": [str(r) for r in pick.reasons],
                                    "tradeoffs": [str(t) for t in pick.tradeoffs], **_form(pick)}
            if explain:
                item["explain"] = _explain(pick)
            picks.append(item)
        considered = []
        for cand in result.considered:
            item = {"id": cand.id, "score": cand.score, "why_not": [str(w) for w in why_not(cand, best)]}
            if not cand.passes:
                item["ruled_out"] = True  # no score: it fails a hard requirement
            if explain and cand.passes:
                item["explain"] = _explain(cand)
            considered.append(item)
        needs.append({"id": result.id, "role": result.role, "picks": picks, "considered": considered})
    return {
        "version": 1,
        "catalog": {"technologies": rec.catalog_size, "digest": rec.digest},
        "needs": needs,
        "stack": {"components": rec.stack, "notes": rec.stack_notes},
        "warnings": list(rec.warnings),
    }


def _form(cand: Candidate) -> dict[str, Any]:
    """Contract 1.1: `form`, and `offer` for a managed one."""
    if cand.form is None:
        return {}
    out: dict[str, Any] = {"form": cand.form.name}
    if cand.form.offer is not None:
        out["offer"] = {"service": cand.form.offer.service, "provider": cand.form.offer.provider}
    return out


def _explain(cand: Candidate) -> list[dict[str, Any]]:
    return [{"term": t.label, "value": t.value} for t in explanation(cand)]


def render(rec: Recommendation, explain: bool = False, title: str | None = None) -> str:
    return json.dumps(as_dict(rec, explain), indent=2, ensure_ascii=False) + "\n"
