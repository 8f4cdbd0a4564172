"""The city dashboard, as a city admin uses it: sign in with a token made by
``colbot admin token``, read the tables, download one, sign out.

These tests found three faults, fixed since: Chromium posted the sign-in form with
``Origin: null`` (the page's ``Referrer-Policy: no-referrer``), which the login took for
another site's post and refused, right token or wrong; on a 360 px phone the sign-in form
was 401 px wide; and the dashboard had no viewport tag, so a phone laid it out 980 px wide.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from badge_core.cli import main as colbot
from badge_core.services.admin import issue_admin_token
from badge_core.services.insights import build_insights
from tests.browser.conftest import Site, Visit, expect
from tests.conftest import SECRET
from web.auth import COOKIE, session_cookie

if TYPE_CHECKING:
    from playwright.sync_api import Page


def _token_from_the_command_line(site: Site, capsys: pytest.CaptureFixture[str]) -> str:
    command = ["admin", "token", "--city", "plymouth", "--label", "browser tests"]
    assert colbot(command, site.settings) == 0
    return capsys.readouterr().out.strip()


def _read_the_report_and_sign_out(site: Site, visit: Visit) -> None:
    page = visit.page
    expect(page).to_have_url(f"{site.url}/admin/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plymouth: commissioning insights")
    tables = build_insights(site.uow(), "plymouth", secret_key=SECRET).tables
    expect(page.get_by_role("table")).to_have_count(len(tables))
    for table in tables:
        expect(page.get_by_role("heading", name=table.title, exact=True)).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()  # charts of the simulated weeks
    provider = page.get_by_role("columnheader", name="provider", exact=True)
    badges = page.get_by_role("columnheader", name="badges", exact=True)
    by_provider = page.get_by_role("table").filter(has=provider).filter(has=badges)
    expect(by_provider.get_by_role("row")).not_to_have_count(1)  # figures, not only a heading
    expect(by_provider).not_to_contain_text("No data in this period.")

    # each table downloads as CSV
    with page.expect_download() as download:
        visit.press(page.get_by_role("link", name="badges_by_provider.csv"))
    assert download.value.suggested_filename == "badges_by_provider.csv"
    csv = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert csv[0] == "provider,badges" and len(csv) > 1

    visit.press(page.get_by_role("button", name="Log out"))
    _on_the_sign_in_form(site, page)
    page.goto(f"{site.url}/admin/report/")  # the session is over, not only the page
    _on_the_sign_in_form(site, page)


def _on_the_sign_in_form(site: Site, page: Page) -> None:
    expect(page).to_have_url(f"{site.url}/admin")
    expect(page.get_by_role("heading", name="City dashboard")).to_be_visible()
    expect(page.get_by_label("Token")).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)


def test_a_wrong_token_is_refused_and_a_real_one_opens_the_dashboard_until_sign_out(
    site: Site, visit: Visit, capsys: pytest.CaptureFixture[str]
) -> None:
    page = visit.page
    page.goto(f"{site.url}/admin")
    token_box = page.get_by_label("Token")
    sign_in = page.get_by_role("button", name="Open the dashboard")

    token_box.fill("colbot-admin-" + "x" * 43)
    visit.press(sign_in)
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_have_text("That token is not valid (or has been revoked). Ask for a new one.")
    expect(token_box).to_be_visible()  # the form again, to try another
    expect(page.get_by_role("table")).to_have_count(0)

    token_box.fill(_token_from_the_command_line(site, capsys))
    visit.press(sign_in)
    _read_the_report_and_sign_out(site, visit)


def test_a_signed_in_admin_reads_the_tables_downloads_one_and_signs_out(
    site: Site, visit: Visit, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dashboard behind the sign-in form, with the session cookie the form would set."""
    token = _token_from_the_command_line(site, capsys)
    cookie = session_cookie(site.settings, token)
    visit.page.context.add_cookies(
        [
            {
                "name": COOKIE,
                "value": cookie,
                "domain": "127.0.0.1",
                "path": "/admin",
                "httpOnly": True,
                "sameSite": "Strict",
            },
        ]
    )
    visit.page.goto(f"{site.url}/admin")  # a signed-in admin goes straight to the report
    _read_the_report_and_sign_out(site, visit)


@pytest.mark.parametrize("path", ["/admin", "/admin/report/"])
def test_the_sign_in_form_and_the_dashboard_fit_the_window(
    site: Site, visit: Visit, path: str
) -> None:
    page = visit.page
    if path == "/admin/report/":
        token = issue_admin_token(site.uow(), site.settings.secret_key, "plymouth", "browser")
        page.set_extra_http_headers({"Authorization": f"Bearer {token.token}"})
    page.goto(f"{site.url}{path}")
    expect(page).to_have_url(f"{site.url}{path}")
    if path == "/admin/report/":
        expect(page.get_by_role("img").first).to_be_visible()
    else:
        expect(page.get_by_label("Token")).to_be_visible()
    visit.assert_fits()
