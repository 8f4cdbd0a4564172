"""``make bench`` (claims part): claims per second with 100 learners claiming at once.

Straight through the badge core service (``claim_badge``), no chat in front: a
ThreadPoolExecutor of 100 workers, one learner each, each with its own single-use code made
beforehand, all for the same badge. On SQLite (a fresh file) and on PostgreSQL (a scratch
database on ``COLBOT_TEST_PG_URL``, default the local server, dropped afterwards), each
migrated and with the demo city loaded. One warm-up round, then measured rounds with a new
badge each; every claim must succeed. The engines are the ones the action server uses
(``badge_core.db.make_engine``: SQLAlchemy's default pool of 5 + 10 overflow connections).

Then, on each database, one claim at a time with a busy window behind it: the city's last
15 minutes (the claim limits' window) already holding 3,000 and then 30,000 claim attempts,
one in ten of them an unknown code (what a launch after a school assembly leaves).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks_doc import bench_arguments, write_section
from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.exc import OperationalError

from badge_core import migrate
from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.errors import ClaimRefused, CodeUnknown
from badge_core.models import BadgeClass, City, CodeMiss, Event, EventKind
from badge_core.services.claims import ATTEMPT_WINDOW, claim_badge
from badge_core.services.codes import create_claim_codes
from badge_core.services.learners import register_learner
from colbot_shared.codes import ALPHABET

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- claims:start -->", "<!-- claims:end -->"
CITY = "plymouth"
SECRET = "bench-secret-key"
PG_ADMIN_URL = os.environ.get(
    "COLBOT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@dataclass
class Result:
    database: str
    claimants: int
    rounds: list[float] = field(default_factory=list)  # claims/s of each measured round
    latencies: list[float] = field(default_factory=list)  # seconds per claim, all rounds
    refused: dict[str, int] = field(default_factory=dict)
    skipped: str | None = None
    # claim attempts already in the window -> median seconds of one claim, claimed alone
    busy: dict[int, float] = field(default_factory=dict)


BUSY_WINDOWS = (0, 3_000, 30_000)
BUSY_CLAIMS = 20  # timed one after another at each level


def p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]
    )


class PostgresUnavailable(Exception):
    """No PostgreSQL server to measure on (the reason is the message)."""


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards (as ``tests/pg.py`` does)."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"colbot_bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        where = PG_ADMIN_URL.split("@")[-1]
        raise PostgresUnavailable(
            f"no PostgreSQL at {where} ({error.orig.__class__.__name__})"
        ) from None
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(url: str, claimants: int) -> tuple[Engine, UnitOfWorkFactory, list[int], list[str]]:
    migrate.upgrade(url)
    engine = make_engine(url)
    uow = unit_of_work_factory(engine)
    load_pack(uow(), read_pack(REPO / "cities" / CITY))
    learners = [
        register_learner(uow(), SECRET, CITY, "rest", f"claimant-{n}", age_band="13-15").learner_id
        for n in range(claimants)
    ]
    with uow() as unit:
        badges = list(
            unit.session.scalars(
                select(BadgeClass.key).join(City).where(City.slug == CITY).order_by(BadgeClass.id)
            )
        )
    return engine, uow, learners, badges


def fresh_codes(uow: UnitOfWorkFactory, count: int, badge: str) -> list[str]:
    """``count`` single-use codes for ``badge``, open from five minutes ago for an hour."""
    now = datetime.now(UTC)
    issued = create_claim_codes(
        uow(),
        SECRET,
        CITY,
        badge,
        count=count,
        valid_from=now - timedelta(minutes=5),
        valid_until=now + timedelta(hours=1),
    )
    return [code.code for code in issued]


def one_round(
    uow: UnitOfWorkFactory, learners: list[int], badge: str
) -> tuple[float, list[float], list[str]]:
    """Everyone claims their own code for ``badge`` at once: (wall seconds, latencies, outcomes)."""
    codes = fresh_codes(uow, len(learners), badge)

    def claim(pair: tuple[int, str]) -> tuple[float, str]:
        started = time.perf_counter()
        try:
            claim_badge(uow(), SECRET, pair[0], pair[1], channel="rest")
            outcome = "ok"
        except ClaimRefused as refused:
            outcome = type(refused).__name__
        return time.perf_counter() - started, outcome

    with ThreadPoolExecutor(max_workers=len(learners)) as pool:
        started = time.perf_counter()
        results = list(pool.map(claim, zip(learners, codes, strict=True)))
        wall = time.perf_counter() - started
    return wall, [r[0] for r in results], [r[1] for r in results]


def fill_window(uow: UnitOfWorkFactory, attempts: int) -> None:
    """``attempts`` claim attempts by other learners over the last 15 minutes, one in ten an
    unknown code (kept as a miss of its prefix, as a claim keeps it)."""
    now = datetime.now(UTC)
    with uow() as unit:
        city_id = unit.session.scalar(select(City.id).where(City.slug == CITY))
        events, misses = [], []
        for _ in range(attempts):
            at = now - timedelta(seconds=random.uniform(1, ATTEMPT_WINDOW.total_seconds() - 60))
            unknown = random.random() < 0.1
            outcome = CodeUnknown.__name__ if unknown else "ok"
            events.append(
                {
                    "kind": EventKind.CLAIM_ATTEMPT.value,
                    "city_id": city_id,
                    "occurred_at": at,
                    "channel": "rest",
                    "data": {"outcome": outcome, "age_band": "13-15", "district": None},
                }
            )
            if unknown:
                prefix = random.choice(ALPHABET) + random.choice(ALPHABET)
                misses.append({"city_id": city_id, "prefix": prefix, "missed_at": at})
        if events:
            unit.session.execute(insert(Event), events)
        if misses:
            unit.session.execute(insert(CodeMiss), misses)
        unit.commit()


def claims_alone(uow: UnitOfWorkFactory, learners: list[int], badge: str) -> list[float]:
    """Each learner claims a fresh code for ``badge``, one after another: seconds each."""
    times = []
    for learner_id, code in zip(learners, fresh_codes(uow, len(learners), badge), strict=True):
        started = time.perf_counter()
        claim_badge(uow(), SECRET, learner_id, code, channel="rest")
        times.append(time.perf_counter() - started)
    return times


def measure(database: str, url: str, claimants: int, rounds: int) -> Result:
    result = Result(database, claimants)
    engine, uow, learners, badges = prepare(url, claimants)
    try:
        one_round(uow, learners, badges[0])  # warm-up: pools, caches, query compilation
        for n in range(rounds):
            wall, latencies, outcomes = one_round(uow, learners, badges[1 + n])
            result.rounds.append(len(latencies) / wall)
            result.latencies += latencies
            for outcome in outcomes:
                if outcome != "ok":
                    result.refused[outcome] = result.refused.get(outcome, 0) + 1
            print(
                f"{database}: round {n + 1}: {len(latencies) / wall:.0f} claims/s, "
                f"p50 {statistics.median(latencies) * 1000:.0f} ms",
                flush=True,
            )
        filled = 0
        for n, attempts in enumerate(BUSY_WINDOWS):
            fill_window(uow, attempts - filled)
            filled = attempts
            badge = badges[1 + rounds + n]  # after the warm-up's and the rounds' badges
            result.busy[attempts] = statistics.median(
                claims_alone(uow, learners[:BUSY_CLAIMS], badge)
            )
            print(
                f"{database}: {attempts} attempts in the window: one claim "
                f"{result.busy[attempts] * 1000:.1f} ms",
                flush=True,
            )
    finally:
        engine.dispose()
    return result


def render(results: list[Result], rounds: int, quick: bool) -> str:
    claimants = results[0].claimants
    lines = [
        START,
        "## Claims under load (`make bench`)",
        "",
        f"Measured {date.today().isoformat()} in one run of `tools/bench_claims.py`"
        + (" **with --quick (tiny settings; not representative)**" if quick else "")
        + f": {claimants} learners",
        f"claiming at once through `claim_badge` (a ThreadPoolExecutor of {claimants}, one learner",
        "and one single-use code each, codes made beforehand), no chat in front. Each database is",
        "fresh, migrated, with the demo city loaded; the engine is the action server's (default",
        f"pool: 5 + 10 overflow connections). One warm-up round, then {rounds} measured round(s),",
        "a different badge each. Figures from one run on this shared two-core machine, with the",
        "threads and PostgreSQL on the same cores.",
        "",
        "| database | claims/s (median) | each round | p50 per claim | p95 per claim | refused |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.database} | not measured: {r.skipped} | | | | |")
            continue
        refused = ", ".join(f"{k} {v}" for k, v in r.refused.items()) or "none"
        lines.append(
            f"| {r.database} | {statistics.median(r.rounds):.0f} | "
            f"{', '.join(f'{x:.0f}' for x in r.rounds)} | "
            f"{statistics.median(r.latencies) * 1000:.0f} ms | {p95(r.latencies) * 1000:.0f} ms | "
            f"{refused} |"
        )
    lines += [
        "",
        "A claim's latency here includes waiting for a pooled connection and, on SQLite, for the",
        "single writer lock (each claim is one write transaction); claims/s is claims over the",
        "round's wall-clock time.",
    ]
    measured = [r for r in results if r.busy]
    if measured:
        levels = list(measured[0].busy)
        lines += [
            "",
            f"One claim at a time ({BUSY_CLAIMS} in turn, median) with the claim limits' window",
            "(the city's last 15 minutes) already holding claim attempts, one in ten an unknown",
            "code: what the limits read must not grow with a launch's traffic.",
            "",
            "| database | " + " | ".join(f"{n:,} attempts in the window" for n in levels) + " |",
            "| --- |" + " --- |" * len(levels),
        ]
        for r in measured:
            lines.append(
                f"| {r.database} | "
                + " | ".join(f"{r.busy[n] * 1000:.1f} ms" for n in levels)
                + " |"
            )
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    args = bench_arguments(__doc__, REPO / "docs" / "benchmarks.md")
    claimants, rounds = (20, 1) if args.quick else (100, 3)
    results = []
    with tempfile.TemporaryDirectory(prefix="colbot-bench-claims-") as tmp:
        results.append(measure("SQLite", f"sqlite:///{tmp}/bench.db", claimants, rounds))
    try:
        with scratch_postgres() as url:
            results.append(measure("PostgreSQL", url, claimants, rounds))
    except PostgresUnavailable as unavailable:
        print(f"PostgreSQL not measured: {unavailable}", file=sys.stderr)
        results.append(Result("PostgreSQL", claimants, skipped=str(unavailable)))
    section = render(results, rounds, args.quick)
    write_section(args.out, START, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
