"""Every link resolves (issue 24): under did:web, every URL a signed credential or an Open
Badges 2.0 hosted assertion carries is served by the web app, as JSON to a machine and, for
a badge, skill or provider, as a page to a person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.models import BadgeClass, Provider, Skill
from tests.credentials.conftest import PUBLIC_URL, MakeAward
from web.app import create_app
from web.badges import wants_json

LD = {"Accept": "application/ld+json"}
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON_TYPES = ("application/ld+json", "application/did+ld+json", "application/json")
KINDS = {
    "badge": r"/cities/[^/]+/badges/[^/]+",
    "skill": r"/cities/[^/]+/skills/[^/]+",
    "provider": r"/cities/[^/]+/providers/[^/]+",
    "issuer": r"/cities/[^/]+/issuer",
    "did document": r"/cities/[^/]+/did\.json",
    "status list": r"/cities/[^/]+/status/revocation",  # ?key=K for a did:key issuer
    "ob2 assertion": r"/ob2/assertions/[^/]+",
    "ob2 badge class": r"/ob2/cities/[^/]+/badges/[^/]+",
    "ob2 issuer": r"/ob2/cities/[^/]+/issuer",
    "home": r"/?",  # the OB 2.0 Issuer's url: the deployment's home page
}
PAGES = {"badge", "skill", "provider"}
# an issuing provider's own (its Profile is its provider page)
ISSUER_KINDS = {
    "provider did document": r"/cities/[^/]+/providers/[^/]+/did\.json",
    "provider status list": r"/cities/[^/]+/providers/[^/]+/status/revocation",
}
DID_KINDS = {"issuer", "did document", "provider did document"}


def _client(settings: Settings, uow: UnitOfWorkFactory) -> TestClient:
    return TestClient(create_app(settings, uow))


def strings(value: Any) -> Iterator[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def did_web_url(did: str) -> str:
    """Where a did:web DID's document is (did:web:host:cities:x -> https://host/cities/x/did.json)."""
    host, *path = did.split("#")[0].removeprefix("did:web:").split(":")
    return "/".join([f"https://{unquote(host)}", *path, "did.json"])


def links(document: Any) -> set[str]:
    """The URLs on the public URL a document carries (did:web DIDs as their documents'),
    without fragments."""
    found = set()
    for value in strings(document):
        if value.startswith("did:web:"):
            value = did_web_url(value)
        if value == PUBLIC_URL or value.startswith(PUBLIC_URL + "/"):
            found.add(value.split("#")[0])
    return found


def kind_of(url: str) -> str:
    path = urlsplit(url).path
    kinds = [
        kind for kind, pattern in (KINDS | ISSUER_KINDS).items() if re.fullmatch(pattern, path)
    ]
    assert len(kinds) == 1, f"{url} is no kind of link the app serves"
    return kinds[0]


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def walk(client: TestClient, start: list[dict[str, Any]], *issuer_dids: str) -> dict[str, set[str]]:
    """Fetch every link from the start documents and from each JSON document fetched, until
    no new one turns up; return the URLs found by kind. An issuer's Profile and DID document
    are one of ``issuer_dids`` (a provider's Profile, when it issues, is its DID)."""
    todo = set().union(*(links(d) for d in start))
    seen: dict[str, set[str]] = {}
    while todo:
        url = todo.pop()
        kind = kind_of(url)
        seen.setdefault(kind, set()).add(url)
        response = client.get(_path(url), headers=LD)
        assert response.status_code == 200, url
        content_type = response.headers["content-type"]
        if kind == "home":
            assert content_type.startswith("text/html")
            continue
        assert content_type.startswith(JSON_TYPES), (url, content_type)
        document = response.json()
        if "id" in document:
            # an issuer's Profile and DID document are the issuer's DID, which resolves here
            expected = set(issuer_dids) if kind in DID_KINDS else {url.split("?")[0]}
            if kind == "provider":
                expected |= set(issuer_dids)
            assert document["id"] in expected | {url}, (url, document["id"])
        todo |= links(document) - {u for urls in seen.values() for u in urls}
    return seen


