"""Youth workers in the bot: what each staff action says, and what it changes. "new code" is a
form: the ``Wizard`` below runs it as Rasa does (action_new_code, then each question and
validate_new_code_form on each button pressed, then action_issue_codes), so the tests read
what the youth worker is told and which codes exist. What they are told is responses in
bot/domain/staff.yml: the tests check which, and with what, and read the words where the
words are the point."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

import yaml
from rasa_sdk.events import FollowupAction
from rasa_sdk.forms import REQUESTED_SLOT
from sqlalchemy import select

from actions import runtime
from actions.staff import (
    FORM_SLOTS,
    NOT_STAFF,
    NOT_YOURS,
    ActionAskCodeActivity,
    ActionAskCodeBadge,
    ActionCloseCode,
    ActionInviteStaff,
    ActionIssueCodes,
    ActionMyCodes,
    ActionNewCode,
    ActionPendingClaims,
    ActionReviewClaim,
    ActionStaffJoin,
    ValidateNewCodeForm,
)
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Award, ClaimCode
from badge_core.services.claims import claim_badge
from badge_core.services.codes import end_of_local_day
from badge_core.services.invites import invite_staff
from badge_core.services.staff import remove_staff, staff_member
from badge_core.services.staff_codes import AMOUNTS, WINDOWS
from tests.actions.support import (
    Ran,
    award_count,
    count,
    entities,
    make_tracker,
    register,
    rendered,
    run,
)
from tests.conftest import REPO, SECRET

WORKER = "worker-1"
LIBRARIES = "plymouth-libraries"
DOMAIN = yaml.safe_load((REPO / "bot" / "domain" / "staff.yml").read_text())
ASK_ACTIONS = {"code_badge": ActionAskCodeBadge(), "code_activity": ActionAskCodeActivity()}
LISTEN = FollowupAction("action_listen")  # what stops the form from starting


def join(db: UnitOfWorkFactory, role: str = "issuer", provider: str = LIBRARIES) -> None:
    invite = invite_staff(db(), SECRET, "plymouth", provider, role)
    ran = run(ActionStaffJoin(), make_tracker(invite.code, "staff_join", sender=WORKER))
    assert ran.responses == ["utter_staff_welcome_youth_worker"]


class Wizard:
    """new_code_form for one sender, run as Rasa runs it: the slots it holds, what the sender
    is shown (``said``: each message, as the actions utter it), whether the form is still
    open."""

    def __init__(self, sender: str = WORKER) -> None:
        self.sender, self.slots, self.said, self.open = sender, dict.fromkeys(FORM_SLOTS), [], False

    def start(self, text: str = "new code", given: list[tuple[str, str]] | None = None) -> Wizard:
        tracker = make_tracker(
            text, "new_code", entities=given or [], sender=self.sender, slots=self.slots
        )
        ran = run(ActionNewCode(), tracker)
        self.said = ran.messages
        if LISTEN in ran.events:  # the form does not start
            return self
        self.open = True
        self.slots.update(ran.slots)
        # As Rasa activates a form: the slots filled by now (and by the message) are checked;
        # when that checks nothing, the slots this turn's actions set are.
        prefilled = {slot: value for slot, value in self.slots.items() if value is not None}
        checked = self._validate(text, given or [], prefilled | dict(given or []))
        if not checked.slots:
            checked = self._validate(text, given or [], ran.slots)
        self._carry_on(checked)
        return self

    def press(self, title: str) -> Wizard:
        """Press the button titled ``title`` in the latest question."""
        [button] = [b for b in self.said[-1]["buttons"] if b["title"] == title]
        return self.send(button["payload"])

    def type(self, text: str) -> Wizard:
        """Type ``text`` as the answer to the open question (the form's from_text mapping)."""
        missing = [slot for slot in FORM_SLOTS if self.slots[slot] is None]
        self.said = []
        self._answer(text, [], {missing[0]: text})
        return self

    def send(self, button_payload: str) -> Wizard:
        """Send a button's payload, whether the bot showed that button or not."""
        given = entities(button_payload)
        self.said = []
        self._answer(button_payload, given, dict(given))
        return self

    def _answer(self, text: str, given: list[tuple[str, str]], candidates: dict[str, Any]) -> None:
        self._carry_on(self._validate(text, given, candidates))

    def _validate(self, text: str, given: list[tuple[str, str]], candidates: dict[str, Any]) -> Any:
        """validate_new_code_form on ``candidates``, as Rasa calls it (they are the tracker's
        latest events); the slots take the values it returns."""
        events = [{"event": "slot", "name": name, "value": v} for name, v in candidates.items()]
        tracker = make_tracker(
            text,
            "new_code",
            entities=given,
            sender=self.sender,
            slots=self.slots | candidates,
            events=events,
        )
        ran = run(ValidateNewCodeForm(), tracker, DOMAIN)
        self.said += ran.messages
        self.slots.update(candidates | {k: v for k, v in ran.slots.items() if k in FORM_SLOTS})
        return ran

    def _carry_on(self, checked: Any) -> None:
        """The next question, or the codes when the form is done (or ended early)."""
        ended = checked.slots.get(REQUESTED_SLOT, "") is None
        missing = [slot for slot in FORM_SLOTS if self.slots[slot] is None]
        if not ended and missing:
            ended = self._ask(missing[0])
        if ended or not missing:
            self.open = False
            done = run(ActionIssueCodes(), make_tracker(sender=self.sender, slots=self.slots))
            self.said += done.messages

    def _ask(self, slot: str) -> bool:
        """Ask for ``slot``, as the form does; True when the question ended the form."""
        if f"utter_ask_{slot}" in DOMAIN["responses"]:
            [question] = DOMAIN["responses"][f"utter_ask_{slot}"]
            self.said.append({"response": f"utter_ask_{slot}", "buttons": question["buttons"]})
            return False
        asked = run(ASK_ACTIONS[slot], make_tracker(sender=self.sender, slots=self.slots))
        self.said += asked.messages
        return asked.slots.get(REQUESTED_SLOT, "") is None

    @property
    def ran(self) -> Ran:
        """What was said since the last answer (its ``responses``, ``said`` and ``texts``)."""
        return Ran(self.said)

    @property
    def asked(self) -> str:
        """The response of the latest question."""
        return self.said[-1]["response"]

    @property
    def question(self) -> str:
        """The latest question, as the youth worker reads it."""
        return rendered(self.said[-1])

    def titles(self) -> list[str]:
        return [b["title"] for b in self.said[-1].get("buttons", [])]


def codes(db: UnitOfWorkFactory) -> list[ClaimCode]:
    with db() as unit:
        made = list(unit.session.scalars(select(ClaimCode).order_by(ClaimCode.id)))
        for code in made:
            _ = code.activity  # loaded while the session is open
        return made


def test_learners_asking_for_staff_things_get_one_friendly_line(db: UnitOfWorkFactory) -> None:
    for action, intent in (
        (ActionNewCode(), "new_code"),
        (ActionMyCodes(), "my_codes"),
        (ActionPendingClaims(), "pending_claims"),
        (ActionCloseCode(), "close_code"),
        (ActionInviteStaff(), "invite_staff"),
        (ActionReviewClaim(), "review_claim"),
    ):
        assert run(action, make_tracker("x", intent)).said == [(NOT_STAFF, {})]
    wizard = Wizard(sender="learner").start()
    assert wizard.ran.texts == [
        "That's for youth workers. If you've got a badge code, just send it to me."
    ]
    assert not wizard.open  # and the form does not start
    # nor can a learner make codes by sending what the form would have collected
    chosen = {
        "code_badge": "code-club-coder",
        "code_amount": "cap-30",
        "code_activity": "none",
        "code_window": "7d",
    }
    ran = run(ActionIssueCodes(), make_tracker(sender="learner", slots=chosen))
    assert ran.responses == [NOT_STAFF]
    assert count(db, ClaimCode) == 0


def test_a_wrong_invite_is_refused(db: UnitOfWorkFactory) -> None:
    ran = run(ActionStaffJoin(), make_tracker("STAFF 2AB2-3CD3", "staff_join", sender=WORKER))
    assert ran.said == [("utter_staff_invite_failed", {})]
    assert Wizard().start().ran.responses == [NOT_STAFF]


def test_new_code_walks_through_badge_amount_session_and_time_then_gives_a_code_that_works(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    wizard = Wizard().start()
    assert wizard.asked == "utter_which_badge_for_code"
    assert "Code Club Coder" in wizard.titles() and "Beat Maker" not in wizard.titles()
    wizard.press("Code Club Coder")
    assert wizard.asked == "utter_ask_code_amount"
    assert wizard.titles() == [
        "Shared, up to 30",
        "Shared, up to 60",
        "5 single-use",
        "10 single-use",
    ]
    wizard.press("Shared, up to 30")
    # two clubs award this badge: which session is it for?
    assert wizard.asked == "utter_which_session_for_code"
    assert wizard.titles()[-1] == "Not one session" and len(wizard.titles()) == 3
    wizard.press(next(t for t in wizard.titles() if "Plympton" in t))
    assert wizard.asked == "utter_ask_code_window"
    assert wizard.titles() == ["Until midnight", "Next 2 hours", "7 days"]
    assert count(db, ClaimCode) == 0  # nothing made until the last answer
    wizard.press("Next 2 hours")
    assert not wizard.open
    [(response, said)] = wizard.ran.said
    assert response == "utter_claim_code_made"
    assert said["badge"] == "Code Club Coder" and said["max_claims"] == 30
    code, poster = said["code"], said["poster"]
    # no Telegram, WhatsApp or SMS here (see the next test): the code, then the poster
    assert wizard.ran.texts == [
        f"Your code for Code Club Coder: {code}\n"
        f"Up to 30 claims, until {said['until']}.\n"
        f"Poster: {poster}"
    ]
    [token] = re.findall(r"/posters/(\S+)\.pdf", poster)
    assert code not in token  # sealed (M6): the poster link is no way to try codes

    [made] = codes(db)
    assert made.activity.key == "plympton-code-club" and made.max_claims == 30
    open_for = made.valid_until - made.valid_from
    assert timedelta(hours=1, minutes=59) < open_for <= timedelta(hours=2)
    learner = register(db, sender="kid", age_band="13-15").learner_id
    assert claim_badge(db(), SECRET, learner, code).badge_name == "Code Club Coder"
    [(response, mine)] = run(
        ActionMyCodes(), make_tracker("my codes", "my_codes", sender=WORKER)
    ).said
    assert response == "utter_open_codes"
    assert mine["codes"].startswith(f"Code Club Coder ({code[:2]}...): 1 of 30 claimed, open")

    closed = run(
        ActionCloseCode(),
        make_tracker(f"close {code}", "close_code", entities=[("claim_code", code)], sender=WORKER),
    )
    assert closed.said == [
        (
            "utter_code_closed",
            {"badge": "Code Club Coder", "hint": code[:2], "claims": 1, "max_claims": 30},
        )
    ]
    mine_now = run(ActionMyCodes(), make_tracker("my codes", "my_codes", sender=WORKER))
    assert mine_now.responses == ["utter_no_open_codes"]


def test_a_code_comes_with_each_way_to_claim_it_the_deployment_has(db: UnitOfWorkFactory) -> None:
    links = {
        "telegram_bot_username": "colbot_test_bot",
        "whatsapp_number": "whatsapp:+447700900001",
        "sms_number": "+447700900002",
    }
    rt = runtime.runtime()
    runtime.use(replace(rt, settings=replace(rt.settings, **links)))
    join(db)
    chosen = {
        "code_badge": "code-club-coder",
        "code_amount": "cap-60",
        "code_activity": "none",
        "code_window": "7d",
    }
    ran = run(ActionIssueCodes(), make_tracker(sender=WORKER, slots=chosen))
    [(response, said)] = ran.said
    code = said["code"]
    assert ran.texts == [
        f"Your code for Code Club Coder: {code}\n"
        f"Up to 60 claims, until {said['until']}.\n"
        f"Telegram: https://t.me/colbot_test_bot?start={code}\n"
        f"WhatsApp: https://wa.me/447700900001?text=CLAIM%20{code}\n"
        # the city's own SMS number (cities/plymouth/city.yaml), not the deployment's default
        f"Text CLAIM {code} to +447700900000\n"
        f"Poster: {said['poster']}"
    ]


def test_single_use_codes_for_no_one_session_until_midnight(db: UnitOfWorkFactory) -> None:
    join(db)
    wizard = Wizard().start().press("Code Club Coder").press("10 single-use")
    wizard.press("Not one session").press("Until midnight")
    [(response, said)] = wizard.ran.said
    assert response == "utter_single_use_codes_made"
    assert said["count"] == 10 and said["badge"] == "Code Club Coder"
    made = codes(db)
    assert len(made) == 10 and {c.max_claims for c in made} == {1}
    shown = said["codes"].split("\n")
    assert len(set(shown)) == 10 and all(re.fullmatch(r"\w{5}-\w{5}", c) for c in shown)
    assert wizard.ran.texts[0].startswith(
        f"10 single-use codes for Code Club Coder, until {said['until']}:\n{shown[0]}\n"
    )
    assert all(c.activity is None for c in made)
    midnight = {end_of_local_day(c.valid_from, "Europe/London") for c in made}
    assert {c.valid_until for c in made} == midnight


def test_a_provider_with_one_badge_and_one_session_is_asked_only_how_many_and_how_long(
    db: UnitOfWorkFactory,
) -> None:
    join(db, provider="theatre-royal-plymouth")  # one badge, awarded by one activity
    wizard = Wizard().start()
    assert (
        wizard.question == "One code everyone shares, or a code each? (Or type how many, like 25.)"
    )
    wizard.press("5 single-use")
    assert wizard.question == "How long should it work? (Or type a time, like till 9.)"
    wizard.press("7 days")
    [(response, said)] = wizard.ran.said
    assert response == "utter_single_use_codes_made" and said["count"] == 5
    made = codes(db)
    assert len(made) == 5 and len({c.activity.key for c in made}) == 1
    assert {c.valid_until - c.valid_from for c in made} == {timedelta(days=7)}


def test_an_earlier_button_carrying_every_choice_makes_the_codes_at_once(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    old = (
        '/new_code{"code_badge":"code-club-coder","code_amount":"cap-60",'
        '"code_activity":"none","code_window":"7d"}'
    )
    wizard = Wizard().start(old, entities(old))
    [(response, said)] = wizard.ran.said
    assert response == "utter_claim_code_made" and said["max_claims"] == 60
    assert not wizard.open
    [made] = codes(db)
    assert made.activity is None and made.valid_until - made.valid_from == timedelta(days=7)


def test_a_made_up_amount_or_time_is_asked_again_and_a_made_up_session_is_none(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    wizard = Wizard().start().press("Code Club Coder")
    wizard.send('/new_code{"code_amount":"cap-999"}')
    assert wizard.ran.responses == ["utter_ask_code_amount"]
    wizard.press("Shared, up to 60")
    wizard.send('/new_code{"code_activity":"hoe-coast-clean"}')  # another badge's session
    assert wizard.ran.responses == ["utter_ask_code_window"]  # no session, not asked again
    wizard.send('/new_code{"code_window":"1y"}')
    assert wizard.ran.responses == ["utter_ask_code_window"]
    wizard.press("Until midnight")
    [made] = codes(db)
    assert made.max_claims == 60 and made.activity is None


def test_another_providers_badge_is_refused_even_by_a_crafted_button(db: UnitOfWorkFactory) -> None:
    join(db)
    crafted = [("code_badge", "beat-maker"), ("code_amount", "cap-30")]
    wizard = Wizard().start("x", crafted)
    assert wizard.ran.said == [(NOT_YOURS, {})]  # nothing more: no question, no codes
    assert not wizard.open
    # pressed in the middle of the form, the same
    wizard = Wizard().start().send('/new_code{"code_badge":"beat-maker"}')
    assert wizard.ran.texts == ['That badge isn\'t one of yours. Say "new code" to start again.']
    assert not wizard.open
    # and the badge core refuses it again when the codes are made
    chosen = {
        "code_badge": "beat-maker",
        "code_amount": "cap-30",
        "code_activity": "none",
        "code_window": "7d",
    }
    ran = run(ActionIssueCodes(), make_tracker(sender=WORKER, slots=chosen))
    assert ran.responses == [NOT_YOURS]
    assert count(db, ClaimCode) == 0


def test_a_youth_worker_removed_in_the_middle_of_a_new_code_makes_nothing(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    wizard = Wizard().start().press("Code Club Coder").press("Shared, up to 30")
    assert wizard.asked == "utter_which_session_for_code"
    member = staff_member(db(), SECRET, "rest", WORKER)
    remove_staff(db(), member.staff_id)
    wizard.press("Not one session")
    assert wizard.ran.responses == [NOT_STAFF] and not wizard.open
    asked = run(ActionAskCodeBadge(), make_tracker(sender=WORKER))
    assert asked.responses == [NOT_STAFF] and asked.slots == {REQUESTED_SLOT: None}  # form ends
    # and had the form got to the end, the codes are still the badge core's to refuse
    chosen = {
        "code_badge": "code-club-coder",
        "code_amount": "cap-30",
        "code_activity": "none",
        "code_window": "7d",
    }
    ran = run(ActionIssueCodes(), make_tracker(sender=WORKER, slots=chosen))
    assert ran.responses == [NOT_STAFF]
    assert count(db, ClaimCode) == 0


def test_a_new_code_starts_afresh_whatever_an_earlier_one_left(db: UnitOfWorkFactory) -> None:
    join(db)
    wizard = Wizard().start().press("Code Club Coder").press("Shared, up to 30")
    wizard.press(wizard.titles()[0])
    assert wizard.asked == "utter_ask_code_window"
    wizard.open = False  # say a safeguarding reply put the form down here
    assert wizard.start().question == "Which badge is it for?"
    assert wizard.slots == dict.fromkeys(FORM_SLOTS) and len(wizard.said) == 1
    wizard.press("Code Club Coder")
    assert wizard.asked == "utter_ask_code_amount"
    wizard.press("5 single-use")
    assert wizard.question == "Which session is it for?"  # asked again, for this code
    wizard.press("Not one session").press("7 days")
    assert len(codes(db)) == 5


def test_what_the_first_message_says_fills_its_steps_and_typed_answers_work_at_each(
    db: UnitOfWorkFactory,
) -> None:
    """At a busy event: "i need a code for tonight's session, about 25 kids" is not asked
    again how many or how long; the rest is typed, not tapped."""
    join(db)
    wizard = Wizard().start("i need a code for tonight's session, about 25 kids")
    assert (wizard.slots["code_amount"], wizard.slots["code_window"]) == ("cap-25", "midnight")
    assert wizard.asked == "utter_which_badge_for_code"
    wizard.type("code club")
    assert wizard.asked == "utter_which_session_for_code"
    wizard.type("plympton")
    assert not wizard.open
    [(response, said)] = wizard.ran.said
    assert response == "utter_claim_code_made" and said["max_claims"] == 25
    [made] = codes(db)
    assert (made.activity.key, made.max_claims) == ("plympton-code-club", 25)


def test_one_message_that_says_everything_gets_the_code_straight_back(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    wizard = Wizard().start("code club coder codes for plympton, 10 single use, for 3 hours")
    assert not wizard.open and len(wizard.said) == 1
    assert wizard.ran.responses == ["utter_single_use_codes_made"]
    assert len(codes(db)) == 10


def test_a_typed_number_or_time_answers_and_nonsense_is_asked_again(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    wizard = Wizard().start().press("Code Club Coder")
    wizard.type("hmm not sure")
    assert wizard.asked == "utter_ask_code_amount"  # the question again
    wizard.type("25")
    assert wizard.slots["code_amount"] == "cap-25"
    wizard.press("Not one session")
    wizard.type("for about 3 hours")
    assert not wizard.open
    [made] = codes(db)
    assert made.max_claims == 25 and made.activity is None
    assert timedelta(hours=2, minutes=59) < made.valid_until - made.valid_from <= timedelta(hours=3)


def test_a_provider_without_badges_is_told_so_and_the_form_does_not_start(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    with db() as unit:  # the provider's badges go elsewhere
        from badge_core.models import BadgeClass, Provider

        ours = unit.session.scalar(select(Provider.id).where(Provider.key == LIBRARIES))
        other = unit.session.scalar(select(Provider.id).where(Provider.key == "sound-harbour"))
        for badge in unit.session.scalars(select(BadgeClass).where(BadgeClass.provider_id == ours)):
            badge.provider_id = other
        unit.commit()
    ran = run(ActionNewCode(), make_tracker("new code", "new_code", sender=WORKER))
    assert ran.texts == ["Plymouth Libraries has no badges in the city pack yet."]
    assert ran.events == [LISTEN]


def test_the_buttons_carry_the_badge_cores_choices() -> None:
    """The amount and time questions are responses in the domain; their payloads are the
    badge core's keys, in its order."""

    def keys(slot: str) -> list[str]:
        [question] = DOMAIN["responses"][f"utter_ask_{slot}"]
        return [entities(b["payload"])[0][1] for b in question["buttons"]]

    assert keys("code_amount") == list(AMOUNTS)
    assert keys("code_window") == list(WINDOWS)
    assert DOMAIN["forms"]["new_code_form"]["required_slots"] == list(FORM_SLOTS)


def claimed_by_under_13s(db: UnitOfWorkFactory, learners: int) -> None:
    from badge_core.services.codes import create_claim_code

    code = create_claim_code(db(), SECRET, "plymouth", "code-club-coder", max_claims=10).code
    for n in range(learners):
        young = register(db, sender=f"young-{n}", age_band="under-13").learner_id
        claim_badge(db(), SECRET, young, code)


def review(button: dict[str, Any]) -> Ran:
    tracker = make_tracker(
        button["payload"], "review_claim", entities=entities(button["payload"]), sender=WORKER
    )
    return run(ActionReviewClaim(), tracker)


def test_pending_claims_come_with_approve_and_decline_buttons(db: UnitOfWorkFactory) -> None:
    join(db)
    pending = make_tracker("pending", "pending_claims", sender=WORKER)
    assert run(ActionPendingClaims(), pending).said == [("utter_no_claims_waiting", {})]
    claimed_by_under_13s(db, 1)
    [message] = run(ActionPendingClaims(), pending).messages
    assert message["response"] == "utter_claim_waiting" and message["badge"] == "Code Club Coder"
    approve = next(b for b in message["buttons"] if b["title"] == "Approve")
    ran = review(approve)
    assert ran.texts == ["Approved ✅: Code Club Coder."]
    assert award_count(db, Award.status == "awarded") == 1
    assert review(approve).responses == ["utter_claim_not_to_review"]


def test_five_claims_are_shown_at_a_time_and_a_claim_can_be_declined(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    claimed_by_under_13s(db, 7)
    ran = run(ActionPendingClaims(), make_tracker("pending", "pending_claims", sender=WORKER))
    assert ran.responses == ["utter_claim_waiting"] * 5 + ["utter_more_claims_waiting"]
    assert ran.said[-1] == ("utter_more_claims_waiting", {"more": 2})
    decline = next(b for b in ran.messages[0]["buttons"] if b["title"] == "Decline")
    assert review(decline).said == [("utter_claim_declined", {"badge": "Code Club Coder"})]
    assert award_count(db, Award.status == "declined") == 1
    refused = run(ActionReviewClaim(), make_tracker("approve", "review_claim", sender=WORKER))
    assert refused.responses == ["utter_how_to_review_claims"]  # no claim named: nothing done
    assert award_count(db, Award.status == "declined") == 1


def test_only_an_org_admin_gets_an_invite_for_a_colleague(db: UnitOfWorkFactory) -> None:
    join(db, role="issuer")
    refused = run(ActionInviteStaff(), make_tracker("invite", "invite_staff", sender=WORKER))
    assert refused.responses == ["utter_only_org_admins_invite"]
    invite = invite_staff(db(), SECRET, "plymouth", LIBRARIES, "org-admin")
    admin = run(ActionStaffJoin(), make_tracker(invite.code, "staff_join", sender="admin"))
    assert admin.said == [("utter_staff_welcome_org_admin", {"provider": "Plymouth Libraries"})]
    ran = run(ActionInviteStaff(), make_tracker("invite", "invite_staff", sender="admin"))
    [(response, said)] = ran.said
    assert response == "utter_staff_invite_made" and said["provider"] == "Plymouth Libraries"
    new_invite = said["invite"]
    assert re.fullmatch(r"STAFF \w{4}-\w{4}-\w{4}", new_invite)
    assert ran.texts[0].startswith(f"Give this to your youth worker: {new_invite}\n")
    ran = run(ActionStaffJoin(), make_tracker(new_invite, "staff_join", sender="colleague"))
    assert "You're a youth worker for Plymouth Libraries" in ran.texts[0]
