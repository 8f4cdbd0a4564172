"""Semantic matching with the real model: what young people mean, not only their words."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import func, select

from badge_core.citypack import load_pack, pack_documents, read_pack
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.matching.embedder import default_embedder
from badge_core.matching.matcher import Matcher
from badge_core.models import Activity, Embedding
from badge_core.services.learners import register_learner
from badge_core.services.pathways import suggest_pathways
from badge_core.services.search import find_activities
from badge_core.services.skills import read_skills
from badge_core.services.vectors import (
    activity_scores,
    index_city,
    load_city_vectors,
    pathway_matches,
    skill_matches,
)
from tests.conftest import selects, tables_read
from tests.core.packs import write_pack
from tests.matching.conftest import CountingEmbedder


def test_an_indexed_city_is_not_encoded_again(indexed_uow: UnitOfWorkFactory) -> None:
    embedder = CountingEmbedder()
    stats = index_city(indexed_uow(), "plymouth", embedder)
    assert (stats.encoded, embedder.encoded) == (0, [])
    assert stats.reused > 500


def test_an_edited_pack_encodes_only_what_changed(
    indexed_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = pack_documents(indexed_uow(), "plymouth")
    docs["spine"]["strands"][0]["skills"][0]["examples"].append(
        "i always hear my nan out when she rambles"
    )
    load_pack(indexed_uow(), read_pack(write_pack(tmp_path / "edited", docs)))
    embedder = CountingEmbedder()
    stats = index_city(indexed_uow(), "plymouth", embedder)
    assert embedder.encoded == ["i always hear my nan out when she rambles"]
    assert stats.encoded == 1 and stats.pruned == 0


def test_only_the_learners_text_is_encoded_per_message(indexed_uow: UnitOfWorkFactory) -> None:
    embedder = CountingEmbedder()
    matcher = Matcher(embedder)
    skill_matches(
        indexed_uow, matcher, "plymouth", "warm up"
    )  # the city's vectors come from the cache
    embedder.encoded.clear()
    skill_matches(indexed_uow, matcher, "plymouth", "i helped my mates with a group project")
    pathway_matches(indexed_uow, matcher, "plymouth", "i want to be a nurse")
    assert embedder.encoded == ["i helped my mates with a group project", "i want to be a nurse"]


def test_a_short_text_is_encoded_once_and_a_sentence_every_time() -> None:
    embedder = CountingEmbedder()
    matcher = Matcher(embedder)
    kept = matcher.encode("football")  # an interest: many learners send the same word
    assert np.array_equal(matcher.encode("football"), kept)
    assert np.allclose(kept, embedder.inner.encode(["football"])[0], atol=1e-6)
    with pytest.raises(ValueError):
        kept[0] = 1.0  # read-only: no caller can change it under the next one
    sentence = "i want to be a games designer"  # someone's own words: never kept
    assert np.allclose(matcher.encode(sentence), matcher.encode(sentence), atol=1e-6)
    assert embedder.encoded == ["football", sentence, sentence]


def test_a_changed_city_is_reloaded_by_a_running_matcher(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    before = load_city_vectors(indexed_uow, matcher, "plymouth").version
    docs = pack_documents(indexed_uow(), "plymouth")
    docs["pathways"]["pathways"][0]["examples"].append("i want to build robots for the navy")
    load_pack(indexed_uow(), read_pack(write_pack(tmp_path / "edited", docs)))
    index_city(indexed_uow(), "plymouth", matcher.embedder)
    assert load_city_vectors(indexed_uow, matcher, "plymouth").version != before


def test_an_argument_sorted_out_points_to_people_skills(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    top3 = [
        m.key
        for m in skill_matches(
            indexed_uow, matcher, "plymouth", "I sorted out an argument between my mates"
        )
    ]
    assert {"teamwork", "listening", "leadership"} & set(top3), top3


def test_goals_rank_the_right_pathway_first(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    for goal, pathway in [
        ("I want to be a games designer", "digital-careers"),
        ("i like looking after animals", "health-and-care"),
        ("dunno, something with computers", "digital-careers"),
    ]:
        assert pathway_matches(indexed_uow, matcher, "plymouth", goal)[0].key == pathway, goal


def test_making_beats_finds_the_session_that_never_says_music(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    docs = pack_documents(indexed_uow(), "plymouth")
    [beat_lab] = [a for a in docs["activities"]["activities"] if a["id"] == "beat-lab-stonehouse"]
    assert "making beats" not in beat_lab["examples"]  # found by meaning, not a stored phrase
    result = find_activities(indexed_uow, "plymouth", "making beats", matcher=matcher)
    assert result.exact and result.hits[0].key == "beat-lab-stonehouse"


def test_an_activity_is_found_by_the_way_young_people_ask_for_it(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    """A city team adds how learners ask for an activity; the next search ranks it higher."""
    asked = "writing match reports for my team"

    def rank_of_writers() -> int:
        scores = activity_scores(indexed_uow, matcher, "plymouth", asked)
        with indexed_uow() as uow:
            writers = uow.session.scalar(
                select(Activity.id).where(Activity.key == "story-forge-central")
            )
        return sorted(scores, key=scores.get, reverse=True).index(writers)

    before = rank_of_writers()
    docs = pack_documents(indexed_uow(), "plymouth")
    [writers] = [a for a in docs["activities"]["activities"] if a["id"] == "story-forge-central"]
    writers["examples"].append(asked)
    load_pack(indexed_uow(), read_pack(write_pack(tmp_path / "edited", docs)))
    embedder = CountingEmbedder()
    index_city(indexed_uow(), "plymouth", embedder)
    assert embedder.encoded == [asked]
    assert before > 0 and rank_of_writers() == 0


def test_outdoors_free_on_saturday_filters_as_well_as_matches(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    result = find_activities(
        indexed_uow, "plymouth", "something outdoors thats free on saturday", matcher=matcher
    )
    assert result.asked.free_only and result.asked.window.label == "on Saturday"
    assert result.hits and all(hit.cost_pence == 0 for hit in result.hits)
    if "when" not in result.relaxed:  # late on a Saturday the next one is a week away
        tz = ZoneInfo("Europe/London")
        assert all(hit.starts_at.astimezone(tz).weekday() == 5 for hit in result.hits)
    assert result.hits[0].key in {
        "central-park-wildlife-watch",
        "wembury-shore-search",
        "saltram-young-rangers",
        "hoe-coast-clean",
    }


def test_no_near_misses_for_something_not_on_offer(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    result = find_activities(indexed_uow, "plymouth", "knitting", matcher=matcher)
    assert result.relaxed == ["what"]


def test_unsure_readings_ask_and_sure_ones_say(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    sure = read_skills(
        indexed_uow, "plymouth", "i cook tea for my whole family every friday", matcher=matcher
    )
    assert sure.confident and sure.shown[0].key == "food"
    unsure = read_skills(indexed_uow, "plymouth", "stuff happened", matcher=matcher)
    assert not unsure.confident and len(unsure.shown) == 1


def test_a_pathway_suggestion_gives_progress_and_a_next_step_nearby(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    [best, *_] = suggest_pathways(
        indexed_uow,
        "plymouth",
        "i want to be a games designer",
        home_district="PL2",
        age_band="13-15",
        matcher=matcher,
    )
    assert best.key == "digital-careers" and best.steps_done == 0
    assert best.next_step and best.next_activity is not None
    assert best.next_activity.age_max >= 13 and best.next_activity.age_min <= 15


def test_a_search_by_meaning_sees_an_activity_a_pack_load_renamed(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    asked = "underwater robots"
    before = find_activities(indexed_uow, "plymouth", asked, matcher=matcher)  # matcher warm
    assert "Underwater Robotics" not in [hit.title for hit in before.hits]
    docs = pack_documents(indexed_uow(), "plymouth")
    weekly = next(a for a in docs["activities"]["activities"] if a.get("schedule"))
    weekly.update(
        title="Underwater Robotics",
        description="Build robots that swim and race them in the pool.",
        examples=["i want to make a robot that goes underwater"],
    )
    load_pack(indexed_uow(), read_pack(write_pack(tmp_path / "edited", docs)))
    index_city(indexed_uow(), "plymouth", matcher.embedder)

    after = find_activities(indexed_uow, "plymouth", asked, matcher=matcher)

    assert after.exact and after.hits[0].title == "Underwater Robotics"


def test_a_pathway_suggestion_reads_the_city_and_the_learners_awards_once(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher
) -> None:
    asked = "i want to be a games designer"
    suggest_pathways(indexed_uow, "plymouth", asked, learner_id=None, matcher=matcher)  # warm
    learner_id = register_learner(indexed_uow(), "k", "plymouth", "sms", "reader").learner_id
    with selects() as reads:
        suggestions = suggest_pathways(
            indexed_uow, "plymouth", asked, learner_id=learner_id, matcher=matcher
        )

    assert suggestions and suggestions[0].steps_done == 0
    assert tables_read(reads) == ["cities", "awards"], reads


def test_a_city_loaded_without_indexing_is_matched_and_a_read_writes_nothing(
    plymouth_db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A pack loaded with --no-index: the learner still gets an answer (the city's texts are
    encoded in memory), the read stores no vector, and the log says what to do."""
    engine = make_engine(plymouth_db_url)
    uow = unit_of_work_factory(engine)
    try:
        with caplog.at_level("WARNING", logger="badge_core.services.vectors"):
            top = skill_matches(
                uow, Matcher(default_embedder()), "plymouth", "i coached the under 9s"
            )
        assert top and top[0].score > 0.3
        with uow() as unit:
            assert unit.session.scalar(select(func.count()).select_from(Embedding)) == 0
        assert "without --no-index" in caplog.text
    finally:
        engine.dispose()