@pytest.mark.parametrize("issuer_did", ["web", "key"])
def test_every_url_in_a_credential_and_its_ob2_assertion_resolves(
    web_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward, issuer_did: str
) -> None:
    made = make_award(reflection="I fixed the scoring bug")
    client = _client(replace(web_settings, issuer_did=issuer_did), uow)
    credential = client.get(f"/credentials/{made.award_public_id}.json").json()
    assertion = client.get(f"/ob2/assertions/{made.award_public_id}").json()
    assert credential["issuer"]["id"].startswith(f"did:{issuer_did}:")

    seen = walk(client, [credential, assertion], credential["issuer"]["id"])

    # a did:key issuer has no DID document to fetch: the DID is its key
    expected = set(KINDS) - ({"did document"} if issuer_did == "key" else set())
    assert set(seen) == expected, f"kinds of link missing: {expected - set(seen)}"
    (status_list,) = seen["status list"]
    assert status_list == credential["credentialStatus"]["statusListCredential"]
    assert len(seen["skill"]) == 2  # code-club-coder shows coding and problem-solving
    for kind in PAGES:
        for url in seen[kind]:
            page = client.get(_path(url), headers=HTML)
            assert page.status_code == 200, url
            assert page.headers["content-type"].startswith("text/html")
            assert page.headers["vary"] == "Accept"
            assert "I fixed the scoring bug" not in page.text  # no learner's words
            assert made.learner_public_id not in page.text and made.award_public_id not in page.text


@pytest.mark.parametrize("issuer_did", ["web", "key"])
def test_every_url_in_a_provider_issued_credential_resolves(
    web_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward, issuer_did: str
) -> None:
    """Plymouth Libraries issuing its own badges: its DID document, Profile and status list
    are served, and so are the city's that endorse it."""
    with uow() as unit:
        provider = unit.session.scalar(select(Provider).where(Provider.key == "plymouth-libraries"))
        assert provider is not None
        provider.issuer = True
        unit.commit()
    made = make_award()
    client = _client(replace(web_settings, issuer_did=issuer_did), uow)
    credential = client.get(f"/credentials/{made.award_public_id}.json").json()
    provider_did = credential["issuer"]["id"]
    city_did = credential["issuer"]["endorsement"][0]["issuer"]["id"]
    assert credential["issuer"]["name"] == "Plymouth Libraries"

    seen = walk(client, [credential], provider_did, city_did)

    own = {"badge", "skill", "provider", "issuer"}
    expected = own | (
        {"did document", "provider did document", "provider status list"}
        if issuer_did == "web"
        else {"status list"}
    )
    assert set(seen) == expected
    status_lists = seen.get("provider status list") or seen["status list"]
    assert status_lists == {credential["credentialStatus"]["statusListCredential"]}
    (profile_url,) = seen["provider"]
    served = client.get(_path(profile_url), headers=LD).json()
    assert served["id"] == provider_did and served["endorsement"][0]["issuer"]["id"] == city_did
    assert "endorsed by Plymouth" in client.get(_path(profile_url), headers=HTML).text
    achievement = credential["credentialSubject"]["achievement"]
    badge = client.get(_path(achievement["id"]), headers=LD).json()
    assert _without_context(badge) == achievement  # its creator the provider, by its DID


def _without_context(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "@context"}


