"""Youth workers in the bot: what each staff action says, and what it changes."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from actions.staff import (
    NOT_STAFF,
    ActionCloseCode,
    ActionInviteStaff,
    ActionMyCodes,
    ActionNewCode,
    ActionPendingClaims,
    ActionReviewClaim,
    ActionStaffJoin,
)
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Award, ClaimCode
from badge_core.services.claims import claim_badge
from badge_core.services.invites import invite_staff
from tests.actions.support import award_count, count, entities, make_tracker, register, run
from tests.conftest import SECRET

WORKER = "worker-1"
LIBRARIES = "plymouth-libraries"


def join(db: UnitOfWorkFactory, role: str = "issuer") -> None:
    invite = invite_staff(db(), SECRET, "plymouth", LIBRARIES, role)
    ran = run(ActionStaffJoin(), make_tracker(invite.code, "staff_join", sender=WORKER))
    assert "Plymouth Libraries" in ran.texts[0]


def test_learners_asking_for_staff_things_get_one_friendly_line(db: UnitOfWorkFactory) -> None:
    for action, intent in (
        (ActionNewCode(), "new_code"),
        (ActionMyCodes(), "my_codes"),
        (ActionPendingClaims(), "pending_claims"),
        (ActionCloseCode(), "close_code"),
        (ActionInviteStaff(), "invite_staff"),
        (ActionReviewClaim(), "review_claim"),
    ):
        assert run(action, make_tracker("x", intent)).texts == [NOT_STAFF]
    assert count(db, ClaimCode) == 0


def test_a_wrong_invite_is_refused(db: UnitOfWorkFactory) -> None:
    ran = run(ActionStaffJoin(), make_tracker("STAFF 2AB2-3CD3", "staff_join", sender=WORKER))
    assert "didn't work" in ran.texts[0]
    assert run(ActionNewCode(), make_tracker("new code", "new_code", sender=WORKER)).texts == [
        NOT_STAFF
    ]


def test_new_code_walks_through_badge_and_amount_then_gives_a_code_that_works(
    db: UnitOfWorkFactory,
) -> None:
    join(db)
    first = run(ActionNewCode(), make_tracker("new code", "new_code", sender=WORKER))
    [ask_badge] = first.messages
    badge_button = next(b for b in ask_badge["buttons"] if b["title"] == "Code Club Coder")
    second = run(
        ActionNewCode(),
        make_tracker(
            badge_button["payload"],
            "new_code",
            entities=entities(badge_button["payload"]),
            sender=WORKER,
        ),
    )
    shared = next(b for b in second.messages[0]["buttons"] if b["title"] == "Shared, up to 30")
    third = run(
        ActionNewCode(),
        make_tracker(
            shared["payload"], "new_code", entities=entities(shared["payload"]), sender=WORKER
        ),
    )
    # two clubs award this badge: which session is it for?
    [ask_session] = third.messages
    assert ask_session["text"] == "Which session is it for?"
    session = next(b for b in ask_session["buttons"] if "Plympton" in b["title"])
    fourth = run(
        ActionNewCode(),
        make_tracker(
            session["payload"], "new_code", entities=entities(session["payload"]), sender=WORKER
        ),
    )
    two_hours = next(b for b in fourth.messages[0]["buttons"] if b["title"] == "Next 2 hours")
    fifth = run(
        ActionNewCode(),
        make_tracker(
            two_hours["payload"], "new_code", entities=entities(two_hours["payload"]), sender=WORKER
        ),
    )
    [text] = fifth.texts
    code = re.search(r"Code Club Coder: (\w{5}-\w{5})", text).group(1)
    assert "Up to 30 claims" in text
    [token] = re.findall(r"/posters/(\S+)\.pdf", text)
    assert code not in token  # sealed (M6): the poster link is no way to try codes

    with db() as unit:
        made = unit.session.scalar(select(ClaimCode))
        assert made.activity.key == "plympton-code-club" and made.max_claims == 30
        open_for = made.valid_until - made.valid_from
        assert timedelta(hours=1, minutes=59) < open_for <= timedelta(hours=2)
    learner = register(db, sender="kid", age_band="13-15").learner_id
    assert claim_badge(db(), SECRET, learner, code).badge_name == "Code Club Coder"
    mine = run(ActionMyCodes(), make_tracker("my codes", "my_codes", sender=WORKER)).texts[0]
    assert "Code Club Coder" in mine and "1 of 30 claimed" in mine

    closed = run(
        ActionCloseCode(),
        make_tracker(f"close {code}", "close_code", entities=[("claim_code", code)], sender=WORKER),
    )
    assert "Closed" in closed.texts[0] and "1 of 30" in closed.texts[0]
    assert (
        "No open codes"
        in run(ActionMyCodes(), make_tracker("my codes", "my_codes", sender=WORKER)).texts[0]
    )


def test_another_providers_badge_is_refused_even_by_a_crafted_button(db: UnitOfWorkFactory) -> None:
    join(db)
    ran = run(
        ActionNewCode(),
        make_tracker(
            "x",
            "new_code",
            entities=[("code_badge", "beat-maker"), ("code_amount", "cap-30")],
            sender=WORKER,
        ),
    )
    assert "isn't one of yours" in ran.texts[0]
    assert count(db, ClaimCode) == 0


def test_pending_claims_come_with_approve_and_decline_buttons(db: UnitOfWorkFactory) -> None:
    join(db)
    from badge_core.services.codes import create_claim_code

    code = create_claim_code(db(), SECRET, "plymouth", "code-club-coder", max_claims=3).code
    young = register(db, sender="young", age_band="under-13").learner_id
    claim_badge(db(), SECRET, young, code)
    [message] = run(
        ActionPendingClaims(), make_tracker("pending", "pending_claims", sender=WORKER)
    ).messages
    approve = next(b for b in message["buttons"] if b["title"] == "Approve")
    ran = run(
        ActionReviewClaim(),
        make_tracker(
            approve["payload"], "review_claim", entities=entities(approve["payload"]), sender=WORKER
        ),
    )
    assert ran.texts == ["Approved ✅: Code Club Coder."]
    assert award_count(db, Award.status == "awarded") == 1
    again = run(
        ActionReviewClaim(),
        make_tracker(
            approve["payload"], "review_claim", entities=entities(approve["payload"]), sender=WORKER
        ),
    )
    assert "already been dealt with" in again.texts[0]


def test_only_an_org_admin_gets_an_invite_for_a_colleague(db: UnitOfWorkFactory) -> None:
    join(db, role="issuer")
    assert (
        "Only an org admin"
        in run(ActionInviteStaff(), make_tracker("invite", "invite_staff", sender=WORKER)).texts[0]
    )
    invite = invite_staff(db(), SECRET, "plymouth", LIBRARIES, "org-admin")
    run(ActionStaffJoin(), make_tracker(invite.code, "staff_join", sender="admin"))
    text = run(ActionInviteStaff(), make_tracker("invite", "invite_staff", sender="admin")).texts[0]
    new_invite = re.search(r"STAFF \w{4}-\w{4}-\w{4}", text).group(0)
    ran = run(ActionStaffJoin(), make_tracker(new_invite, "staff_join", sender="colleague"))
    assert "youth worker for Plymouth Libraries" in ran.texts[0]
