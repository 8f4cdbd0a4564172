"""Youth workers in the bot: join with an invite, make codes, see claims, close a code,
approve under-13s' claims, invite a colleague. Each action asks the badge core whether the
sender is staff; the badge core checks every badge and code is their own provider's.

"new code" is a form (bot/domain/staff.yml, nlu_data/rules/staff.yml): action_new_code lets
staff in, new_code_form asks (action_ask_code_badge, utter_ask_code_amount,
action_ask_code_activity, utter_ask_code_window) and validate_new_code_form checks each
answer, action_issue_codes makes the codes. What may be chosen, and what each choice means,
is the badge core's (badge_core/services/staff_codes.py); these only ask and phrase. What
they say is responses in bot/domain/staff.yml, filled in with the variables given here."""

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
    city_of,
    latest_entity,
    payload,
    runtime,
    sealed_address,
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
from badge_core.services.approvals import answer_notice, pending_claims, review_claim
from badge_core.services.cities import city_timezone
from badge_core.services.code_links import ClaimLinks, claim_links
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
    provider_badges,
    read_amount,
    read_code_request,
    read_session,
    session_choice,
)

NOT_STAFF = "utter_not_staff"  # the responses (bot/domain/staff.yml) for anyone not staff,
NOT_YOURS = "utter_not_your_badge"  # and for a badge not of the sender's provider
FORM_SLOTS = ("code_badge", "code_amount", "code_activity", "code_window")  # new_code_form's
STOP = (FollowupAction("action_listen"),)  # from action_new_code: the form does not start
END_FORM = (SlotSet(REQUESTED_SLOT, None),)  # from a step of the form: it ends, no codes made


