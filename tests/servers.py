"""One real Rasa server and one real action server per test run, on free loopback ports,
shared by every test that needs them (the end-to-end tests, the browser tests' chat):
tests/conftest.py registers ``bot`` and ``fake_apis`` once, for the whole run.

The action server runs in this (3.11) interpreter, the Rasa server from ``.venv-rasa`` with
the trained model (``make test`` builds both and passes their paths in ``COLBOT_RASA_BIN``
and ``COLBOT_RASA_MODEL``). Each run gets a fresh SQLite database with the demo city and a
fresh tracker store. Tests talk over the REST channel, as ``make chat`` does.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.matching.export import export_to
from tests.conftest import ACTION_SECRET, REPO, REST_SECRET, SECRET
from tests.e2e.fake_apis import FakeApis, channel_env, start_fake_apis
from tests.mail import MAIL_FROM, Inbox

STARTUP_TIMEOUT_S = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


REST_HEADERS = {"Content-Type": "application/json", "X-Colbot-Rest-Secret": REST_SECRET}


@dataclass
class Bot:
    url: str
    uow: UnitOfWorkFactory
    database_url: str
    tracker_db: Path
    logs: tuple[Path, ...] = ()
    env: dict[str, str] | None = None  # what the servers were started with
    actions_pid: int = 0  # the action server's process

    def say(self, sender: str, text: str) -> list[dict]:
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook",
            data=json.dumps({"sender": sender, "message": text}).encode(),
            headers=REST_HEADERS,
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)

    def texts(self, sender: str, text: str) -> list[str]:
        return [reply["text"] for reply in self.say(sender, text) if reply.get("text")]


def _warm_up(url: str) -> None:
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook",
        data=json.dumps(
            {"sender": "e2e-warm-up", "message": "i sorted out an argument between my mates"}
        ).encode(),
        headers=REST_HEADERS,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with urllib.request.urlopen(request, timeout=60) as response:
            if "went wrong on my side" not in response.read().decode():
                return
        time.sleep(2)


def wait_until_up(servers: Mapping[str, tuple[subprocess.Popen, Path, str]]) -> None:
    """Wait until each server (name: process, its log, a URL) answers its URL with 200;
    fail with the log of one that exited, or of those still starting when time is up."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    starting = dict(servers)
    while starting:
        for name, (process, log, url) in list(starting.items()):
            if process.poll() is not None:
                pytest.fail(f"the {name} server exited:\n{tail_of(log)}")
            if _get(url) == 200:
                del starting[name]
        if starting and time.monotonic() > deadline:
            logs = "\n".join(tail_of(log) for _, log, _ in starting.values())
            pytest.fail(f"{', '.join(starting)} did not start in time:\n{logs}")
        time.sleep(0.5 if starting else 0)


def rasa_paths(env: Mapping[str, str]) -> tuple[Path, Path]:
    """The Rasa executable and the trained model (``make test`` passes both)."""
    rasa_bin = Path(env.get("COLBOT_RASA_BIN", REPO / ".venv-rasa" / "bin" / "rasa"))
    return rasa_bin, Path(env.get("COLBOT_RASA_MODEL", REPO / "models" / "colbot.tar.gz"))


def rasa_command(rasa_bin: Path, model: Path, port: int) -> list[str]:
    """``rasa run`` of the model on a loopback port, with the bot's endpoints and channels."""
    return [
        str(rasa_bin),
        "run",
        "--model",
        str(model),
        "--endpoints",
        "bot/endpoints.yml",
        "--credentials",
        "bot/credentials.yml",
        "-i",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def tail_of(path: Path, lines: int = 40) -> str:
    return (
        "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""
    )


@pytest.fixture(scope="session")
def fake_apis() -> Iterator[FakeApis]:
    apis, server = start_fake_apis()
    yield apis
    server.shutdown()


@pytest.fixture(scope="session")
def bot(
    tmp_path_factory: pytest.TempPathFactory,
    plymouth_db_template: Path,
    fake_apis: FakeApis,
    smtp_server: Inbox,
) -> Iterator[Bot]:
    rasa_bin, model = rasa_paths(os.environ)
    if not rasa_bin.exists() or not model.exists():
        pytest.fail(f"need {rasa_bin} and {model}: run 'make test', which sets up both")

    # as `make setup` does: the model exported once, so the action server never loads torch
    export_to(REPO / os.environ.get("COLBOT_DATA_DIR", "var") / "cache")
    work = tmp_path_factory.mktemp("e2e")
    shutil.copy(plymouth_db_template, work / "colbot.db")
    database_url = f"sqlite:///{work / 'colbot.db'}"
    rasa_port, actions_port = free_port(), free_port()
    env = {
        **os.environ,
        "COLBOT_DATABASE_URL": database_url,
        "COLBOT_SECRET_KEY": SECRET,
        "COLBOT_ACTION_SECRET": ACTION_SECRET,
        "COLBOT_REST_SECRET": REST_SECRET,
        "COLBOT_ACTION_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "COLBOT_TRACKER_URL": f"sqlite:///{work / 'tracker.db'}",
        "COLBOT_LOCK_STORE": "in_memory",
        "COLBOT_REDIS_HOST": "127.0.0.1",
        "COLBOT_REDIS_PORT": "6379",
        "COLBOT_REDIS_DB": "1",
        "HF_HUB_OFFLINE": "1",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "COLBOT_WARM_UP": "1",
        "COLBOT_SMTP_URL": smtp_server.url,
        "COLBOT_MAIL_FROM": MAIL_FROM,
        **channel_env(fake_apis),
    }
    logs = {name: work / f"{name}.log" for name in ("actions", "rasa")}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "actions", "--port", str(actions_port)],
            cwd=REPO,
            env=env,
            stdout=logs["actions"].open("w"),
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            rasa_command(rasa_bin, model, rasa_port),
            cwd=REPO,
            env=env,
            stdout=logs["rasa"].open("w"),
            stderr=subprocess.STDOUT,
        ),
    ]
    try:
        wait_until_up(
            {
                "actions": (
                    processes[0],
                    logs["actions"],
                    f"http://127.0.0.1:{actions_port}/health",
                ),
                "rasa": (processes[1], logs["rasa"], f"http://127.0.0.1:{rasa_port}/"),
            }
        )
        engine = make_engine(database_url)
        # One message that needs the embedding model, so no test runs into its loading time
        # (Rasa gives a custom action 10 s before it apologises).
        _warm_up(f"http://127.0.0.1:{rasa_port}")
        yield Bot(
            f"http://127.0.0.1:{rasa_port}",
            unit_of_work_factory(engine),
            database_url,
            work / "tracker.db",
            tuple(logs.values()),
            env,
            processes[0].pid,
        )
        engine.dispose()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def another_rasa(bot: Bot, workdir: Path, **settings: str) -> Iterator[Bot]:
    """A second Rasa server sharing the session's action server and database, with some
    settings changed (a database for conversations, a lock store, a reply window...)."""
    assert bot.env is not None
    port = free_port()
    env = {**bot.env, "COLBOT_TRACKER_URL": f"sqlite:///{workdir / 'tracker.db'}", **settings}
    log = workdir / "rasa.log"
    rasa_bin, model = rasa_paths(env)
    process = subprocess.Popen(
        rasa_command(rasa_bin, model, port),
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up({"second Rasa": (process, log, f"http://127.0.0.1:{port}/")})
        yield Bot(
            f"http://127.0.0.1:{port}",
            bot.uow,
            bot.database_url,
            workdir / "tracker.db",
            (log,),
            env,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
