"""Twilio SMS and WhatsApp at ``/webhooks/twilio/webhook``.

Every request is checked with twilio's ``RequestValidator`` against ``COLBOT_PUBLIC_URL`` plus
the path, so it works behind a TLS-terminating proxy; a missing, wrong or tampered signature
gets 403 and nothing is read. The reply goes back as TwiML when the turn finishes within
REPLY_WITHIN_S, otherwise through Twilio's REST API once it does (Twilio gives up on a
webhook after 15 s). STOP and friends record an opt-out and send nothing.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels.common import (
    OnNewMessage,
    Options,
    limit_request_size,
    run_turn,
    seen_ids,
)
from bot.channels.rendering import (
    Rendered,
    keyword,
    notice_answer,
    option_payload,
    poll_answer,
    render_sms,
    render_whatsapp,
)
from bot.settings import BotSettings, connector_settings
from colbot_shared.crypto import sealer
from colbot_shared.identity import sender_pseudonym as pseudonym

logger = logging.getLogger(__name__)

PATH = "/webhooks/twilio/webhook"
REPLY_WITHIN_S = 10.0  # the default of COLBOT_TWILIO_REPLY_WITHIN_S (bot/settings.py)
KEYWORD_INTENTS = {"stop": "/stop", "start": "/start", "help": "/help"}


def _twiml(bodies: list[str]) -> HTTPResponse:
    reply = MessagingResponse()
    for body in bodies:
        reply.message(body)
    return response.text(str(reply), content_type="application/xml")


class TwilioInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(connector_settings())

    def __init__(self, settings: BotSettings) -> None:
        self.settings = settings
        self.seen = seen_ids("twilio", settings)
        self.options = Options()
        self.validator = RequestValidator(settings.twilio_token)
        self._client: Client | None = None
        self._background: set[asyncio.Task[Any]] = set()
        self.reply_within_s = settings.twilio_reply_within_s
        if not settings.twilio_on:
            logger.info("Twilio SMS and WhatsApp are off: see the README to switch them on")

    @property
    def client(self) -> Client:
        if self._client is None:
            s = self.settings
            self._client = Client(s.twilio_sid, s.twilio_token, http_client=AsyncTwilioHttpClient())
            if s.twilio_api_url:
                self._client.api.base_url = s.twilio_api_url
        return self._client

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("colbot_twilio_webhook", __name__)
        limit_request_size(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings.twilio_on else "off"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.settings.twilio_on:
                return response.text("Twilio is not set up here", status=404)
            url = self.settings.public_url + PATH
            if request.query_string:
                url += "?" + request.query_string
            signature = request.headers.get("X-Twilio-Signature", "")
            form = request.form
            if not signature or not self.validator.validate(url, form, signature):
                return response.text("forbidden", status=403)
            sender_address, our_number = form.get("From") or "", form.get("To") or ""
            if not sender_address or not form.get("MessageSid"):
                return response.text("not a message", status=400)
            if not self.seen.first_time(form.get("MessageSid")):
                return _twiml([])
            return await self.handle(form, sender_address, our_number, on_new_message)

        return webhook

    async def handle(
        self, form: Any, sender_address: str, our_number: str, on_new_message: OnNewMessage
    ) -> HTTPResponse:
        channel = "whatsapp" if sender_address.startswith("whatsapp:") else "sms"
        sender = pseudonym(self.settings.secret_key, channel, sender_address)
        body = (form.get("Body") or "")[:2000]
        word = (form.get("OptOutType") or "").lower() or keyword(body)
        metadata = {
            "address": sealer(self.settings.secret_key).seal(sender_address).decode(),
            "to": our_number,  # the city's own number: which city this conversation is
            "via": channel,  # the app, for the session's start (no user event names it yet)
        }

        if word == "stop":
            # Twilio (or the learner's carrier) confirms the opt-out; we send nothing.
            await run_turn(on_new_message, KEYWORD_INTENTS["stop"], sender, channel, metadata)
            self.options.remember(sender, {})
            return _twiml([])
        if word in KEYWORD_INTENTS:
            text = KEYWORD_INTENTS[word]
        elif not body.strip():
            return _twiml(
                ["I can only read text messages. Try typing what you're into, like football."]
            )
        else:
            text = option_payload(body, self.options.shown(sender)) or notice_answer(body)
            text = text or poll_answer(body) or body

        turn = asyncio.ensure_future(run_turn(on_new_message, text, sender, channel, metadata))
        done, _ = await asyncio.wait({turn}, timeout=self.reply_within_s)
        if done:
            return _twiml(self._render(channel, sender, turn.result()).bodies)
        # Too slow for the webhook: answer Twilio now, send the reply when the turn completes.
        self._background.add(turn)
        turn.add_done_callback(
            lambda t: self._spawn(self._send_later(t, channel, sender, sender_address, our_number))
        )
        return _twiml([])

    def _render(self, channel: str, sender: str, messages: list[dict[str, Any]]) -> Rendered:
        rendered = render_whatsapp(messages) if channel == "whatsapp" else render_sms(messages)
        self.options.remember(sender, rendered.options)
        return rendered

    def _spawn(self, job: Any) -> None:
        task = asyncio.ensure_future(job)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _send_later(
        self, turn: asyncio.Task[Any], channel: str, sender: str, to: str, from_: str
    ) -> None:
        self._background.discard(turn)
        rendered = self._render(channel, sender, turn.result())
        for body in rendered.bodies:
            try:
                await self.client.messages.create_async(to=to, from_=from_, body=body)
            except TwilioException:
                logger.warning("Twilio refused a late %s reply", channel)
                return
