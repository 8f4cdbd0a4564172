"""The city team confirms the skills proposed for imported activities on the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.imports.fetch import Fetcher
from badge_core.models import Activity, Skill, SkillProposal
from badge_core.services.admin import issue_admin_token
from badge_core.services.imports import SourceSpec, import_source
from badge_core.services.review import to_review
from tests.conftest import SECRET
from web.app import create_app

SAMPLE = str(Path(__file__).parents[2] / "docs" / "providers-sample.csv")


@pytest.fixture
def client(uow: UnitOfWorkFactory, plymouth_db_url: str) -> TestClient:
    import_source(
        uow, "plymouth", SourceSpec("stonehouse", "csv", SAMPLE),
        now=datetime(2027, 1, 4, tzinfo=UTC), fetcher=Fetcher(),
    )  # fmt: skip
    with uow() as unit:  # as the matcher would have proposed: Skate jam -> sport
        skate = unit.session.query(Activity).filter_by(title="Skate jam").one()
        sport = unit.session.query(Skill).filter_by(key="sport").one()
        unit.session.add(SkillProposal(activity_id=skate.id, skill_id=sport.id, score=0.42))
        unit.commit()
    client = TestClient(create_app(Settings(database_url=plymouth_db_url, secret_key=SECRET), uow))
    token = issue_admin_token(uow(), SECRET, "plymouth", "test").token
    client.post("/admin/login", data={"token": token}, follow_redirects=False)
    return client


def test_the_page_shows_the_proposals_ticked_and_confirming_takes_them(
    client: TestClient, uow: UnitOfWorkFactory
) -> None:
    page = client.get("/admin/review/")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "Skate jam" in page.text and "Beat making online" in page.text
    assert 'value="sport" checked> Sport and fitness (0.42)' in page.text
    rows = to_review(uow(), "plymouth")
    skate = next(r for r in rows if r.title == "Skate jam")
    assert [r.proposed for r in rows if r is not skate] == [[], []]  # imported with no model
    done = client.post(
        "/admin/review/confirm",
        data={"activity": skate.key, "skill": ["sport", "staying-positive"]},
        follow_redirects=False,
    )
    assert done.status_code == 303
    waiting = to_review(uow(), "plymouth")
    assert "Skate jam" not in [r.title for r in waiting]
    # the confirmation proposed skills again, by the real model, for the two still waiting
    assert len(waiting) == 2 and all(1 <= len(r.proposed) <= 3 for r in waiting)
    with uow() as unit:
        row = unit.session.query(Activity).filter_by(key=skate.key).one()
        assert sorted(s.key for s in row.skills) == ["sport", "staying-positive"]
    assert f"Skills confirmed for {skate.key}" in client.get(done.headers["location"]).text


def test_confirming_nothing_or_from_another_site_is_refused(
    client: TestClient, uow: UnitOfWorkFactory
) -> None:
    key = to_review(uow(), "plymouth")[0].key
    empty = client.post("/admin/review/confirm", data={"activity": key, "skill": ""})
    assert empty.status_code == 400 and "Tick at least one skill" in empty.text
    unknown = client.post("/admin/review/confirm", data={"activity": key, "skill": "juggling"})
    assert unknown.status_code == 400 and "juggling" in unknown.text
    forged = client.post(
        "/admin/review/confirm",
        data={"activity": key, "skill": "sport"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert forged.status_code == 403
    assert len(to_review(uow(), "plymouth")) == 3


def test_without_a_token_the_page_leads_to_sign_in(
    uow: UnitOfWorkFactory, plymouth_db_url: str
) -> None:
    client = TestClient(create_app(Settings(database_url=plymouth_db_url, secret_key=SECRET), uow))
    for method, path in (("GET", "/admin/review/"), ("POST", "/admin/review/confirm")):
        response = client.request(method, path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/admin"
