"""Production mode: Rasa keeps conversations in PostgreSQL and takes its locks in Redis,
switched on by settings alone; "delete my data" erases the conversation there too."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests import pg
from tests.servers import Bot, another_rasa


def _redis_commands() -> int:
    try:
        info = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "info", "stats"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except FileNotFoundError:
        info = None
    if info is None or info.returncode != 0:
        reason = "Redis is not reachable on 127.0.0.1:6379"
        if os.environ.get("COLBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason + "; production mode was not tested")
    line = next(
        row for row in info.stdout.splitlines() if row.startswith("total_commands_processed:")
    )
    return int(line.split(":")[1])


def test_conversations_in_postgresql_with_redis_locks_and_erasure(bot: Bot, tmp_path: Path) -> None:
    before = _redis_commands()
    with pg.scratch_database() as url:
        tracker_url = url.replace("postgresql+psycopg://", "postgresql://")
        settings = {
            "COLBOT_TRACKER_URL": tracker_url,
            "COLBOT_LOCK_STORE": "redis",
            "COLBOT_REDIS_DB": "3",
        }
        with another_rasa(bot, tmp_path, **settings) as production:
            sender = "e2e-production"
            for message in ("hi", "yes", "15", "PL4", "skip"):
                production.say(sender, message)
            assert "What are you into?" in production.texts(sender, "what's on")[0]
            assert production.texts(sender, "music")[0].startswith("Here's what's on for you")
            engine = create_engine(url)
            with engine.connect() as conn:
                stored = conn.execute(
                    text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
                ).scalar()
            assert stored and stored > 10
            assert _redis_commands() > before, "Rasa took its conversation locks in Redis"

            production.say(sender, "delete my data")
            assert "Everything I knew about you is deleted" in production.texts(sender, "yes")[0]
            with engine.connect() as conn:
                left = conn.execute(
                    text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
                ).scalar()
            engine.dispose()
            assert left == 0


def test_the_action_server_is_one_process_with_the_model_loaded_and_no_torch(bot: Bot) -> None:
    """The action server runs in one process (rasa-sdk's own forks a manager that imports
    every action as well): the warm-up has loaded the model there through ONNX Runtime,
    from the file exported at setup, without torch (about 500 MiB of it), and there is no
    second process holding another copy of the actions."""
    server = bot.actions_pid
    mapped = Path(f"/proc/{server}/maps").read_text()
    assert "onnxruntime" in mapped and "libtorch" not in mapped
    assert "exporting it here" not in bot.logs[0].read_text()
    children = [
        child
        for task in Path(f"/proc/{server}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]
    assert children == []


def test_a_twilio_retry_that_reaches_another_rasa_server_is_handled_once(
    bot: Bot, tmp_path: Path
) -> None:
    """Low: MessageSid de-duplication lived in each process's memory, so with several Rasa
    servers (or after a restart) a retried webhook was answered, and acted on, twice."""
    from tests.e2e.test_channels import twilio_params, twilio_post, twiml_bodies

    _redis_commands()  # skips, saying why, where Redis is not running
    shared = {"COLBOT_LOCK_STORE": "redis", "COLBOT_REDIS_DB": "4"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        another_rasa(bot, tmp_path / "a", **shared) as first,
        another_rasa(bot, tmp_path / "b", **shared) as second,
    ):
        # a delivery id of this run's own (Redis keeps them a day)
        delivery = twilio_params("+447700900141", "hi", MessageSid=f"SM{uuid.uuid4().hex}")
        assert twiml_bodies(twilio_post(first, delivery))  # answered
        retried = twilio_post(second, delivery)  # Twilio retries; the balancer picks the other
        assert retried.status_code == 200 and twiml_bodies(retried) == []
