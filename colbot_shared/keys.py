"""Is the secret key fit for real people? The key makes every learner's pseudonym from their
chat id or phone number, and seals what must be kept: with the public demo key anyone could
compute who is who. Each runtime decides what to do with the verdict (badge_core.config,
bot/channels/common.py)."""

from __future__ import annotations

import math
import os
import string
from collections.abc import Mapping

# The key a laptop demo runs with. It is public (it is in this file), so with it anyone can
# compute a learner's pseudonym from their phone number or chat id.
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


class InsecureKey(RuntimeError):
    """Real people can reach this deployment and its key protects nothing."""


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
    if characters <= set(string.hexdigits):
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


def refuse_weak_key(key: str, environ: Mapping[str, str]) -> str | None:
    """Raise :class:`InsecureKey` for a weak key once a channel or a public address connects
    this deployment to real people; on a laptop with neither, return a warning to show
    instead (None when the key is good)."""
    weakness = key_weakness(key)
    if weakness is None:
        return None
    connected = real_world_settings(environ)
    if connected:
        raise InsecureKey(
            f"{weakness}, and {', '.join(connected)} connects this deployment to real people. "
            "The key protects every learner's pseudonym, claim code and sealed address: make "
            f"one with\n    {MAKE_A_KEY}\nset COLBOT_SECRET_KEY to it in every process "
            "(Rasa, action server, web app, colbot), and keep it: changing it later orphans "
            "every learner."
        )
    return f"{weakness}: fine for a demo on this machine, never with real people's data."
