"""How well unmet demand is grouped (``make eval``): the labelled interest strings in
tests/eval/interest_groups.yaml, grouped as the commissioning report groups them
(badge_core/matching/interest_groups.py); pairwise precision and recall. A pair of strings
is right when both are in one group and labelled as one demand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

from badge_core.matching.interest_groups import Encode, group_interests


@dataclass(frozen=True)
class GroupingQuality:
    split: str
    strings: int
    demands: int  # labelled groups
    rows: int  # groups the grouping made
    precision: float
    recall: float


def evaluate_grouping(path: Path, encode: Encode | None) -> list[GroupingQuality]:
    """All the labelled strings grouped at once, as the report groups everything learners
    asked for together; then the pairs inside each split, from that same grouping.

    Only the first row counts: pairs across the splits hold most of the set's lookalikes
    (art and graffiti, drama and musical theatre are in different splits), so a split's own
    pairs leave out most wrong merges."""
    labelled = yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]
    demand = {s: g["label"] for g in labelled for s in g["strings"]}
    split_of = {s: g["split"] for g in labelled for s in g["strings"]}
    made = group_interests(dict.fromkeys(demand, 1), encode)
    row = {phrase: i for i, group in enumerate(made) for phrase in group.phrases}
    results = []
    for split in ["all", *sorted(set(split_of.values()))]:
        strings = [s for s in demand if split in ("all", split_of[s])]
        together = same = both = 0
        for a, b in itertools.combinations(strings, 2):
            grouped, labelled_one = row[a] == row[b], demand[a] == demand[b]
            together += grouped
            same += labelled_one
            both += grouped and labelled_one
        results.append(
            GroupingQuality(
                split,
                len(strings),
                len({demand[s] for s in strings}),
                len({row[s] for s in strings}),
                both / together if together else 1.0,
                both / same if same else 1.0,
            )
        )
    return results
