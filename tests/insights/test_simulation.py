"""The traffic simulator: deterministic for a seed, every outcome a report shows, and nothing
outside the simulated weeks.

One small simulation (60 learners, 4 weeks, across the spring clock change) is run once for
the module; the tests that need a second run copy the Plymouth template again.
"""

from __future__ import annotations

import random
import shutil
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.demo import (
    ANYTHING,
    CLAIM_OUTCOMES,
    TEMPLATES,
    TIME_WORDS,
    UNMET_INTERESTS,
    SimulationSummary,
    random_code,
    simulate,
)
from badge_core.models import AgeBand, Award, AwardStatus, ClaimCode, Event, Learner
from badge_core.services.insights import build_insights
from badge_core.text import content_words
from colbot_shared.codes import normalise_code
from tests.conftest import SECRET, sqlite_url

END = datetime(2026, 4, 6, 9, tzinfo=UTC)  # the clocks went forward on 29 March
WEEKS = 4
START = END - timedelta(weeks=WEEKS)
LEARNERS = 60
UNMET = [phrase for phrase, _ in UNMET_INTERESTS]


def _run(uow: UnitOfWorkFactory, seed: int = 1) -> SimulationSummary:
    return simulate(
        uow, "plymouth", learners=LEARNERS, weeks=WEEKS, seed=seed, secret_key=SECRET, end=END
    )


@pytest.fixture(scope="module")
def simulated(
    plymouth_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[UnitOfWorkFactory, SimulationSummary]]:
    """A Plymouth database after the seed-1 simulation, shared by the read-only tests."""
    path = tmp_path_factory.mktemp("simulated") / "colbot.db"
    shutil.copy(plymouth_db_template, path)
    engine = make_engine(sqlite_url(path))
    uow = unit_of_work_factory(engine)
    yield uow, _run(uow)
    engine.dispose()


def _tables(uow: UnitOfWorkFactory) -> tuple[list[tuple], list[tuple]]:
    """The event log and awards, as far as they must be the same for the same seed."""
    with uow() as unit:
        events = [
            (e.kind, e.occurred_at, e.channel, e.data)
            for e in unit.session.scalars(select(Event).order_by(Event.id))
        ]
        awards = [
            (a.badge_class.key, a.status, a.awarded_at)
            for a in unit.session.scalars(select(Award).order_by(Award.id))
        ]
    return events, awards


def _events(uow: UnitOfWorkFactory, kind: str) -> list[Event]:
    with uow() as unit:
        return list(unit.session.scalars(select(Event).where(Event.kind == kind)))


def test_the_same_seed_gives_the_same_traffic(
    uow: UnitOfWorkFactory, simulated: tuple[UnitOfWorkFactory, SimulationSummary]
) -> None:
    first_uow, first = simulated
    second = _run(uow)
    assert second == first
    first_events, first_awards = _tables(first_uow)
    second_events, second_awards = _tables(uow)
    assert second_events == first_events
    assert second_awards == first_awards
    assert len(first_events) > LEARNERS and first_awards


def test_another_seed_gives_other_traffic(
    uow: UnitOfWorkFactory, simulated: tuple[UnitOfWorkFactory, SimulationSummary]
) -> None:
    first_uow, first = simulated
    other = _run(uow, seed=2)
    assert other != first
    assert _tables(uow)[0] != _tables(first_uow)[0]


def test_the_summary_counts_what_is_in_the_database(
    simulated: tuple[UnitOfWorkFactory, SimulationSummary],
) -> None:
    uow, summary = simulated
    assert summary.learners == LEARNERS
    assert (summary.start, summary.end) == (START, END)
    searches = _events(uow, "search")
    assert summary.searches == len(searches)
    assert summary.searches_without_results == sum(not e.data["results"] for e in searches)
    assert summary.pathway_suggestions == len(_events(uow, "pathway_suggested"))
    assert summary.codes == len(_events(uow, "code_created"))
    attempts = _events(uow, "claim_attempt")
    outcomes: dict[str, int] = defaultdict(int)
    for event in attempts:
        outcomes[event.data["outcome"]] += 1
    assert summary.claims_by_outcome == {k: outcomes[k] for k in CLAIM_OUTCOMES}
    assert summary.claims == len(attempts)
    with uow() as unit:
        assert len(list(unit.session.scalars(select(Learner)))) == LEARNERS
        pending = unit.session.scalars(
            select(Award).where(Award.status == AwardStatus.PENDING.value)
        ).all()
        assert summary.pending_awards == len(pending)
        codes = unit.session.scalars(select(ClaimCode)).all()
        assert summary.codes == len(codes)
        assert summary.claims_by_outcome["ok"] == sum(c.claims_count for c in codes)
    assert str(LEARNERS) in str(summary) and "TooManyAttempts" in str(summary)


