"""``make bench`` (turns part): what a learner waits for, end to end, and where the time goes.

Starts a real Rasa server (``.venv-rasa``, the trained model, ``--enable-api``) and a real
action server on free loopback ports, as ``tests/e2e/conftest.py`` does, over a fresh copy of
the demo city (SQLite) and a fresh SQLite tracker store. Simulated learners talk to it over
the REST channel with asyncio and httpx: each concurrent conversation is its own sender,
onboarded first ("hi", "yes", "15", "PL4", "skip"; not measured) and then sending one flow's
message turn after turn, waiting for each reply. Flows: a static reply ("thanks", a rule and
a domain response, no custom action: the baseline measured in the same run), finding
activities, claiming a badge (a fresh code for a different badge every turn) and a pathway
suggestion, each at 1, 10 and 50 concurrent conversations.

Then, one learner at a time, the parts of a turn: NLU alone (``/model/parse``), one policy
prediction (``/conversations/<id>/predict``), the action server called with the same payload
Rasa sent it (the real tracker and domain, replayed), and the badge core services those
actions call, run in this process with the real matcher (and the embedding alone). The
servers' memory (VmRSS) is read after warm-up and at the end of the first round. In each
round, after the flows, the action server is swapped for trivial actions
(``tools/bench_trivial_actions.py``) and finding's messages are sent again at every level:
the "trivial custom action" baseline the flows' throughput is compared with; then the real
action server comes back for the next round. Medians and ratios go to
docs/benchmarks.md; the machine is shared, so nothing here asserts a timing. The servers
are stopped however the run ends. ``--quick`` runs tiny settings for trying the tool out;
``--out`` writes elsewhere than docs/benchmarks.md.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import httpx
from bench_trivial_actions import TRIVIAL_TEXT
from benchmarks_doc import bench_arguments, write_section
from sqlalchemy import select

from badge_core import migrate
from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.matching.embedder import default_embedder, use_threads
from badge_core.matching.matcher import Matcher
from badge_core.models import BadgeClass, City
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_codes
from badge_core.services.learners import find_learner, register_learner
from badge_core.services.pathways import suggest_pathways
from badge_core.services.search import find_activities
from badge_core.services.vectors import index_city

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- turns:start -->", "<!-- turns:end -->"
CITY = "plymouth"
SECRET = "bench-only-key-Qm4Tz8Wc2Rv6Nx0Lb5Hs9Dk3Fp7Jg1"
ACTION_SECRET = "bench-action-secret-8e2f4a6c0b9d1357"
REST_SECRET = "bench-rest-secret-4f6a8c0e2b4d6f8a0c2e"
STARTUP_TIMEOUT_S = 300
# into football: "free stuff saturday" is ranked for them (issue 26), not asked about first
ONBOARDING = ("hi", "yes", "15", "PL4", "football")
FIND_MESSAGES = ("football near PL4", "free stuff saturday")
PATHWAY_MESSAGE = "i want to be a games designer"
STATIC_MESSAGE = "thanks"

# (concurrent conversations, turns each). One learner takes 30 turns a round (90 over the
# rounds) so that its p95 rests on four or five turns, not on the two slowest of 45; a claim
# a turn needs as many badges (the demo city has 43).
FULL_LEVELS = ((1, 30), (10, 8), (50, 6))
QUICK_LEVELS = ((1, 3), (3, 2))
# Each flow's phases run in rounds, the trivial phases between them, so slow spells on this
# shared machine fall on every flow alike; figures pool (latency) or take the median
# (throughput) over the rounds.
FULL_ROUNDS, QUICK_ROUNDS = 3, 1
STAGGER_S = 1.0  # a phase's conversations start evenly over this long
FULL_SAMPLES, QUICK_SAMPLES = 15, 3
WARM_CALLS = 3  # uncounted calls of each part before timing it


# --- the flows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Flow:
    name: str
    label: str
    action: str | None  # the custom action the turn runs (None: a static response)
    expected: Callable[[str], bool]  # does the reply show the flow did what it should?

    def message(self, turn: int, code: str | None = None) -> str:
        if self.name == "static":
            return STATIC_MESSAGE
        if self.name in ("find", "trivial"):
            return FIND_MESSAGES[turn % len(FIND_MESSAGES)]
        if self.name == "pathway":
            return PATHWAY_MESSAGE
        return f"my code is {code}"


FLOWS = (
    Flow("static", 'static reply ("thanks")', None, lambda text: "Any time" in text),
    Flow(
        "find",
        'find activities ("football near PL4" / "free stuff saturday")',
        "action_find_activities",
        lambda text: text.startswith(("Here's what's on", "Nothing", "I couldn't find")),
    ),
    Flow(
        "pathway",
        f'pathway ("{PATHWAY_MESSAGE}")',
        "action_suggest_pathways",
        lambda text: text.startswith("Sounds like"),
    ),
    # Last: a claim leaves the bot waiting for the learner's reflection on the badge, which
    # would swallow a following message of another flow (the warm-up runs them all in turn).
    Flow(
        "claim",
        'claim ("my code is XXXXX-XXXXX")',
        "action_claim_badge",
        lambda text: "You've earned the" in text,
    ),
)


# The same messages as finding, answered by a custom action that does nothing (the action
# server swapped for tools/bench_trivial_actions.py): what any custom-action turn costs here.
TRIVIAL = Flow(
    "trivial",
    'trivial custom action ("football near PL4" / "free stuff saturday", no lookup)',
    "action_find_activities",
    lambda text: TRIVIAL_TEXT in text,
)
AIM_P95_VS_STATIC = 1.5
AIM_THROUGHPUT_VS_TRIVIAL = 0.8


# --- numbers -------------------------------------------------------------------------------


_STARTED = time.monotonic()


def progress(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:4.0f} s] {message}", flush=True)


def p50(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: Sequence[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def ratio(value: float, base: float) -> str:
    return f"{value / base:.1f}×" if base > 0 else "-"


# --- the database and the servers ----------------------------------------------------------


def build_database(path: Path) -> str:
    """Migrated and the demo city loaded (``colbot db upgrade`` + ``colbot city load``, whose
    matching index :func:`index_city` builds while the servers start)."""
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    engine = make_engine(url)
    load_pack(unit_of_work_factory(engine)(), read_pack(REPO / "cities" / CITY))
    engine.dispose()
    return url


# free_port, _status and _tail are also in tests/servers.py (the e2e fixtures): a tool runs
# as a standalone script and does not import the test package, nor tests a tool.
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def _tail(path: Path, lines: int = 30) -> str:
    return (
        "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""
    )


def filled(domain: dict, message: dict) -> str:
    """A message from the action server as the Rasa server sends it: a response named with
    variables is filled in from the domain (as bot/response_fill.py does)."""
    name = message.get("response")
    if not name:
        return message.get("text") or ""
    template = domain["responses"][name][0]["text"]
    return re.sub(r"{([^\n{}]+?)}", lambda f: str(message.get(f[1], f[0])), template)


def rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process and its descendants, in KiB."""
    pids, seen = [pid], set()
    totals = {"VmRSS": 0, "VmHWM": 0}
    while pids:
        current = pids.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in totals:
                    totals[key] += int(value.split()[0])
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pids.extend(int(child) for child in children)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return totals


