"""``make bench`` (cluster): turns a second through the balancer with one Rasa server and with
two, at 10 and 50 concurrent learners, and where the CPU goes.

Starts the production topology (deploy/cluster.py: HAProxy, Rasa servers with conversations
in PostgreSQL and locks in Redis, two action servers, the web app) on free ports over fresh
PostgreSQL databases, once with one Rasa server (the balancer passes the second over) and
once with two. Simulated learners (asyncio + httpx, this process, as tools/bench_turns.py)
are onboarded, then send finding's messages and a static reply turn after turn, each
waiting for its reply. CPU time of every process (the servers, PostgreSQL, Redis, HAProxy,
this driver) is read from /proc over each 50-learner phase. Figures go to
docs/benchmarks.md; the machine is shared and has two cores, so nothing asserts a timing.
Where PostgreSQL, Redis or HAProxy is missing, the section says so instead.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from bench_outbox import PG_ADMIN_URL, drop, pg_database
from bench_turns import (
    ACTION_SECRET,
    FLOWS,
    REST_SECRET,
    SECRET,
    Learners,
    p50,
    p95,
    progress,
    run_phase,
)
from benchmarks_doc import bench_arguments, write_section
from sqlalchemy import create_engine

from badge_core.matching.export import export_to

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "deploy"))
from cluster import Cluster, Ports, prepare  # noqa: E402

START, END = "<!-- cluster:start -->", "<!-- cluster:end -->"
SECRETS = {
    "COLBOT_SECRET_KEY": SECRET,
    "COLBOT_ACTION_SECRET": ACTION_SECRET,
    "COLBOT_REST_SECRET": REST_SECRET,
}
FULL_LEVELS, QUICK_LEVELS = ((10, 12), (50, 6)), ((3, 2),)
FULL_ROUNDS, QUICK_ROUNDS = 2, 1
STATIC = FLOWS[0]
FIND = next(flow for flow in FLOWS if flow.name == "find")
TICK = os.sysconf("SC_CLK_TCK")
# the projection's assumptions (docs/benchmarks.md says they are)
PEAK_CITY, PEAK_LEARNERS, PEAK_MESSAGES, PEAK_SECONDS = 20_000, 3_000, 8, 600


@dataclass
class Row:
    servers: int
    flow: str
    learners: int
    throughputs: list[float]
    latencies: list[float]
    unexpected: int


def cpu_seconds(pids: dict[str, list[int]]) -> dict[str, float]:
    """User + system CPU time so far of each group of processes (and their children)."""
    found = {}
    for name, group in pids.items():
        total = 0
        for pid in group:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        found[name] = total / TICK
    return found


def process_groups(cluster: Cluster) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for name, process in cluster.processes.items():
        groups.setdefault(name.split("-")[0], []).append(process.pid)
    for name, pattern in (("postgres", "postgres"), ("redis", "redis-server")):
        found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True)
        groups[name] = [int(pid) for pid in found.stdout.split()]
    groups["driver (this process)"] = [os.getpid()]
    return groups


async def drive(
    cluster: Cluster, servers: int, levels: tuple, rounds: int
) -> tuple[list[Row], dict[str, float]]:
    rows, cpu = [], {}
    async with httpx.AsyncClient(
        timeout=60, limits=httpx.Limits(max_connections=200, max_keepalive_connections=200)
    ) as client:
        learners = Learners(client, cluster.url)
        everyone = [f"bench-cluster-{servers}-{i}" for i in range(max(n for n, _ in levels))]
        if await learners.onboard(everyone, 10):
            raise SystemExit("onboarding did not finish")
        await run_phase(learners, STATIC, everyone[:10], 2)  # warm-up
        for n, turns in levels:
            for flow in (STATIC, FIND):
                phases = []
                for _ in range(rounds):
                    before = cpu_seconds(process_groups(cluster)) if n == levels[-1][0] else {}
                    phase = await run_phase(learners, flow, everyone[:n], turns)
                    phases.append(phase)
                    if before and flow is FIND:
                        after = cpu_seconds(process_groups(cluster))
                        cpu = {k: (after[k] - before[k]) / phase.wall for k in after}
                rows.append(
                    Row(
                        servers,
                        flow.name,
                        n,
                        [p.throughput for p in phases],
                        [t for p in phases for t in p.latencies],
                        sum(len(p.unexpected) for p in phases),
                    )
                )
    return rows, cpu


def measure(servers: int, levels: tuple, rounds: int, work: Path) -> tuple[list[Row], dict]:
    database, tracker = pg_database(), pg_database()
    if database is None or tracker is None:
        raise SystemExit(f"could not make scratch databases at {PG_ADMIN_URL}")
    shutil.copytree(REPO / "var" / "cache", work / "data" / "cache", dirs_exist_ok=True)
    cluster = Cluster(
        Ports.free(),
        database,
        tracker.replace("postgresql+psycopg://", "postgresql://"),
        work,
        redis_db=8,
        rasa_servers=servers,
        outbox=False,
        env={**os.environ, **SECRETS},
    )
    try:
        prepare(cluster, REPO / "cities" / "plymouth")
        progress(f"starting the cluster with {servers} Rasa server(s)")
        cluster.start()
        progress("onboarding, then the phases")
        return asyncio.run(drive(cluster, servers, levels, rounds))
    finally:
        cluster.stop()
        for url in (database, tracker):
            drop(url)


def missing() -> str | None:
    for program in ("haproxy", "redis-server"):
        if shutil.which(program) is None:
            return f"{program} is not installed"
    if subprocess.run(["redis-cli", "ping"], capture_output=True).returncode != 0:
        return "Redis is not running"
    try:
        create_engine(PG_ADMIN_URL).connect().close()
    except Exception as error:  # noqa: BLE001
        return f"PostgreSQL is not reachable ({error.__class__.__name__})"
    return None


def render(rows: list[Row], cpu: dict[int, dict[str, float]], quick: bool) -> str:
    by = {(r.servers, r.flow, r.learners): r for r in rows}
    lines = [
        START,
        "## Several Rasa servers through the balancer (`make bench`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} in one run of `tools/bench_cluster.py`"
        + (" (--quick: tiny settings)" if quick else "")
        + ": `make cluster`'s topology (HAProxy, Rasa servers with conversations in"
        " PostgreSQL and locks in Redis, two action servers) on this two-core machine, with"
        " the simulated learners in one more process on the same cores. Turns a second are"
        " the median over rounds; latencies pooled.",
        "",
        "| flow | learners | 1 server: turns/s | 2 servers: turns/s | 2 vs 1 | p50 1 / 2 | p95 1 / 2 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for (servers, flow, n), one in sorted(by.items()):
        if servers != 1 or (2, flow, n) not in by:
            continue
        two = by[(2, flow, n)]
        t1, t2 = statistics.median(one.throughputs), statistics.median(two.throughputs)
        label = STATIC.label if flow == "static" else FIND.label
        lines.append(
            f"| {label} | {n} | {t1:.1f} | {t2:.1f} | {t2 / t1:.2f}x"
            f" | {p50(one.latencies) * 1000:.0f} / {p50(two.latencies) * 1000:.0f} ms"
            f" | {p95(one.latencies) * 1000:.0f} / {p95(two.latencies) * 1000:.0f} ms |"
        )
    unexpected = sum(r.unexpected for r in rows)
    lines += ["", f"Replies not as the flow expects: {unexpected} (aim 0).", ""]
    top = (QUICK_LEVELS if quick else FULL_LEVELS)[-1][0]
    for servers, shares in sorted(cpu.items()):
        busy = sum(shares.values())
        parts = ", ".join(
            f"{name} {share:.2f}" for name, share in sorted(shares.items(), key=lambda x: -x[1])
        )
        lines.append(
            f"CPU while finding at {top} learners with {servers} Rasa server(s), in cores:"
            f" {parts} (total {busy:.2f} of 2)."
        )
    if 2 in cpu and (2, "find", top) in by:
        turns = statistics.median(by[(2, "find", top)].throughputs)
        per_turn = {name: share / turns for name, share in cpu[2].items()}
        total = sum(v for k, v in per_turn.items() if not k.startswith("driver"))
        peak = PEAK_LEARNERS * PEAK_MESSAGES / PEAK_SECONDS
        lines += [
            "",
            "What grows, and what stops it: one Rasa server is one Python event loop, so it"
            " uses at most one core (see its share above with one server), and a second server"
            " on the second core adds most of what that core can give. With two the machine's"
            f" two cores are the limit. A finding turn costs {total * 1000:.0f} ms of CPU in all"
            f" (Rasa {per_turn.get('rasa', 0) * 1000:.0f}, action servers"
            f" {per_turn.get('actions', 0) * 1000:.1f}, PostgreSQL"
            f" {per_turn.get('postgres', 0) * 1000:.1f}, HAProxy and Redis under 1 ms), so"
            " throughput grows with cores for Rasa servers, one per core, until PostgreSQL"
            " (tracker writes and the badge core together, a few ms a turn) needs a core of its"
            f" own, at roughly {1 / max(per_turn.get('postgres', 1e-3), 1e-3):.0f} turns a second.",
            "",
            f"Projection (an assumption, not a measure): a city of {PEAK_CITY:,} young people,"
            f" a Saturday peak where {PEAK_LEARNERS:,} of them send {PEAK_MESSAGES} messages"
            f" each within {PEAK_SECONDS // 60} minutes (a school assembly's worth at once):"
            f" {peak:.0f} turns a second, about {peak * total:.1f} cores at the cost above,"
            f" {'within' if peak <= turns else 'beyond'} what this two-core machine gave with"
            f" two Rasa servers ({turns:.0f} turns a second); each further core with its own"
            " Rasa server adds about as much as one server gives alone. PostgreSQL stays far"
            " from its limit.",
        ]
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    args = bench_arguments(__doc__, REPO / "docs" / "benchmarks.md")
    levels = QUICK_LEVELS if args.quick else FULL_LEVELS
    rounds = QUICK_ROUNDS if args.quick else FULL_ROUNDS
    why = missing()
    if why:
        section = f"{START}\n## Several Rasa servers through the balancer (`make bench`)\n\n"
        section += f"Not measured in the last run: {why}.\n{END}"
        write_section(args.out, START, END, section)
        print(section)
        return 0
    export_to(REPO / "var" / "cache")
    rows, cpu = [], {}
    with tempfile.TemporaryDirectory(prefix="colbot-bench-cluster-") as tmp:
        for servers in (1, 2):
            found, cpu[servers] = measure(servers, levels, rounds, Path(tmp) / str(servers))
            rows += found
    section = render(rows, cpu, args.quick)
    write_section(args.out, START, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
