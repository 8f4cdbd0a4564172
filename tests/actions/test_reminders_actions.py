"""action_remind_me, action_my_reminders, action_stop_reminders: which activity is meant,
and what the learner hears (the timing is tests/core/test_reminders.py's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import badge_core.services.reminders as reminders_service
from actions.reminders import ActionMyReminders, ActionRemindMe, ActionStopReminders
from badge_core.db import UnitOfWorkFactory
from colbot_shared.crypto import sealer
from tests.actions.support import make_tracker, register, run
from tests.conftest import SECRET


def said(text: str, intent: str, channel: str = "telegram", **slots: object) -> object:
    address = sealer(SECRET).seal("556000222").decode()
    events = [
        {
            "event": "user",
            "text": text,
            "input_channel": channel,
            "metadata": {"address": address} if channel != "rest" else {},
        }
    ]
    return make_tracker(text, intent, slots=dict(slots), events=events)


def test_remind_me_after_an_activitys_details_sets_it_and_says_when(
    db: UnitOfWorkFactory, monkeypatch
) -> None:
    # a Wednesday noon: the next Tuesday's session is days away, so both reminders are still
    # to come (on a Monday evening only the hour before would be)
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    wednesday = today + timedelta(days=(2 - today.weekday()) % 7 or 7)
    monkeypatch.setattr(reminders_service, "utcnow", lambda: wednesday)
    register(db, channel="telegram", age_band="13-15")
    ran = run(
        ActionRemindMe(), said("remind me", "remind_me", activity_in_focus="code-club-central")
    )
    [(response, variables)] = ran.said
    assert response == "utter_reminder_set"
    assert variables["activity"] == "Code Club at Central Library"
    assert variables["starts"].startswith("Tue ") and variables["starts"].endswith("4pm")
    assert variables["when"] == "the evening before and an hour before"

    listed = run(ActionMyReminders(), said("my reminders", "my_reminders"))
    assert listed.responses == ["utter_my_reminders"]
    assert "- Code Club at Central Library, Tue" in listed.said[0][1]["reminders"]
    stopped = run(ActionStopReminders(), said("stop reminders", "stop_reminders"))
    assert stopped.said == [("utter_reminders_stopped", {"count": 1})]
    assert run(ActionMyReminders(), said("my reminders", "my_reminders")).responses == [
        "utter_no_reminders"
    ]


def test_remind_me_about_the_2nd_one_picks_it_from_the_last_search(db: UnitOfWorkFactory) -> None:
    register(db, channel="telegram", age_band="13-15")
    results = {"activity_results": ["code-club-central", "plympton-code-club"], "results_shown": 2}
    ran = run(ActionRemindMe(), said("remind me about the 2nd one", "remind_me", **results))
    assert ran.said[0][1]["activity"].startswith("Plympton Code Club")


def test_remind_me_with_nothing_in_view_asks_which_and_the_web_chat_cannot_remind(
    db: UnitOfWorkFactory,
) -> None:
    register(db, channel="telegram", age_band="13-15")
    assert run(ActionRemindMe(), said("remind me", "remind_me")).responses == [
        "utter_reminder_which"
    ]
    register(db, channel="rest", age_band="13-15")
    ran = run(
        ActionRemindMe(),
        said("remind me", "remind_me", channel="rest", activity_in_focus="code-club-central"),
    )
    assert ran.responses == ["utter_reminder_no_channel"]