def test_the_documents_served_are_the_ones_the_credential_and_assertion_embed(
    web_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    made = make_award()
    client = _client(web_settings, uow)
    credential = client.get(f"/credentials/{made.award_public_id}.json").json()
    assertion = client.get(f"/ob2/assertions/{made.award_public_id}").json()

    badge_class = client.get(_path(assertion["badge"]["id"])).json()
    assert badge_class["@context"] == "https://w3id.org/openbadges/v2"
    assert _without_context(badge_class) == assertion["badge"]
    issuer = client.get(_path(assertion["badge"]["issuer"]["id"])).json()
    assert issuer["@context"] == "https://w3id.org/openbadges/v2"
    assert _without_context(issuer) == assertion["badge"]["issuer"]
    assert (issuer["type"], issuer["name"]) == ("Issuer", "Plymouth")

    achievement = credential["credentialSubject"]["achievement"]
    served = client.get(_path(achievement["id"]), headers=LD).json()
    assert served["@context"] == credential["@context"]
    assert _without_context(served) == achievement
    creator = client.get(_path(achievement["creator"]["id"]), headers=LD).json()
    assert creator["@context"] == credential["@context"]
    assert _without_context(creator) == achievement["creator"]
    for alignment in achievement["alignment"]:
        if alignment["targetUrl"].startswith(PUBLIC_URL):
            skill = client.get(_path(alignment["targetUrl"]), headers=LD).json()
            assert (skill["id"], skill["type"]) == (alignment["targetUrl"], "DefinedTerm")
            assert (skill["name"], skill["termCode"]) == (
                alignment["targetName"],
                alignment["targetCode"],
            )
            assert skill["inDefinedTermSet"]["name"] == alignment["targetFramework"]


UNKNOWN = [
    "/cities/atlantis/badges/code-club-coder",
    "/cities/plymouth/badges/no-such-badge",
    "/cities/plymouth/badges/coding",  # a skill, not a badge
    "/cities/atlantis/skills/coding",
    "/cities/plymouth/skills/no-such-skill",
    "/cities/plymouth/providers/no-such-provider",
    "/cities/atlantis/providers/plymouth-libraries",
    "/ob2/cities/atlantis/badges/code-club-coder",
    "/ob2/cities/plymouth/badges/no-such-badge",
    "/ob2/cities/atlantis/issuer",
]


@pytest.mark.parametrize("path", UNKNOWN)
def test_an_unknown_city_badge_skill_or_provider_is_the_not_found_page(
    web_settings: Settings, uow: UnitOfWorkFactory, path: str
) -> None:
    client = _client(web_settings, uow)
    for accept in (HTML, LD, {"Accept": "application/json"}):
        response = client.get(path, headers=accept)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "Not found" in response.text


def test_a_badge_page_shows_the_badge_and_links_its_skills_and_provider(
    web_settings: Settings, uow: UnitOfWorkFactory
) -> None:
    with uow() as unit:
        badge = unit.session.scalar(select(BadgeClass).where(BadgeClass.key == "code-club-coder"))
        skill = unit.session.scalar(select(Skill).where(Skill.key == "coding"))
        assert badge is not None and skill is not None
        badge.description = "Loops & <b>bugs</b>"
        skill.name = "Coding <script>alert(1)</script>"
        skill.alignments = [
            {"framework": "Made Up", "target": "Sneaky", "url": "javascript:alert(1)"},
            {"framework": "Skills Builder", "target": "Coding", "url": "https://example.org/c"},
        ]
        unit.commit()
    client = _client(web_settings, uow)

    page = client.get("/cities/plymouth/badges/code-club-coder").text
    assert "<h1>Code Club Coder</h1>" in page
    assert "Loops &amp; &lt;b&gt;bugs&lt;/b&gt;" in page and "<b>bugs</b>" not in page
    assert '<a href="/cities/plymouth/skills/coding">Coding &lt;script&gt;' in page
    assert '<a href="/cities/plymouth/skills/problem-solving">Problem' in page
    assert '<a href="/cities/plymouth/providers/plymouth-libraries">Plymouth Libraries</a>' in page
    assert "<script>" not in page

    skill_page = client.get("/cities/plymouth/skills/coding").text
    assert '<a href="/cities/plymouth/badges/code-club-coder">Code Club Coder</a>' in skill_page
    assert "Plymouth Cities of Learning Skills Spine" in skill_page
    assert '<a href="https://example.org/c">Coding</a>' in skill_page
    assert "Sneaky" in skill_page and "javascript:" not in skill_page  # a link only to the web
    provider_page = client.get("/cities/plymouth/providers/plymouth-libraries").text
    assert '<a href="/cities/plymouth/badges/code-club-coder">' in provider_page
    assert '<a href="https://www.plymouthlibraries.org.uk">' in provider_page


def test_without_a_public_url_the_pages_stay_and_ob2_documents_are_not_found(
    cred_settings: Settings, uow: UnitOfWorkFactory
) -> None:
    client = _client(cred_settings, uow)
    assert client.get("/cities/plymouth/badges/code-club-coder").status_code == 200
    achievement = client.get("/cities/plymouth/badges/code-club-coder", headers=LD).json()
    assert achievement["id"].startswith("urn:uuid:")  # the id did:key credentials carry
    assert client.get("/ob2/cities/plymouth/badges/code-club-coder").status_code == 404
    assert client.get("/ob2/cities/plymouth/issuer").status_code == 404


@pytest.mark.parametrize(
    ("accept", "json"),
    [
        ("application/ld+json", True),
        ("application/json", True),
        ('application/ld+json;profile="https://www.w3.org/ns/activitystreams"', True),
        ("application/json;q=0.9, text/html;q=0.5", True),
        ("application/ld+json, application/json;q=0.9, */*;q=0.1", True),
        (HTML["Accept"], False),
        ("text/html, application/ld+json", False),  # a tie goes to the page
        ("*/*", False),
        ("", False),
        ("application/json;q=nonsense, text/html;q=0.1", False),
    ],
)
def test_accept_picks_json_only_when_it_prefers_it(accept: str, json: bool) -> None:
    assert wants_json(accept) is json
