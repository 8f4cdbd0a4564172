"""The city dashboard: the commissioning report on the web, for a city admin's token only."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from markupsafe import escape
from starlette.testclient import TestClient

from badge_core.cli import main as colbot
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.demo import simulate
from badge_core.reporting import render_html
from badge_core.services.admin import issue_admin_token, revoke_admin_token
from badge_core.services.insights import build_insights
from tests.conftest import SECRET, sqlite_url
from web.app import create_app

END = datetime(2026, 4, 6, tzinfo=UTC)  # midnight, so the page's whole days match
START = END - timedelta(weeks=4)
PERIOD = {"from": f"{START:%Y-%m-%d}", "to": f"{END - timedelta(days=1):%Y-%m-%d}"}


@pytest.fixture(scope="module")
def simulated_db(plymouth_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plymouth after four weeks of simulated traffic, copied for each test."""
    path = tmp_path_factory.mktemp("dashboard") / "colbot.db"
    shutil.copy(plymouth_db_template, path)
    engine = make_engine(sqlite_url(path))
    simulate(
        unit_of_work_factory(engine),
        "plymouth",
        learners=60,
        weeks=4,
        seed=3,
        secret_key=SECRET,
        end=END,
    )
    engine.dispose()
    return path


@pytest.fixture
def db(simulated_db: Path, tmp_path: Path) -> Iterator[tuple[str, UnitOfWorkFactory]]:
    path = tmp_path / "colbot.db"
    shutil.copy(simulated_db, path)
    engine = make_engine(sqlite_url(path))
    yield sqlite_url(path), unit_of_work_factory(engine)
    engine.dispose()


@pytest.fixture
def client(db: tuple[str, UnitOfWorkFactory]) -> TestClient:
    url, uow = db
    return TestClient(create_app(Settings(database_url=url, secret_key=SECRET), uow))


def _without_images(page: str) -> str:
    return re.sub(r'src="data:image/png;base64,[^"]*"', 'src="PNG"', page)


def _sign_in(client: TestClient, token: str):
    return client.post("/admin/login", data={"token": token}, follow_redirects=False)


