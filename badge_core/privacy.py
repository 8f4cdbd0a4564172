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

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def keyed_hash(secret_key: str, purpose: str, value: str) -> str:
    """A hex HMAC of ``value``; ``purpose`` separates the uses of one key."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"colbot-address-encryption", info=b"v1"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt(secret_key: str, plaintext: str) -> bytes:
    return _fernet(secret_key).encrypt(plaintext.encode())


def decrypt(secret_key: str, token: bytes) -> str:
    return _fernet(secret_key).decrypt(token).decode()
