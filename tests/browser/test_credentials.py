"""A badge's public page and "check a badge", as a visitor uses them.

The award is made the way the bot makes one (tests/credentials/conftest.py): a learner
registers, a youth worker's claim code is claimed. Its page is /credentials/<public id>."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from badge_core.credentials.baking import unbake_png, unbake_svg
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import register_learner
from badge_core.services.sharing import share_badges
from badge_core.services.skills import add_reflection, publish_reflection
from tests.browser.conftest import Site, Visit, expect
from tests.conftest import SECRET

BADGE = "Code Club Coder"  # code-club-coder in cities/plymouth
ISSUER = "Plymouth"  # the city issues its badges
_learners = itertools.count(1)


def _award(site: Site, reflection: str | None = None) -> str:
    """A new learner's code-club-coder award; its public id."""
    sender = f"+44770091{next(_learners):04d}"
    learner = register_learner(site.uow(), SECRET, "plymouth", "whatsapp", sender, age_band="16-18")
    code = create_claim_code(
        site.uow(), SECRET, "plymouth", "code-club-coder", activity_key="code-club-central"
    )
    award = claim_badge(site.uow(), SECRET, learner.learner_id, code.code).award_public_id
    if reflection is not None:
        add_reflection(site.uow(), learner.learner_id, award, reflection)
        publish_reflection(site.uow(), learner.learner_id, award, public=True)
    return award


def _signed(site: Site, visit: Visit, award: str) -> dict[str, Any]:
    answer = visit.page.request.get(f"{site.url}/credentials/{award}.json")
    assert answer.ok, answer.status
    return answer.json()


def test_a_badge_page_shows_the_badge_and_its_issuer_and_its_links_work(
    site: Site, visit: Visit
) -> None:
    award = _award(site, reflection="I helped two younger kids fix their game")
    page = visit.page
    page.goto(f"{site.url}/credentials/{award}")
    expect(page).to_have_title(BADGE)
    expect(page.get_by_role("heading", level=1)).to_have_text(BADGE)
    expect(page.locator("p", has_text="Issued by")).to_contain_text(f"Issued by {ISSUER} on ")
    expect(page.locator("p", has_text="What they did")).to_contain_text(
        "I helped two younger kids fix their game"
    )
    expect(page.get_by_text("✔ Genuine")).to_be_visible()
    visit.assert_fits()

    # the download link gives the signed credential, named for the award
    with page.expect_download() as download:
        visit.press(page.get_by_role("link", name="Download the signed badge"))
    assert download.value.suggested_filename == f"badge-{award}.json"
    credential = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert "OpenBadgeCredential" in credential["type"]
    assert credential["credentialSubject"]["achievement"]["name"] == BADGE
    assert credential["issuer"]["name"] == ISSUER
    assert credential["id"] == _signed(site, visit, award)["id"]

    visit.press(page.get_by_role("link", name="Check a badge"))
    expect(page).to_have_url(f"{site.url}/check")
    expect(page.get_by_role("heading", name="Check a badge")).to_be_visible()
    visit.assert_fits()

    # the badge's own page: what it is, who runs it and the skills it shows
    page.goto(f"{site.url}/credentials/{award}")
    visit.press(page.get_by_role("link", name="About this badge"))
    expect(page).to_have_url(f"{site.url}/cities/plymouth/badges/code-club-coder")
    expect(page.get_by_role("heading", level=1)).to_have_text(BADGE)
    visit.assert_fits()


def test_check_a_badge_says_genuine_to_a_real_one_and_refuses_junk_kindly(
    site: Site, visit: Visit
) -> None:
    credential = _signed(site, visit, _award(site))
    page = visit.page
    page.goto(f"{site.url}/check")
    expect(page.get_by_role("heading", name="Check a badge")).to_be_visible()
    box = page.get_by_role("textbox")
    check = page.get_by_role("button", name="Check", exact=True)
    visit.assert_fits()

    box.fill(json.dumps(credential, indent=2, ensure_ascii=False))
    visit.press(check)
    expect(page.get_by_text("✔ Genuine")).to_be_visible()
    expect(page.get_by_text("signed by the issuer, not changed, not revoked")).to_be_visible()
    visit.assert_fits()

    credential["credentialSubject"]["achievement"]["name"] = "Rocket Scientist"
    box.fill(json.dumps(credential, indent=2, ensure_ascii=False))
    visit.press(check)
    expect(page.get_by_text("✘ Not valid.")).to_be_visible()
    expect(page.get_by_text("✔ Genuine")).to_have_count(0)
    visit.assert_fits()

    box.fill("this is not a badge {")
    with page.expect_response(f"{site.url}/check") as answer:
        visit.press(check)
    assert answer.value.status == 200  # a refusal, not an error page
    expect(page.get_by_text("✘ That is not a badge file (it is not JSON).")).to_be_visible()
    expect(page.get_by_text("Not valid")).to_have_count(0)
    expect(box).to_be_visible()  # ready for another try
    visit.assert_fits()


def test_a_badge_downloads_as_an_image_with_the_badge_inside(site: Site, visit: Visit) -> None:
    award = _award(site)
    page = visit.page
    page.goto(f"{site.url}/credentials/{award}")
    for name in ("PNG", "SVG"):
        with page.expect_download() as download:
            visit.press(page.get_by_role("link", name=name, exact=True))
        assert download.value.suggested_filename == f"badge-{award}.{name.lower()}"
        content = Path(download.value.path()).read_bytes()
        unbake = unbake_png if name == "PNG" else lambda b: unbake_svg(b.decode("utf-8"))
        assert unbake(content)["ob3"]["id"] == f"urn:uuid:{award}"
    visit.assert_fits()


def test_a_learners_share_page_shows_their_badges_and_its_pdf(site: Site, visit: Visit) -> None:
    sender = f"+44770091{next(_learners):04d}"
    learner = register_learner(site.uow(), SECRET, "plymouth", "whatsapp", sender, age_band="16-18")
    for badge in ("code-club-coder", "beat-maker"):
        code = create_claim_code(site.uow(), SECRET, "plymouth", badge)
        claim_badge(site.uow(), SECRET, learner.learner_id, code.code)
    sharing = share_badges(site.uow(), learner.learner_id)
    assert sharing is not None
    page = visit.page
    page.goto(f"{site.url}/shared/{sharing.token}")
    expect(page).to_have_title("Skills passport")
    expect(page.get_by_role("heading", level=3)).to_have_count(2)
    expect(page.get_by_role("heading", name=BADGE)).to_be_visible()
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    visit.assert_fits()
    with page.expect_download() as download:
        visit.press(page.get_by_role("link", name="Download PDF"))
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    visit.press(page.get_by_role("link", name="Check this badge is real").first)
    expect(page.get_by_text("✔ Genuine")).to_be_visible()
    visit.assert_fits()
