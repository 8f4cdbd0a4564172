"""When the action server is down, slow or restarted: Rasa apologises from the domain within
Twilio's 15 s, a retry of a claim that went through late never awards twice, and a restart
between two messages costs nothing (Rasa keeps its connection to the action server alive,
bot/speedups.py, and must let go of one the restart closed)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import func, select

from badge_core.models import Award
from tests.e2e.test_conversations import awards_of, code, onboard
from tests.servers import Bot, another_rasa, free_port

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


class _Forwarder:
    """An action server in front of the real one that keeps connections alive (HTTP/1.1),
    notes the client port of each request, and can be restarted on the same port, closing
    every connection it holds as a restarted server would."""

    def __init__(self, target: str) -> None:
        self.target, self.client_ports, self.port = target, [], 0
        self._open: list[socket.socket] = []
        self._server = self._start()

    def _start(self) -> ThreadingHTTPServer:
        forwarder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                forwarder._open.append(self.connection)
                forwarder.client_ports.append(self.client_address[1])
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                secret = self.headers.get("X-Colbot-Action-Secret") or ""
                request = urllib.request.Request(
                    forwarder.target,
                    data=body,
                    headers={"Content-Type": "application/json", "X-Colbot-Action-Secret": secret},
                )
                with urllib.request.urlopen(request, timeout=60) as response:
                    answer = response.read()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def restart(self) -> None:
        self.stop()
        self._server = self._start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        for connection in self._open:
            with contextlib.suppress(OSError):  # already closed
                connection.shutdown(socket.SHUT_RDWR)
        self._open.clear()


def test_rasa_keeps_its_connection_to_the_action_server_and_survives_a_restart(
    bot: Bot, tmp_path: Path
) -> None:
    assert bot.env is not None
    forwarder = _Forwarder(bot.env["COLBOT_ACTION_URL"])
    try:
        with another_rasa(bot, tmp_path, COLBOT_ACTION_URL=forwarder.url) as rasa:
            sender = "e2e-kept-alive"
            first = [rasa.texts(sender, "my badges") for _ in range(3)]
            before = list(forwarder.client_ports)  # the session start's action, then 3 more
            assert len(before) >= 3 and len(set(before)) == 1, before  # one connection

            forwarder.restart()
            time.sleep(0.5)
            again = rasa.texts(sender, "my badges")
    finally:
        forwarder.stop()
    after = forwarder.client_ports[len(before) :]
    assert after and before[0] not in after, (before, after)  # a new connection
    assert all(replies and not any(APOLOGY in r for r in replies) for replies in first), first
    assert again == first[0], (again, first[0])
