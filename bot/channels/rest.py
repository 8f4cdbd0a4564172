"""Rasa's REST channel for this deployment's own callers: the web chat, `make chat`, the
tests and benchmarks.

It answers only a request that carries the shared secret ``COLBOT_REST_SECRET`` in a header
(``X-Colbot-Rest-Secret``), wherever it comes from: whether a request is "local" cannot be
told from its socket address behind a proxy or a tunnel. And it never takes a channel name or
metadata from the body: a message here is a REST message, so nobody can pass one off as a
Telegram or SMS message, or plant a sealed address.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import SORRY, OnNewMessage, limit_request_size
from bot.settings import bot_settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Colbot-Rest-Secret"
SECRET_MIN_LENGTH = 32


class SecretRestInput(RestInput):
    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SecretRestInput:
        return cls(bot_settings().rest_secret)

    def __init__(self, secret: str = "") -> None:
        secret = secret.strip()
        self.secret = secret.encode() if len(secret) >= SECRET_MIN_LENGTH else None
        if self.secret is None:
            logger.warning(
                "The REST channel (web chat, make chat) is off: set COLBOT_REST_SECRET to at "
                "least %d random characters",
                SECRET_MIN_LENGTH,
            )

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        return None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = super().blueprint(_logged_without_words(on_new_message))
        limit_request_size(webhook)

        @webhook.middleware("request")
        async def only_with_the_secret(request: Request) -> HTTPResponse | None:
            given = request.headers.get(SECRET_HEADER, "").encode()
            if self.secret is None or not hmac.compare_digest(given, self.secret):
                return response.text("forbidden", status=403)
            return None

        return webhook


def _logged_without_words(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message``, with a turn that fails or is cancelled logged here by what happened
    only. Rasa's REST channel logs the learner's message with either (a cancelled turn: the
    caller went away, or a balancer gave up waiting and sent the message on again); the words
    may be a disclosure, and no log keeps them. A failed turn gets the apology every channel
    gives, where Rasa's would answer with nothing."""

    async def handle(message: UserMessage) -> None:
        try:
            await on_new_message(message)
        except asyncio.CancelledError:  # Rasa's channel goes on past it too
            logger.warning("a REST turn was cancelled: its caller went away")
        except Exception:  # noqa: BLE001 - the learner gets an apology, never a trace
            logger.exception("a REST turn failed")
            await message.output_channel.send_text_message(message.sender_id, SORRY)

    return handle
