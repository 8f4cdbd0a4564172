"""A real SMTP server for the tests (aiosmtpd, on a free local port): the bot hands its email
to it over SMTP as it would to a city's mail server, and the tests read what arrived."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

MAIL_FROM = "badges@plymouth.example.org"
_CODE = re.compile(r"Your code is (\d{3}) (\d{3})")


@dataclass
class Inbox:
    """Every message the server took, in order."""

    url: str
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for rcpt, m in self.messages if address in rcpt]

    def code_sent_to(self, address: str) -> str:
        """The six digits in the latest message to ``address``."""
        [*_, latest] = self.to(address)
        found = _CODE.search(latest.get_content())
        assert found, latest.get_content()
        return found.group(1) + found.group(2)


def holds_code(text: str, code: str) -> bool:
    """Whether ``text`` holds the six-digit ``code`` as a code ("482913", "482 913"), not as
    six digits inside a longer run (a float's, a hex blob's), where any six digits turn up
    by chance."""
    pattern = rf"(?<![0-9A-Za-z.]){code[:3]}[\s-]?{code[3:]}(?![0-9A-Za-z])"
    return re.search(pattern, text) is not None


def start_smtp() -> tuple[Inbox, Controller]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox(f"smtp://127.0.0.1:{port}")
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return inbox, controller


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Inbox]:
    inbox, controller = start_smtp()
    yield inbox
    controller.stop()


@pytest.fixture
def inbox(smtp_server: Inbox) -> Inbox:
    """The session's SMTP server, its messages cleared for this test."""
    with smtp_server._lock:
        smtp_server.messages.clear()
    return smtp_server
