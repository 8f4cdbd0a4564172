"""action_session_start: a returning learner is recognised from the badge core, not re-asked."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from actions.session import ActionSessionStart
from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Learner
from badge_core.services.learners import erase_learner, move_learner
from tests.actions.support import SENDER, make_tracker, register, run
from tests.conftest import PLYMOUTH, SECRET

CITIES = PLYMOUTH.parent
# what every session start sets: the city and what its questions say of it
PLYMOUTH_WORDS = {
    "city": "plymouth",
    "city_name": "Plymouth",
    "district_example": "PL1",
    "area_example": "Plymstock",
}


def start(**tracker_kwargs):
    return run(ActionSessionStart(), make_tracker("", None, **tracker_kwargs))


def test_a_new_learner_starts_a_session_with_nothing_set(db: UnitOfWorkFactory) -> None:
    ran = start()
    assert ran.events[0]["event"] == "session_started", "a session must open with SessionStarted"
    last = ran.events[-1]
    assert (last["event"], last.get("name")) == ("action", "action_listen"), (
        "a session start must end with action_listen"
    )
    assert ran.slots == PLYMOUTH_WORDS, "an unknown learner: only the deployment's city"
    assert ran.messages == [], "session start must not speak"


def test_a_registered_learner_is_recognised_with_their_profile(db: UnitOfWorkFactory) -> None:
    register(db, age_band="16-18", district="pl4", interests=["music", "football"])
    ran = start()
    assert ran.slots == {
        **PLYMOUTH_WORDS,
        "consent": "given",
        "opted_out": False,
        "age_band": "16-18",
        "district": "PL4",
        "interests": "music, football",
    }, "a registered learner's consent and profile should be restored from the database"


def test_a_registered_learner_who_skipped_everything_is_not_asked_again(
    db: UnitOfWorkFactory,
) -> None:
    register(db)
    ran = start()
    assert ran.slots["consent"] == "given"
    assert (ran.slots["age_band"], ran.slots["district"], ran.slots["interests"]) == (
        "skipped",
        "skipped",
        "skipped",
    ), "unanswered questions must be filled as skipped, or the form would ask them again"


def test_an_opted_out_learner_stays_opted_out(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15").learner_id
    with db() as unit:
        unit.session.execute(
            update(Learner).where(Learner.id == learner_id).values(opted_out_at=datetime.now(UTC))
        )
        unit.commit()
    assert start().slots["opted_out"] is True, "opted_out must be restored from the database"


def test_an_erased_learner_starts_again_from_scratch(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15", district="PL4")
    assert erase_learner(db(), SECRET, "rest", SENDER)
    ran = start(
        slots={
            "consent": "given",
            "age_band": "13-15",
            "district": "PL4",
            "interests": "music",
            "pending_claim_code": "K7QX2-M9PTW",
            "opted_out": False,
        }
    )
    assert "consent" not in ran.slots, (
        "consent must be reset when the badge core no longer knows them"
    )
    assert set(ran.slots) <= {"opted_out", *PLYMOUTH_WORDS}, (
        f"nothing of the erased profile may be carried: {ran.slots}"
    )


def test_slots_about_the_last_conversation_are_not_carried(db: UnitOfWorkFactory) -> None:
    ran = start(
        slots={
            "requested_slot": "district",
            "erase_conversation": True,
            "activity_results": ["code-club-central"],
            "results_shown": 1.0,
            "pending_claim_code": "K7QX2-M9PTW",
            "consent": "declined",
            "opted_out": None,
        }
    )
    assert ran.slots == {
        "pending_claim_code": "K7QX2-M9PTW",
        "consent": "declined",
        **PLYMOUTH_WORDS,
    }, "only set slots outside NOT_CARRIED should survive a new session"


def test_a_learner_is_recognised_only_on_the_channel_they_registered_on(
    db: UnitOfWorkFactory,
) -> None:
    register(db, channel="telegram", age_band="19-25")
    assert start(channel="telegram").slots.get("age_band") == "19-25", "same channel: recognised"
    assert start(channel="sms").slots == PLYMOUTH_WORDS, (
        "the same sender key on another channel is someone else"
    )


def test_a_learner_owed_a_message_reopens_their_whatsapp_window_at_a_new_session(
    db: UnitOfWorkFactory,
) -> None:
    """The sealed address the connector sends with each message reaches the badge core at
    session start, and marks the time only for a learner the bot owes an answer."""
    from badge_core.models import ChannelIdentity
    from colbot_shared.crypto import sealer

    register(db, channel="whatsapp", age_band="under-13")
    address = sealer(SECRET).seal("whatsapp:+447700900555").decode()
    said = [
        {
            "event": "user",
            "text": "hi",
            "input_channel": "whatsapp",
            "metadata": {"address": address},
        }
    ]
    start(channel=None, events=said)
    with db() as unit:
        assert unit.session.scalar(select(ChannelIdentity.last_message_at)) is None, (
            "nothing is kept for a learner the bot owes nothing"
        )
        unit.session.execute(update(ChannelIdentity).values(address_sealed=address.encode()))
        unit.commit()
    start(channel=None, events=said)
    with db() as unit:
        assert unit.session.scalar(select(ChannelIdentity.last_message_at)) is not None


def _write_to(number: str, sender: str = SENDER):  # type: ignore[no-untyped-def]
    """A session's first message sent to ``number``, as the Twilio connector passes it."""
    return start(
        sender=sender,
        events=[{"event": "user", "text": "hi", "input_channel": "sms",
                 "metadata": {"to": number}}],
    )  # fmt: skip


def test_a_new_learner_is_in_the_city_whose_number_they_texted(db: UnitOfWorkFactory) -> None:
    load_pack(db(), read_pack(CITIES / "brighton"))
    brighton = read_pack(CITIES / "brighton").city.channels["sms"][0]
    assert _write_to(brighton).slots == {
        "city": "brighton",
        "city_name": "Brighton and Hove",
        "district_example": "BN1",
        "area_example": "Southwick",
    }
    assert _write_to("whatsapp:+44 7700 900999").slots == PLYMOUTH_WORDS  # no pack's


def test_a_registered_learner_stays_in_their_own_city_until_they_move(
    db: UnitOfWorkFactory,
) -> None:
    load_pack(db(), read_pack(CITIES / "brighton"))
    brighton = read_pack(CITIES / "brighton").city.channels["sms"][0]
    learner = register(db, channel="sms", district="PL4")
    assert _write_to(brighton).slots["city"] == "plymouth"
    assert move_learner(db(), learner.public_id, "brighton") == "plymouth"
    moved = _write_to(brighton).slots
    assert (moved["city"], moved["district"]) == ("brighton", "skipped")
