"""What of a conversation event may be stored (bot/tracker_store.py seals what is, with
colbot_shared.crypto.EventSealer).

No Rasa import here, so the tests can read the tracker store from the other runtime.
"""

from __future__ import annotations

from typing import Any

from colbot_shared.redaction import redact, without_places

CODE_ENTITIES = frozenset({"claim_code", "link_code", "code", "postcode", "email_code"})
ADDRESS_ENTITIES = frozenset({"email"})
NOT_KEPT = "[not kept]"


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
        data["value"] = _strings(data.get("value"), without_places)
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
