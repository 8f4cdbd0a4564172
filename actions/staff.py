"""Youth workers in the bot: join with an invite, make codes, see claims, close a code,
approve under-13s' claims, invite a colleague. Each action asks the badge core whether the
sender is staff; the badge core checks every badge and code is their own provider's."""

from __future__ import annotations

import abc
from datetime import UTC, datetime, timedelta
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.phrasing import clock, when
from actions.runtime import GuardedAction, call, latest_entity, payload, runtime, speaker
from badge_core.errors import (
    ColbotError,
    InviteUnknown,
    NotFound,
    StaffNotAllowed,
    TooManyInviteAttempts,
)
from badge_core.services.approvals import pending_claims, review_claim
from badge_core.services.cities import city_timezone
from badge_core.services.code_links import claim_links
from badge_core.services.codes import IssuedCode, create_claim_codes
from badge_core.services.invites import accept_invite, invite_staff
from badge_core.services.staff import StaffMember, staff_member
from badge_core.services.staff_codes import (
    badge_of_provider,
    close_code,
    code_statuses,
    provider_badges,
)

NOT_STAFF = "That's for youth workers. If you've got a badge code, just send it to me."
AMOUNTS = {  # button choices for a new code: (single-use codes, claims per code)
    "cap-30": (1, 30),
    "cap-60": (1, 60),
    "single-5": (5, 1),
    "single-10": (10, 1),
}
WINDOWS = {  # how long a new code works: None is until midnight, the default
    "midnight": ("Until midnight", None),
    "2h": ("Next 2 hours", timedelta(hours=2)),
    "7d": ("7 days", timedelta(days=7)),
}


async def _member(tracker: Tracker) -> StaffMember | None:
    rt, who = runtime(), speaker(tracker)
    return await call(staff_member, rt.uow(), rt.secret, who.channel, who.sender)


class StaffAction(GuardedAction):
    """An action only staff may use: anyone else gets one friendly line and nothing happens.
    Subclasses implement ``for_staff``."""

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        member = await _member(tracker)
        if member is None:
            dispatcher.utter_message(text=NOT_STAFF)
            return []
        return await self.for_staff(member, dispatcher, tracker)

    @abc.abstractmethod
    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        """What the action does for a staff member."""


class ActionStaffJoin(GuardedAction):
    def name(self) -> str:
        return "action_staff_join"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), speaker(tracker)
        text = tracker.latest_message.get("text") or ""
        try:
            member = await call(
                accept_invite, rt.uow(), rt.secret, who.channel, who.sender, text, city_slug=rt.city
            )
        except InviteUnknown:
            dispatcher.utter_message(
                text="That staff invite didn't work: it may be used or out of date. Ask for a new one."
            )
            return []
        except TooManyInviteAttempts:
            dispatcher.utter_message(
                text="That's a lot of wrong invites, so I've paused them for a while. Try again "
                "in an hour, or ask whoever invited you to send a new one."
            )
            return []
        role = "an org admin" if member.role == "org-admin" else "a youth worker"
        dispatcher.utter_message(
            text=f'Welcome! You\'re {role} for {member.provider_name}. Say "new code" to make '
            'claim codes, "my codes" to see claims, "pending" for claims to approve.'
        )
        return []


class ActionNewCode(StaffAction):
    """Steps on buttons, each skipped when there is only one choice: which badge, how many
    codes, which session, for how long; then the codes and their links."""

    def name(self) -> str:
        return "action_new_code"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        rt = runtime()
        badge = latest_entity(tracker, "code_badge")
        if badge is None:
            badges = await call(provider_badges, rt.uow(), member.staff_id)
            if not badges:
                dispatcher.utter_message(
                    text=f"{member.provider_name} has no badges in the city pack yet."
                )
                return []
            if len(badges) > 1:
                dispatcher.utter_message(
                    text="Which badge is it for?",
                    buttons=[
                        {"title": name, "payload": payload("new_code", code_badge=key)}
                        for key, name in badges[:10]
                    ],
                )
                return []
            badge = badges[0][0]
        amount = latest_entity(tracker, "code_amount")
        if amount not in AMOUNTS:
            dispatcher.utter_message(
                text="One code everyone shares, or a code each?",
                buttons=[
                    {
                        "title": title,
                        "payload": payload("new_code", code_badge=badge, code_amount=key),
                    }
                    for key, title in (
                        ("cap-30", "Shared, up to 30"),
                        ("cap-60", "Shared, up to 60"),
                        ("single-5", "5 single-use"),
                        ("single-10", "10 single-use"),
                    )
                ],
            )
            return []
        count, cap = AMOUNTS[amount]
        chosen = {"code_badge": badge, "code_amount": amount}
        try:
            choice = await call(badge_of_provider, rt.uow(), member.staff_id, badge)
        except (StaffNotAllowed, NotFound):
            dispatcher.utter_message(
                text='That badge isn\'t one of yours. Say "new code" to start again.'
            )
            return []
        activity = latest_entity(tracker, "code_activity")
        if activity is None and len(choice.activities) == 1:
            activity = choice.activities[0][0]
        if activity is None and len(choice.activities) > 1:
            buttons = [
                {"title": title, "payload": payload("new_code", **chosen, code_activity=key)}
                for key, title in choice.activities[:8]
            ]
            buttons.append(
                {
                    "title": "Not one session",
                    "payload": payload("new_code", **chosen, code_activity="none"),
                }
            )
            dispatcher.utter_message(text="Which session is it for?", buttons=buttons)
            return []
        if activity is not None and activity != "none" and activity not in dict(choice.activities):
            activity = None
        chosen["code_activity"] = activity or "none"
        window = latest_entity(tracker, "code_window")
        if window not in WINDOWS:
            dispatcher.utter_message(
                text="How long should it work?",
                buttons=[
                    {"title": title, "payload": payload("new_code", **chosen, code_window=key)}
                    for key, (title, _) in WINDOWS.items()
                ],
            )
            return []
        now = datetime.now(UTC)
        until = None if WINDOWS[window][1] is None else now + WINDOWS[window][1]
        issued = await call(
            create_claim_codes,
            rt.uow(),
            rt.secret,
            choice.city,
            badge,
            count=count,
            max_claims=cap,
            activity_key=None if activity in (None, "none") else activity,
            valid_from=now,
            valid_until=until,
            staff_id=member.staff_id,
        )
        dispatcher.utter_message(text=_codes_text(issued, choice.timezone))
        return []


