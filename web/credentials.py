"""Open Badges on the web: a page per credential (for people, with its signed JSON), the
issuer's profile, DID document and revocation list (for verifiers; an issuing provider's
DID document and list too, its Profile being its provider page in web/badges.py), Open Badges 2.0 hosted
assertions (for older backpacks), and a "check a credential" page.

A credential's address holds the award's random public id: the learner shares it when they
choose to. Nothing here lists awards or learners.
"""

from __future__ import annotations

import json
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from badge_core.credentials.limits import Canonicaliser
from badge_core.errors import ColbotError
from badge_core.models import AwardStatus
from badge_core.services import credentials as service
from badge_core.services.cities import city_slugs
from web.pages import message_page, render
from web.throttle import Throttle

LD_JSON = "application/ld+json"
MAX_CHECK_BYTES = 100_000  # the form's encoding of a badge: badges themselves are under 32 KB
CHECKS_PER_CLIENT = 20  # in CHECK_WINDOW_S, per address
CHECK_WINDOW_S = 600
SIGNED_FOR_S = 600  # how long a credential page reuses its signed document


def json_document(document: dict[str, Any], filename: str | None = None) -> Response:
    headers = {"Access-Control-Allow-Origin": "*"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return JSONResponse(document, media_type=LD_JSON, headers=headers)


async def call_service(request: Request, function: Any, *args: Any, **kwargs: Any) -> Any:
    state = request.app.state
    return await run_in_threadpool(function, state.uow(), state.settings, *args, **kwargs)


def not_found() -> Response:
    return HTMLResponse(message_page("Not found", "There is no badge here. Check the link."), 404)


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


@dataclass
class Signed:
    """An award's signed credential, its check, and its page once rendered."""

    document: dict[str, Any]
    check: service.Verification
    revision: str  # the AwardStanding.revision it was signed at
    page: str = ""


class SignedCredentials:
    """Each award's signed credential, its check and its page, reused for ``SIGNED_FOR_S``
    (signing and checking canonicalise JSON-LD twice, tens of milliseconds, on every view
    before). Whether the award still stands is read afresh on every view."""

    def __init__(self, size: int = 2_000) -> None:
        self._kept: OrderedDict[str, tuple[float, Signed]] = OrderedDict()
        self.size = size

    def get(self, award: str, revision: str) -> Signed | None:
        """The award's kept credential if it is fresh and still says what the award does."""
        kept = self._kept.get(award)
        if kept is None or kept[0] < time.monotonic() or kept[1].revision != revision:
            self._kept.pop(award, None)
            return None
        return kept[1]

    def keep(self, award: str, signed: Signed) -> None:
        self._kept[award] = (time.monotonic() + SIGNED_FOR_S, signed)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)


async def _signed(request: Request, award: str, revision: str) -> Signed:
    state = request.app.state
    kept = state.signed.get(award, revision)
    if kept is not None:
        return kept
    document = await call_service(request, service.credential_for_award, award)
    check = await run_in_threadpool(
        service.verify_credential, state.uow(), document, settings=state.settings
    )
    signed = Signed(document, check, revision)
    state.signed.keep(award, signed)
    return signed


LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_link(document: dict[str, Any], page_url: str, award: str) -> str:
    """LinkedIn's add-to-profile address for the badge, filled in as a certification: its
    name, issuer, month of issue, and this page as the credential's URL."""
    issued = str(document.get("awardedDate") or document["validFrom"])
    fields = {
        "startTask": "CERTIFICATION_NAME",
        "name": document["credentialSubject"]["achievement"]["name"],
        "organizationName": document["issuer"].get("name", ""),
        "issueYear": issued[:4],
        "issueMonth": str(int(issued[5:7])),
        "certUrl": page_url,
        "certId": award,
    }
    return f"{LINKEDIN_ADD}?{urlencode(fields)}"


async def _standing_credential(
    request: Request, award: str | None
) -> tuple[Signed, service.AwardStanding] | Response:
    """The award's signed credential and its check, or the page saying why there is none."""
    if award is None:
        return not_found()
    state = request.app.state
    standing = await run_in_threadpool(service.award_standing, state.uow(), award)
    if standing is not None and standing.revoked_at is not None:
        text = f"This {standing.badge_name} badge was revoked by its issuer on {standing.revoked_at:%d %B %Y}."
        return HTMLResponse(message_page("Badge revoked", text), 410)
    if standing is None or standing.status != AwardStatus.AWARDED.value:
        return not_found()
    try:
        return await _signed(request, award, standing.revision), standing
    except ColbotError:
        return not_found()


async def credential_page(request: Request) -> Response:
    award = _award_ref(request)
    found = await _standing_credential(request, award)
    if isinstance(found, Response):
        return found
    signed, standing = found
    accept = request.headers.get("accept", "")
    if (
        request.url.path.endswith(".json")
        or LD_JSON in accept
        or accept.startswith("application/json")
    ):
        return json_document(signed.document, f"badge-{award}.json")
    if not signed.page:
        signed.page = _page(request, signed, standing, award)
    return HTMLResponse(signed.page)