@dataclass
class Servers:
    rasa_url: str
    actions_url: str
    database_url: str
    pids: dict[str, int]
    # stops the action server and starts one running the given actions module on its port
    swap_actions: Callable[[str], None]


@contextmanager
def running_servers(
    work: Path, database_url: str, while_starting: Callable[[], object]
) -> Iterator[Servers]:
    """Both servers, up and answering; ``while_starting`` runs while they load."""
    rasa_bin = Path(os.environ.get("COLBOT_RASA_BIN", REPO / ".venv-rasa" / "bin" / "rasa"))
    model = Path(os.environ.get("COLBOT_RASA_MODEL", REPO / "models" / "colbot.tar.gz"))
    if not rasa_bin.exists() or not model.exists():
        raise SystemExit(f"need {rasa_bin} and {model}: run 'make bench', which sets up both")
    rasa_port, actions_port = free_port(), free_port()
    env = {
        # Channels other than REST stay off: nothing here may reach Telegram or Twilio.
        **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "TWILIO_"))},
        "COLBOT_DATABASE_URL": database_url,
        "COLBOT_SECRET_KEY": SECRET,
        "COLBOT_ACTION_SECRET": ACTION_SECRET,
        "COLBOT_REST_SECRET": REST_SECRET,
        "COLBOT_DATA_DIR": str(work),
        "COLBOT_ACTION_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "COLBOT_TRACKER_URL": f"sqlite:///{work / 'tracker.db'}",
        "COLBOT_LOCK_STORE": "in_memory",
        "COLBOT_WARM_UP": "1",  # the real action server loads the model as it starts
        "COLBOT_REDIS_HOST": "127.0.0.1",
        "COLBOT_REDIS_PORT": "6379",
        "COLBOT_REDIS_DB": "1",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    logs = {"actions": work / "actions.log", "rasa": work / "rasa.log"}
    commands = {
        "actions": [
            sys.executable,
            "-m",
            "actions",
            "--port",
            str(actions_port),
        ],
        "rasa": [
            str(rasa_bin),
            "run",
            "--model",
            str(model),
            "--enable-api",
            "--endpoints",
            "bot/endpoints.yml",
            "--credentials",
            "bot/credentials.yml",
            "-i",
            "127.0.0.1",
            "--port",
            str(rasa_port),
        ],
    }
    processes: dict[str, subprocess.Popen] = {}
    outputs = {name: log.open("w") for name, log in logs.items()}
    ready = {
        "actions": f"http://127.0.0.1:{actions_port}/health",
        "rasa": f"http://127.0.0.1:{rasa_port}/",
    }

    def start(name: str, command: list[str], extra_env: dict[str, str] | None = None) -> None:
        processes[name] = subprocess.Popen(
            command,
            cwd=REPO,
            env={**env, **(extra_env or {})},
            stdout=outputs[name],
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stopping it stops its children
        )

    def wait_until_ready(names: set[str]) -> None:
        waiting = set(names)
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while waiting:
            for name in list(waiting):
                if processes[name].poll() is not None:
                    raise RuntimeError(f"the {name} server exited:\n{_tail(logs[name])}")
                if _status(ready[name]) == 200:
                    waiting.discard(name)
            if time.monotonic() > deadline:
                raise RuntimeError(
                    "servers did not start in time:\n"
                    + "\n".join(_tail(log) for log in logs.values())
                )
            time.sleep(0.2)

    def swap_actions(module: str) -> None:
        stop(processes["actions"])
        # our server for our actions; rasa-sdk's own (which ignores the secret) for another package
        command = (
            commands["actions"]
            if module == "actions"
            else [
                sys.executable,
                "-m",
                "rasa_sdk",
                "--actions",
                module,
                "--port",
                str(actions_port),
            ]
        )
        start("actions", command, {"PYTHONPATH": str(REPO / "tools")})
        pids["actions"] = processes["actions"].pid
        wait_until_ready({"actions"})

    try:
        for name, command in commands.items():
            start(name, command)
        while_starting()
        wait_until_ready(set(ready))
        pids = {name: process.pid for name, process in processes.items()}
        yield Servers(
            f"http://127.0.0.1:{rasa_port}",
            f"http://127.0.0.1:{actions_port}",
            database_url,
            pids,
            swap_actions,
        )
    except Exception:
        for name, log in logs.items():
            print(f"--- end of the {name} server's log ---\n{_tail(log)}", file=sys.stderr)
        raise
    finally:
        for process in processes.values():
            stop(process)
        for output in outputs.values():
            output.close()


