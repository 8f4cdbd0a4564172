"""What a learner asks to hear about later: alerts ("tell me when there's skateboarding":
new activities like it, matched by meaning) and the weekly digest ("weekly what's on for me":
the week's activities for their stored interests, area and age group).

A subscription is kept, never an address: while one lasts, the address of the app it was
asked from stays sealed on the learner's channel identity (badge_core/services/outbox.py),
and the messages go through the outbox like any other. ``plan`` turns due subscriptions into
outbox messages: the outbound worker calls it before each round, so alerts follow whatever
changed the city's activities (a pack load, an import) and a digest goes at its hour. Alerts
are checked again only when the city's ``index_version`` has moved on; a digest's row moves
``next_due_at`` on in the same transaction that queues it, and every message has a dedupe
key, so two workers planning at once queue each message once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest
from badge_core.matching.matcher import Matcher
from badge_core.messaging import fit_sms, say_when
from badge_core.models import (
    Audience,
    City,
    Learner,
    Subscription,
    SubscriptionKind,
    utcnow,
)
from badge_core.queries.learners import learner_by_identity
from badge_core.queries.snapshot import CitySnapshot, city_snapshot
from badge_core.services import outbox
from badge_core.services.catalogue import ActivityHit
from badge_core.services.places import district_in
from badge_core.services.search import (
    Scorer,
    SearchQuery,
    build_query,
    lexical_scorer,
    matching_activities,
    semantic_scorer,
)
from badge_core.services.timeframes import Window
from badge_core.services.vectors import activity_similarity, vectors_in
from badge_core.text import MAX_INTEREST, content_words

log = logging.getLogger(__name__)

ALERT, DIGEST = SubscriptionKind.ALERT.value, SubscriptionKind.DIGEST.value
LASTS = timedelta(days=180)  # a subscription ends by itself after six months
MAX_ALERTS = 5  # per learner
AHEAD = timedelta(days=28)  # an alert is for activities with a session within four weeks
DIGEST_DAY, DIGEST_AT = 6, time(17, 0)  # Sunday 5pm on the city's clock, for the week ahead
DIGEST_WEEK = timedelta(days=7)
DIGEST_ITEMS = 3
MAX_DIGEST_INTERESTS = 5
ALERT_MESSAGE_LIFETIME = timedelta(days=3)

# the words of asking to be told, which are not what they want told about
_ASKING = frozenset(
    [
        "tell",
        "let",
        "know",
        "text",
        "message",
        "msg",
        "messge",
        "notify",
        "notification",
        "notifications",
        "alert",
        "alerts",
        "ping",
        "keep",
        "eye",
        "out",
        "when",
        "whenever",
        "if",
        "theres",
        "start",
        "starts",
        "starting",
        "open",
        "opens",
        "opening",
        "comes",
        "come",
        "up",
        "new",
        "yes",
        "yeah",
        "yh",
        "ye",
        "could",
        "would",
        "will",
        "one",
        "ones",
        "similar",
        "else",
        "set",
        "shout",
        "lmk",
        "posted",
        "sign",
        "signed",
    ]
)


class CannotSubscribe(InvalidRequest):
    """Why no alert or digest was set: ``reason`` is not_registered, no_channel, no_interest
    or too_many."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class AlertSet:
    interest: str
    district: str | None
    already: list[ActivityHit]  # on now: the learner can look at these today
    renewed: bool  # they had asked for this before


@dataclass(frozen=True)
class DigestSet:
    first: datetime  # when the first one goes
    timezone: str  # the city's


@dataclass(frozen=True)
class SignedUp:
    alerts: list[str]  # what each alert is for: "skateboarding", "drama near PL7"
    digest: bool


@dataclass(frozen=True)
class Planned:
    alerts: int  # alert messages queued
    digests: int  # digest messages queued
    ended: int  # subscriptions past their six months, removed

    def counts(self) -> dict[str, int]:
        """As the worker's report counts them: only what happened."""
        counted = {
            "alerts_queued": self.alerts,
            "digests_queued": self.digests,
            "subscriptions_ended": self.ended,
        }
        return {label: n for label, n in counted.items() if n}


