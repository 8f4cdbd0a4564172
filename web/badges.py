"""The pages behind the URLs a credential carries under did:web: a badge (its Achievement), a
spine skill, a provider (the badge's creator), and the Open Badges 2.0 BadgeClass and Issuer
a hosted assertion names. badge_core.credentials.identifiers lists the paths.

A badge, skill or provider URL is a page for people and, to a request whose Accept prefers
JSON (``application/ld+json`` or ``application/json``), the JSON-LD document a credential
embeds there. Only the city pack's catalogue is shown: nothing of any award or learner.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from badge_core.errors import ColbotError
from badge_core.services import credentials as service
from web.credentials import call_service, json_document, not_found
from web.pages import render

JSON_TYPES = frozenset({"application/ld+json", "application/json"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/*", "*/*"})
NEGOTIATED = {"Vary": "Accept"}


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def wants_json(accept: str) -> bool:
    """Whether an Accept header prefers JSON: a JSON type's quality is above HTML's (a
    wildcard counts as HTML, so browsers, ``*/*`` and no Accept at all get the page)."""
    best = {"json": 0.0, "html": 0.0}
    for part in accept.split(","):
        media, *params = part.split(";")
        media = media.strip().lower()
        kind = "json" if media in JSON_TYPES else "html" if media in HTML_TYPES else None
        if kind is not None:
            best[kind] = max(best[kind], _quality(params))
    return best["json"] > best["html"]


def web_link(url: str | None) -> str | None:
    """A city pack's URL as a link only when it is a web address (never ``javascript:``)."""
    return url if url and url.split(":", 1)[0].lower() in ("https", "http") else None


async def _negotiated(request: Request, function: Any, template: str, *params: str) -> Response:
    """The JSON-LD document for a request that prefers JSON, else the page for people."""
    try:
        page = await call_service(request, function, *(request.path_params[p] for p in params))
    except ColbotError:
        return not_found()
    if wants_json(request.headers.get("accept", "")):
        response = json_document(page.document)
        response.headers.update(NEGOTIATED)
        return response
    return HTMLResponse(render(template, page=page, link=web_link), headers=NEGOTIATED)


async def badge(request: Request) -> Response:
    return await _negotiated(request, service.badge_page, "badge.html", "city", "badge")


async def skill(request: Request) -> Response:
    return await _negotiated(request, service.skill_page, "skill.html", "city", "skill")


async def provider(request: Request) -> Response:
    return await _negotiated(request, service.provider_page, "provider.html", "city", "provider")


async def ob2_badge_class(request: Request) -> Response:
    params = request.path_params
    try:
        return json_document(
            await call_service(request, service.ob2_badge_class, params["city"], params["badge"])
        )
    except ColbotError:
        return not_found()


async def ob2_issuer(request: Request) -> Response:
    try:
        return json_document(
            await call_service(request, service.ob2_issuer, request.path_params["city"])
        )
    except ColbotError:
        return not_found()


routes = [
    Route("/cities/{city:str}/badges/{badge:str}", badge, methods=["GET"]),
    Route("/cities/{city:str}/skills/{skill:str}", skill, methods=["GET"]),
    Route("/cities/{city:str}/providers/{provider:str}", provider, methods=["GET"]),
    Route("/ob2/cities/{city:str}/badges/{badge:str}", ob2_badge_class, methods=["GET"]),
    Route("/ob2/cities/{city:str}/issuer", ob2_issuer, methods=["GET"]),
]
