"""What every connector shares: settings, duplicate delivery filtering, numbered-option
memory and running one turn. Nothing here logs an address."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint

from bot.settings import BotSettings

logger = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and a Telegram URL carries the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)

SORRY = "Sorry, something went wrong on my side. Please try again in a minute."

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
# Sanic would read a request of up to 100 MB before any check of ours; no webhook or chat
# message comes near a megabyte.
MAX_REQUEST_BYTES = 1_000_000


def limit_request_size(webhook: Blueprint) -> None:
    """Have the Rasa server refuse (413) any request over MAX_REQUEST_BYTES as it arrives."""

    @webhook.listener("before_server_start")
    async def limit(app: Any, _loop: Any) -> None:
        app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_REQUEST_BYTES)


class SeenIds:
    """Delivery ids already handled (Telegram ``update_id``, Twilio ``MessageSid``), so a
    webhook retried by the platform is processed once. Kept in this process for a day; see
    :func:`seen_ids` for several Rasa servers."""

    def __init__(self, size: int = 50_000, ttl_s: float = 86_400) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._size, self._ttl = size, ttl_s

    def first_time(self, key: str) -> bool:
        now = time.monotonic()
        while self._seen and (
            len(self._seen) >= self._size or next(iter(self._seen.values())) < now - self._ttl
        ):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


class SharedSeenIds:
    """As :class:`SeenIds`, kept in Redis for a day, so a retry that reaches another Rasa
    server, or this one after a restart, is still recognised. When Redis cannot be reached
    the delivery is handled (a rare double answer beats a lost message) and it is logged."""

    def __init__(self, client: Any, prefix: str, ttl_s: int = 86_400) -> None:
        self._client, self._prefix, self._ttl = client, prefix, ttl_s

    def first_time(self, key: str) -> bool:
        try:
            return bool(self._client.set(self._prefix + key, b"1", nx=True, ex=self._ttl))
        except Exception as error:  # noqa: BLE001 - any Redis failure: handle the delivery
            logger.warning("Redis could not check a delivery id (%s)", type(error).__name__)
            return True


def seen_ids(channel: str, settings: BotSettings) -> SeenIds | SharedSeenIds:
    """Shared in Redis where the Rasa servers take their locks there (production), else in
    this process."""
    if settings.lock_store != "redis":
        return SeenIds()
    import redis  # Rasa's own dependency for its Redis lock store

    client = redis.Redis(
        host=settings.redis_host, port=settings.redis_port, db=settings.redis_db, socket_timeout=1
    )
    return SharedSeenIds(client, f"colbot:seen:{channel}:")


class Options:
    """The numbered choices (or Telegram callback tokens) last shown to each sender."""

    def __init__(self, size: int = 50_000) -> None:
        self._by_sender: OrderedDict[str, dict[str, str]] = OrderedDict()
        self._size = size

    def remember(self, sender: str, options: Mapping[str, str]) -> None:
        self._by_sender.pop(sender, None)
        if options:
            self._by_sender[sender] = dict(options)
            if len(self._by_sender) > self._size:
                self._by_sender.popitem(last=False)

    def shown(self, sender: str) -> dict[str, str]:
        return self._by_sender.get(sender, {})


async def run_turn(
    on_new_message: OnNewMessage, text: str, sender: str, channel: str, metadata: dict[str, Any]
) -> list[dict[str, Any]]:
    """Hand one message to Rasa and collect the bot's replies; a failure becomes an apology."""
    collector = CollectingOutputChannel()
    try:
        await on_new_message(
            UserMessage(text, collector, sender, input_channel=channel, metadata=metadata)
        )
    except Exception:  # noqa: BLE001 - the learner gets an apology, never a trace
        logger.exception("a %s turn failed", channel)
        return [{"text": SORRY}]
    return collector.messages or []
