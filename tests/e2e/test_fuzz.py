"""Fuzzing every way in: Telegram and Twilio webhooks with generated bodies (missing fields,
wrong types, 2,000-character texts, emoji, control characters), the web chat, and the colbot
command line. Nothing may answer 500, raise, or store what it refused."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from tests.e2e.fake_apis import PUBLIC_URL, TELEGRAM_SECRET, TWILIO_TOKEN
from tests.servers import Bot

FUZZ = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.one_of(
    st.text(max_size=40),
    st.text(min_size=1500, max_size=2000),
    st.text(alphabet=st.characters(categories=["Cc", "So", "Cf", "Zs"]), max_size=60),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def telegram_bodies() -> st.SearchStrategy[Any]:
    chat = st.fixed_dictionaries(
        {
            "id": st.one_of(st.integers(-(10**12), 10**12), texts),
            "type": st.sampled_from(["private", "group", "channel", "x"]),
        }
    )
    message = st.fixed_dictionaries(
        {
            "message_id": st.one_of(st.integers(), texts),
            "date": st.one_of(st.integers(0, 2**31), texts),
            "chat": st.one_of(chat, json_values),
        },
        optional={
            "text": st.one_of(texts, json_values),
            "from": json_values,
            "sticker": json_values,
            "location": json_values,
        },
    )
    update = st.fixed_dictionaries(
        {},
        optional={
            "update_id": st.one_of(st.integers(0, 2**40), texts),
            "message": st.one_of(message, json_values),
            "edited_message": json_values,
            "callback_query": json_values,
        },
    )
    return st.one_of(update, json_values)


@FUZZ
@given(body=telegram_bodies())
def test_telegram_webhook_never_fails_on_any_body(bot: Bot, body: Any) -> None:
    response = httpx.post(
        f"{bot.url}/webhooks/telegram/webhook",
        content=json.dumps(body),
        headers={
            "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET,
            "Content-Type": "application/json",
        },
        timeout=60,
    )
    assert response.status_code in (200, 400), response.text


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["MessageSid", "From", "To", "Body", "OptOutType", "NumMedia", "Latitude", "X"]
        ),
        texts,
        max_size=6,
    ),
    sid=st.integers(0, 10**12),
)
def test_twilio_webhook_never_fails_on_any_signed_form(
    bot: Bot, fields: dict[str, str], sid: int
) -> None:
    fields = {k: v.replace("\x00", "") for k, v in fields.items()}
    fields.setdefault("MessageSid", f"SMfuzz{sid}")
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(
        PUBLIC_URL + "/webhooks/twilio/webhook", fields
    )
    response = httpx.post(
        f"{bot.url}/webhooks/twilio/webhook",
        content=urlencode(fields),
        headers={
            "X-Twilio-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        timeout=60,
    )
    assert response.status_code in (200, 400, 403), response.text
    if response.status_code == 200:
        assert response.text.startswith("<?xml")


@FUZZ
@given(
    body=st.one_of(json_values, st.fixed_dictionaries({"message": st.one_of(texts, json_values)}))
)
def test_the_web_chat_never_fails_on_any_body(bot: Bot, body: Any) -> None:
    from starlette.testclient import TestClient

    from badge_core.config import Settings
    from tests.conftest import REST_SECRET, SECRET
    from web.app import create_app

    client = TestClient(
        create_app(
            Settings(
                database_url=bot.database_url,
                secret_key=SECRET,
                rasa_url=bot.url,
                rest_secret=REST_SECRET,
            ),
            bot.uow,
        )
    )
    response = client.post("/chat/send", content=json.dumps(body))
    assert response.status_code in (200, 400), response.text
    assert "error" in response.json() or "messages" in response.json()


def test_nothing_refused_was_stored(bot: Bot) -> None:
    """After the fuzzing above: no NUL characters and no runaway text in what the badge core
    logged, and no interest word longer than a word."""
    from sqlalchemy import select

    from badge_core.models import Event, Learner

    with bot.uow() as unit:
        for data in unit.session.scalars(select(Event.data)):
            dumped = json.dumps(data)
            assert "\\u0000" not in dumped and len(dumped) < 4000, dumped[:200]
        for interests in unit.session.scalars(select(Learner.interests)):
            assert all(len(word) <= 60 for word in interests or [])
