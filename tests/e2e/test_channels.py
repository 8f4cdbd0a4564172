"""The Telegram and Twilio connectors, through the real Rasa server and action server.

Telegram updates are built with python-telegram-bot's own classes and Twilio requests are
signed with twilio's own code; what the bot sends out is caught by a local fake of both APIs.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import select
from telegram import CallbackQuery, Chat, Location, Message, Sticker, Update, User
from twilio.request_validator import RequestValidator

from badge_core.models import Award, ChannelIdentity, Learner
from badge_core.privacy import keyed_hash
from badge_core.queries.learners import identity_hash
from tests.conftest import REST_SECRET, SECRET
from tests.e2e.fake_apis import (
    PUBLIC_URL,
    SMS_NUMBER,
    TELEGRAM_SECRET,
    TWILIO_TOKEN,
    WHATSAPP_NUMBER,
    FakeApis,
)
from tests.e2e.test_conversations import code
from tests.servers import Bot

GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)
_ids = itertools.count(1000)


# ---- Telegram -------------------------------------------------------------------------


def _tg_user(chat_id: int) -> User:
    return User(id=chat_id, first_name="Sam", is_bot=False)


def tg_message(
    chat_id: int, text: str | None = None, chat_type: str = "private", **extra: Any
) -> Update:
    message = Message(
        message_id=next(_ids),
        date=datetime.now(UTC),
        chat=Chat(id=chat_id, type=chat_type),
        from_user=_tg_user(chat_id),
        text=text,
        **extra,
    )
    return Update(update_id=next(_ids), message=message)


def tg_post(
    bot: Bot, update: Update | dict, secret: str | None = TELEGRAM_SECRET
) -> httpx.Response:
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    body = update.to_dict() if isinstance(update, Update) else update
    return httpx.post(
        f"{bot.url}/webhooks/telegram/webhook", json=body, headers=headers, timeout=60
    )


def tg_said(apis: FakeApis, chat_id: int, since: int = 0) -> list[dict[str, Any]]:
    return apis.telegram_messages(chat_id)[since:]


def test_telegram_refuses_requests_without_the_secret_token(bot: Bot, fake_apis: FakeApis) -> None:
    chat_id = 91000001
    for secret in (None, "", "wrong", TELEGRAM_SECRET + "x"):
        assert tg_post(bot, tg_message(chat_id, "hi"), secret).status_code == 403
    assert tg_said(fake_apis, chat_id) == []


def test_telegram_start_greets_with_a_keyboard_and_a_button_press_answers(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id = 91000002
    assert tg_post(bot, tg_message(chat_id, "/start")).status_code == 200
    sent = tg_said(fake_apis, chat_id)
    assert sent, "the bot answered /start"
    assert sent[-1]["parse_mode"] == "HTML"
    keyboard = sent[-1]["reply_markup"]["inline_keyboard"]
    buttons = {b["text"]: b["callback_data"] for row in keyboard for b in row}
    assert set(buttons) == {"Yes", "No"}
    assert all(len(data.encode()) <= 64 for data in buttons.values())

    before = len(sent)
    shown = Message(message_id=1, date=datetime.now(UTC), chat=Chat(id=chat_id, type="private"))
    press = Update(
        update_id=next(_ids),
        callback_query=CallbackQuery(
            id="cb1",
            from_user=_tg_user(chat_id),
            chat_instance="ci",
            data=buttons["Yes"],
            message=shown,
        ),
    )
    assert tg_post(bot, press).status_code == 200
    assert any(s.method == "answerCallbackQuery" for s in fake_apis.sent)
    assert any("How old are you" in m["text"] for m in tg_said(fake_apis, chat_id, before))


def test_telegram_ignores_repeated_updates_and_edited_messages(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id = 91000003
    update = tg_message(chat_id, "hi")
    tg_post(bot, update)
    count = len(tg_said(fake_apis, chat_id))
    assert count > 0
    assert tg_post(bot, update).status_code == 200  # Telegram retried the same update_id
    edited = Update(update_id=next(_ids), edited_message=update.message)
    assert tg_post(bot, edited).status_code == 200
    assert len(tg_said(fake_apis, chat_id)) == count


def test_telegram_group_chats_are_asked_to_message_directly_and_nothing_is_stored(
    bot: Bot, fake_apis: FakeApis
) -> None:
    group_id = -91000004
    tg_post(bot, tg_message(group_id, "/start", chat_type="group"))
    tg_post(bot, tg_message(group_id, "football near PL4", chat_type="supergroup"))
    said = tg_said(fake_apis, group_id)
    assert len(said) == 2 and all("Message me directly" in m["text"] for m in said)
    assert str(group_id) not in bot.tracker_db.read_bytes().decode("latin-1")


def test_telegram_stickers_and_locations_get_a_friendly_answer_and_locations_are_not_kept(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id = 91000005
    sticker = Sticker(
        file_id="f",
        file_unique_id="u",
        width=1,
        height=1,
        is_animated=False,
        is_video=False,
        type="regular",
    )
    tg_post(bot, tg_message(chat_id, sticker=sticker))
    tg_post(bot, tg_message(chat_id, location=Location(longitude=-4.1427, latitude=50.3755)))
    texts = [m["text"] for m in tg_said(fake_apis, chat_id)]
    assert "only read text" in texts[0] and "don't use locations" in texts[1]
    stored = (
        bot.tracker_db.read_bytes() + Path(bot.database_url.removeprefix("sqlite:///")).read_bytes()
    )
    assert b"50.3755" not in stored and b"-4.1427" not in stored


def test_a_telegram_deep_link_claims_the_code_in_it(bot: Bot, fake_apis: FakeApis) -> None:
    chat_id = 91000006
    issued = code(bot)
    tg_post(bot, tg_message(chat_id, f"/start {issued}"))
    assert any("I need your OK first" in m["text"] for m in tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, "yes"))
    tg_post(bot, tg_message(chat_id, "15"))
    assert any(
        "You've earned the Beat Maker badge" in m["text"] for m in tg_said(fake_apis, chat_id)
    )
    with bot.uow() as unit:
        channels = unit.session.scalars(
            select(ChannelIdentity.channel).join(
                Award, Award.learner_id == ChannelIdentity.learner_id
            )
        ).all()
    assert "telegram" in channels


# ---- Twilio ---------------------------------------------------------------------------

PATH = "/webhooks/twilio/webhook"


def twilio_params(sender: str, body: str, to: str = SMS_NUMBER, **extra: str) -> dict[str, str]:
    return {
        "MessageSid": f"SM{next(_ids):032d}",
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": to,
        "Body": body,
        "NumMedia": "0",
        **extra,
    }


def twilio_post(
    bot: Bot,
    params: dict[str, str],
    *,
    token: str = TWILIO_TOKEN,
    url: str = PUBLIC_URL + PATH,
    signature: str | None = None,
    body: dict[str, str] | None = None,
) -> httpx.Response:
    signed = RequestValidator(token).compute_signature(url, params)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature != "":
        headers["X-Twilio-Signature"] = signature or signed
    return httpx.post(
        bot.url + PATH, content=urlencode(body or params), headers=headers, timeout=30
    )


def twiml_bodies(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    assert "xml" in response.headers["content-type"]
    import html

    return [html.unescape(b) for b in re.findall(r"<Message>(.*?)</Message>", response.text, re.S)]


def sms_reply(bot: Bot, phone: str, text: str) -> str:
    """What the bot answers ``text`` sent by SMS from ``phone``, its messages joined."""
    return " ".join(twiml_bodies(twilio_post(bot, twilio_params(phone, text))))


def test_sms_replies_come_back_as_gsm7_twiml_with_numbered_options(bot: Bot) -> None:
    phone = "+447700900101"
    first = twiml_bodies(twilio_post(bot, twilio_params(phone, "hi")))
    assert first and all(set(b) <= GSM7 and len(b) <= 306 for b in first)
    assert "Reply 1" in first[-1] or "1 Yes" in first[-1] or "1 for Yes" in first[-1]
    second = twiml_bodies(twilio_post(bot, twilio_params(phone, "1")))  # 1 = Yes
    assert any("How old are you" in b for b in second)


@pytest.mark.parametrize("forgery", ["missing", "wrong token", "wrong url", "tampered body"])
def test_forged_twilio_requests_get_403_and_nothing_happens(bot: Bot, forgery: str) -> None:
    phone = "+447700900102"
    params = twilio_params(phone, "hi")
    kwargs: dict[str, Any] = {
        "missing": {"signature": ""},
        "wrong token": {"token": "not-the-token"},
        "wrong url": {"url": "https://evil.example.org" + PATH},
        "tampered body": {"body": {**params, "Body": "STOP"}},
    }[forgery]
    assert twilio_post(bot, params, **kwargs).status_code == 403
    # the same message, properly signed, is then new to the bot: a welcome, not a repeat
    assert any("OK?" in b for b in twiml_bodies(twilio_post(bot, params)))


def test_a_replayed_message_sid_is_answered_once(bot: Bot) -> None:
    params = twilio_params("+447700900103", "hi")
    assert twiml_bodies(twilio_post(bot, params))
    assert twiml_bodies(twilio_post(bot, params)) == []


def test_stop_records_an_opt_out_sends_nothing_and_start_resumes(bot: Bot) -> None:
    phone = "+447700900104"
    for text in ("hi", "yes", "15", "PL4", "skip"):
        twilio_post(bot, twilio_params(phone, text))
    assert twiml_bodies(twilio_post(bot, twilio_params(phone, "Stop"))) == []
    with bot.uow() as unit:
        opted = unit.session.scalars(
            select(Learner.opted_out_at)
            .join(ChannelIdentity)
            .where(ChannelIdentity.channel == "sms")
        ).all()
    assert any(opted)
    assert twiml_bodies(twilio_post(bot, twilio_params(phone, "what's on"))) == []
    # Twilio's own opt-in keyword handling reports OptOutType=START
    resumed = twiml_bodies(twilio_post(bot, twilio_params(phone, "start", OptOutType="START")))
    assert resumed
    assert twiml_bodies(twilio_post(bot, twilio_params(phone, "help")))


def test_after_stop_on_sms_only_twilios_opt_in_words_resume(bot: Bot) -> None:
    """Twilio blocks every reply to an opted-out number until START, UNSTOP or YES: "hi
    again" (read as a restart) got a "You're back!" the learner never received."""
    phone = "+447700900114"
    for text in ("hi", "yes", "15", "PL4", "skip"):
        twilio_post(bot, twilio_params(phone, text))
    assert twiml_bodies(twilio_post(bot, twilio_params(phone, "STOP"))) == []
    for text in ("hi again", "start again", "i want to start again"):
        assert twiml_bodies(twilio_post(bot, twilio_params(phone, text))) == [], text
    back = twiml_bodies(twilio_post(bot, twilio_params(phone, "YES", OptOutType="START")))
    assert any("You're back" in b for b in back), back
    with bot.uow() as unit:
        still_out = unit.session.scalars(
            select(Learner.opted_out_at)
            .join(ChannelIdentity)
            .where(
                ChannelIdentity.channel == "sms",
                ChannelIdentity.address_hash
                == identity_hash(SECRET, "sms", keyed_hash(SECRET, "sender", f"sms:{phone}")),
            )
        ).all()
    assert still_out == [None]
    assert twiml_bodies(twilio_post(bot, twilio_params(phone, "what's on")))  # answered again


