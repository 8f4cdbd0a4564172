"""bot/tracker_store.py: a long session is checkpointed, so Rasa loads a few events instead of
every one; what it loads is the same conversation (slots, the last turns), nothing is stored
twice, and no checkpoint cuts a form in half. Run in the Rasa runtime (.venv-rasa) on a
real SQLite tracker store; the whole conversation through the servers is
tests/e2e/test_long_conversation.py."""

from __future__ import annotations

from tests.test_rasa_speedups import _in_rasa_python

CHECK = r"""
import asyncio, sqlite3, tempfile
from pathlib import Path
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered)
from rasa.shared.core.trackers import DialogueStateTracker
from bot.tracker_store import SESSION_EVENTS, ErasableSQLTrackerStore

domain = Domain.load("bot/domain")
slot = next(s.name for s in domain.slots if type(s).__name__ == "TextSlot")
path = Path(tempfile.mkdtemp()) / "tracker.db"
store = ErasableSQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))

def rows(sender):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]

def turn(tracker, n):
    for event in (
        UserUttered(f"message {n}", intent={"name": "thanks", "confidence": 1.0}),
        ActionExecuted("utter_thanks"),
        BotUttered(f"reply {n}"),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event, domain)

def started(sender):
    tracker = DialogueStateTracker(sender, domain.slots)
    for event in (ActionExecuted("action_session_start"), SessionStarted(),
                  ActionExecuted("action_listen"), SlotSet(slot, "kept")):
        tracker.update(event, domain)
    return tracker

async def main():
    # a short session: stored as Rasa stores it
    short = started("short")
    turn(short, 1)
    await store.save(short)
    assert rows("short") == len(short.events) == 8

    # a long one: its turns, then a checkpoint after them
    long = started("long")
    turns = SESSION_EVENTS // 4 + 1
    for n in range(turns):
        turn(long, n)
    await store.save(long)
    stored = rows("long")
    written = stored - len(long.events)
    loaded = await store.retrieve("long")
    assert stored > len(long.events), "a checkpoint was written"
    assert isinstance(loaded.events[0], SessionStarted), loaded.events[0]
    assert len(loaded.events) < 20, len(loaded.events)
    assert loaded.get_slot(slot) == "kept"
    said = [e.text for e in loaded.events if isinstance(e, UserUttered)]
    assert said == [f"message {turns - 2}", f"message {turns - 1}"], said
    assert loaded.latest_action_name == "action_listen"
    # the copies keep their own times (the session expires from the learner's last message)
    assert loaded.get_last_event_for(UserUttered).timestamp == long.get_last_event_for(UserUttered).timestamp

    # the same tracker object saved again (after its checkpoint): only its new events
    turn(long, turns)
    await store.save(long)
    assert rows("long") == stored + 4
    again = await store.retrieve("long")
    assert [e.text for e in again.events if isinstance(e, UserUttered)][-1] == f"message {turns}"

    # the next turn, as Rasa runs it: loaded, one turn on, saved; nothing stored twice
    before = rows("long")
    turn(again, turns + 1)
    await store.save(again)
    assert rows("long") == before + 4
    assert len((await store.retrieve("long")).events) == len(again.events)

    # a form running: never cut in half
    form = started("form")
    for n in range(turns):
        turn(form, n)
    form.update(ActiveLoop("new_code_form"), domain)
    form.update(ActionExecuted("action_listen"), domain)
    await store.save(form)
    assert rows("form") == len(form.events)
    print("checkpointed", written, "events after", stored - written)

asyncio.run(main())
"""


def test_a_long_session_is_loaded_from_its_checkpoint_and_nothing_is_stored_twice() -> None:
    out = _in_rasa_python(CHECK)
    assert "checkpointed" in out
