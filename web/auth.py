"""Who is asking: a city admin's token from a cookie (the login form sets it) or a bearer
header (for scripts). Only the token's keyed hash is ever looked up."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from badge_core.services.admin import admin_city

COOKIE = "colbot_admin"


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(COOKIE)


async def admin_for(request: Request) -> str | None:
    """The city slug the request's token opens, or None."""
    token = presented_token(request)
    if not token:
        return None
    state = request.app.state
    return await run_in_threadpool(admin_city, state.uow(), state.settings.secret_key, token)