def test_a_child_sent_someone_elses_link_code_can_say_no_and_keeps_their_badges(
    bot: Bot, fake_apis: FakeApis
) -> None:
    """M7: LINK merged accounts with no confirmation, so a child talked into sending another
    person's link code handed over their badges."""
    stranger, child = 91000017, "+447700900117"
    for text in ("/start", "yes", "19", "PL4", "skip"):
        tg_post(bot, tg_message(stranger, text))
    tg_post(bot, tg_message(stranger, "link"))
    lure = re.search(r"LINK (\d{4} \d{4})", tg_said(fake_apis, stranger)[-1]["text"]).group(1)
    for text in ("hi", "yes", "13", "PL4", "skip", code(bot)):
        twilio_post(bot, twilio_params(child, text))
    asked = twiml_bodies(twilio_post(bot, twilio_params(child, f"LINK {lure}")))
    assert any("your 1 badge here with another account that has 0 badges" in b for b in asked)
    assert any(
        "haven't joined anything" in b
        for b in twiml_bodies(twilio_post(bot, twilio_params(child, "2")))
    )
    badges = " ".join(twiml_bodies(twilio_post(bot, twilio_params(child, "my badges"))))
    assert "Beat Maker" in badges
    sms_pseudonym = keyed_hash(SECRET, "sender", f"sms:{child}")
    with bot.uow() as unit:
        learners = unit.session.scalars(
            select(ChannelIdentity.learner_id).where(
                ChannelIdentity.address_hash.in_(
                    [
                        identity_hash(SECRET, "sms", sms_pseudonym),
                        identity_hash(
                            SECRET, "telegram", keyed_hash(SECRET, "sender", f"telegram:{stranger}")
                        ),
                    ]
                )
            )
        ).all()
    assert len(set(learners)) == 2  # still two people


