"""How the bot says things: short, warm, plain text that reads well on SMS.

Only formatting lives here (dates, prices, lists); every decision is the badge core's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from badge_core.messaging import say_clock, say_when
from badge_core.services.catalogue import ActivityDetails, ActivityHit
from badge_core.services.pathways import PathwaySuggestion

PAGE = 3


def when(moment: datetime, timezone: str) -> str:
    return say_when(moment, timezone)


def clock(moment: datetime, timezone: str) -> str:
    return say_clock(moment, timezone)


def cost(pence: int) -> str:
    if pence == 0:
        return "free"
    return f"£{pence // 100}" + (f".{pence % 100:02d}" if pence % 100 else "")


def ages(low: int, high: int) -> str:
    return f"ages {low}-{high}"


def activity_line(number: int, hit: ActivityHit, reason: str = "") -> str:
    line = (
        f"{number}. {hit.title}\n   {when(hit.starts_at, hit.timezone)} · {hit.place} · "
        f"{cost(hit.cost_pence)} · {ages(hit.age_min, hit.age_max)}"
    )
    return f"{line}\n   Because {reason}" if reason else line


def activity_list(
    hits: Sequence[ActivityHit], first_number: int = 1, reasons: Mapping[str, str] | None = None
) -> str:
    """The numbered list; with ``reasons`` (by activity key), each with why it is there."""
    return "\n".join(
        activity_line(first_number + i, hit, (reasons or {}).get(hit.key, ""))
        for i, hit in enumerate(hits)
    )


def counted(name: str, times: int) -> str:
    return f"{name} {'once' if times == 1 else 'twice' if times == 2 else f'{times} times'}"


def joined(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def pathway_details(
    best: PathwaySuggestion, others: Sequence[PathwaySuggestion], *, progress: bool
) -> str:
    """The lines under a pathway suggestion, each starting on a new line: progress (for a
    learner whose badges we keep), the next step, an activity for it, other pathways."""
    lines = []
    if progress:
        lines.append(f"You've done {best.steps_done} of {best.steps_total} steps.")
    if best.next_step:
        lines.append(f"Next step: {best.next_step}.")
    if best.next_activity:
        hit = best.next_activity
        lines.append(f"Try {hit.title}, {when(hit.starts_at, hit.timezone)} at {hit.place}.")
    if others:
        lines.append(f"Also worth a look: {joined([o.name for o in others])}.")
    return "".join(f"\n{line}" for line in lines)


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
