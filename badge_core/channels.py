"""A city's numbers and bot, written one way everywhere: the pack's ``channels`` as stored,
and a message's "to" as the connector passes it, compare as ``channel:address``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any


def normal_number(number: str) -> str:
    """ "+44 7700 900101", "whatsapp:+447700900101" -> "+447700900101" (a pack's numbers
    are international, as Twilio gives them)."""
    return "+" + re.sub(r"\D", "", number.removeprefix("whatsapp:"))


def normal_bot(name: str) -> str:
    """A Telegram username without its @ (case kept for showing; compared in lower case)."""
    return name.strip().lstrip("@")


def channel_addresses(channels: dict[str, Any]) -> dict[str, Any]:
    """The pack's channels, normalised for storing on the city."""
    found: dict[str, Any] = {}
    if channels.get("telegram"):
        found["telegram"] = normal_bot(channels["telegram"])
    for channel in ("sms", "whatsapp"):
        if channels.get(channel):
            found[channel] = [normal_number(n) for n in channels[channel]]
    return found


def addresses_of(channels: dict[str, Any]) -> Iterator[str]:
    """Every ``channel:address`` of a city's stored channels."""
    if channels.get("telegram"):
        yield f"telegram:{channels['telegram'].lower()}"
    for channel in ("sms", "whatsapp"):
        for number in channels.get(channel) or []:
            yield f"{channel}:{number}"


def address_key(channel: str, to: str) -> str:
    """A message's "to" (the number or bot it was sent to) as ``channel:address``."""
    return (
        f"telegram:{normal_bot(to)}" if channel == "telegram" else f"{channel}:{normal_number(to)}"
    )


def own_number(channels: dict[str, Any], channel: str) -> str | None:
    """The city's own number for SMS or WhatsApp (the first its pack names), or None: the
    deployment's then serves."""
    numbers = channels.get(channel) if channel in ("sms", "whatsapp") else None
    return numbers[0] if numbers else None
