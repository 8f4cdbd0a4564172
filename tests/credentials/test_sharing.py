"""A learner's share link (issue 24): the badges they chose, at an unguessable address, as a
skills passport page and a one-page PDF; turned off when they say so; gone when they are."""

from __future__ import annotations

import io
from dataclasses import replace

import pypdfium2
import pytest
from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import NotFound
from badge_core.services.credentials import revoke_award
from badge_core.services.learners import erase_learner, register_learner
from badge_core.services.sharing import (
    TOKEN_BYTES,
    my_skills_story,
    share_badges,
    show_on_share_page,
    stop_sharing,
)
from tests.conftest import SECRET
from tests.credentials.conftest import PUBLIC_URL, MadeAward, MakeAward
from web.app import create_app

NOINDEX = "noindex, nofollow"


def _two_badges(make_award: MakeAward) -> tuple[MadeAward, MadeAward]:
    """One learner with Code Club Coder (reflection public) and Python Coder."""
    first = make_award(reflection="I made a maze game and fixed the score bug")
    second = make_award("python-coder", activity=None, sender_key=first.sender_key)
    assert first.learner_id == second.learner_id
    return first, second


def _client(settings: Settings, uow: UnitOfWorkFactory) -> TestClient:
    return TestClient(create_app(settings, uow))


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    assert len(document) == 1
    return document[0].get_textpage().get_text_range()


def test_a_learner_with_no_badge_has_nothing_to_share(uow: UnitOfWorkFactory) -> None:
    learner = register_learner(uow(), SECRET, "plymouth", "sms", "+447700900999")
    assert share_badges(uow(), learner.learner_id) is None
    assert share_badges(uow(), None, identity="nobody", channel="sms") is None


