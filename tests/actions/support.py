"""Helpers for running custom actions the way the action server does, on a real database.

Actions are run with rasa-sdk's own ``Tracker`` and ``CollectingDispatcher``; the badge core
behind them is a fresh SQLite copy of the migrated demo city (see ``conftest.py``). Facts
about the database are read back through badge core services or plain SQLAlchemy selects,
never through the action under test.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from badge_core.db import UnitOfWorkFactory
from badge_core.models import Award, Base, ChannelIdentity, Event, Learner
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import LearnerProfile, find_learner, register_learner
from tests.conftest import SECRET

CITY = "plymouth"
SENDER = "learner-1"
CHANNEL = "rest"  # what runtime.speaker() falls back to when no user event names a channel
BADGE = "beat-maker"  # Beat Maker: Music, Creativity, Digital media


def make_tracker(
    text: str = "",
    intent: str | None = None,
    *,
    entities: Iterable[tuple[str, str]] | Iterable[dict[str, Any]] = (),
    slots: dict[str, Any] | None = None,
    sender: str = SENDER,
    channel: str | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker whose latest message is ``text``; entities as (name, value) pairs or dicts.

    With ``channel``, a user event naming that input channel is added, as the Rasa server
    sends it; without, the action sees no channel and falls back to "rest".
    """
    entity_dicts = [
        e if isinstance(e, dict) else {"entity": e[0], "value": e[1], "start": 0, "end": 0}
        for e in entities
    ]
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entity_dicts,
    }
    history = list(events or [])
    if channel is not None:
        history.insert(
            0, {"event": "user", "text": text, "input_channel": channel, "parse_data": latest}
        )
    return Tracker(
        sender_id=sender,
        slots=dict(slots or {}),
        latest_message=latest,
        events=history,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")  # as bot/response_fill.py (no Rasa import here)
DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"
# What rasa-sdk's CollectingDispatcher puts in every message besides the response's variables.
NOT_VARIABLES = frozenset(
    {"text", "buttons", "elements", "custom", "template", "response", "image", "attachment"}
)


@cache
def domain_responses() -> dict[str, list[dict[str, Any]]]:
    """Every response in bot/domain/*.yml, by name."""
    responses: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        responses.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return responses


def variables(message: dict[str, Any]) -> dict[str, Any]:
    """The variables an action gave its response (``utter_message(response=..., **variables)``)."""
    return {k: v for k, v in message.items() if k not in NOT_VARIABLES}


def rendered(message: dict[str, Any]) -> str | None:
    """The text the Rasa server sends for one message an action uttered.

    A ``response=`` is filled in as the Rasa server fills it (bot/response_fill.py: each
    ``{name}`` replaced by its value as written; tests/test_rasa_patches.py checks the two
    agree on every response), but stricter: the response must exist in the domain and every
    placeholder must be a variable the action gave (Rasa would quietly use a slot of that
    name, or send the placeholder). Variables must survive the trip as JSON.
    """
    name = message.get("response")
    if not name:
        return message.get("text")
    assert name in domain_responses(), f"{name} is not a response in bot/domain"
    variation = next((v for v in domain_responses()[name] if "channel" not in v), {})
    assert variation.get("text"), f"{name} has no text for every channel"
    given = variables(message)
    json.dumps(given)
    template = variation["text"]
    wanted = set(PLACEHOLDER.findall(template))
    assert wanted <= given.keys(), f"{name} needs {sorted(wanted - given.keys())}"
    return PLACEHOLDER.sub(lambda found: str(given[found[1]]), template)


@dataclass
class Ran:
    """What one action run said and returned."""

    messages: list[dict[str, Any]]
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """What the learner reads: each message as the Rasa server renders it."""
        return [text for text in map(rendered, self.messages) if text]

    @property
    def said(self) -> list[tuple[str, dict[str, Any]]]:
        """Each message as (response name, its variables); ("", {}) for a plain text."""
        return [(m.get("response") or "", variables(m)) for m in self.messages]

    @property
    def text(self) -> str:
        """All texts spoken, one per line (for ``in`` checks)."""
        return "\n".join(self.texts)

    @property
    def responses(self) -> list[str]:
        return [m["response"] for m in self.messages if m.get("response")]

    @property
    def slots(self) -> dict[str, Any]:
        """The slots the returned events set (the last value wins)."""
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}


def run(action: Action, tracker: Tracker, domain: dict[str, Any] | None = None) -> Ran:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain or {}))
    return Ran(dispatcher.messages, list(events))


def started(sender: str = SENDER, channel: str | None = None) -> dict[str, Any]:
    """The slots the session start gives this sender's conversation (their stored profile),
    which Rasa then carries into every turn: what actions read the learner's profile from."""
    from actions.session import ActionSessionStart

    return run(ActionSessionStart(), make_tracker(sender=sender, channel=channel)).slots


def validate(form: Any, slot: str, value: Any, tracker: Tracker) -> tuple[dict[str, Any], Ran]:
    """Call ``form.validate_<slot>(value, ...)`` directly: (slot values returned, what it said)."""
    dispatcher = CollectingDispatcher()
    method = getattr(form, f"validate_{slot}")
    returned = asyncio.run(method(value, dispatcher, tracker, {}))
    return returned, Ran(dispatcher.messages)


# ------------------------------------------------------------------- the badge core's side


def register(
    uow: UnitOfWorkFactory, sender: str = SENDER, channel: str = CHANNEL, **profile: Any
) -> LearnerProfile:
    """A learner who consented (as action_give_consent leaves them), with optional profile."""
    return register_learner(uow(), SECRET, CITY, channel, sender, **profile)


def profile_of(
    uow: UnitOfWorkFactory, sender: str = SENDER, channel: str = CHANNEL
) -> LearnerProfile | None:
    return find_learner(uow(), SECRET, channel, sender)


def issue_code(
    uow: UnitOfWorkFactory,
    badge: str = BADGE,
    *,
    max_claims: int = 5,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> str:
    now = datetime.now(UTC)
    return create_claim_code(
        uow(),
        SECRET,
        CITY,
        badge,
        max_claims=max_claims,
        valid_from=valid_from or now - timedelta(hours=1),
        valid_until=valid_until or now + timedelta(hours=6),
    ).code


def count(uow: UnitOfWorkFactory, model: Any, *where: Any) -> int:
    with uow() as unit:
        return unit.session.scalar(select(func.count()).select_from(model).where(*where))


def learner_count(uow: UnitOfWorkFactory) -> int:
    return count(uow, Learner)


def identity_count(uow: UnitOfWorkFactory) -> int:
    return count(uow, ChannelIdentity)


def award_count(uow: UnitOfWorkFactory, *where: Any) -> int:
    return count(uow, Award, *where)


def events_of(uow: UnitOfWorkFactory, kind: str) -> list[Event]:
    with uow() as unit:
        return list(
            unit.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.id))
        )


def stored_text_matching(uow: UnitOfWorkFactory, pattern: str) -> list[str]:
    """Every value in every column of every table whose text matches ``pattern`` (any case)."""
    found = re.compile(pattern, re.IGNORECASE)
    matches = []
    with uow() as unit:
        for table in Base.metadata.sorted_tables:
            for row in unit.session.execute(select(table)):
                matches.extend(
                    f"{table.name}: {value}"
                    for value in row
                    if value is not None and found.search(str(value))
                )
    return matches


def entities(payload: str) -> list[tuple[str, str]]:
    """The entities of a button's ``/intent{...}`` payload, as Rasa would read them."""
    return list(json.loads(payload[payload.index("{") :]).items())
