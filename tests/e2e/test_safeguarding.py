"""Safety before meaning, through the real Rasa server and action server: a young person who
discloses risk gets help, in any state of the conversation and on every channel; the concern
reaches the safeguarding lead and nobody else; ordinary messages keep their answers."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import select

from badge_core.models import Award, Concern, Subscription
from badge_core.services.corrections import list_corrections
from badge_core.services.invites import invite_staff
from badge_core.services.learners import find_learner
from badge_core.services.safeguarding import list_concerns
from bot.nlu.risk_model import HELD_OUT, LABELLED
from tests.conftest import SECRET
from tests.e2e.fake_apis import WHATSAPP_NUMBER, FakeApis
from tests.e2e.test_channels import (
    tg_message,
    tg_post,
    tg_said,
    twilio_params,
    twilio_post,
    twiml_bodies,
)
from tests.e2e.test_conversations import code, onboard
from tests.servers import Bot

HELP = "0800 1111"  # Childline, in every safeguarding reply
# What a risk message must never get: an opt-out, the menu, a skill guess, an activity list.
NORMAL_ANSWERS = (
    "won't get any more messages",
    "I can't help with that",
    "Sorry, I didn't get that",
    "Sounds like",
    "That shows",
    "Here's what's on",
    "could suit you",
)


def is_help(replies: list[str]) -> bool:
    said = "\n".join(replies)
    return HELP in said and not any(normal in said for normal in NORMAL_ANSWERS)


def concerns(bot: Bot) -> list:
    return list_concerns(bot.uow(), SECRET, "plymouth")


def test_a_disclosure_in_the_middle_of_onboarding_gets_help_not_the_next_question(bot: Bot) -> None:
    sender = "e2e-sg-onboarding"
    bot.texts(sender, "hi")
    asked_age = bot.texts(sender, "yes")
    assert any("How old are you" in r for r in asked_age)
    replies = bot.texts(sender, "i dont want to be alive anymore")
    assert is_help(replies), replies
    assert "safeguarding lead" in replies[-1] and "can't keep it secret" in replies[-1]
    assert "How old" not in "\n".join(replies)
    # the form was put down: nothing it would have asked for was filled from those words
    assert find_learner(bot.uow(), SECRET, "rest", sender).age_band is None
    answered = bot.texts(sender, "yes")
    assert any("get in touch" in r for r in answered), answered
    [concern] = [c for c in concerns(bot) if c.text == "i dont want to be alive anymore"]
    assert (concern.category, concern.wants_contact) == ("self_harm", True)


def test_a_disclosure_as_a_reflection_is_help_and_never_kept_on_the_badge(bot: Bot) -> None:
    sender = "e2e-sg-reflection"
    onboard(bot, sender)
    claimed = bot.texts(sender, code(bot))
    assert any("What did you do today" in r for r in claimed)
    words = "it was fun but honestly i dont see the point in anything anymore"
    assert is_help(bot.texts(sender, words))
    profile = find_learner(bot.uow(), SECRET, "rest", sender)
    with bot.uow() as unit:
        award = unit.session.scalar(select(Award).where(Award.learner_id == profile.learner_id))
    assert award.evidence_narrative is None and not award.narrative_public


# The questions issue 26 added, each waiting for the learner's own words: a disclosure in
# answer to one gets help, and is not taken as the answer.
WAITING = {
    "what are you into": (["what's on"], "What are you into?"),
    "what do you enjoy": (["dunno what to do after college"], "What do you enjoy most?"),
    "which skill fits": (["i run the tuck shop at school", "no"], "Which fits better?"),
}


@pytest.mark.parametrize("question", sorted(WAITING))
def test_a_disclosure_in_answer_to_a_question_about_themselves_gets_help(
    bot: Bot, question: str
) -> None:
    sender = f"e2e-sg-{question.replace(' ', '-')}"
    onboard(bot, sender)
    said, asked = WAITING[question]
    replies = [reply for message in said for reply in bot.texts(sender, message)]
    assert asked in replies[-1], replies
    picks = [(c.id, c.chosen_skill) for c in list_corrections(bot.uow(), "plymouth", SECRET)]
    words = "i dont want to be alive anymore"
    assert is_help(bot.texts(sender, words))
    assert [c for c in concerns(bot) if c.text == words]
    assert find_learner(bot.uow(), SECRET, "rest", sender).interests == []
    after = [(c.id, c.chosen_skill) for c in list_corrections(bot.uow(), "plymouth", SECRET)]
    assert after[: len(picks)] == picks, "no correction completed by those words"


def test_a_disclosure_inside_a_search_gets_help_not_an_activity_list(bot: Bot) -> None:
    sender = "e2e-sg-search"
    onboard(bot, sender)
    assert is_help(
        bot.texts(sender, "football near PL4 saturday, also my step dad keeps hitting me")
    )


def test_a_disclosure_inside_a_reminder_request_gets_help_not_a_reminder(bot: Bot) -> None:
    sender = "e2e-sg-remind"
    onboard(bot, sender)
    bot.texts(sender, "coding")
    replies = bot.texts(sender, "remind me about the 1st one. honestly i want to die")
    assert is_help(replies) and not any("remind you" in r for r in replies)


def test_a_disclosure_inside_an_alert_request_gets_help_and_no_alert_is_kept(bot: Bot) -> None:
    sender = "e2e-sg-alert"
    onboard(bot, sender)
    with bot.uow() as unit:
        before = len(unit.session.scalars(select(Subscription)).all())
    replies = bot.texts(
        sender, "tell me when there's boxing, i need to hit something before my dad hits me again"
    )
    assert is_help(replies) and not any("I'll tell you when" in r for r in replies)
    with bot.uow() as unit:
        assert len(unit.session.scalars(select(Subscription)).all()) == before


def test_someone_in_danger_now_hears_999_first(bot: Bot) -> None:
    replies = bot.texts("e2e-sg-danger", "theres a man outside my house and im really scared")
    assert replies[0].startswith("If you are in danger now, call 999.")
    assert any("get in touch" in r for r in replies[1:])


def test_a_hard_negative_gets_its_normal_answer(bot: Bot) -> None:
    sender = "e2e-sg-hard-negative"
    onboard(bot, sender)
    for text in ("this homework is killing me", "first aid course", "im dying to go to the gig"):
        replies = bot.texts(sender, text)
        assert HELP not in "\n".join(replies), (text, replies)
    before = len(concerns(bot))
    bot.texts(sender, "drama club")
    assert len(concerns(bot)) == before


def test_a_learner_who_texted_stop_still_gets_help_on_sms(bot: Bot) -> None:
    """After STOP, Twilio itself blocks messages to the number until START, so the reply can
    only reach a phone whose opt-out Twilio did not record (the bot's own 'stop messaging
    me'); the concern is marked so the lead knows an SMS may not arrive."""
    phone = "+447700900160"
    for text in ("hi", "yes", "15", "PL4", "skip"):
        twilio_post(bot, twilio_params(phone, text))
    assert twiml_bodies(twilio_post(bot, twilio_params(phone, "STOP"))) == []
    assert twiml_bodies(twilio_post(bot, twilio_params(phone, "what's on"))) == []  # still quiet
    bodies = twiml_bodies(twilio_post(bot, twilio_params(phone, "i want to die")))
    assert is_help(bodies), bodies
    assert all(len(body) <= 306 for body in bodies)
    assert "0800 1111" in bodies[0] and "116 123" in bodies[0]  # numbers whole, not split
    [concern] = [c for c in concerns(bot) if c.text == "i want to die"]
    assert concern.channel == "sms" and concern.learner_opted_out
    # and the yes/no works by number on SMS
    answered = twiml_bodies(twilio_post(bot, twilio_params(phone, "1")))
    assert any("get in touch" in b for b in answered), answered


def test_whatsapp_and_telegram_disclosures_get_help(bot: Bot, fake_apis: FakeApis) -> None:
    sender = "whatsapp:+447700900161"
    bodies = twiml_bodies(
        twilio_post(
            bot, twilio_params(sender, "a guy keeps asking me for pics", to=WHATSAPP_NUMBER)
        )
    )
    assert is_help(bodies) and "ceop" in "\n".join(bodies).lower()
    chat_id = 93000001
    tg_post(bot, tg_message(chat_id, "im being bullied every day at school and i cant take it"))
    sent = tg_said(fake_apis, chat_id)
    assert is_help([m["text"] for m in sent])
    buttons = {b["text"] for row in sent[-1]["reply_markup"]["inline_keyboard"] for b in row}
    assert buttons == {"Yes please", "No thanks"}
    channels = {c.channel for c in concerns(bot)}
    assert {"whatsapp", "telegram"} <= channels


def test_the_concern_is_shown_to_the_safeguarding_lead_and_to_no_other_staff(
    bot: Bot, fake_apis: FakeApis
) -> None:
    bot.texts("e2e-sg-for-lead", "my mums boyfriend hits me")
    lead, worker = 93000002, 93000003
    for chat, role in ((lead, "safeguarding-lead"), (worker, "issuer")):
        invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-youth-service", role)
        tg_post(bot, tg_message(chat, invite.code))
    before_lead, before_worker = len(tg_said(fake_apis, lead)), len(tg_said(fake_apis, worker))
    tg_post(bot, tg_message(lead, "concerns"))
    tg_post(bot, tg_message(worker, "concerns"))
    shown = "\n".join(m["text"] for m in tg_said(fake_apis, lead, before_lead))
    assert "my mums boyfriend hits me" in shown and "abuse" in shown
    refused = "\n".join(m["text"] for m in tg_said(fake_apis, worker, before_worker))
    assert "only for safeguarding leads" in refused and "boyfriend" not in refused


def test_no_held_out_risk_message_is_answered_with_an_opt_out_or_lost_in_a_menu(bot: Bot) -> None:
    """Every risk message of the held-out set, each from a new learner: none is read as STOP
    (the failure that started this), and the share that gets help is the detector's recall
    (docs/benchmarks.md): a message the detector misses gets its ordinary answer."""
    fresh = yaml.safe_load((LABELLED / HELD_OUT).read_text())["risk"]
    helped, missed = 0, []
    for n, text in enumerate(t for texts in fresh.values() for t in texts):
        replies = bot.texts(f"e2e-sg-set-{n}", text)
        assert not any("won't get any more messages" in r for r in replies), text
        if is_help(replies):
            helped += 1
        else:
            missed.append(text)
    total = helped + len(missed)
    assert helped / total >= 0.95, f"{len(missed)} of {total} got their ordinary answer: {missed}"
    with bot.uow() as unit:
        assert unit.session.scalar(select(Concern.id).limit(1)) is not None