def test_whatsapp_is_its_own_channel_and_keeps_typography(bot: Bot) -> None:
    sender = "whatsapp:+447700900105"
    bodies = twiml_bodies(twilio_post(bot, twilio_params(sender, "hi", to=WHATSAPP_NUMBER)))
    assert bodies and all(len(b) <= 1600 for b in bodies)
    twiml_bodies(twilio_post(bot, twilio_params(sender, "1", to=WHATSAPP_NUMBER)))
    with bot.uow() as unit:
        channels = set(unit.session.scalars(select(ChannelIdentity.channel)))
    assert "whatsapp" in channels


def test_the_rest_channel_answers_only_with_the_secret_even_on_loopback(bot: Bot) -> None:
    """M10: "local" was decided by the socket address and the absence of X-Forwarded-For,
    which any same-host forwarder (a tunnel, nginx by default) gets past."""
    url = f"{bot.url}/webhooks/rest/webhook"
    message = {"sender": "e2e-rest-secret", "message": "hi"}
    for headers in (
        {},
        {"X-Colbot-Rest-Secret": "wrong"},
        {"X-Colbot-Rest-Secret": REST_SECRET[:-1]},
    ):
        assert httpx.post(url, json=message, headers=headers, timeout=30).status_code == 403
    allowed = httpx.post(
        url, json=message, headers={"X-Colbot-Rest-Secret": REST_SECRET}, timeout=30
    )
    assert allowed.status_code == 200


