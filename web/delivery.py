"""Twilio's delivery status callbacks for the messages the bot sent first
(``StatusCallback``, set by the outbox worker when COLBOT_PUBLIC_URL is known): signed like
the inbound webhook; anything unsigned, or signed with another token, is refused unread."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from badge_core.services.outbox import record_delivery

PATH = "/outbound/twilio/status"


def twilio_signature(token: str, url: str, params: dict[str, str]) -> str:
    """Twilio's request signature: HMAC-SHA1 of the URL followed by each POST field's name
    and value in name order, base64."""
    data = url + "".join(f"{name}{params[name]}" for name in sorted(params))
    digest = hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


async def status_callback(request: Request) -> Response:
    settings = request.app.state.settings
    if not settings.twilio_token or not settings.public_url:
        return PlainTextResponse("not set up here", 404)
    body = await request.body()
    if len(body) > 20_000:
        return PlainTextResponse("too large", 413)
    params = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    url = settings.public_url + PATH
    if request.url.query:
        url += "?" + request.url.query
    given = request.headers.get("X-Twilio-Signature", "")
    expected = twilio_signature(settings.twilio_token, url, params)
    if not given or not hmac.compare_digest(given, expected):
        return PlainTextResponse("forbidden", 403)
    sid, status = params.get("MessageSid", ""), params.get("MessageStatus", "")
    if sid and status:
        await run_in_threadpool(
            record_delivery, request.app.state.uow(), sid, status, params.get("ErrorCode")
        )
    return PlainTextResponse("")


routes = [Route(PATH, status_callback, methods=["POST"])]
