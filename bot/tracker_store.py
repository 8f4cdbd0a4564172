"""Rasa's SQL tracker store, as private as the badge core's database, and able to forget.

Rasa keeps every event of a conversation as JSON. Before an event is written here:

- codes and postcodes are taken out of what was said, by the learner or the bot: claim,
  link and staff-invite codes become ``[code]``, a full postcode its district ("PL4 [postcode]"),
  a phone number ``[number]``; so are code and postcode entities;
- the channel's metadata (the sealed address) is dropped: only the current message's is
  ever read, in memory (actions/safeguarding.py);
- a learner who declined to be remembered keeps no words at all here: what they said is
  stored as ``[not kept]``, only its intent stays so the conversation can carry on;
- the whole event is then encrypted (AES-256-GCM, a key derived from ``COLBOT_SECRET_KEY``), so
  the database alone shows only who-said-when as pseudonyms and intent names, like the badge
  core's own. Rows written before this are still read.

When an action sets the ``erase_conversation`` slot (``delete my data``), saving the tracker
deletes every stored event for that sender instead of appending; the next message starts a
new, empty conversation.

A long conversation stays as fast as a short one. Rasa loads and replays every event of the
conversation's session on every turn (and its rule policy walks them all), so the 300th
message of one session took 3.6 times as long as the 30th (docs/benchmarks.md). Once a
session holds more than SESSION_EVENTS events, at the end of a turn that leaves no form
running, the store writes a checkpoint after it: a ``session_started``, the slots as they
are, and a copy of the last CARRIED_TURNS turns (what the policies look back on); Rasa loads
from the latest ``session_started`` on, so the next turn loads the checkpoint instead of the
whole session. Nothing is said to the learner (``action_session_start`` does not run), the
copies keep their own times (so the session still expires an hour after the learner's last
message), and the learner's export lists each message once (badge_core/services/
conversations.py). Everything else is Rasa's own SQLTrackerStore, on SQLite by default and
PostgreSQL in production.

A database that restarts is waited for: a connection is checked before use (one the restart
broke is replaced), and a read or write that fails for want of the database is tried again
for up to OUTAGE_S seconds. Rasa's own wrapper would otherwise carry on without it: a tracker
it could not read became a new, empty conversation (a learner mid-claim was asked for their
consent again), and one it could not write was kept in memory only.
"""

from __future__ import annotations

import asyncio
import logging
import os
import weakref
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.event_privacy import private_event
from bot.settings import bot_settings
from colbot_shared.crypto import EventSealer

logger = logging.getLogger(__name__)

