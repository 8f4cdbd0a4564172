"""Safeguarding concerns in the badge core: raised for anyone, readable only encrypted at rest,
seen by the city's safeguarding leads and nobody else, kept past an erasure, and deleted by
retention only once resolved and old."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from badge_core.db import UnitOfWorkFactory
from badge_core.errors import NotFound, StaffNotAllowed
from badge_core.models import Concern, utcnow
from badge_core.services.invites import accept_invite, invite_staff
from badge_core.services.learner_data import erase_learner_by, export_learner
from badge_core.services.learners import register_learner
from badge_core.services.retention import RetentionPolicy, run_retention
from badge_core.services.safeguarding import (
    answer_contact,
    concerns_for_lead,
    list_concerns,
    raise_concern,
    resolve_concern,
)
from tests.actions.support import stored_text_matching
from tests.conftest import SECRET

CITY = "plymouth"
WORDS = "i keep thinking about ending it"


def _raise(uow: UnitOfWorkFactory, sender: str = "chat-1", **kwargs: object) -> str:
    raised = raise_concern(
        uow(),
        SECRET,
        CITY,
        "telegram",
        sender,
        category="self_harm",
        level="concern",
        text=WORDS,
        **kwargs,
    )
    return raised.concern_id


def _staff(uow: UnitOfWorkFactory, role: str, sender: str) -> int:
    invite = invite_staff(uow(), SECRET, CITY, "plymouth-youth-service", role)
    return accept_invite(
        uow(), SECRET, "telegram", sender, invite.code, city_slug="plymouth"
    ).staff_id


def test_a_concern_is_raised_for_someone_who_never_agreed_to_be_remembered(uow) -> None:
    raised = raise_concern(
        uow(), SECRET, CITY, "sms", "stranger", category="abuse", level="concern", text=WORDS
    )
    assert raised.help.city_name == "Plymouth"
    assert "01752 668000" in raised.help.helpline  # the city pack's own line
    [concern] = list_concerns(uow(), SECRET, CITY)
    assert (concern.category, concern.text, concern.learner_id) == ("abuse", WORDS, None)


def test_the_learners_words_are_stored_only_encrypted(uow) -> None:
    _raise(uow)
    assert stored_text_matching(uow, "ending it") == []


def test_only_a_safeguarding_lead_sees_concerns(uow) -> None:
    _raise(uow)
    lead = _staff(uow, "safeguarding-lead", "lead-chat")
    issuer = _staff(uow, "issuer", "worker-chat")
    assert [c.text for c in concerns_for_lead(uow(), SECRET, lead)] == [WORDS]
    with pytest.raises(StaffNotAllowed):
        concerns_for_lead(uow(), SECRET, issuer)


def test_the_address_is_kept_only_when_the_learner_wants_contact(uow) -> None:
    yes, no = _raise(uow, "chat-yes"), _raise(uow, "chat-no")
    answer_contact(
        uow(), SECRET, yes, "telegram", "chat-yes", wants_contact=True, sealed_address="sealed"
    )
    answer_contact(
        uow(), SECRET, no, "telegram", "chat-no", wants_contact=False, sealed_address="sealed"
    )
    seen = {c.concern_id: c for c in list_concerns(uow(), SECRET, CITY)}
    assert (seen[yes].wants_contact, seen[yes].can_be_contacted) == (True, True)
    assert (seen[no].wants_contact, seen[no].can_be_contacted) == (False, False)


def test_another_chat_cannot_answer_for_a_concern(uow) -> None:
    concern = _raise(uow, "chat-1")
    with pytest.raises(NotFound):
        answer_contact(
            uow(), SECRET, concern, "telegram", "chat-2", wants_contact=True, sealed_address="x"
        )


def test_resolving_keeps_the_outcome_encrypted_and_drops_the_address(uow) -> None:
    concern = _raise(uow)
    answer_contact(
        uow(), SECRET, concern, "telegram", "chat-1", wants_contact=True, sealed_address="sealed"
    )
    done = resolve_concern(
        uow(), SECRET, concern[:8], note="phoned back, referred to CAMHS", resolved_by="DSL"
    )
    assert (done.status, done.outcome, done.can_be_contacted) == (
        "resolved",
        "phoned back, referred to CAMHS",
        False,
    )
    assert stored_text_matching(uow, "CAMHS") == []


def test_a_learners_export_holds_their_concerns_and_erasure_keeps_the_concern_unlinked(uow) -> None:
    profile = register_learner(uow(), SECRET, CITY, "telegram", "chat-1")
    _raise(uow, "chat-1")
    exported = export_learner(uow(), SECRET, public_id=profile.public_id)
    assert [c["what_you_wrote"] for c in exported["safeguarding_concerns"]] == [WORDS]
    erase_learner_by(uow(), SECRET, public_id=profile.public_id)
    [kept] = list_concerns(uow(), SECRET, CITY)
    assert (kept.text, kept.learner_id) == (WORDS, None)


def test_retention_deletes_a_concern_only_once_resolved_and_older_than_its_time(uow) -> None:
    old, recent, still_open = _raise(uow, "a"), _raise(uow, "b"), _raise(uow, "c")
    now = utcnow()
    resolve_concern(uow(), SECRET, old, note="done", now=now - timedelta(days=2200))
    resolve_concern(uow(), SECRET, recent, note="done", now=now - timedelta(days=10))
    with uow() as unit:  # the open one was raised long ago too
        unit.session.scalar(select(Concern).where(Concern.public_id == still_open)).raised_at = (
            now - timedelta(days=4000)
        )
        unit.commit()
    result = run_retention(uow(), RetentionPolicy(concerns_days=2190), now=now)
    assert result.concerns == 1
    assert {c.concern_id for c in list_concerns(uow(), SECRET, CITY)} == {recent, still_open}


def test_a_prefix_that_names_two_concerns_resolves_neither(uow) -> None:
    first, second = _raise(uow, "a"), _raise(uow, "b")
    with uow() as unit:  # two ids that share their first eight characters
        unit.session.scalar(select(Concern).where(Concern.public_id == second)).public_id = (
            first[:8] + second[8:]
        )
        unit.commit()
    with pytest.raises(NotFound):
        resolve_concern(uow(), SECRET, first[:8], note="done")
    assert {c.status for c in list_concerns(uow(), SECRET, CITY)} == {"open"}
