"""The city team's review of imported activities on the dashboard: the skills the matcher
proposed for each, ticked, to confirm or change (the web side of `colbot review`)."""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from badge_core.errors import ColbotError
from badge_core.services.review import confirm_skills, spine_skills, to_review
from badge_core.services.skill_proposals import propose_waiting
from web.auth import admin_for
from web.dashboard import MAX_FORM_BYTES, PRIVATE, posted_from_elsewhere, shared_matcher
from web.pages import message_page, render


async def review(request: Request) -> Response:
    city = await admin_for(request)
    if city is None:
        return RedirectResponse("/admin", status_code=303, headers=PRIVATE)
    state = request.app.state
    rows = await run_in_threadpool(to_review, state.uow(), city)
    skills = await run_in_threadpool(spine_skills, state.uow(), city)
    done = request.query_params.get("confirmed", "")
    page = render("review.html", rows=rows, skills=skills, confirmed=done)
    return HTMLResponse(page, headers=PRIVATE)


async def confirm(request: Request) -> Response:
    city = await admin_for(request)
    if city is None:
        return RedirectResponse("/admin", status_code=303, headers=PRIVATE)
    if posted_from_elsewhere(request):
        return HTMLResponse(
            message_page("Not sent", "Confirm skills from the review page itself."),
            403,
            headers=PRIVATE,
        )
    body = await request.body()
    form = parse_qs(body.decode("utf-8", "replace")) if len(body) <= MAX_FORM_BYTES else {}
    activity = (form.get("activity") or [""])[0]
    chosen = list(dict.fromkeys(form.get("skill", [])))
    if not activity or not chosen:
        text = "Tick at least one skill for the activity, then confirm."
        return HTMLResponse(message_page("Nothing confirmed", text), 400, headers=PRIVATE)
    state = request.app.state
    try:
        await run_in_threadpool(confirm_skills, state.uow(), city, activity, chosen)
    except ColbotError as error:
        return HTMLResponse(message_page("Nothing confirmed", str(error)), 400, headers=PRIVATE)
    # what was just confirmed teaches the proposals of those still waiting
    await run_in_threadpool(propose_waiting, state.uow, shared_matcher(state), city)
    return RedirectResponse(
        f"/admin/review/?confirmed={activity}", status_code=303, headers=PRIVATE
    )


routes = [
    Route("/admin/review/", review, methods=["GET"]),
    Route("/admin/review/confirm", confirm, methods=["POST"]),
]
