"""Rasa's REST channel, answering only on loopback (the web chat and `make chat` use it).

The Rasa server may listen on a public interface for the Telegram and Twilio webhooks; this
channel still refuses anything that is not from this machine or that came through a proxy.
"""

from __future__ import annotations

from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import OnNewMessage

LOOPBACK = {"127.0.0.1", "::1"}


class LoopbackRestInput(RestInput):
    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def loopback_only(request: Request) -> HTTPResponse | None:
            if request.ip not in LOOPBACK or "x-forwarded-for" in request.headers:
                return response.text("forbidden", status=403)
            return None

        return webhook
