"""Sending an email by SMTP: today only the one-time code that confirms a learner's address
for their badges (services/email_recipient.py).

``COLBOT_SMTP_URL`` says where: ``smtp://host:25`` (a relay on the same network, no TLS),
``smtp+starttls://user:password@host:587`` (STARTTLS, then log in) or
``smtps://user:password@host:465`` (TLS from the start); ``COLBOT_MAIL_FROM`` is the sender.
Without a URL there is no email, and the bot says so. Nothing here logs an address.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import unquote, urlsplit

from badge_core.config import Settings
from badge_core.errors import ColbotError

TIMEOUT_S = 6  # within the 10 s Rasa gives an action before it apologises
_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class MailNotSetUp(ColbotError):
    """This deployment sends no email (no COLBOT_SMTP_URL)."""


class MailFailed(ColbotError):
    """The mail server did not take the message."""


def mail_configured(settings: Settings) -> bool:
    return bool(settings.smtp_url and settings.mail_from)


def send_mail(settings: Settings, to: str, subject: str, body: str) -> None:
    """Hand a plain-text message to the deployment's mail server, or raise MailFailed."""
    if not mail_configured(settings):
        raise MailNotSetUp("COLBOT_SMTP_URL and COLBOT_MAIL_FROM are not set")
    url = urlsplit(settings.smtp_url)
    if url.scheme not in _PORTS or not url.hostname:
        raise MailNotSetUp("COLBOT_SMTP_URL must be smtp://, smtp+starttls:// or smtps://")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.mail_from, to, subject
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    message.set_content(body)
    port = url.port or _PORTS[url.scheme]
    try:
        if url.scheme == "smtps":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                url.hostname, port, timeout=TIMEOUT_S, context=ssl.create_default_context()
            )
        else:
            server = smtplib.SMTP(url.hostname, port, timeout=TIMEOUT_S)
        with server:
            if url.scheme == "smtp+starttls":
                server.starttls(context=ssl.create_default_context())
            if url.username:
                server.login(unquote(url.username), unquote(url.password or ""))
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        # the reason, never the address (an SMTPRecipientsRefused names it)
        raise MailFailed(
            f"the mail server did not take the message ({type(error).__name__})"
        ) from None
