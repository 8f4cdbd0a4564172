"""Credentials on the web: a page people can read, the signed JSON, the issuer's documents
verifiers fetch, Open Badges 2.0 assertions, and "check a badge"."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from PIL import Image
from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.credentials.baking import unbake_png, unbake_svg
from badge_core.db import UnitOfWorkFactory
from badge_core.services.credentials import revoke_award, verify_credential
from tests.credentials.conftest import PUBLIC_URL, MakeAward, RunNodeVerifier
from web.app import create_app


def _client(settings: Settings, uow: UnitOfWorkFactory) -> TestClient:
    return TestClient(create_app(settings, uow))


def test_a_learner_shares_a_page_with_their_badge_and_its_signed_json(
    cred_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    made = make_award(reflection="I helped <b>two</b> younger kids fix their code")
    client = _client(cred_settings, uow)
    page = client.get(f"/credentials/{made.award_public_id}")
    assert page.status_code == 200
    assert "Code Club Coder" in page.text and "✔ Genuine" in page.text
    assert "&lt;b&gt;two&lt;/b&gt;" in page.text and "<b>two</b>" not in page.text

    signed = client.get(f"/credentials/{made.award_public_id}.json")
    assert signed.headers["content-type"].startswith("application/ld+json")
    document = signed.json()
    assert "OpenBadgeCredential" in document["type"]
    assert verify_credential(uow(), document, settings=cred_settings).valid
    negotiated = client.get(
        f"/credentials/{made.award_public_id}", headers={"Accept": "application/ld+json"}
    )
    assert negotiated.json()["id"] == document["id"]
    # and from the page, the badge's own: what it is and the skills it shows
    assert 'href="/cities/plymouth/badges/code-club-coder"' in page.text
    about = client.get("/cities/plymouth/badges/code-club-coder")
    assert about.status_code == 200 and "Code Club Coder" in about.text


def test_unknown_and_pending_badges_have_no_page(
    cred_settings: Settings, uow: UnitOfWorkFactory
) -> None:
    from badge_core.services.claims import claim_badge
    from badge_core.services.codes import create_claim_code
    from badge_core.services.learners import register_learner
    from tests.conftest import SECRET

    young = register_learner(uow(), SECRET, "plymouth", "rest", "young", age_band="under-13")
    pending = claim_badge(
        uow(),
        SECRET,
        young.learner_id,
        create_claim_code(uow(), SECRET, "plymouth", "code-club-coder").code,
    )
    client = _client(cred_settings, uow)
    for award in (
        pending.award_public_id,
        "00000000-0000-0000-0000-000000000000",
        "x" * 500,
        "1",
        "2",
    ):
        assert client.get(f"/credentials/{award}").status_code == 404
        assert client.get(f"/credentials/{award}.json").status_code == 404


def test_a_revoked_badge_says_so_on_its_page_and_in_the_status_list(
    cred_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    made = make_award()
    client = _client(cred_settings, uow)
    document = client.get(f"/credentials/{made.award_public_id}.json").json()
    revoke_award(uow(), cred_settings, made.award_public_id)
    gone = client.get(f"/credentials/{made.award_public_id}")
    assert gone.status_code == 410 and "revoked by its issuer" in gone.text
    status = client.get("/cities/plymouth/status/revocation").json()
    assert "BitstringStatusListCredential" in status["type"]
    checked = client.post("/check", data={"credential": json.dumps(document)})
    assert "Revoked by the issuer" in checked.text


def test_check_a_badge_tells_genuine_changed_and_garbage_apart(
    cred_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    client = _client(cred_settings, uow)
    document = client.get(f"/credentials/{make_award().award_public_id}.json").json()
    assert "✔ Genuine" in client.post("/check", data={"credential": json.dumps(document)}).text
    document["credentialSubject"]["achievement"]["name"] = "Rocket Scientist"
    assert "✘ Not valid" in client.post("/check", data={"credential": json.dumps(document)}).text
    assert "not JSON" in client.post("/check", data={"credential": "{nope"}).text
    assert client.post("/check", content=b"credential=" + b"x" * 300_000).status_code == 413
    assert 'name="credential"' in client.get("/check").text


def test_verifiers_fetch_the_issuer_did_document_and_ob2_assertions(
    web_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    made = make_award()
    client = _client(web_settings, uow)
    document = client.get(f"/credentials/{made.award_public_id}.json").json()
    did = client.get("/cities/plymouth/did.json")
    assert did.headers["content-type"].startswith("application/did+ld+json")
    assert did.json()["id"] == document["issuer"]["id"]
    assert client.get("/cities/plymouth/issuer").json()["id"] == document["issuer"]["id"]
    assistant = client.get(f"/ob2/assertions/{made.award_public_id}").json()
    assert assistant["type"] == "Assertion" and assistant["verification"]["type"] == "hosted"
    assert client.get("/cities/atlantis/did.json").status_code == 404
    assert client.get("/cities/atlantis/issuer").status_code == 404


def test_revoking_leaves_an_audit_event_naming_who_did_it(
    cred_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    from sqlalchemy import select

    from badge_core.models import Event

    made = make_award()
    revoke_award(uow(), cred_settings, made.award_public_id, reason="given in error", staff_id=None)
    revoke_award(uow(), cred_settings, made.award_public_id)  # twice: one event
    with uow() as unit:
        audit = unit.session.scalars(select(Event.data).where(Event.kind == "award_revoked")).all()
    assert audit == [
        {"award_id": audit[0]["award_id"], "by": "operator", "reason": "given in error"}
    ]


def test_a_badge_with_a_public_address_can_be_added_to_linkedin(
    cred_settings: Settings, web_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    made = make_award()
    client = _client(web_settings, uow)
    page = client.get(f"/credentials/{made.award_public_id}")
    document = client.get(f"/credentials/{made.award_public_id}.json").json()
    (link,) = re.findall(r'href="(https://www\.linkedin\.com/profile/add\?[^"]+)"', page.text)
    query = parse_qs(urlsplit(html.unescape(link)).query)
    awarded = datetime.fromisoformat(document["awardedDate"])
    assert {k: v[0] for k, v in query.items()} == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Code Club Coder",
        "organizationName": "Plymouth",
        "issueYear": str(awarded.year),
        "issueMonth": str(awarded.month),
        "certUrl": f"{PUBLIC_URL}/credentials/{made.award_public_id}",
        "certId": made.award_public_id,
    }
    # a laptop's address means nothing on a profile: no link without a public one
    laptop = _client(cred_settings, uow).get(f"/credentials/{made.award_public_id}")
    assert laptop.status_code == 200 and "linkedin.com" not in laptop.text


def test_the_badge_image_carries_the_signed_badge_for_any_backpack(
    web_settings: Settings,
    uow: UnitOfWorkFactory,
    make_award: MakeAward,
    node_verify: RunNodeVerifier,
) -> None:
    made = make_award(reflection="I fixed the <b>score</b> bug ]]> twice")
    client = _client(web_settings, uow)
    served = client.get(f"/credentials/{made.award_public_id}.json").json()
    assertion = client.get(f"/ob2/assertions/{made.award_public_id}").json()
    page = client.get(f"/credentials/{made.award_public_id}").text
    for image_format, unbake in (("png", unbake_png), ("svg", unbake_svg)):
        link = f"/credentials/{made.award_public_id}.{image_format}"
        assert f'href="{link}"' in page
        image = client.get(link)
        assert image.status_code == 200
        assert image.headers["content-type"].startswith(f"image/{image_format}")
        assert image.headers["x-robots-tag"] == "noindex, nofollow"
        assert (
            f'filename="badge-{made.award_public_id}.{image_format}"'
            in (image.headers["content-disposition"])
        )
        content = image.content if image_format == "png" else image.text
        baked = unbake(content)
        assert baked["ob3"] == served and baked["ob2"] == assertion
        assert verify_credential(uow(), baked["ob3"], settings=web_settings).valid
    Image.open(io.BytesIO(client.get(f"/credentials/{made.award_public_id}.png").content)).verify()
    result = node_verify(
        baked["ob3"], did_documents=[client.get("/cities/plymouth/did.json").json()]
    )
    assert result.returncode == 0 and result.report["verified"], result.report


def test_on_a_laptop_the_badge_image_carries_the_credential_alone(
    cred_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    made = make_award()
    image = _client(cred_settings, uow).get(f"/credentials/{made.award_public_id}.png")
    baked = unbake_png(image.content)
    assert baked["ob2"] is None and baked["ob3"]["id"] == f"urn:uuid:{made.award_public_id}"


def test_a_revoked_or_unknown_badge_has_no_image(
    cred_settings: Settings, uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    made = make_award()
    revoke_award(uow(), cred_settings, made.award_public_id)
    client = _client(cred_settings, uow)
    assert client.get(f"/credentials/{made.award_public_id}.png").status_code == 410
    assert client.get(f"/credentials/{made.award_public_id}.svg").status_code == 410
    unknown = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"/credentials/{unknown}.png").status_code == 404
    assert client.get("/credentials/12.svg").status_code == 404  # never the counting id