def _page(request: Request, signed: Signed, standing: service.AwardStanding, award: str) -> str:
    document = signed.document
    achievement = document["credentialSubject"]["achievement"]
    skills = ", ".join(
        a.get("targetName", "") for a in achievement.get("alignment", []) if a.get("targetName")
    )
    said = next(
        (e.get("narrative") for e in document.get("evidence", []) if e.get("narrative")), None
    )
    public_url = request.app.state.settings.public_url  # only a public address goes on a profile
    linkedin = (
        linkedin_link(document, f"{public_url}/credentials/{award}", award) if public_url else None
    )
    return render(
        "credential.html",
        name=achievement["name"],
        description=achievement.get("description", ""),
        issuer=document["issuer"].get("name", ""),
        issued=str(document.get("awardedDate") or document.get("validFrom", ""))[:10],
        skills=skills,
        said=said,
        check=signed.check,
        award=award,
        badge_page=standing.badge_page,
        linkedin=linkedin,
        signed_json=json.dumps(document, indent=2, ensure_ascii=False),
    )


async def baked_image(request: Request) -> Response:
    """The badge image with the signed badge inside, to download and keep."""
    award = _award_ref(request)
    found = await _standing_credential(request, award)
    if isinstance(found, Response):
        return found
    image_format = request.url.path.rsplit(".", 1)[1]
    signed = found[0]
    image = await call_service(request, service.baked_badge, award, signed.document, image_format)
    disposition = f'attachment; filename="badge-{award}.{image_format}"'
    headers = {"Content-Disposition": disposition}
    return Response(image, media_type=service.MEDIA_TYPES[image_format], headers=headers)


async def issuer(request: Request) -> Response:
    try:
        return json_document(
            await call_service(request, service.issuer_profile, request.path_params["city"])
        )
    except ColbotError:
        return not_found()


async def did_json(request: Request) -> Response:
    state, city = request.app.state, request.path_params["city"]
    # only a city this deployment serves has a DID (and only then is a key made for it)
    if city not in await run_in_threadpool(city_slugs, state.uow()):
        return not_found()
    return _did_response(await run_in_threadpool(service.did_document, state.settings, city))


def _did_response(document: dict[str, Any]) -> Response:
    return JSONResponse(
        document, media_type="application/did+ld+json", headers={"Access-Control-Allow-Origin": "*"}
    )


async def provider_did_json(request: Request) -> Response:
    params = request.path_params
    try:
        return _did_response(
            await call_service(
                request, service.provider_did_document, params["city"], params["provider"]
            )
        )
    except ColbotError:
        return not_found()


async def status_list(request: Request) -> Response:
    """A city's list, or an issuing provider's (under did:web, at its own address)."""
    try:
        document = await call_service(
            request,
            service.status_list_credential,
            request.path_params["city"],
            key=request.query_params.get("key") or None,
            provider=request.path_params.get("provider"),
        )
    except ColbotError:
        return not_found()
    return json_document(document)


async def ob2(request: Request) -> Response:
    award = _award_ref(request)
    if award is None:
        return not_found()
    try:
        return json_document(await call_service(request, service.ob2_assertion, award))
    except ColbotError:
        return not_found()


def _check_page(
    *, problem: str = "", check: service.Verification | None = None, status: int = 200
) -> Response:
    """The form, under a problem with what was sent or the verdict on a credential."""
    return HTMLResponse(render("check.html", problem=problem, check=check), status)


def _too_big() -> Response:
    return _check_page(problem="That is too big to be a badge.", status=413)


async def check(request: Request) -> Response:
    if request.method == "GET":
        return _check_page()
    state = request.app.state
    if not state.check_throttle.allow(request):
        return _check_page(
            problem="That is a lot of checks from here: try again in a few minutes.", status=429
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_CHECK_BYTES:
        return _too_big()
    body = b""
    async for chunk in request.stream():  # never more than the limit in memory
        body += chunk
        if len(body) > MAX_CHECK_BYTES:
            return _too_big()
    text = (parse_qs(body.decode("utf-8", "replace")).get("credential") or [""])[0]
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return _check_page(problem="✘ That is not a badge file (it is not JSON).")
    verdict = await run_in_threadpool(
        service.verify_credential,
        state.uow(),
        document,
        settings=state.settings,
        limit=state.checker,
    )
    return _check_page(check=verdict)


def set_up(state: Any) -> None:
    """What these pages keep in the app: signed credentials, the checker's worker, the
    per-client limit on checks."""
    state.signed = SignedCredentials()
    state.checker = Canonicaliser()
    state.check_throttle = Throttle(CHECKS_PER_CLIENT, CHECK_WINDOW_S)


routes = [
    Route("/credentials/{award:str}.json", _unlisted(credential_page), methods=["GET"]),
    Route("/credentials/{award:str}.png", _unlisted(baked_image), methods=["GET"]),
    Route("/credentials/{award:str}.svg", _unlisted(baked_image), methods=["GET"]),
    Route("/credentials/{award:str}", _unlisted(credential_page), methods=["GET"]),
    Route("/cities/{city:str}/issuer", issuer, methods=["GET"]),
    Route("/cities/{city:str}/did.json", did_json, methods=["GET"]),
    Route("/cities/{city:str}/status/revocation", status_list, methods=["GET"]),
    Route("/cities/{city:str}/providers/{provider:str}/did.json", provider_did_json),
    Route("/cities/{city:str}/providers/{provider:str}/status/revocation", status_list),
    Route("/ob2/assertions/{award:str}", _unlisted(ob2), methods=["GET"]),
    Route("/check", check, methods=["GET", "POST"]),
]
