"""Rasa's SQL tracker store, able to forget a conversation when a learner asks.

When an action sets the ``erase_conversation`` slot (``delete my data``), saving the tracker
deletes every stored event for that sender instead of appending; the next message starts a
new, empty conversation. Everything else is Rasa's own SQLTrackerStore, on SQLite by
default and PostgreSQL in production.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

ERASE_SLOT = "erase_conversation"


class ErasableSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if not tracker.get_slot(ERASE_SLOT):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            if self.engine.dialect.name == "sqlite":
                # overwrite the deleted rows on disk rather than leave them in free pages
                session.execute(sa.text("PRAGMA secure_delete=ON"))
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == tracker.sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        # the sender id is a pseudonym, but it is still an identifier: log only the count
        logger.info("Erased a conversation on request (%d events)", deleted)
