"""How well skills are proposed for imported activities (``make eval``): the labelled
activities in tests/eval/imported_activity_skills.yaml, each proposed skills as an import
proposes them (badge_core/services/skill_proposals.py).

precision@3: of the (up to three) skills proposed, the share a reviewer would confirm
(``accept``); main hit: the activity's main skill is among them. Per split; the margin was
chosen on dev only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from badge_core.matching.matcher import ItemVectors
from badge_core.services.skill_proposals import MARGIN, MAX_PROPOSED, chosen, proposal_text


@dataclass(frozen=True)
class ProposalQuality:
    split: str
    activities: int
    proposed: float  # skills proposed per activity, on average
    precision: float
    main_hit: float


def evaluate_proposals(
    path: Path,
    skills: ItemVectors,
    encode: Callable[[list[str]], object],
    margin: float = MARGIN,
) -> list[ProposalQuality]:
    labelled = yaml.safe_load(path.read_text(encoding="utf-8"))["activities"]
    texts = [proposal_text(a["title"], a.get("description") or "", []) for a in labelled]
    vectors = encode(texts)
    rows = []
    for item, vector in zip(labelled, vectors, strict=True):  # type: ignore[call-overload]
        keys = [m.key for m in chosen(skills.rank(vector, MAX_PROPOSED), margin)]
        right = sum(k in item["accept"] for k in keys)
        rows.append((item["split"], len(keys), right / len(keys), item["main"] in keys))
    results = []
    for split in dict.fromkeys(r[0] for r in rows):  # in the order the set gives them
        part = [r for r in rows if r[0] == split]
        results.append(
            ProposalQuality(
                split,
                len(part),
                sum(r[1] for r in part) / len(part),
                sum(r[2] for r in part) / len(part),
                sum(r[3] for r in part) / len(part),
            )
        )
    return results
