"""Open Badges on the web: a page per credential (for people, with its signed JSON), the
issuer's profile, DID document and revocation list (for verifiers), Open Badges 2.0 hosted
assertions (for older backpacks), and a "check a credential" page.

A credential's address holds the award's random public id: the learner shares it when they
choose to. Nothing here lists awards or learners.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from badge_core.errors import ColbotError
from badge_core.services import credentials as service
from badge_core.services.cities import city_slugs
from web.pages import message_page, page

LD_JSON = "application/ld+json"
MAX_CHECK_BYTES = 200_000
CARD_STYLE = """
.badge { border: 1px solid #c9d6cf; border-radius: .8rem; padding: 1rem 1.2rem; }
.ok { color: #1d6b4a; } .bad { color: #a4262c; }
pre { background: #f4f7f5; padding: .8rem; overflow-x: auto; font-size: .8rem; white-space: pre-wrap; }
textarea { width: 100%; height: 14rem; font-family: monospace; }
"""


def _json(document: dict[str, Any], filename: str | None = None) -> Response:
    headers = {"Access-Control-Allow-Origin": "*"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return JSONResponse(document, media_type=LD_JSON, headers=headers)


async def _call(request: Request, function: Any, *args: Any, **kwargs: Any) -> Any:
    state = request.app.state
    return await run_in_threadpool(function, state.uow(), state.settings, *args, **kwargs)


def _not_found() -> Response:
    return HTMLResponse(message_page("Not found", "There is no badge here. Check the link."), 404)


def _verdict(check: service.Verification) -> str:
    if check.valid:
        return '<p class="ok">✔ Genuine: signed by the issuer, not changed, not revoked.</p>'
    reasons = "".join(f"<li>{html.escape(r)}</li>" for r in check.reasons)
    head = "Revoked by the issuer." if check.revoked else "Not valid."
    return f'<p class="bad">✘ {head}</p><ul>{reasons}</ul>'


_PUBLIC_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _award_ref(request: Request) -> str | None:
    """Only an award's random public id opens its page (never the database's counting id)."""
    award = request.path_params["award"]
    return award if _PUBLIC_ID.fullmatch(award) else None


# A learner's badge page is theirs to share, not for search engines to list.
NOINDEX = {"X-Robots-Tag": "noindex, nofollow"}


def _unlisted(view: Any) -> Any:
    async def unlisted(request: Request) -> Response:
        response = await view(request)
        response.headers.update(NOINDEX)
        return response

    return unlisted


async def credential_page(request: Request) -> Response:
    award = _award_ref(request)
    if award is None:
        return _not_found()
    try:
        document = await _call(request, service.credential_for_award, award)
    except ColbotError:
        state = request.app.state
        standing = await run_in_threadpool(service.award_standing, state.uow(), award)
        if standing is not None and standing.revoked_at is not None:
            text = f"This {standing.badge_name} badge was revoked by its issuer on {standing.revoked_at:%d %B %Y}."
            return HTMLResponse(message_page("Badge revoked", text), 410)
        return _not_found()
    accept = request.headers.get("accept", "")
    if (
        request.url.path.endswith(".json")
        or LD_JSON in accept
        or accept.startswith("application/json")
    ):
        return _json(document, f"badge-{award}.json")
    state = request.app.state
    check = await run_in_threadpool(
        service.verify_credential, state.uow(), document, settings=state.settings
    )
    subject = document["credentialSubject"]
    achievement = subject["achievement"]
    skills = ", ".join(
        a.get("targetName", "") for a in achievement.get("alignment", []) if a.get("targetName")
    )
    said = next(
        (e.get("narrative") for e in document.get("evidence", []) if e.get("narrative")), None
    )
    body = (
        f'<div class="badge"><h1>{html.escape(achievement["name"])}</h1>'
        f"<p>{html.escape(achievement.get('description', ''))}</p>"
        f"<p><strong>Issued by</strong> {html.escape(document['issuer'].get('name', ''))} on "
        f"{html.escape(str(subject.get('awardedDate', document.get('validFrom', '')))[:10])}</p>"
        + (f"<p><strong>Skills</strong>: {html.escape(skills)}</p>" if skills else "")
        + (f"<p><strong>What they did</strong>: {html.escape(said)}</p>" if said else "")
        + f"{_verdict(check)}</div>"
        f'<p><a href="/credentials/{html.escape(award)}.json" download>Download the signed badge (Open Badges 3.0)</a>'
        f' · <a href="/check">Check a badge</a></p>'
        f"<h2>The signed credential</h2><pre>{html.escape(json.dumps(document, indent=2, ensure_ascii=False))}</pre>"
    )
    return HTMLResponse(page(achievement["name"], body, CARD_STYLE))


async def issuer(request: Request) -> Response:
    try:
        return _json(await _call(request, service.issuer_profile, request.path_params["city"]))
    except ColbotError:
        return _not_found()


async def did_json(request: Request) -> Response:
    state, city = request.app.state, request.path_params["city"]
    # only a city this deployment serves has a DID (and only then is a key made for it)
    if city not in await run_in_threadpool(city_slugs, state.uow()):
        return _not_found()
    document = await run_in_threadpool(service.did_document, state.settings, city)
    return JSONResponse(
        document, media_type="application/did+ld+json", headers={"Access-Control-Allow-Origin": "*"}
    )


async def status_list(request: Request) -> Response:
    try:
        document = await _call(
            request,
            service.status_list_credential,
            request.path_params["city"],
            key=request.query_params.get("key") or None,
        )
    except ColbotError:
        return _not_found()
    return _json(document)


async def ob2(request: Request) -> Response:
    award = _award_ref(request)
    if award is None:
        return _not_found()
    try:
        return _json(await _call(request, service.ob2_assertion, award))
    except ColbotError:
        return _not_found()


CHECK_FORM = (
    '<form method="post" action="/check"><p>Paste a badge (its JSON) to check it was really '
    "issued here, has not been changed and has not been revoked.</p>"
    '<textarea name="credential" required></textarea><p><button>Check</button></p></form>'
)


async def check(request: Request) -> Response:
    if request.method == "GET":
        return HTMLResponse(
            page("Check a badge", "<h1>Check a badge</h1>" + CHECK_FORM, CARD_STYLE)
        )
    body = await request.body()
    if len(body) > MAX_CHECK_BYTES:
        return HTMLResponse(
            page(
                "Check a badge",
                '<p class="bad">That is too big to be a badge.</p>' + CHECK_FORM,
                CARD_STYLE,
            ),
            400,
        )
    from urllib.parse import parse_qs

    text = (parse_qs(body.decode("utf-8", "replace")).get("credential") or [""])[0]
    try:
        document = json.loads(text)
    except ValueError:
        result = '<p class="bad">✘ That is not a badge file (it is not JSON).</p>'
    else:
        state = request.app.state
        verdict = await run_in_threadpool(
            service.verify_credential, state.uow(), document, settings=state.settings
        )
        result = _verdict(verdict)
    return HTMLResponse(
        page("Check a badge", "<h1>Check a badge</h1>" + result + CHECK_FORM, CARD_STYLE)
    )


routes = [
    Route("/credentials/{award:str}.json", _unlisted(credential_page), methods=["GET"]),
    Route("/credentials/{award:str}", _unlisted(credential_page), methods=["GET"]),
    Route("/cities/{city:str}/issuer", issuer, methods=["GET"]),
    Route("/cities/{city:str}/did.json", did_json, methods=["GET"]),
    Route("/cities/{city:str}/status/revocation", status_list, methods=["GET"]),
    Route("/ob2/assertions/{award:str}", _unlisted(ob2), methods=["GET"]),
    Route("/check", check, methods=["GET", "POST"]),
]
