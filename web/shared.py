"""A learner's share link: ``/shared/<token>``, their chosen badges as a skills passport page,
and ``/shared/<token>.pdf``, the same on one printable page. The token is the only key, so
these pages are never cached by others, never indexed, and say plainly when the learner has
turned the link off.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from badge_core.errors import ColbotError, NotFound
from badge_core.passport import Passport, long_date, render_pdf, strands
from badge_core.services.sharing import SharedPage, SharingStopped, shared_page
from web.pages import message_page, render

PRIVATE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")


def page_context(passport: Passport, pdf_url: str) -> dict[str, Any]:
    """Everything web/templates/passport.html names."""
    return {
        "passport": passport,
        "strands": strands(passport),
        "pdf_url": pdf_url,
        "long_date": long_date,
    }


async def _page(request: Request) -> SharedPage | Response:
    token = request.path_params["token"]
    state = request.app.state
    try:
        if not _TOKEN.fullmatch(token):  # no link has that shape: nothing to look up
            raise NotFound("share link", "?")
        return await run_in_threadpool(shared_page, state.uow(), state.settings, token)
    except SharingStopped:
        text = "Whoever shared these badges has turned this link off."
        return HTMLResponse(message_page("Link turned off", text), 410, headers=PRIVATE)
    except ColbotError:
        text = "There are no badges here. Check the link."
        return HTMLResponse(message_page("Not found", text), 404, headers=PRIVATE)


async def shared(request: Request) -> Response:
    page = await _page(request)
    if isinstance(page, Response):
        return page
    html = render("passport.html", **page_context(page.passport, page.pdf_url))
    return HTMLResponse(html, headers=PRIVATE)


async def shared_pdf(request: Request) -> Response:
    page = await _page(request)
    if isinstance(page, Response):
        return page
    pdf = await run_in_threadpool(render_pdf, page.passport)
    headers = {**PRIVATE, "Content-Disposition": 'inline; filename="skills-passport.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


routes = [
    Route("/shared/{token:str}.pdf", shared_pdf, methods=["GET"]),
    Route("/shared/{token:str}", shared, methods=["GET"]),
]
