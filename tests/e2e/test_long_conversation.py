"""A long conversation: once a session holds more than SESSION_EVENTS events, Rasa loads a
checkpoint instead of the whole session (bot/tracker_store.py), and the conversation carries
on as if nothing happened: the last search, a question just asked, who the learner is."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from badge_core.services.conversations import conversation
from tests.conftest import SECRET
from tests.e2e.test_conversations import awards_of, code, onboard
from tests.servers import Bot


def _session_starts(bot: Bot, sender: str) -> int:
    with sqlite3.connect(bot.tracker_db) as db:
        return db.execute(
            "SELECT count(*) FROM events WHERE sender_id = ? AND type_name = 'session_started'",
            (sender,),
        ).fetchone()[0]


def test_a_long_conversation_goes_on_across_its_checkpoints(bot: Bot) -> None:
    sender = "e2e-long-conversation"
    sent: list[str] = []

    def say(text: str) -> list[str]:
        sent.append(text)
        return bot.texts(sender, text)

    def until_a_checkpoint(text: str, expected: Callable[[list[str]], bool]) -> list[str]:
        """Say ``text`` until a turn ends with a checkpoint after it; that turn's replies."""
        before = _session_starts(bot, sender)
        for _ in range(60):
            replies = say(text)
            assert expected(replies), replies
            if _session_starts(bot, sender) > before:
                return replies
        raise AssertionError(f"no checkpoint after 60 turns of {text!r}")

    sent += ["hi", "yes", "14", "PL4", "skip"]
    onboard(bot, sender)
    say(f"claim {code(bot)}")
    say("skip")  # the reflection: no form left running

    # the search's results carry over: "more" right after the checkpoint goes on from them
    until_a_checkpoint("sport", lambda replies: replies[0].startswith("Here's what's on"))
    assert say("more")[0].startswith("4.")
    # the learner is who they were: onboarded, their badge theirs
    assert any("Beat Maker" in reply for reply in say("my badges"))
    assert len(awards_of(bot, sender)) == 1

    # a question asked just before a checkpoint is answered after it
    until_a_checkpoint("delete my data", lambda replies: "Delete it all?" in replies[0])
    assert say("no") == ["OK, nothing deleted. 👍"]
    assert _session_starts(bot, sender) >= 3  # the first session, and a checkpoint each

    # the learner's export lists each of their messages once, copies or not
    tracker = f"sqlite:///{bot.tracker_db}"
    theirs = [
        line["text"] for line in conversation(tracker, SECRET, [sender]) if line["from"] == "you"
    ]
    assert len(theirs) == len(sent)
    assert all(a == b or "[code]" in a for a, b in zip(theirs, sent, strict=True))

    # and erasure takes the checkpoints with the rest
    say("delete my data")
    assert "Everything I knew about you is deleted" in say("yes")[0]
    with sqlite3.connect(bot.tracker_db) as db:
        left = db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,))
        assert left.fetchone()[0] == 0