ERASE_SLOT = "erase_conversation"
OUTAGE_RETRIES_S = (0.2, 0.5, 1.0, 1.0, 2.0, 2.0)  # a restart is over in about a second
OUTAGE_S = sum(OUTAGE_RETRIES_S)
SESSION_EVENTS = 150  # a session longer than this is checkpointed (about 30 turns)
CARRIED_TURNS = 2  # the turns a checkpoint copies: the policies look back on them
# What Rasa's SQLTrackerStore must still have for the methods below (written for Rasa 3.6).
_RASA_PARTS = ("_retrieve", "_additional_events", "_event_query", "stream_events", "session_scope")
_missing = [part for part in _RASA_PARTS if not hasattr(SQLTrackerStore, part)]
if _missing:
    raise ImportError(
        f"Rasa's SQLTrackerStore no longer has {_missing}: review bot/tracker_store.py"
    )


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # as Rasa made it, and each pooled connection checked before use
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.sealer = EventSealer(bot_settings().secret_key)
        # trackers (by id) saved with a checkpoint after them: how many of their events are
        # stored, for a later save of the same tracker object
        self._saved_after_checkpoint: dict[int, int] = {}
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and os.path.exists(database):
            os.chmod(database, 0o600)  # conversations: readable by the bot's user only

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.get_slot(ERASE_SLOT):
            await _through_outages(lambda: self._erase(tracker.sender_id))
            return
        await self.stream_events(tracker)
        await _through_outages(lambda: self._save(tracker))

    def _save(self, tracker: DialogueStateTracker) -> None:
        keep_words = tracker.get_slot("consent") != "declined"
        with self.session_scope() as session:
            # As Rasa's own save (the events not stored yet), with each one made private.
            saved = self._saved_after_checkpoint.get(id(tracker))
            if saved is None:
                new = list(self._additional_events(session, tracker))
            else:  # saved again after its checkpoint: the store's count is the checkpoint's
                new = list(tracker.events)[saved:]
            if not keep_words and any(getattr(event, "key", None) == "consent" for event in new):
                self._forget_words(session, tracker.sender_id)  # what they said before the no
            rows = [(event, event.as_dict(), None) for event in new]
            checkpoint = checkpoint_events(tracker) if saved is None else []
            rows += checkpoint
            for event, data, stored_at in rows:
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=stored_at or data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
                        action_name=data.get("name"),
                        data=self.sealer.seal(private_event(data, keep_words=keep_words)),
                    )
                )
            session.commit()
        if checkpoint or saved is not None:
            if saved is None:
                weakref.finalize(tracker, self._saved_after_checkpoint.pop, id(tracker), None)
            self._saved_after_checkpoint[id(tracker)] = len(tracker.events)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        # As Rasa's own, opening each sealed event.
        def read() -> list[dict]:
            with self.session_scope() as session:
                rows = self._event_query(
                    session,
                    sender_id,
                    fetch_events_from_all_sessions=fetch_events_from_all_sessions,
                ).all()
                return [event for row in rows if (event := self.sealer.open(row.data)) is not None]

        events = await _through_outages(read)
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _forget_words(self, session: Any, sender_id: str) -> None:
        """Store the sender's earlier messages without their words (they just declined)."""
        rows = session.query(self.SQLEvent).filter(
            self.SQLEvent.sender_id == sender_id, self.SQLEvent.type_name == "user"
        )
        for row in rows:
            event = self.sealer.open(row.data)
            if event is not None:
                row.data = self.sealer.seal(private_event(event, keep_words=False))

    def _erase(self, sender_id: str) -> None:
        with self.session_scope() as session:
            if self.engine.dialect.name == "sqlite":
                # overwrite the deleted rows on disk rather than leave them in free pages
                session.execute(sa.text("PRAGMA secure_delete=ON"))
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        # the sender id is a pseudonym, but it is still an identifier: log only the count
        logger.info("Erased a conversation on request (%d events)", deleted)


def checkpoint_events(tracker: DialogueStateTracker) -> list[tuple[Any, dict, float]]:
    """What to store after this turn so that the next loads little: ``(event, its data, the
    time to store it at)``, or nothing while the session is short, a form is running or the
    bot is not listening. The time is just after the turn's last event, so Rasa's "since the
    latest session start" takes the checkpoint and what follows it; the copied turns keep
    their own times inside, which is what Rasa reads."""
    events = list(tracker.events)
    if (
        len(events) <= SESSION_EVENTS
        or tracker.active_loop_name
        or tracker.latest_action_name != ACTION_LISTEN_NAME
    ):
        return []
    said = [i for i, event in enumerate(events) if isinstance(event, UserUttered)]
    if len(said) <= CARRIED_TURNS:
        return []
    first = said[-CARRIED_TURNS]
    before = events[first - 1]
    if isinstance(before, ActionExecuted) and before.action_name == ACTION_LISTEN_NAME:
        first -= 1  # the listen that the message answered
    at = max(event.timestamp for event in events) + 0.001
    fresh = [SessionStarted(timestamp=at)] + [
        SlotSet(name, slot.value, timestamp=at)
        for name, slot in tracker.slots.items()
        if slot.value != slot.initial_value
    ]
    return [(event, event.as_dict(), at) for event in fresh + events[first:]]


async def _through_outages(work: Any) -> Any:
    """``work()``, tried again while the database cannot be reached, for up to OUTAGE_S."""
    for wait in (*OUTAGE_RETRIES_S, None):
        try:
            return work()
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
            if wait is None:
                raise
            # (the error's text holds the statement and its values: not logged)
            reason = type(getattr(error, "orig", None) or error).__name__
            logger.warning("The conversation store is unreachable (%s); trying again", reason)
            await asyncio.sleep(wait)
    return None
