"""Skills from a learner's words, their yes/no on an unsure reading, and reflections on badges."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from actions.claims import ActionClaimBadge
from actions.skills import (
    ActionChooseSkill,
    ActionPublishReflection,
    ActionReadSkills,
    ActionReflect,
    ActionSkillFeedback,
)
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Award, Correction, Event
from badge_core.services.corrections import list_corrections
from tests.actions.support import SENDER, issue_code, make_tracker, register, run
from tests.conftest import SECRET


def events_of(uow: UnitOfWorkFactory, kind: str) -> list[dict]:
    with uow() as unit:
        return [
            e.data
            for e in unit.session.scalars(
                select(Event).where(Event.kind == kind).order_by(Event.id)
            )
        ]


def test_a_clear_statement_is_answered_with_the_skill(db: UnitOfWorkFactory) -> None:
    ran = run(
        ActionReadSkills(),
        make_tracker("i cook tea for my whole family every friday", "tell_about_me"),
    )
    assert ran.said == [("utter_skills_shown", {"skills": "Cooking and food"})]
    assert ran.texts == ["That shows Cooking and food 💪"]
    assert ran.slots == {"skill_check": None, "suggested_skill": None}
    assert events_of(db, "skills_read")[-1]["confident"] is True


def test_an_unclear_statement_is_asked_about_not_asserted(db: UnitOfWorkFactory) -> None:
    ran = run(ActionReadSkills(), make_tracker("stuff happened", "tell_about_me"))
    [(response, said)] = ran.said
    assert response == "utter_skills_check" and said["skills"], "asked about, with its guess"
    assert [b["title"] for b in ran.messages[0]["buttons"]] == ["Yes", "No"]
    assert ran.slots["skill_check"] == "asked" and ran.slots["suggested_skill"]
    assert ran.slots["skill_words"] == "stuff happened", "kept for the yes or no that answers"


def test_a_yes_is_logged_as_agreement(db: UnitOfWorkFactory) -> None:
    slots = {"skill_check": "asked", "suggested_skill": "listening"}
    ran = run(ActionSkillFeedback(), make_tracker("yes", "affirm", slots=slots))
    assert ran.responses == ["utter_skill_confirmed"]
    assert events_of(db, "skill_feedback")[-1] == {"suggested": "listening", "agreed": True}
    assert corrections(db) == []


WORDS = "i sorted out an argument between my mates, text me on 07700 900123"


def _said_no(no: str = "nah", sender: str = SENDER) -> Any:
    """A learner said WORDS, the bot asked "Sounds like Listening?", and they said ``no``."""
    slots = {"skill_check": "asked", "suggested_skill": "listening", "skill_words": WORDS}
    return run(ActionSkillFeedback(), make_tracker(no, "deny", slots=slots, sender=sender))


def corrections(db: UnitOfWorkFactory) -> list[Correction]:
    with db() as unit:
        return list(unit.session.scalars(select(Correction).order_by(Correction.id)))


def test_a_no_keeps_the_words_sealed_and_asks_which_skill_fits(db: UnitOfWorkFactory) -> None:
    register(db)
    ran = _said_no()
    assert ran.responses == ["utter_skill_which"]
    buttons = ran.messages[0]["buttons"]
    assert len(buttons) == 3 and buttons[-1]["title"] == "Something else"
    offered = [b["payload"] for b in buttons[:2]]
    assert all(p.startswith('/choose_skill{"skill_key":"') for p in offered)
    assert not any('"listening"' in p for p in offered), "the skill they said no to is not offered"
    assert ran.slots["skill_check"] == "choosing" and ran.slots["correction_ref"]
    assert events_of(db, "skill_feedback")[-1] == {"suggested": "listening", "agreed": False}
    [kept] = corrections(db)
    assert kept.wrong_skill == "listening" and kept.chosen_skill is None
    assert kept.learner_id is not None
    assert b"argument" not in kept.sealed_words, "the words are sealed at rest"
    [listed] = list_corrections(db(), "plymouth", SECRET)
    assert listed.words == "i sorted out an argument between my mates, text me on [number]"


def test_a_learner_who_is_not_remembered_leaves_no_words(db: UnitOfWorkFactory) -> None:
    ran = _said_no()
    assert ran.responses == ["utter_skill_corrected"]
    assert ran.slots == {"skill_check": None, "suggested_skill": None, "skill_words": None}
    assert events_of(db, "skill_feedback")[-1] == {"suggested": "listening", "agreed": False}
    assert corrections(db) == []


def test_the_learners_pick_completes_the_correction(db: UnitOfWorkFactory) -> None:
    register(db)
    ref = _said_no().slots["correction_ref"]
    slots = {"skill_check": "choosing", "correction_ref": ref}
    picked = run(
        ActionChooseSkill(),
        make_tracker(
            '/choose_skill{"skill_key":"teamwork"}',
            "choose_skill",
            entities=[("skill_key", "teamwork")],
            slots=slots,
        ),
    )
    assert picked.said == [("utter_skill_chosen", {"skill": "Teamwork"})]
    assert picked.slots == {"skill_check": None, "correction_ref": None}
    assert corrections(db)[0].chosen_skill == "teamwork"


def test_a_skill_typed_by_name_is_taken_as_the_pick(db: UnitOfWorkFactory) -> None:
    register(db)
    ref = _said_no().slots["correction_ref"]
    slots = {"skill_check": "choosing", "correction_ref": ref}
    picked = run(ActionChooseSkill(), make_tracker("Problem solving", "nlu_fallback", slots=slots))
    assert picked.said == [("utter_skill_chosen", {"skill": "Problem solving"})]
    assert corrections(db)[0].chosen_skill == "problem-solving"


def test_something_else_or_anything_unknown_keeps_no_pick(db: UnitOfWorkFactory) -> None:
    register(db)
    ref = _said_no().slots["correction_ref"]
    slots = {"skill_check": "choosing", "correction_ref": ref}
    for text, intent, entities in [
        ('/choose_skill{"skill_key":"none"}', "choose_skill", [("skill_key", "none")]),
        ("idk really", "nlu_fallback", []),
    ]:
        ran = run(ActionChooseSkill(), make_tracker(text, intent, entities=entities, slots=slots))
        assert ran.responses == ["utter_skill_corrected"]
        assert ran.slots == {"skill_check": None, "correction_ref": None}
    assert corrections(db)[0].chosen_skill is None


def test_a_skill_named_in_the_no_is_taken_at_once(db: UnitOfWorkFactory) -> None:
    register(db)
    ran = _said_no("no its more teamwork")
    assert ran.said == [("utter_skill_chosen", {"skill": "Teamwork"})]
    assert ran.slots["skill_check"] is None
    assert corrections(db)[0].chosen_skill == "teamwork"


def test_nobody_completes_another_learners_correction(db: UnitOfWorkFactory) -> None:
    register(db)
    register(db, sender="someone-else")
    ref = _said_no().slots["correction_ref"]
    slots = {"skill_check": "choosing", "correction_ref": ref}
    ran = run(
        ActionChooseSkill(),
        make_tracker(
            "/choose_skill",
            "choose_skill",
            entities=[("skill_key", "teamwork")],
            slots=slots,
            sender="someone-else",
        ),
    )
    assert ran.responses == ["utter_skill_corrected"]
    assert corrections(db)[0].chosen_skill is None


def _claim(db: UnitOfWorkFactory) -> str:
    """A registered learner claims a badge; the award the bot then asks them about."""
    register(db, age_band="13-15")
    claimed = run(
        ActionClaimBadge(),
        make_tracker(
            "code",
            "claim_badge",
            entities=[("claim_code", issue_code(db))],
            slots={"consent": "given"},
        ),
    )
    return claimed.slots["reflection_award"]


def test_a_reflection_after_a_claim_becomes_the_badges_evidence(db: UnitOfWorkFactory) -> None:
    award_id = _claim(db)
    said = "i made my first beat on the laptop and played it to everyone"
    ran = run(
        ActionReflect(),
        make_tracker(
            said, "tell_about_me", slots={"awaiting_reflection": True, "reflection_award": award_id}
        ),
    )
    assert ran.responses == ["utter_reflection_kept"]
    # kept private; the learner is asked, clearly, whether anyone with the link may read it
    assert ran.text.endswith("Anyone with the link could read it.")
    payloads = [b["payload"] for b in ran.messages[-1]["buttons"]]
    assert payloads == [
        f'/publish_reflection{{"award_ref":"{award_id}"}}',
        f'/keep_reflection_private{{"award_ref":"{award_id}"}}',
    ]
    assert ran.slots["awaiting_reflection"] is None and ran.slots["reflection_award"] is None
    with db() as unit:
        award = unit.session.scalar(select(Award))
        assert (award.evidence_narrative, award.narrative_public) == (said, False)

    kept_private = run(
        ActionPublishReflection(),
        make_tracker("", "keep_reflection_private", entities=[("award_ref", award_id)]),
    )
    assert kept_private.said == [("utter_reflection_private", {})]
    shown = run(
        ActionPublishReflection(),
        make_tracker("", "publish_reflection", entities=[("award_ref", award_id)]),
    )
    assert shown.said == [("utter_reflection_public", {})]
    with db() as unit:
        assert unit.session.scalar(select(Award.narrative_public)) is True


def test_another_learner_cannot_publish_someone_elses_reflection(db: UnitOfWorkFactory) -> None:
    award_id = _claim(db)
    run(
        ActionReflect(),
        make_tracker(
            "i made a beat",
            "tell_about_me",
            slots={"awaiting_reflection": True, "reflection_award": award_id},
        ),
    )
    register(db, sender="learner-2")
    ran = run(
        ActionPublishReflection(),
        make_tracker(
            "", "publish_reflection", entities=[("award_ref", award_id)], sender="learner-2"
        ),
    )
    assert ran.said == [("utter_reflection_private", {})]
    with db() as unit:
        assert unit.session.scalar(select(Award.narrative_public)) is False


def test_skipping_the_reflection_keeps_nothing(db: UnitOfWorkFactory) -> None:
    slots = {"awaiting_reflection": True, "reflection_award": _claim(db)}
    ran = run(ActionReflect(), make_tracker("skip", "skip", slots=slots))
    assert ran.said == [("utter_reflection_not_kept", {})]
    with db() as unit:
        assert unit.session.scalar(select(Award.evidence_narrative)) is None


def test_a_reflection_that_clearly_shows_skills_says_which(db: UnitOfWorkFactory) -> None:
    award_id = _claim(db)
    ran = run(
        ActionReflect(),
        make_tracker(
            "i cook tea for my whole family every friday",
            "tell_about_me",
            slots={"awaiting_reflection": True, "reflection_award": award_id},
        ),
    )
    assert ran.said[0][0] == "utter_reflection_kept_shows_skills"
    assert ran.said[0][1] == {"skills": "Cooking and food"}
    assert [b["title"] for b in ran.messages[0]["buttons"]] == ["Yes, show it", "No, keep private"]
    assert ran.texts == [
        "Thanks, I've kept that with your badge, just for you. 📝 It shows Cooking and food 💪\n"
        "Show it on your badge's page too? Anyone with the link could read it."
    ]
    with db() as unit:
        assert unit.session.scalar(select(Award.evidence_narrative)).startswith("i cook tea")
