"""A learner at risk: help first, whatever else; a concern for the safeguarding lead; their
choice about being contacted; and a lead's "concerns"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.exc import OperationalError

from actions import safeguarding
from actions.safeguarding import ActionListConcerns, ActionSafeguarding, ActionSafeguardingContact
from badge_core.db import UnitOfWorkFactory
from badge_core.services.invites import accept_invite, invite_staff
from badge_core.services.safeguarding import list_concerns
from tests.actions.support import SENDER, make_tracker, register, run, stored_text_matching
from tests.conftest import SECRET

WORDS = "i dont want to be alive anymore"


def disclose(
    text: str = WORDS, category: str = "self_harm", level: str = "concern", **kwargs: object
) -> object:
    return make_tracker(
        text,
        "safeguarding",
        entities=[("risk_category", category), ("risk_level", level)],
        channel="telegram",
        **kwargs,
    )


def test_a_disclosure_gets_help_then_who_will_see_it_and_a_question(db: UnitOfWorkFactory) -> None:
    ran = run(ActionSafeguarding(), disclose())
    first, second = ran.messages
    assert first["response"] == "utter_safeguarding_self_harm"
    assert "01752 668000" in first["local_help"]  # the city pack's own service
    assert second["response"] == "utter_safeguarding_next"
    assert second["city_name"] == "Plymouth"
    [concern] = list_concerns(db(), SECRET, "plymouth")
    assert (concern.category, concern.text, concern.channel) == ("self_harm", WORDS, "telegram")
    assert ran.slots["concern_ref"] == concern.concern_id


def test_a_form_or_a_reflection_waiting_for_an_answer_is_dropped(db: UnitOfWorkFactory) -> None:
    tracker = disclose(slots={"requested_slot": "district", "awaiting_reflection": True})
    tracker.active_loop = {"name": "onboarding_form"}
    ran = run(ActionSafeguarding(), tracker)
    assert ran.events[0] == {"event": "active_loop", "timestamp": None, "name": None}
    assert ran.slots["requested_slot"] is None and ran.slots["awaiting_reflection"] is None


def test_someone_who_stopped_messages_is_flagged_on_the_concern(db: UnitOfWorkFactory) -> None:
    run(ActionSafeguarding(), disclose(slots={"opted_out": True}))
    [concern] = list_concerns(db(), SECRET, "plymouth")
    assert concern.learner_opted_out


def test_the_help_goes_out_even_when_the_database_is_down(
    db: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("database is locked"))

    monkeypatch.setattr(safeguarding, "raise_concern", broken)
    ran = run(ActionSafeguarding(), disclose(category="danger", level="urgent"))
    assert [m.get("response") for m in ran.messages] == ["utter_safeguarding_danger"]
    assert ran.messages[0]["local_help"] == ""


def test_the_learners_words_are_never_stored_in_clear(db: UnitOfWorkFactory) -> None:
    register(db)
    run(ActionSafeguarding(), disclose())
    assert stored_text_matching(db, "want to be alive") == []


@pytest.mark.parametrize(("intent", "wants"), [("affirm", True), ("deny", False)])
def test_the_learner_chooses_whether_someone_gets_in_touch(
    db: UnitOfWorkFactory, intent: str, wants: bool
) -> None:
    asked = run(ActionSafeguarding(), disclose())
    sealed = {
        "event": "user",
        "text": "yes",
        "input_channel": "telegram",
        "metadata": {"address": "gAAAA-sealed"},
    }
    answer = make_tracker("yes" if wants else "no", intent, slots=asked.slots, events=[sealed])
    ran = run(ActionSafeguardingContact(), answer)
    [concern] = list_concerns(db(), SECRET, "plymouth")
    assert (concern.wants_contact, concern.can_be_contacted) == (wants, wants)
    expected = "utter_safeguarding_contact_yes" if wants else "utter_safeguarding_contact_no"
    assert ran.responses == [expected]
    if wants:
        assert ran.messages[0]["duty_hours"] == " (Monday to Friday, 9am to 5pm)"
    assert ran.slots["concern_ref"] is None


@pytest.fixture
def staff_chat(db: UnitOfWorkFactory) -> Callable[[str, str], None]:
    def join(role: str, sender: str) -> None:
        invite = invite_staff(db(), SECRET, "plymouth", "plymouth-youth-service", role)
        accept_invite(db(), SECRET, "rest", sender, invite.code, city_slug="plymouth")

    return join


def test_a_safeguarding_lead_sees_the_concern_and_other_staff_do_not(
    db: UnitOfWorkFactory, staff_chat: Callable[[str, str], None]
) -> None:
    run(ActionSafeguarding(), disclose())
    staff_chat("safeguarding-lead", "lead")
    staff_chat("issuer", "worker")
    lead = run(ActionListConcerns(), make_tracker("concerns", "list_concerns", sender="lead"))
    [(response, listed)] = lead.said
    assert response == "utter_open_concerns" and listed["count"] == 1
    assert WORDS in listed["concerns"] and "self harm" in listed["concerns"]
    assert lead.texts[0].startswith("Open concerns (1), newest first:\n•")
    worker = run(ActionListConcerns(), make_tracker("concerns", "list_concerns", sender="worker"))
    assert worker.said == [("utter_concerns_only_for_leads", {})] and WORDS not in worker.text
    learner = run(ActionListConcerns(), make_tracker("concerns", "list_concerns", sender=SENDER))
    assert learner.responses == ["utter_default"] and WORDS not in learner.text


def test_a_lead_with_no_open_concerns_is_told_so(
    db: UnitOfWorkFactory, staff_chat: Callable[[str, str], None]
) -> None:
    staff_chat("safeguarding-lead", "lead")
    lead = run(ActionListConcerns(), make_tracker("concerns", "list_concerns", sender="lead"))
    assert lead.said == [("utter_no_open_concerns", {})]


def test_a_lead_sees_the_newest_ten_concerns_in_the_learners_own_words_and_how_many_more(
    db: UnitOfWorkFactory, staff_chat: Callable[[str, str], None]
) -> None:
    odd = "year 10[+] lads {them} keep hitting me"  # what Rasa's own fill would not have sent
    for n in range(11):
        run(ActionSafeguarding(), disclose(f"they hit me again {n}", "abuse", sender=f"l{n}"))
    run(ActionSafeguarding(), disclose(odd, "bullying", sender="l-odd"))
    staff_chat("safeguarding-lead", "lead")
    lead = run(ActionListConcerns(), make_tracker("concerns", "list_concerns", sender="lead"))
    [(response, listed)] = lead.said
    assert response == "utter_open_concerns_and_more"
    assert (listed["count"], listed["more"]) == (12, 2)
    quoted = [line for line in listed["concerns"].splitlines() if line.startswith('  "')]
    assert len(quoted) == 10 and quoted[0] == f'  "{odd}"', "newest first, words as written"
    assert "…and 2 more: colbot concerns list" in lead.texts[0]
