"""Youth workers in the bot: join with an invite, make codes, see claims, close a code,
approve under-13s' claims, invite a colleague. Each action asks the badge core whether the
sender is staff; the badge core checks every badge and code is their own provider's.

"new code" is a form (bot/domain/staff.yml, nlu_data/rules/staff.yml): action_new_code lets
staff in, new_code_form asks (action_ask_code_badge, utter_ask_code_amount,
action_ask_code_activity, utter_ask_code_window) and validate_new_code_form checks each
answer, action_issue_codes makes the codes. What may be chosen, and what each choice means,
is the badge core's (badge_core/services/staff_codes.py); these only ask and phrase."""

from __future__ import annotations

import abc
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.phrasing import clock, when
from actions.runtime import (
    TRY_AGAIN,
    GuardedAction,
    ServiceUnavailable,
    call,
    latest_entity,
    payload,
    runtime,
    speaker,
)
from badge_core.errors import (
    ColbotError,
    InvalidRequest,
    InviteUnknown,
    NotFound,
    StaffNotAllowed,
    TooManyInviteAttempts,
)
from badge_core.services.approvals import pending_claims, review_claim
from badge_core.services.cities import city_timezone
from badge_core.services.code_links import claim_links
from badge_core.services.codes import IssuedCode
from badge_core.services.invites import accept_invite, invite_staff
from badge_core.services.staff import StaffMember, staff_member
from badge_core.services.staff_codes import (
    BADGE_CHOICES,
    NO_SESSION,
    SESSION_CHOICES,
    BadgeChoice,
    CodeRequest,
    amount_of,
    badge_of_provider,
    close_code,
    code_statuses,
    default_session,
    is_window,
    issue_codes,
    only_badge,
    provider_badges,
    session_choice,
)

NOT_STAFF = "That's for youth workers. If you've got a badge code, just send it to me."
NOT_YOURS = 'That badge isn\'t one of yours. Say "new code" to start again.'
FORM_SLOTS = ("code_badge", "code_amount", "code_activity", "code_window")  # new_code_form's
STOP = (FollowupAction("action_listen"),)  # from action_new_code: the form does not start
END_FORM = (SlotSet(REQUESTED_SLOT, None),)  # from a step of the form: it ends, no codes made


async def _member(tracker: Tracker) -> StaffMember | None:
    rt, who = runtime(), speaker(tracker)
    return await call(staff_member, rt.uow(), rt.secret, who.channel, who.sender)


class StaffAction(GuardedAction):
    """An action only staff may use: anyone else gets one friendly line and nothing happens
    (the events in ``refusal``: none, or what stops a form). Subclasses implement
    ``for_staff``."""

    refusal: tuple[EventType, ...] = ()

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        member = await _member(tracker)
        if member is None:
            dispatcher.utter_message(text=NOT_STAFF)
            return list(self.refusal)
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
                text="That staff invite didn't work: it may be used or out of date. "
                "Ask for a new one."
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


async def _badge_choice(member: StaffMember | None, badge: object) -> BadgeChoice | None:
    """The staff member's own provider's badge and its sessions; None when they are not
    (or no longer) active staff or the badge is not their provider's."""
    if member is None or not isinstance(badge, str):
        return None
    try:
        return await call(badge_of_provider, runtime().uow(), member.staff_id, badge)
    except (StaffNotAllowed, NotFound):
        return None


def _request(tracker: Tracker) -> CodeRequest | None:
    """What the form collected, or None when it ended before every slot was filled."""
    values = [tracker.get_slot(slot) for slot in FORM_SLOTS]
    return None if None in values else CodeRequest(*values)


class ActionNewCode(StaffAction):
    """The way into new_code_form (nlu_data/rules/staff.yml): staff of a provider with
    badges start it afresh, the provider's only badge already chosen; anyone else gets one
    line, and the form does not start."""

    refusal = STOP

    def name(self) -> str:
        return "action_new_code"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            return await super().act(dispatcher, tracker, domain)
        except ServiceUnavailable:
            dispatcher.utter_message(text=TRY_AGAIN)
            return list(STOP)

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        badges = await call(provider_badges, runtime().uow(), member.staff_id)
        if not badges:
            dispatcher.utter_message(
                text=f"{member.provider_name} has no badges in the city pack yet."
            )
            return list(STOP)
        fresh = dict.fromkeys(FORM_SLOTS) | {"code_badge": only_badge(badges)}
        return [SlotSet(slot, value) for slot, value in fresh.items()]


