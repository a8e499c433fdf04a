"""The recommendation as the JSON of the contract (section 2)."""

from __future__ import annotations

import json
from typing import Any

from techpick.recommend import Recommendation, why_not


def as_dict(rec: Recommendation, explain: bool = False) -> dict[str, Any]:
    needs = []
    for result in rec.needs:
        best = result.picks[0] if result.picks else None
        picks = []
        for pick in result.picks:
            item: dict[str, Any] = {"id": pick.id, "name": pick.name, "score": pick.score,
                                    "reasons": pick.reasons, "tradeoffs": pick.tradeoffs}
            if explain:
                item["explain"] = [{"term": t.label, "value": t.value} for t in pick.terms]
            picks.append(item)
        considered = []
        for cand in result.considered:
            item = {"id": cand.id, "score": cand.score, "why_not": why_not(cand, best)}
            if explain and cand.passes:
                item["explain"] = [{"term": t.label, "value": t.value} for t in cand.terms]
            considered.append(item)
        needs.append({"id": result.id, "role": result.role, "picks": picks, "considered": considered})
    return {
        "version": 1,
        "catalog": {"technologies": rec.catalog_size, "digest": rec.digest},
        "needs": needs,
        "stack": {"components": rec.stack, "notes": rec.stack_notes},
        "warnings": rec.warnings,
    }


def render(rec: Recommendation, explain: bool = False) -> str:
    return json.dumps(as_dict(rec, explain), indent=2, ensure_ascii=False) + "\n"
