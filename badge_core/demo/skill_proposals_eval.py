"""How well skills are proposed for imported activities (``make eval``): the labelled
activities in tests/eval/imported_activity_skills*.yaml, each proposed skills as an import
proposes them (badge_core/services/skill_proposals.py).

precision@3: of the (up to three) skills proposed, the share a reviewer would confirm
(``accept``); main hit: the activity's main skill is among them. Per split; the margin was
chosen on dev only.

Each set is proposed three ways: by the spine's own texts alone; as the demo city's import
proposes (the spine and the pack's own activities); and as in a city whose team has also
confirmed the other sets' activities (their ``accept`` skills), one set left out at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
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


@dataclass(frozen=True)
class ProposalRow:
    """One split, proposed by the spine alone, with the pack, and with the other sets too."""

    alone: ProposalQuality
    with_pack: ProposalQuality
    with_others: ProposalQuality


@dataclass(frozen=True)
class _Set:
    labelled: list[dict]
    vectors: np.ndarray


def evaluate_proposals(
    paths: Sequence[Path],
    spine: ItemVectors,
    with_pack: ItemVectors,
    encode: Callable[[list[str]], object],
    margin: float = MARGIN,
) -> list[ProposalRow]:
    sets = []
    for path in paths:
        labelled = yaml.safe_load(path.read_text(encoding="utf-8"))["activities"]
        unknown = {k for a in labelled for k in [a["main"], *a["accept"]]} - set(spine.keys)
        if unknown:
            raise ValueError(f"{path.name} names skills the spine lacks: {sorted(unknown)}")
        texts = [proposal_text(a["title"], a.get("description") or "", []) for a in labelled]
        sets.append(_Set(labelled, np.asarray(encode(texts), dtype=np.float32)))
    rows = []
    for held, one in enumerate(sets):
        others = _confirmed(with_pack, [s for i, s in enumerate(sets) if i != held])
        scored = [_quality(one, skills, margin) for skills in (spine, with_pack, others)]
        rows += [ProposalRow(*by_split) for by_split in zip(*scored, strict=True)]
    return rows


def _confirmed(skills: ItemVectors, sets: list[_Set]) -> ItemVectors:
    """``skills`` taught by these sets' activities as if the city team had confirmed each
    one's ``accept`` skills (as ``skill_proposals.taught`` teaches by confirmed activities)."""
    return skills.with_examples(
        np.vstack([s.vectors for s in sets]), [item["accept"] for s in sets for item in s.labelled]
    )


def _quality(labelled: _Set, skills: ItemVectors, margin: float) -> list[ProposalQuality]:
    rows = []
    for item, vector in zip(labelled.labelled, labelled.vectors, strict=True):
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