class ActionAskCodeBadge(StaffAction):
    """new_code_form's badge question: the provider's badges, by name."""

    refusal = END_FORM

    def name(self) -> str:
        return "action_ask_code_badge"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        badges = await call(provider_badges, runtime().uow(), member.staff_id)
        dispatcher.utter_message(
            text="Which badge is it for?",
            buttons=[
                {"title": name, "payload": payload("new_code", code_badge=key)}
                for key, name in badges[:BADGE_CHOICES]
            ],
        )
        return []


class ActionAskCodeActivity(StaffAction):
    """new_code_form's session question: the activities that award the chosen badge."""

    refusal = END_FORM

    def name(self) -> str:
        return "action_ask_code_activity"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        choice = await _badge_choice(member, tracker.get_slot("code_badge"))
        if choice is None:
            dispatcher.utter_message(text=NOT_YOURS)
            return list(END_FORM)
        buttons = [
            {"title": title, "payload": payload("new_code", code_activity=key)}
            for key, title in choice.activities[:SESSION_CHOICES]
        ]
        buttons.append(
            {"title": "Not one session", "payload": payload("new_code", code_activity=NO_SESSION)}
        )
        dispatcher.utter_message(text="Which session is it for?", buttons=buttons)
        return []


class ValidateNewCodeForm(FormValidationAction):
    """Each answer checked against what the badge core allows: a badge of the sender's own
    provider (refused, and the form ended, otherwise), an amount and a time it offers (asked
    again otherwise), one of the badge's sessions (no session otherwise)."""

    def name(self) -> str:
        return "validate_new_code_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            return await super().run(dispatcher, tracker, domain)
        except ServiceUnavailable:
            dispatcher.utter_message(text=TRY_AGAIN)
            return []

    async def validate_code_badge(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {}  # emptied by action_new_code: nothing to check
        member = await _member(tracker)
        choice = await _badge_choice(member, value)
        if choice is None:
            dispatcher.utter_message(text=NOT_YOURS if member else NOT_STAFF)
            return {"code_badge": None, REQUESTED_SLOT: None}  # the form ends
        slots = {"code_badge": value}
        if latest_entity(tracker, "code_activity") is None:  # unless chosen in the same message
            slots["code_activity"] = default_session(choice.activities)
        return slots

    async def validate_code_amount(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"code_amount": value if amount_of(value) else None}

    async def validate_code_activity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {}  # emptied by action_new_code (or just chosen by validate_code_badge)
        choice = await _badge_choice(await _member(tracker), tracker.get_slot("code_badge"))
        return {"code_activity": session_choice(choice.activities, value) if choice else None}

    async def validate_code_window(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"code_window": value if is_window(value) else None}


class ActionIssueCodes(StaffAction):
    """The end of new_code_form: the codes, made by the badge core (which checks again who
    may make them), and their links."""

    def name(self) -> str:
        return "action_issue_codes"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if _request(tracker) is None:
            return []  # the form was ended early, and said why
        return await super().act(dispatcher, tracker, domain)

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        request = _request(tracker)
        assert request is not None
        rt = runtime()
        try:
            made = await call(issue_codes, rt.uow(), rt.secret, member.staff_id, request)
        except (StaffNotAllowed, NotFound, InvalidRequest):
            dispatcher.utter_message(text=NOT_YOURS)
            return []
        dispatcher.utter_message(text=_codes_text(made.codes, made.timezone))
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
            f"{c.badge_name} ({c.hint}...): {c.claims} of {c.max_claims} claimed, "
            f"open until {when(c.valid_until, timezone)}"
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
            text=f"Closed: {status.badge_name} ({status.hint}...), {status.claims} of "
            f"{status.max_claims} claimed. Nobody else can claim it."
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
                text=f"An under-13 claimed {claim.badge_name} on "
                f"{when(claim.claimed_at, timezone)}.",
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
            text=f"Give this to your youth worker: {invite.code}\nThey send it to me within 7 "
            f"days to start issuing codes for {invite.provider_name}. It works once."
        )
        return []
