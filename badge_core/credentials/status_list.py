"""Revocation bits in the W3C Bitstring Status List v1.0 encoding.

Each award holds a random position in its city's list; the bit there is 1 once the award is
revoked. The list is 131,072 bits (16 KiB, the spec's minimum, so one position says little
about when an award was made), GZIP-compressed and written as multibase base64url (``u...``).
Bit 0 is the most significant bit of the first byte. Compression is made repeatable (no
timestamp in the GZIP header), so the same revocations always give the same text.
"""

from __future__ import annotations

import gzip
import secrets
from collections.abc import Iterable

from badge_core.credentials.multibase import decode_base64url, encode_base64url

LIST_LENGTH = 131_072
STATUS_PURPOSE = "revocation"


class StatusListInvalid(ValueError):
    """An encoded list that cannot be read."""


def random_index() -> int:
    return secrets.randbelow(LIST_LENGTH)


def encode(set_positions: Iterable[int], length: int = LIST_LENGTH) -> str:
    bits = bytearray(length // 8)
    for position in set_positions:
        if not 0 <= position < length:
            raise ValueError(f"status position {position} is outside the list")
        bits[position // 8] |= 0x80 >> (position % 8)
    return encode_base64url(gzip.compress(bytes(bits), mtime=0))


def is_set(encoded_list: str, position: int) -> bool:
    try:
        bits = gzip.decompress(decode_base64url(encoded_list))
    except (ValueError, OSError, EOFError) as error:
        raise StatusListInvalid(f"the status list cannot be read: {error}") from None
    if not 0 <= position < len(bits) * 8:
        raise StatusListInvalid(f"status position {position} is outside the list")
    return bool(bits[position // 8] & (0x80 >> (position % 8)))
