"""A learner's words without what would identify or reach them: claim and link codes,
email addresses, full postcodes (the district stays) and phone numbers.

Both runtimes redact with this: the Rasa side before a conversation event is stored
(bot/event_privacy.py), the badge core before it keeps a learner's words (a skill
correction, badge_core/services/corrections.py).
"""

from __future__ import annotations

import re

from colbot_shared.codes import EMAIL, find_codes

_LINK_CODE = re.compile(r"(?<!\d)\d{4}[\s\-]?\d{4}(?!\d)")
_EMAIL_CODE = re.compile(r"(?<!\d)\d{3}[\s\-]?\d{3}(?!\d)")
_STAFF_INVITE = re.compile(
    r"(?i)(\bstaff\W*)[0-9a-z]{4}[\s\-]?[0-9a-z]{4}(?:[\s\-]?[0-9a-z]{4})?\b"
)
_POSTCODE = re.compile(r"(?i)\b([a-z]{1,2}\d[a-z\d]?)\s*\d[a-z]{2}\b")
# a phone number as people type one: +44..., 0044..., or a UK number from 0 (never a date)
_PHONE = re.compile(
    r"(?<![\w-])(?:(?:\+|00)\d[\d\s]{8,14}\d|0\d{3}\s?\d{3}\s?\d{4}|0\d{4}\s?\d{6})(?![\w-])"
)


def redact(text: str) -> str:
    """``text`` without codes, email addresses, full postcodes or phone numbers."""
    text = EMAIL.sub("[email]", text)
    for found in reversed(find_codes(text)):
        text = text[: found.start] + "[code]" + text[found.end :]
    text = _STAFF_INVITE.sub(r"\1[code]", text)
    text = _LINK_CODE.sub("[code]", _PHONE.sub("[number]", text))
    return without_places(_EMAIL_CODE.sub("[code]", text))


def without_places(text: str) -> str:
    """``text`` without full postcodes or phone numbers; codes stay, whole (half a code can
    look like a postcode: "A12BC")."""
    kept, last = [], 0
    for found in find_codes(text):
        kept += [_places_out(text[last : found.start]), text[found.start : found.end]]
        last = found.end
    return "".join([*kept, _places_out(text[last:])])


def _places_out(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    return _POSTCODE.sub(r"\1 [postcode]", _PHONE.sub("[number]", text))
