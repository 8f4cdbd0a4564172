"""``make cluster``: the production topology of deploy/compose.yaml on one machine, without
Docker. HAProxy in front (deploy/haproxy.cfg and deploy/haproxy-actions.cfg: the files compose
mounts, given loopback addresses instead of service names), two Rasa servers keeping their
conversations in PostgreSQL and their locks in Redis, two action servers behind the second
balancer, the web app and the outbox worker; the badge core on PostgreSQL.

    python deploy/cluster.py [--port 5005] [--web-port 8000] [--rasa-servers 2]

The balancer takes the port a single Rasa server has under ``make run`` (5005), and the web
app keeps its own (8000), so ``make chat`` and the browser work the same. Each sender's
messages go to one Rasa server (a consistent hash); when it dies its senders move to the
other and go on from where they were. Ctrl-C stops everything. The tests and ``make bench``
start the same topology on free ports (:class:`Cluster`).

Needs HAProxy (Debian's ``haproxy``), PostgreSQL and Redis on this machine (the Makefile
installs and starts them where it can), and the two environments ``make`` builds.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
HAPROXY_CONFIGS = (DEPLOY / "haproxy.cfg", DEPLOY / "haproxy-actions.cfg")
STARTUP_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, ValueError):
        return 0


@dataclass(frozen=True)
class Ports:
    proxy: int
    web: int
    actions_proxy: int
    rasa: tuple[int, int]
    actions: tuple[int, int]

    @classmethod
    def fixed(cls, proxy: int = 5005, web: int = 8000) -> Ports:
        """``make cluster``'s: the balancer where ``make run`` has its Rasa server."""
        return cls(proxy, web, 5055, (5105, 5205), (5155, 5255))

    @classmethod
    def free(cls) -> Ports:
        return cls(free_port(), free_port(), free_port(), (free_port(), free_port()),
                   (free_port(), free_port()))  # fmt: skip


def haproxy_env(ports: Ports) -> dict[str, str]:
    """The addresses deploy/haproxy*.cfg read (compose.yaml gives service names instead)."""
    local = "127.0.0.1:{}".format
    return {
        "COLBOT_PROXY_BIND": local(ports.proxy),
        "COLBOT_PROXY_REST": "1",  # on loopback: the web chat and `make chat` come this way
        "COLBOT_RASA_1": local(ports.rasa[0]),
        "COLBOT_RASA_2": local(ports.rasa[1]),
        "COLBOT_WEB": local(ports.web),
        "COLBOT_ACTIONS_BIND": local(ports.actions_proxy),
        "COLBOT_ACTIONS_1": local(ports.actions[0]),
        "COLBOT_ACTIONS_2": local(ports.actions[1]),
    }