def alert_interest(text: str, fallback: str | None = None) -> str | None:
    """What an alert asked in ``text`` is for, in the learner's words less the words of
    asking ("tell me when there's skateboarding": "skateboarding"), else ``fallback`` (what
    they searched for last)."""
    words = [w for w in content_words(text) if w not in _ASKING]
    return " ".join(words)[:MAX_INTEREST] or (fallback or None)


def _scorer(
    uow: UnitOfWork, matcher: Matcher | None, city: CitySnapshot, interest: str | None
) -> Scorer:
    if matcher is None or not interest:
        return lexical_scorer
    vectors = vectors_in(uow, matcher, city.slug, city.version)
    return semantic_scorer(activity_similarity(vectors, matcher, interest))


def _alert_hits(
    uow: UnitOfWork,
    matcher: Matcher | None,
    city: CitySnapshot,
    interest: str,
    district: str | None,
    age_band: str | None,
    now: datetime,
) -> list[ActivityHit]:
    query = SearchQuery(
        interest=interest,
        district=district,
        age_band=age_band,
        window=Window(now, now + AHEAD, "in the next four weeks"),
    )
    return matching_activities(city, query, now, _scorer(uow, matcher, city, interest))


def _subscriber(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str, sealed_address: str | None
) -> Learner:
    """The learner asking, inside the caller's unit of work, if the bot can write to them
    later: an app it sends on, and their OK to be remembered, not withdrawn."""
    if channel not in outbox.REACHABLE or not sealed_address:
        raise CannotSubscribe("no_channel")
    learner = learner_by_identity(uow, secret_key, channel, sender_key)
    if learner is None or learner.consent_given_at is None or learner.opted_out_at:
        raise CannotSubscribe("not_registered")
    return learner


def alert_me(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    channel: str,
    sender_key: str,
    sealed_address: str | None,
    text: str,
    *,
    last_interest: str | None = None,
    location: str | None = None,
    matcher: Matcher | None = None,
    now: datetime | None = None,
) -> AlertSet:
    """Set an alert for what ``text`` asks (or ``last_interest``), near the place it names (or
    ``location``, the place the chat found in it), or raise CannotSubscribe.
    What is on already is returned, and counts as known: the alert is for what is new."""
    now = now or utcnow()
    with uow:
        learner = _subscriber(uow, secret_key, channel, sender_key, sealed_address)
        city = city_snapshot(uow, city_slug)
        asked = build_query(city, text, location=location, now=now)
        district = asked.district or district_in(city.districts, text)
        interest = alert_interest(asked.interest or "", last_interest)
        if interest is None:
            raise CannotSubscribe("no_interest")
        hits = _alert_hits(uow, matcher, city, interest, district, learner.age_band, now)
        alerts = list(
            uow.session.scalars(
                select(Subscription).where(
                    Subscription.learner_id == learner.id, Subscription.kind == ALERT
                )
            )
        )
        same = next((a for a in alerts if (a.interest, a.district) == (interest, district)), None)
        if same is None and len(alerts) >= MAX_ALERTS:
            raise CannotSubscribe("too_many")
        alert = same or Subscription(
            learner_id=learner.id,
            city_id=learner.city_id,
            kind=ALERT,
            interest=interest,
            district=district,
            known=[],
        )
        alert.channel = channel
        alert.known = sorted(set(alert.known) | {hit.key for hit in hits})
        alert.checked_version = city.version
        alert.expires_at = now + LASTS
        if same is None:
            alert.created_at = now
            uow.session.add(alert)
        outbox.remember_learner_address(
            uow, secret_key, learner, channel, sender_key, sealed_address, now
        )
        uow.commit()
    return AlertSet(interest, district, hits, renewed=same is not None)


def next_digest_at(timezone: str, after: datetime) -> datetime:
    """The first Sunday 5pm on the city's clock after ``after``, in UTC."""
    local = after.astimezone(ZoneInfo(timezone))
    day = local.date() + timedelta(days=(DIGEST_DAY - local.weekday()) % 7)
    due = datetime.combine(day, DIGEST_AT, ZoneInfo(timezone))
    if due <= local:
        due = datetime.combine(day + timedelta(days=7), DIGEST_AT, ZoneInfo(timezone))
    return due.astimezone(UTC)


