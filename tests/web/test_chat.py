"""The try-it web chat page passes messages to the bot and keeps one conversation per browser."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from badge_core.config import Settings
from tests.servers import free_port
from web.app import create_app


def _client(rasa_url: str, database_url: str = "sqlite:///:memory:") -> TestClient:
    return TestClient(create_app(Settings(database_url=database_url, rasa_url=rasa_url)))


def test_the_page_sends_bot_text_to_the_screen_as_text_never_as_markup() -> None:
    page = _client("http://127.0.0.1:9").get("/chat")
    assert page.status_code == 200 and 'id="say"' in page.text
    assert ".textContent = text" in page.text and "innerHTML" not in page.text


@pytest.mark.parametrize(
    "body", [b"", b"not json", b'{"text": "hi"}', b'{"message": 5}', b'{"message": "  "}']
)
def test_a_malformed_message_gets_a_friendly_answer(body: bytes) -> None:
    response = _client("http://127.0.0.1:9").post("/chat/send", content=body)
    assert response.status_code == 400
    assert response.json()["error"]


def test_when_the_bot_is_down_the_page_says_so() -> None:
    response = _client(f"http://127.0.0.1:{free_port()}").post("/chat/send", json={"message": "hi"})
    assert response.status_code == 503
    assert "isn't answering" in response.json()["error"]


def test_one_address_cannot_flood_the_chat_or_mint_conversations() -> None:
    """M2: the try-it chat had free identities (a cookie is a learner) and no rate limit."""
    from web.chat import CONVERSATIONS_PER_HOUR, MESSAGES_PER_MINUTE

    client = _client(f"http://127.0.0.1:{free_port()}")  # the bot is down: 503, not 429
    client.cookies.set("colbot_chat", "a" * 24)
    answers = [
        client.post("/chat/send", json={"message": "hi"}).status_code
        for _ in range(MESSAGES_PER_MINUTE + 1)
    ]
    assert answers[:-1] == [503] * MESSAGES_PER_MINUTE and answers[-1] == 429
    assert "Slow down" in client.post("/chat/send", json={"message": "hi"}).json()["error"]

    fresh = _client(f"http://127.0.0.1:{free_port()}")
    new_ones = []
    for _ in range(CONVERSATIONS_PER_HOUR + 1):
        fresh.cookies.clear()  # a new browser each time
        new_ones.append(fresh.post("/chat/send", json={"message": "hi"}).status_code)
    assert new_ones[:-1] == [503] * CONVERSATIONS_PER_HOUR and new_ones[-1] == 429


def test_every_page_carries_the_security_headers() -> None:
    """Low: no CSP, HSTS, nosniff or frame-ancestors; the chat's one inline script still runs
    (allowed by its hash, so an injected script would not)."""
    import base64
    import hashlib

    from web.pages import CHAT_SCRIPT

    client = _client("http://127.0.0.1:9")
    for path in ("/", "/chat", "/check", "/healthz", "/posters/nothing.pdf"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy, path
        assert headers["x-content-type-options"] == "nosniff", path
    digest = base64.b64encode(hashlib.sha256(CHAT_SCRIPT.encode()).digest()).decode()
    chat = client.get("/chat")
    assert f"'sha256-{digest}'" in chat.headers["content-security-policy"]
    # the hash is of the page's one inline script, byte for byte as served
    assert chat.text.count("<script>") == 1 and f"<script>{CHAT_SCRIPT}</script>" in chat.text
    assert "strict-transport-security" not in client.get("/").headers  # not https here
