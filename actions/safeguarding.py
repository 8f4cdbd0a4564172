"""A learner at risk: help first, a concern for the city's safeguarding lead, and the
learner's choice about being contacted. And a lead's "concerns".

The Rasa side decides a message is a disclosure (bot/nlu/safeguarding.py) and that this
action answers it, in any state (bot/policies.py). This action stores the concern through
the badge core and says the help the domain's responses hold. Nothing here can keep the help
from going out: if the concern cannot be stored, the learner still gets the national lines.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.phrasing import when
from actions.runtime import (
    GuardedAction,
    ServiceUnavailable,
    call,
    city_of,
    latest_entity,
    latest_intent,
    runtime,
    sealed_address,
    speaker,
)
from badge_core.errors import ColbotError, NotFound, StaffNotAllowed
from badge_core.services.safeguarding import (
    ConcernView,
    LocalHelp,
    answer_contact,
    concerns_for_lead,
    raise_concern,
)
from badge_core.services.staff import staff_member

logger = logging.getLogger(__name__)

CATEGORY_RESPONSES = {
    "self_harm": "utter_safeguarding_self_harm",
    "abuse": "utter_safeguarding_abuse",
    "exploitation": "utter_safeguarding_exploitation",
    "bullying": "utter_safeguarding_bullying",
    "danger": "utter_safeguarding_danger",
    "runaway": "utter_safeguarding_runaway",
    "substances": "utter_safeguarding_substances",
}
CHECK_IN_RESPONSE = "utter_safeguarding_check_in"
# What a form or a claim was waiting for is dropped: after a disclosure the bot does not go
# back to asking for a postcode, a reflection or where they have moved to.
WAITING_SLOTS = (
    "requested_slot",
    "awaiting_reflection",
    "reflection_award",
    "skill_check",
    "awaiting_move",
)


def _local_help_line(found: LocalHelp | None) -> str:
    return f"\n- {found.helpline}" if found and found.helpline else ""


class ActionSafeguarding(Action):
    """Help at once, then who will see this and whether they want someone to get in touch."""

    def name(self) -> str:
        return "action_safeguarding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        category = latest_entity(tracker, "risk_category") or "unsure"
        level = latest_entity(tracker, "risk_level") or "check_in"
        text = tracker.latest_message.get("text") or ""
        rt, who = runtime(), speaker(tracker)
        raised = None
        try:
            raised = await call(
                raise_concern,
                rt.uow(),
                rt.secret,
                city_of(tracker),
                who.channel,
                who.sender,
                category=category,
                level=level,
                text=text,
                opted_out=bool(tracker.get_slot("opted_out")),
            )
        except (ServiceUnavailable, ColbotError) as error:
            # The help still goes out; the lead must hear of this another way.
            logger.error("a safeguarding concern could not be stored (%s)", type(error).__name__)
        found = raised.help if raised else None
        dispatcher.utter_message(
            response=CATEGORY_RESPONSES.get(category, CHECK_IN_RESPONSE),
            local_help=_local_help_line(found),
        )
        events: list[EventType] = [SlotSet(slot, None) for slot in WAITING_SLOTS]
        if tracker.active_loop_name:
            events.insert(0, ActiveLoop(None))
        if raised is None:
            return events
        dispatcher.utter_message(
            response="utter_safeguarding_next", city_name=raised.help.city_name
        )
        return [*events, SlotSet("concern_ref", raised.concern_id)]


class ActionSafeguardingContact(GuardedAction):
    """The learner's yes or no to "do you want someone to get in touch?"."""

    def name(self) -> str:
        return "action_safeguarding_contact"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        wants = latest_intent(tracker) == "affirm"
        concern = tracker.get_slot("concern_ref")
        rt, who = runtime(), speaker(tracker)
        found = None
        if concern:
            try:
                found = await call(
                    answer_contact,
                    rt.uow(),
                    rt.secret,
                    concern,
                    who.channel,
                    who.sender,
                    wants_contact=wants,
                    sealed_address=sealed_address(tracker),
                )
            except NotFound:
                found = None
        if wants:
            hours = f" ({found.duty_hours})" if found and found.duty_hours else ""
            dispatcher.utter_message(response="utter_safeguarding_contact_yes", duty_hours=hours)
        else:
            dispatcher.utter_message(response="utter_safeguarding_contact_no")
        return [SlotSet("concern_ref", None)]


SHOWN_CONCERNS = 10


def concern_lines(concerns: list[ConcernView], timezone_name: str = "Europe/London") -> str:
    """The first open concerns as a lead reads them: two lines each, their words quoted."""
    lines = []
    for c in concerns[:SHOWN_CONCERNS]:
        flags = [c.category.replace("_", " "), c.level.replace("_", "-"), c.channel, c.contact]
        if c.learner_opted_out:
            flags.append("had opted out")
        lines.append(
            f"• {c.concern_id[:8]} · {when(c.raised_at, timezone_name)} · {' · '.join(flags)}"
        )
        lines.append(f'  "{c.text[:200]}"')
    return "\n".join(lines)


class ActionListConcerns(GuardedAction):
    """A safeguarding lead's "concerns": the open ones of their city. Nobody else sees any."""

    def name(self) -> str:
        return "action_list_concerns"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        member = await call(
            staff_member,
            rt.uow(),
            rt.secret,
            who.channel,
            who.sender,
            sealed_address=sealed_address(tracker),
        )
        if member is None:
            dispatcher.utter_message(response="utter_default")
            return []
        try:
            concerns = await call(concerns_for_lead, rt.uow(), rt.secret, member.staff_id)
        except StaffNotAllowed:
            dispatcher.utter_message(response="utter_concerns_only_for_leads")
            return []
        if not concerns:
            dispatcher.utter_message(response="utter_no_open_concerns")
            return []
        more = len(concerns) - SHOWN_CONCERNS
        dispatcher.utter_message(
            response="utter_open_concerns_and_more" if more > 0 else "utter_open_concerns",
            count=len(concerns),
            concerns=concern_lines(concerns),
            more=max(more, 0),
        )
        return []
