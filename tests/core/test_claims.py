"""Claiming badges with codes: every outcome a learner can meet, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from badge_core.db import UnitOfWorkFactory
from badge_core.errors import (
    AlreadyEarned,
    CodeExpired,
    CodeNotOpenYet,
    CodeUnknown,
    CodeUsedUp,
    TooManyAttempts,
)
from badge_core.models import Award, ClaimCode, CodeMiss, Event
from badge_core.services.claims import claim_badge, learner_awards
from badge_core.services.codes import create_claim_code, generate_code
from badge_core.services.learners import register_learner
from colbot_shared.codes import normalise_code
from tests.conftest import SECRET, selects, tables_read

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
BADGE = "beat-maker"


def learner(uow: UnitOfWorkFactory, sender: str = "sender-1", age_band: str = "13-15") -> int:
    return register_learner(uow(), SECRET, "plymouth", "rest", sender, age_band=age_band).learner_id


def code(uow: UnitOfWorkFactory, **kwargs) -> str:
    kwargs.setdefault("valid_from", NOW - timedelta(hours=1))
    return create_claim_code(uow(), SECRET, "plymouth", BADGE, **kwargs).code


def claim(uow: UnitOfWorkFactory, learner_id: int, typed: str, at: datetime = NOW):
    return claim_badge(uow(), SECRET, learner_id, typed, now=at)


def award_count(uow: UnitOfWorkFactory) -> int:
    with uow() as unit:
        return unit.session.scalar(select(func.count()).select_from(Award))


def test_a_code_awards_its_badge_and_names_the_skills(uow: UnitOfWorkFactory) -> None:
    summary = claim(uow, learner(uow), code(uow))
    assert summary.badge_key == BADGE
    assert summary.status == "awarded"
    assert "Music" in summary.skills
    assert award_count(uow) == 1


def test_a_claim_answers_with_what_it_stored_without_reading_the_award_back(
    uow: UnitOfWorkFactory,
) -> None:
    learner_id, issued = learner(uow), code(uow)
    with selects() as reads:
        summary = claim(uow, learner_id, issued)
    # one read of awards: the "already earned?" check before the insert, none after it
    assert tables_read(reads).count("awards") == 1
    with uow() as unit:
        stored = unit.session.scalars(select(Award)).one()
        assert (stored.public_id, stored.status) == (summary.award_public_id, summary.status)
        assert stored.awarded_at.replace(tzinfo=UTC) == summary.awarded_at == NOW


@pytest.mark.parametrize(
    "typed",
    ["{a}-{b}", "{a}{b}", "{a} {b}", "{lower_a} {lower_b}", "  {a}--{b} "],
)
def test_codes_read_however_they_are_typed(uow: UnitOfWorkFactory, typed: str) -> None:
    issued = code(uow)
    a, b = issued.split("-")
    text = typed.format(a=a, b=b, lower_a=a.lower(), lower_b=b.lower())
    assert claim(uow, learner(uow), text).badge_key == BADGE


def test_o_i_and_l_are_read_as_0_and_1() -> None:
    assert normalise_code("oi2ab-lc3de") == "012AB1C3DE"


def test_generated_codes_are_well_formed_and_never_words() -> None:
    codes = {generate_code() for _ in range(500)}
    assert len(codes) == 500
    for issued in codes:
        plain = issued.replace("-", "")
        assert normalise_code(issued) == plain
        assert any(c in "23456789" for c in plain[:5]) and any(c in "23456789" for c in plain[5:])
        assert sum(c.isalpha() for c in plain) >= 2
    assert normalise_code("footballer") is None  # ten letters, a word, not a code
    assert normalise_code("0775212345") is None  # ten digits, a phone number, not a code


def test_only_a_keyed_hash_of_a_code_is_stored(uow: UnitOfWorkFactory) -> None:
    issued = code(uow).replace("-", "")
    with uow() as unit:
        row = unit.session.scalar(select(ClaimCode))
        assert issued not in row.code_hash and row.hint == issued[:2]


def test_an_unknown_code_is_refused(uow: UnitOfWorkFactory) -> None:
    with pytest.raises(CodeUnknown):
        claim(uow, learner(uow), "K7QX2-M9PTW")
    assert award_count(uow) == 0


def test_an_expired_code_is_refused(uow: UnitOfWorkFactory) -> None:
    issued = code(uow, valid_until=NOW - timedelta(minutes=1))
    with pytest.raises(CodeExpired):
        claim(uow, learner(uow), issued)


def test_a_code_before_its_window_says_when_it_opens(uow: UnitOfWorkFactory) -> None:
    opens = NOW + timedelta(hours=2)
    issued = code(uow, valid_from=opens, valid_until=opens + timedelta(hours=1))
    with pytest.raises(CodeNotOpenYet) as refused:
        claim(uow, learner(uow), issued)
    assert refused.value.opens_at == opens


def test_a_single_use_code_is_used_up_after_one_claim(uow: UnitOfWorkFactory) -> None:
    issued = code(uow)
    claim(uow, learner(uow, "first"), issued)
    with pytest.raises(CodeUsedUp):
        claim(uow, learner(uow, "second"), issued)
    assert award_count(uow) == 1


def test_a_capped_code_stops_at_its_cap(uow: UnitOfWorkFactory) -> None:
    issued = code(uow, max_claims=3)
    for n in range(3):
        claim(uow, learner(uow, f"learner-{n}"), issued)
    with pytest.raises(CodeUsedUp):
        claim(uow, learner(uow, "one-too-many"), issued)
    assert award_count(uow) == 3


def test_claiming_again_is_harmless_and_says_already_earned(uow: UnitOfWorkFactory) -> None:
    learner_id = learner(uow)
    issued = code(uow, max_claims=5)
    first = claim(uow, learner_id, issued)
    with pytest.raises(AlreadyEarned) as again:
        claim(uow, learner_id, issued)
    assert again.value.award.award_public_id == first.award_public_id
    assert award_count(uow) == 1
    with uow() as unit:  # the repeat did not use up a claim
        assert unit.session.scalar(select(ClaimCode.claims_count)) == 1


def test_too_many_failed_tries_are_refused_until_the_window_passes(uow: UnitOfWorkFactory) -> None:
    learner_id = learner(uow)
    issued = code(uow, valid_until=NOW + timedelta(hours=2))
    for minute in range(5):
        with pytest.raises(CodeUnknown):
            claim(uow, learner_id, "ZZZZ9-ZZZZ9", NOW + timedelta(minutes=minute))
    with pytest.raises(TooManyAttempts) as limited:
        claim(uow, learner_id, issued, NOW + timedelta(minutes=6))
    assert limited.value.retry_at == NOW + timedelta(minutes=15)
    # a refused try does not extend the wait; after it, the real code works
    assert claim(uow, learner_id, issued, NOW + timedelta(minutes=16)).badge_key == BADGE


def test_an_under_13s_claim_waits_for_a_youth_worker(uow: UnitOfWorkFactory) -> None:
    summary = claim(uow, learner(uow, age_band="under-13"), code(uow))
    assert summary.status == "pending"
    assert learner_awards(uow(), learner(uow, age_band="under-13"))[0].status == "pending"


def test_a_learner_who_skipped_the_age_question_waits_for_a_youth_worker_too(
    uow: UnitOfWorkFactory,
) -> None:
    """M8: skipping the age question awarded under-13s at once."""
    skipped = register_learner(uow(), SECRET, "plymouth", "rest", "no-age").learner_id
    assert claim(uow, skipped, code(uow)).status == "pending"


def test_every_attempt_is_logged_with_its_outcome(uow: UnitOfWorkFactory) -> None:
    learner_id = learner(uow)
    with pytest.raises(CodeUnknown):
        claim(uow, learner_id, "K7QX2-M9PTW")
    claim(uow, learner_id, code(uow))
    with uow() as unit:
        outcomes = [
            e.data["outcome"]
            for e in unit.session.scalars(select(Event).order_by(Event.id))
            if e.kind == "claim_attempt"
        ]
    assert outcomes == ["CodeUnknown", "ok"]


def wrong_guesses_like(real: str, count: int) -> list[str]:
    """``count`` different well-formed codes with the real code's prefix, none of them it."""
    normalised = normalise_code(real)
    guesses: set[str] = set()
    while len(guesses) < count:
        guess = normalise_code(normalised[:2] + generate_code().replace("-", "")[2:])
        if guess and guess != normalised:
            guesses.add(guess)
    return sorted(guesses)


