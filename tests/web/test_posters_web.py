"""A youth worker's poster link: the code's PDF, with a QR code that opens the bot with it."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from starlette.testclient import TestClient

from badge_core.config import Settings, web_url
from badge_core.db import UnitOfWorkFactory
from badge_core.services.code_links import claim_links, poster_code
from badge_core.services.codes import create_claim_code
from tests.conftest import SECRET
from tests.posters.test_posters import page_text, qr_codes
from web.app import create_app


def test_a_codes_poster_is_served_with_a_qr_code_for_the_telegram_deep_link(
    settings: Settings, uow: UnitOfWorkFactory
) -> None:
    settings = dataclasses.replace(settings, telegram_bot_username="colbot_test_bot")
    client = TestClient(create_app(settings, uow))
    issued = create_claim_code(uow(), SECRET, "plymouth", "code-club-coder", max_claims=30)
    code = issued.code
    link = claim_links(settings, code, issued.valid_until).poster
    assert code not in link and code.replace("-", "") not in link  # sealed, not spelled out
    response = client.get(link.removeprefix(web_url(settings)))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert [q.text for q in qr_codes(response.content)] == [
        f"https://t.me/colbot_test_bot?start={code}"
    ]
    text = page_text(response.content)
    assert code in text and "Code Club Coder" in text


def test_an_unknown_code_has_no_poster(settings: Settings, uow: UnitOfWorkFactory) -> None:
    client = TestClient(create_app(settings, uow))
    for code in ("K7QX2-M9PTW", "nonsense", "x" * 300):
        assert client.get(f"/posters/{code}.pdf").status_code == 404


def test_the_poster_page_is_no_code_oracle(settings: Settings, uow: UnitOfWorkFactory) -> None:
    """M6: /posters/<CODE>.pdf answered 200 for a live code and 404 otherwise, uncounted: a
    way to test guesses past every claim limit."""
    client = TestClient(create_app(settings, uow))
    issued = create_claim_code(uow(), SECRET, "plymouth", "code-club-coder", max_claims=30)
    for typed in (issued.code, issued.code.replace("-", ""), issued.code.lower()):
        assert client.get(f"/posters/{typed}.pdf").status_code == 404
    link = claim_links(settings, issued.code, issued.valid_until).poster.removeprefix(
        web_url(settings)
    )
    assert client.get(link).status_code == 200
    token = link.removeprefix("/posters/").removesuffix(".pdf")
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    assert client.get(f"/posters/{tampered}.pdf").status_code == 404
    later = issued.valid_until + timedelta(days=1, minutes=1)
    assert poster_code(settings, token) == issued.code
    assert poster_code(settings, token, now=later) is None  # the link runs out with its code
