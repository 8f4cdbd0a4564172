"""Conversations in Rasa's tracker store, for erasure, export and retention.

The tracker store is Rasa's database (``COLBOT_TRACKER_URL``): this reads and deletes rows of
its ``events`` table by sender id and timestamp, and opens events with the deployment's key
(bot/tracker_store.py seals them). A learner's sender ids come from their channel
identities (``sender_encrypted``): every app they linked, not only the one they write from.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from badge_core.models import Learner
from badge_core.privacy import decrypt, encrypt, open_tracker_event


def seal_sender(secret_key: str, sender_key: str) -> bytes:
    return encrypt(secret_key, sender_key)


def senders_of(secret_key: str, learner: Learner) -> list[str]:
    """The Rasa sender ids of every app the learner uses (that this deployment recorded)."""
    return [
        decrypt(secret_key, i.sender_encrypted) for i in learner.identities if i.sender_encrypted
    ]


def forget(tracker_url: str | None, senders: Iterable[str]) -> int:
    """Delete every stored event of these senders; how many were deleted."""
    senders = sorted(set(senders))
    if not tracker_url or not senders:
        return 0
    query = text("DELETE FROM events WHERE sender_id IN :senders").bindparams(
        bindparam("senders", expanding=True)
    )
    return _run(tracker_url, lambda conn: conn.execute(query, {"senders": senders}).rowcount)


def forget_before(tracker_url: str, before: float, dry_run: bool) -> int:
    """Delete (or only count) every event older than ``before`` (a Unix time)."""

    def go(conn: Any) -> int:
        found = conn.execute(
            text("SELECT count(*) FROM events WHERE timestamp < :t"), {"t": before}
        ).scalar()
        if not dry_run:
            conn.execute(text("DELETE FROM events WHERE timestamp < :t"), {"t": before})
        return int(found or 0)

    return _run(tracker_url, go)


def conversation(tracker_url: str | None, secret_key: str, senders: Iterable[str]) -> list[dict]:
    """What was said, by the learner and the bot, oldest first, as the store keeps it (codes
    and postcodes already taken out)."""
    senders = sorted(set(senders))
    if not tracker_url or not senders:
        return []
    query = text(
        "SELECT timestamp, data FROM events WHERE sender_id IN :senders "
        "AND type_name IN ('user', 'bot') ORDER BY timestamp, id"
    ).bindparams(bindparam("senders", expanding=True))

    def go(conn: Any) -> list[dict]:
        said, seen = [], set()
        for stored_at, data in conn.execute(query, {"senders": senders}):
            event = open_tracker_event(secret_key, data) or {}
            at = event.get("timestamp") or stored_at
            who = "you" if event.get("event") == "user" else "bot"
            # a long session's checkpoint stores copies of its last turns (bot/tracker_store.py)
            if event.get("text") and (at, who, event["text"]) not in seen:
                seen.add((at, who, event["text"]))
                said.append(
                    {
                        "at": datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds"),
                        "from": who,
                        "text": event["text"],
                    }
                )
        return said

    return _run(tracker_url, go) or []


def _run(tracker_url: str, work: Any) -> Any:
    engine = create_engine(tracker_url)
    try:
        with engine.begin() as conn:
            return work(conn)
    except (OperationalError, ProgrammingError):  # no conversations stored yet
        return 0
    finally:
        engine.dispose()
