"""Keyed hashes and encryption for personal data, as the badge core uses them.

Channel addresses (phone numbers, chat ids) and claim codes are looked up by HMAC-SHA256
under the deployment's secret key, so a copy of the database reveals neither. Where
something must be kept to message someone first, it is encrypted (Fernet, key derived from
the same secret with HKDF). The primitives are colbot_shared.crypto's, which the Rasa
runtime seals with: what one runtime seals the other opens.
"""

from __future__ import annotations

from typing import Any

from colbot_shared.crypto import LINKS, event_sealer, sealer
from colbot_shared.crypto import keyed_hash as keyed_hash  # the badge core's name for it


def seal_for_link(secret_key: str, text: str) -> str:
    """``text`` encrypted and authenticated for a web address (a poster link): URL-safe."""
    return sealer(secret_key, LINKS).seal(text).decode()


def open_link(secret_key: str, token: str) -> str | None:
    """What :func:`seal_for_link` sealed, or None for a token that is not one of ours."""
    return sealer(secret_key, LINKS).open_or_none(token.encode())


def encrypt(secret_key: str, plaintext: str) -> bytes:
    return sealer(secret_key).seal(plaintext)


def decrypt(secret_key: str, token: bytes) -> str:
    return sealer(secret_key).open(token)


def open_tracker_event(secret_key: str, stored: str) -> dict[str, Any] | None:
    """A tracker store event as data, or None when it cannot be opened with this key."""
    return event_sealer(secret_key).open(stored)
