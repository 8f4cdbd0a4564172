"""An email on a learner's badges, with the real Rasa server, action server and an SMTP
server: the learner asks, sends their address, gets the code by email and sends it back;
their badge's credential then names the address as a hash a backpack matches, and neither
the database, the conversation store nor the server logs hold the address or the code."""

from __future__ import annotations

import hashlib
import json

from starlette.testclient import TestClient

from badge_core.config import Settings
from badge_core.models import Base
from tests.conftest import SECRET
from tests.e2e.test_conversations import awards_of, code, onboard
from tests.e2e.test_security import _stored_events
from tests.mail import Inbox, holds_code
from tests.servers import Bot
from web.app import create_app

ADDRESS = "amira.b2009@example.org"


def test_a_learner_puts_their_email_on_their_badge_by_chat_and_email(
    bot: Bot, smtp_server: Inbox
) -> None:
    sender = "e2e-email"
    onboard(bot, sender, age="17")
    bot.texts(sender, code(bot, "beat-maker"))
    bot.texts(sender, "skip")

    told = " ".join(bot.texts(sender, "can you put my email on my badges"))
    assert "Badgr" in told and "code" in told
    sent = " ".join(bot.texts(sender, f"sure its {ADDRESS.title()}"))
    assert "a***@example.org" in sent and "15 minutes" in sent
    emailed = smtp_server.code_sent_to(ADDRESS)
    done = " ".join(bot.texts(sender, f"{emailed[:3]} {emailed[3:]}"))
    assert "Your email is now on 1 badge" in done, done

    [award] = awards_of(bot, sender)
    web = TestClient(create_app(Settings(database_url=bot.database_url, secret_key=SECRET)))
    document = web.get(f"/credentials/{award.public_id}.json").json()
    [identity] = document["credentialSubject"]["identifier"]
    digest = hashlib.sha256((ADDRESS + identity["salt"]).encode()).hexdigest()
    assert identity["identityType"] == "emailAddress"
    assert identity["identityHash"] == f"sha256${digest}"

    # the address and the code are nowhere: tables, conversation store, logs
    with bot.uow() as unit:
        for table in Base.metadata.sorted_tables:
            rows = unit.session.execute(Base.metadata.tables[table.name].select()).all()
            for row in rows:
                values = " ".join(str(v) for v in row).lower()
                assert ADDRESS not in values, table.name
    raw, opened = _stored_events(bot, sender)
    kept = json.dumps(opened).lower()
    assert ADDRESS not in kept and "amira" not in kept and not holds_code(kept, emailed)
    assert "[email]" in kept
    for log in bot.logs:
        assert "amira" not in log.read_text(errors="replace").lower(), log.name

    off = " ".join(bot.texts(sender, "take my email off my badges"))
    assert "off your badges" in off
    again = web.get(f"/credentials/{award.public_id}.json").json()
    assert again["credentialSubject"]["identifier"][0]["identityType"] == "identifier"


def test_a_worrying_message_while_adding_an_email_gets_help_first(bot: Bot) -> None:
    sender = "e2e-email-risk"
    onboard(bot, sender, age="16")
    bot.texts(sender, "add my email to my badges")
    replies = " ".join(bot.texts(sender, "my mum reads my emails and hits me when she's angry"))
    assert "Childline" in replies or "Samaritans" in replies, replies
    assert "email address" not in replies


def test_a_fourteen_year_old_is_told_it_is_for_sixteen_and_over(
    bot: Bot, smtp_server: Inbox
) -> None:
    sender = "e2e-email-young"
    onboard(bot, sender, age="14")
    replies = " ".join(bot.texts(sender, "add my email to my badges"))
    assert "16 and over" in replies
    replies = " ".join(bot.texts(sender, "kai.young@example.org"))
    assert "16 and over" in replies
    assert smtp_server.to("kai.young@example.org") == []