def test_the_share_page_shows_every_badge_with_its_public_reflection_only(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    first, _ = _two_badges(make_award)
    private = make_award("game-maker", activity=None, reflection="my secret thoughts", public=False)
    sharing = share_badges(uow(), first.learner_id)
    assert sharing is not None
    assert len(sharing.token) >= TOKEN_BYTES  # 128 random bits, URL-safe
    assert [b.name for b in sharing.badges] == ["Code Club Coder", "Python Coder"]
    assert sharing.shown == 2
    page_url = sharing.page(web_settings)
    assert page_url == f"{PUBLIC_URL}/shared/{sharing.token}"

    client = _client(web_settings, uow)
    page = client.get(_path(page_url))
    assert page.status_code == 200
    assert page.headers["x-robots-tag"] == NOINDEX
    assert "no-store" in page.headers["cache-control"]
    assert "Code Club Coder" in page.text and "Python Coder" in page.text
    assert "I made a maze game and fixed the score bug" in page.text
    assert f"/credentials/{first.award_public_id}" in page.text  # each badge can be checked
    assert "Game Maker" not in page.text  # another learner's badge
    assert "my secret thoughts" not in page.text and private.award_public_id not in page.text

    pdf = client.get(_path(page_url) + ".pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["x-robots-tag"] == NOINDEX
    text = _pdf_text(pdf.content)
    assert "Code Club Coder" in text and "Python Coder" in text


def test_a_badge_taken_off_the_page_leaves_it_until_put_back(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    first, second = _two_badges(make_award)
    sharing = share_badges(uow(), first.learner_id)
    assert sharing is not None
    client = _client(web_settings, uow)
    path = f"/shared/{sharing.token}"

    hidden = show_on_share_page(uow(), first.learner_id, second.award_public_id, False)
    assert hidden is not None and hidden.shown == 1 and hidden.token == sharing.token
    assert "Python Coder" not in client.get(path).text
    assert "Python Coder" not in _pdf_text(client.get(path + ".pdf").content)
    assert "Code Club Coder" in client.get(path).text
    again = share_badges(uow(), first.learner_id)  # asking again keeps the choice and address
    assert again is not None and (again.token, again.shown) == (sharing.token, 1)

    shown = show_on_share_page(uow(), first.learner_id, second.award_public_id, True)
    assert shown is not None and shown.shown == 2
    assert "Python Coder" in client.get(path).text


def test_nobody_can_choose_another_learners_badge(
    uow: UnitOfWorkFactory, make_award: MakeAward
) -> None:
    mine, other = make_award(), make_award("python-coder", activity=None)
    assert share_badges(uow(), mine.learner_id) is not None
    with pytest.raises(NotFound):
        show_on_share_page(uow(), mine.learner_id, other.award_public_id, True)
    # without an open link there is nothing to choose for
    assert show_on_share_page(uow(), other.learner_id, other.award_public_id, False) is None


def test_stopping_turns_the_link_off_and_the_next_one_is_new(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    first, second = _two_badges(make_award)
    old = share_badges(uow(), first.learner_id)
    assert old is not None
    show_on_share_page(uow(), first.learner_id, second.award_public_id, False)
    client = _client(web_settings, uow)

    assert stop_sharing(uow(), first.learner_id) is True
    assert stop_sharing(uow(), first.learner_id) is False  # nothing left to turn off
    for path in (f"/shared/{old.token}", f"/shared/{old.token}.pdf"):
        gone = client.get(path)
        assert gone.status_code == 410 and "turned this link off" in gone.text
        assert "Code Club Coder" not in gone.text
    assert show_on_share_page(uow(), first.learner_id, second.award_public_id, True) is None

    new = share_badges(uow(), first.learner_id)
    assert new is not None and new.token != old.token and new.shown == 2
    assert client.get(f"/shared/{new.token}").status_code == 200
    assert client.get(f"/shared/{old.token}").status_code == 410


def test_a_revoked_badge_leaves_the_page(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    first, second = _two_badges(make_award)
    sharing = share_badges(uow(), first.learner_id)
    assert sharing is not None
    revoke_award(uow(), web_settings, second.award_public_id, reason="given in error")
    page = _client(web_settings, uow).get(f"/shared/{sharing.token}").text
    assert "Code Club Coder" in page and "Python Coder" not in page


def test_erasing_the_learner_erases_their_link(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    made = make_award()
    sharing = share_badges(uow(), made.learner_id)
    assert sharing is not None
    assert erase_learner(uow(), SECRET, "whatsapp", made.sender_key)
    assert _client(web_settings, uow).get(f"/shared/{sharing.token}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/shared/AAAAAAAAAAAAAAAAAAAAAA",  # the right shape, nobody's
        "/shared/AAAAAAAAAAAAAAAAAAAAAA.pdf",
        "/shared/x",
        "/shared/%3Cscript%3E",
        "/shared/" + "A" * 200,
    ],
)
def test_an_unknown_share_link_is_not_found(
    uow: UnitOfWorkFactory, web_settings: Settings, path: str
) -> None:
    response = _client(web_settings, uow).get(path)
    assert response.status_code == 404 and "Not found" in response.text
    assert response.headers["x-robots-tag"] == NOINDEX


def test_on_a_laptop_the_link_is_the_local_web_app(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> None:
    sharing = share_badges(uow(), make_award().learner_id)
    assert sharing is not None
    settings = replace(cred_settings, local_web_url="http://127.0.0.1:8123")
    assert sharing.page(settings) == f"http://127.0.0.1:8123/shared/{sharing.token}"


def test_the_skills_story_names_the_learners_badges(
    uow: UnitOfWorkFactory, web_settings: Settings, make_award: MakeAward
) -> None:
    first, _ = _two_badges(make_award)
    story = my_skills_story(uow(), web_settings, first.learner_id)
    assert len(story) == 2
    assert sum("Code Club Coder" in s for s in story) == 1
    assert sum("Python Coder" in s for s in story) == 1
    assert all(s.endswith(".") and ".." not in s for s in story)
    assert my_skills_story(uow(), web_settings, None, identity="nobody", channel="sms") == []
