"""What the actions share in one action-server process: settings, a unit-of-work factory, and
who is talking.

Built on first use, not at import, so importing the actions package has no side effects and
tests can swap in their own with :func:`use`. Badge core services are synchronous; actions
``await call(...)`` them on a worker thread so the action server's event loop stays free.
"""

from __future__ import annotations

import abc
import asyncio
import gc
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from badge_core.config import Settings, load_settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.matching.embedder import default_embedder, use_threads
from badge_core.matching.matcher import Matcher
from badge_core.queries.learners import identity_hash

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    uow: UnitOfWorkFactory
    matcher: Matcher = field(default_factory=lambda: default_matcher())

    @property
    def city(self) -> str:
        return self.settings.default_city

    @property
    def secret(self) -> str:
        return self.settings.secret_key


_override: Runtime | None = None


@cache
def default_matcher() -> Matcher:
    """The process's one matcher; its model loads once, on first use."""
    return Matcher(default_embedder())


@cache
def _default_runtime() -> Runtime:
    settings = load_settings()
    use_threads(1)  # one message at a time: see use_threads
    built = Runtime(settings, unit_of_work_factory(make_engine(settings.database_url)))
    # Load the model now, off the event loop, so the first learner does not wait for it.
    threading.Thread(target=warm_up, args=(built.matcher,), daemon=True).start()
    return built


def warm_up(matcher: Matcher) -> None:
    """Load the model, then freeze what is loaded: the model and everything else
    alive now lasts as long as the process, and moved out of the garbage collector's sight
    it is no longer walked by every full collection (measured under make bench: up to
    390 ms each in this process, stalling every action meanwhile; 6-20 ms once frozen)."""
    matcher.encode("warm up")
    gc.collect()
    gc.freeze()


def runtime() -> Runtime:
    return _override or _default_runtime()


def use(replacement: Runtime | None) -> None:
    """Make actions use ``replacement`` (tests); ``None`` restores the environment's."""
    global _override
    _override = replacement


class ServiceUnavailable(Exception):
    """The database could not be reached (down, restarting, or locked for too long)."""


# The response for "the database is unavailable" (bot/domain/core.yml).
TRY_AGAIN = "utter_try_again"


async def call(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a badge core service on a worker thread. A database that cannot be reached becomes
    ServiceUnavailable; the service's transaction was rolled back, so nothing is half-done."""
    try:
        return await asyncio.to_thread(function, *args, **kwargs)
    except (OperationalError, InterfaceError, PoolTimeout) as error:
        raise ServiceUnavailable(type(error).__name__) from None


class GuardedAction(Action, metaclass=abc.ABCMeta):
    """An action whose learner hears "try again in a minute", not silence, when the database
    is unavailable. Subclasses implement ``act`` instead of ``run``."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            events = await self.act(dispatcher, tracker, domain)
        except ServiceUnavailable as error:  # its message: the error's class, no data
            logger.warning("%s: the database was not reached (%s)", self.name(), error)
            dispatcher.utter_message(response=TRY_AGAIN)
            return []
        return _without_no_op_slot_events(events, tracker)

    @abc.abstractmethod
    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """What the action does; abstract, so the action server does not register this class."""


def _without_no_op_slot_events(events: list[EventType], tracker: Tracker) -> list[EventType]:
    """``events`` less each slot event giving a slot the value it already has. Rasa would
    store it, send it back to the action server and replay it on every later turn of the
    conversation, and change nothing: a slot's value, not the event, is what its policies
    and forms read. Read in order, so a slot set twice keeps both events where the first
    changed it; after any other kind of event (which may reset slots) every event is kept."""
    slots: dict[str, Any] | None = dict(tracker.slots)
    kept = []
    for event in events:
        if event.get("event") != "slot":
            slots = None
        elif slots is not None:
            name, value = event.get("name"), event.get("value")
            if name in slots and slots[name] == value:
                continue
            slots[name] = value
        kept.append(event)
    return kept


@dataclass(frozen=True)
class Speaker:
    """Who sent the message: the channel and the sender key (already a pseudonym on the real
    channels). Neither is ever logged."""

    channel: str
    sender: str


def speaker(tracker: Tracker) -> Speaker:
    # at a session's start there is no user event yet: the connector's metadata says the app
    # (the REST channel never takes metadata from a request, so it cannot be claimed there)
    channel = tracker.get_latest_input_channel() or _metadata(tracker, "via") or "rest"
    return Speaker(channel, tracker.sender_id)


def _metadata(tracker: Tracker, key: str) -> str | None:
    """A string the connector put in the latest message's metadata, or None."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            value = (event.get("metadata") or {}).get(key)
            return value if isinstance(value, str) else None
    # a session's first message: Rasa gives its metadata to the session start as a slot
    metadata = tracker.get_slot("session_started_metadata") or {}
    value = metadata.get(key) if isinstance(metadata, dict) else None
    return value if isinstance(value, str) else None


def sealed_address(tracker: Tracker) -> str | None:
    """The sender's address as the connector sealed it for the badge core (never opened in
    the action server); None on the REST channel and the web chat, which have none."""
    return _metadata(tracker, "address")


def messaged_at(tracker: Tracker) -> str | None:
    """The number or bot the learner wrote to (the city's, not theirs), as the connector
    gave it; None on the REST channel and the web chat."""
    return _metadata(tracker, "to")


def city_of(tracker: Tracker) -> str:
    """The conversation's city: set at session start (the learner's own, or the city whose
    number or bot they wrote to); the deployment's default city until then."""
    city = tracker.get_slot("city")
    return city if isinstance(city, str) and city else runtime().city


NOT_SAID = {None, "skipped"}  # a slot the learner left empty, or chose not to fill


@dataclass(frozen=True)
class Asker:
    """Who is asking, built once per turn from what the conversation already holds (the
    session start and onboarding put the learner's profile in slots): no database read.
    ``identity`` is the keyed hash services find the learner by, never the sender itself;
    an answer the learner skipped reads as not known."""

    city: str
    channel: str
    identity: str
    consented: bool
    age_band: str | None
    district: str | None


def asker(tracker: Tracker) -> Asker:
    rt, who = runtime(), speaker(tracker)
    age_band, district = tracker.get_slot("age_band"), tracker.get_slot("district")
    return Asker(
        city=city_of(tracker),
        channel=who.channel,
        identity=identity_hash(rt.secret, who.channel, who.sender),
        consented=tracker.get_slot("consent") == "given",
        age_band=None if age_band in NOT_SAID else age_band,
        district=None if district in NOT_SAID else district,
    )


def payload(intent: str, **entities: str) -> str:
    """A button's payload: the intent with its entities, as Rasa reads ``/intent{...}``."""
    return f"/{intent}{json.dumps(entities, separators=(',', ':'))}"


# What a learner says to skip a question (or the skip intent).
SKIP_WORDS = {
    "skip",
    "pass",
    "next",
    "rather not say",
    "no",
    "nah",
    "idk",
    "dunno",
    "none",
    "nothing",
}


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def skipped(tracker: Tracker, text: str) -> bool:
    return latest_intent(tracker) == "skip" or text.strip().lower().strip(".!?") in SKIP_WORDS


def latest_entity(tracker: Tracker, name: str) -> str | None:
    """The first value of entity ``name`` in the latest message, or None."""
    return next(tracker.get_latest_entity_values(name), None)
