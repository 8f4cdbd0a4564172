"""The try-it web chat: a page and one JSON endpoint that passes messages to the Rasa
server's REST channel on loopback, so a city team can try the bot with no Telegram or
Twilio account. Each browser is one conversation, named by a random cookie."""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from web.pages import chat_page
from web.throttle import Throttle

COOKIE = "colbot_chat"
_CONVERSATION = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_MESSAGE = 1000
# Per address: 20 messages a minute (a person types fewer), 10 new conversations an hour.
MESSAGES_PER_MINUTE = 20
CONVERSATIONS_PER_HOUR = 10
SLOW_DOWN = "Slow down a little 🙂 Try again in a minute."
UNREACHABLE = "The bot isn't answering right now. Try again in a minute."


async def page(request: Request) -> Response:
    return HTMLResponse(chat_page())


def _reply_parts(message: dict[str, Any]) -> dict[str, Any]:
    """Only what the page shows: text, buttons (title and payload) and an image link."""
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
        if isinstance(b, dict)
    ]
    part: dict[str, Any] = {"text": str(message.get("text") or ""), "buttons": buttons}
    if isinstance(message.get("image"), str):
        part["image"] = message["image"]
    return part


async def send(request: Request) -> Response:
    try:
        body = json.loads(await request.body())
        text = body["message"]
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": 'Send JSON like {"message": "hi"}.'}, 400)
    if not isinstance(text, str) or not text.strip():
        return JSONResponse({"error": "Type a message first."}, 400)
    text = text.strip()[:MAX_MESSAGE]

    throttles = request.app.state.chat_throttles
    if not throttles["messages"].allow(request):
        return JSONResponse({"error": SLOW_DOWN}, 429)
    conversation = request.cookies.get(COOKIE, "")
    if not _CONVERSATION.fullmatch(conversation):
        if not throttles["conversations"].allow(request):
            return JSONResponse({"error": SLOW_DOWN}, 429)
        conversation = secrets.token_urlsafe(18)
    web = request.app.state.settings
    url = web.rasa_url + "/webhooks/rest/webhook"
    try:
        async with httpx.AsyncClient(timeout=20) as client:
            answer = await client.post(
                url,
                json={"sender": "web-" + conversation, "message": text},
                headers={"X-Colbot-Rest-Secret": web.rest_secret},
            )
        answer.raise_for_status()
        messages = [_reply_parts(m) for m in answer.json() if isinstance(m, dict)]
    except (httpx.HTTPError, ValueError):
        return JSONResponse({"error": UNREACHABLE}, 503)

    response = JSONResponse({"messages": messages})
    response.set_cookie(COOKIE, conversation, max_age=30 * 86400, httponly=True, samesite="strict")
    return response


def set_up(state: Any) -> None:
    state.chat_throttles = {
        "messages": Throttle(MESSAGES_PER_MINUTE, 60),
        "conversations": Throttle(CONVERSATIONS_PER_HOUR, 3600),
    }


routes = [
    Route("/chat", page, methods=["GET"]),
    Route("/chat/send", send, methods=["POST"]),
]
