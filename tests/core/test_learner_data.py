"""A learner's data on request (export, erase) and the retention job."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from badge_core.cli import main as colbot
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import InvalidRequest, NotFound
from badge_core.models import Award, ChannelIdentity, ClaimCode, Correction, Event, Learner, utcnow
from badge_core.privacy import encrypt, keyed_hash
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.learner_data import erase_learner_by, export_learner
from badge_core.services.learners import register_learner, set_opt_out
from badge_core.services.retention import RetentionPolicy, load_policy, run_retention
from badge_core.services.sharing import share_badges, stop_sharing
from tests.conftest import SECRET

PHONE = "+447700900123"


def _sms_learner(uow: UnitOfWorkFactory, phone: str = PHONE) -> int:
    # the connector's pseudonym for the number is the sender id the actions see
    sender = keyed_hash(SECRET, "sender", f"sms:{phone}")
    learner = register_learner(
        uow(),
        SECRET,
        "plymouth",
        "sms",
        sender,
        age_band="13-15",
        district="PL4",
        interests=["music"],
    ).learner_id
    code = create_claim_code(uow(), SECRET, "plymouth", "beat-maker", max_claims=3).code
    claim_badge(uow(), SECRET, learner, code, channel="sms")
    return learner


def test_an_operator_exports_a_learner_found_by_the_number_they_write_from(
    uow: UnitOfWorkFactory,
) -> None:
    _sms_learner(uow)
    data = export_learner(uow(), SECRET, channel="sms", address=PHONE)
    assert data["learner"]["age_group"] == "13-15" and data["learner"]["area"] == "PL4"
    assert [b["badge"] for b in data["badges"]] == ["Beat Maker"]
    assert data["apps"] == [
        {"channel": "sms", "since": data["apps"][0]["since"], "kept_locked_to_message_you": False}
    ]
    assert any(e["what"] == "claim_attempt" for e in data["activity_log"])
    assert "447700900123" not in json.dumps(data)
    assert export_learner(uow(), SECRET, public_id=data["learner"]["id"]) == data
    with pytest.raises(NotFound):
        export_learner(uow(), SECRET, channel="sms", address="+447700900999")


def test_an_export_lists_the_share_links_the_learner_made(uow: UnitOfWorkFactory) -> None:
    learner = _sms_learner(uow)
    assert export_learner(uow(), SECRET, channel="sms", address=PHONE)["share_links"] == []
    old = share_badges(uow(), learner)
    assert old is not None and stop_sharing(uow(), learner)
    new = share_badges(uow(), learner)
    assert new is not None
    links = export_learner(uow(), SECRET, channel="sms", address=PHONE)["share_links"]
    assert [(link["page"], link["turned_off"] is None) for link in links] == [
        (f"/shared/{old.token}", False),
        (f"/shared/{new.token}", True),
    ]


def test_erasing_by_number_removes_the_learner_and_badges_and_unlinks_events(
    uow: UnitOfWorkFactory,
) -> None:
    learner = _sms_learner(uow)
    erase_learner_by(uow(), SECRET, channel="sms", address=PHONE)
    with uow() as unit:
        s = unit.session
        assert s.get(Learner, learner) is None
        assert s.scalar(select(func.count()).select_from(Award)) == 0
        assert s.scalar(select(func.count()).select_from(ChannelIdentity)) == 0
        assert (
            s.scalar(select(func.count()).select_from(Event).where(Event.learner_id.is_not(None)))
            == 0
        )


def test_the_command_line_exports_and_erases(
    settings: Settings, uow: UnitOfWorkFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    _sms_learner(uow)
    assert colbot(["learner", "export", "--channel", "sms", "--address", PHONE], settings) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["badges"][0]["badge"] == "Beat Maker"
    assert colbot(["learner", "export"], settings) == 2
    assert "give --id" in capsys.readouterr().err
    assert colbot(["learner", "erase", "--id", exported["learner"]["id"]], settings) == 0
    assert colbot(["learner", "export", "--id", exported["learner"]["id"]], settings) == 1


def _tracker(path: Path, timestamps: list[float]) -> str:
    with sqlite3.connect(path) as db:  # Rasa's SQLTrackerStore table, as far as retention reads it
        db.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, timestamp FLOAT, data TEXT)"
        )
        db.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES ('s', 'user', ?, '{}')",
            [(t,) for t in timestamps],
        )
    return f"sqlite:///{path}"


def test_retention_deletes_each_kind_only_after_its_time(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    now = utcnow()
    stayer = _sms_learner(uow)
    leaver = _sms_learner(uow, "+447700900124")
    quiet = create_claim_code(
        uow(),
        SECRET,
        "plymouth",
        "beat-maker",
        valid_from=now - timedelta(days=40),
        valid_until=now - timedelta(days=39),
    ).code
    recent = create_claim_code(
        uow(),
        SECRET,
        "plymouth",
        "beat-maker",
        valid_from=now - timedelta(days=2),
        valid_until=now - timedelta(days=1),
    ).code
    set_opt_out(
        uow(), SECRET, "sms", keyed_hash(SECRET, "sender", "sms:+447700900124"), opted_out=True
    )
    with uow() as unit:  # the opt-out was 200 days ago; one old analytics event
        unit.session.get(Learner, leaver).opted_out_at = now - timedelta(days=200)
        unit.session.add(
            Event(kind="search", city_id=1, occurred_at=now - timedelta(days=400), data={})
        )
        # skill corrections: an old one the city team never accepted goes, the others stay
        for status, days in (("new", 400), ("accepted", 400), ("new", 10)):
            unit.session.add(
                Correction(
                    city_id=1,
                    learner_id=stayer,
                    sealed_words=encrypt(SECRET, "i run the tuck shop"),
                    wrong_skill="volunteering",
                    status=status,
                    created_at=now - timedelta(days=days),
                )
            )
        unit.commit()
    tracker = _tracker(
        tmp_path / "tracker.db", [(now - timedelta(days=d)).timestamp() for d in (100, 95, 1)]
    )

    policy = RetentionPolicy()
    counted = run_retention(uow(), policy, tracker_url=tracker, now=now, dry_run=True)
    assert counted.conversation_events == 2 and counted.opted_out_learners == 1
    assert counted.unclaimed_codes == 1 and counted.events == 1 and counted.corrections == 1
    assert run_retention(uow(), policy, tracker_url=tracker, now=now) == counted
    with uow() as unit:
        s = unit.session
        assert s.get(Learner, stayer) is not None and s.get(Learner, leaver) is None
        assert (
            s.scalar(select(func.count()).select_from(ClaimCode).where(ClaimCode.claims_count == 0))
            == 1
        )
        assert s.scalar(select(func.min(Event.occurred_at))) > now - timedelta(days=365)
        assert sorted(
            (c.status, (now - c.created_at).days) for c in s.scalars(select(Correction))
        ) == [("accepted", 400), ("new", 10)]
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (1,)
    assert run_retention(uow(), policy, tracker_url=tracker, now=now) == type(counted)(0, 0, 0, 0)
    del quiet, recent


def test_retention_settings_are_read_and_checked() -> None:
    assert load_policy({"COLBOT_RETAIN_CONVERSATIONS_DAYS": "30"}).conversations_days == 30
    for bad in ("-1", "ninety", ""):
        with pytest.raises(InvalidRequest):
            load_policy({"COLBOT_RETAIN_EVENTS_DAYS": bad})


def _conversations(path: Path, said: dict[str, str]) -> str:
    """Rasa's events table with one sealed user message per sender (as bot/tracker_store.py
    writes them)."""
    from colbot_shared.crypto import EventSealer

    sealer = EventSealer(SECRET)
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, "
            "timestamp FLOAT, intent_name TEXT, action_name TEXT, data TEXT)"
        )
        db.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, ?)",
            [
                (sender, 1_764_000_000.0 + n, sealer.seal({"event": "user", "text": text}))
                for n, (sender, text) in enumerate(said.items())
            ],
        )
    return f"sqlite:///{path}"


def _events_of(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT sender_id, count(*) FROM events GROUP BY sender_id"))


def _linked_on_three_apps(uow: UnitOfWorkFactory) -> dict[str, str]:
    """One learner on Telegram, SMS and WhatsApp (linked with link codes): channel -> sender."""
    from badge_core.services.linking import complete_link, start_link

    senders = {
        channel: keyed_hash(SECRET, "sender", f"{channel}:{address}")
        for channel, address in (
            ("telegram", "5550001"),
            ("sms", PHONE),
            ("whatsapp", "whatsapp:" + PHONE),
        )
    }
    register_learner(uow(), SECRET, "plymouth", "telegram", senders["telegram"], age_band="13-15")
    for channel in ("sms", "whatsapp"):
        issued = start_link(uow(), SECRET, "telegram", senders["telegram"])
        complete_link(
            uow(), SECRET, "plymouth", channel, senders[channel], issued.code, confirmed=True
        )
    return senders


def test_deleting_my_data_from_one_app_erases_the_conversations_of_every_linked_app(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    """M4: in-chat erasure deleted only the current channel's conversation."""
    from badge_core.services.learners import erase_learner

    senders = _linked_on_three_apps(uow)
    tracker = _conversations(
        tmp_path / "tracker.db",
        {
            **{sender: f"hi from {channel}" for channel, sender in senders.items()},
            "someone-else": "hi",
        },
    )
    assert erase_learner(uow(), SECRET, "sms", senders["sms"], tracker_url=tracker)
    assert _events_of(tmp_path / "tracker.db") == {"someone-else": 1}
    with uow() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Learner)) == 0
        assert unit.session.scalar(select(func.count()).select_from(ChannelIdentity)) == 0


