"""Security findings that need the real servers (issue 21; docs/security.md lists them all).

H1: the action server runs nothing for a request that does not carry the Rasa server's
shared secret, however well it is forged. C1: the Rasa server does not start with the demo
key once a channel is configured.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
from sqlalchemy import func, select

from badge_core.models import ClaimCode
from badge_core.privacy import keyed_hash
from badge_core.services.invites import invite_staff
from tests.conftest import ACTION_SECRET, REPO, SECRET
from tests.e2e.fake_apis import FakeApis
from tests.e2e.test_channels import tg_message, tg_post, tg_said
from tests.servers import Bot, free_port, rasa_command, rasa_paths


def _forged_call(sender: str) -> dict:
    """What Rasa 3.6 posts to run ``action_new_code`` for a youth worker on Telegram, with
    the badge already chosen: an attacker needs only the worker's computable sender id."""
    message = {
        "text": "new code",
        "intent": {"name": "new_code", "confidence": 1.0},
        "entities": [{"entity": "code_badge", "value": "code-club-coder"}],
    }
    return {
        "next_action": "action_new_code",
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": message,
            "latest_event_time": 0,
            "followup_action": None,
            "paused": False,
            "events": [
                {
                    "event": "user",
                    "timestamp": 0,
                    "text": "new code",
                    "parse_data": message,
                    "input_channel": "telegram",
                },
            ],
            "latest_input_channel": "telegram",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
    }


def _codes(bot: Bot) -> int:
    with bot.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(ClaimCode))


def test_a_forged_action_call_without_the_shared_secret_is_refused_and_changes_nothing(
    bot: Bot, fake_apis: FakeApis
) -> None:
    worker = 92000091
    invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-libraries", "issuer")
    tg_post(bot, tg_message(worker, invite.code))
    assert "You're a youth worker" in tg_said(fake_apis, worker)[-1]["text"]
    assert bot.env is not None
    url = bot.env["COLBOT_ACTION_URL"]
    call = _forged_call(keyed_hash(SECRET, "sender", f"telegram:{worker}"))
    before = _codes(bot)

    for headers in (
        {},
        {"X-Colbot-Action-Secret": "guess"},
        {"X-Colbot-Action-Secret": ACTION_SECRET + "x"},
    ):
        refused = httpx.post(url, json=call, headers=headers, timeout=30)
        assert refused.status_code == 401, refused.text
        assert "new code" not in refused.text  # nothing of the request is echoed back
    listing = httpx.get(url.replace("/webhook", "/actions"), timeout=30)
    assert listing.status_code == 401
    assert _codes(bot) == before

    # The same call from Rasa (with the secret) is a valid one: the refusal above was the
    # secret's doing, not a malformed request's.
    allowed = httpx.post(
        url, json=call, headers={"X-Colbot-Action-Secret": ACTION_SECRET}, timeout=30
    )
    assert allowed.status_code == 200, allowed.text
    # action_new_code lets the youth worker in: it fills the new-code form's first slot (the
    # provider's only badge) or leaves the form to ask; a stranger would get the refusal
    answer = allowed.json()
    assert answer["events"] or answer["responses"], answer
    assert not any(r.get("response") == "utter_not_staff" for r in answer["responses"])
    assert httpx.get(url.replace("/webhook", "/health"), timeout=30).status_code == 200


def test_the_action_server_listens_on_loopback_only(bot: Bot) -> None:
    assert bot.env is not None
    port = bot.env["COLBOT_ACTION_URL"].split(":")[2].split("/")[0]
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    local = {
        line.split()[1]
        for line in listening
        if line.split()[3] == "0A"  # LISTEN
    }
    assert f"0100007F:{int(port):04X}" in local  # 127.0.0.1
    assert f"00000000:{int(port):04X}" not in local  # not 0.0.0.0


