"""A youth worker's poster link: the code's PDF, with a QR code that opens the bot with it."""

from __future__ import annotations

import dataclasses

from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.services.codes import create_claim_code
from tests.conftest import SECRET
from tests.posters.test_posters import page_text, qr_codes
from web.app import create_app
from web.settings import WebSettings


def test_a_codes_poster_is_served_with_a_qr_code_for_the_telegram_deep_link(
    settings: Settings, uow: UnitOfWorkFactory
) -> None:
    settings = dataclasses.replace(settings, telegram_bot_username="colbot_test_bot")
    client = TestClient(create_app(settings, WebSettings(), uow))
    code = create_claim_code(uow(), SECRET, "plymouth", "code-club-coder", max_claims=30).code
    response = client.get(f"/posters/{code.lower().replace('-', '')}.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert [q.text for q in qr_codes(response.content)] == [
        f"https://t.me/colbot_test_bot?start={code}"
    ]
    text = page_text(response.content)
    assert code in text and "Code Club Coder" in text


def test_an_unknown_code_has_no_poster(settings: Settings, uow: UnitOfWorkFactory) -> None:
    client = TestClient(create_app(settings, WebSettings(), uow))
    for code in ("K7QX2-M9PTW", "nonsense", "x" * 300):
        assert client.get(f"/posters/{code}.pdf").status_code == 404
