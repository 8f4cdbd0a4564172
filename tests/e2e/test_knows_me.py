"""It knows me (issue 26), through the real Rasa server and action server, on SMS and Telegram:
a learner's "No" to a skill the bot read in their words, and the skill they meant, reach the
city team's corrections; "what's on" ranked for them, and "more like this"; pathways from
their badges, and two questions before any suggestion for a vague goal; a rating after a claim
at an activity, and what a learner tells its organisers."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select
from telegram import CallbackQuery, Chat, Message, Update

from badge_core.models import Rating
from badge_core.services.corrections import list_corrections
from tests.conftest import SECRET
from tests.e2e.fake_apis import FakeApis
from tests.e2e.test_channels import (
    _ids,
    _tg_user,
    sms_reply,
    tg_message,
    tg_post,
    tg_said,
    twilio_params,
    twilio_post,
    twiml_bodies,
)
from tests.e2e.test_conversations import code
from tests.servers import Bot

# The demo spine reads this as Volunteering, unsure; the learner meant Enterprise.
WORDS = "i run the tuck shop at school"
ONBOARDING = ("hi", "yes", "15", "PL4", "skip")
BEAT_LAB = "beat-lab-stonehouse"


def _correction_of(bot: Bot, before: int) -> tuple[str, str | None]:
    found = list_corrections(bot.uow(), "plymouth", SECRET)[before:]
    assert len(found) == 1, found
    return found[0].wrong_skill, found[0].chosen_skill


def test_on_sms_a_no_then_a_numbered_pick_is_kept_for_the_city_team(bot: Bot) -> None:
    phone = "+447700900261"
    for text in ONBOARDING:
        twiml_bodies(twilio_post(bot, twilio_params(phone, text)))
    before = len(list_corrections(bot.uow(), "plymouth", SECRET))
    asked = sms_reply(bot, phone, WORDS)
    assert "Sounds like Volunteering. Is that right?" in asked, asked
    which = sms_reply(bot, phone, "2")  # 2 = No
    assert "Which fits better?" in which and "Something else" in which, which
    number = next(
        line.split()[0]
        for line in which.replace("Reply ", "\n").splitlines()
        if "Enterprise and money" in line
    )
    picked = sms_reply(bot, phone, number.strip(":."))
    assert "Enterprise and money it is!" in picked, picked
    assert _correction_of(bot, before) == ("volunteering", "enterprise")


def _press(bot: Bot, chat_id: int, data: str) -> None:
    shown = Message(message_id=1, date=datetime.now(UTC), chat=Chat(id=chat_id, type="private"))
    press = Update(
        update_id=next(_ids),
        callback_query=CallbackQuery(
            id=f"cb{next(_ids)}",
            from_user=_tg_user(chat_id),
            chat_instance="ci",
            data=data,
            message=shown,
        ),
    )
    assert tg_post(bot, press).status_code == 200


def _buttons(message: dict) -> dict[str, str]:
    keyboard = message["reply_markup"]["inline_keyboard"]
    return {b["text"]: b["callback_data"] for row in keyboard for b in row}


def test_on_telegram_a_no_then_a_button_pick_is_kept_for_the_city_team(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id = 91000261
    for text in ("/start", "yes", "15", "PL4", "skip"):
        tg_post(bot, tg_message(chat_id, text))
    before = len(list_corrections(bot.uow(), "plymouth", SECRET))
    seen = len(tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, WORDS))
    asked = tg_said(fake_apis, chat_id, seen)[-1]
    assert "Sounds like Volunteering" in asked["text"]
    seen = len(tg_said(fake_apis, chat_id))
    _press(bot, chat_id, _buttons(asked)["No"])
    which = tg_said(fake_apis, chat_id, seen)[-1]
    assert "Which fits better?" in which["text"]
    options = _buttons(which)
    assert "Enterprise and money" in options and "Something else" in options
    assert "Volunteering" not in options
    seen = len(tg_said(fake_apis, chat_id))
    _press(bot, chat_id, options["Enterprise and money"])
    assert "Enterprise and money it is!" in tg_said(fake_apis, chat_id, seen)[-1]["text"]
    assert _correction_of(bot, before) == ("volunteering", "enterprise")


# ---- What's on for you ------------------------------------------------------------------


def test_on_sms_whats_on_asks_what_they_are_into_then_ranks_for_them(bot: Bot) -> None:
    phone = "+447700900262"
    for text in ONBOARDING:  # interests skipped at onboarding
        twiml_bodies(twilio_post(bot, twilio_params(phone, text)))
    asked = sms_reply(bot, phone, "whats on")
    assert "What are you into?" in asked, asked
    ranked = sms_reply(bot, phone, "football n drawin")
    assert "Here's what's on for you" in ranked, ranked
    assert "Because you're into football" in ranked or "Because you're into drawing" in ranked
    like = sms_reply(bot, phone, "more like 1")
    assert like.startswith(("More like", "Nothing else like")), like
    # kept: the next "what's on" is ranked at once, without the question
    again = sms_reply(bot, phone, "what's on")
    assert "Here's what's on for you" in again, again


def test_on_telegram_interests_from_onboarding_rank_whats_on_at_once(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id = 91000262
    for text in ("/start", "yes", "15", "PL1", "making music"):
        tg_post(bot, tg_message(chat_id, text))
    seen = len(tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, "anything for me?"))
    [reply] = tg_said(fake_apis, chat_id, seen)
    assert "what's on for you" in reply["text"], reply["text"]
    assert "Because you're into music" in reply["text"]
    seen = len(tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, "anything similar to the first one?"))
    assert tg_said(fake_apis, chat_id, seen)[-1]["text"].startswith(("More like", "Nothing else"))


# ---- Pathways from what I've done, and vague goals ----------------------------------------


def _option(body: str, title: str) -> str:
    """The number an SMS menu gives ``title`` ("1 Essential skills" or "Reply 1 for ...")."""
    match = re.search(rf"(\d+)\W+(?:for\s+)?{re.escape(title)}", body)
    assert match, body
    return match.group(1)


def test_on_sms_a_vague_goal_gets_two_questions_then_a_suggestion(bot: Bot) -> None:
    phone = "+447700900263"
    for text in ONBOARDING:
        twiml_bodies(twilio_post(bot, twilio_params(phone, text)))
    clear = sms_reply(bot, phone, "i want to be a nurse")
    assert "Sounds like Health and care could suit you" in clear, clear
    enjoy = sms_reply(bot, phone, "dunno what to do after college")
    assert "What do you enjoy most?" in enjoy and "Creative skills" in enjoy, enjoy
    picked = _option(enjoy, "Creative skills")
    good_at = sms_reply(bot, phone, picked)
    assert "what are you good at?" in good_at, good_at
    said = sms_reply(bot, phone, "drawing and editing vids")
    assert "Sounds like Creative industries could suit you" in said, said


def test_on_telegram_my_badges_lead_to_the_pathway_they_build(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id = 91000263
    for text in ("/start", "yes", "15", "PL1", "skip"):
        tg_post(bot, tg_message(chat_id, text))
    seen = len(tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, "what could my badges lead to"))
    none_yet = tg_said(fake_apis, chat_id, seen)[-1]
    assert "You haven't got any badges yet" in none_yet["text"]
    assert "Digital skills" in _buttons(none_yet)
    tg_post(bot, tg_message(chat_id, "skip"))  # the two questions, answered with nothing
    tg_post(bot, tg_message(chat_id, "skip"))
    tg_post(bot, tg_message(chat_id, code(bot)))  # Beat Maker
    tg_post(bot, tg_message(chat_id, "skip"))  # "what did you do today?"
    seen = len(tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, "what could my badges lead to"))
    said = tg_said(fake_apis, chat_id, seen)[-1]["text"]
    assert "Your badges are taking you towards Creative industries" in said, said
    assert "You've done 2 of" in said


# ---- Youth voice -------------------------------------------------------------------------


def _rating_of(bot: Bot) -> list[tuple[int, bool]]:
    with bot.uow() as unit:
        return [
            (r.score, r.sealed_comment is not None)
            for r in unit.session.scalars(select(Rating).order_by(Rating.id))
        ]


def test_on_sms_a_claim_at_an_activity_is_rated_and_the_organisers_told(bot: Bot) -> None:
    phone = "+447700900264"
    for text in ONBOARDING:
        twiml_bodies(twilio_post(bot, twilio_params(phone, text)))
    before = _rating_of(bot)
    claimed = sms_reply(bot, phone, code(bot, activity_key=BEAT_LAB))
    assert "How was Beat Lab" in claimed and "Not good" in claimed, claimed
    asked = sms_reply(bot, phone, _option(claimed, "Not good"))
    assert "Anything to tell the organisers?" in asked, asked
    told = sms_reply(bot, phone, "too loud, couldnt hear")
    assert "Passed on" in told and "What did you do today" in told, told
    assert _rating_of(bot)[len(before) :] == [(1, True)]


def test_on_telegram_a_rating_is_one_tap_and_a_risk_told_to_the_organisers_gets_help(
    bot: Bot, fake_apis: FakeApis
) -> None:
    chat_id = 91000264
    for text in ("/start", "yes", "15", "PL1", "skip"):
        tg_post(bot, tg_message(chat_id, text))
    before = _rating_of(bot)
    seen = len(tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, code(bot, activity_key=BEAT_LAB)))
    asked = tg_said(fake_apis, chat_id, seen)[-1]
    assert "How was Beat Lab" in asked["text"]
    seen = len(tg_said(fake_apis, chat_id))
    _press(bot, chat_id, _buttons(asked)["👍 Good"])
    assert "Anything to tell the organisers?" in tg_said(fake_apis, chat_id, seen)[-1]["text"]
    seen = len(tg_said(fake_apis, chat_id))
    tg_post(bot, tg_message(chat_id, "one of the leaders keeps touching me and i hate it"))
    help_given = " ".join(m["text"] for m in tg_said(fake_apis, chat_id, seen))
    assert "0800 1111" in help_given, help_given  # Childline: safety before meaning
    assert _rating_of(bot)[len(before) :] == [(3, False)], "a disclosure is never a comment"
