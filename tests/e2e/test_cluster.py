"""The production topology, running (deploy/cluster.py, as `make cluster` starts it): HAProxy,
two Rasa servers sharing conversations in PostgreSQL and locks in Redis, two action servers,
the web app. Servers die mid-conversation, as they do in production; learners must not
notice more than a slower reply."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.matching.export import export_to
from badge_core.models import Award, Event, EventKind
from badge_core.services.codes import create_claim_codes
from badge_core.services.learners import find_learner
from tests.conftest import ACTION_SECRET, REPO, REST_SECRET, SECRET

sys.path.insert(0, str(REPO / "deploy"))
from cluster import Cluster, Ports, create_database, free_port, prepare  # noqa: E402

# into football: "free stuff saturday" is then ranked for them, not asked about first
ONBOARDING = ("hi", "yes", "15", "PL4", "football")
LEARNERS = 50


def _needs(program: str, package: str) -> None:
    if shutil.which(program) is None:
        reason = f"{program} is not installed (apt-get install {package}; make test does as root)"
        if os.environ.get("COLBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason + ": the cluster was not tested")


class RedisServer:
    """The cluster's own Redis, so that a test can take it down without touching the
    machine's."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(50):
            ping = ["redis-cli", "-p", str(self.port), "ping"]
            if subprocess.run(ping, capture_output=True, text=True).stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)


class PrivatePostgres:
    """The cluster's own PostgreSQL (Debian's binaries, a scratch data directory, a free
    port), so that a test can restart it without touching the machine's."""

    def __init__(self, root: Path) -> None:
        binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not binaries:
            _needs("pg_ctl", "postgresql")
        self.bin = binaries[-1].parent
        self.root, self.port = root, free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(root, "postgres")

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_postgres, *args], check=True, capture_output=True)

    def pg_ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-l",
                 str(self.root / "log"), "-w", "-o", options, *extra, action)  # fmt: skip

    def start(self) -> None:
        self.run(str(self.bin / "initdb"), "-D", str(self.root / "data"), "-A", "trust",
                 "-U", "postgres")  # fmt: skip
        self.pg_ctl("start")

    def url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture(scope="module")
def postgres() -> Iterator[PrivatePostgres]:
    # not under pytest's temporary folder: the postgres user cannot reach into root's
    server = PrivatePostgres(Path(tempfile.mkdtemp(prefix="colbot-test-pg-")))
    try:
        server.start()
        yield server
        server.pg_ctl("stop", "-m", "immediate")
    finally:
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    _needs("redis-server", "redis-server")
    server = RedisServer()
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        server.kill()


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory, redis_server: RedisServer, postgres: PrivatePostgres
) -> Iterator[Cluster]:
    _needs("haproxy", "haproxy")
    for database in ("colbot", "colbot_tracker"):
        create_database(postgres.url("postgres"), database)
    work = tmp_path_factory.mktemp("cluster")
    export_to(REPO / "var" / "cache")  # as `make setup` does; copied, not exported again
    shutil.copytree(REPO / "var" / "cache", work / "data" / "cache")
    env = {
        **os.environ,
        "COLBOT_REDIS_PORT": str(redis_server.port),
        "COLBOT_SECRET_KEY": SECRET,
        "COLBOT_ACTION_SECRET": ACTION_SECRET,
        "COLBOT_REST_SECRET": REST_SECRET,
    }
    running = Cluster(
        Ports.free(),
        postgres.url("colbot"),
        postgres.url("colbot_tracker", driver="postgresql"),
        work,
        redis_db=0,
        outbox=False,
        env=env,
    )
    prepare(running, REPO / "cities" / "plymouth")
    try:
        yield running.start()
    except Exception:
        for name in running.processes:
            print(f"--- {name} ---\n{running.tail(name)}")
        raise
    finally:
        running.stop()


