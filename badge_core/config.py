"""Typed settings for the badge core, read from the environment (prefix ``COLBOT_``).

Nothing is read at import time: call :func:`load_settings` at an entry point and pass the
result down. Tests build a :class:`Settings` directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from colbot_shared.keys import (  # noqa: F401 - the badge core's names for the shared rule
    DEMO_SECRET_KEY,
    REAL_WORLD_SETTINGS,
    InsecureKey,
    key_weakness,
    real_world_settings,
    refuse_weak_key,
)

DEFAULT_DATABASE_URL = "sqlite:///var/colbot.db"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    # Rasa's tracker store (conversations), for erasure, export and retention; None: not here.
    tracker_url: str | None = None
    default_city: str = "plymouth"
    # Key for pseudonymous hashes (identities, claim codes). A deployment must set its own;
    # the default only suits a laptop demo.
    secret_key: str = DEMO_SECRET_KEY
    data_dir: Path = Path("var")
    # Where the web app is reachable (poster and credential links); empty on a laptop demo.
    public_url: str = ""
    # The cities' issuer DIDs under a public URL: "web" (did:web, the default) or "key"
    # (did:key, which outlives a change of domain). Without a public URL it is always did:key.
    issuer_did: str = "web"
    # Where the web app answers when there is no public address (a laptop demo).
    local_web_url: str = "http://127.0.0.1:8000"
    # For the links a youth worker shares with a code (empty: that channel is not offered).
    telegram_bot_username: str = ""
    whatsapp_number: str = ""  # e.g. whatsapp:+447700900001 or +447700900001
    sms_number: str = ""
    # The web app's try-it chat: where the Rasa server's REST channel listens, and the secret
    # it wants (COLBOT_REST_SECRET, bot/channels/rest.py).
    rasa_url: str = "http://127.0.0.1:5005"
    rest_secret: str = ""
    # The action server: the secret Rasa sends (COLBOT_ACTION_SECRET), where it listens, and
    # whether it loads the database and the model before the first action (COLBOT_WARM_UP).
    action_secret: str = ""
    actions_host: str = "127.0.0.1"
    actions_port: int = 5055
    warm_up: bool = False
    web_port: int = 8000
    # Email out (badge_core/mail.py): the one-time code that confirms a learner's address.
    # Empty: this deployment sends no email, and the bot says so.
    smtp_url: str = ""
    mail_from: str = ""
    # Twilio's auth token: the web app checks the signature of its delivery status callbacks
    twilio_token: str = ""


def web_url(settings: Settings) -> str:
    """The web app's address for links given to people: public when set, else local."""
    return settings.public_url or settings.local_web_url


def _issuer_did(value: str) -> str:
    method = value.strip().lower().removeprefix("did:")
    if method not in ("web", "key"):
        raise ValueError(f"COLBOT_ISSUER_DID must be web or key, not {value!r}")
    return method


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("COLBOT_DATABASE_URL", DEFAULT_DATABASE_URL),
        tracker_url=env.get("COLBOT_TRACKER_URL") or None,
        default_city=env.get("COLBOT_CITY", "plymouth"),
        secret_key=env.get("COLBOT_SECRET_KEY", DEMO_SECRET_KEY),
        data_dir=Path(env.get("COLBOT_DATA_DIR", "var")),
        public_url=env.get("COLBOT_PUBLIC_URL", "").rstrip("/"),
        issuer_did=_issuer_did(env.get("COLBOT_ISSUER_DID", "web")),
        local_web_url=f"http://127.0.0.1:{env.get('COLBOT_WEB_PORT', '8000')}",
        telegram_bot_username=env.get("TELEGRAM_BOT_USERNAME", "").lstrip("@"),
        whatsapp_number=env.get("TWILIO_WHATSAPP_NUMBER", ""),
        sms_number=env.get("TWILIO_SMS_NUMBER", ""),
        rasa_url=env.get("COLBOT_RASA_URL", Settings.rasa_url).rstrip("/"),
        rest_secret=env.get("COLBOT_REST_SECRET", ""),
        action_secret=env.get("COLBOT_ACTION_SECRET", "").strip(),
        actions_host=env.get("COLBOT_ACTIONS_HOST", Settings.actions_host),
        actions_port=int(env.get("COLBOT_ACTIONS_PORT", Settings.actions_port)),
        warm_up=env.get("COLBOT_WARM_UP") == "1",
        web_port=int(env.get("COLBOT_WEB_PORT", Settings.web_port)),
        smtp_url=env.get("COLBOT_SMTP_URL", "").strip(),
        mail_from=env.get("COLBOT_MAIL_FROM", "").strip(),
        twilio_token=env.get("TWILIO_AUTH_TOKEN", ""),
    )


def check_secret_key(environ: Mapping[str, str] | None = None) -> str | None:
    """Refuse (:class:`InsecureKey`) a weak ``COLBOT_SECRET_KEY`` where real people can reach
    this deployment; on a laptop with no channel and no public address, return a warning to
    show instead (None when the key is good). The rule is colbot_shared.keys', which the
    Rasa connectors apply too."""
    env = os.environ if environ is None else environ
    return refuse_weak_key(env.get("COLBOT_SECRET_KEY", DEMO_SECRET_KEY), env)
