"""action_alert_me, action_weekly_digest, action_stop_alerts and what "what am I signed up
for" lists: what the learner hears (matching and sending are tests/matching/test_alerts.py's)."""

from __future__ import annotations

from actions.alerts import ActionAlertMe, ActionStopAlerts, ActionWeeklyDigest
from actions.catalogue import ActionFindActivities
from actions.reminders import ActionMyReminders
from badge_core.db import UnitOfWorkFactory
from colbot_shared.crypto import sealer
from tests.actions.support import make_tracker, register, run
from tests.conftest import SECRET


def said(text: str, intent: str, channel: str = "telegram", **slots: object) -> object:
    address = sealer(SECRET).seal("771000333").decode()
    events = [
        {
            "event": "user",
            "text": text,
            "input_channel": channel,
            "metadata": {"address": address} if channel != "rest" else {},
        }
    ]
    return make_tracker(text, intent, slots=dict(slots), events=events)


def test_alert_me_after_a_search_that_found_nothing_alerts_for_what_was_searched(
    db: UnitOfWorkFactory,
) -> None:
    register(db, channel="telegram", age_band="13-15")
    searched = run(ActionFindActivities(), said("skateboarding", "find_activity"))
    assert searched.slots["searched_interest"] == "skateboarding"
    assert "alert me" in searched.text  # the offer, where nothing like it is on
    ran = run(ActionAlertMe(), said("alert me", "alert_me", **searched.slots))
    assert ran.said == [("utter_alert_set", {"interest": "skateboarding", "where": "", "count": 0})]
    assert ran.text.startswith("Done: I'll tell you when something new for skateboarding starts.")


def test_an_alert_for_something_on_already_says_so(db: UnitOfWorkFactory) -> None:
    register(db, channel="telegram", age_band="13-15")
    ran = run(ActionAlertMe(), said("tell me when there's coding in plympton", "alert_me"))
    [(response, variables)] = ran.said
    assert response == "utter_alert_set_some_on"
    assert (variables["interest"], variables["where"]) == ("coding", " near PL7")
    assert variables["count"] >= 1


def test_alerts_and_the_weekly_are_listed_with_reminders_and_stopped_together(
    db: UnitOfWorkFactory,
) -> None:
    register(db, channel="telegram", age_band="13-15")
    run(ActionAlertMe(), said("tell me when there's skateboarding", "alert_me"))
    weekly = run(ActionWeeklyDigest(), said("weekly what's on for me", "weekly_digest"))
    [(response, variables)] = weekly.said
    assert response == "utter_digest_set"
    assert variables["first"].startswith("Sun ") and variables["first"].endswith(" 5pm")

    listed = run(ActionMyReminders(), said("what am i signed up for", "my_reminders"))
    assert listed.said == [
        (
            "utter_my_reminders",
            {
                "reminders": "- news of anything new for skateboarding\n"
                "- what's on for you, every Sunday at 5pm",
                "stop": '"stop alerts"',
            },
        )
    ]
    stopped = run(ActionStopAlerts(), said("stop alerts", "stop_alerts"))
    assert stopped.texts == [
        "Done: your alerts for skateboarding and the weekly what's on stopped."
    ]
    assert run(ActionStopAlerts(), said("stop alerts", "stop_alerts")).responses == [
        "utter_no_alerts"
    ]
    assert run(ActionMyReminders(), said("what am i signed up for", "my_reminders")).responses == [
        "utter_no_reminders"
    ]


def test_the_web_chat_and_a_stranger_are_told_why_not(db: UnitOfWorkFactory) -> None:
    register(db, channel="rest", age_band="13-15")
    web = run(ActionAlertMe(), said("tell me when there's drama", "alert_me", channel="rest"))
    assert web.responses == ["utter_alert_no_channel"]
    stranger = run(ActionWeeklyDigest(), said("weekly what's on", "weekly_digest"))
    assert stranger.responses == ["utter_alert_not_registered"]


def test_an_alert_for_nothing_named_with_no_search_before_asks_what_for(
    db: UnitOfWorkFactory,
) -> None:
    register(db, channel="telegram", age_band="13-15")
    vague = run(ActionAlertMe(), said("tell me when there is one", "alert_me"))
    assert vague.responses == ["utter_alert_which"]
