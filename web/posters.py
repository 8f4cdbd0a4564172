"""Printable posters for claim codes: ``/posters/<sealed link>.pdf``, the address the bot and
``colbot codes new`` give a youth worker (badge_core.services.code_links). A code typed into
the address, or a link that ran out, opens nothing."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from badge_core.posters import render_poster
from badge_core.services.code_links import poster_code, poster_content
from web.pages import message_page


async def poster(request: Request) -> Response:
    state = request.app.state
    code = poster_code(state.settings, request.path_params["token"][:400])
    content = (
        None
        if code is None
        else await run_in_threadpool(poster_content, state.uow(), state.settings, code)
    )
    if content is None:
        return HTMLResponse(
            message_page(
                "No poster here",
                "This poster link is not valid or has run out. Make a new code in the bot.",
            ),
            404,
        )
    pdf = await run_in_threadpool(render_poster, content)
    headers = {
        "Cache-Control": "no-store",
        "X-Robots-Tag": "noindex",
        "Content-Disposition": f'inline; filename="{content.code}.pdf"',
    }
    return Response(pdf, media_type="application/pdf", headers=headers)


routes = [Route("/posters/{token:str}.pdf", poster, methods=["GET"])]
