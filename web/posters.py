"""Printable posters for claim codes: ``/posters/<CODE>.pdf``. The code in the address is
the secret; whoever was handed it may print its poster. Unknown codes get a plain 404."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from badge_core.posters import render_poster
from badge_core.services.code_links import poster_content
from web.pages import message_page


async def poster(request: Request) -> Response:
    state = request.app.state
    code = request.path_params["code"][:40]
    content = await run_in_threadpool(poster_content, state.uow(), state.settings, code)
    if content is None:
        return HTMLResponse(message_page("No such code", "Check the code and try again."), 404)
    pdf = await run_in_threadpool(render_poster, content)
    headers = {
        "Cache-Control": "no-store",
        "X-Robots-Tag": "noindex",
        "Content-Disposition": f'inline; filename="{content.code}.pdf"',
    }
    return Response(pdf, media_type="application/pdf", headers=headers)


routes = [Route("/posters/{code:str}.pdf", poster, methods=["GET"])]
