"""The codes people type to the bot, and their email addresses, read one way in both runtimes.

- **Claim codes** (``K7QX2-M9PTW``): ten Crockford base32 characters (no I, L, O or U),
  shown as two groups of five. Each half holds one of the digits 2-9 and the code at least
  two letters, so no word ("footballer", "claim") is a code or half of one and no phone
  number is a code: the bot can spot a code anywhere in a message. Reading folds case, O to
  0 and I/L to 1 (people type them so), and ignores spaces and dashes.
- **Link codes** (``4821 9375``): eight digits, alone or after the word "link".
- **Staff invites** (``STAFF 7KQX-M2PT-9HJR``): "staff" and three groups of four, each
  holding a digit 2-9, so words after "staff" ("staff help with homework") are never an
  invite. Invites of two groups, from before, are still read until they expire.
- **Email codes** (``482 913``): six digits, alone or after "code", that confirm an email
  address the learner gave for their badges.
- **Email addresses** ("jo.smith@example.com"), found anywhere in a message and read in
  lower case: a learner sends one to put it on their badges.

The Rasa side finds codes in a message (bot/nlu/claim_codes.py) and keeps them out of stored
conversations (bot/event_privacy.py); the badge core makes them and reads them back
(badge_core/services/codes.py, linking.py, invites.py, email_recipient.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
MIN_LETTERS = 2
UNMISTAKABLE_DIGITS = frozenset("23456789")
_HALF = CODE_LENGTH // 2
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
# A lookahead, so overlapping candidates are all seen ("2nite K7QX2 M9PTW" holds two).
_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])(?=(([0-9A-Za-z]{5})[\s\-_.]{0,3}([0-9A-Za-z]{5}))(?![0-9A-Za-z]))"
)
# Letters no code contains as issued; a half typed with them is likely text-speak ("2nite").
_WORDY = frozenset("ILOUilou")


@dataclass(frozen=True)
class FoundCode:
    start: int
    end: int
    value: str  # canonical: a claim code as K7QX2-M9PTW, a link code as its 8 digits


def looks_like_code(compact: str) -> bool:
    """Ten characters as typed (before folding): a digit 2-9 in each half, two letters."""
    return (
        len(compact) == CODE_LENGTH
        and any(ch in UNMISTAKABLE_DIGITS for ch in compact[:_HALF])
        and any(ch in UNMISTAKABLE_DIGITS for ch in compact[_HALF:])
        and sum(ch.isalpha() for ch in compact) >= MIN_LETTERS
    )


def normalise_code(text: str) -> str | None:
    """The canonical form of a typed claim code without its dash, or None when it cannot be
    one: "oi2ab-lc3de" is "012AB1C3DE"."""
    compact = _SEPARATORS.sub("", text).upper()
    if not looks_like_code(compact):
        return None
    folded = compact.translate(_FOLD)
    return folded if all(ch in ALPHABET for ch in folded) else None


def format_code(normalised: str) -> str:
    """A normalised claim code as people are shown it: K7QX2-M9PTW."""
    return f"{normalised[:_HALF]}-{normalised[_HALF:]}"


def find_codes(text: str) -> list[FoundCode]:
    """Every claim code in a message, wherever it is and however it is typed."""
    candidates = []
    for match in _CANDIDATE.finditer(text):
        first, second = match.group(2), match.group(3)
        normalised = normalise_code(first + second)
        if normalised is None:
            continue
        wordy = sum(any(ch in _WORDY for ch in half) for half in (first, second))
        start = match.start(1)
        # Best first: fewest word-like halves, then later in the message (codes follow "claim").
        rank = (-wordy, start)
        found = FoundCode(start, start + len(match.group(1)), format_code(normalised))
        candidates.append((rank, found))
    chosen: list[FoundCode] = []
    for _, code in sorted(candidates, key=lambda c: c[0], reverse=True):
        if all(code.end <= other.start or code.start >= other.end for other in chosen):
            chosen.append(code)
    return sorted(chosen, key=lambda code: code.start)


_LINK = re.compile(r"^\W*(?:link\W*(?:code\W*)?)?(\d{4})[\s\-]?(\d{4})\W*$", re.IGNORECASE)


def link_digits(text: str) -> str | None:
    """The 8 digits of a link code in any spacing ("4821 9375", "48219375", "4821-9375")."""
    digits = re.sub(r"[\s\-]", "", text)
    return digits if re.fullmatch(r"\d{8}", digits) else None


def find_link_code(text: str) -> FoundCode | None:
    """The link code when a message is one ("LINK 4821 9375", "4821-9375"), else None."""
    match = _LINK.match(text)
    if match is None:
        return None
    return FoundCode(match.start(1), match.end(2), match.group(1) + match.group(2))


_EMAIL_CODE = re.compile(
    r"^\W*(?:(?:(?:my|the)\W+)?(?:email\W*)?code\W*(?:is\W*)?)?(\d{3})[\s\-]?(\d{3})\W*$",
    re.IGNORECASE,
)


def find_email_code(text: str) -> FoundCode | None:
    """The email code when a message is one ("482 913", "code: 482913"), else None."""
    match = _EMAIL_CODE.match(text)
    if match is None:
        return None
    return FoundCode(match.start(1), match.end(2), match.group(1) + match.group(2))


# An address as people type one: a local part, "@", and a domain of labels ending in letters.
# Not every address RFC 5322 allows (no quoted local parts), but every one a backpack takes.
EMAIL = re.compile(
    r"(?<![\w.+\-])[a-z0-9!#$%&'*+/=?^_`{|}~\-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~\-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\w\-])",
    re.IGNORECASE,
)
MAX_EMAIL_LENGTH = 254


def find_email(text: str) -> FoundCode | None:
    """The first email address in a message, in lower case, or None."""
    match = EMAIL.search(text)
    if match is None or len(match.group(0)) > MAX_EMAIL_LENGTH:
        return None
    return FoundCode(match.start(), match.end(), match.group(0).lower())


def masked_email(address: str) -> str:
    """An address as the bot says it back: "j***@example.com" (ASCII, so SMS stays GSM)."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


_GROUP = r"((?=[0-9a-z]{0,3}[2-9])[0-9a-z]{4})"
_STAFF_INVITE = re.compile(
    rf"\bstaff\W*{_GROUP}[\s\-]?{_GROUP}(?:[\s\-]?{_GROUP})?\b", re.IGNORECASE
)


def has_staff_invite(text: str) -> bool:
    return _STAFF_INVITE.search(text) is not None


def staff_invite(text: str) -> str | None:
    """The invite in a message, compact and folded ("7KQXM2PT9HJR"), or None."""
    match = _STAFF_INVITE.search(text)
    if match is None:
        return None
    compact = "".join(group or "" for group in match.groups()).upper().translate(_FOLD)
    return compact if set(compact) <= set(ALPHABET) else None
