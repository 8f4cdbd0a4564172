"""Stop, start, delete my data, link and I've moved: what the learner is told, and what the
database keeps."""

from __future__ import annotations

import re

from sqlalchemy import select

from actions.account import (
    ActionDeleteMyData,
    ActionLinkAccount,
    ActionMoveAnswer,
    ActionMoved,
    ActionOptIn,
    ActionOptOut,
)
from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Award, ChannelIdentity, Event, Learner
from badge_core.services.claims import claim_badge
from tests.actions.support import (
    SENDER,
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
from tests.conftest import PLYMOUTH, SECRET


def opted_out_at(uow: UnitOfWorkFactory, learner_id: int):
    with uow() as unit:
        return unit.session.scalar(select(Learner.opted_out_at).where(Learner.id == learner_id))


# ------------------------------------------------------------------------------- opt out


def test_opting_out_is_recorded_for_a_registered_learner(db: UnitOfWorkFactory) -> None:
    learner_id = register(db).learner_id
    ran = run(ActionOptOut(), make_tracker("STOP", "stop", slots={"consent": "given"}))
    assert opted_out_at(db, learner_id) is not None, "the opt-out must be stored in the database"
    assert ran.slots == {"opted_out": True}
    assert ran.said == [("utter_opted_out", {})]
    assert "Text START if you change your mind" in ran.text, "they must be told how to come back"
    assert [e.learner_id for e in events_of(db, "opt_out")] == [learner_id]


def test_opting_out_without_registering_stores_nothing_but_is_honoured(
    db: UnitOfWorkFactory,
) -> None:
    ran = run(ActionOptOut(), make_tracker("STOP", "stop"))
    assert ran.slots == {"opted_out": True}, "the conversation must still stop messaging them"
    assert ran.said == [("utter_opted_out", {})]
    assert learner_count(db) == 0, "opting out must not register anyone"


# ------------------------------------------------------------------------------- opt in


def test_opting_back_in_clears_the_opt_out(db: UnitOfWorkFactory) -> None:
    learner_id = register(db).learner_id
    run(ActionOptOut(), make_tracker("STOP", "stop"))
    ran = run(ActionOptIn(), make_tracker("START", "start", slots={"opted_out": True}))
    assert opted_out_at(db, learner_id) is None, "the opt-out must be cleared in the database"
    assert ran.slots == {"opted_out": False}
    assert ran.said == [("utter_opted_in", {})]
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
    assert ran.said == [("utter_data_deleted", {})]


def test_delete_for_someone_not_registered_still_erases_the_conversation(
    db: UnitOfWorkFactory,
) -> None:
    register(db, sender="someone-else")
    ran = run(ActionDeleteMyData(), make_tracker("delete my data", "delete_my_data"))
    assert ran.slots == {"erase_conversation": True}
    assert ran.responses == ["utter_data_deleted"]
    assert learner_count(db) == 1, "nobody else may be erased"


# ------------------------------------------------------------------------------- link


def link(text: str, sender: str = "sms-pseudonym", channel: str = "sms", **found: str):
    """``text`` sent to action_link_account, with the entities Rasa would find in it."""
    tracker = make_tracker(
        text, "link_account", entities=list(found.items()), sender=sender, channel=channel
    )
    return run(ActionLinkAccount(), tracker)


def pressed(button: dict, sender: str = "sms-pseudonym", channel: str = "sms"):
    return link(button["payload"], sender, channel, **dict(entities(button["payload"])))


def test_link_gives_a_code_that_joins_another_app_to_the_same_learner(
    db: UnitOfWorkFactory,
) -> None:
    learner_id = register(db).learner_id
    asked = link("link", sender=SENDER, channel="rest")
    [(response, said)] = asked.said
    code = said["issued_code"]
    assert response == "utter_link_code_issued" and asked.events == []
    assert re.fullmatch(r"\d{4} \d{4}", code), code
    assert f"send LINK {code} to me" in asked.text and "Within 15 minutes" in asked.text

    sent = link(f"LINK {code}", link_code=code.replace(" ", ""))
    # M7: asked first, with what would be joined; nothing joined yet
    assert sent.said == [("utter_link_ask_join_this_chat", {"badges_there": "0 badges"})]
    assert sent.events == [] and profile_of(db, sender="sms-pseudonym", channel="sms") is None
    yes, no = sent.messages[0]["buttons"]
    assert no["payload"] == '/link_account{"link_confirm":"no"}'
    declined = pressed(no)
    assert declined.said == [("utter_link_declined", {})]
    assert profile_of(db, sender="sms-pseudonym", channel="sms") is None

    used = pressed(yes)
    assert used.said == [("utter_linked", {})]
    assert used.slots == {"consent": "given", "opted_out": False}
    assert profile_of(db, sender="sms-pseudonym", channel="sms").learner_id == learner_id

    again = link(f"LINK {code}", "wa", "whatsapp", link_code=code, link_confirm="yes")
    assert again.said == [("utter_link_code_failed", {})] and again.events == []
    assert profile_of(db, sender="wa", channel="whatsapp") is None


def test_joining_two_accounts_says_how_many_badges_each_side_has(db: UnitOfWorkFactory) -> None:
    here = register(db, sender="sms-pseudonym", channel="sms").learner_id
    there = register(db).learner_id
    for learner, badge in [(here, "beat-maker"), (there, "beat-maker"), (there, "young-artist")]:
        claim_badge(db(), SECRET, learner, issue_code(db, badge), channel="rest")
    [(_, said)] = link("link", sender=SENDER, channel="rest").said
    code = said["issued_code"]

    sent = link(f"LINK {code}", link_code=code)
    assert sent.said == [
        ("utter_link_ask_join", {"badges_here": "1 badge", "badges_there": "2 badges"})
    ]
    assert sent.texts == [
        "This joins your 1 badge here with another account that has 2 badges. Only say yes if "
        "you made this code yourself in your other app. Join them?"
    ], "the learner must see what would be joined before saying yes"
    yes, _ = sent.messages[0]["buttons"]
    joined = pressed(yes)
    assert joined.said == [("utter_linked_with_badges", {"badges": "2 badges"})], (
        "the same badge on both sides is held once"
    )
    assert joined.texts == ["Linked! 🎉 This app is you too now, with your 2 badges."]
    assert profile_of(db, sender="sms-pseudonym", channel="sms").learner_id == there

    [(_, said)] = link("link").said
    again = link(f"LINK {said['issued_code']}", link_code=said["issued_code"])
    assert again.said == [("utter_link_already", {})], "a code sent from its own app"


def test_wrong_link_codes_are_stopped_after_a_few_tries(db: UnitOfWorkFactory) -> None:
    register(db, sender="sms-pseudonym", channel="sms")
    answers = [link("LINK 1234 5678", link_code="12345678").responses for _ in range(6)]
    assert answers == [["utter_link_code_failed"]] * 5 + [["utter_link_too_many_tries"]]


def test_link_before_consent_explains_what_to_do_and_stores_nothing(db: UnitOfWorkFactory) -> None:
    ran = run(ActionLinkAccount(), make_tracker("link my apps", "link_account"))
    assert ran.said == [("utter_link_needs_consent", {})]
    assert learner_count(db) == 0


# ------------------------------------------------------------------------------- moved


def test_a_learner_who_moved_is_asked_where_then_moved_with_their_badges(
    db: UnitOfWorkFactory,
) -> None:
    load_pack(db(), read_pack(PLYMOUTH.parent / "brighton"))
    learner = register(db, district="PL4")
    consented = {"consent": "given", "city": "plymouth", "city_name": "Plymouth"}

    asked = run(ActionMoved(), make_tracker("we moved house", "moved", slots=consented))
    assert asked.responses == ["utter_ask_move"]
    assert "(I'm in Plymouth and Brighton and Hove.)" in asked.text
    assert asked.slots["awaiting_move"] is True
    assert asked.slots["awaiting_reflection"] is None  # its answer is to this question now

    waiting = {**consented, "awaiting_move": True}
    own = run(ActionMoveAnswer(), make_tracker("plymouth", "nlu_fallback", slots=waiting))
    assert own.responses == ["utter_move_kept"] and own.slots == {"awaiting_move": None}
    nowhere = run(ActionMoveAnswer(), make_tracker("leeds", "nlu_fallback", slots=waiting))
    assert nowhere.responses == ["utter_move_not_served"] and nowhere.slots == {
        "awaiting_move": None
    }
    assert "only in Plymouth and Brighton and Hove" in nowhere.text

    moved = run(ActionMoveAnswer(), make_tracker("hove, BN3", "inform_location", slots=waiting))
    assert moved.responses == ["utter_moved_city"]
    assert "Brighton and Hove now, and your badges came with you" in moved.text
    assert moved.slots == {
        "awaiting_move": None,
        "city": "brighton",
        "city_name": "Brighton and Hove",
        "district_example": "BN1",
        "area_example": moved.slots["area_example"],
        "district": "BN3",
    }
    after = profile_of(db)
    assert after is not None and after.learner_id == learner.learner_id
    assert after.district == "BN3"


def test_a_learner_asked_where_they_moved_can_let_it_go(db: UnitOfWorkFactory) -> None:
    register(db, district="PL4")
    waiting = {
        "consent": "given",
        "city": "plymouth",
        "city_name": "Plymouth",
        "awaiting_move": True,
    }
    kept = run(ActionMoveAnswer(), make_tracker("skip", "skip", slots=waiting))
    assert kept.responses == ["utter_move_kept"] and kept.slots == {"awaiting_move": None}
    kept_profile = profile_of(db)
    assert kept_profile is not None and kept_profile.district == "PL4"


def test_someone_not_registered_who_moved_searches_there_and_is_still_asked_their_area(
    db: UnitOfWorkFactory,
) -> None:
    load_pack(db(), read_pack(PLYMOUTH.parent / "brighton"))
    moved = run(ActionMoved(), make_tracker("i've moved to brighton", "moved", slots={}))
    assert moved.responses == ["utter_moved_city"]
    assert moved.slots["city"] == "brighton" and "district" not in moved.slots
    assert learner_count(db) == 0  # nothing kept of someone who has not said yes
