"""Claiming a badge with a code, and "my badges"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import phrasing
from actions.runtime import GuardedAction, asker, call, runtime
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
from badge_core.services.claims import AwardSummary, badge_summary, claim_badge
from badge_core.services.code_links import credential_link


def _earned(award: AwardSummary) -> str:
    if award.status == "pending":
        return (
            f"🎉 Nice one! Your {award.badge_name} badge is waiting for a youth worker to "
            "confirm it (we do that for under-13s, and when we don't know your age). "
            'It\'ll show in "my badges".'
        )
    shows = f" It shows {phrasing.joined(award.skills)}." if award.skills else ""
    link = credential_link(runtime().settings, award.award_public_id)
    return f"🎉 You've earned the {award.badge_name} badge!{shows}\nYour badge to keep and share: {link}"


def _refused(refusal: ClaimRefused, timezone: str) -> str:
    # Each answer speaks only of the code typed: never of other codes or badges.
    match refusal:
        case AlreadyEarned(award=award) if award is not None:
            return f"You've already got the {award.badge_name} badge! 🙌"
        case TooManyAttempts(retry_at=retry_at):
            return (
                "That's a lot of tries 😅 For safety, please wait until "
                f"{phrasing.clock(retry_at, timezone)} and try again."
            )
        case CodeNotOpenYet(opens_at=opens_at):
            return f"That code isn't open yet. Try again from {phrasing.when(opens_at, timezone)}."
        case CodeExpired():
            return "Sorry, that code has closed. Ask your youth worker if there's a new one."
        case CodeUsedUp():
            return "Sorry, that code has been used up. Ask your youth worker for a new one."
        case CodeUnknown():
            return (
                "Hmm, I don't recognise that code. Check it with your youth worker and try again."
            )
    return "Sorry, that code didn't work. Ask your youth worker."


REFLECTION_QUESTION = "What did you do today to earn it? (or say skip)"


async def claim_and_phrase(
    dispatcher: CollectingDispatcher, tracker: Tracker, code: str, *, reflect: bool = True
) -> list[EventType]:
    """Claim ``code`` for the learner in this conversation and tell them how it went; on
    success (and when ``reflect``), ask what they did, to keep as the badge's evidence."""
    rt, who = runtime(), asker(tracker)
    try:
        award = await call(
            claim_badge, rt.uow(), rt.secret, None, code, identity=who.identity, channel=who.channel
        )
    except NotFound:  # no stored learner: consent not given yet, or erased
        dispatcher.utter_message(text="Sorry, I couldn't save that. Say hi to set up first.")
        return []
    except ClaimRefused as refusal:
        dispatcher.utter_message(text=_refused(refusal, refusal.timezone))
        return []
    if not reflect:
        dispatcher.utter_message(text=_earned(award))
        return []
    dispatcher.utter_message(text=f"{_earned(award)}\n{REFLECTION_QUESTION}")
    return [
        SlotSet("awaiting_reflection", True),
        SlotSet("reflection_award", award.award_public_id),
    ]


class ActionClaimBadge(GuardedAction):
    def name(self) -> str:
        return "action_claim_badge"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        code = next(tracker.get_latest_entity_values("claim_code"), None)
        if tracker.get_slot("consent") != "given":
            if code:
                dispatcher.utter_message(text="Nice! 🎉 To save your badge I need your OK first.")
            return [SlotSet("pending_claim_code", code)]
        if not code:
            dispatcher.utter_message(response="utter_ask_claim_code")
            return []
        if tracker.active_loop_name == "onboarding_form" and tracker.get_slot("age_band") is None:
            # Under-13s' badges wait for a youth worker, so the claim waits for their age.
            dispatcher.utter_message(
                text="Got it! 🎉 I'll save your badge as soon as you tell me your age."
            )
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
            dispatcher.utter_message(
                text="No badges yet! When a youth worker gives you a code, send it to me. 🏅"
            )
            return []
        lines = ["Your badges 🏅"]
        for award in summary.awards:
            waiting = " (waiting for a youth worker)" if award.status == "pending" else ""
            skills = f": {', '.join(award.skills)}" if award.skills else ""
            lines.append(f"• {award.badge_name}{waiting}{skills}")
            if award.status == "awarded":
                lines.append(f"  {credential_link(rt.settings, award.award_public_id)}")
        if summary.skill_counts:
            shown = [phrasing.counted(name, n) for name, n in summary.skill_counts[:3]]
            lines.append(f"You've shown {phrasing.joined(shown)}.")
        dispatcher.utter_message(text="\n".join(lines))
        return []
