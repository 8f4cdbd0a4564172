"""Pseudonymous sender ids and the sealed address, for every connector.

This runs in the Rasa runtime, which cannot import the badge core; the key derivation below
must match ``badge_core.privacy`` (tests/channels checks the badge core opens what is sealed
here). Standard library and cryptography only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def pseudonym(secret_key: str, channel: str, address: str) -> str:
    """The sender id Rasa sees: a keyed hash of channel and address, never the address."""
    message = f"sender\x00{channel}:{address}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def seal_address(secret_key: str, address: str) -> str:
    """The address encrypted for the badge core (``badge_core.privacy.decrypt`` opens it)."""
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"colbot-address-encryption", info=b"v1"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived)).encrypt(address.encode()).decode()
