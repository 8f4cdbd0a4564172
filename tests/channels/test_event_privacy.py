"""M3: what of a conversation the tracker store may keep (bot/event_privacy.py). The
end-to-end test in tests/e2e/test_security.py reads the real store after a conversation."""

from __future__ import annotations

import json

import pytest

from badge_core.privacy import open_tracker_event
from bot.event_privacy import NOT_KEPT, private_event, redact
from colbot_shared.crypto import EventSealer
from tests.conftest import SECRET


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("claim K7QX2 M9PTW pls", "claim [code] pls"),
        ("my code is k7qx2-m9ptw!", "my code is [code]!"),
        ("LINK 4821 9375", "LINK [code]"),
        ("STAFF 7KQX-M2PT-9HJR", "STAFF [code]"),
        ("STAFF 7KQ2-M2PT", "STAFF [code]"),
        ("im near PL4 8AA", "im near PL4 [postcode]"),
        ("pl48aa", "pl4 [postcode]"),
        ("text me on 07700 900123", "text me on [number]"),
        ("football on saturday in PL4", "football on saturday in PL4"),
        ("i'm 14 and in year 9", "i'm 14 and in year 9"),
        ("my email is Jo.Smith+b@Example.co.uk ok", "my email is [email] ok"),
        ("482 913", "[code]"),
        ("the code is 482-913", "the code is [code]"),
        ("j***@example.com", "[email]"),  # the bot saying an address back, half hidden
    ],
)
def test_codes_addresses_postcodes_and_numbers_are_taken_out_of_what_is_said(
    said: str, kept: str
) -> None:
    assert redact(said) == kept


def test_a_learner_event_keeps_its_intent_but_no_code_metadata_or_entity_value() -> None:
    event = {
        "event": "user",
        "text": "claim K7QX2-M9PTW",
        "input_channel": "telegram",
        "metadata": {"address": "gAAAAsealed"},
        "parse_data": {
            "text": "claim K7QX2-M9PTW",
            "intent": {"name": "claim_badge"},
            "entities": [{"entity": "claim_code", "value": "K7QX2-M9PTW"}],
        },
    }
    stored = private_event(event)
    assert "K7QX2" not in json.dumps(stored) and "metadata" not in stored
    assert stored["parse_data"]["intent"]["name"] == "claim_badge"
    assert event["text"] == "claim K7QX2-M9PTW"  # the live event is not changed
    declined = private_event(event, keep_words=False)
    assert declined["text"] == declined["parse_data"]["text"] == NOT_KEPT


@pytest.mark.parametrize(
    ("said", "intent", "entity", "value"),
    [
        ("my email is Jo.Smith@example.com", "give_email", "email", "jo.smith@example.com"),
        ("482 913", "email_code", "email_code", "482913"),
    ],
)
def test_an_email_address_or_its_code_is_kept_by_neither_text_nor_entity(
    said: str, intent: str, entity: str, value: str
) -> None:
    event = {
        "event": "user",
        "text": said,
        "parse_data": {
            "text": said,
            "intent": {"name": intent},
            "entities": [{"entity": entity, "value": value, "start": 0, "end": len(said)}],
        },
    }
    stored = json.dumps(private_event(event)).lower()
    assert "jo.smith" not in stored and "482" not in stored and "913" not in stored
    assert private_event(event)["parse_data"]["intent"]["name"] == intent


def test_a_bot_reply_with_fresh_codes_in_its_text_and_buttons_is_kept_without_them() -> None:
    reply = {
        "event": "bot",
        "text": "Code Club Coder: K7QX2-M9PTW",
        "timestamp": 1764000000.5,
        "data": {"buttons": [{"title": "Close", "payload": '/close_code{"code":"K7QX2-M9PTW"}'}]},
    }
    stored = private_event(reply)
    assert "K7QX2" not in json.dumps(stored)
    assert stored["timestamp"] == 1764000000.5


def test_sealed_events_open_with_the_key_in_both_runtimes_and_not_without_it() -> None:
    sealer = EventSealer(SECRET)
    stored = sealer.seal({"event": "user", "text": "hello"})
    assert "hello" not in stored and stored.startswith("colbot:v2:")
    assert (
        sealer.open(stored)
        == open_tracker_event(SECRET, stored)
        == {"event": "user", "text": "hello"}
    )
    assert EventSealer("another-key-" * 4).open(stored) is None
    assert sealer.open('{"event": "user"}') == {"event": "user"}  # rows from before sealing


def test_a_code_a_slot_holds_for_the_next_turn_stays_whole() -> None:
    """A claim sent before consent waits in a slot; half a code can look like a postcode."""
    for code in ("A12BC-7KQX2", "K7QX2-M9PTW"):
        slot = {"event": "slot", "name": "pending_claim_code", "value": code}
        assert private_event(slot)["value"] == code
    assert private_event({"event": "slot", "name": "district", "value": "PL4 6AB"})["value"] == (
        "PL4 [postcode]"
    )
    for kind in ("slot", "action", "session_started", "bot", "user"):
        assert "metadata" not in private_event({"event": kind, "metadata": {"address": "x"}})
