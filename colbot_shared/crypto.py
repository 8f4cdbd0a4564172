"""Keyed hashes, and sealing with keys derived from the secret key (HKDF-SHA256, one salt
per purpose, so one key never serves two uses).

- ``keyed_hash``: a hex HMAC-SHA256, ``purpose`` separating its uses;
- ``Sealer``: Fernet (AES-128-CBC + HMAC), for a learner's address, a concern's words or a
  poster link: small values, sealed and opened now and then;
- ``EventSealer``: AES-256-GCM for the tracker store's events, which every turn opens by
  the dozen (about 4 us an event, where Fernet took 26).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import logging
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ADDRESSES = b"colbot-address-encryption"  # a learner's address, a sender id, a concern's words
LINKS = b"colbot-links"  # a poster's link
logger = logging.getLogger(__name__)

TRACKER_EVENTS = b"colbot-tracker-events"
TRACKER_EVENT_PREFIX = "colbot:v2:"  # "colbot:v2:" + base64(nonce + AES-256-GCM)


def keyed_hash(secret_key: str, purpose: str, value: str) -> str:
    """A hex HMAC of ``value``; ``purpose`` separates the uses of one key."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def derived_key(secret_key: str, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(
        secret_key.encode()
    )


class Sealer:
    """Seals text for one purpose (``salt``); what it seals only it opens."""

    def __init__(self, secret_key: str, salt: bytes = ADDRESSES) -> None:
        self._fernet = Fernet(base64.urlsafe_b64encode(derived_key(secret_key, salt, b"v1")))

    def seal(self, text: str) -> bytes:
        return self._fernet.encrypt(text.encode())

    def open(self, token: bytes) -> str:
        """The text, or InvalidToken for a token sealed another way."""
        return self._fernet.decrypt(token).decode()

    def open_or_none(self, token: bytes) -> str | None:
        try:
            return self.open(token)
        except (InvalidToken, ValueError):
            return None


@functools.lru_cache(maxsize=16)
def sealer(secret_key: str, salt: bytes = ADDRESSES) -> Sealer:
    """The Sealer for this key and purpose, its key derived once per process rather than on
    every message (Sealer and EventSealer hold no state besides their key)."""
    return Sealer(secret_key, salt)


class EventSealer:
    """Seals and opens the tracker store's events (AES-256-GCM)."""

    def __init__(self, secret_key: str) -> None:
        self._aead = AESGCM(derived_key(secret_key, TRACKER_EVENTS, b"v2"))

    def seal(self, data: dict[str, Any]) -> str:
        nonce = os.urandom(12)
        sealed = nonce + self._aead.encrypt(nonce, json.dumps(data).encode(), None)
        return TRACKER_EVENT_PREFIX + base64.b64encode(sealed).decode()

    def open(self, stored: str) -> dict[str, Any] | None:
        """The event, or None when it was sealed with another key."""
        if not stored.startswith(TRACKER_EVENT_PREFIX):
            return json.loads(stored)  # written before events were sealed
        try:
            raw = base64.b64decode(stored[len(TRACKER_EVENT_PREFIX) :])
            return json.loads(self._aead.decrypt(raw[:12], raw[12:], None))
        except (InvalidTag, ValueError):
            logger.warning("A stored conversation event was sealed with another key: skipped")
            return None


@functools.lru_cache(maxsize=4)
def event_sealer(secret_key: str) -> EventSealer:
    """The EventSealer for this key, derived once per process."""
    return EventSealer(secret_key)
