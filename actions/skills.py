"""What a learner's words show: skills from what they say, and reflections on their badges."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import (
    GuardedAction,
    asker,
    call,
    latest_entity,
    latest_intent,
    payload,
    runtime,
    skipped,
)
from badge_core.errors import NotFound
from badge_core.services.corrections import choose_skill, find_skill, reject_skill
from badge_core.services.skills import (
    SkillReading,
    publish_reflection,
    read_skills,
    record_skill_feedback,
    reflect,
)

YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]


def _done() -> list[EventType]:
    """The yes or no to an unsure reading answered: nothing of it is waiting any more."""
    return [
        SlotSet("skill_check", None),
        SlotSet("suggested_skill", None),
        SlotSet("skill_words", None),
    ]


async def _read(tracker: Tracker) -> SkillReading:
    rt, who = runtime(), asker(tracker)
    return await call(
        read_skills,
        rt.uow,
        who.city,
        tracker.latest_message.get("text") or "",
        matcher=rt.matcher,
        identity=who.identity,
        channel=who.channel,
    )


def _say_reading(
    dispatcher: CollectingDispatcher, reading: SkillReading, text: str
) -> list[EventType]:
    """Say which skills the words (``text``) show: asserted when sure, asked when not; the
    words are kept for the turn that answers, in case it is a no (a correction)."""
    skills = phrasing.joined([m.name for m in reading.shown])
    if reading.confident:
        dispatcher.utter_message(response="utter_skills_shown", skills=skills)
        return [SlotSet("skill_check", None), SlotSet("suggested_skill", None)]
    dispatcher.utter_message(response="utter_skills_check", skills=skills, buttons=YES_NO)
    return [
        SlotSet("skill_check", "asked"),
        SlotSet("suggested_skill", reading.shown[0].key),
        SlotSet("skill_words", text),
    ]


class ActionReadSkills(GuardedAction):
    def name(self) -> str:
        return "action_read_skills"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        reading = await _read(tracker)
        if not reading.matches:
            dispatcher.utter_message(response="utter_tell_me_more")
            return []
        return _say_reading(dispatcher, reading, tracker.latest_message.get("text") or "")


class ActionSkillFeedback(GuardedAction):
    """Yes or no to a skill the bot was unsure of. After a no, the learner's words are kept as
    a correction and the next-best skills offered to pick from (or a skill named in the no
    itself, "no, more like teamwork", is taken at once)."""

    def name(self) -> str:
        return "action_skill_feedback"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        suggested = tracker.get_slot("suggested_skill")
        agreed = latest_intent(tracker) == "affirm"
        rt, who = runtime(), asker(tracker)
        if suggested and not agreed:
            return await _rejected(dispatcher, tracker, suggested)
        if suggested:
            await call(
                record_skill_feedback,
                rt.uow(),
                who.city,
                suggested,
                agreed,
                identity=who.identity,
                channel=who.channel,
            )
        dispatcher.utter_message(
            response="utter_skill_confirmed" if agreed else "utter_skill_corrected"
        )
        return _done()


async def _rejected(
    dispatcher: CollectingDispatcher, tracker: Tracker, suggested: str
) -> list[EventType]:
    """After a no: the correction kept, then the skill named in the no taken, or the next-best
    skills offered as buttons."""
    rt, who = runtime(), asker(tracker)
    rejection = await call(
        reject_skill,
        rt.uow,
        who.city,
        str(tracker.get_slot("skill_words") or ""),
        suggested,
        matcher=rt.matcher,
        secret_key=rt.secret,
        identity=who.identity,
        channel=who.channel,
    )
    if rejection.correction_id is None:
        dispatcher.utter_message(response="utter_skill_corrected")
        return _done()
    ref = str(rejection.correction_id)
    named = await call(find_skill, rt.uow(), who.city, tracker.latest_message.get("text") or "")
    if named and named != suggested:
        return [*_done(), *await _choose(dispatcher, tracker, ref, named)]
    buttons = [
        {"title": m.name, "payload": payload("choose_skill", skill_key=m.key)}
        for m in rejection.options
    ]
    buttons.append({"title": "Something else", "payload": payload("choose_skill", skill_key=NONE)})
    dispatcher.utter_message(response="utter_skill_which", buttons=buttons)
    return [*_done(), SlotSet("skill_check", "choosing"), SlotSet("correction_ref", ref)]


NONE = "none"  # "Something else": none of the skills offered


async def _choose(
    dispatcher: CollectingDispatcher, tracker: Tracker, ref: str, chosen: str | None
) -> list[EventType]:
    rt, who = runtime(), asker(tracker)
    try:
        name = await call(
            choose_skill,
            rt.uow(),
            who.city,
            int(ref),
            chosen,
            identity=who.identity,
            channel=who.channel,
        )
    except (NotFound, ValueError):  # erased meanwhile, or a skill the city no longer has
        name = None
    if name:
        dispatcher.utter_message(response="utter_skill_chosen", skill=name)
    else:
        dispatcher.utter_message(response="utter_skill_corrected")
    return [SlotSet("skill_check", None), SlotSet("correction_ref", None)]


class ActionChooseSkill(GuardedAction):
    """The learner's pick after "Which fits better?": a button, a skill typed by name, or
    anything else (none of those)."""

    def name(self) -> str:
        return "action_choose_skill"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ref = tracker.get_slot("correction_ref")
        if not ref:
            dispatcher.utter_message(response="utter_skill_corrected")
            return [SlotSet("skill_check", None)]
        chosen = latest_entity(tracker, "skill_key")
        if chosen is None:
            rt, who = runtime(), asker(tracker)
            text = tracker.latest_message.get("text") or ""
            chosen = await call(find_skill, rt.uow(), who.city, text)
        return await _choose(dispatcher, tracker, ref, None if chosen in (None, NONE) else chosen)


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
        if skipped(tracker, text) or award is None:
            dispatcher.utter_message(response="utter_reflection_not_kept")
            return done
        rt, who = runtime(), asker(tracker)
        try:
            reading = await call(
                reflect,
                rt.uow,
                who.city,
                award,
                text,
                matcher=rt.matcher,
                identity=who.identity,
                channel=who.channel,
            )
        except NotFound:  # erased meanwhile, or an award not theirs
            dispatcher.utter_message(response="utter_reflection_not_kept")
            return done
        # Kept private; shown on the badge's public page only if they say yes to a clear question.
        if reading.matches and reading.confident:
            dispatcher.utter_message(
                response="utter_reflection_kept_shows_skills",
                skills=phrasing.joined([m.name for m in reading.shown]),
                buttons=_publish_buttons(award),
            )
        else:
            dispatcher.utter_message(
                response="utter_reflection_kept", buttons=_publish_buttons(award)
            )
        return done


def _publish_buttons(award: str) -> list[dict[str, str]]:
    """The learner's choice: show the reflection on the badge's public page, or keep it private."""
    return [
        {"title": "Yes, show it", "payload": _publish_payload("publish_reflection", award)},
        {
            "title": "No, keep private",
            "payload": _publish_payload("keep_reflection_private", award),
        },
    ]


def _publish_payload(intent: str, award: str) -> str:
    return f'/{intent}{{"award_ref":"{award}"}}'


class ActionPublishReflection(GuardedAction):
    """The learner's answer to "show it on your badge's page too?"."""

    def name(self) -> str:
        return "action_publish_reflection"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        public = latest_intent(tracker) == "publish_reflection"
        award = latest_entity(tracker, "award_ref")
        shown = False
        if award:
            rt, who = runtime(), asker(tracker)
            try:
                shown = await call(
                    publish_reflection,
                    rt.uow(),
                    None,
                    award,
                    public=public,
                    identity=who.identity,
                    channel=who.channel,
                )
            except NotFound:
                shown = False
        if shown:
            dispatcher.utter_message(response="utter_reflection_public")
        else:
            dispatcher.utter_message(response="utter_reflection_private")
        return []