def weekly_digest(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    sealed_address: str | None,
    *,
    now: datetime | None = None,
) -> DigestSet:
    """Sign the learner up for the weekly digest; when the first one goes."""
    now = now or utcnow()
    with uow:
        learner = _subscriber(uow, secret_key, channel, sender_key, sealed_address)
        city = uow.session.get_one(City, learner.city_id)
        digest = uow.session.scalar(
            select(Subscription).where(
                Subscription.learner_id == learner.id, Subscription.kind == DIGEST
            )
        )
        if digest is None:
            digest = Subscription(learner_id=learner.id, city_id=city.id, kind=DIGEST)
            digest.created_at = now
            digest.next_due_at = next_digest_at(city.timezone, now)
            uow.session.add(digest)
        digest.channel = channel
        digest.expires_at = now + LASTS
        outbox.remember_learner_address(
            uow, secret_key, learner, channel, sender_key, sealed_address, now
        )
        set_ = DigestSet(digest.next_due_at or now, city.timezone)
        uow.commit()
    return set_


def signed_up(uow: UnitOfWork, secret_key: str, channel: str, sender_key: str) -> SignedUp:
    """The learner's alerts (what each is for) and whether they get the digest."""
    with uow.reading():
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        return _signed_up(uow, learner.id) if learner else SignedUp([], False)


def _signed_up(uow: UnitOfWork, learner_id: int) -> SignedUp:
    rows = uow.session.scalars(
        select(Subscription).where(Subscription.learner_id == learner_id).order_by(Subscription.id)
    ).all()
    return SignedUp(
        [
            r.interest + (f" near {r.district}" if r.district else "")
            for r in rows
            if r.kind == ALERT and r.interest
        ],
        any(r.kind == DIGEST for r in rows),
    )


def stop_alerts(uow: UnitOfWork, secret_key: str, channel: str, sender_key: str) -> SignedUp:
    """End the learner's alerts and digest; what they were."""
    with uow:
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None:
            return SignedUp([], False)
        before = _signed_up(uow, learner.id)
        uow.session.execute(
            delete(Subscription)
            .where(Subscription.learner_id == learner.id)
            .execution_options(synchronize_session=False)
        )
        outbox.forget_learner_address_when_done(uow, learner.id)
        uow.commit()
    return before


# -------------------------------------------------------------------------------- planning


def plan(
    uow_factory: Callable[[], UnitOfWork],
    matcher: Matcher | None = None,
    *,
    now: datetime | None = None,
) -> Planned:
    """Queue what subscriptions owe as of ``now``: alerts for activities new since each was
    last checked, digests that are due; subscriptions past their time end."""
    now = now or utcnow()
    ended = _end_old(uow_factory(), now)
    with uow_factory().reading() as uow:
        slugs = list(
            uow.session.scalars(
                select(City.slug).where(City.id.in_(select(Subscription.city_id).distinct()))
            )
        )
    alerts = digests = 0
    for slug in slugs:
        alerts += _check_alerts(uow_factory(), matcher, slug, now)
        digests += _send_digests(uow_factory(), matcher, slug, now)
    return Planned(alerts, digests, ended)


def _end_old(uow: UnitOfWork, now: datetime) -> int:
    with uow:
        old = list(uow.session.scalars(select(Subscription).where(Subscription.expires_at <= now)))
        for subscription in old:
            uow.session.delete(subscription)
        uow.session.flush()
        for learner_id in {s.learner_id for s in old}:
            outbox.forget_learner_address_when_done(uow, learner_id)
        uow.commit()
        return len(old)


def _once(subscription: Subscription) -> str:
    """The subscription in a message's dedupe key: its id and when it was made, since SQLite
    gives a deleted row's id to the next row (a new alert must not look told already)."""
    return f"{subscription.id}-{int(subscription.created_at.timestamp() * 1_000_000)}"


def _line(hit: ActivityHit) -> str:
    return f"- {hit.title}, {say_when(hit.starts_at, hit.timezone)}, {hit.place}"


