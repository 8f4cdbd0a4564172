"""What of a conversation event may be stored (bot/tracker_store.py seals what is, with
colbot_shared.crypto.EventSealer).

No Rasa import here, so the tests can read the tracker store from the other runtime.
"""

from __future__ import annotations

import re
from typing import Any

from colbot_shared.codes import EMAIL, find_codes

CODE_ENTITIES = frozenset({"claim_code", "link_code", "code", "postcode", "email_code"})
ADDRESS_ENTITIES = frozenset({"email"})
NOT_KEPT = "[not kept]"

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
    return _without_places(_EMAIL_CODE.sub("[code]", text))


def _without_places(text: str) -> str:
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


def private_event(data: dict[str, Any], *, keep_words: bool = True) -> dict[str, Any]:
    """The event as it may be stored: see the module's docstring. ``data`` is not changed."""
    kind = data.get("event")
    data = {key: value for key, value in data.items() if key != "metadata"}
    if kind == "user":
        data["text"] = redact(data.get("text") or "") if keep_words else NOT_KEPT
        parse = data.get("parse_data")
        if isinstance(parse, dict):
            entities = [e for e in parse.get("entities") or [] if isinstance(e, dict)]
            data["parse_data"] = {
                **{key: value for key, value in parse.items() if key != "response_selector"},
                "text": data["text"],
                "entities": [
                    {**e, "value": "[code]"}
                    if e.get("entity") in CODE_ENTITIES
                    else {**e, "value": "[email]"}
                    if e.get("entity") in ADDRESS_ENTITIES
                    else _strings(e, redact)
                    for e in entities
                ]
                if keep_words
                else [],
            }
        return data
    if kind == "bot":
        # the reply and its buttons, whose payloads can carry a code ("close" a code)
        data["text"] = _strings(data.get("text"), redact)
        data["data"] = _strings(data.get("data"), redact)
    elif kind == "slot":
        # no full postcode or phone number; a code a slot holds for the next turn (a claim
        # waiting for consent) stays, sealed below
        data["value"] = _strings(data.get("value"), _without_places)
    # the other events (actions, forms, sessions) hold names and times, nothing a learner said
    return data


def _strings(value: Any, change: Any) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_strings(item, change) for item in value]
    if isinstance(value, dict):
        return {key: _strings(item, change) for key, item in value.items()}
    return value