def test_guesses_spread_over_many_learners_shut_that_code_prefix_to_guessers_only(
    uow: UnitOfWorkFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """M1: the wall was checked before the code was looked up, so 10 throwaway identities x
    5 wrong guesses with an event code's two printed characters blocked that code for
    everyone at the event for 15 minutes."""
    from badge_core.services.claims import MAX_PREFIX_MISSES

    real = code(uow, max_claims=30)  # an event's shared code
    prefix = normalise_code(real)[:2]
    other = code(uow)
    while normalise_code(other)[:2] == prefix:
        other = code(uow)
    guesses = wrong_guesses_like(real, MAX_PREFIX_MISSES + 1)
    for n, guess in enumerate(guesses[:MAX_PREFIX_MISSES]):  # five each: ten identities
        with pytest.raises(CodeUnknown):
            claim(uow, learner(uow, f"guesser-{n // 5}"), guess)
    # a young person with no misses of their own gets their badge
    assert claim(uow, learner(uow, "newcomer"), real).badge_key == "beat-maker"
    # one who has missed meets the wall on that prefix, and the wall is logged
    unlucky = learner(uow, "unlucky")
    with pytest.raises(CodeUnknown):
        claim(uow, unlucky, guesses[-1][:2] + "ZZZ2ZZZ2Z")
    with (
        caplog.at_level("WARNING", logger="badge_core.services.claims"),
        pytest.raises(TooManyAttempts) as refused,
    ):
        claim(uow, unlucky, real)
    assert refused.value.retry_at <= NOW + timedelta(minutes=15)
    assert f"claim codes starting {prefix} in city" in caplog.text
    # after the window the prefix opens again
    assert claim(uow, unlucky, real, at=NOW + timedelta(minutes=16)).badge_key
    # and other prefixes work all along, for a guesser too
    also_unlucky = learner(uow, "also-unlucky")
    with pytest.raises(CodeUnknown):
        claim(uow, also_unlucky, guesses[-1][:2] + "YYY3YYY3Y")
    assert claim(uow, also_unlucky, other).badge_key == "beat-maker"
    with uow() as unit:  # two characters of a wrong code are kept for the limit, never more
        logged = unit.session.scalars(select(Event.data).where(Event.kind == "claim_attempt")).all()
        kept = unit.session.scalars(select(CodeMiss.prefix)).all()
    assert not any("prefix" in d for d in logged)
    assert set(kept) == {prefix}


def test_misses_past_the_window_are_pruned_by_the_next_miss(uow: UnitOfWorkFactory) -> None:
    guesses = wrong_guesses_like(code(uow), 4)
    for n, guess in enumerate(guesses[:3]):
        with pytest.raises(CodeUnknown):
            claim(uow, learner(uow, f"guesser-{n}"), guess)
    with pytest.raises(CodeUnknown):
        claim(uow, learner(uow, "later"), guesses[3], at=NOW + timedelta(minutes=16))
    with uow() as unit:
        assert unit.session.scalars(select(CodeMiss.missed_at)).all() == [
            NOW + timedelta(minutes=16)
        ]
