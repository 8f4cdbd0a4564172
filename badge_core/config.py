"""Typed settings for the badge core, read from the environment (prefix ``COLBOT_``).

Nothing is read at import time: call :func:`load_settings` at an entry point and pass the
result down. Tests build a :class:`Settings` directly.
"""

from __future__ import annotations

import math
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///var/colbot.db"
# The key a laptop demo runs with. It is public (it is in this file), so with it anyone can
# compute a learner's pseudonym from their phone number or chat id: see check_secret_key.
DEMO_SECRET_KEY = "colbot-demo-key-change-me"
KEY_BITS_NEEDED = 256  # 32 random bytes
MAKE_A_KEY = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'
# Any of these means real people can reach this deployment.
REAL_WORLD_SETTINGS = (
    "COLBOT_PUBLIC_URL",
    "TELEGRAM_BOT_TOKEN",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_SMS_NUMBER",
    "TWILIO_WHATSAPP_NUMBER",
)


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
    # Where the web app answers when there is no public address (a laptop demo).
    local_web_url: str = "http://127.0.0.1:8000"
    # For the links a youth worker shares with a code (empty: that channel is not offered).
    telegram_bot_username: str = ""
    whatsapp_number: str = ""  # e.g. whatsapp:+447700900001 or +447700900001
    sms_number: str = ""


def web_url(settings: Settings) -> str:
    """The web app's address for links given to people: public when set, else local."""
    return settings.public_url or settings.local_web_url


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    return Settings(
        database_url=env.get("COLBOT_DATABASE_URL", DEFAULT_DATABASE_URL),
        tracker_url=env.get("COLBOT_TRACKER_URL") or None,
        default_city=env.get("COLBOT_CITY", "plymouth"),
        secret_key=env.get("COLBOT_SECRET_KEY", DEMO_SECRET_KEY),
        data_dir=Path(env.get("COLBOT_DATA_DIR", "var")),
        public_url=env.get("COLBOT_PUBLIC_URL", "").rstrip("/"),
        local_web_url=f"http://127.0.0.1:{env.get('COLBOT_WEB_PORT', '8000')}",
        telegram_bot_username=env.get("TELEGRAM_BOT_USERNAME", "").lstrip("@"),
        whatsapp_number=env.get("TWILIO_WHATSAPP_NUMBER", ""),
        sms_number=env.get("TWILIO_SMS_NUMBER", ""),
    )


class InsecureKey(RuntimeError):
    """A deployment that real people can reach is set to run with a key that protects nothing."""


def key_weakness(key: str) -> str | None:
    """Why ``key`` cannot protect young people's data, or None when it can.

    Its strength is estimated from its length and the characters it uses (a hex key is worth
    4 bits a character, a base64 one 6); a key mostly made of one character, or of only a
    few different ones, is refused whatever its length.
    """
    if not key:
        return "COLBOT_SECRET_KEY is not set"
    if key == DEMO_SECRET_KEY:
        return "COLBOT_SECRET_KEY is the public demo key"
    characters = set(key)
    if set(key) <= set(string.hexdigits):
        alphabet = 16
    elif characters <= set(string.ascii_letters + string.digits + "-_+/="):
        alphabet = 64
    else:
        alphabet = 94
    plain = len(characters) < 10 or max(key.count(c) for c in characters) > len(key) / 4
    if plain or len(key) * math.log2(alphabet) < KEY_BITS_NEEDED:
        return (
            f"COLBOT_SECRET_KEY is too short or too plain: it needs {KEY_BITS_NEEDED // 8} "
            "random bytes"
        )
    return None


def real_world_settings(environ: Mapping[str, str] | None = None) -> list[str]:
    """The settings that connect this deployment to real people (channels, a public address)."""
    env = os.environ if environ is None else environ
    return [name for name in REAL_WORLD_SETTINGS if env.get(name, "").strip()]


def check_secret_key(environ: Mapping[str, str] | None = None) -> str | None:
    """Refuse (:class:`InsecureKey`) a weak ``COLBOT_SECRET_KEY`` where real people can reach
    this deployment; on a laptop with no channel and no public address, return a warning to
    show instead (None when the key is good)."""
    env = os.environ if environ is None else environ
    weakness = key_weakness(env.get("COLBOT_SECRET_KEY", DEMO_SECRET_KEY))
    if weakness is None:
        return None
    connected = real_world_settings(env)
    if connected:
        raise InsecureKey(
            f"{weakness}, and {', '.join(connected)} connects this deployment to real people. "
            "The key protects every learner's pseudonym, claim code and sealed address: make "
            f"one with\n    {MAKE_A_KEY}\nset COLBOT_SECRET_KEY to it in every process "
            "(Rasa, action server, web app, colbot), and keep it: changing it later orphans "
            "every learner."
        )
    return f"{weakness}: fine for a demo on this machine, never with real people's data."
