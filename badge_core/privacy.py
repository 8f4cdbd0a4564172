"""Keyed hashes and encryption for personal data.

Channel addresses (phone numbers, chat ids) and claim codes are looked up by HMAC-SHA256
under the deployment's secret key, so a copy of the database reveals neither. Where an
address must be kept to message someone first, it is encrypted (Fernet, key derived from the
same secret with HKDF).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def keyed_hash(secret_key: str, purpose: str, value: str) -> str:
    """A hex HMAC of ``value``; ``purpose`` separates the uses of one key."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def _fernet(secret_key: str, salt: bytes = b"colbot-address-encryption") -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"v1").derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def seal_for_link(secret_key: str, text: str) -> str:
    """``text`` encrypted and authenticated for a web address (a poster link): URL-safe."""
    return _fernet(secret_key, b"colbot-links").encrypt(text.encode()).decode()


def open_link(secret_key: str, token: str) -> str | None:
    """What :func:`seal_for_link` sealed, or None for a token that is not one of ours."""
    try:
        return _fernet(secret_key, b"colbot-links").decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def encrypt(secret_key: str, plaintext: str) -> bytes:
    return _fernet(secret_key).encrypt(plaintext.encode())


def decrypt(secret_key: str, token: bytes) -> str:
    return _fernet(secret_key).decrypt(token).decode()


# Rasa's tracker store seals each event the same way (bot/event_privacy.py, in the other
# runtime; a test holds the two together): "colbot:v2:" and base64 of nonce + AES-256-GCM.
TRACKER_EVENT_PREFIX = "colbot:v2:"


def open_tracker_event(secret_key: str, stored: str) -> dict[str, Any] | None:
    """A tracker store event as data, or None when it cannot be opened with this key."""
    if not stored.startswith(TRACKER_EVENT_PREFIX):
        return json.loads(stored)
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"colbot-tracker-events", info=b"v2"
    ).derive(secret_key.encode())
    try:
        raw = base64.b64decode(stored[len(TRACKER_EVENT_PREFIX) :])
        return json.loads(AESGCM(derived).decrypt(raw[:12], raw[12:], None))
    except (InvalidTag, ValueError):
        return None
