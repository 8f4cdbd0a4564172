"""Email out (badge_core/mail.py) against a real SMTP server: the message arrives as sent,
a server that wants a login gets the one in COLBOT_SMTP_URL, and a failure says why without
naming the address."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from badge_core.config import Settings
from badge_core.mail import MailFailed, MailNotSetUp, send_mail
from tests.mail import MAIL_FROM, Inbox

TO = "learner@example.com"


def test_a_message_arrives_from_the_configured_sender(inbox: Inbox) -> None:
    settings = Settings(smtp_url=inbox.url, mail_from=MAIL_FROM)
    send_mail(settings, TO, "Your code", "Your code is 123 456\n")
    [message] = inbox.to(TO)
    assert (message["From"], message["To"], message["Subject"]) == (MAIL_FROM, TO, "Your code")
    assert message["Message-ID"].endswith("@plymouth.example.org>")
    assert message.get_content().strip() == "Your code is 123 456"


def test_a_server_that_wants_a_login_gets_the_one_in_the_url() -> None:
    logins: list[tuple[bytes, bytes]] = []

    def authenticate(server, session, envelope, mechanism, data) -> AuthResult:  # noqa: ANN001
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"p@ss word")

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox(f"smtp://127.0.0.1:{port}")
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        settings = Settings(
            smtp_url=f"smtp://bot:p%40ss%20word@127.0.0.1:{port}", mail_from=MAIL_FROM
        )
        send_mail(settings, TO, "Your code", "hello")
        assert logins == [(b"bot", b"p@ss word")] and len(inbox.to(TO)) == 1
        wrong = replace(settings, smtp_url=f"smtp://bot:nope@127.0.0.1:{port}")
        with pytest.raises(MailFailed) as failed:
            send_mail(wrong, TO, "Your code", "hello")
        assert TO not in str(failed.value) and len(inbox.to(TO)) == 1
    finally:
        controller.stop()


def test_no_server_or_an_unknown_scheme_is_not_set_up_and_a_dead_one_fails() -> None:
    with pytest.raises(MailNotSetUp):
        send_mail(Settings(), TO, "s", "b")
    with pytest.raises(MailNotSetUp):
        send_mail(Settings(smtp_url="http://mail.example.org", mail_from=MAIL_FROM), TO, "s", "b")
    with pytest.raises(MailFailed) as failed:  # nothing listens on port 9
        send_mail(Settings(smtp_url="smtp://127.0.0.1:9", mail_from=MAIL_FROM), TO, "s", "b")
    assert TO not in str(failed.value)
