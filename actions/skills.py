"""What a learner's words show: skills from what they say, and reflections on their badges."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.onboarding import skipped
from actions.runtime import GuardedAction, call, learner, runtime, speaker
from badge_core.services.skills import (
    SkillReading,
    add_reflection,
    read_skills,
    record_skill_feedback,
)

YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]


async def _read(tracker: Tracker) -> SkillReading:
    rt, who = runtime(), speaker(tracker)
    profile = await learner(tracker)
    return await call(
        read_skills,
        rt.uow,
        rt.city,
        tracker.latest_message.get("text") or "",
        matcher=rt.matcher,
        learner_id=profile.learner_id if profile else None,
        channel=who.channel,
    )


def _say_reading(
    dispatcher: CollectingDispatcher, reading: SkillReading, lead: str, *, confirm: bool = False
) -> list[EventType]:
    """Say which skills the words show: asserted when sure, asked when not (or when the
    learner should ``confirm``, as for a badge's evidence)."""
    names = [m.name for m in reading.shown]
    if reading.confident and not confirm:
        dispatcher.utter_message(text=f"{lead}That shows {phrasing.joined(names)} 💪")
        return [SlotSet("skill_check", None), SlotSet("suggested_skill", None)]
    dispatcher.utter_message(
        text=f"{lead}Sounds like {phrasing.joined(names)}. Is that right?", buttons=YES_NO
    )
    return [SlotSet("skill_check", "asked"), SlotSet("suggested_skill", reading.shown[0].key)]


class ActionReadSkills(GuardedAction):
    def name(self) -> str:
        return "action_read_skills"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reading = await _read(tracker)
        if not reading.matches:
            dispatcher.utter_message(text="Nice! Tell me more about what you did?")
            return []
        return _say_reading(dispatcher, reading, "")


class ActionSkillFeedback(GuardedAction):
    def name(self) -> str:
        return "action_skill_feedback"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        suggested = tracker.get_slot("suggested_skill")
        agreed = (tracker.latest_message.get("intent") or {}).get("name") == "affirm"
        if suggested:
            rt, who = runtime(), speaker(tracker)
            profile = await learner(tracker)
            await call(
                record_skill_feedback, rt.uow(), rt.city, suggested, agreed,
                learner_id=profile.learner_id if profile else None, channel=who.channel,
            )
        dispatcher.utter_message(
            text="Nice one! 💪" if agreed else "Thanks for telling me, I'll learn from that. 👍"
        )
        return [SlotSet("skill_check", None), SlotSet("suggested_skill", None)]


class ActionReflect(GuardedAction):
    """The answer to "what did you do today?" after a claim: kept as the badge's evidence."""

    def name(self) -> str:
        return "action_reflect"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        done = [SlotSet("awaiting_reflection", None), SlotSet("reflection_award", None)]
        text = tracker.latest_message.get("text") or ""
        award = tracker.get_slot("reflection_award")
        profile = await learner(tracker)
        if skipped(tracker, text) or award is None or profile is None:
            dispatcher.utter_message(text="No worries! 👍")
            return done
        rt = runtime()
        await call(add_reflection, rt.uow(), profile.learner_id, award, text)
        reading = await _read(tracker)
        if not reading.matches:
            dispatcher.utter_message(text="Thanks, I've added that to your badge. 📝")
            return done
        lead = "Thanks, I've added that to your badge. 📝 "
        return done + _say_reading(dispatcher, reading, lead, confirm=True)
