"""C1: no process that real people can reach runs with the public demo key (or a weak one).

With the demo key anyone can compute a learner's sender id from their phone number or chat
id, decrypt their sealed address and brute-force code hashes. Every process refuses it once a
channel or a public address is configured: the Rasa connectors (bot/settings.py, in the
other runtime, with the same rule: colbot_shared.keys), the action server, the web app and the CLI.
On a laptop with neither, the demo key still works and the processes say so.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from badge_core import config
from badge_core.cli import main as colbot
from badge_core.models import ClaimCode
from colbot_shared import keys as bot_keys  # what the Rasa connectors apply
from tests.conftest import ACTION_SECRET, REPO, SECRET

# named, not shown: a random key would name its test differently in each pytest-xdist worker
STRONG = {
    "test-key": SECRET,
    "urlsafe-32-bytes": secrets.token_urlsafe(32),
    "hex-32-bytes": secrets.token_hex(32),
    "long-passphrase": "Seven-wild-otters-juggle-42-lemons,quietly;under.the-PIER",
}
WEAK = {
    "empty": "",
    "demo-key": config.DEMO_SECRET_KEY,
    "plain-words": "test-secret-key",
    "one-letter": "a" * 100,
    "repeated": "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc",
    "hex-16-bytes": secrets.token_hex(16),
    "urlsafe-20-bytes": secrets.token_urlsafe(20),
}


@pytest.mark.parametrize("key", STRONG.values(), ids=STRONG.keys())
def test_a_long_random_key_is_fit_for_real_people(key: str) -> None:
    assert config.key_weakness(key) is None
    assert bot_keys.key_weakness(key) is None  # the Rasa side agrees


@pytest.mark.parametrize("key", WEAK.values(), ids=WEAK.keys())
def test_the_demo_key_and_short_or_plain_keys_are_not(key: str) -> None:
    assert config.key_weakness(key) is not None
    assert bot_keys.key_weakness(key) is not None


def test_the_rasa_connectors_apply_the_shared_rule() -> None:
    settings = (REPO / "bot" / "settings.py").read_text()  # the connectors' settings
    assert "from colbot_shared.keys import" in settings and "refuse_weak_key(" in settings


@pytest.mark.parametrize("setting", config.REAL_WORLD_SETTINGS)
def test_any_channel_or_public_address_makes_a_weak_key_a_refusal(setting: str) -> None:
    env = {setting: "https://bot.example.org" if "URL" in setting else "set"}
    with pytest.raises(config.InsecureKey, match=setting):
        config.check_secret_key(env)
    with pytest.raises(bot_keys.InsecureKey, match=setting):
        bot_keys.refuse_weak_key(config.DEMO_SECRET_KEY, env)
    # a missing key is the demo key
    with pytest.raises(config.InsecureKey, match="demo key"):
        config.check_secret_key(env)
    assert config.check_secret_key({**env, "COLBOT_SECRET_KEY": SECRET}) is None
    bot_keys.refuse_weak_key(SECRET, env)


def test_a_laptop_with_no_channel_runs_on_the_demo_key_and_is_told_so() -> None:
    warning = config.check_secret_key({})
    assert warning is not None and "demo" in warning and "never with real people" in warning
    bot_keys.refuse_weak_key(config.DEMO_SECRET_KEY, {})  # no refusal
    # an empty setting is not a channel
    assert config.check_secret_key({"TELEGRAM_BOT_TOKEN": " "}) is not None


def test_the_cli_refuses_to_make_codes_with_the_demo_key_where_the_bot_is_public(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], plymouth_db_url: str, uow
) -> None:
    """A code made with another key than the bot's is one the bot cannot find."""
    monkeypatch.delenv("COLBOT_SECRET_KEY", raising=False)
    monkeypatch.setenv("COLBOT_PUBLIC_URL", "https://bot.example.org")
    monkeypatch.setenv("COLBOT_DATABASE_URL", plymouth_db_url)
    before = _codes(uow)
    assert (
        colbot(["codes", "new", "--city", "plymouth", "--badge", "code-club-coder", "--cap", "30"])
        == 2
    )
    error = capsys.readouterr().err
    assert "COLBOT_SECRET_KEY is the public demo key" in error and "token_urlsafe" in error
    assert _codes(uow) == before


def _codes(uow_factory) -> int:
    with uow_factory() as work:
        return work.session.scalar(select(func.count()).select_from(ClaimCode))


def _run(module: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("COLBOT_", "TELEGRAM_", "TWILIO_"))
    }
    return subprocess.run(
        [sys.executable, "-m", module, "--port", "1"],  # refused before it would listen
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_web_app_refuses_to_start_public_with_the_demo_key() -> None:
    done = _run("web", {"COLBOT_PUBLIC_URL": "https://bot.example.org"})
    assert done.returncode != 0
    assert "COLBOT_SECRET_KEY is the public demo key" in done.stderr


def test_the_action_server_refuses_to_start_with_the_demo_key_and_a_channel() -> None:
    done = _run("actions", {"TELEGRAM_BOT_TOKEN": "123:abc", "COLBOT_ACTION_SECRET": ACTION_SECRET})
    assert done.returncode == 2
    assert "COLBOT_SECRET_KEY is the public demo key" in done.stderr
    assert "TELEGRAM_BOT_TOKEN" in done.stderr


@pytest.mark.parametrize("action_secret", [None, "short"])
def test_the_action_server_refuses_to_start_without_a_shared_secret(
    action_secret: str | None,
) -> None:
    env = {"COLBOT_SECRET_KEY": SECRET}
    if action_secret is not None:
        env["COLBOT_ACTION_SECRET"] = action_secret
    done = _run("actions", env)
    assert done.returncode == 2
    assert "COLBOT_ACTION_SECRET must be set" in done.stderr