def test_the_rest_channel_never_takes_a_channel_or_metadata_from_the_body(bot: Bot) -> None:
    """M10: with input_channel and metadata from the body, a REST caller could pass a message
    off as a Telegram youth worker's, or plant a sealed address."""
    import sqlite3

    from colbot_shared.crypto import EventSealer

    sender = "e2e-rest-channel-claim"
    body = {
        "sender": sender,
        "message": "hi",
        "input_channel": "telegram",
        "metadata": {"address": "planted"},
    }
    answer = httpx.post(
        f"{bot.url}/webhooks/rest/webhook",
        json=body,
        headers={"X-Colbot-Rest-Secret": REST_SECRET},
        timeout=60,
    )
    assert answer.status_code == 200
    with sqlite3.connect(bot.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)
        ).fetchall()
    users = [EventSealer(SECRET).open(data) for (data,) in rows]
    assert users and all(u["input_channel"] == "rest" for u in users)
    assert all(not u.get("metadata") for u in users)


def test_the_webhook_is_registered_by_a_command_with_the_secret(fake_apis: FakeApis) -> None:
    import os
    import subprocess

    from tests.conftest import REPO
    from tests.e2e.fake_apis import channel_env

    python = REPO / ".venv-rasa" / "bin" / "python"
    env = {**os.environ, **channel_env(fake_apis), "COLBOT_SECRET_KEY": SECRET}
    done = subprocess.run(
        [str(python), "-m", "bot.channels", "telegram-webhook"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    [registered] = [s.fields for s in fake_apis.sent if s.method == "setWebhook"]
    assert registered["url"] == PUBLIC_URL + "/webhooks/telegram/webhook"
    assert registered["secret_token"] == TELEGRAM_SECRET
    assert TELEGRAM_SECRET not in done.stdout


def test_a_turn_too_slow_for_the_webhook_is_answered_by_rest_and_twilio_gets_an_empty_reply(
    bot: Bot, fake_apis: FakeApis, tmp_path: Path
) -> None:
    """A second Rasa server whose reply window is 0 s: every reply must go by Twilio's REST API."""
    import time

    from tests.servers import another_rasa

    with another_rasa(bot, tmp_path, COLBOT_TWILIO_REPLY_WITHIN_S="0") as slow:
        phone = "+447700900106"
        started = time.monotonic()
        immediate = twiml_bodies(twilio_post(slow, twilio_params(phone, "hi")))
        assert immediate == [] and time.monotonic() - started < 15
        sent = fake_apis.twilio_messages(phone, wait_s=30)
        assert sent and all(m["From"] == SMS_NUMBER for m in sent)
        assert any("OK?" in m["Body"] for m in sent) and all(set(m["Body"]) <= GSM7 for m in sent)
        # the numbered options still work on the next message
        twilio_post(slow, twilio_params(phone, "1"))
        deadline = time.monotonic() + 30
        later = fake_apis.twilio_messages(phone, wait_s=30)
        while (
            not any("How old are you" in m["Body"] for m in later) and time.monotonic() < deadline
        ):
            time.sleep(0.2)
            later = fake_apis.twilio_messages(phone)
        assert any("How old are you" in m["Body"] for m in later)
        log = slow.logs[0]
    assert "447700900106" not in log.read_text()


def test_link_makes_telegram_and_sms_the_same_learner_with_the_same_badges(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id, phone = 91000007, "+447700900107"
    for text in ("/start", "yes", "15", "PL4", "skip", code(bot)):
        tg_post(bot, tg_message(chat_id, text))
    assert any(
        "You've earned the Beat Maker badge" in m["text"] for m in tg_said(fake_apis, chat_id)
    )
    tg_post(bot, tg_message(chat_id, "link"))
    issued = re.search(r"LINK (\d{4} \d{4})", tg_said(fake_apis, chat_id)[-1]["text"]).group(1)

    asked = twiml_bodies(twilio_post(bot, twilio_params(phone, f"link {issued}")))
    # M7: nothing is joined before the learner says yes, knowing what would be joined
    assert any("another account that has 1 badge" in b for b in asked), asked
    linked = twiml_bodies(twilio_post(bot, twilio_params(phone, "1")))
    assert any("Linked!" in b and "1 badge" in b for b in linked), linked
    badges = " ".join(twiml_bodies(twilio_post(bot, twilio_params(phone, "my badges"))))
    assert "Beat Maker" in badges
    with bot.uow() as unit:
        owners = unit.session.execute(
            select(ChannelIdentity.channel, ChannelIdentity.learner_id).where(
                ChannelIdentity.learner_id.in_(select(Award.learner_id))
            )
        ).all()
    by_learner: dict[int, set[str]] = {}
    for channel, learner_id in owners:
        by_learner.setdefault(learner_id, set()).add(channel)
    assert {"telegram", "sms"} in by_learner.values()


# ---- Privacy: run last in this module, after every conversation above ------------------


def test_no_raw_phone_number_or_chat_id_is_stored_or_logged(bot: Bot) -> None:
    addresses = [
        "447700900101",
        "447700900104",
        "447700900105",
        "447700900107",
        "91000002",
        "91000006",
        "91000007",
    ]
    places = [bot.tracker_db, Path(bot.database_url.removeprefix("sqlite:///")), *bot.logs]
    for place in places:
        for extra in ("-wal", ""):
            path = Path(str(place) + extra)
            if not path.exists():
                continue
            content = path.read_bytes().decode("latin-1")
            for address in addresses:
                assert address not in content, f"{address} found in {path.name}"


def test_delete_my_data_leaves_no_trace_in_any_table_the_tracker_or_the_logs(bot: Bot) -> None:
    """An SMS learner who earned a badge and told the bot about it asks for erasure; then
    every table, the conversation store and the server logs are searched for anything of them."""
    from sqlalchemy import inspect as sa_inspect
    from sqlalchemy import text as sql

    from badge_core.models import Award, ChannelIdentity, Learner
    from badge_core.privacy import keyed_hash
    from badge_core.queries.learners import identity_hash
    from tests.conftest import SECRET

    phone, story = "+447700900301", "i built a zorblax volcano with my cousin"
    pseudonym = keyed_hash(SECRET, "sender", f"sms:{phone}")
    for message in ("hi", "1", "15", "PL4", "skip", code(bot), story, "yes"):
        twilio_post(bot, twilio_params(phone, message))
    with bot.uow() as unit:
        learner = unit.session.scalar(
            select(Learner)
            .join(ChannelIdentity)
            .where(ChannelIdentity.address_hash == identity_hash(SECRET, "sms", pseudonym))
        )
        award = unit.session.scalar(select(Award).where(Award.learner_id == learner.id))
        traces = [
            learner.public_id,
            award.public_id,
            "zorblax",
            pseudonym,
            identity_hash(SECRET, "sms", pseudonym),
        ]
    assert "zorblax" in (award.evidence_narrative or ""), "the reflection was kept before erasure"

    twilio_post(bot, twilio_params(phone, "delete my data"))
    assert any("deleted" in b for b in twiml_bodies(twilio_post(bot, twilio_params(phone, "yes"))))

    with bot.uow() as unit:
        for table in sa_inspect(unit.session.bind).get_table_names():
            rows = unit.session.execute(sql(f'SELECT * FROM "{table}"')).all()
            dumped = repr(rows)
            for trace in traces:
                assert trace not in dumped, f"{trace} left in {table}"
    files = [bot.tracker_db, Path(bot.database_url.removeprefix("sqlite:///")), *bot.logs]
    for path in files:
        for candidate in (path, Path(f"{path}-wal")):
            if candidate.exists():
                content = candidate.read_bytes().decode("latin-1")
                for trace in [*traces, "447700900301"]:
                    assert trace not in content, f"{trace} left in {candidate.name}"
