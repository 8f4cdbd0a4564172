"""Telegram, through python-telegram-bot: updates in at ``/webhooks/telegram/webhook``,
replies out through the Bot API (``TELEGRAM_API_URL`` lets tests use a local fake).

Every request must carry Telegram's secret-token header; anything else gets 403 and is not
read. Only private chats reach the bot; group chats get one polite line and nothing is
stored. The chat id never leaves this module except sealed for the badge core.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot.channels.common import (
    OnNewMessage,
    Options,
    limit_request_size,
    run_turn,
    seen_ids,
)
from bot.channels.rendering import notice_answer, poll_answer, render_telegram
from bot.settings import BotSettings, connector_settings
from colbot_shared.crypto import sealer
from colbot_shared.identity import sender_pseudonym as pseudonym

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
GROUP_REPLY = "Hi! I only chat one to one, so nothing here is saved. Message me directly to find things to do and claim badges."
NOT_TEXT = 'I can only read text messages for now. Try typing what you\'re into, like "football" or "music".'
LOCATION = "Thanks, but I don't use locations (and I haven't kept it). Tell me your area instead, like PL4."


class TelegramInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(connector_settings())

    def __init__(self, settings: BotSettings) -> None:
        self.settings = settings
        self.seen = seen_ids("telegram", settings)
        self.options = Options()
        self._bot: Bot | None = None
        if not settings.telegram_on:
            logger.info("Telegram is off: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET")

    @property
    def bot(self) -> Bot:
        if self._bot is None:
            s = self.settings
            self._bot = Bot(
                s.telegram_token,
                base_url=f"{s.telegram_api_url}/bot",
                base_file_url=f"{s.telegram_api_url}/file/bot",
            )
        return self._bot

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("colbot_telegram_webhook", __name__)
        limit_request_size(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings.telegram_on else "off"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.settings.telegram_on:
                return response.text("Telegram is not set up here", status=404)
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), self.settings.telegram_secret.encode()):
                return response.text("forbidden", status=403)
            try:
                data = json.loads(request.body or b"")
                update = Update.de_json(data, self.bot)
            except Exception:  # noqa: BLE001 - any malformed body is the sender's problem
                return response.text("not an update", status=400)
            if not self.seen.first_time(str(update.update_id)):
                return response.text("")
            try:
                await self.handle(update, on_new_message)
            except TelegramError:
                logger.warning("Telegram refused a reply")
            except Exception:  # noqa: BLE001 - an update of a shape we did not expect
                logger.exception("could not handle a Telegram update")
            return response.text("")

        return webhook

    async def handle(self, update: Update, on_new_message: OnNewMessage) -> None:
        if update.callback_query is not None:
            query = update.callback_query
            await self.bot.answer_callback_query(query.id)
            if query.message is None or query.message.chat.type != ChatType.PRIVATE:
                return
            chat_id = query.message.chat.id
            sender = pseudonym(self.settings.secret_key, CHANNEL, str(chat_id))
            payload = self.options.shown(sender).get(query.data or "", query.data or "")
            await self.turn(chat_id, sender, payload, on_new_message)
            return

        message = update.message  # edited messages, channel posts and the rest are not replayed
        if message is None:
            return
        chat_id = message.chat.id
        if message.chat.type != ChatType.PRIVATE:
            await self.bot.send_message(chat_id, GROUP_REPLY)
            return
        if message.location is not None or message.venue is not None:
            await self.bot.send_message(chat_id, LOCATION)
            return
        if not message.text:
            await self.bot.send_message(chat_id, NOT_TEXT)
            return
        sender = pseudonym(self.settings.secret_key, CHANNEL, str(chat_id))
        text = notice_answer(message.text) or poll_answer(message.text)
        text = text or _start_command(message.text)
        await self.turn(chat_id, sender, text, on_new_message)

    async def turn(
        self, chat_id: int, sender: str, text: str, on_new_message: OnNewMessage
    ) -> None:
        metadata = {
            "address": sealer(self.settings.secret_key).seal(str(chat_id)).decode(),
            "via": CHANNEL,  # the app, for the session's start (no user event names it yet)
        }
        if self.settings.telegram_bot_name:  # which city's bot this is
            metadata["to"] = self.settings.telegram_bot_name
        messages = await run_turn(on_new_message, text[:2000], sender, CHANNEL, metadata)
        rendered = render_telegram(messages)
        self.options.remember(sender, rendered.options)
        for number, body in enumerate(rendered.bodies, start=1):
            last = number == len(rendered.bodies)
            keyboard = None
            if last and rendered.keyboard:
                keyboard = InlineKeyboardMarkup(
                    [
                        [InlineKeyboardButton(title, callback_data=data) for title, data in row]
                        for row in rendered.keyboard
                    ]
                )
            await self.bot.send_message(
                chat_id,
                body,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )


def _start_command(text: str) -> str:
    """``/start`` opens the chat (a greeting); ``/start CODE`` from a deep link claims CODE."""
    words = text.strip().split(maxsplit=1)
    if words and words[0].split("@")[0] == "/start":
        return words[1] if len(words) > 1 else "hi"
    return text
