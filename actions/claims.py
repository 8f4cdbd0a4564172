"""Claiming a badge with a code, and "my badges"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import GuardedAction, asker, call, runtime, sealed_address
from actions.youth_voice import ask_rating
from badge_core.config import Settings
from badge_core.errors import (
    AlreadyEarned,
    ClaimRefused,
    CodeExpired,
    CodeNotOpenYet,
    CodeUnknown,
    CodeUsedUp,
    NotFound,
    TooManyAttempts,
)
from badge_core.services.claims import AwardSummary, BadgeSummary, badge_summary, claim_badge
from badge_core.services.code_links import credential_link

# The answer to a claim that worked, by ``reflect``: [False] alone, [True] followed by the
# question what they did (bot/domain/claims.yml).
PENDING = ("utter_badge_pending", "utter_badge_pending_ask_reflection")
EARNED = ("utter_badge_earned", "utter_badge_earned_ask_reflection")
EARNED_NO_SKILLS = ("utter_badge_earned_no_skills", "utter_badge_earned_no_skills_ask_reflection")


def _earned(award: AwardSummary, reflect: bool) -> tuple[str, dict[str, str]]:
    """The response for ``award`` (asking what they did when ``reflect``) and its variables."""
    said = {"badge_name": award.badge_name}
    if award.status == "pending":
        return PENDING[reflect], said
    said["badge_link"] = credential_link(runtime().settings, award.award_public_id)
    if not award.skills:
        return EARNED_NO_SKILLS[reflect], said
    return EARNED[reflect], {**said, "skills": phrasing.joined(award.skills)}


def _refused(refusal: ClaimRefused, timezone: str) -> tuple[str, dict[str, str]]:
    """The response for a refused claim, and its variables."""
    # Each answer speaks only of the code typed: never of other codes or badges.
    match refusal:
        case AlreadyEarned(award=award) if award is not None:
            return "utter_claim_already_earned", {"badge_name": award.badge_name}
        case TooManyAttempts(retry_at=retry_at):
            return "utter_claim_too_many_tries", {"retry_time": phrasing.clock(retry_at, timezone)}
        case CodeNotOpenYet(opens_at=opens_at):
            return "utter_claim_not_open_yet", {"opens": phrasing.when(opens_at, timezone)}
        case CodeExpired():
            return "utter_claim_code_closed", {}
        case CodeUsedUp():
            return "utter_claim_code_used_up", {}
        case CodeUnknown():
            return "utter_claim_code_unknown", {}
    return "utter_claim_failed", {}


async def claim_and_phrase(
    dispatcher: CollectingDispatcher, tracker: Tracker, code: str, *, reflect: bool = True
) -> list[EventType]:
    """Claim ``code`` for the learner in this conversation and tell them how it went; on
    success (and when ``reflect``), ask how the activity was if it was claimed at one
    (actions/youth_voice.py, which then asks what they did), else what they did, to keep as
    the badge's evidence."""
    rt, who = runtime(), asker(tracker)
    try:
        award = await call(
            claim_badge,
            rt.uow(),
            rt.secret,
            None,
            code,
            identity=who.identity,
            channel=who.channel,
            sender_key=tracker.sender_id,
            sealed_address=sealed_address(tracker),
        )
    except NotFound:  # no stored learner: consent not given yet, or erased
        dispatcher.utter_message(response="utter_claim_not_saved")
        return []
    except ClaimRefused as refusal:
        said, variables = _refused(refusal, refusal.timezone)
        dispatcher.utter_message(response=said, **variables)
        return []
    rate = reflect and award.activity is not None  # claimed at an activity: how was it?
    said, variables = _earned(award, reflect and not rate)
    dispatcher.utter_message(response=said, **variables)
    if rate:
        return ask_rating(dispatcher, award.award_public_id, str(award.activity))
    if not reflect:
        return []
    return [
        SlotSet("awaiting_reflection", True),
        SlotSet("reflection_award", award.award_public_id),
    ]


def badge_lines(summary: BadgeSummary, settings: Settings) -> str:
    """Each badge on a line, with its skills, a pending one marked, an awarded one's link."""
    lines = []
    for award in summary.awards:
        waiting = " (waiting for a youth worker)" if award.status == "pending" else ""
        skills = f": {', '.join(award.skills)}" if award.skills else ""
        lines.append(f"• {award.badge_name}{waiting}{skills}")
        if award.status == "awarded":
            lines.append(f"  {credential_link(settings, award.award_public_id)}")
    return "\n".join(lines)


class ActionClaimBadge(GuardedAction):
    def name(self) -> str:
        return "action_claim_badge"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        code = next(tracker.get_latest_entity_values("claim_code"), None)
        if tracker.get_slot("consent") != "given":
            if code:
                dispatcher.utter_message(response="utter_claim_needs_consent")
            return [SlotSet("pending_claim_code", code)]
        if not code:
            dispatcher.utter_message(response="utter_ask_claim_code")
            return []
        if tracker.active_loop_name == "onboarding_form" and tracker.get_slot("age_band") is None:
            # Under-13s' badges wait for a youth worker, so the claim waits for their age.
            dispatcher.utter_message(response="utter_claim_waits_for_age")
            return [SlotSet("pending_claim_code", code)]
        return await claim_and_phrase(dispatcher, tracker, code)


class ActionMyBadges(GuardedAction):
    def name(self) -> str:
        return "action_my_badges"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        summary = await call(
            badge_summary, rt.uow(), None, identity=who.identity, channel=who.channel
        )
        if not summary.awards:
            dispatcher.utter_message(response="utter_no_badges")
            return []
        listed = badge_lines(summary, rt.settings)
        if not summary.skill_counts:
            dispatcher.utter_message(response="utter_my_badges", badge_list=listed)
            return []
        shown = [phrasing.counted(name, n) for name, n in summary.skill_counts[:3]]
        dispatcher.utter_message(
            response="utter_my_badges_and_skills",
            badge_list=listed,
            skills_shown=phrasing.joined(shown),
        )
        return []