def stop(process: subprocess.Popen) -> None:
    """Stop a server started in its own process group, and wait for it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- talking to the bot --------------------------------------------------------------------


class Learners:
    """REST-channel conversations, timed from sending to having the whole reply."""

    def __init__(self, client: httpx.AsyncClient, rasa_url: str) -> None:
        self.client = client
        self.webhook = f"{rasa_url}/webhooks/rest/webhook"

    async def say(self, sender: str, text: str) -> tuple[float, str]:
        started = time.perf_counter()
        response = await self.client.post(
            self.webhook,
            json={"sender": sender, "message": text},
            headers={"X-Colbot-Rest-Secret": REST_SECRET},
        )
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        return elapsed, "\n".join(reply.get("text", "") for reply in response.json())

    async def onboard(self, senders: Sequence[str], concurrency: int) -> list[str]:
        """Onboard everyone (not measured); the senders whose onboarding did not finish."""
        gate = asyncio.Semaphore(concurrency)

        async def one(sender: str) -> str | None:
            async with gate:
                last = ""
                for message in ONBOARDING:
                    _, last = await self.say(sender, message)
                return None if "All set" in last else sender

        return [s for s in await asyncio.gather(*(one(s) for s in senders)) if s]


@dataclass
class Phase:
    flow: str
    conversations: int
    turns_each: int
    latencies: list[float] = field(default_factory=list)
    first: list[bool] = field(default_factory=list)  # was it the conversation's first turn?
    wall: float = 0.0
    unexpected: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.wall if self.wall else float("nan")


@dataclass
class Combined:
    """One flow at one level over all rounds: latencies pooled, throughput the median."""

    phases: list[Phase]

    @property
    def latencies(self) -> list[float]:
        return [t for p in self.phases for t in p.latencies]

    @property
    def unexpected(self) -> list[str]:
        return [u for p in self.phases for u in p.unexpected]

    @property
    def throughput(self) -> float:
        return statistics.median(p.throughput for p in self.phases)

    @property
    def throughputs(self) -> list[float]:
        return [p.throughput for p in self.phases]

    def slowest_first_share(self) -> float:
        """Of the slowest 5% of turns, the share that were a conversation's first turn."""
        ranked = sorted(
            ((t, f) for p in self.phases for t, f in zip(p.latencies, p.first, strict=True)),
            reverse=True,
        )
        slowest = ranked[: max(1, len(ranked) // 20)]
        return sum(first for _, first in slowest) / len(slowest)


async def run_phase(
    learners: Learners,
    flow: Flow,
    senders: Sequence[str],
    turns: int,
    codes: dict[str, list[str]] | None = None,
) -> Phase:
    phase = Phase(flow.name, len(senders), turns)
    # Conversations start spread over STAGGER_S (evenly, in order), not all at one instant:
    # real learners don't, and a synchronised first message measures only the queue.
    step = STAGGER_S / len(senders) if len(senders) > 1 else 0.0

    async def conversation(index: int, sender: str) -> None:
        await asyncio.sleep(index * step)
        for turn in range(turns):
            code = codes[sender][turn] if codes else None
            elapsed, text = await learners.say(sender, flow.message(turn, code))
            phase.latencies.append(elapsed)
            phase.first.append(turn == 0)
            if not flow.expected(text):
                phase.unexpected.append(text)

    started = time.perf_counter()
    await asyncio.gather(*(conversation(i, sender) for i, sender in enumerate(senders)))
    phase.wall = time.perf_counter() - started
    return phase


def make_codes(
    uow: UnitOfWorkFactory, senders: Sequence[str], turns: int, badges: Sequence[str]
) -> dict[str, list[str]]:
    """A fresh single-use code per sender and turn, each turn's for a different badge (a
    learner holds a badge once), open from a few minutes ago for three hours."""
    if turns > len(badges):
        raise SystemExit(
            f"{turns} claims per learner need as many badges; the city has {len(badges)}"
        )
    now = datetime.now(UTC)
    codes: dict[str, list[str]] = {sender: [] for sender in senders}
    for turn in range(turns):
        issued = create_claim_codes(
            uow(),
            SECRET,
            CITY,
            badges[turn],
            count=len(senders),
            valid_from=now - timedelta(minutes=5),
            valid_until=now + timedelta(hours=3),
        )
        for sender, code in zip(senders, issued, strict=True):
            codes[sender].append(code.code)
    return codes


# --- where a turn's time goes --------------------------------------------------------------


@dataclass
class Breakdown:
    """Seconds per call of each part: "nlu:find", "action:claim", "predict", "service:find",
    "lookup", "embed:pathway" and so on."""

    times: dict[str, list[float]] = field(default_factory=dict)
    payload_kib: dict[str, float] = field(default_factory=dict)
    domain_kib: float = 0.0

    def medians(self, part: str) -> dict[str, float]:
        """{flow: median} for a part measured per flow."""
        return {
            key.split(":", 1)[1]: p50(values)
            for key, values in self.times.items()
            if key.startswith(part + ":")
        }


async def measure_breakdown(
    client: httpx.AsyncClient,
    servers: Servers,
    learners: Learners,
    uow: UnitOfWorkFactory,
    badges: Sequence[str],
    samples: int,
) -> Breakdown:
    """Each part called WARM_CALLS times uncounted, then ``samples`` times, round robin (one
    call of every part per round), so a burst of load from elsewhere hits all parts alike."""
    out = Breakdown()
    rasa, actions = servers.rasa_url, servers.actions_url
    senders = {flow.name: f"parts-{flow.name}" for flow in FLOWS}
    missing = await learners.onboard(list(senders.values()), concurrency=len(senders))
    if missing:
        raise RuntimeError(f"onboarding did not finish for {missing}")
    domain = (await client.get(f"{rasa}/domain", headers={"Accept": "application/json"})).json()
    # As Rasa sends it to the action server (bot/action_payload.py): without the responses.
    sent_domain = {key: value for key, value in domain.items() if key != "responses"}
    out.domain_kib = len(json.dumps(sent_domain)) / 1024
    calls = WARM_CALLS + samples
    # The real claim turn's code, then one per replayed claim: each for a different badge.
    claim_sender = senders["claim"]
    replay_codes = make_codes(uow, [claim_sender], calls + 1, badges)[claim_sender]
    parts: dict[str, Callable[[int], Awaitable[object]]] = {}

    for flow in FLOWS:
        sender, message = senders[flow.name], flow.message(0, replay_codes[0])
        # One real turn, for the tracker Rasa then sent the action server.
        await learners.say(sender, message)
        parts[f"nlu:{flow.name}"] = lambda _n, m=message: client.post(
            f"{rasa}/model/parse", json={"text": m}
        )
        if flow.action is None:
            continue
        tracker = (
            await client.get(
                f"{rasa}/conversations/{sender}/tracker", params={"include_events": "ALL"}
            )
        ).json()
        # As Rasa sends it (bot/action_payload.py): the events from the latest message on.
        events = tracker["events"]
        latest = max(i for i, event in enumerate(events) if event["event"] == "user")
        tracker["events"] = events[latest:]
        payload = {
            "next_action": flow.action,
            "sender_id": sender,
            "tracker": tracker,
            "domain": sent_domain,
            "version": "3.6.21",
        }
        out.payload_kib[flow.name] = len(json.dumps(payload)) / 1024

        async def replay(n: int, flow: Flow = flow, payload: dict = payload) -> None:
            if flow.name == "claim":  # a fresh code every time, or it would be AlreadyEarned
                code = replay_codes[n + 1]
                latest = payload["tracker"]["latest_message"]
                latest["text"] = flow.message(0, code)
                for entity in latest["entities"]:
                    if entity["entity"] == "claim_code":
                        entity["value"] = code
            response = await client.post(
                f"{actions}/webhook",
                json=payload,
                headers={"X-Colbot-Action-Secret": ACTION_SECRET},
            )
            response.raise_for_status()
            said = response.json().get("responses", [])
            texts = " ".join(filled(domain, r) for r in said)
            if not flow.expected(texts):
                raise RuntimeError(f"replayed {flow.action} answered {texts!r}")

        parts[f"action:{flow.name}"] = replay

    # One prediction for a learner mid-conversation (tracker load and save included).
    parts["predict"] = lambda _n: client.post(f"{rasa}/conversations/{senders['find']}/predict")

    # The badge core services those actions call, here in this process, with the real matcher
    # on one thread, as in the action server.
    use_threads(1)
    matcher = Matcher(default_embedder())
    find_sender = senders["find"]
    profile = find_learner(uow(), SECRET, "rest", find_sender)
    assert profile is not None
    parsed = (await client.post(f"{rasa}/model/parse", json={"text": FIND_MESSAGES[0]})).json()
    entities = {e["entity"]: e["value"] for e in parsed["entities"]}
    claimant = register_learner(
        uow(), SECRET, CITY, "rest", "parts-service-claim", age_band="13-15"
    ).learner_id
    service_codes = make_codes(uow, ["service"], calls, badges)["service"]
    # On a worker thread, as the action server calls them (``actions.runtime.call``).
    local: dict[str, Callable[[int], object]] = {}
    local["lookup"] = lambda _n: find_learner(uow(), SECRET, "rest", find_sender)
    local["service:find"] = lambda _n: find_activities(
        uow,
        CITY,
        FIND_MESSAGES[0],
        interest=entities.get("interest"),
        location=entities.get("location"),
        when=entities.get("when"),
        age_band=profile.age_band,
        home_district=profile.district,
        learner_id=profile.learner_id,
        channel="rest",
        matcher=matcher,
    )
    local["service:pathway"] = lambda _n: suggest_pathways(
        uow,
        CITY,
        PATHWAY_MESSAGE,
        learner_id=profile.learner_id,
        age_band=profile.age_band,
        home_district=profile.district,
        channel="rest",
        matcher=matcher,
    )
    local["service:claim"] = lambda n: claim_badge(
        uow(), SECRET, claimant, service_codes[n], channel="rest"
    )
    # What those services embed: the interest ("football") and the whole pathway message.
    interest = entities.get("interest") or "football"
    # Through the embedder, as a text the matcher has not kept (it keeps short ones).
    local["embed:find"] = lambda _n: matcher.embedder.encode([interest])
    local["embed:pathway"] = lambda _n: matcher.embedder.encode([PATHWAY_MESSAGE])

    for name, function in local.items():
        parts[name] = partial(asyncio.to_thread, function)

    for n in range(calls):
        for name, part in parts.items():
            started = time.perf_counter()
            result = await part(n)
            if isinstance(result, httpx.Response):
                result.raise_for_status()
            if n >= WARM_CALLS:
                out.times.setdefault(name, []).append(time.perf_counter() - started)
    return out


# --- the run -------------------------------------------------------------------------------


@dataclass
class Run:
    levels: tuple[tuple[int, int], ...]
    phases: list[Phase]
    rss_warm: dict[str, dict[str, int]]
    rss_end: dict[str, dict[str, int]]
    breakdown: Breakdown
    onboarding_turns: int
    startup_s: float
    total_s: float


async def drive(
    servers: Servers,
    uow: UnitOfWorkFactory,
    levels: tuple[tuple[int, int], ...],
    samples: int,
    rounds: int,
) -> tuple[list[Phase], dict, dict, Breakdown, int]:
    with uow() as unit:
        badges = list(
            unit.session.scalars(
                select(BadgeClass.key).join(City).where(City.slug == CITY).order_by(BadgeClass.id)
            )
        )
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(limits=limits, timeout=120, trust_env=False) as client:
        learners = Learners(client, servers.rasa_url)

        # Warm-up: two learners through every flow (loads TensorFlow graphs, the embedding
        # model, the city's vectors, connection pools), then a short concurrent burst.
        progress("warming up")
        warm = [f"warm-{n}" for n in range(2)]
        if await learners.onboard(warm, 2):
            raise RuntimeError("warm-up onboarding did not finish: see the servers' logs")
        warm_codes = make_codes(uow, warm, 3, badges)
        for flow in FLOWS:
            phase = await run_phase(
                learners, flow, warm, 3, warm_codes if flow.name == "claim" else None
            )
            if phase.unexpected:
                raise RuntimeError(f"warm-up {flow.name}: unexpected reply {phase.unexpected[0]!r}")

        # Fresh learners for every flow, level and round, so no flow inherits a longer
        # conversation (and every claim is for a badge the learner does not hold).
        senders = {
            (flow.name, n, r): [f"bench-{flow.name}-{n}-{r}-{i}" for i in range(n)]
            for flow in (*FLOWS, TRIVIAL)
            for n, _ in levels
            for r in range(rounds)
        }
        # warm-up learners for after each swap of the action server (the claim warm-up above
        # leaves the first two waiting for a reflection on their badge)
        rewarm = [f"warm-again-{n}" for n in range(2)]
        everyone = [s for group in senders.values() for s in group] + rewarm
        progress(
            f"onboarding {len(everyone)} learners ({len(everyone) * len(ONBOARDING)} turns, "
            "not measured)"
        )
        missing = await learners.onboard(everyone, 25)
        # The onboarding was also the concurrent part of the warm-up.
        rss_warm = {name: rss_kib(pid) for name, pid in servers.pids.items()}
        if missing:
            raise RuntimeError(
                f"onboarding did not finish for {len(missing)} learners, e.g. {missing[0]}"
            )

        progress("measuring the parts of a turn")
        breakdown = await measure_breakdown(client, servers, learners, uow, badges, samples)

        async def measure(flow: Flow, n: int, turns: int, r: int) -> Phase:
            group = senders[(flow.name, n, r)]
            codes = make_codes(uow, group, turns, badges) if flow.name == "claim" else None
            phase = await run_phase(learners, flow, group, turns, codes)
            bad = len(phase.unexpected)
            progress(
                f"round {r + 1} {flow.name:8} {n:3} x {turns:2}: "
                f"p50 {ms(p50(phase.latencies)):>8}  p95 {ms(p95(phase.latencies)):>8}  "
                f"{phase.throughput:6.1f} turns/s"
                + (f"  ({bad} unexpected replies)" if bad else "")
            )
            for text in phase.unexpected[:1]:
                print(f"  e.g. {text!r}", file=sys.stderr)
            return phase

        # This driver holds the model too (for the parts above): frozen out of its
        # garbage collector's full collections, which took up to 490 ms here, so none pauses
        # a measured turn. The servers freeze theirs once loaded, as they do in production.
        gc.collect()
        gc.freeze()
        phases = []
        rss_end: dict = {}
        for r in range(rounds):
            # Each round starts with another flow, so that no flow (the static baseline, say)
            # always runs first, straight after the action server was swapped back.
            order = FLOWS[r % len(FLOWS) :] + FLOWS[: r % len(FLOWS)]
            for n, turns in levels:
                for flow in order:
                    phases.append(await measure(flow, n, turns, r))
            if r == 0:
                rss_end = {name: rss_kib(pid) for name, pid in servers.pids.items()}
            # The same Rasa server with the action server swapped for trivial actions.
            servers.swap_actions("bench_trivial_actions")
            warm_up = await run_phase(learners, TRIVIAL, rewarm, 2)
            if warm_up.unexpected:
                raise RuntimeError(f"warm-up trivial: unexpected reply {warm_up.unexpected[0]!r}")
            for n, turns in levels:
                phases.append(await measure(TRIVIAL, n, turns, r))
            if r + 1 < rounds:
                servers.swap_actions("actions")
                for flow in FLOWS:  # the model and the city's vectors, loaded again
                    if flow.name in ("find", "pathway"):
                        await run_phase(learners, flow, rewarm, 2)
    return phases, rss_warm, rss_end, breakdown, len(everyone) * len(ONBOARDING)


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def render(run: Run, quick: bool) -> str:
    levels = run.levels
    by = {
        (flow, n): Combined([p for p in run.phases if (p.flow, p.conversations) == (flow, n)])
        for flow, n in {(p.flow, p.conversations) for p in run.phases}
    }
    rounds = max(1, len(by[("static", levels[0][0])].phases))
    turns = ", ".join(f"{n} learner{'s' if n > 1 else ''} × {t}" for n, t in levels)
    lines = [
        START,
        "## Turn latency, throughput and memory (`make bench`)",
        "",
        f"Measured {date.today().isoformat()} in one run of `tools/bench_turns.py`"
        + (" **with --quick: tiny settings, not representative**" if quick else "")
        + ".",
        "A real Rasa 3.6 server (`models/colbot.tar.gz`, SQLite tracker store, in-memory lock",
        "store) and a real action server, over a fresh copy of the demo city on SQLite, on this",
        "shared two-core machine; the simulated learners (asyncio + httpx, one process) share the",
        "same two cores. They talk over the REST channel; each concurrent conversation is its own",
        'sender, onboarded first ("hi", "yes", "15", "PL4", "skip": '
        f"{run.onboarding_turns} turns, not measured),",
        "fresh for every flow, level and round, the conversations starting evenly spread over",
        f"{STAGGER_S:.0f} s, each sending its next message as soon as the reply arrives (no think",
        "time). Each claim is a fresh single-use code for a badge the learner",
        f"does not hold yet. Turns per flow and round: {turns}, after a warm-up; {rounds}",
        "round(s), each running every flow at every level in turn (each round starting with",
        "another flow), so a slow spell on this shared machine falls on all flows alike. p50 and",
        "p95 pool the rounds' turns; turns/s is",
        'the median of the rounds\' (each listed). The static reply ("thanks":',
        "`utter_you_are_welcome` by a rule, no custom action) is the baseline: ratios divide by",
        "its figure at the same level in the same run. The driver freezes what it has loaded out",
        "of its garbage collector before the rounds, so its collections pause no measured turn.",
        "Read the figures as sizes, not guarantees.",
        "",
        "| flow | learners | p50 | p95 | turns/s | each round | p50 vs static "
        "| turns/s vs static |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for flow in (*FLOWS, TRIVIAL):
        for n, _ in levels:
            phase, base = by[(flow.name, n)], by[("static", n)]
            bad = f" ({len(phase.unexpected)} unexpected replies)" if phase.unexpected else ""
            static = flow.name == "static"
            each = ", ".join(f"{t:.0f}" for t in phase.throughputs)
            lines.append(
                f"| {flow.label if n == levels[0][0] else ''} | {n} | {ms(p50(phase.latencies))} | "
                f"{ms(p95(phase.latencies))} | {phase.throughput:.1f}{bad} | {each} | "
                f"{'1×' if static else ratio(p50(phase.latencies), p50(base.latencies))} | "
                f"{'1×' if static else ratio(phase.throughput, base.throughput)} |"
            )
    unexpected = sum(len(p.unexpected) for p in run.phases)
    lines += [
        "",
        "The trivial custom action row is the same Rasa server answering finding's messages",
        "after the action server was swapped (in every round) for one whose actions say one",
        "fixed line (`tools/bench_trivial_actions.py`): NLU, policies, tracker store and the",
        "action server round trip as in a real flow, with no badge core work.",
        "",
        "| flow | learners | p95 vs static p95 "
        f"(aim ≤ {AIM_P95_VS_STATIC}×) | turns/s vs trivial custom action "
        f"(aim ≥ {AIM_THROUGHPUT_VS_TRIVIAL}×) | unexpected replies (aim 0) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for flow in FLOWS[1:]:
        for n, _ in levels:
            phase = by[(flow.name, n)]
            latency = p95(phase.latencies) / p95(by[("static", n)].latencies)
            share = phase.throughput / by[("trivial", n)].throughput
            lines.append(
                f"| {flow.name if n == levels[0][0] else ''} | {n} | {latency:.2f}×"
                f"{'' if latency <= AIM_P95_VS_STATIC else ' (missed)'} | {share:.2f}×"
                f"{'' if share >= AIM_THROUGHPUT_VS_TRIVIAL else ' (missed)'} | "
                f"{len(phase.unexpected)} |"
            )
    lines += [
        "",
        "Every reply was checked for what its flow should say "
        '(e.g. "You\'ve earned the ... badge"):\n'
        + (
            "all were as expected."
            if not unexpected
            else f"**{unexpected} were not** (see the run's output)."
        ),
        f"At {levels[-1][0]} learners, of the slowest 5% of turns,\n"
        + ", ".join(
            f"{by[(f.name, levels[-1][0])].slowest_first_share():.0%} ({f.name})" for f in FLOWS
        )
        + f" were a conversation's first message (the starts spread over {STAGGER_S:.0f} s).",
        'For scale (measured elsewhere, not in this run): a stock Rasa 3.6 bot answering "hello"',
        "statically, about 40 ms p50 for one learner, ~45 turns/s at 10 concurrent, 54 at 50.",
        "",
        "### Memory",
        "",
        "| process | VmRSS after warm-up | VmRSS after round 1's turns | peak (VmHWM) |",
        "| --- | --- | --- | --- |",
    ]
    names = {
        "rasa": "Rasa server (model loaded)",
        "actions": "action server (the model in ONNX Runtime, no torch)",
    }
    for name, label in names.items():
        warm, end = run.rss_warm[name], run.rss_end[name]
        lines.append(
            f"| {label} | {mib(warm['VmRSS'])} | {mib(end['VmRSS'])} | {mib(end['VmHWM'])} |"
        )

    b = run.breakdown
    cols = [f.name for f in FLOWS]
    turn = {c: p50(by[(c, levels[0][0])].latencies) for c in cols}
    nlu, action, embed = b.medians("nlu"), b.medians("action"), b.medians("embed")
    lookup, predict = p50(b.times["lookup"]), p50(b.times["predict"])
    services = {c: t + lookup for c, t in b.medians("service").items()}
    rest = {c: turn[c] - nlu[c] - action.get(c, 0.0) for c in cols}
    payloads = ", ".join(f"{c} {kib:.0f} KiB" for c, kib in b.payload_kib.items())

    def row(label: str, values: dict[str, float], how: str) -> str:
        cells = [ms(values[c]) if c in values else "-" for c in cols]
        return f"| {label} | {' | '.join(cells)} | {how} |"

    lines += [
        "",
        "### Where a turn's time goes",
        "",
        "One learner, nothing else from this run going on; medians of "
        f"{len(b.times['predict'])} samples of each",
        "part, taken round robin so that load from elsewhere hits all parts alike. The whole turn",
        f"is the {levels[0][0]}-learner row above (where finding alternates its two messages; its",
        f'parts are measured with "{FIND_MESSAGES[0]}").',
        "",
        f"| part | {' | '.join(cols)} | how |",
        f"| --- | {' | '.join('---' for _ in cols)} | --- |",
        row("whole turn over REST", turn, "measured (table above)"),
        row("NLU", nlu, "measured: `/model/parse`, HTTP included"),
        row(
            "tracker load + one policy prediction",
            {c: predict for c in cols},
            "measured: `/conversations/<id>/predict` (HTTP, tracker load and save, one prediction);"
            " a turn predicts twice",
        ),
        row(
            "action server round trip",
            action,
            "measured: the payload Rasa sent for the turn, replayed to `/webhook` "
            f"({payloads}, of which the domain {b.domain_kib:.0f} KiB)",
        ),
        row(
            "• badge core services",
            services,
            "measured in this process (worker thread, as the action server): learner lookup +"
            " search / pathway suggestion / claim",
        ),
        row("•• learner lookup", {c: lookup for c in services}, "measured: `find_learner`"),
        row(
            "•• embedding the learner's words",
            embed,
            'measured: encoding (all-MiniLM-L6-v2) "football" / the whole message on a worker'
            " thread, through ONNX Runtime on one thread as in the action server; the matcher"
            " keeps a short text's vector (up to 3 words), so the service above encodes"
            ' "football" once, and a sentence every time',
        ),
        row(
            "Rasa apart from NLU",
            rest,
            "inferred: turn − NLU − action round trip (policies, tracker store, REST, payload)",
        ),
        "",
        "Inferred, not measured: the action server's own overhead (rasa-sdk, parsing the payload,",
        "the worker thread) is its round trip minus the services; a service's database time is",
        "roughly its time minus the embedding. Parts measured apart need not add up to a turn.",
        "",
        f"The servers took {run.startup_s:.0f} s to start (the matching index was built",
        f"meanwhile); the whole run took {run.total_s:.0f} s.",
        END,
    ]
    return "\n".join(lines)


def main() -> int:
    args = bench_arguments(__doc__, REPO / "docs" / "benchmarks.md")
    levels = QUICK_LEVELS if args.quick else FULL_LEVELS
    samples = QUICK_SAMPLES if args.quick else FULL_SAMPLES
    rounds = QUICK_ROUNDS if args.quick else FULL_ROUNDS
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="colbot-bench-") as tmp:
        work = Path(tmp)
        progress("building the demo database")
        database_url = build_database(work / "colbot.db")
        engine = make_engine(database_url)
        uow = unit_of_work_factory(engine)
        try:
            # As after `make setup`: the one-text model is exported once and kept, and the
            # action server loads the kept file (see badge_core/matching/embedder.py).
            progress("loading the embedding model")
            default_embedder().encode(["hello"])
            kept = default_embedder().cache_dir
            if kept is not None and kept.is_dir():
                shutil.copytree(kept, work / "cache")
            progress("starting the servers; building the matching index meanwhile")
            started = time.perf_counter()
            index = partial(index_city, uow(), CITY, default_embedder())
            with running_servers(work, database_url, index) as servers:
                startup = time.perf_counter() - started
                phases, rss_warm, rss_end, breakdown, onboarding = asyncio.run(
                    drive(servers, uow, levels, samples, rounds)
                )
        finally:
            engine.dispose()
    run = Run(
        levels,
        phases,
        rss_warm,
        rss_end,
        breakdown,
        onboarding,
        startup,
        time.perf_counter() - began,
    )
    section = render(run, args.quick)
    write_section(args.out, START, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
