"""Unmet demand grouped by spelling and meaning (issue 26 item 5): "footy", "ftball" and
"football" are one row of the commissioning report, lookalikes that different providers meet
stay apart, no phrase fewer than five learners typed is ever shown, and each row names the
city's nearest skill. The labelled set is grouped with the real embedding model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from badge_core.db import UnitOfWorkFactory
from badge_core.demo.interest_groups_eval import evaluate_grouping
from badge_core.matching.interest_groups import group_interests
from badge_core.matching.matcher import Matcher
from badge_core.models import Skill
from badge_core.services.insights import OTHER, build_insights
from badge_core.services.learners import register_learner
from badge_core.services.search import find_activities
from tests.conftest import REPO, SECRET

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)


def _rows(asked: dict[str, int], matcher: Matcher | None = None) -> dict[str, set[str]]:
    encode = matcher.embedder.encode if matcher else None
    return {g.label: set(g.phrases) for g in group_interests(asked, encode)}


def test_spellings_and_generic_words_of_one_demand_are_one_row_named_by_the_most_asked() -> None:
    rows = _rows(
        {"football": 9, "footy": 4, "ftball": 2, "football for girls": 1, "soccer": 1, "fotball": 1}
    )
    assert rows == {
        "football": {"football", "footy", "ftball", "football for girls", "soccer", "fotball"}
    }
    rows = _rows({"musik": 3, "music lessons": 1, "drawin": 2, "drawing": 1, "art club": 1})
    assert rows == {
        "musik": {"musik", "music lessons"},
        "drawin": {"drawin", "drawing", "art club"},
    }


def test_two_letters_swapped_and_who_it_is_for_do_not_make_another_demand() -> None:
    rows = _rows({"film making": 3, "flim making": 1, "yoga": 2, "yoga for teens": 1})
    assert rows == {
        "film making": {"film making", "flim making"},
        "yoga": {"yoga", "yoga for teens"},
    }


@pytest.mark.parametrize(
    "apart",
    [
        ("boxing", "kickboxing", "karate"),
        ("gym", "gymnastics"),
        ("tennis", "table tennis"),
        ("running", "free running"),
        ("music", "musical theatre", "singing", "making beats"),
        ("art", "martial arts", "arts and crafts"),
        ("gaming", "game design", "coding"),
        ("gaming", "minecraft modding", "making roblox games"),
        ("riding lessons", "braiding"),  # a misspelling keeps its first letter
        ("pool", "swimming pool"),
    ],
)
def test_lookalikes_different_providers_meet_stay_apart(apart: tuple[str, ...]) -> None:
    assert len(_rows(dict.fromkeys(apart, 1))) == len(apart)


def test_a_phrase_no_rule_knows_joins_another_by_meaning_only_with_the_model(
    matcher: Matcher,
) -> None:
    asked = {"underwater hockey": 3, "under water hockey": 2, "octopush": 1}
    assert _rows(asked)["underwater hockey"] == {"underwater hockey", "under water hockey"}
    assert len(_rows({"metal detecting": 1, "lockpicking": 1}, matcher)) == 2


def test_the_labelled_set_grouped_at_once_keeps_its_measured_quality(matcher: Matcher) -> None:
    [every, *splits] = evaluate_grouping(
        REPO / "tests/eval/interest_groups.yaml", matcher.embedder.encode
    )
    assert every.split == "all" and every.strings >= 100
    assert {s.split for s in splits} == {"dev", "holdout"}
    # The aim is 0.9 each. Measured when this was written: precision 0.86 (lookalikes the
    # lexicon puts together and the set keeps apart, like art and graffiti), recall 0.92.
    # These bounds catch a change for the worse; they do not say the aim is met.
    assert every.precision >= 0.84 and every.recall >= 0.9, every
    assert every.rows < every.strings / 3, every  # a commissioner reads a third of the rows


def _search(uow: UnitOfWorkFactory, phrases: dict[str, int]) -> None:
    n = 0
    for phrase, learners in phrases.items():
        for _ in range(learners):
            n += 1
            learner = register_learner(uow(), SECRET, "plymouth", "sms", f"asker-{n}", now=NOW)
            find_activities(uow, "plymouth", phrase, learner_id=learner.learner_id, now=NOW)


def test_the_report_counts_a_demand_once_under_a_name_enough_learners_used(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    _search(
        indexed_uow,
        {
            "footy": 2,
            "ftball": 2,
            "soccer": 2,
            "underwater basket weaving": 3,
            "underwater basketweaving": 2,
        },
    )
    insights = build_insights(
        indexed_uow(), "plymouth", start=NOW - timedelta(days=1), end=NOW + timedelta(days=1)
    )
    rows = {row[0]: row[1:] for row in insights.table("unmet_demand").rows}
    # six learners, none of whose phrases five used: shown under the lexicon's name
    assert rows["football"] == [6, rows["football"][1]]
    # five learners, but no name five of them typed and none the lexicon knows: not shown
    assert "underwater basket weaving" not in rows and rows[OTHER][0] == 5
    with_meaning = build_insights(
        indexed_uow(),
        "plymouth",
        start=NOW - timedelta(days=1),
        end=NOW + timedelta(days=1),
        matcher=matcher,
    ).table("unmet_demand")
    assert with_meaning.columns == ["interest", "nearest skill", "searches", "found nothing"]
    named = {row[0]: row[1] for row in with_meaning.rows}
    with indexed_uow().reading() as unit:
        skills = set(unit.session.scalars(select(Skill.name)))
    assert named["football"] in skills and named[OTHER] == ""
