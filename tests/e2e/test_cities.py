"""Several cities on the same servers (issue 23): a learner who texts Brighton's number and
one who texts Plymouth's each find only their own city's activities, claim only their own
city's codes, hear their own city's helpline, and each city's report holds nothing of the
other's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from badge_core.citypack import load_pack, read_pack
from badge_core.matching.embedder import default_embedder
from badge_core.models import City, Learner
from badge_core.privacy import keyed_hash
from badge_core.reporting import render_html
from badge_core.services.codes import create_claim_code
from badge_core.services.insights import build_insights
from badge_core.services.learners import find_learner
from badge_core.services.vectors import index_city
from tests.conftest import PLYMOUTH, SECRET
from tests.e2e.fake_apis import SMS_NUMBER
from tests.e2e.test_channels import twilio_params, twilio_post, twiml_bodies
from tests.e2e.test_conversations import code
from tests.e2e.test_safeguarding import is_help
from tests.servers import Bot

BRIGHTON_SMS = "+447700900200"  # cities/brighton/city.yaml names it


def sms(bot: Bot, phone: str, text: str, to: str) -> str:
    return " ".join(twiml_bodies(twilio_post(bot, twilio_params(phone, text, to=to))))


def test_a_learner_in_brighton_and_one_in_plymouth_share_the_servers_not_the_city(
    bot: Bot,
) -> None:
    # a second city, loaded and indexed as `colbot city load` does, with the servers running
    load_pack(bot.uow(), read_pack(PLYMOUTH.parent / "brighton"))
    index_city(bot.uow(), "brighton", default_embedder())
    brighton, plymouth = "+447700900281", "+447700900282"
    for text in ("hi", "yes", "15", "BN1", "skip"):
        sms(bot, brighton, text, BRIGHTON_SMS)
    for text in ("hi", "yes", "15", "PL4", "skip"):
        sms(bot, plymouth, text, SMS_NUMBER)

    found_b = sms(bot, brighton, "football", BRIGHTON_SMS)
    found_p = sms(bot, plymouth, "football", SMS_NUMBER)
    assert "Portslade Victoria Rec Football" in found_b and "Hartley Park" not in found_b
    assert "Hartley Park" in found_p and "Portslade" not in found_p

    now = datetime.now(UTC)
    brighton_code = create_claim_code(
        bot.uow(), SECRET, "brighton", "bh-seafront-sport",
        valid_from=now - timedelta(minutes=5), valid_until=now + timedelta(hours=12),
    ).code  # fmt: skip
    plymouth_code = code(bot, "football-player")
    assert "don't recognise that code" in sms(bot, plymouth, brighton_code, SMS_NUMBER)
    assert "don't recognise that code" in sms(bot, brighton, plymouth_code, BRIGHTON_SMS)
    assert "earned the Seafront Sports Player badge" in sms(
        bot, brighton, brighton_code, BRIGHTON_SMS
    )
    assert "earned the Football Player badge" in sms(bot, plymouth, plymouth_code, SMS_NUMBER)

    # help is the learner's own city's, after the national lines
    helped = sms(bot, brighton, "i dont want to be alive anymore", BRIGHTON_SMS)
    assert "01273 290400" in helped and "01752" not in helped

    brighton_report = render_html(build_insights(bot.uow(), "brighton"))
    for plymouth_thing in ("Plymouth", "Football Player", "Hartley Park", "Argyle"):
        assert plymouth_thing not in brighton_report
    plymouth_report = render_html(build_insights(bot.uow(), "plymouth"))
    for brighton_thing in ("Brighton", "Seafront Sports Player", "Portslade", "Hove"):
        assert brighton_thing not in plymouth_report


def test_a_disclosure_with_another_citys_district_on_a_shared_number_gets_help_and_moves_no_one(
    bot: Bot,
) -> None:
    """The district answer can move a learner to another city (settle_district): words that
    disclose risk are safeguarding's first, and settle nothing."""
    load_pack(bot.uow(), read_pack(PLYMOUTH.parent / "brighton"))
    phone, shared = "+447700900283", "+447700900999"  # a number no pack names as its own
    for text in ("hi", "yes", "15"):
        sms(bot, phone, text, shared)
    said = sms(bot, phone, "BN1 but i dont want to be alive anymore", shared)
    assert is_help([said]) and "Which part" not in said, said
    profile = find_learner(bot.uow(), SECRET, "sms", keyed_hash(SECRET, "sender", f"sms:{phone}"))
    assert profile is not None and profile.district is None
    with bot.uow() as unit:
        city = unit.session.scalar(
            select(City.slug)
            .join(Learner, Learner.city_id == City.id)
            .where(Learner.id == profile.learner_id)
        )
    assert city == "plymouth"


def test_a_learner_who_moves_city_says_so_and_takes_their_badges(bot: Bot) -> None:
    load_pack(bot.uow(), read_pack(PLYMOUTH.parent / "brighton"))
    phone = "+447700900284"
    for text in ("hi", "yes", "15", "PL4", "skip"):
        sms(bot, phone, text, SMS_NUMBER)
    assert "earned the Football Player badge" in sms(
        bot, phone, code(bot, "football-player"), SMS_NUMBER
    )

    asked = sms(bot, phone, "we moved house", SMS_NUMBER)
    assert "Where have you moved to?" in asked and "Brighton and Hove" in asked, asked
    # a disclosure as the answer gets help, and the question is not left waiting
    helped = sms(
        bot, phone, "nowhere really, mum kicked me out and im sleeping in the park", SMS_NUMBER
    )
    assert is_help([helped]) and "you're with" not in helped, helped
    assert "you're with Brighton and Hove" not in sms(bot, phone, "BN3", SMS_NUMBER)
    assert "Where have you moved to?" in sms(bot, phone, "we moved house", SMS_NUMBER)
    moved = sms(bot, phone, "hove, BN3", SMS_NUMBER)  # still texting Plymouth's number
    assert "you're with Brighton and Hove now" in moved and "badges came with you" in moved
    found = sms(bot, phone, "football", SMS_NUMBER)
    assert "Portslade Victoria Rec Football" in found and "Hartley Park" not in found
    assert "Football Player" in sms(bot, phone, "my badges", SMS_NUMBER)

    # words that disclose risk are safeguarding's first, and move no one
    helped = sms(bot, phone, "i moved to plymouth cos my stepdad hits me", SMS_NUMBER)
    assert is_help([helped]) and "you're with" not in helped, helped
    profile = find_learner(bot.uow(), SECRET, "sms", keyed_hash(SECRET, "sender", f"sms:{phone}"))
    assert profile is not None and profile.district == "BN3"
