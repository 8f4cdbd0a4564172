"""The Rasa runtime's settings, read from the environment once per process: the channels,
the secret key, the bounds on the action server and Twilio, and where delivery ids are kept.
The badge core's are ``badge_core.config.Settings``, in the other runtime.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from colbot_shared.keys import DEMO_SECRET_KEY, key_weakness, refuse_weak_key


@dataclass(frozen=True)
class BotSettings:
    secret_key: str = DEMO_SECRET_KEY
    public_url: str = ""
    telegram_token: str = ""
    telegram_secret: str = ""
    telegram_api_url: str = "https://api.telegram.org"
    # the bot's username: a city whose pack names it gets its Telegram conversations
    telegram_bot_name: str = ""
    twilio_sid: str = ""
    twilio_token: str = ""
    twilio_sms_number: str = ""
    twilio_whatsapp_number: str = ""
    twilio_api_url: str = ""  # tests point the REST fallback at a local fake
    # how long a Twilio turn may take before the reply goes by REST instead (tests set 0)
    twilio_reply_within_s: float = 10.0
    rest_secret: str = ""  # the web app's header for the REST channel (bot/channels/rest.py)
    action_timeout_s: float = 10.0  # a custom action slower than this gets an apology
    lock_store: str = ""  # "redis" where the Rasa servers share Redis (production)
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 1

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
            "Key: "
            + (
                "your own COLBOT_SECRET_KEY"
                if key_weakness(self.secret_key) is None
                else f"{key_weakness(self.secret_key)}: fine for a demo on this machine, "
                "never with real people (see the README, Connecting a channel)"
            ),
        ]


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    try:
        return float(env.get(name, default))
    except ValueError:
        return default


def load_bot_settings(environ: Mapping[str, str] | None = None) -> BotSettings:
    env = os.environ if environ is None else environ
    return BotSettings(
        secret_key=env.get("COLBOT_SECRET_KEY", DEMO_SECRET_KEY),
        public_url=env.get("COLBOT_PUBLIC_URL", "").rstrip("/"),
        telegram_token=env.get("TELEGRAM_BOT_TOKEN", ""),
        telegram_secret=env.get("TELEGRAM_WEBHOOK_SECRET", ""),
        telegram_api_url=env.get("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/"),
        telegram_bot_name=env.get("TELEGRAM_BOT_USERNAME", "").lstrip("@"),
        twilio_sid=env.get("TWILIO_ACCOUNT_SID", ""),
        twilio_token=env.get("TWILIO_AUTH_TOKEN", ""),
        twilio_sms_number=env.get("TWILIO_SMS_NUMBER", ""),
        twilio_whatsapp_number=env.get("TWILIO_WHATSAPP_NUMBER", ""),
        twilio_api_url=env.get("TWILIO_API_URL", "").rstrip("/"),
        twilio_reply_within_s=_number(env, "COLBOT_TWILIO_REPLY_WITHIN_S", 10.0),
        rest_secret=env.get("COLBOT_REST_SECRET", ""),
        action_timeout_s=_number(env, "COLBOT_ACTION_TIMEOUT_S", 10.0),
        lock_store=env.get("COLBOT_LOCK_STORE", ""),
        redis_host=env.get("COLBOT_REDIS_HOST", "127.0.0.1"),
        redis_port=int(_number(env, "COLBOT_REDIS_PORT", 6379)),
        redis_db=int(_number(env, "COLBOT_REDIS_DB", 1)),
    )


def connector_settings(environ: Mapping[str, str] | None = None) -> BotSettings:
    """The settings a connector starts with; refuses (:class:`InsecureKey`, which stops the
    Rasa server) a weak key once a channel or public address is configured."""
    env = os.environ if environ is None else environ
    settings = load_bot_settings(env)
    refuse_weak_key(settings.secret_key, env)
    return settings


@cache
def bot_settings() -> BotSettings:
    """This process's settings (the environment does not change under a running server)."""
    return load_bot_settings()
