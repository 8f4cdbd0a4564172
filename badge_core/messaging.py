"""The rules for messages the bot sends first, as a city sets them (city.yaml ``messages:``)
and as each channel imposes them: quiet hours for young people, caps, what an SMS costs,
WhatsApp's 24-hour window. Pure: no database, no network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

WHATSAPP_WINDOW = timedelta(hours=24)
# a message is not sent free-form in the window's last minutes: it could arrive after it
WINDOW_MARGIN = timedelta(minutes=5)
SMS_MAX_SEGMENTS = 2


@dataclass(frozen=True)
class MessageRules:
    quiet_from: time = time(21, 0)
    quiet_to: time = time(8, 0)
    per_day: int = 3  # messages a learner gets at most in 24 hours
    sms_per_week: int = 4  # SMS a learner gets at most in 7 days
    sms_segment_cost: float = 0.04  # pounds a segment, for the budget and the stats
    sms_monthly_budget: float | None = None  # pounds; None: no limit
    # message kind: the Twilio Content SID of a WhatsApp template approved for it
    whatsapp_templates: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, section: dict[str, Any] | None) -> MessageRules:
        """The rules of a city's ``messages:`` section (as stored on the city), defaults for
        anything it leaves out."""
        s = section or {}
        quiet = s.get("quiet_hours") or {}
        return cls(
            quiet_from=_clock(quiet.get("from"), cls.quiet_from),
            quiet_to=_clock(quiet.get("to"), cls.quiet_to),
            per_day=int(s.get("per_day", cls.per_day)),
            sms_per_week=int(s.get("sms_per_week", cls.sms_per_week)),
            sms_segment_cost=float(s.get("sms_segment_cost", cls.sms_segment_cost)),
            sms_monthly_budget=(
                float(s["sms_monthly_budget"]) if s.get("sms_monthly_budget") is not None else None
            ),
            whatsapp_templates=dict(s.get("whatsapp_templates") or {}),
        )


def _clock(value: Any, default: time) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str) and value:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    return default


def quiet_until(rules: MessageRules, at: datetime, timezone: str) -> datetime | None:
    """When the quiet hours around ``at`` end (an aware datetime), or None when ``at`` is not
    in them. Worked out on the city's wall clock, so 08:00 stays 08:00 across BST and GMT."""
    if rules.quiet_from == rules.quiet_to:
        return None
    zone = ZoneInfo(timezone)
    local = at.astimezone(zone)
    now, start, end = local.time(), rules.quiet_from, rules.quiet_to
    overnight = start > end  # 21:00 to 08:00
    quiet = (now >= start or now < end) if overnight else (start <= now < end)
    if not quiet:
        return None
    day = local.date()
    if overnight and now >= start:
        day += timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone)


def whatsapp_window_open(last_message_at: datetime | None, now: datetime) -> bool:
    """Whether free-form WhatsApp may still go to someone who last wrote at that moment."""
    return last_message_at is not None and now < last_message_at + WHATSAPP_WINDOW - WINDOW_MARGIN


# GSM 03.38: the basic set costs one unit a character, the extension set two.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "^{}\\[~]|€\f"
_PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u2022": "-",
    "\u00a0": " ",
}


def to_gsm7(text: str) -> str:
    """Text an SMS can carry in GSM-7: curly quotes, dashes and the like made plain; any
    other character outside the alphabet becomes '?' (one wrong character is better than a
    message billed as three times as many UCS-2 segments)."""
    plain = "".join(_PLAIN.get(ch, ch) for ch in text)
    return "".join(ch if ch in GSM_BASIC or ch in GSM_EXTENSION else "?" for ch in plain)


def sms_segments(text: str) -> int:
    """How many segments an SMS of this text is billed as (GSM-7 if it can be, else UCS-2)."""
    if all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text):
        units = sum(2 if ch in GSM_EXTENSION else 1 for ch in text)
        return 1 if units <= 160 else math.ceil(units / 153)
    units = sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)
    return 1 if units <= 70 else math.ceil(units / 67)


def say_clock(moment: datetime, timezone: str) -> str:
    """A time of day as a message says it, on the city's clock: "4:30pm"."""
    local = moment.astimezone(ZoneInfo(timezone))
    minutes = f":{local:%M}" if local.minute else ""
    return f"{local.hour % 12 or 12}{minutes}{'am' if local.hour < 12 else 'pm'}"


def say_when(moment: datetime, timezone: str) -> str:
    """A moment as a message says it, on the city's clock: "Fri 5 Dec 4:30pm"."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local:%a} {local.day} {local:%b} {say_clock(moment, timezone)}"


def fit_sms(head: str, lines: list[str], tail: str) -> str:
    """``head``, as many of ``lines`` as fit and ``tail``, one a line, in at most
    SMS_MAX_SEGMENTS segments as GSM-7 (at least one line, which a long title may push over)."""
    kept = list(lines)
    while len(kept) > 1 and sms_segments(to_gsm7("\n".join([head, *kept, tail]))) > (
        SMS_MAX_SEGMENTS
    ):
        kept.pop()
    return "\n".join([head, *kept, tail])
