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

COOKIE = "colbot_chat"
_CONVERSATION = re.compile(r"[A-Za-z0-9_-]{16,64}")
MAX_MESSAGE = 1000
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

    conversation = request.cookies.get(COOKIE, "")
    if not _CONVERSATION.fullmatch(conversation):
        conversation = secrets.token_urlsafe(18)
    url = request.app.state.web.rasa_url + "/webhooks/rest/webhook"
    try:
        async with httpx.AsyncClient(timeout=20) as client:
            answer = await client.post(url, json={"sender": "web-" + conversation, "message": text})
        answer.raise_for_status()
        messages = [_reply_parts(m) for m in answer.json() if isinstance(m, dict)]
    except (httpx.HTTPError, ValueError):
        return JSONResponse({"error": UNREACHABLE}, 503)

    response = JSONResponse({"messages": messages})
    response.set_cookie(COOKIE, conversation, max_age=30 * 86400, httponly=True, samesite="strict")
    return response


routes = [
    Route("/chat", page, methods=["GET"]),
    Route("/chat/send", send, methods=["POST"]),
]
