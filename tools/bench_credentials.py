"""``make bench`` (credential pages): how many views a second the web app serves of a badge's
page, its baked image and a learner's share page.

A fresh SQLite file with the demo city and one learner holding two badges; the web app runs
in this process, called through httpx's ASGI transport on one event loop (no network and no
test-client threads, so the figures are the app's own work).
A credential page is measured twice: as it runs, reusing each award's signed credential and
its check (web/credentials.py ``SignedCredentials``), and with that cache emptied after every
view, as every view was before it (sign and verify, each a JSON-LD canonicalisation). Each
figure is the median of five rounds, all in one run.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from benchmarks_doc import bench_arguments, write_section

from badge_core import migrate
from badge_core.citypack import load_pack, read_pack
from badge_core.config import Settings
from badge_core.db import make_engine, unit_of_work_factory
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import register_learner
from badge_core.services.sharing import share_badges
from web.app import create_app
from web.credentials import SignedCredentials

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- credentials:start -->", "<!-- credentials:end -->"
SECRET = "bench-secret-key-bench-secret-key-0123456789"
ROUNDS = 5


def _award(uow, badge: str, learner_id: int) -> str:
    now = datetime.now(UTC)
    code = create_claim_code(
        uow(),
        SECRET,
        "plymouth",
        badge,
        valid_from=now - timedelta(minutes=1),
        valid_until=now + timedelta(hours=1),
    ).code
    return claim_badge(uow(), SECRET, learner_id, code).award_public_id


async def _rate(client: httpx.AsyncClient, path: str, views: int, after_each=None) -> float:
    """Views a second of ``path``: the median of ROUNDS rounds of ``views`` views."""
    rates = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(views):
            response = await client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            if after_each is not None:
                after_each()
        rates.append(views / (time.perf_counter() - started))
    return statistics.median(rates)


async def _measure(app, award: str, token: str, scale: int) -> list[tuple[str, float]]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        page = f"/credentials/{award}"
        await client.get(page)  # the issuer's key is made, the worker started

        def forget() -> None:
            app.state.signed = SignedCredentials()

        return [
            (
                "credential page, signed and checked on every view",
                await _rate(client, page, 4 * scale, forget),
            ),
            (
                "credential page, signed credential and page reused (as served)",
                await _rate(client, page, 80 * scale),
            ),
            (
                "badge image (PNG, baked on each view)",
                await _rate(client, f"{page}.png", 8 * scale),
            ),
            ("share page", await _rate(client, f"/shared/{token}", 40 * scale)),
            ("share page as PDF", await _rate(client, f"/shared/{token}.pdf", 4 * scale)),
        ]


def main() -> int:
    args = bench_arguments(__doc__ or "", REPO / "docs" / "benchmarks.md")
    scale = 1 if args.quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        migrate.upgrade(url)
        uow = unit_of_work_factory(make_engine(url))
        load_pack(uow(), read_pack(REPO / "cities" / "plymouth"))
        learner = register_learner(uow(), SECRET, "plymouth", "sms", "bench", age_band="16-18")
        award = _award(uow, "code-club-coder", learner.learner_id)
        _award(uow, "python-coder", learner.learner_id)
        sharing = share_badges(uow(), learner.learner_id)
        assert sharing is not None
        settings = Settings(database_url=url, secret_key=SECRET, data_dir=Path(tmp) / "data")
        app = create_app(settings, uow)
        rows = asyncio.run(_measure(app, award, sharing.token, scale))
    ratio = rows[1][1] / rows[0][1]
    section = "\n".join(
        [
            START,
            "## Credential pages (`make bench`)",
            "",
            f"Measured {date.today().isoformat()} (tools/bench_credentials.py): views a second the",
            "web app serves, in this process (no network), a learner with two badges on SQLite;",
            f"each the median of {ROUNDS} rounds in one run.",
            "",
            "| view | views/s |",
            "| --- | --- |",
            *(f"| {name} | {rate:.1f} |" for name, rate in rows),
            "",
            f"Reusing the signed credential serves a credential page {ratio:.0f}x as fast as",
            "signing and checking it on every view. Whether the award still stands is read on",
            "every view either way.",
            END,
        ]
    )
    write_section(args.out, START, END, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