async def _member(tracker: Tracker) -> StaffMember | None:
    rt, who = runtime(), speaker(tracker)
    return await call(
        staff_member,
        rt.uow(),
        rt.secret,
        who.channel,
        who.sender,
        sealed_address=sealed_address(tracker),
    )


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
            dispatcher.utter_message(response=NOT_STAFF)
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
                accept_invite,
                rt.uow(),
                rt.secret,
                who.channel,
                who.sender,
                text,
                city_slug=city_of(tracker),
                sealed_address=sealed_address(tracker),
            )
        except InviteUnknown:
            dispatcher.utter_message(response="utter_staff_invite_failed")
            return []
        except TooManyInviteAttempts:
            dispatcher.utter_message(response="utter_staff_invites_paused")
            return []
        welcome = (
            "utter_staff_welcome_org_admin"
            if member.role == "org-admin"
            else "utter_staff_welcome_youth_worker"
        )
        dispatcher.utter_message(response=welcome, provider=member.provider_name)
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
            dispatcher.utter_message(response=TRY_AGAIN)
            return list(STOP)

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        badges = await call(provider_badges, runtime().uow(), member.staff_id)
        if not badges:
            dispatcher.utter_message(
                response="utter_provider_has_no_badges", provider=member.provider_name
            )
            return list(STOP)
        # what they said already fills its steps: "a code for tonight, about 25 kids"
        said = await call(
            read_code_request,
            runtime().uow(),
            member.staff_id,
            tracker.latest_message.get("text") or "",
        )
        read = {
            "code_badge": said.badge,
            "code_amount": said.amount,
            "code_activity": said.session,
            "code_window": said.window,
        }
        if tracker.active_loop.get("name") == "new_code_form":
            # "10 single use codes" typed mid-form reads as new_code: it answers, keeping
            # the answers already given
            kept = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
            fresh = kept | {slot: value for slot, value in read.items() if value is not None}
        else:
            fresh = dict.fromkeys(FORM_SLOTS) | read
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
            response="utter_which_badge_for_code",
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
            dispatcher.utter_message(response=NOT_YOURS)
            return list(END_FORM)
        buttons = [
            {"title": title, "payload": payload("new_code", code_activity=key)}
            for key, title in choice.activities[:SESSION_CHOICES]
        ]
        buttons.append(
            {"title": "Not one session", "payload": payload("new_code", code_activity=NO_SESSION)}
        )
        dispatcher.utter_message(response="utter_which_session_for_code", buttons=buttons)
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
            dispatcher.utter_message(response=TRY_AGAIN)
            return []

    async def validate_code_badge(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {}  # emptied by action_new_code: nothing to check
        member = await _member(tracker)
        if member is not None and latest_entity(tracker, "code_badge") is None:
            # typed, not a button: the badge it names, or the question again
            said = await call(read_code_request, runtime().uow(), member.staff_id, str(value))
            if said.badge is None:
                return {"code_badge": None}
            value = said.badge
        choice = await _badge_choice(member, value)
        if choice is None:
            dispatcher.utter_message(response=NOT_YOURS if member else NOT_STAFF)
            return {"code_badge": None, REQUESTED_SLOT: None}  # the form ends
        slots = {"code_badge": value}
        if latest_entity(tracker, "code_activity") is None and not tracker.get_slot(
            "code_activity"
        ):  # unless chosen in the same message, or named in the first one
            slots["code_activity"] = default_session(choice.activities)
        return slots

    async def validate_code_amount(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if amount_of(value):
            return {"code_amount": value}
        return {"code_amount": read_amount(str(value))}  # typed: "25", "about 25 kids"

    async def validate_code_activity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:
            return {}  # emptied by action_new_code (or just chosen by validate_code_badge)
        choice = await _badge_choice(await _member(tracker), tracker.get_slot("code_badge"))
        if choice is None:
            return {"code_activity": None}
        if latest_entity(tracker, "code_activity") is None:  # typed: "plympton", "none"
            return {"code_activity": read_session(str(value), choice.activities)}
        return {"code_activity": session_choice(choice.activities, value)}

    async def validate_code_window(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if is_window(value):
            return {"code_window": value}
        member = await _member(tracker)  # typed: "till 9", "tonight", "3 hours"
        if member is None:
            return {"code_window": None}
        said = await call(read_code_request, runtime().uow(), member.staff_id, str(value))
        return {"code_window": said.window}


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
            dispatcher.utter_message(response=NOT_YOURS)
            return []
        response, variables = _codes_made(made.codes, made.timezone)
        dispatcher.utter_message(response=response, **variables)
        return []


def _codes_made(issued: list[IssuedCode], timezone: str) -> tuple[str, dict[str, str | int]]:
    """The response for codes just made, and its variables: one code (shared) with the ways
    to claim it, or single-use codes, one a line."""
    first = issued[0]
    said: dict[str, str | int] = {
        "badge": first.badge_name,
        "until": clock(first.valid_until, timezone),
    }
    if len(issued) > 1:
        codes = "\n".join(code.code for code in issued)
        return "utter_single_use_codes_made", said | {"count": len(issued), "codes": codes}
    links = claim_links(runtime().settings, first.code, first.valid_until, first.channels)
    return "utter_claim_code_made", said | {
        "code": first.code,
        "max_claims": first.max_claims,
        "ways": _ways_to_claim(links),
        "poster": links.poster,
    }


def _ways_to_claim(links: ClaimLinks) -> str:
    """The ways to claim besides the poster this deployment has, each a line ending in a
    newline; empty when it has none."""
    lines = (
        links.telegram and f"Telegram: {links.telegram}",
        links.whatsapp and f"WhatsApp: {links.whatsapp}",
        links.sms,
    )
    return "".join(f"{line}\n" for line in lines if line)


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
            dispatcher.utter_message(response="utter_no_open_codes")
            return []
        lines = [
            f"{c.badge_name} ({c.hint}...): {c.claims} of {c.max_claims} claimed, "
            f"open until {when(c.valid_until, timezone)}"
            for c in open_codes
        ]
        dispatcher.utter_message(response="utter_open_codes", codes="\n".join(lines))
        return []


class ActionCloseCode(StaffAction):
    def name(self) -> str:
        return "action_close_code"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        code = latest_entity(tracker, "claim_code")
        if code is None:
            dispatcher.utter_message(response="utter_which_code_to_close")
            return []
        rt = runtime()
        try:
            status = await call(close_code, rt.uow(), rt.secret, code, staff_id=member.staff_id)
        except NotFound:
            dispatcher.utter_message(response="utter_code_not_among_yours")
            return []
        dispatcher.utter_message(
            response="utter_code_closed",
            badge=status.badge_name,
            hint=status.hint,
            claims=status.claims,
            max_claims=status.max_claims,
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
            dispatcher.utter_message(response="utter_no_claims_waiting")
            return []
        timezone = await call(city_timezone, rt.uow(), member.city)
        for claim in waiting[:5]:
            ref = str(claim.award_id)
            dispatcher.utter_message(
                response="utter_claim_waiting",
                badge=claim.badge_name,
                claimed=when(claim.claimed_at, timezone),
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
            dispatcher.utter_message(response="utter_more_claims_waiting", more=len(waiting) - 5)
        return []


class ActionReviewClaim(StaffAction):
    def name(self) -> str:
        return "action_review_claim"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        ref, decision = latest_entity(tracker, "award_ref"), latest_entity(tracker, "decision")
        if not (ref and ref.isdigit()) or decision not in ("approve", "decline"):
            dispatcher.utter_message(response="utter_how_to_review_claims")
            return []
        rt = runtime()
        try:
            claim = await call(
                review_claim, rt.uow(), member.staff_id, int(ref), approve=decision == "approve"
            )
        except ColbotError:
            dispatcher.utter_message(response="utter_claim_not_to_review")
            return []
        verdict = "utter_claim_approved" if decision == "approve" else "utter_claim_declined"
        dispatcher.utter_message(response=verdict, badge=claim.badge_name)
        return []


class ActionNoticeReply(StaffAction):
    """ "APPROVE" or "DECLINE" typed back to a claims notice (bot/channels/rendering.py reads
    the word): the one claim the youth worker's last notice asked about."""

    def name(self) -> str:
        return "action_notice_reply"

    async def for_staff(
        self, member: StaffMember, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> list[EventType]:
        approve = latest_entity(tracker, "decision") == "approve"
        rt = runtime()
        try:
            claim = await call(answer_notice, rt.uow(), member.staff_id, approve=approve)
        except NotFound:
            dispatcher.utter_message(response="utter_notice_not_one_claim")
            return []
        except ColbotError:
            dispatcher.utter_message(response="utter_claim_not_to_review")
            return []
        verdict = "utter_claim_approved" if approve else "utter_claim_declined"
        dispatcher.utter_message(response=verdict, badge=claim.badge_name)
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
            dispatcher.utter_message(response="utter_only_org_admins_invite")
            return []
        dispatcher.utter_message(
            response="utter_staff_invite_made", invite=invite.code, provider=invite.provider_name
        )
        return []