@dataclass
class Cluster:
    """Every process of the topology, started with :meth:`start` and stopped with
    :meth:`stop`; :meth:`kill` and :meth:`restart` are for fault tests."""

    ports: Ports
    database_url: str  # the badge core's (PostgreSQL)
    tracker_url: str  # Rasa's conversations (PostgreSQL)
    workdir: Path  # logs, and the data directory (keys, the exported model)
    redis_db: int = 1
    rasa_servers: int = 2  # 1: the second is never started (the balancer passes it over)
    outbox: bool = True
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    rasa_bin: Path = REPO / ".venv-rasa" / "bin" / "rasa"
    model: Path = REPO / "models" / "colbot.tar.gz"
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports.proxy}"

    def environment(self) -> dict[str, str]:
        return {
            **self.env,
            **haproxy_env(self.ports),
            "COLBOT_DATABASE_URL": self.database_url,
            "COLBOT_TRACKER_URL": self.tracker_url,
            "COLBOT_DATA_DIR": str(self.workdir / "data"),
            "COLBOT_ACTION_URL": f"http://127.0.0.1:{self.ports.actions_proxy}/webhook",
            "COLBOT_LOCK_STORE": "redis",
            "COLBOT_REDIS_HOST": self.env.get("COLBOT_REDIS_HOST", "127.0.0.1"),
            "COLBOT_REDIS_PORT": self.env.get("COLBOT_REDIS_PORT", "6379"),
            "COLBOT_REDIS_DB": str(self.redis_db),
            "COLBOT_RASA_URL": self.url,  # the web chat, through the balancer
            "COLBOT_WARM_UP": "1",
            # a conversation's lock left in Redis by a server that died is free after this
            # (Rasa's default: 60 s); no turn lasts so long (Twilio gives up after 15 s)
            "TICKET_LOCK_LIFETIME": self.env.get("TICKET_LOCK_LIFETIME", "20"),
            "HF_HUB_OFFLINE": "1",
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "3",
        }

    def commands(self) -> dict[str, tuple[list[str], str]]:
        """name: (command, the URL that answers 200 once it is ready)."""
        python, bin_dir = sys.executable, Path(sys.executable).parent
        config = [arg for path in HAPROXY_CONFIGS for arg in ("-f", str(path))]
        found: dict[str, tuple[list[str], str]] = {}
        for i, port in enumerate(self.ports.actions, start=1):
            found[f"actions-{i}"] = (
                [python, "-m", "actions", "--port", str(port)],
                f"http://127.0.0.1:{port}/health",
            )
        for i, port in enumerate(self.ports.rasa[: self.rasa_servers], start=1):
            found[f"rasa-{i}"] = (
                [str(self.rasa_bin), "run", "--model", str(self.model), "--endpoints",
                 "bot/endpoints.yml", "--credentials", "bot/credentials.yml",
                 "-i", "127.0.0.1", "--port", str(port)],
                f"http://127.0.0.1:{port}/",
            )  # fmt: skip
        found["web"] = (
            [python, "-m", "web", "--port", str(self.ports.web)],
            f"http://127.0.0.1:{self.ports.web}/healthz",
        )
        found["haproxy"] = (["haproxy", "-db", *config], f"{self.url}/")
        if self.outbox:
            found["outbox"] = ([str(bin_dir / "colbot"), "outbox", "run", "--forever"], "")
        return found

    def log(self, name: str) -> Path:
        return self.workdir / "log" / f"{name}.log"

    def _spawn(self, name: str) -> None:
        command, _ = self.commands()[name]
        self.log(name).parent.mkdir(parents=True, exist_ok=True)
        with self.log(name).open("a") as output:
            self.processes[name] = subprocess.Popen(
                command,
                cwd=REPO,
                env=self.environment(),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C at the terminal reaches this script only
            )

    def start(self) -> Cluster:
        """The servers, then the balancer once they answer (so that its health checks find
        them up), then until every route through it answers."""
        servers = [name for name in self.commands() if name != "haproxy"]
        for name in servers:
            self._spawn(name)
        self.wait_ready(servers)
        self._spawn("haproxy")
        self.wait_ready(["haproxy"])
        routes = (
            f"{self.url}/webhooks/rest/webhook",
            f"http://127.0.0.1:{self.ports.actions_proxy}/health",
        )
        deadline = time.monotonic() + 30
        while any(status(route) in (0, 502, 503) for route in routes):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the balancer does not route yet:\n{self.tail('haproxy')}")
            time.sleep(0.2)
        return self

    def wait_ready(self, names: list[str]) -> None:
        ready_at = {name: url for name, (_, url) in self.commands().items() if name in names}
        waiting = {name for name, url in ready_at.items() if url}
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while waiting:
            for name in sorted(waiting):
                if self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited:\n{self.tail(name)}")
                if status(ready_at[name]) == 200:
                    waiting.discard(name)
            if time.monotonic() > deadline:
                raise RuntimeError(f"not ready in time: {sorted(waiting)}")
            time.sleep(0.2)

    def kill(self, name: str) -> None:
        """As the kernel's OOM killer or a pulled plug would: SIGKILL, no clean-up."""
        process = self.processes[name]
        process.kill()
        process.wait(timeout=10)

    def restart(self, name: str) -> None:
        if self.processes[name].poll() is None:
            self.kill(name)
        self._spawn(name)
        self.wait_ready([name])

    def tail(self, name: str, lines: int = 30) -> str:
        try:
            return "\n".join(self.log(name).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def prepare(cluster: Cluster, city: Path) -> None:
    """As compose's migrate service: the schema, the exported model, the demo city."""
    colbot = str(Path(sys.executable).parent / "colbot")
    env = cluster.environment()
    for command in (
        [colbot, "db", "upgrade"],
        [colbot, "model", "export"],
        [colbot, "city", "load", str(city), "--if-empty"],
    ):
        subprocess.run(command, cwd=REPO, env=env, check=True)


def create_database(admin_url: str, name: str) -> None:
    """``name`` on the PostgreSQL server of ``admin_url``, unless it is there already."""
    from sqlalchemy import create_engine, text

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=5005, help="the balancer's port")
    parser.add_argument("--web-port", type=int, default=8000)
    parser.add_argument("--rasa-servers", type=int, choices=(1, 2), default=2)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("COLBOT_CLUSTER_PG", "postgresql+psycopg://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server (databases colbot_cluster and colbot_cluster_tracker)",
    )
    parser.add_argument("--city", type=Path, default=REPO / "cities" / "plymouth")
    args = parser.parse_args()
    create_database(f"{args.postgres}/postgres", "colbot_cluster")
    create_database(f"{args.postgres}/postgres", "colbot_cluster_tracker")
    tracker = args.postgres.replace("postgresql+psycopg://", "postgresql://")
    cluster = Cluster(
        Ports.fixed(args.port, args.web_port),
        database_url=f"{args.postgres}/colbot_cluster",
        tracker_url=f"{tracker}/colbot_cluster_tracker",
        workdir=REPO / "var" / "cluster",
        rasa_servers=args.rasa_servers,
    )
    prepare(cluster, args.city)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        print("Starting HAProxy, two Rasa servers, two action servers, the web app and the outbox"
              f" worker (logs: {cluster.workdir / 'log'})...")  # fmt: skip
        cluster.start()
        print(f"Up. The bot: {cluster.url} (through the balancer); the web app and chat:"
              f" http://127.0.0.1:{args.web_port}/chat; `make chat` works as with make run."
              " Ctrl-C stops everything.")  # fmt: skip
        while all(p.poll() is None for p in cluster.processes.values()):
            time.sleep(1)
        stopped = [name for name, p in cluster.processes.items() if p.poll() is not None]
        print(f"{', '.join(stopped)} stopped:\n" + "\n".join(cluster.tail(n) for n in stopped))
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
