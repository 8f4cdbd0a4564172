"""The city team's dashboard: the commissioning report as a page, for city admins only.

Everything shown is the aggregate, suppressed report of services.insights; no learner-level
data is reachable from here.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from badge_core.matching.embedder import default_embedder
from badge_core.matching.matcher import Matcher
from badge_core.reporting import report_context
from badge_core.services.admin import admin_city
from badge_core.services.insights import Insights, build_insights
from web.auth import COOKIE, SESSION_S, admin_for, session_cookie
from web.pages import login_page, message_page, render

# same-origin, not no-referrer: with no referrer at all a browser posts the sign-in form with
# "Origin: null", which the check below must refuse (found by tests/browser)
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "same-origin"}
MAX_FORM_BYTES = 4096


async def home(request: Request) -> Response:
    if await admin_for(request):
        return RedirectResponse("/admin/report/", status_code=303)
    return HTMLResponse(login_page(), headers=PRIVATE)


def posted_from_elsewhere(request: Request) -> bool:
    """Whether another site sent this form: by the browser's Sec-Fetch-Site where it says,
    else by the Origin header (a page of ours sends its own origin, or none)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    return bool(origin) and origin.split("://", 1)[-1] != request.headers.get("host", "")


async def login(request: Request) -> Response:
    if posted_from_elsewhere(request):
        # another site posting this form would log the city's browser into its own token
        return HTMLResponse(
            login_page("Open the dashboard from its own address."), 403, headers=PRIVATE
        )
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return HTMLResponse(login_page("That is not a dashboard token."), 400, headers=PRIVATE)
    token = (parse_qs(body.decode("utf-8", "replace")).get("token") or [""])[0].strip()
    state = request.app.state
    city = await run_in_threadpool(admin_city, state.uow(), state.settings.secret_key, token)
    if city is None:
        message = "That token is not valid (or has been revoked). Ask for a new one."
        return HTMLResponse(login_page(message), 403, headers=PRIVATE)
    response = RedirectResponse("/admin/report/", status_code=303, headers=PRIVATE)
    response.set_cookie(
        COOKIE,
        session_cookie(state.settings, token),
        max_age=SESSION_S,
        httponly=True,
        samesite="strict",
        secure=state.settings.public_url.startswith("https://"),
        path="/admin",
    )
    return response


async def logout(request: Request) -> Response:
    response = RedirectResponse("/admin", status_code=303, headers=PRIVATE)
    response.delete_cookie(COOKIE, path="/admin")
    return response


def _period(request: Request) -> tuple[datetime | None, datetime | None]:
    """The ?from=YYYY-MM-DD&to=YYYY-MM-DD period (both inclusive); ValueError when malformed."""

    def day(name: str) -> date | None:
        text = request.query_params.get(name, "").strip()
        return date.fromisoformat(text) if text else None

    start, end = day("from"), day("to")
    if start and end and end < start:
        raise ValueError("the end is before the start")
    return (
        datetime.combine(start, time(), UTC) if start else None,
        datetime.combine(end + timedelta(days=1), time(), UTC) if end else None,
    )


async def _insights(request: Request) -> Insights | Response:
    city = await admin_for(request)
    if city is None:
        return RedirectResponse("/admin", status_code=303, headers=PRIVATE)
    try:
        start, end = _period(request)
    except ValueError:
        text = "Dates look like 2026-11-30, and the end comes after the start."
        return HTMLResponse(message_page("Check the dates", text), 400, headers=PRIVATE)
    state = request.app.state
    return await run_in_threadpool(
        build_insights,
        state.uow(),
        city,
        start=start,
        end=end,
        secret_key=state.settings.secret_key,
        matcher=shared_matcher(state),
    )


def shared_matcher(state: Any) -> Matcher:
    """The matcher unmet demand is grouped by meaning with, and the review's proposals made
    with: made on the first use, and its model loaded then (the public pages never need it)."""
    if getattr(state, "matcher", None) is None:
        state.matcher = Matcher(default_embedder())
    return state.matcher


async def report(request: Request) -> Response:
    insights = await _insights(request)
    if isinstance(insights, Response):
        return insights
    page = await run_in_threadpool(_report_page, insights)
    return HTMLResponse(page, headers=PRIVATE)


async def report_csv(request: Request) -> Response:
    insights = await _insights(request)
    if isinstance(insights, Response):
        return insights
    name = request.path_params["name"]
    table = next((t for t in insights.tables if t.name == name), None)
    if table is None:
        return HTMLResponse(
            message_page("Not found", "There is no such table."), 404, headers=PRIVATE
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows(table.shown())
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def _report_page(insights: Insights) -> str:
    """The commissioning report `colbot report` writes, with the period (whole days, both
    inclusive) and log-out controls under its title."""
    return render(
        "dashboard.html",
        **report_context(insights),
        start=f"{insights.start:%Y-%m-%d}",
        end=f"{insights.end - timedelta(days=1):%Y-%m-%d}",
    )


routes = [
    Route("/admin", home, methods=["GET"]),
    Route("/admin/login", login, methods=["POST"]),
    Route("/admin/logout", logout, methods=["POST"]),
    Route("/admin/report/", report, methods=["GET"]),
    Route("/admin/report/{name:str}.csv", report_csv, methods=["GET"]),
]
