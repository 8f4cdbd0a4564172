"""When the action server is down or slow: Rasa apologises from the domain within Twilio's
15 s, and a retry of a claim that went through late never awards twice."""

from __future__ import annotations

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import func, select

from badge_core.models import Award
from tests.e2e.conftest import Bot, another_rasa, free_port
from tests.e2e.test_conversations import awards_of, code, onboard

APOLOGY = "Sorry, something went wrong on my side"


def _delaying_proxy(target: str, delay_s: float) -> tuple[str, ThreadingHTTPServer]:
    """An action server that answers only after ``delay_s``: it passes each request on late."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            time.sleep(delay_s)
            request = urllib.request.Request(
                target, data=body, headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                answer = response.read()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass  # Rasa stopped waiting

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/webhook", server


def test_with_the_action_server_down_the_learner_gets_an_apology_quickly(
    bot: Bot, tmp_path: Path
) -> None:
    down = f"http://127.0.0.1:{free_port()}/webhook"
    with another_rasa(bot, tmp_path, COLBOT_ACTION_URL=down) as broken:
        started = time.monotonic()
        replies = broken.texts("e2e-actions-down", "my badges")
        assert time.monotonic() - started < 15
    assert any(APOLOGY in r for r in replies), replies


def test_a_slow_claim_gets_an_apology_and_the_retry_never_awards_twice(
    bot: Bot, tmp_path: Path
) -> None:
    sender = "e2e-slow-claim"
    onboard(bot, sender)
    issued = code(bot, max_claims=5)
    assert bot.env is not None
    slow_url, proxy = _delaying_proxy(bot.env["COLBOT_ACTION_URL"], delay_s=4)
    try:
        shared_tracker = {"COLBOT_TRACKER_URL": f"sqlite:///{bot.tracker_db}"}
        with another_rasa(
            bot, tmp_path, COLBOT_ACTION_URL=slow_url, COLBOT_ACTION_TIMEOUT_S="2", **shared_tracker
        ) as slow:
            started = time.monotonic()
            replies = slow.texts(sender, f"my code is {issued}")
            assert time.monotonic() - started < 15
            assert any(APOLOGY in r for r in replies), replies
        time.sleep(5)  # the late action finishes on the action server
    finally:
        proxy.shutdown()
    retry = bot.texts(sender, f"my code is {issued}")
    assert any("already got the Beat Maker badge" in r or "You've earned" in r for r in retry), (
        retry
    )
    assert len(awards_of(bot, sender)) == 1
    with bot.uow() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Award)) >= 1
