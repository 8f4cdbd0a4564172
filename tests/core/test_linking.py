"""One learner across channels: a link code joins a second chat identity, merging badges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from badge_core.db import UnitOfWorkFactory
from badge_core.errors import (
    LinkCodeUnknown,
    LinkNeedsConfirmation,
    NotRegistered,
    TooManyLinkAttempts,
)
from badge_core.models import Award, ChannelIdentity, Learner, LinkCode, utcnow
from badge_core.services.claims import claim_badge, learner_awards
from badge_core.services.codes import create_claim_code
from badge_core.services.learners import find_learner, register_learner
from badge_core.services.linking import MAX_FAILED, complete_link, start_link
from colbot_shared.codes import link_digits
from tests.conftest import SECRET


def _learner(uow: UnitOfWorkFactory, channel: str, sender: str, *badges: str) -> int:
    profile = register_learner(
        uow(), SECRET, "plymouth", channel, sender, age_band="13-15", district="PL4"
    )
    for badge in badges:
        issued = create_claim_code(
            uow(), SECRET, "plymouth", badge, valid_from=utcnow() - timedelta(minutes=1)
        )
        claim_badge(uow(), SECRET, profile.learner_id, issued.code)
    return profile.learner_id


def _count(uow: UnitOfWorkFactory, model: type) -> int:
    with uow() as unit:
        return unit.session.scalar(select(func.count()).select_from(model))


def test_a_code_from_one_app_links_a_new_app_to_the_same_learner(uow: UnitOfWorkFactory) -> None:
    learner_id = _learner(uow, "telegram", "tg-1", "beat-maker")
    issued = start_link(uow(), SECRET, "telegram", "tg-1")
    assert link_digits(issued.code) and len(issued.code) == 9
    with uow() as unit:  # only a hash is kept
        stored = unit.session.scalars(select(LinkCode.code_hash)).all()
    assert stored and link_digits(issued.code) not in stored[0]

    with pytest.raises(LinkNeedsConfirmation) as asked:  # nothing happens before the yes
        complete_link(uow(), SECRET, "plymouth", "sms", "sms-1", issued.code)
    assert (asked.value.badges_here, asked.value.badges_there) == (0, 1)
    assert find_learner(uow(), SECRET, "sms", "sms-1") is None
    linked = complete_link(
        uow(), SECRET, "plymouth", "sms", "sms-1", issued.code.replace(" ", "-"), confirmed=True
    )
    assert linked.badges == 1 and not linked.already
    assert find_learner(uow(), SECRET, "sms", "sms-1").learner_id == learner_id
    assert len(learner_awards(uow(), learner_id)) == 1
    # used once
    with pytest.raises(LinkCodeUnknown):
        complete_link(uow(), SECRET, "plymouth", "whatsapp", "wa-1", issued.code, confirmed=True)


def test_two_learners_become_one_keeping_every_badge_once(uow: UnitOfWorkFactory) -> None:
    keep = _learner(uow, "telegram", "tg-2", "beat-maker", "live-performer")
    other = _learner(uow, "sms", "sms-2", "beat-maker")
    learners_before = _count(uow, Learner)
    code = start_link(uow(), SECRET, "telegram", "tg-2").code
    with pytest.raises(LinkNeedsConfirmation) as asked:
        complete_link(uow(), SECRET, "plymouth", "sms", "sms-2", code)
    assert (asked.value.badges_here, asked.value.badges_there) == (1, 2)
    assert _count(uow, Learner) == learners_before  # M7: no merge without the learner's yes
    linked = complete_link(uow(), SECRET, "plymouth", "sms", "sms-2", code, confirmed=True)
    assert linked.badges == 2
    assert _count(uow, Learner) == learners_before - 1
    with uow() as unit:
        assert unit.session.get(Learner, other) is None
        owners = set(
            unit.session.scalars(
                select(ChannelIdentity.learner_id).where(
                    ChannelIdentity.address_hash.in_(
                        select(ChannelIdentity.address_hash).where(
                            ChannelIdentity.learner_id == keep
                        )
                    )
                )
            )
        )
        awards = unit.session.scalars(select(Award).where(Award.learner_id == keep)).all()
    assert owners == {keep}
    assert len(awards) == 2 and len({a.badge_class_id for a in awards}) == 2


def test_linking_an_identity_to_itself_says_so(uow: UnitOfWorkFactory) -> None:
    _learner(uow, "telegram", "tg-3")
    code = start_link(uow(), SECRET, "telegram", "tg-3").code
    assert complete_link(uow(), SECRET, "plymouth", "telegram", "tg-3", code).already


def test_codes_expire_and_only_a_registered_learner_can_ask_for_one(uow: UnitOfWorkFactory) -> None:
    with pytest.raises(NotRegistered):
        start_link(uow(), SECRET, "telegram", "nobody")
    _learner(uow, "telegram", "tg-4")
    old = start_link(uow(), SECRET, "telegram", "tg-4", now=utcnow() - timedelta(minutes=16))
    with pytest.raises(LinkCodeUnknown):
        complete_link(uow(), SECRET, "plymouth", "sms", "sms-4", old.code, confirmed=True)
    first = start_link(uow(), SECRET, "telegram", "tg-4").code
    second = start_link(uow(), SECRET, "telegram", "tg-4").code
    assert _count(uow, LinkCode) == 1  # a new code replaces the old one
    if first != second:
        with pytest.raises(LinkCodeUnknown):
            complete_link(uow(), SECRET, "plymouth", "sms", "sms-4", first, confirmed=True)
    assert (
        complete_link(uow(), SECRET, "plymouth", "sms", "sms-4", second, confirmed=True).badges == 0
    )


def test_guessing_is_cut_off_after_a_few_wrong_codes(uow: UnitOfWorkFactory) -> None:
    from badge_core.services.linking import MAX_FAILED_PER_CHAT

    _learner(uow, "telegram", "tg-5")
    code = start_link(uow(), SECRET, "telegram", "tg-5").code
    wrong = f"{(int(link_digits(code)) + 1) % 10**8:08d}"
    for _ in range(MAX_FAILED_PER_CHAT):
        with pytest.raises(LinkCodeUnknown):
            complete_link(uow(), SECRET, "plymouth", "sms", "guesser", wrong)
    with pytest.raises(TooManyLinkAttempts):  # this chat, even with the right code
        complete_link(uow(), SECRET, "plymouth", "sms", "guesser", code, confirmed=True)
    # many chats guessing: past the city's limit, every chat that missed is stopped...
    for n in range(MAX_FAILED):
        with pytest.raises((LinkCodeUnknown, TooManyLinkAttempts)):
            complete_link(uow(), SECRET, "plymouth", "sms", f"guesser-{n}", wrong)
    with pytest.raises(TooManyLinkAttempts):
        complete_link(uow(), SECRET, "plymouth", "sms", "guesser-0", wrong)
    # ...but a learner who has not missed still links their own apps
    assert (
        complete_link(uow(), SECRET, "plymouth", "sms", "sms-5", code, confirmed=True).badges == 0
    )


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("LINK 4821 9375", "48219375"),
        ("link code 5520-1187", "55201187"),
        ("4821-9375", "48219375"),
        ("Link: 48219375!", "48219375"),
        ("link 4821", None),
        ("call me on 07700 900123", None),
        ("link 4821 93755", None),
        ("i was born 2011 and live at 4 road", None),
    ],
)
def test_the_bot_and_the_badge_core_read_a_link_code_the_same_way(
    typed: str, digits: str | None
) -> None:
    from colbot_shared.codes import find_link_code

    found = find_link_code(typed)
    assert (found.value if found else None) == digits
    if found:
        assert link_digits(typed[found.start : found.end]) == digits