class Learner:
    """A chat app's delivery: a message that got no answer (a 502 while the balancer had not
    yet seen a server die, a dropped connection) is delivered again, as Telegram and Twilio
    redeliver a webhook that failed."""

    def __init__(self, client: httpx.Client, url: str, sender: str) -> None:
        self.client, self.url, self.sender = client, url, sender
        self.redelivered = 0
        self.apologies: list[str] = []  # "... Please try again in a minute", and to what

    def say(self, text: str) -> str:
        for _ in range(8):
            try:
                response = self.client.post(
                    f"{self.url}/webhooks/rest/webhook",
                    json={"sender": self.sender, "message": text},
                    headers={"X-Colbot-Rest-Secret": REST_SECRET},
                )
                if response.status_code == 200:
                    said = "\n".join(r.get("text", "") for r in response.json())
                    if "Please try again in a minute" not in said:
                        return said
                    self.apologies.append(f"{text!r}: {said!r}")  # and tries again
                else:
                    self.redelivered += 1
            except httpx.TransportError:
                self.redelivered += 1
            time.sleep(1)
        raise AssertionError(f"{self.sender}: no answer to {text!r} after 8 deliveries")


def _errors(cluster: Cluster, name: str) -> str:
    """The lines of a server's log that say something went wrong, to say why a test failed."""
    lines = cluster.tail(name, lines=100_000).splitlines()
    return f"{name}: " + "\n".join(line for line in lines if "WARNING" in line or "rror" in line)


def single_use_codes(uow: UnitOfWorkFactory, count: int) -> list[str]:
    issued = create_claim_codes(
        uow(), SECRET, "plymouth", "beat-maker", count=count,
        valid_from=datetime.now(UTC) - timedelta(minutes=5),
        valid_until=datetime.now(UTC) + timedelta(hours=12),  # not the end of a day just gone
    )  # fmt: skip
    return [code.code for code in issued]


def test_fifty_learners_carry_on_when_a_rasa_server_is_killed_mid_conversation(
    cluster: Cluster,
) -> None:
    uow = unit_of_work_factory(make_engine(cluster.database_url))
    codes = single_use_codes(uow, LEARNERS)
    onboarded = threading.Barrier(LEARNERS + 1)
    answered = {"count": 0}
    lock = threading.Lock()

    def conversation(i: int) -> tuple[list[str], Learner]:
        with httpx.Client(timeout=30) as client:
            learner = Learner(client, cluster.url, f"cluster-learner-{i}")
            for message in ONBOARDING:
                learner.say(message)
            onboarded.wait(timeout=300)
            replies = []
            for message in ("football near PL4", f"my code is {codes[i]}", "skip", "my badges"):
                replies.append(learner.say(message))
                with lock:
                    answered["count"] += 1
            return replies, learner

    with ThreadPoolExecutor(LEARNERS) as pool:
        futures = [pool.submit(conversation, i) for i in range(LEARNERS)]
        onboarded.wait(timeout=300)
        while answered["count"] < LEARNERS // 2:  # in the middle of everyone's next turns
            time.sleep(0.01)
        cluster.kill("rasa-1")
        results = [future.result(timeout=600) for future in futures]

    apologies = [said for _, learner in results for said in learner.apologies]
    # the records were never out of reach, and no turn took so long that it was given up on
    assert not apologies, (apologies, *(_errors(cluster, name) for name in cluster.processes))
    for replies, _ in results:
        search, claim, reflection, badges = replies
        assert search.startswith("Here's what's on"), search
        # a claim whose answer was lost with the server is answered again as already earned
        assert "You've earned the Beat Maker badge" in claim or "already got" in claim, claim
        assert reflection, reflection
        assert "Beat Maker" in badges, badges  # the same learner, not a new conversation
    with uow() as unit:
        for i in range(LEARNERS):
            learner = find_learner(uow(), SECRET, "rest", f"cluster-learner-{i}")
            assert learner is not None
            awarded = unit.session.scalar(
                select(func.count()).where(Award.learner_id == learner.learner_id)
            )
            assert awarded == 1, (i, awarded)  # none lost, none twice
    print("redelivered:", sum(learner.redelivered for _, learner in results))

    # the server comes back and takes its senders again: they go on where they were
    cluster.restart("rasa-1")

    def carry_on(i: int) -> str:
        with httpx.Client(timeout=30) as client:
            return Learner(client, cluster.url, f"cluster-learner-{i}").say("my badges")

    with ThreadPoolExecutor(10) as pool:
        assert all("Beat Maker" in reply for reply in pool.map(carry_on, range(LEARNERS)))