def test_the_rasa_server_refuses_to_start_with_the_demo_key_and_a_channel(
    bot: Bot, tmp_path: Path
) -> None:
    assert bot.env is not None
    env = {**bot.env, "COLBOT_SECRET_KEY": "colbot-demo-key-change-me"}
    done = subprocess.run(
        rasa_command(*rasa_paths(os.environ), free_port()),
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode != 0
    assert "COLBOT_SECRET_KEY is the public demo key" in done.stdout + done.stderr


def _stored_events(bot: Bot, sender: str) -> tuple[list[str], list[dict]]:
    """The tracker store's rows for ``sender``, as stored and as opened with the key."""
    import sqlite3

    from colbot_shared.crypto import EventSealer

    with sqlite3.connect(bot.tracker_db) as db:
        raw = [
            data
            for (data,) in db.execute(
                "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            )
        ]
    sealer = EventSealer(SECRET)
    return raw, [sealer.open(data) for data in raw]


def test_the_tracker_store_keeps_no_code_postcode_address_or_reflection_in_clear(
    bot: Bot, fake_apis: FakeApis
) -> None:
    """M3: Rasa's tracker store kept in clear what the README says is never kept."""
    from tests.e2e.test_conversations import code, onboard

    sender = "e2e-private-tracker"
    onboard(bot, sender, area="PL4 6AB")
    issued = code(bot)
    bot.texts(sender, f"claim {issued}")
    reflection = "I mixed a drum loop with Zebedee at the Hub"
    bot.texts(sender, reflection)
    raw, opened = _stored_events(bot, sender)
    assert raw and all(data.startswith("colbot:v2:") for data in raw)  # sealed
    assert bot.tracker_db.stat().st_mode & 0o077 == 0  # and the file is the bot's alone
    stored = "\n".join(raw)
    # (case matters: base64 holds any three letters by chance, "6ab" among them)
    for secret in (issued, issued.replace("-", ""), "PL4 6AB", "Zebedee", "drum loop"):
        assert secret not in stored, secret
    # opened with the key: still no code, no full postcode, no sealed address
    said = json.dumps(opened)
    assert issued not in said and issued.replace("-", "") not in said
    assert "PL4 6AB" not in said and "PL4 [postcode]" in said
    assert [e for e in opened if e.get("metadata")] == []

    # a youth worker's freshly minted code, in the bot's reply, is not stored either
    worker = 92000092
    invite = invite_staff(bot.uow(), SECRET, "plymouth", "plymouth-libraries", "issuer")
    tg_post(bot, tg_message(worker, invite.code))
    _, joined = _stored_events(bot, keyed_hash(SECRET, "sender", f"telegram:{worker}"))
    assert invite.code not in json.dumps(joined)
    assert all(not event.get("metadata") for event in joined)  # the sealed chat id


def test_the_words_of_a_learner_who_declined_consent_are_not_kept(bot: Bot) -> None:
    sender = "e2e-declined-words"
    bot.texts(sender, "hi")
    bot.texts(sender, "no")
    bot.texts(sender, "anything on for skateboarding near Stonehouse, im Quintessa btw")
    _, opened = _stored_events(bot, sender)
    users = [event for event in opened if event.get("event") == "user"]
    assert [u["text"] for u in users] == ["[not kept]"] * 3  # the "hi" before the no too
    # (not "Stonehouse": a reply may list a venue there, "Stonehouse Youth and Community Hub")
    assert "Quintessa" not in json.dumps(opened)
    assert not any("skateboarding near" in json.dumps(e) for e in opened if e.get("event") != "bot")


def test_an_oversized_request_is_refused_as_it_arrives(bot: Bot) -> None:
    """Low: the channels read a request body whole (Sanic allows 100 MB) before any check."""
    big = b"x" * 2_000_000
    for path in (
        "/webhooks/rest/webhook",
        "/webhooks/telegram/webhook",
        "/webhooks/twilio/webhook",
    ):
        refused = httpx.post(f"{bot.url}{path}", content=big, timeout=60)
        assert refused.status_code == 413, path
    assert httpx.get(f"{bot.url}/", timeout=30).status_code == 200  # and the server carries on