def _codes_text(issued: list[IssuedCode], timezone: str) -> str:
    first = issued[0]
    until = clock(first.valid_until, timezone)
    if len(issued) == 1:
        links = claim_links(runtime().settings, first.code, first.valid_until)
        lines = [
            f"Your code for {first.badge_name}: {first.code}",
            f"Up to {first.max_claims} claims, until {until}.",
        ]
        lines += [
            line
            for line in (
                links.telegram and f"Telegram: {links.telegram}",
                links.whatsapp and f"WhatsApp: {links.whatsapp}",
                links.sms,
                f"Poster: {links.poster}",
            )
            if line
        ]
        return "\n".join(lines)
    codes = "\n".join(code.code for code in issued)
    return f"{len(issued)} single-use codes for {first.badge_name}, until {until}:\n{codes}"


class ActionMyCodes(StaffAction):
    def name(self) -> str:
        return "action_my_codes"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        rt = runtime()
        codes = await call(code_statuses, rt.uow(), staff_id=member.staff_id)
        timezone = await call(city_timezone, rt.uow(), member.city)
        open_codes = [c for c in codes if not c.closed][:8]
        if not open_codes:
            dispatcher.utter_message(text='No open codes right now. Say "new code" to make one.')
            return []
        lines = [
            f"{c.badge_name} ({c.hint}...): {c.claims} of {c.max_claims} claimed, open until {when(c.valid_until, timezone)}"
            for c in open_codes
        ]
        dispatcher.utter_message(text="Your open codes:\n" + "\n".join(lines))
        return []


class ActionCloseCode(StaffAction):
    def name(self) -> str:
        return "action_close_code"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        code = latest_entity(tracker, "claim_code")
        if code is None:
            dispatcher.utter_message(
                text='Which code? Send "close" and the code, like: close K7QX2-M9PTW'
            )
            return []
        rt = runtime()
        try:
            status = await call(close_code, rt.uow(), rt.secret, code, staff_id=member.staff_id)
        except NotFound:
            dispatcher.utter_message(text="I can't find that code among yours.")
            return []
        dispatcher.utter_message(
            text=f"Closed: {status.badge_name} ({status.hint}...), {status.claims} of {status.max_claims} claimed. Nobody else can claim it."
        )
        return []


class ActionPendingClaims(StaffAction):
    def name(self) -> str:
        return "action_pending_claims"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        rt = runtime()
        waiting = await call(pending_claims, rt.uow(), member.staff_id)
        if not waiting:
            dispatcher.utter_message(text="No claims waiting. 👍")
            return []
        timezone = await call(city_timezone, rt.uow(), member.city)
        for claim in waiting[:5]:
            ref = str(claim.award_id)
            dispatcher.utter_message(
                text=f"An under-13 claimed {claim.badge_name} on {when(claim.claimed_at, timezone)}.",
                buttons=[
                    {
                        "title": "Approve",
                        "payload": payload("review_claim", award_ref=ref, decision="approve"),
                    },
                    {
                        "title": "Decline",
                        "payload": payload("review_claim", award_ref=ref, decision="decline"),
                    },
                ],
            )
        if len(waiting) > 5:
            dispatcher.utter_message(
                text=f'…and {len(waiting) - 5} more. Say "pending" again after these.'
            )
        return []


class ActionReviewClaim(StaffAction):
    def name(self) -> str:
        return "action_review_claim"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        ref, decision = latest_entity(tracker, "award_ref"), latest_entity(tracker, "decision")
        if not (ref and ref.isdigit()) or decision not in ("approve", "decline"):
            dispatcher.utter_message(
                text='Say "pending" and use the buttons to approve or decline.'
            )
            return []
        rt = runtime()
        try:
            claim = await call(
                review_claim, rt.uow(), member.staff_id, int(ref), approve=decision == "approve"
            )
        except ColbotError:
            dispatcher.utter_message(
                text="That claim has already been dealt with, or isn't one of yours."
            )
            return []
        verdict = "Approved ✅" if decision == "approve" else "Declined"
        dispatcher.utter_message(text=f"{verdict}: {claim.badge_name}.")
        return []


class ActionInviteStaff(StaffAction):
    def name(self) -> str:
        return "action_invite_staff"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        rt = runtime()
        try:
            invite = await call(
                invite_staff,
                rt.uow(),
                rt.secret,
                member.city,
                member.provider_key,
                "issuer",
                invited_by=member.staff_id,
            )
        except StaffNotAllowed:
            dispatcher.utter_message(text="Only an org admin can invite youth workers. Ask yours.")
            return []
        dispatcher.utter_message(
            text=f"Give this to your youth worker: {invite.code}\nThey send it to me within 7 days to start issuing codes for {invite.provider_name}. It works once."
        )
        return []
