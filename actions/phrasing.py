"""How the bot says things: short, warm, plain text that reads well on SMS.

Only formatting lives here (dates, prices, lists); every decision is the badge core's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from badge_core.errors import LinkRefused, NotRegistered, TooManyLinkAttempts
from badge_core.services.catalogue import ActivityDetails, ActivityHit

PAGE = 3


def when(moment: datetime, timezone: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    minutes = f":{local:%M}" if local.minute else ""
    hour = local.hour % 12 or 12
    return f"{local:%a} {local.day} {local:%b} {hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def clock(moment: datetime, timezone: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone))
    hour = local.hour % 12 or 12
    minutes = f":{local:%M}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def cost(pence: int) -> str:
    if pence == 0:
        return "free"
    return f"£{pence // 100}" + (f".{pence % 100:02d}" if pence % 100 else "")


def ages(low: int, high: int) -> str:
    return f"ages {low}-{high}"


def activity_line(number: int, hit: ActivityHit) -> str:
    return (
        f"{number}. {hit.title}\n   {when(hit.starts_at, hit.timezone)} · {hit.place} · "
        f"{cost(hit.cost_pence)} · {ages(hit.age_min, hit.age_max)}"
    )


def activity_list(hits: Sequence[ActivityHit], first_number: int = 1) -> str:
    return "\n".join(activity_line(first_number + i, hit) for i, hit in enumerate(hits))


def counted(name: str, times: int) -> str:
    return f"{name} {'once' if times == 1 else 'twice' if times == 2 else f'{times} times'}"


def joined(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def link_code_issued(code: str) -> str:
    return (
        f"Your link code is {code}. Within 15 minutes, send LINK {code} to me from your other "
        "app (Telegram, WhatsApp or text) and both will have your badges. Don't share it."
    )


def linked(badges: int, already: bool) -> str:
    if already:
        return "This app is already linked to you. 👍"
    if badges == 0:
        return "Linked! 🎉 This app is you too now."
    return (
        f"Linked! 🎉 This app is you too now, with your {badges} badge{'s' if badges > 1 else ''}."
    )


LINK_DECLINED = "OK, I haven't joined anything. 👍 Only use a link code you made yourself."


def link_question(badges_here: int, badges_there: int) -> str:
    def count(n: int) -> str:
        return f"{n} badge{'' if n == 1 else 's'}"

    here = f"your {count(badges_here)} here" if badges_here else "this chat"
    return (
        f"This joins {here} with another account that has {count(badges_there)}. Only say yes "
        "if you made this code yourself in your other app. Join them?"
    )


def link_refused(refused: LinkRefused) -> str:
    if isinstance(refused, NotRegistered):
        return "To link apps I need to remember you first: say hi and answer yes when I ask."
    if isinstance(refused, TooManyLinkAttempts):
        return "Too many wrong link codes just now. Wait 15 minutes, then try again."
    return (
        "That link code didn't work. Codes last 15 minutes and work once: say LINK on your "
        "other app for a new one."
    )


def activity_details(details: ActivityDetails) -> str:
    """One activity in full: what, when next, where, cost and ages, how to go, badges."""
    lines = [f"{details.title} ({details.provider})", details.description]
    if details.next_sessions:
        starts, ends = details.next_sessions[0]
        lines.append(f"Next: {when(starts, details.timezone)}-{clock(ends, details.timezone)}")
    where = details.place if details.online else f"{details.place}, {details.address}"
    lines.append(f"Where: {where}")
    lines.append(
        f"{cost(details.cost_pence).capitalize()} · {ages(details.age_min, details.age_max)}"
    )
    if details.booking:
        lines.append(f"How to go: {details.booking}")
    if details.badges:
        lines.append(f"Badges you can earn: {joined(details.badges)}")
    return "\n".join(lines)
