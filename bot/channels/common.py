"""What every connector shares: settings, duplicate delivery filtering, numbered-option
memory and running one turn. Nothing here logs an address."""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint

from colbot_shared.keys import DEMO_SECRET_KEY as DEMO_SECRET
from colbot_shared.keys import key_weakness, refuse_weak_key

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


@dataclass(frozen=True)
class ChannelSettings:
    secret_key: str = DEMO_SECRET
    public_url: str = ""
    telegram_token: str = ""
    telegram_secret: str = ""
    telegram_api_url: str = "https://api.telegram.org"
    twilio_sid: str = ""
    twilio_token: str = ""
    twilio_sms_number: str = ""
    twilio_whatsapp_number: str = ""
    twilio_api_url: str = ""  # tests point the REST fallback at a local fake

    @property
    def telegram_on(self) -> bool:
        return bool(self.telegram_token and self.telegram_secret)

    @property
    def twilio_on(self) -> bool:
        return bool(
            self.twilio_sid
            and self.twilio_token
            and self.public_url
            and (self.twilio_sms_number or self.twilio_whatsapp_number)
        )

    def status(self) -> list[str]:
        """One line per channel saying whether it is on, and what is missing if not, then
        whether the secret key is fit for real people."""

        def line(name: str, on: bool, needs: str) -> str:
            return f"{name}: on" if on else f"{name}: off (set {needs})"

        twilio_needs = "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, COLBOT_PUBLIC_URL and a number"
        return [
            line("Telegram", self.telegram_on, "TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET"),
            line(
                "SMS",
                self.twilio_on and bool(self.twilio_sms_number),
                twilio_needs.replace("a number", "TWILIO_SMS_NUMBER"),
            ),
            line(
                "WhatsApp",
                self.twilio_on and bool(self.twilio_whatsapp_number),
                twilio_needs.replace("a number", "TWILIO_WHATSAPP_NUMBER"),
            ),
            "Key: " + (
                "your own COLBOT_SECRET_KEY"
                if key_weakness(self.secret_key) is None
                else f"{key_weakness(self.secret_key)}: fine for a demo on this machine, "
                "never with real people (see the README, Connecting a channel)"
            ),
        ]


def load_channel_settings(environ: Mapping[str, str] | None = None) -> ChannelSettings:
    env = os.environ if environ is None else environ
    return ChannelSettings(
        secret_key=env.get("COLBOT_SECRET_KEY", DEMO_SECRET),
        public_url=env.get("COLBOT_PUBLIC_URL", "").rstrip("/"),
        telegram_token=env.get("TELEGRAM_BOT_TOKEN", ""),
        telegram_secret=env.get("TELEGRAM_WEBHOOK_SECRET", ""),
        telegram_api_url=env.get("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/"),
        twilio_sid=env.get("TWILIO_ACCOUNT_SID", ""),
        twilio_token=env.get("TWILIO_AUTH_TOKEN", ""),
        twilio_sms_number=env.get("TWILIO_SMS_NUMBER", ""),
        twilio_whatsapp_number=env.get("TWILIO_WHATSAPP_NUMBER", ""),
        twilio_api_url=env.get("TWILIO_API_URL", "").rstrip("/"),
    )


def connector_settings(environ: Mapping[str, str] | None = None) -> ChannelSettings:
    """The settings a connector starts with; refuses (:class:`InsecureKey`, which stops the
    Rasa server) a weak key once a channel or public address is configured."""
    env = os.environ if environ is None else environ
    settings = load_channel_settings(env)
    refuse_weak_key(settings.secret_key, env)
    return settings


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


def seen_ids(channel: str, environ: Mapping[str, str] | None = None) -> SeenIds | SharedSeenIds:
    """Shared in Redis where the Rasa servers take their locks there (production), else in
    this process."""
    env = os.environ if environ is None else environ
    if env.get("COLBOT_LOCK_STORE") != "redis":
        return SeenIds()
    import redis  # Rasa's own dependency for its Redis lock store

    client = redis.Redis(
        host=env.get("COLBOT_REDIS_HOST", "127.0.0.1"),
        port=int(env.get("COLBOT_REDIS_PORT", "6379")),
        db=int(env.get("COLBOT_REDIS_DB", "1")),
        socket_timeout=1,
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
