"""Stop, start and delete my data: what the learner is told, and what the database keeps."""

from __future__ import annotations

import re

from sqlalchemy import select

from actions.account import ActionDeleteMyData, ActionOptIn, ActionOptOut
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Award, ChannelIdentity, Event, Learner
from badge_core.services.claims import claim_badge
from tests.actions.support import (
    award_count,
    count,
    entities,
    events_of,
    identity_count,
    issue_code,
    learner_count,
    make_tracker,
    profile_of,
    register,
    run,
)
from tests.conftest import SECRET

STOPPED = "OK, you won't get any more messages from me. Text START if you change your mind."


def opted_out_at(uow: UnitOfWorkFactory, learner_id: int):
    with uow() as unit:
        return unit.session.scalar(select(Learner.opted_out_at).where(Learner.id == learner_id))


# ------------------------------------------------------------------------------- opt out


def test_opting_out_is_recorded_for_a_registered_learner(db: UnitOfWorkFactory) -> None:
    learner_id = register(db).learner_id
    ran = run(ActionOptOut(), make_tracker("STOP", "stop", slots={"consent": "given"}))
    assert opted_out_at(db, learner_id) is not None, "the opt-out must be stored in the database"
    assert ran.slots == {"opted_out": True}
    assert ran.texts == [STOPPED]
    assert [e.learner_id for e in events_of(db, "opt_out")] == [learner_id]


def test_opting_out_without_registering_stores_nothing_but_is_honoured(
    db: UnitOfWorkFactory,
) -> None:
    ran = run(ActionOptOut(), make_tracker("STOP", "stop"))
    assert ran.slots == {"opted_out": True}, "the conversation must still stop messaging them"
    assert ran.texts == [STOPPED]
    assert learner_count(db) == 0, "opting out must not register anyone"


# ------------------------------------------------------------------------------- opt in


def test_opting_back_in_clears_the_opt_out(db: UnitOfWorkFactory) -> None:
    learner_id = register(db).learner_id
    run(ActionOptOut(), make_tracker("STOP", "stop"))
    ran = run(ActionOptIn(), make_tracker("START", "start", slots={"opted_out": True}))
    assert opted_out_at(db, learner_id) is None, "the opt-out must be cleared in the database"
    assert ran.slots == {"opted_out": False}
    assert ran.texts == ["You're back! 🎉"]
    assert [e.learner_id for e in events_of(db, "opt_in")] == [learner_id]


def test_start_when_not_opted_out_says_nothing_and_changes_nothing(db: UnitOfWorkFactory) -> None:
    register(db)
    for slots in ({"opted_out": False}, {}):
        ran = run(ActionOptIn(), make_tracker("start", "start", slots=slots))
        assert (ran.messages, ran.events) == ([], []), (
            f"opt-in spoke though not opted out ({slots})"
        )
    assert events_of(db, "opt_in") == []
    assert not profile_of(db).opted_out


# ------------------------------------------------------------------------------- delete


def test_delete_erases_the_learner_their_identities_and_awards(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="16-18", district="PL4").learner_id
    keeper = register(db, sender="someone-else").learner_id
    code = issue_code(db, max_claims=2)
    claim_badge(db(), SECRET, learner_id, code, channel="rest")
    claim_badge(db(), SECRET, keeper, code, channel="rest")

    ran = run(
        ActionDeleteMyData(),
        make_tracker("delete my data", "delete_my_data", slots={"consent": "given"}),
    )

    assert profile_of(db) is None, "the learner must no longer be recognised"
    assert count(db, Learner, Learner.id == learner_id) == 0
    assert count(db, ChannelIdentity, ChannelIdentity.learner_id == learner_id) == 0
    assert award_count(db, Award.learner_id == learner_id) == 0
    assert count(db, Event, Event.learner_id == learner_id) == 0, "events must keep no link to them"
    assert (learner_count(db), identity_count(db), award_count(db)) == (1, 1, 1), (
        "others are untouched"
    )
    assert ran.slots == {"erase_conversation": True}, (
        "the tracker store must be told to erase the chat"
    )
    assert ran.texts[0].startswith("Done. Everything I knew about you is deleted")


def test_delete_for_someone_not_registered_still_erases_the_conversation(
    db: UnitOfWorkFactory,
) -> None:
    register(db, sender="someone-else")
    ran = run(ActionDeleteMyData(), make_tracker("delete my data", "delete_my_data"))
    assert ran.slots == {"erase_conversation": True}
    assert learner_count(db) == 1, "nobody else may be erased"


# ------------------------------------------------------------------------------- link


def test_link_gives_a_code_that_joins_another_app_to_the_same_learner(
    db: UnitOfWorkFactory,
) -> None:
    from actions.account import ActionLinkAccount

    learner_id = register(db).learner_id
    asked = run(ActionLinkAccount(), make_tracker("link", "link_account"))
    [text] = asked.texts
    code = re.search(r"LINK (\d{4} \d{4})", text).group(1)
    assert "15 minutes" in text and asked.events == []

    sent = run(
        ActionLinkAccount(),
        make_tracker(
            f"LINK {code}",
            "link_account",
            entities=[("link_code", code.replace(" ", ""))],
            sender="sms-pseudonym",
            channel="sms",
        ),
    )
    # M7: asked first, with what would be joined; nothing joined yet
    assert "joins this chat with another account that has 0 badges" in sent.texts[0]
    assert sent.events == [] and profile_of(db, sender="sms-pseudonym", channel="sms") is None
    yes, no = sent.messages[0]["buttons"]
    assert no["payload"] == '/link_account{"link_confirm":"no"}'
    declined = run(
        ActionLinkAccount(),
        make_tracker(
            no["payload"],
            "link_account",
            entities=entities(no["payload"]),
            sender="sms-pseudonym",
            channel="sms",
        ),
    )
    assert "haven't joined anything" in declined.texts[0]
    assert profile_of(db, sender="sms-pseudonym", channel="sms") is None

    used = run(
        ActionLinkAccount(),
        make_tracker(
            yes["payload"],
            "link_account",
            entities=entities(yes["payload"]),
            sender="sms-pseudonym",
            channel="sms",
        ),
    )
    assert used.texts == ["Linked! 🎉 This app is you too now."]
    assert used.slots == {"consent": "given", "opted_out": False}
    assert profile_of(db, sender="sms-pseudonym", channel="sms").learner_id == learner_id

    again = run(
        ActionLinkAccount(),
        make_tracker(
            f"LINK {code}",
            "link_account",
            entities=[("link_code", code), ("link_confirm", "yes")],
            sender="wa",
            channel="whatsapp",
        ),
    )
    assert "didn't work" in again.texts[0] and again.events == []
    assert profile_of(db, sender="wa", channel="whatsapp") is None


def test_link_before_consent_explains_what_to_do_and_stores_nothing(db: UnitOfWorkFactory) -> None:
    from actions.account import ActionLinkAccount

    ran = run(ActionLinkAccount(), make_tracker("link my apps", "link_account"))
    assert "remember you first" in ran.texts[0]
    assert learner_count(db) == 0
