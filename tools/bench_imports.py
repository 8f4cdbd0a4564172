"""``make bench`` (imports part): a 5,000-item OpenActive feed imported from scratch, then
again after 1% of it changed (issue 23).

The feed (badge_core/demo/openactive_feed.py) is served over HTTP from this process, in pages
of 500, and imported into a fresh SQLite file with the demo city, as `colbot import openactive`
does it: skills proposed by the real model for every new activity, then the new texts indexed
for search. The incremental run starts from the cursor the first run kept. Three rounds.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks_doc import bench_arguments, write_section

from badge_core import migrate
from badge_core.citypack import load_pack, read_pack
from badge_core.db import make_engine, unit_of_work_factory
from badge_core.demo.openactive_feed import grow, write_feed
from badge_core.matching.embedder import default_embedder
from badge_core.matching.matcher import Matcher
from badge_core.services.imports import SourceSpec, import_source
from badge_core.services.skill_proposals import SkillProposer
from badge_core.services.vectors import index_city

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- imports:start -->", "<!-- imports:end -->"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


def one_round(folder: Path, items: int, matcher: Matcher) -> tuple[float, float, int, int]:
    feed = folder / "feed"
    write_feed(feed, items)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(feed)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"sqlite:///{folder / 'bench.db'}"
        migrate.upgrade(url)
        uow = unit_of_work_factory(make_engine(url))
        load_pack(uow(), read_pack(REPO / "cities" / "plymouth"))
        index_city(uow(), "plymouth", matcher.embedder)
        spec = SourceSpec(
            "bench", "openactive", f"http://127.0.0.1:{server.server_address[1]}/page-0.json"
        )
        propose = SkillProposer(uow, matcher, "plymouth")

        def timed() -> tuple[float, object]:
            started = time.perf_counter()
            report = import_source(
                uow,
                "plymouth",
                spec,
                now=datetime.now(UTC),
                propose=propose,
                embedder=matcher.embedder,
            )
            return time.perf_counter() - started, report

        full_s, full = timed()
        grow(feed, list(range(0, items, 100)))
        incremental_s, again = timed()
        return full_s, incremental_s, len(full.added), len(again.updated)  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    args = bench_arguments(__doc__ or "", REPO / "docs" / "benchmarks.md")
    items, rounds = (500, 1) if args.quick else (5000, 3)
    matcher = Matcher(default_embedder())
    results = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(one_round(Path(tmp), items, matcher))
    full = statistics.median(r[0] for r in results)
    incremental = statistics.median(r[1] for r in results)
    added, updated = results[0][2], results[0][3]
    section = "\n".join(
        [
            START,
            "## Importing a city's offer (`tools/bench_imports.py`)",
            "",
            f"A {items:,}-item OpenActive feed (pages of 500, over HTTP from the same machine)",
            "imported into the demo city from scratch, with skills proposed by the real model for",
            "every new activity and the new texts indexed for search; then again after 1% of the",
            f"items changed, from the cursor the first run kept. Median of {rounds} rounds.",
            "",
            "| run | items written | seconds | items/s |",
            "| --- | --- | --- | --- |",
            f"| from scratch | {added:,} added | {full:.1f} | {added / full:,.0f} |",
            f"| 1% changed | {updated:,} updated | {incremental:.2f} | {updated / incremental:,.0f} |",
            "",
            f"The incremental run took {incremental / full:.1%} of the full run (aim: under 10%),",
            "reading only the pages after the cursor and touching only the changed items.",
            END,
        ]
    )
    write_section(args.out, START, END, section)
    print(section)


if __name__ == "__main__":
    main()
