"""Rasa's lock store, chosen by ``COLBOT_LOCK_STORE`` (bot/endpoints.yml): in this process's
memory for one Rasa server, Redis where several share the learners; and a Redis outage does
not silence the bot.

With Rasa's own Redis lock store, a message that arrives while Redis is down is dropped: the
REST channel answers with no reply at all, Telegram and Twilio get nothing, and the message
is never handled (tried on the running cluster: "yes" to the consent question, lost). Here
the turn takes a lock in this process's memory instead, and says so in the log once per
outage. The balancer sends every message of a sender to one Rasa server (deploy/haproxy.cfg),
so that lock still keeps a conversation's messages in order; what is missing while Redis is
down is only the second guard, for the moments when a sender moves between servers (one
died or came back). A Redis lock whose release fails because Redis went down mid-turn expires
after its lifetime (``TICKET_LOCK_LIFETIME``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
    RedisLockStore,
)
from redis.exceptions import RedisError

from bot.settings import bot_settings

logger = logging.getLogger(__name__)

REDIS_TIMEOUT_S = 2  # a Redis that does not answer is given up on for this turn after this


def _redis_failed(error: BaseException) -> bool:
    """Whether ``error`` (or what it was raised while handling) is Redis failing."""
    while error is not None:
        if isinstance(error, RedisError):
            return True
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return False


class ResilientRedisLockStore(RedisLockStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("socket_timeout", REDIS_TIMEOUT_S)
        super().__init__(*args, **kwargs)
        self.fallback = InMemoryLockStore()
        self.redis_down = False

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = None
        try:
            ticket = self.issue_ticket(conversation_id, lock_lifetime)
            acquired = await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        except (LockError, RedisError) as error:
            if not _redis_failed(error):
                raise
            if not self.redis_down:
                logger.warning("Redis is unreachable: locking conversations in memory (%s)", error)
            self.redis_down = True
            async with self.fallback.lock(
                conversation_id, lock_lifetime, wait_time_in_seconds
            ) as in_memory:
                yield in_memory
            return
        if self.redis_down:
            logger.warning("Redis is back: locking conversations there again")
            self.redis_down = False
        try:
            yield acquired
        finally:
            try:
                self.cleanup(conversation_id, ticket)
            except RedisError as error:
                logger.warning("A lock was not released in Redis; it expires by itself (%s)", error)


class ColbotLockStore(LockStore):
    """What bot/endpoints.yml names: made as the lock store ``COLBOT_LOCK_STORE`` asks for
    (``redis``: :class:`ResilientRedisLockStore` at ``url``, ``port``, ``db``; anything else:
    Rasa's in-memory one). Rasa makes a lock store of a class it is given by calling it with
    the endpoint's configuration, so this class only chooses."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:  # type: ignore[misc]
        if bot_settings().lock_store != "redis":
            return InMemoryLockStore()
        settings = dict(endpoint_config.kwargs) if endpoint_config else {}
        return ResilientRedisLockStore(host=endpoint_config.url, **settings)
