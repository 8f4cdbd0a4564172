"""The byte encodings Data Integrity and DIDs use: base58-btc, base64url and ``Multikey``.

Multibase puts one character before the encoded bytes to say which encoding follows: ``z``
for base58-btc (proof values, public keys) and ``u`` for base64url without padding (status
lists). An Ed25519 public key as a ``Multikey`` is the multicodec header ``0xed 0x01``
(ed25519-pub) and the 32 key bytes, in base58-btc: always ``z6Mk...``.
"""

from __future__ import annotations

import base64

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {ch: i for i, ch in enumerate(BASE58_ALPHABET)}
ED25519_PUB_HEADER = b"\xed\x01"


class MultibaseError(ValueError):
    """Text that is not the multibase encoding it claims to be."""


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(BASE58_ALPHABET[remainder])
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + "".join(reversed(digits))


def base58_decode(text: str) -> bytes:
    number = 0
    for ch in text:
        if ch not in _BASE58_INDEX:
            raise MultibaseError(f"{ch!r} is not a base58 character")
        number = number * 58 + _BASE58_INDEX[ch]
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading_zeros + body


def encode_base58btc(data: bytes) -> str:
    return "z" + base58_encode(data)


def decode_base58btc(text: str) -> bytes:
    if not text.startswith("z"):
        raise MultibaseError("expected base58-btc multibase (starting with 'z')")
    return base58_decode(text[1:])


def encode_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(text: str) -> bytes:
    if not text.startswith("u"):
        raise MultibaseError("expected base64url multibase (starting with 'u')")
    body = text[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as error:
        raise MultibaseError("not base64url") from error


def ed25519_multikey(public_key: bytes) -> str:
    """The ``publicKeyMultibase`` of a raw 32-byte Ed25519 public key."""
    if len(public_key) != 32:
        raise MultibaseError("an Ed25519 public key is 32 bytes")
    return encode_base58btc(ED25519_PUB_HEADER + public_key)


def ed25519_public_bytes(multikey: str) -> bytes:
    """The raw Ed25519 public key inside a ``z6Mk...`` multikey."""
    decoded = decode_base58btc(multikey)
    if not decoded.startswith(ED25519_PUB_HEADER) or len(decoded) != 34:
        raise MultibaseError("not an Ed25519 public key multikey")
    return decoded[2:]