def test_colbot_learner_erase_erases_the_conversations_too(
    uow: UnitOfWorkFactory, tmp_path: Path, plymouth_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """M4: the command said it would, and never touched the tracker store."""
    senders = _linked_on_three_apps(uow)
    tracker = _conversations(tmp_path / "tracker.db", {s: "hello" for s in senders.values()})
    settings = Settings(database_url=plymouth_db_url, secret_key=SECRET, tracker_url=tracker)
    assert colbot(["learner", "erase", "--channel", "whatsapp", "--address", PHONE], settings) == 0
    assert "and conversations" in capsys.readouterr().out
    assert _events_of(tmp_path / "tracker.db") == {}


def test_an_export_holds_the_conversations_of_every_linked_app(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    """M4: the export left out the conversation."""
    senders = _linked_on_three_apps(uow)
    tracker = _conversations(
        tmp_path / "tracker.db",
        {
            senders["telegram"]: "what's on for music",
            senders["whatsapp"]: "my badges",
            "someone-else": "not theirs",
        },
    )
    data = export_learner(uow(), SECRET, channel="sms", address=PHONE, tracker_url=tracker)
    said = [(line["from"], line["text"]) for line in data["conversation"]]
    assert said == [("you", "what's on for music"), ("you", "my badges")]