def test_without_a_token_the_report_and_its_tables_lead_to_the_sign_in_form(
    client: TestClient,
) -> None:
    for path in ("/admin/report/", "/admin/report/unmet_demand.csv"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/admin"
    form = client.get("/admin")
    assert form.status_code == 200 and 'name="token"' in form.text
    assert "Unmet demand" not in form.text


@pytest.mark.parametrize("token", ["", "nonsense", "colbot-admin-" + "x" * 43])
def test_a_wrong_token_is_refused_with_a_clear_message(client: TestClient, token: str) -> None:
    response = _sign_in(client, token)
    assert response.status_code == 403
    assert "not valid" in response.text
    assert "colbot_admin" not in response.headers.get("set-cookie", "")
    bearer = client.get(
        "/admin/report/", headers={"Authorization": f"Bearer {token}x"}, follow_redirects=False
    )
    assert bearer.status_code == 303


def test_a_city_admin_sees_the_same_report_as_the_command_line(
    client: TestClient, db: tuple[str, UnitOfWorkFactory]
) -> None:
    _, uow = db
    token = issue_admin_token(uow(), SECRET, "plymouth", "test").token
    signed_in = _sign_in(client, token)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/admin/report/"
    cookie = signed_in.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/admin" in cookie

    page = client.get("/admin/report/", params=PERIOD)
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    matcher = client.app.state.matcher  # made for the first report, as `colbot report` makes one
    insights = build_insights(
        uow(), "plymouth", start=START, end=END, secret_key=SECRET, matcher=matcher
    )
    assert insights.table("unmet_demand").columns[:2] == ["interest", "nearest skill"]
    # the page is the report the CLI writes, with the period and log-out controls added
    controls = page.text.split("</h1>\n", 1)[1].split("\n", 1)[0]
    assert 'action="/admin/logout"' in controls
    assert f'name="from" value="{PERIOD["from"]}"' in controls
    assert f'name="to" value="{PERIOD["to"]}"' in controls
    cli = render_html(insights).replace("</h1>\n\n", f"</h1>\n{controls}\n", 1)
    # (charts are compared by their titles: PNG bytes are not stable between renders)
    assert _without_images(page.text) == _without_images(cli)
    assert page.text.count('src="data:image/png;base64,') == len(
        [s for s in insights.weekly.values() if s]
    )
    for table in insights.tables:
        assert f"<h2>{escape(table.title)}</h2>" in page.text
    # every table downloads as the same suppressed CSV
    for table in insights.tables:
        csv_text = client.get(f"/admin/report/{table.name}.csv", params=PERIOD).text
        lines = csv_text.strip().splitlines()
        assert lines[0] == ",".join(table.columns)
        assert len(lines) == 1 + len(table.shown())
    assert any(row for table in insights.tables for row in table.shown()), "simulation gave data"


def test_the_page_shows_only_suppressed_aggregates(client: TestClient, db) -> None:
    _, uow = db
    token = issue_admin_token(uow(), SECRET, "plymouth").token
    headers = {"Authorization": f"Bearer {token}"}
    page = client.get("/admin/report/", params=PERIOD, headers=headers).text
    insights = build_insights(uow(), "plymouth", start=START, end=END)
    small = [
        str(value)
        for table in insights.tables
        for row in table.rows
        for value in row[-1:]
        if isinstance(value, int) and 0 < value < 5
    ]
    assert small, "the simulation gives some small counts to hide"
    assert "&lt;5" in page
    unmet = client.get("/admin/report/unmet_demand.csv", params=PERIOD, headers=headers).text
    counts = [line.rsplit(",", 1)[-1] for line in unmet.strip().splitlines()[1:]]
    assert all(c == "<5" or int(c) >= 5 for c in counts)


def test_a_revoked_token_stops_working_at_once(client: TestClient, db) -> None:
    _, uow = db
    issued = issue_admin_token(uow(), SECRET, "plymouth")
    assert _sign_in(client, issued.token).status_code == 303
    assert client.get("/admin/report/").status_code == 200
    revoke_admin_token(uow(), issued.id)
    assert client.get("/admin/report/", follow_redirects=False).status_code == 303


def test_bad_dates_get_a_friendly_page(client: TestClient, db) -> None:
    _, uow = db
    token = issue_admin_token(uow(), SECRET, "plymouth").token
    headers = {"Authorization": f"Bearer {token}"}
    for period in ({"from": "yesterday"}, {"from": "2026-04-01", "to": "2026-03-01"}):
        response = client.get("/admin/report/", params=period, headers=headers)
        assert response.status_code == 400 and "Check the dates" in response.text
    assert client.get("/admin/report/nothing.csv", headers=headers).status_code == 404


def test_the_command_line_makes_lists_and_revokes_tokens_and_keeps_only_hashes(
    db, capsys: pytest.CaptureFixture[str]
) -> None:
    url, uow = db
    settings = Settings(database_url=url, secret_key=SECRET)
    assert (
        colbot(["admin", "token", "--city", "plymouth", "--label", "youth services"], settings) == 0
    )
    token = capsys.readouterr().out.strip()
    client = TestClient(create_app(settings, uow))
    assert _sign_in(client, token).status_code == 303

    assert colbot(["admin", "list"], settings) == 0
    listed = capsys.readouterr().out
    assert "plymouth\tactive" in listed and "youth services" in listed and token not in listed
    token_id = listed.split("\t", 1)[0]
    assert colbot(["admin", "revoke", token_id], settings) == 0
    assert _sign_in(client, token).status_code == 403
    assert colbot(["admin", "revoke", "999"], settings) == 1

    assert token.encode() not in Path(url.removeprefix("sqlite:///")).read_bytes()
    assert colbot(["admin", "token", "--city", "atlantis"], settings) == 1


def test_the_session_cookie_is_not_the_token_and_ends_on_the_server(client: TestClient, db) -> None:
    """Low: the admin cookie was the raw, non-expiring token."""
    import time

    from web.auth import SESSION_S, session_cookie, session_token

    _, uow = db
    token = issue_admin_token(uow(), SECRET, "plymouth").token
    signed_in = _sign_in(client, token)
    cookie = client.cookies.get("colbot_admin")
    assert signed_in.status_code == 303 and cookie and token not in cookie
    assert client.get("/admin/report/").status_code == 200
    settings = client.app.state.settings
    ended = session_cookie(settings, token, now=time.time() - SESSION_S - 1)
    assert session_token(settings, ended) is None
    client.cookies.clear()
    client.cookies.set("colbot_admin", ended)
    gone = client.get("/admin/report/", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/admin"
    client.cookies.clear()
    client.cookies.set("colbot_admin", token)  # the raw token is no session either
    assert client.get("/admin/report/", follow_redirects=False).status_code == 303


def test_another_site_cannot_post_the_sign_in_form(client: TestClient, db) -> None:
    """Login CSRF: a page elsewhere posting its own token would sign the city's browser in as it."""
    _, uow = db
    token = issue_admin_token(uow(), SECRET, "plymouth").token
    refused = client.post(
        "/admin/login",
        data={"token": token},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert refused.status_code == 403 and "colbot_admin" not in refused.headers.get(
        "set-cookie", ""
    )
    # a browser that says where the post came from is believed over Origin
    for site, status in (("cross-site", 403), ("same-site", 403), ("same-origin", 303)):
        answer = client.post(
            "/admin/login",
            data={"token": token},
            follow_redirects=False,
            headers={"Sec-Fetch-Site": site, "Origin": "null"},
        )
        assert answer.status_code == status, site


def test_the_sign_in_page_lets_the_browser_say_its_own_origin(client: TestClient) -> None:
    """With no referrer policy at all, Chromium posts the form with "Origin: null" and the
    check above refused every city admin (found in a real browser: tests/browser)."""
    assert client.get("/admin").headers["referrer-policy"] == "same-origin"


def test_the_report_escapes_what_its_tables_show(client: TestClient, db, monkeypatch) -> None:
    """The page is a template with autoescaping on: a table cell, a column or a title holding
    markup (an interest a young person typed, a provider's name) is shown, never run."""
    import web.dashboard

    _, uow = db
    real = web.dashboard.build_insights

    def with_markup(*args, **kwargs):
        insights = real(*args, **kwargs)
        table = insights.tables[0]
        table.title = "Unmet <i>demand</i>"
        table.columns = ["<b>interest</b>", *table.columns[1:]]
        table.rows = [["<b>bold</b> & <script>alert(1)</script>", *[9] * (len(table.columns) - 1)]]
        return insights

    monkeypatch.setattr(web.dashboard, "build_insights", with_markup)
    token = issue_admin_token(uow(), SECRET, "plymouth").token
    page = client.get("/admin/report/", params=PERIOD, headers={"Authorization": f"Bearer {token}"})
    assert page.status_code == 200
    cell = "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<td>{cell}</td>" in page.text
    assert "<th>&lt;b&gt;interest&lt;/b&gt;</th>" in page.text
    assert "<h2>Unmet &lt;i&gt;demand&lt;/i&gt;</h2>" in page.text
    assert "<b>" not in page.text and "<script>" not in page.text and "<i>" not in page.text
