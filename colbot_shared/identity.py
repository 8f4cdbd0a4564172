"""Who is writing, without saying who: the pseudonyms both runtimes must agree on.

The connectors (Rasa runtime) give Rasa ``sender_pseudonym(channel, address)`` as the
sender id, never the chat id or phone number; the badge core finds a learner by
``identity_hash(channel, sender id)``; the command line computes the same pseudonym from an
address a learner gives when they ask for their data.
"""

from __future__ import annotations

from colbot_shared.crypto import keyed_hash

# Channels whose sender id is the connector's pseudonym of the address (not the REST
# channel's own sender id).
PSEUDONYMOUS_CHANNELS = ("telegram", "sms", "whatsapp")


def sender_pseudonym(secret_key: str, channel: str, address: str) -> str:
    """The sender id Rasa sees: a keyed hash of channel and address, never the address."""
    return keyed_hash(secret_key, "sender", f"{channel}:{address}")


def identity_hash(secret_key: str, channel: str, sender_id: str) -> str:
    """What a learner's chat identity is stored and found by."""
    return keyed_hash(secret_key, f"identity:{channel}", sender_id)