def test_a_killed_action_server_is_passed_over_and_comes_back(cluster: Cluster) -> None:
    with httpx.Client(timeout=30) as client:
        learner = Learner(client, cluster.url, "cluster-actions")
        for message in ONBOARDING:
            learner.say(message)
        cluster.kill("actions-1")
        replies = [learner.say("football near PL4") for _ in range(6)]
        cluster.restart("actions-1")
        replies += [learner.say("free stuff saturday") for _ in range(4)]
    assert all(reply.startswith(("Here's what's on", "Nothing")) for reply in replies), replies
    assert learner.redelivered == 0


def test_with_redis_down_every_message_is_still_answered_in_order(
    cluster: Cluster, redis_server: RedisServer
) -> None:
    """Rasa's own Redis lock store dropped every message while Redis was down (no reply, the
    message never handled); bot/lock_store.py locks in memory meanwhile."""
    with httpx.Client(timeout=30) as client:
        learner = Learner(client, cluster.url, "cluster-redis-down")
        assert "OK?" in learner.say("hi")
        redis_server.kill()
        try:
            assert learner.say("yes").startswith("Thanks!")
            assert "Which part of Plymouth" in learner.say("15")
            assert "What are you into" in learner.say("PL4")
            assert learner.say("skip").startswith("All set")
        finally:
            redis_server.start()
        assert learner.say("football near PL4").startswith("Here's what's on")
    assert learner.redelivered == 0
    logs = "".join(cluster.tail(name, 400) for name in ("rasa-1", "rasa-2"))
    assert logs.count("Redis is unreachable") == 1 and "Redis is back" in logs


def test_a_postgresql_restart_in_the_middle_of_claims_leaves_no_partial_award(
    cluster: Cluster, postgres: PrivatePostgres
) -> None:
    """PostgreSQL holds the badge core and the conversations: restarted (immediate: as if it
    crashed) while twenty learners claim, each claim happens whole or not at all, and the
    learner who was told to try again, or whose message got no answer, gets their badge once
    when they do."""
    engine = make_engine(cluster.database_url)
    uow = unit_of_work_factory(engine)
    count = 20
    codes = single_use_codes(uow, count)
    ready = threading.Barrier(count + 1)

    def claimer(i: int) -> tuple[str, str, int]:
        with httpx.Client(timeout=30) as client:
            learner = Learner(client, cluster.url, f"cluster-claimer-{i}")
            for message in ONBOARDING:
                learner.say(message)
            ready.wait(timeout=300)
            claimed = learner.say(f"my code is {codes[i]}")
            learner.say("skip")
            return (
                claimed,
                learner.say("my badges"),
                len(learner.apologies) + learner.redelivered,
            )

    with ThreadPoolExecutor(count) as pool:
        futures = [pool.submit(claimer, i) for i in range(count)]
        ready.wait(timeout=300)
        time.sleep(0.2)  # the claims are on their way
        postgres.pg_ctl("restart", "-m", "immediate")
        results = [future.result(timeout=600) for future in futures]

    for claimed, badges, _ in results:
        assert "You've earned the Beat Maker badge" in claimed or "already got" in claimed, claimed
        assert "Beat Maker" in badges, badges
    with uow() as unit:
        for i in range(count):
            learner = find_learner(uow(), SECRET, "rest", f"cluster-claimer-{i}")
            assert learner is not None
            awards = unit.session.scalars(
                select(Award).where(Award.learner_id == learner.learner_id)
            ).all()
            assert len(awards) == 1, (i, len(awards))
            [award] = awards
            # what the claim's one transaction writes besides the award: the code's count,
            # and the claim's event for the city's insights
            assert award.claim_code is not None and award.claim_code.claims_count == 1
            outcomes = unit.session.scalars(
                select(Event.data).where(
                    Event.learner_id == learner.learner_id,
                    Event.kind == EventKind.CLAIM_ATTEMPT.value,
                )
            ).all()
            assert [o["outcome"] for o in outcomes].count("ok") == 1, outcomes
    engine.dispose()
    print("retried after the restart:", sum(n for _, _, n in results))
    # Rasa's own way through an outage: a tracker it cannot read becomes a new conversation
    # (the learner mid-claim asked for consent again); bot/tracker_store.py waits instead
    logs = "".join(cluster.tail(name, 2000) for name in ("rasa-1", "rasa-2"))
    assert "Falling back to use the 'InMemoryTrackerStore'" not in logs
