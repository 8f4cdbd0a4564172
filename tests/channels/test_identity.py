"""The connectors (Rasa runtime) and the badge core agree on pseudonyms and sealed addresses:
both compute them with colbot_shared."""

from __future__ import annotations

from badge_core.privacy import decrypt, keyed_hash
from colbot_shared.crypto import LINKS, Sealer, event_sealer, sealer
from colbot_shared.identity import sender_pseudonym as pseudonym

KEY = "a-deployment-key"


def test_the_badge_core_opens_an_address_the_connector_sealed() -> None:
    sealed = sealer(KEY).seal("whatsapp:+447700900123").decode()  # as the connectors do
    assert "447700900123" not in sealed
    assert decrypt(KEY, sealed.encode()) == "whatsapp:+447700900123"


def test_keys_are_derived_once_per_key_and_purpose_and_never_shared() -> None:
    """A connector seals an address on every message: the sealer for a key is made once,
    and one key's or purpose's sealer never opens another's seal."""
    assert sealer(KEY) is sealer(KEY) and event_sealer(KEY) is event_sealer(KEY)
    sealed = sealer(KEY).seal("+447700900123")
    assert Sealer(KEY).open(sealed) == "+447700900123"  # the same key as a fresh derivation
    assert sealer("another-key").open_or_none(sealed) is None
    assert sealer(KEY, LINKS).open_or_none(sealed) is None
    event = event_sealer(KEY).seal({"event": "user", "text": "hi"})
    assert event_sealer(KEY).open(event) == {"event": "user", "text": "hi"}
    assert event_sealer("another-key").open(event) is None


def test_a_pseudonym_depends_on_key_channel_and_address_and_hides_the_address() -> None:
    one = pseudonym(KEY, "sms", "+447700900123")
    assert "447700900123" not in one and len(one) == 64
    assert one == pseudonym(KEY, "sms", "+447700900123")
    assert (
        len(
            {
                one,
                pseudonym(KEY, "whatsapp", "+447700900123"),
                pseudonym("other", "sms", "+447700900123"),
                pseudonym(KEY, "sms", "+447700900124"),
            }
        )
        == 4
    )
    # the badge core can compute the same pseudonym from an address it was given
    assert one == keyed_hash(KEY, "sender", "sms:+447700900123")