def _check_alerts(uow: UnitOfWork, matcher: Matcher | None, slug: str, now: datetime) -> int:
    queued = 0
    with uow:
        city = city_snapshot(uow, slug)
        stale = Subscription.checked_version.is_(None) | (
            Subscription.checked_version != city.version
        )
        due = select(Subscription).where(
            Subscription.city_id == city.id, Subscription.kind == ALERT
        )
        if city.version is not None:
            due = due.where(stale)
        for alert in uow.session.scalars(due.with_for_update(skip_locked=True)).all():
            learner = uow.session.get_one(Learner, alert.learner_id)
            hits = _alert_hits(
                uow, matcher, city, alert.interest or "", alert.district, learner.age_band, now
            )
            new = [hit for hit in hits if hit.key not in set(alert.known)]
            alert.checked_version = city.version
            if not new:
                continue
            alert.known = sorted(set(alert.known) | {hit.key for hit in new})
            address = outbox.learner_address(uow, learner.id, alert.channel)
            if address is None or learner.opted_out_at is not None:
                continue
            body = fit_sms(
                f"New for {alert.interest}, as you asked:",
                [_line(hit) for hit in new],
                f'Say "{alert.interest}" to see more, "stop alerts" for no more.',
            )
            queued += outbox.enqueue(
                uow,
                city_id=city.id,
                kind=ALERT,
                audience=Audience.LEARNER,
                channel=alert.channel,
                address_sealed=address,
                body=body,
                variables={
                    "interest": alert.interest,
                    "title": new[0].title,
                    "starts": say_when(new[0].starts_at, new[0].timezone),
                },
                dedupe_key=f"{ALERT}:{_once(alert)}:{','.join(sorted(h.key for h in new))}"[:120],
                learner_id=learner.id,
                now=now,
                expires_at=min(now + ALERT_MESSAGE_LIFETIME, new[0].starts_at),
            )
        uow.commit()
    return queued


def _digest_hits(
    uow: UnitOfWork, matcher: Matcher | None, city: CitySnapshot, learner: Learner, start: datetime
) -> list[ActivityHit]:
    window = Window(start, start + DIGEST_WEEK, "this week")
    base = SearchQuery(home_district=learner.district, age_band=learner.age_band, window=window)
    interests: Sequence[str | None] = (learner.interests or [])[:MAX_DIGEST_INTERESTS] or [None]
    found: dict[str, ActivityHit] = {}
    for interest in interests:
        query = SearchQuery(
            interest=interest,
            home_district=base.home_district,
            age_band=base.age_band,
            window=window,
        )
        for hit in matching_activities(city, query, start, _scorer(uow, matcher, city, interest)):
            found.setdefault(hit.key, hit)
    return sorted(found.values(), key=lambda h: (-h.score, h.starts_at))[:DIGEST_ITEMS]


def _send_digests(uow: UnitOfWork, matcher: Matcher | None, slug: str, now: datetime) -> int:
    queued = 0
    with uow:
        city = city_snapshot(uow, slug)
        due = uow.session.scalars(
            select(Subscription)
            .where(
                Subscription.city_id == city.id,
                Subscription.kind == DIGEST,
                Subscription.next_due_at <= now,
            )
            .with_for_update(skip_locked=True)
        ).all()
        for digest in due:
            at = digest.next_due_at or now
            digest.next_due_at = next_digest_at(city.timezone, max(at, now))
            learner = uow.session.get_one(Learner, digest.learner_id)
            address = outbox.learner_address(uow, learner.id, digest.channel)
            hits = _digest_hits(uow, matcher, city, learner, now)
            if address is None or learner.opted_out_at is not None or not hits:
                continue  # nothing on for them this week: no message rather than an empty one
            hits.sort(key=lambda h: h.starts_at)
            queued += outbox.enqueue(
                uow,
                city_id=city.id,
                kind=DIGEST,
                audience=Audience.LEARNER,
                channel=digest.channel,
                address_sealed=address,
                body=fit_sms(
                    "What's on for you this week:",
                    [_line(hit) for hit in hits],
                    'Say "what\'s on" for more, "stop the weekly" for no more.',
                ),
                variables={
                    "title": hits[0].title,
                    "starts": say_when(hits[0].starts_at, hits[0].timezone),
                },
                dedupe_key=f"{DIGEST}:{_once(digest)}:{at.astimezone(UTC):%Y-%m-%d}",
                learner_id=learner.id,
                now=now,
                expires_at=now + timedelta(days=2),
            )
        uow.commit()
    return queued
