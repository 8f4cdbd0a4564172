"""A learner by the chat identity they write from (a keyed hash of channel and sender)."""

from __future__ import annotations

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.models import ChannelIdentity, Learner
from colbot_shared.identity import identity_hash as identity_hash


def learner_id_by_hash(uow: UnitOfWork, channel: str | None, address_hash: str) -> int | None:
    """The id of the learner writing from a chat identity, by its keyed hash (see
    ``identity_hash``), inside the caller's open unit of work."""
    return uow.session.scalar(
        select(ChannelIdentity.learner_id).where(
            ChannelIdentity.channel == channel, ChannelIdentity.address_hash == address_hash
        )
    )


def learner_by_identity(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str
) -> Learner | None:
    """The learner row for a chat identity, inside the caller's open unit of work."""
    return uow.session.scalar(
        select(Learner)
        .join(ChannelIdentity)
        .where(
            ChannelIdentity.channel == channel,
            ChannelIdentity.address_hash == identity_hash(secret_key, channel, sender_key),
        )
    )


def learner_id_of(
    uow: UnitOfWork, learner_id: int | None, identity: str | None, channel: str | None
) -> int | None:
    """``learner_id`` when the caller knows it, else the learner writing from ``identity``
    (a chat identity's keyed hash) on ``channel``, else None."""
    if learner_id is not None or identity is None:
        return learner_id
    return learner_id_by_hash(uow, channel, identity)
