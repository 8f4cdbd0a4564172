"""A badge's page is a template with autoescaping on: whatever a city pack names a badge and
whatever a learner writes in a reflection is shown on the page as text, never run."""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import update
from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.models import BadgeClass
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import register_learner
from badge_core.services.skills import add_reflection, publish_reflection
from tests.conftest import SECRET
from web.app import create_app

SCRIPT = "<script>alert(1)</script>"
SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_markup_in_a_badge_and_a_reflection_is_escaped_on_the_page(
    settings: Settings, uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    with uow() as unit:
        unit.session.execute(
            update(BadgeClass)
            .where(BadgeClass.key == "code-club-coder")
            .values(name=f"Coder {SCRIPT}", description='Made "games" & <b>apps</b>')
        )
        unit.commit()
    learner = register_learner(
        uow(), SECRET, "plymouth", "whatsapp", "+447700900001", age_band="16-18"
    )
    code = create_claim_code(
        uow(), SECRET, "plymouth", "code-club-coder", activity_key="code-club-central"
    )
    award = claim_badge(uow(), SECRET, learner.learner_id, code.code).award_public_id
    add_reflection(uow(), learner.learner_id, award, f"I fixed {SCRIPT} for two kids")
    publish_reflection(uow(), learner.learner_id, award, public=True)
    settings = replace(settings, data_dir=tmp_path / "data", public_url="")
    client = TestClient(create_app(settings, uow))

    page = client.get(f"/credentials/{award}")
    assert page.status_code == 200 and "✔ Genuine" in page.text
    assert f"<title>Coder {SHOWN}</title>" in page.text
    assert f"<h1>Coder {SHOWN}</h1>" in page.text
    assert "<p>Made &#34;games&#34; &amp; &lt;b&gt;apps&lt;/b&gt;</p>" in page.text
    assert f"<p><strong>What they did</strong>: I fixed {SHOWN} for two kids</p>" in page.text
    assert SCRIPT not in page.text and "<b>" not in page.text
    # the signed credential under it is escaped too, and reads back as the very JSON served
    signed = page.text.split("<pre>", 1)[1].split("</pre>", 1)[0]
    assert SHOWN in signed and "<" not in signed
    document = client.get(f"/credentials/{award}.json").json()
    assert document["credentialSubject"]["achievement"]["name"] == f"Coder {SCRIPT}"
    assert json.loads(html.unescape(signed)) == document

    # "check a badge" shows the same verdict; a reason quoting what was sent is escaped too
    assert "✔ Genuine" in client.post("/check", data={"credential": json.dumps(document)}).text
    document["proof"][0]["verificationMethod"] = f"did:key:z{SCRIPT}#key"
    checked = client.post("/check", data={"credential": json.dumps(document)})
    assert "✘ Not valid." in checked.text
    assert f"<li>the signing key cannot be found: did:key:z{SHOWN}#key" in checked.text
    assert SCRIPT not in checked.text
