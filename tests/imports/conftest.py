"""A real HTTP server on a free port serving a copy of the fixture feeds, so readers follow
real links with real requests and no network; a test may change its copy, or make a path
fail a few times first."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class FeedServer:
    root: Path
    url: str
    fail: dict[str, list[int]] = field(default_factory=dict)  # path -> statuses to give first
    requests: list[str] = field(default_factory=list)


class _Handler(SimpleHTTPRequestHandler):
    server_state: FeedServer

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        self.server_state.requests.append(self.path)
        waiting = self.server_state.fail.get(self.path.split("?")[0])
        if waiting:
            self.send_error(waiting.pop(0))
            return
        super().do_GET()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def feeds(tmp_path: Path) -> Iterator[FeedServer]:
    root = tmp_path / "feeds"
    shutil.copytree(FIXTURES, root)
    state = FeedServer(root, "")
    handler = type("Handler", (_Handler,), {"server_state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


# the import service's tests run on SQLite and PostgreSQL, as the badge core's do
from tests.core.conftest import pg_plymouth_template, plymouth_db_url  # noqa: E402, F401
