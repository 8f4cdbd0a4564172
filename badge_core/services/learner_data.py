"""A learner's own data, on request: found by their public id or by the channel address they
write from (the operator is given it by the learner), exported in a readable form, or erased.

The address is never stored: it is turned into the same keyed hashes the connectors and the
identity table use, and looked up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from badge_core.db import UnitOfWork, scrub_deleted
from badge_core.errors import NotFound
from badge_core.models import (
    Activity,
    Award,
    BadgeClass,
    ChannelIdentity,
    Correction,
    Event,
    Learner,
    OutboxMessage,
    Poll,
    PollAnswer,
    Rating,
    ShareLink,
    Subscription,
    SubscriptionKind,
)
from badge_core.privacy import decrypt
from badge_core.queries.learners import identity_hash
from badge_core.services.conversations import conversation, forget, senders_of
from badge_core.services.outbox import drop_unsent
from badge_core.services.safeguarding import concerns_of_learner
from badge_core.services.youth_voice import GOOD, NOT_GOOD, OK
from colbot_shared.identity import PSEUDONYMOUS_CHANNELS, sender_pseudonym

RATING_WORDS = {GOOD: "good", OK: "OK", NOT_GOOD: "not good"}


def sender_key(secret_key: str, channel: str, address: str) -> str:
    """The sender id Rasa and the actions saw for an address on a channel."""
    if channel in PSEUDONYMOUS_CHANNELS:
        if channel == "whatsapp" and not address.startswith("whatsapp:"):
            address = "whatsapp:" + address
        return sender_pseudonym(secret_key, channel, address)
    return address


def _learner(
    uow: UnitOfWork,
    secret_key: str,
    *,
    public_id: str | None,
    channel: str | None,
    address: str | None,
) -> Learner:
    session = uow.session
    learner = None
    if public_id:
        learner = session.scalar(select(Learner).where(Learner.public_id == public_id))
    elif channel and address:
        digest = identity_hash(secret_key, channel, sender_key(secret_key, channel, address))
        learner = session.scalar(
            select(Learner)
            .join(ChannelIdentity)
            .where(ChannelIdentity.channel == channel, ChannelIdentity.address_hash == digest)
        )
    if learner is None:
        raise NotFound("learner", public_id or f"on {channel}")
    return learner


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_learner(
    uow: UnitOfWork,
    secret_key: str,
    *,
    public_id: str | None = None,
    channel: str | None = None,
    address: str | None = None,
    tracker_url: str | None = None,
) -> dict[str, Any]:
    """Everything held about one learner, in words a young person (or their parent) can read,
    their conversations with the bot included (given the tracker store)."""
    with uow:
        learner = _learner(uow, secret_key, public_id=public_id, channel=channel, address=address)
        said = conversation(
            tracker_url, secret_key, _senders(secret_key, learner, channel, address)
        )
        session = uow.session
        awards = session.execute(
            select(Award, BadgeClass.name)
            .join(BadgeClass, Award.badge_class_id == BadgeClass.id)
            .where(Award.learner_id == learner.id)
            .order_by(Award.awarded_at)
        ).all()
        events = session.scalars(
            select(Event).where(Event.learner_id == learner.id).order_by(Event.occurred_at)
        ).all()
        links = session.scalars(
            select(ShareLink).where(ShareLink.learner_id == learner.id).order_by(ShareLink.id)
        ).all()
        return {
            "about": "Everything the Cities of Learning bot keeps about you. Your phone number or "
            "chat id is not shown here: it is kept only locked (encrypted), and only while the "
            "bot has something to tell you, like a youth worker's answer about your badge.",
            "learner": {
                "id": learner.public_id,
                "age_group": learner.age_band,
                "area": learner.district,
                "interests": list(learner.interests or []),
                "agreed_to_be_remembered": _iso(learner.consent_given_at),
                "stopped_messages": _iso(learner.opted_out_at),
                "first_seen": _iso(learner.created_at),
                "last_seen": _iso(learner.last_seen_at),
                # "add my email to my badges": only its Open Badges hash is kept
                "email_on_badges": (
                    "yes: your badges carry a scrambled form of it; the address itself is not kept"
                    if learner.email_hash
                    else None
                ),
            },
            "apps": [
                {
                    "channel": i.channel,
                    "since": _iso(i.created_at),
                    "kept_locked_to_message_you": i.address_sealed is not None,
                }
                for i in learner.identities
            ],
            # what the bot will send them first, and when (docs/messages.md)
            "messages_waiting": [
                {"about": kind, "from": _iso(due)}
                for kind, due in session.execute(
                    select(OutboxMessage.kind, OutboxMessage.due_at)
                    .where(
                        OutboxMessage.learner_id == learner.id,
                        OutboxMessage.status.in_(("pending", "sending")),
                    )
                    .order_by(OutboxMessage.due_at)
                )
            ],
            # what they asked to hear about: alerts and the weekly what's on (docs/messages.md)
            "signed_up_for": [
                {
                    "what": "new activities like this"
                    if s.kind == SubscriptionKind.ALERT.value
                    else "what's on for you, weekly",
                    "about": s.interest,
                    "near": s.district,
                    "since": _iso(s.created_at),
                    "ends": _iso(s.expires_at),
                }
                for s in session.scalars(
                    select(Subscription)
                    .where(Subscription.learner_id == learner.id)
                    .order_by(Subscription.id)
                )
            ],
            "badges": [
                {
                    "badge": name,
                    "status": a.status,
                    "earned": _iso(a.awarded_at),
                    "what_you_said_you_did": a.evidence_narrative,
                    "revoked": _iso(a.revoked_at),
                }
                for a, name in awards
            ],
            # "No" to a skill the bot read in their words, and the one they picked (kept for
            # the city team to improve matching: badge_core/services/corrections.py)
            "skill_corrections": [
                {
                    "you_said": decrypt(secret_key, c.sealed_words),
                    "not": c.wrong_skill,
                    "you_picked": c.chosen_skill,
                    "when": _iso(c.created_at),
                }
                for c in session.scalars(
                    select(Correction)
                    .where(Correction.learner_id == learner.id)
                    .order_by(Correction.id)
                )
            ],
            # How they rated an activity after claiming a badge there, and what they told
            # its organisers (badge_core/services/youth_voice.py)
            "ratings": [
                {
                    "activity": title,
                    "rating": RATING_WORDS.get(r.score, str(r.score)),
                    "you_told_the_organisers": (
                        decrypt(secret_key, r.sealed_comment) if r.sealed_comment else None
                    ),
                    "when": _iso(r.rated_at),
                }
                for r, title in session.execute(
                    select(Rating, Activity.title)
                    .join(Award, Award.id == Rating.award_id)
                    .join(Activity, Activity.id == Rating.activity_id)
                    .where(Award.learner_id == learner.id)
                    .order_by(Rating.id)
                )
            ],
            # Their picks in the city's polls (badge_core/services/polls.py)
            "poll_answers": [
                {
                    "question": question,
                    "your_answer": options[a.option - 1] if 0 < a.option <= len(options) else None,
                    "when": _iso(a.answered_at),
                }
                for a, question, options in session.execute(
                    select(PollAnswer, Poll.question, Poll.options)
                    .join(Poll, Poll.id == PollAnswer.poll_id)
                    .where(PollAnswer.learner_id == learner.id)
                    .order_by(PollAnswer.id)
                )
            ],
            # The pages they made to show their badges ("share my badges").
            "share_links": [
                {
                    "page": f"/shared/{link.token}",
                    "made": _iso(link.created_at),
                    "turned_off": _iso(link.stopped_at),
                    "badges_left_off": len(link.hidden),
                }
                for link in links
            ],
            # What they told the bot that worried it, and what happened: their own words.
            "safeguarding_concerns": concerns_of_learner(uow, secret_key, learner.id),
            "activity_log": [
                {
                    "what": e.kind,
                    "when": _iso(e.occurred_at),
                    "channel": e.channel,
                    "details": e.data,
                }
                for e in events
            ],
            # Codes and full postcodes were never kept in it; empty once retention has run.
            "conversation": said,
        }


def erase_learner_by(
    uow: UnitOfWork,
    secret_key: str,
    *,
    public_id: str | None = None,
    channel: str | None = None,
    address: str | None = None,
    tracker_url: str | None = None,
) -> str:
    """Delete the learner, their identities and awards (events stay, unlinked) and, given the
    tracker store, the conversations of every app they linked; their public id. A safeguarding
    concern stays, unlinked from them, until its own retention time: see docs/safeguarding.md."""
    with uow:
        learner = _learner(uow, secret_key, public_id=public_id, channel=channel, address=address)
        gone = learner.public_id
        senders = _senders(secret_key, learner, channel, address)
        drop_unsent(uow, [learner.id])
        uow.session.execute(delete(Learner).where(Learner.id == learner.id))
        uow.commit()
        scrub_deleted(uow)
    forget(tracker_url, senders)
    return gone


def _senders(
    secret_key: str, learner: Learner, channel: str | None, address: str | None
) -> list[str]:
    """The learner's Rasa sender ids: every recorded app, and the one asked about."""
    given = [sender_key(secret_key, channel, address)] if channel and address else []
    return [*given, *senders_of(secret_key, learner)]
