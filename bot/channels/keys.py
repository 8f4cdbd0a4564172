"""Is the secret key fit for real people? The Rasa runtime's side of badge_core.config's
check_secret_key, which this runtime does not import: tests/test_secret_key.py holds the two
to the same verdicts. No Rasa import here, so the tests can run it in the other runtime.

The key makes every learner's pseudonym (sender id) from their chat id or phone number, and
seals their address: with the public demo key anyone could compute who is who.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping

DEMO_SECRET = "colbot-demo-key-change-me"  # the badge core's default, for a laptop demo only
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
    """Why ``key`` cannot protect learners' pseudonyms, or None when it can."""
    if not key:
        return "COLBOT_SECRET_KEY is not set"
    if key == DEMO_SECRET:
        return "COLBOT_SECRET_KEY is the public demo key"
    characters = set(key)
    if characters <= set(string.hexdigits):
        alphabet = 16
    elif characters <= set(string.ascii_letters + string.digits + "-_+/="):
        alphabet = 64
    else:
        alphabet = 94
    plain = len(characters) < 10 or max(key.count(c) for c in characters) > len(key) / 4
    if plain or len(key) * math.log2(alphabet) < 256:
        return "COLBOT_SECRET_KEY is too short or too plain: it needs 32 random bytes"
    return None


def refuse_weak_key(key: str, environ: Mapping[str, str]) -> None:
    """Raise :class:`InsecureKey` (which stops the Rasa server) for a weak key once a channel
    or a public address connects this deployment to real people."""
    weakness = key_weakness(key)
    connected = [name for name in REAL_WORLD_SETTINGS if environ.get(name, "").strip()]
    if weakness and connected:
        raise InsecureKey(
            f"{weakness}, and {', '.join(connected)} connects this deployment to real people. "
            'Make a key with python3 -c "import secrets; print(secrets.token_urlsafe(32))" '
            "and set COLBOT_SECRET_KEY to it in every process."
        )