def test_every_claim_outcome_happens_and_under_13s_and_unknown_ages_wait_for_a_youth_worker(
    simulated: tuple[UnitOfWorkFactory, SimulationSummary],
) -> None:
    uow, summary = simulated
    assert set(summary.claims_by_outcome) == set(CLAIM_OUTCOMES)
    assert all(summary.claims_by_outcome[outcome] > 0 for outcome in CLAIM_OUTCOMES), summary
    logged = {e.data["outcome"] for e in _events(uow, "claim_attempt")}
    assert logged == set(CLAIM_OUTCOMES)
    with uow() as unit:
        awards = unit.session.scalars(select(Award)).all()
        waits = (None, AgeBand.UNDER_13.value)  # M8: a skipped age question is no way round
        by_band = {(a.learner.age_band in waits, a.status) for a in awards}
    assert (True, AwardStatus.PENDING.value) in by_band
    assert (False, AwardStatus.AWARDED.value) in by_band
    # pending exactly for under-13s and learners who did not give their age
    assert (True, AwardStatus.AWARDED.value) not in by_band
    assert (False, AwardStatus.PENDING.value) not in by_band
    assert summary.pending_awards > 0


def test_unmet_interests_are_asked_by_enough_learners_to_be_reported(
    simulated: tuple[UnitOfWorkFactory, SimulationSummary],
) -> None:
    uow, summary = simulated
    searches = _events(uow, "search")
    assert summary.searches_without_results > 0
    assert any(e.data["results"] == 0 for e in searches)
    assert any(e.data["results"] > 0 for e in searches)
    learners_by_phrase: dict[str, set[int]] = defaultdict(set)
    for event in searches:
        if event.data["interest"] in UNMET:
            assert event.data["results"] == 0, event.data
            learners_by_phrase[event.data["interest"]].add(event.learner_id)
    assert {p: len(ls) >= 5 for p, ls in learners_by_phrase.items()} == dict.fromkeys(UNMET, True)
    # and so the city team sees each of them by name
    insights = build_insights(uow(), "plymouth", start=START, end=END)
    shown = {row[0] for row in insights.table("unmet_demand").rows}
    assert set(UNMET) <= shown


def test_traffic_is_varied(simulated: tuple[UnitOfWorkFactory, SimulationSummary]) -> None:
    uow, _ = simulated
    searches = _events(uow, "search")
    assert {e.channel for e in searches} == {"sms", "whatsapp", "telegram"}
    assert len({e.data["interest"] for e in searches}) > 15
    assert any(e.data["interest"] is None for e in searches)  # "whats on"
    assert any(e.data["when"] for e in searches)
    assert any(e.data["free_only"] for e in searches)
    with uow() as unit:
        learners = unit.session.scalars(select(Learner)).all()
        bands = {lr.age_band for lr in learners}
        districts = {lr.district for lr in learners}
        codes = unit.session.scalars(select(ClaimCode)).all()
    assert {b.value for b in AgeBand} <= bands
    assert len(districts - {None}) >= 5
    assert {c.max_claims == 1 for c in codes} == {True, False}  # single-use and shared
    assert all(c.activity_id is not None for c in codes)
    assert all(c.valid_until.date() - c.valid_from.date() <= timedelta(days=1) for c in codes)
    assert _events(uow, "pathway_suggested")


def test_nothing_happens_outside_the_simulated_weeks(
    simulated: tuple[UnitOfWorkFactory, SimulationSummary],
) -> None:
    uow, _ = simulated
    with uow() as unit:
        moments = list(unit.session.scalars(select(Event.occurred_at)))
        moments += unit.session.scalars(select(Award.awarded_at))
        moments += unit.session.scalars(select(Learner.created_at))
        moments += unit.session.scalars(select(Learner.consent_given_at))
        moments += unit.session.scalars(select(ClaimCode.valid_from))
    assert moments
    assert all(START <= moment < END for moment in moments), (min(moments), max(moments))


def test_made_up_codes_are_well_formed_and_repeatable() -> None:
    codes = [random_code(random.Random(7)) for _ in range(2)]
    assert codes[0] == codes[1]
    rng = random.Random(8)
    for code in (random_code(rng) for _ in range(200)):
        assert len(code) == 11 and code[5] == "-"
        assert normalise_code(code) == code.replace("-", "")


def test_search_wordings_keep_the_interest_a_learner_asked_for() -> None:
    """Only the interest reaches the log (what the report counts per phrase)."""
    for phrase in UNMET:
        for template in TEMPLATES:
            for when in ("", *TIME_WORDS):
                text = f"{template.format(x=phrase)} {when}"
                assert content_words(text) == phrase.split(), text
    for text in ANYTHING:
        assert content_words(text.replace("free", "")) == [], text


def test_nobody_and_bad_arguments(uow: UnitOfWorkFactory) -> None:
    empty = simulate(uow, "plymouth", learners=0, weeks=1, seed=1, secret_key=SECRET, end=END)
    assert (empty.learners, empty.searches, empty.claims, empty.codes) == (0, 0, 0, 0)
    with pytest.raises(ValueError):
        simulate(uow, "plymouth", learners=5, weeks=0, seed=1, secret_key=SECRET, end=END)


def test_colbot_simulate_refuses_a_deployment_that_real_people_use(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], settings, uow
) -> None:
    """Low: simulate had no guard, and would fill a live city's report with made-up learners."""
    from sqlalchemy import func

    from badge_core.cli import main as colbot
    from badge_core.models import Learner

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:live")
    assert colbot(["simulate", "--learners", "3", "--weeks", "1"], settings) == 2
    assert "TELEGRAM_BOT_TOKEN is set" in capsys.readouterr().err
    with uow() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Learner)) == 0
