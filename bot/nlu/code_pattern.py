"""Finding claim codes in what a young person typed, wherever they put them.

A code is ten Crockford base32 characters, often split 5+5 by a space or dash, in any case,
with O typed for 0 and I or L for 1. Each half of a real code holds one of the digits 2-9
and the code at least two letters, so a word ("footballer", "claim") is never a code nor
half of one, and phone numbers are not codes either.
The badge core applies the same rule when it reads a code (``badge_core.services.codes``);
a test in the actions runtime checks the two agree. No Rasa imports here, so both runtimes
can load this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A lookahead, so overlapping candidates are all seen ("2nite K7QX2 M9PTW" holds two).
_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])(?=(([0-9A-Za-z]{5})[\s\-_.]{0,3}([0-9A-Za-z]{5}))(?![0-9A-Za-z]))"
)
# Letters no code contains as issued; a half typed with them is likely text-speak ("2nite").
_WORDY = frozenset("ILOUilou")
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_ALPHABET = frozenset("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
_UNMISTAKABLE_DIGITS = frozenset("23456789")


@dataclass(frozen=True)
class FoundCode:
    start: int
    end: int
    value: str  # canonical, e.g. K7QX2-M9PTW


def canonical(compact: str) -> str | None:
    upper = compact.upper()
    if (
        len(upper) != 10
        or not any(ch in _UNMISTAKABLE_DIGITS for ch in upper[:5])
        or not any(ch in _UNMISTAKABLE_DIGITS for ch in upper[5:])
        or sum(ch.isalpha() for ch in upper) < 2
    ):
        return None
    folded = upper.translate(_FOLD)
    if any(ch not in _ALPHABET for ch in folded):
        return None
    return f"{folded[:5]}-{folded[5:]}"


def find_codes(text: str) -> list[FoundCode]:
    candidates = []
    for match in _CANDIDATE.finditer(text):
        first, second = match.group(2), match.group(3)
        value = canonical(first + second)
        if value is None:
            continue
        wordy = sum(any(ch in _WORDY for ch in half) for half in (first, second))
        start = match.start(1)
        # Best first: fewest word-like halves, then later in the message (codes follow "claim").
        rank = (-wordy, start)
        candidates.append((rank, FoundCode(start, start + len(match.group(1)), value)))
    chosen: list[FoundCode] = []
    for _, code in sorted(candidates, key=lambda c: c[0], reverse=True):
        if all(code.end <= other.start or code.start >= other.end for other in chosen):
            chosen.append(code)
    return sorted(chosen, key=lambda code: code.start)


# A link code (badge_core.services.linking): 8 digits, alone or after the word "link".
_LINK = re.compile(r"^\W*(?:link\W*(?:code\W*)?)?(\d{4})[\s\-]?(\d{4})\W*$", re.IGNORECASE)


def find_link_code(text: str) -> FoundCode | None:
    """The link code when a message is one ("LINK 4821 9375", "4821-9375"), else None."""
    match = _LINK.match(text)
    if match is None:
        return None
    return FoundCode(match.start(1), match.end(2), match.group(1) + match.group(2))


# A staff invite (badge_core.services.invites): "STAFF 7KQ2-M2PT", each half holding a digit
# 2-9, so words after "staff" ("staff help with homework") are never an invite.
_STAFF_INVITE = re.compile(
    r"\bstaff\W*(?=[0-9a-z]{0,3}[2-9])[0-9a-z]{4}[\s\-]?(?=[0-9a-z]{0,3}[2-9])[0-9a-z]{4}\b",
    re.IGNORECASE,
)


def has_staff_invite(text: str) -> bool:
    return _STAFF_INVITE.search(text) is not None
