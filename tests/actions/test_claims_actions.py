"""Claiming a badge with a code, and "my badges"."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select

from actions.claims import ActionClaimBadge, ActionMyBadges
from badge_core.db import UnitOfWorkFactory
from badge_core.models import BadgeClass, BadgeSkill
from badge_core.services.claims import claim_badge, learner_awards
from badge_core.services.codes import generate_code
from tests.actions.support import (
    SENDER,
    award_count,
    events_of,
    issue_code,
    learner_count,
    make_tracker,
    profile_of,
    register,
    run,
)
from tests.conftest import SECRET

GIVEN = {"consent": "given"}
REFLECTION_QUESTION = "What did you do today to earn it? (or say skip)"


def claim(code: str | None, *, sender: str = SENDER, slots: dict | None = GIVEN):
    entities = [("claim_code", code)] if code else []
    text = f"my code is {code}" if code else "i want to claim a badge"
    return run(
        ActionClaimBadge(),
        make_tracker(text, "claim_badge", entities=entities, slots=slots, sender=sender),
    )


def badge_names(uow: UnitOfWorkFactory) -> list[str]:
    with uow() as unit:
        return list(unit.session.scalars(select(BadgeClass.name)))


def test_a_claim_names_the_badge_and_its_skills(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    ran = claim(issue_code(db))
    [award] = learner_awards(db(), learner_id)
    link = f"http://127.0.0.1:8000/credentials/{award.award_public_id}"
    assert ran.said == [
        (
            "utter_badge_earned_ask_reflection",
            {
                "badge_name": "Beat Maker",
                "skills": "Music, Creativity and Digital media",
                "badge_link": link,
            },
        )
    ]
    assert ran.texts == [
        "🎉 You've earned the Beat Maker badge! It shows Music, Creativity and Digital media.\n"
        f"Your badge to keep and share: {link}\n{REFLECTION_QUESTION}"
    ]
    assert (award.badge_key, award.status) == ("beat-maker", "awarded")
    # the answer to the question is kept as this award's evidence (action_reflect)
    assert ran.events == [
        {"event": "slot", "timestamp": None, "name": "awaiting_reflection", "value": True},
        {
            "event": "slot",
            "timestamp": None,
            "name": "reflection_award",
            "value": award.award_public_id,
        },
    ]


def test_a_code_typed_loosely_still_works(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="16-18").learner_id
    typed = issue_code(db).lower().replace("-", " ")
    assert claim(typed).responses == ["utter_badge_earned_ask_reflection"]
    assert len(learner_awards(db(), learner_id)) == 1


def test_an_under_13s_award_waits_for_a_youth_worker(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="under-13").learner_id
    ran = claim(issue_code(db))
    assert ran.said == [("utter_badge_pending_ask_reflection", {"badge_name": "Beat Maker"})]
    assert ran.texts[0].endswith(f'It\'ll show in "my badges".\n{REFLECTION_QUESTION}')
    assert ran.slots["awaiting_reflection"] is True, "a pending badge's evidence is asked for too"
    assert [a.status for a in learner_awards(db(), learner_id)] == ["pending"]


def _expired(uow: UnitOfWorkFactory) -> str:
    now = datetime.now(UTC)
    return issue_code(uow, valid_from=now - timedelta(days=2), valid_until=now - timedelta(days=1))


def _not_open(uow: UnitOfWorkFactory) -> str:
    now = datetime.now(UTC)
    return issue_code(uow, valid_from=now + timedelta(days=1), valid_until=now + timedelta(days=2))


def _used_up(uow: UnitOfWorkFactory) -> str:
    code = issue_code(uow, max_claims=1)
    someone = register(uow, sender="someone-else").learner_id
    claim_badge(uow(), SECRET, someone, code)
    return code


@pytest.mark.parametrize(
    ("make_code", "expected"),
    [
        (lambda uow: generate_code(), "utter_claim_code_unknown"),
        (_expired, "utter_claim_code_closed"),
        (_not_open, "utter_claim_not_open_yet"),
        (_used_up, "utter_claim_code_used_up"),
    ],
    ids=["unknown", "expired", "not-open-yet", "used-up"],
)
def test_a_refused_code_gets_its_own_answer_and_no_award(
    db: UnitOfWorkFactory, make_code, expected: str
) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    code = make_code(db)
    ran = claim(code)
    assert ran.responses == [expected]
    assert learner_awards(db(), learner_id) == []
    [text] = ran.texts
    named = [name for name in badge_names(db) if name in text]
    assert named == [], f"a refused code must not reveal a badge: {named}"


def test_a_code_not_open_yet_says_when_it_opens(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    opens = datetime(2031, 5, 3, 9, 30, tzinfo=UTC)  # a Saturday; 10:30am in Plymouth (BST)
    code = issue_code(db, valid_from=opens, valid_until=opens + timedelta(days=1))
    ran = claim(code)
    assert ran.said == [("utter_claim_not_open_yet", {"opens": "Sat 3 May 10:30am"})]
    assert ran.texts == ["That code isn't open yet. Try again from Sat 3 May 10:30am."]


def test_claiming_a_badge_already_earned(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    claim(issue_code(db))
    ran = claim(issue_code(db))
    assert ran.said == [("utter_claim_already_earned", {"badge_name": "Beat Maker"})]
    assert ran.texts == ["You've already got the Beat Maker badge! 🙌"]
    assert len(learner_awards(db(), learner_id)) == 1, "a repeat claim must not award twice"


def test_too_many_failed_tries_are_stopped_even_with_a_good_code(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    for _ in range(5):
        assert claim(generate_code()).responses == ["utter_claim_code_unknown"]
    ran = claim(issue_code(db))
    [(response, said)] = ran.said
    assert response == "utter_claim_too_many_tries"
    assert re.fullmatch(r"\d{1,2}(:\d\d)?[ap]m", said["retry_time"]), said
    assert learner_awards(db(), learner_id) == [], "a rate-limited claim must not award"
    assert "Beat Maker" not in ran.text


def test_every_attempt_is_logged_with_its_outcome(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    claim(generate_code())
    claim(issue_code(db))
    attempts = events_of(db, "claim_attempt")
    assert [(e.learner_id, e.channel, e.data["outcome"]) for e in attempts] == [
        (learner_id, "rest", "CodeUnknown"),
        (learner_id, "rest", "ok"),
    ]


def test_a_claim_during_onboarding_waits_for_the_age(db: UnitOfWorkFactory) -> None:
    register(db)
    code = issue_code(db)
    tracker = make_tracker(
        f"my code is {code}", "claim_badge", entities=[("claim_code", code)], slots=GIVEN
    )
    tracker.active_loop = {"name": "onboarding_form"}
    ran = run(ActionClaimBadge(), tracker)
    assert ran.said == [("utter_claim_waits_for_age", {})]
    assert ran.slots == {"pending_claim_code": code}, "held until the age is known"
    assert award_count(db) == 0


def test_a_badge_with_no_skills_is_earned_without_naming_any(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="16-18").learner_id
    with db() as unit:
        badge = select(BadgeClass.id).where(BadgeClass.key == "beat-maker").scalar_subquery()
        unit.session.execute(delete(BadgeSkill).where(BadgeSkill.badge_class_id == badge))
        unit.commit()
    ran = claim(issue_code(db))
    [award] = learner_awards(db(), learner_id)
    link = f"http://127.0.0.1:8000/credentials/{award.award_public_id}"
    assert ran.said == [
        (
            "utter_badge_earned_no_skills_ask_reflection",
            {"badge_name": "Beat Maker", "badge_link": link},
        )
    ]
    assert ran.texts == [
        f"🎉 You've earned the Beat Maker badge!\nYour badge to keep and share: {link}\n"
        f"{REFLECTION_QUESTION}"
    ]
    listed = my_badges()
    assert listed.said == [("utter_my_badges", {"badge_list": f"• Beat Maker\n  {link}"})], (
        "no skills shown, so no summary line"
    )


def test_a_claim_before_consent_keeps_the_code_and_stores_nothing(db: UnitOfWorkFactory) -> None:
    code = issue_code(db)
    ran = claim(code, slots={})
    assert ran.slots == {"pending_claim_code": code}, "the code must wait for consent"
    assert ran.said == [("utter_claim_needs_consent", {})]
    assert (learner_count(db), award_count(db)) == (0, 0), "nothing may be stored without consent"


def test_a_claim_after_declining_keeps_the_code_and_stores_nothing(db: UnitOfWorkFactory) -> None:
    code = issue_code(db)
    ran = claim(code, slots={"consent": "declined"})
    assert ran.slots == {"pending_claim_code": code}
    assert ran.responses == ["utter_claim_needs_consent"]
    assert (learner_count(db), award_count(db)) == (0, 0)


def test_a_claim_without_a_code_asks_for_it(db: UnitOfWorkFactory) -> None:
    register(db)
    ran = claim(None)
    assert ran.responses == ["utter_ask_claim_code"]
    assert ran.events == []
    assert events_of(db, "claim_attempt") == [], "no code, no attempt"


def test_a_claim_by_someone_the_badge_core_does_not_know(db: UnitOfWorkFactory) -> None:
    ran = claim(issue_code(db))  # consent slot says given, but they were erased since
    assert ran.said == [("utter_claim_not_saved", {})]
    assert (learner_count(db), award_count(db)) == (0, 0)


# ------------------------------------------------------------------------------- my badges


def my_badges(sender: str = SENDER):
    ran = run(ActionMyBadges(), make_tracker("my badges", "my_badges", slots=GIVEN, sender=sender))
    assert ran.events == []
    return ran


def test_my_badges_with_none(db: UnitOfWorkFactory) -> None:
    register(db)
    assert my_badges().said == [("utter_no_badges", {})]


def test_my_badges_for_someone_not_registered(db: UnitOfWorkFactory) -> None:
    assert my_badges("a-stranger").said == [("utter_no_badges", {})]


def test_my_badges_lists_each_with_its_skills_and_a_summary(db: UnitOfWorkFactory) -> None:
    register(db, age_band="16-18")
    learner_id = profile_of(db).learner_id
    claim(issue_code(db, "beat-maker"))
    claim(issue_code(db, "young-artist"))
    beat, art = (a.award_public_id for a in learner_awards(db(), learner_id))
    ran = my_badges()
    assert ran.responses == ["utter_my_badges_and_skills"]
    [text] = ran.texts
    assert text.splitlines() == [
        "Your badges 🏅",
        "• Beat Maker: Music, Creativity, Digital media",
        f"  http://127.0.0.1:8000/credentials/{beat}",
        "• Young Artist: Art and design, Creativity",
        f"  http://127.0.0.1:8000/credentials/{art}",
        "You've shown Creativity twice, Art and design once and Digital media once.",
    ]


def test_my_badges_marks_a_pending_badge_and_leaves_it_out_of_the_summary(
    db: UnitOfWorkFactory,
) -> None:
    register(db, age_band="under-13")
    claim(issue_code(db, "beat-maker"))
    ran = my_badges()
    assert ran.responses == ["utter_my_badges"]
    assert ran.texts[0].splitlines() == [
        "Your badges 🏅",
        "• Beat Maker (waiting for a youth worker): Music, Creativity, Digital media",
    ], "a pending badge is marked, and its skills do not count in the summary until confirmed"


def test_my_badges_shows_only_the_learners_own(db: UnitOfWorkFactory) -> None:
    register(db, age_band="16-18")
    register(db, sender="other", age_band="16-18")
    claim(issue_code(db, "beat-maker"), sender="other")
    assert my_badges().responses == ["utter_no_badges"]
