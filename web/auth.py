"""Who is asking: a city admin's token from a session cookie (the login form sets it) or a
bearer header (for scripts). Only the token's keyed hash is ever looked up.

The cookie is not the token: it is the token sealed with the time the session ends
(``SESSION``), so a copied cookie stops working then, whatever the browser does, and never
shows the token itself. Revoking the token ends every session made with it.
"""

from __future__ import annotations

import json
import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from badge_core.config import Settings
from badge_core.privacy import open_link, seal_for_link
from badge_core.services.admin import admin_city

COOKIE = "colbot_admin"
SESSION_S = 8 * 3600


def session_cookie(settings: Settings, token: str, now: float | None = None) -> str:
    until = (now or time.time()) + SESSION_S
    return seal_for_link(settings.secret_key, json.dumps({"token": token, "until": until}))


def session_token(settings: Settings, cookie: str, now: float | None = None) -> str | None:
    """The token a session cookie holds, or None when it is not ours or has ended."""
    opened = open_link(settings.secret_key, cookie)
    if opened is None:
        return None
    session = json.loads(opened)
    return session["token"] if (now or time.time()) < session["until"] else None


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    cookie = request.cookies.get(COOKIE)
    return session_token(request.app.state.settings, cookie) if cookie else None


async def admin_for(request: Request) -> str | None:
    """The city slug the request's token opens, or None."""
    token = presented_token(request)
    if not token:
        return None
    state = request.app.state
    return await run_in_threadpool(admin_city, state.uow(), state.settings.secret_key, token)
