"""A youth worker runs an event from Telegram while a young person claims by SMS."""

from __future__ import annotations

import re

from badge_core.models import ClaimCode
from badge_core.services.invites import invite_staff
from tests.actions.support import count
from tests.conftest import SECRET
from tests.e2e.fake_apis import FakeApis
from tests.e2e.test_channels import (
    _ids,
    _tg_user,
    tg_message,
    tg_post,
    tg_said,
    twilio_params,
    twilio_post,
    twiml_bodies,
)
from tests.e2e.test_safeguarding import is_help
from tests.servers import Bot


def press(bot: Bot, chat_id: int, title: str, sent: dict) -> None:
    from datetime import UTC, datetime

    from telegram import CallbackQuery, Chat, Message, Update

    data = next(
        b["callback_data"]
        for row in sent["reply_markup"]["inline_keyboard"]
        for b in row
        if b["text"] == title
    )
    shown = Message(message_id=1, date=datetime.now(UTC), chat=Chat(id=chat_id, type="private"))
    update = Update(
        update_id=next(_ids),
        callback_query=CallbackQuery(
            id=str(next(_ids)),
            from_user=_tg_user(chat_id),
            chat_instance="ci",
            data=data,
            message=shown,
        ),
    )
    assert tg_post(bot, update).status_code == 200


def _first_session(sent: dict) -> str:
    assert sent["text"] == "Which session is it for?", sent["text"]
    return sent["reply_markup"]["inline_keyboard"][0][0]["text"]


def test_a_youth_worker_makes_a_code_on_telegram_and_a_learner_claims_it_by_sms(
    bot: Bot, fake_apis: FakeApis
) -> None:
    worker = 92000001
    invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-libraries", "issuer")
    tg_post(bot, tg_message(worker, invite.code))
    assert (
        "Welcome! You're a youth worker for Plymouth Libraries"
        in tg_said(fake_apis, worker)[-1]["text"]
    )

    tg_post(bot, tg_message(worker, "new code"))
    press(bot, worker, "Code Club Coder", tg_said(fake_apis, worker)[-1])
    press(bot, worker, "Shared, up to 30", tg_said(fake_apis, worker)[-1])
    press(
        bot, worker, _first_session(tg_said(fake_apis, worker)[-1]), tg_said(fake_apis, worker)[-1]
    )
    press(bot, worker, "Until midnight", tg_said(fake_apis, worker)[-1])
    text = tg_said(fake_apis, worker)[-1]["text"]
    code = re.search(r"Code Club Coder: (\w{5}-\w{5})", text).group(1)
    assert f"https://t.me/colbot_test_bot?start={code}" in text
    assert f"https://wa.me/447700900001?text=CLAIM%20{code}" in text

    phone = "+447700900201"
    for message in ("hi", "1", "15", "PL4", "skip"):
        twilio_post(bot, twilio_params(phone, message))
    claimed = twiml_bodies(twilio_post(bot, twilio_params(phone, f"CLAIM {code}")))
    assert any("You've earned the Code Club Coder badge" in b for b in claimed), claimed

    tg_post(bot, tg_message(worker, "my codes"))
    assert "1 of 30 claimed" in tg_said(fake_apis, worker)[-1]["text"]
    tg_post(bot, tg_message(worker, f"close {code}"))
    assert "Closed" in tg_said(fake_apis, worker)[-1]["text"]
    late = twiml_bodies(twilio_post(bot, twilio_params("+447700900202", "hi")))
    assert late  # a new learner still gets a welcome, but the closed code no longer works:
    for message in ("1", "15", "PL4", "skip"):
        twilio_post(bot, twilio_params("+447700900202", message))
    refused = twiml_bodies(twilio_post(bot, twilio_params("+447700900202", code)))
    assert any("closed" in b for b in refused), refused


def test_a_risk_message_inside_the_new_code_form_gets_help_not_the_next_question(bot: Bot) -> None:
    """Safety before meaning in the staff form too (bot/policies.py): the help, not the next
    question; the form is put down, and "new code" starts it again from the first question."""
    sender = "e2e-staff-safeguarding"
    invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-libraries", "issuer")
    assert "You're a youth worker" in bot.texts(sender, invite.code)[-1]
    assert bot.texts(sender, "new code")[-1] == "Which badge is it for?"
    asked = bot.texts(sender, '/new_code{"code_badge":"code-club-coder"}')
    assert asked[-1] == "One code everyone shares, or a code each? (Or type how many, like 25.)"
    made = count(bot.uow, ClaimCode)

    replies = bot.texts(sender, "i dont want to be alive anymore")
    assert is_help(replies), replies
    assert not any("One code" in r or "Which" in r for r in replies), replies
    assert bot.texts(sender, "new code")[-1] == "Which badge is it for?"  # afresh
    # "no" drops the form, as it used to drop the buttons
    assert bot.texts(sender, "no") == ["OK 👍"]
    assert "Which" not in "\n".join(bot.texts(sender, "my codes"))
    assert count(bot.uow, ClaimCode) == made


def test_a_youth_worker_at_a_busy_event_types_instead_of_tapping(
    bot: Bot, fake_apis: FakeApis
) -> None:
    """What the first message says fills its steps; typed answers work at each step."""
    worker = 92000007
    invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-libraries", "issuer")
    tg_post(bot, tg_message(worker, invite.code))
    tg_post(bot, tg_message(worker, "i need a code for tonight's session, about 25 kids"))
    assert tg_said(fake_apis, worker)[-1]["text"] == "Which badge is it for?"
    tg_post(bot, tg_message(worker, "code club"))
    assert tg_said(fake_apis, worker)[-1]["text"] == "Which session is it for?"
    tg_post(bot, tg_message(worker, "plympton"))
    made = tg_said(fake_apis, worker)[-1]["text"]
    assert re.search(r"Your code for Code Club Coder: \w{5}-\w{5}", made), made
    assert "Up to 25 claims" in made

    tg_post(bot, tg_message(worker, "new code"))
    press(bot, worker, "Code Club Coder", tg_said(fake_apis, worker)[-1])
    tg_post(bot, tg_message(worker, "25"))  # typed, not tapped: not the learners' help menu
    assert tg_said(fake_apis, worker)[-1]["text"] == "Which session is it for?"
    tg_post(bot, tg_message(worker, "not one session"))
    tg_post(bot, tg_message(worker, "for 3 hours"))
    assert "Up to 25 claims" in tg_said(fake_apis, worker)[-1]["text"]
    assert count(bot.uow, ClaimCode, ClaimCode.max_claims == 25) >= 2
