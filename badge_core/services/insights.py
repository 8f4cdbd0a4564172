"""Commissioning insights for a city team: aggregate, pseudonymous tables from the event log
and the awards, with small numbers suppressed (services/suppression.py). Interest terms
appear only when at least ``THRESHOLD`` different learners used them; no learner free text
appears.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from badge_core.db import UnitOfWork
from badge_core.matching.interest_groups import Encode, group_interests
from badge_core.matching.matcher import Matcher
from badge_core.models import (
    Activity,
    Award,
    AwardStatus,
    BadgeClass,
    BadgeSkill,
    ClaimCode,
    Event,
    EventKind,
    Learner,
    OutboxMessage,
    Pathway,
    Skill,
    utcnow,
)
from badge_core.queries.cities import get_city
from badge_core.services.polls import polls_table
from badge_core.services.suppression import THRESHOLD, Table
from badge_core.services.youth_voice import activity_voices, provider_scorecards
from badge_core.text import content_words

OTHER = "(other interests)"
ANYTHING = "(anything)"
UNKNOWN = "unknown"
NEAREST_SKILL = 0.3  # closeness from which a skill is named beside an interest


@dataclass
class Insights:
    city_name: str
    start: datetime
    end: datetime
    tables: list[Table] = field(default_factory=list)
    weekly: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # chart series

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def week_of(moment: datetime) -> str:
    monday = (moment - timedelta(days=moment.weekday())).date()
    return monday.isoformat()


def _rows(counter: Counter, keys: Callable[[tuple], list]) -> list[list[str | int]]:
    return [keys(k) + [n] for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


TRY_IT_CHANNEL = "rest"


def build_insights(
    uow: UnitOfWork,
    city_slug: str,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    secret_key: str | None = None,
    matcher: Matcher | None = None,
) -> Insights:
    """The city's commissioning insights for [start, end) (the last twelve weeks by default);
    with ``secret_key``, also what young people told the organisers of each activity; with a
    ``matcher``, unmet demand is grouped by meaning as well as spelling, and each row names
    the city's nearest skill."""
    end = end or utcnow()
    start = start or end - timedelta(weeks=12)
    with uow:
        session = uow.session
        city = get_city(uow, city_slug)
        # plain rows, not ORM objects: a city's log runs to hundreds of thousands of events.
        # Not the REST channel's: that is the try-it web chat and `make chat`, where anyone can
        # be any number of learners (five browser cookies put any phrase on this report).
        events = list(
            session.execute(
                select(
                    Event.kind, Event.occurred_at, Event.learner_id, Event.channel, Event.data
                ).where(
                    Event.city_id == city.id,
                    Event.occurred_at >= start,
                    Event.occurred_at < end,
                    or_(Event.channel.is_(None), Event.channel != TRY_IT_CHANNEL),
                )
            )
        )
        awards = list(
            session.scalars(
                select(Award)
                .join(Learner)
                .where(
                    Learner.city_id == city.id, Award.awarded_at >= start, Award.awarded_at < end
                )
                .options(
                    selectinload(Award.learner),
                    selectinload(Award.badge_class).selectinload(BadgeClass.provider),
                    selectinload(Award.badge_class)
                    .selectinload(BadgeClass.alignments)
                    .selectinload(BadgeSkill.skill)
                    .selectinload(Skill.strand),
                )
            )
        )
        insights = Insights(city.name, start, end)
        meaning = (
            Meaning.of_city(session, city.id, matcher.embedder.encode)
            if matcher is not None
            else None
        )
        insights.tables += _unmet_demand(events, insights, meaning)
        insights.tables += _badges(awards, insights)
        insights.tables.append(
            _skills_gap(
                session.scalars(select(Pathway).where(Pathway.city_id == city.id)),
                awards,
                list(session.scalars(select(Skill).where(Skill.city_id == city.id))),
            )
        )
        insights.tables.append(_pathways(session, city.id, events))
        insights.tables += _events(session, city.id, events)
        insights.tables.append(_reminders(session, city.id, start, end))
        insights.tables.append(_alerts(session, city.id, start, end))
        insights.tables.append(_reach(events, insights))
        insights.tables.append(_scorecard(session, city.id, start, end))
        insights.tables.append(polls_table(uow, city.id, start, end))
    if secret_key is not None:
        insights.tables.append(_voices(uow, city_slug, secret_key))
    return insights


def _scorecard(session, city_id: int, start: datetime, end: datetime) -> Table:  # type: ignore[no-untyped-def]
    """Youth voice: how young people rated each provider's activities after claiming a badge
    there (badge_core/services/youth_voice.py)."""
    return Table(
        "provider_scorecard",
        "Youth voice: how young people rated each provider's activities",
        ["provider", "ratings", "good", "OK", "not good"],
        [
            [c.provider, c.ratings, c.good, c.ok, c.not_good]
            for c in provider_scorecards(session, city_id, start, end)
        ],
        counts=4,
    )


def _voices(uow: UnitOfWork, city_slug: str, secret_key: str) -> Table:
    """What young people told the organisers, by activity: only activities with enough
    ratings, and nothing of who said it or when."""
    return Table(
        "youth_voice_comments",
        "Youth voice: what young people told the organisers (activities with 5 or more ratings)",
        ["activity", "provider", "they said"],
        [
            [voice.activity, voice.provider, comment]
            for voice in activity_voices(uow, city_slug, secret_key)
            for comment in voice.comments
        ],
        counts=0,
        total=False,
    )


def _searches(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if e.kind == "search"]


def _phrase(event: Event) -> str:
    return " ".join(content_words(event.data.get("interest")))


@dataclass(frozen=True)
class Meaning:
    """What groups interests by meaning and names the city's skill nearest each: the
    embedder's ``encode``, and the city's skills (their names and descriptions) encoded."""

    encode: Encode
    skills: list[str]
    vectors: np.ndarray  # one row per skill
    least: float = NEAREST_SKILL

    @classmethod
    def of_city(cls, session: Session, city_id: int, encode: Encode) -> Meaning:
        rows = session.execute(
            select(Skill.name, Skill.description)
            .where(Skill.city_id == city_id)
            .order_by(Skill.position)
        ).all()
        texts = [f"{name}. {description or ''}" for name, description in rows]
        return cls(encode, [name for name, _ in rows], encode(texts) if texts else np.zeros(0))

    def skill_of(self, interest: str) -> str:
        if not self.skills:
            return ""
        closeness = self.vectors @ self.encode([interest])[0]
        best = int(np.argmax(closeness))
        return self.skills[best] if closeness[best] >= self.least else ""


def _interest_rows(searches: list[Event], meaning: Meaning | None) -> dict[str, str]:
    """Each phrase searched for -> the row it is counted in: its group's most used phrase,
    or the lexicon's name for the group when that phrase alone was used by fewer than
    THRESHOLD learners (a phrase few typed is never shown); groups fewer than THRESHOLD
    learners asked for are left out (counted under "(other interests)")."""
    learners: dict[str, set[int]] = defaultdict(set)
    for e in searches:
        if e.learner_id is not None and _phrase(e):
            learners[_phrase(e)].add(e.learner_id)
    asked = {phrase: len(who) for phrase, who in learners.items()}
    rows: dict[str, str] = {}
    for group in group_interests(asked, meaning.encode if meaning else None):
        who = set().union(*(learners[p] for p in group.phrases))
        name = group.label if asked[group.label] >= THRESHOLD else group.known
        if len(who) >= THRESHOLD and name:
            rows.update(dict.fromkeys(group.phrases, name))
    return rows


def _unmet_demand(
    events: list[Event], insights: Insights, meaning: Meaning | None = None
) -> list[Table]:
    """Each search counts once, under its interest: what learners asked for, grouped by
    meaning and spelling ("footy", "ftball" and "football" are one row), shown only when at
    least THRESHOLD learners asked for something in the group; else "(other interests)"."""
    searches = _searches(events)
    named = _interest_rows(searches, meaning)
    by: dict[str, tuple[Counter, Counter]] = {
        "interest": (Counter(), Counter()),
        "district": (Counter(), Counter()),
        "age band": (Counter(), Counter()),
    }
    for e in searches:
        phrase = _phrase(e)
        keys = {
            "interest": named.get(phrase, OTHER) if phrase else ANYTHING,
            "district": e.data.get("district") or UNKNOWN,
            "age band": e.data.get("age_band") or UNKNOWN,
        }
        for dimension, key in keys.items():
            asked, unmet = by[dimension]
            asked[key] += 1
            unmet[key] += not e.data.get("results")
    trend = Counter(week_of(e.occurred_at) for e in searches if not e.data.get("results"))
    insights.weekly["Searches that found nothing"] = sorted(trend.items())

    def table(name: str, dimension: str, title: str) -> Table:
        asked, unmet = by[dimension]
        return Table(
            name,
            title,
            [dimension, "searches", "found nothing"],
            [
                [k, asked[k], unmet[k]]
                for k in sorted(asked, key=lambda k: (-unmet[k], -asked[k], k))
            ],
            counts=2,
        )

    interests = table(
        "unmet_demand",
        "interest",
        "Unmet demand: what young people searched for and did not find (like spellings and"
        " meanings together)",
    )
    if meaning is not None:
        interests.columns.insert(1, "nearest skill")
        for row in interests.rows:
            row.insert(1, meaning.skill_of(str(row[0])) if row[0] not in (OTHER, ANYTHING) else "")
    return [
        interests,
        table("unmet_demand_by_district", "district", "Unmet demand by postcode district"),
        table("unmet_demand_by_age_band", "age band", "Unmet demand by age band"),
        Table(
            "unmet_demand_by_week",
            "Searches that found nothing, by week",
            ["week", "found nothing"],
            [[week, n] for week, n in sorted(trend.items())],
            counts=1,
        ),
    ]


def _badges(awards: list[Award], insights: Insights) -> list[Table]:
    earned = [a for a in awards if a.status == AwardStatus.AWARDED.value and a.revoked_at is None]
    by_skill = Counter((s.strand.name, s.name) for a in earned for s in a.badge_class.skills)
    by_provider = Counter((a.badge_class.provider.name,) for a in earned)
    by_district = Counter((a.learner.district or "unknown",) for a in earned)
    by_age = Counter((a.learner.age_band or "unknown",) for a in earned)
    by_week = Counter(week_of(a.awarded_at) for a in earned)
    insights.weekly["Badges earned"] = sorted(by_week.items())
    return [
        Table(
            "badges_by_skill",
            "Badges earned, by spine strand and skill",
            ["strand", "skill", "badges"],
            _rows(by_skill, list),
            counts=1,
        ),
        Table(
            "badges_by_provider",
            "Badges earned, by provider",
            ["provider", "badges"],
            _rows(by_provider, list),
            counts=1,
        ),
        Table(
            "badges_by_district",
            "Badges earned, by learner's district",
            ["district", "badges"],
            _rows(by_district, list),
            counts=1,
        ),
        Table(
            "badges_by_age_band",
            "Badges earned, by age band",
            ["age band", "badges"],
            _rows(by_age, list),
            counts=1,
        ),
        Table(
            "badges_by_week",
            "Badges earned, by week",
            ["week", "badges"],
            [[w, n] for w, n in sorted(by_week.items())],
            counts=1,
        ),
    ]


def _skills_gap(pathways: Iterable[Pathway], awards: list[Award], skills: list[Skill]) -> Table:
    demand = Counter(s.key for p in pathways for step in p.steps for s in step.skills)
    earned = Counter(
        s.key for a in awards if a.status == AwardStatus.AWARDED.value for s in a.badge_class.skills
    )
    names = {s.key: s.name for s in skills}
    rows = sorted(
        ([names.get(k, k), demand[k], earned[k]] for k in demand),
        key=lambda r: (r[2] / max(r[1], 1), r[0]),
    )
    return Table(
        "skills_gap",
        "Skills pathways need, against badges showing them (rarest first)",
        ["skill", "pathway steps needing it", "badges showing it"],
        rows,
        counts=1,  # demand is a property of the city's data, not of learners
        total=False,
    )


def _pathways(session, city_id: int, events: list[Event]) -> Table:  # type: ignore[no-untyped-def]
    from badge_core.services.pathways import pathway_uptake

    suggested: dict[str, set[int]] = defaultdict(set)
    for e in events:
        if e.kind == "pathway_suggested" and e.learner_id is not None:
            for key in e.data.get("pathways", []):
                suggested[key].add(e.learner_id)
    uptake = pathway_uptake(session, city_id)
    rows = []
    for pathway in session.scalars(
        select(Pathway).where(Pathway.city_id == city_id).order_by(Pathway.position)
    ):
        started, completed = uptake[pathway.key]
        rows.append([pathway.name, len(suggested[pathway.key]), started, completed])
    return Table(
        "pathways",
        "Pathways: learners suggested each, who started it (a first step done) and completed it",
        ["pathway", "suggested", "started", "completed"],
        rows,
        counts=3,
        total=False,
    )


def _events(session, city_id: int, events: list[Event]) -> list[Table]:  # type: ignore[no-untyped-def]
    codes = session.scalars(select(ClaimCode).join(BadgeClass).where(BadgeClass.city_id == city_id))
    per_event: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for code in codes:
        when = (
            code.session_date.isoformat()
            if code.session_date
            else code.valid_from.date().isoformat()
        )
        label = code.activity.title if code.activity else code.badge_class.name
        per_event[(when, label)][0] += code.max_claims
        per_event[(when, label)][1] += code.claims_count
    failures = Counter(
        (e.data.get("outcome"),)
        for e in events
        if e.kind == "claim_attempt" and e.data.get("outcome") not in ("ok", None)
    )
    return [
        Table(
            "codes_by_event",
            "Events: claims available against badges claimed",
            ["date", "event", "claims available", "claimed"],
            [
                [d, label, issued, claimed]
                for (d, label), (issued, claimed) in sorted(per_event.items())
            ],
            counts=2,
        ),
        Table(
            "claim_failures",
            "Claims that failed, by reason",
            ["reason", "attempts"],
            _rows(failures, list),
            counts=1,
        ),
    ]


FOLLOWED_WITHIN = timedelta(hours=12)  # a claim this near the session reminded of


def _reminders(session, city_id: int, start: datetime, end: datetime) -> Table:  # type: ignore[no-untyped-def]
    """What followed a reminder: per activity, the learners reminded of a session of it, and
    how many of them claimed a badge there that day. A reminder keeps no words once sent; its
    key says which learner, activity and session it was for."""
    sent = session.execute(
        select(OutboxMessage.dedupe_key, OutboxMessage.learner_id).where(
            OutboxMessage.city_id == city_id,
            OutboxMessage.kind == "reminder",
            OutboxMessage.status.in_(("sent", "delivered")),
            OutboxMessage.sent_at >= start,
            OutboxMessage.sent_at < end,
            OutboxMessage.learner_id.is_not(None),  # erased learners are not followed
        )
    ).all()
    sessions: dict[tuple[str, int], set[datetime]] = defaultdict(set)
    for dedupe_key, learner_id in sent:
        # reminder:{learner}:{activity}:{session start, ISO}:{eve|hour}
        parts = dedupe_key.split(":")
        sessions[(parts[2], learner_id)].add(datetime.fromisoformat(":".join(parts[3:-1])))
    reminded: dict[str, set[int]] = defaultdict(set)
    for activity, learner_id in sessions:
        reminded[activity].add(learner_id)
    titles = dict(
        session.execute(
            select(Activity.key, Activity.title).where(
                Activity.city_id == city_id, Activity.key.in_(reminded)
            )
        ).all()
    )
    claims = session.execute(
        select(Activity.key, Award.learner_id, Award.awarded_at)
        .join(Activity, Award.activity_id == Activity.id)
        .where(
            Activity.city_id == city_id,
            Activity.key.in_(reminded),
            Award.learner_id.in_({lid for ls in reminded.values() for lid in ls}),
        )
    ).all()
    followed: dict[str, set[int]] = defaultdict(set)
    for activity, learner_id, at in claims:
        if any(abs(at - s) <= FOLLOWED_WITHIN for s in sessions.get((activity, learner_id), ())):
            followed[activity].add(learner_id)
    return Table(
        "reminders",
        "Reminders: learners reminded of a session, and how many claimed a badge there that day",
        ["activity", "learners reminded", "claimed a badge there"],
        [
            [titles.get(key, key), len(learners), len(followed[key])]
            for key, learners in sorted(reminded.items(), key=lambda kv: -len(kv[1]))
        ],
        counts=2,
    )


SEARCHED_WITHIN = timedelta(days=7)  # a search this soon after an alert followed it
CLAIMED_WITHIN = timedelta(days=28)  # a claim at the activity this soon after an alert


def _alerts(session, city_id: int, start: datetime, end: datetime) -> Table:  # type: ignore[no-untyped-def]
    """What followed an alert ("tell me when there's skateboarding"): per activity a learner
    was told of, the learners told, how many searched within a week and how many claimed a
    badge there within four weeks. A sent alert keeps no words; its key names the activities
    (alert:{subscription}:{activity keys})."""
    sent = session.execute(
        select(OutboxMessage.dedupe_key, OutboxMessage.learner_id, OutboxMessage.sent_at).where(
            OutboxMessage.city_id == city_id,
            OutboxMessage.kind == "alert",
            OutboxMessage.status.in_(("sent", "delivered")),
            OutboxMessage.sent_at >= start,
            OutboxMessage.sent_at < end,
            OutboxMessage.learner_id.is_not(None),  # erased learners are not followed
        )
    ).all()
    told: dict[str, dict[int, datetime]] = defaultdict(dict)
    for dedupe_key, learner_id, sent_at in sent:
        for activity in dedupe_key.split(":", 2)[2].split(","):
            told[activity].setdefault(learner_id, sent_at)
    learners = {lid for per in told.values() for lid in per}
    searches = session.execute(
        select(Event.learner_id, Event.occurred_at).where(
            Event.city_id == city_id,
            Event.kind == EventKind.SEARCH.value,
            Event.learner_id.in_(learners),
        )
    ).all()
    claims = session.execute(
        select(Activity.key, Award.learner_id, Award.awarded_at)
        .join(Activity, Award.activity_id == Activity.id)
        .where(Activity.city_id == city_id, Activity.key.in_(told), Award.learner_id.in_(learners))
    ).all()
    titles = dict(
        session.execute(
            select(Activity.key, Activity.title).where(
                Activity.city_id == city_id, Activity.key.in_(told)
            )
        ).all()
    )

    def searched(learner_id: int, at: datetime) -> bool:
        return any(lid == learner_id and at <= t <= at + SEARCHED_WITHIN for lid, t in searches)

    rows = []
    for key, per in sorted(told.items(), key=lambda kv: -len(kv[1])):
        claimed = {
            lid
            for k, lid, t in claims
            if k == key and lid in per and per[lid] <= t <= per[lid] + CLAIMED_WITHIN
        }
        rows.append(
            [
                titles.get(key, key),
                len(per),
                sum(searched(lid, at) for lid, at in per.items()),
                len(claimed),
            ]
        )
    return Table(
        "alerts",
        "Alerts: learners told of a new activity they asked about, how many searched within a"
        " week, and how many claimed a badge there within four weeks",
        ["activity", "learners told", "searched after", "claimed a badge there"],
        rows,
        counts=3,
    )


def _reach(events: list[Event], insights: Insights) -> Table:
    active: dict[tuple[str, str], set[int]] = defaultdict(set)
    for e in events:
        if e.learner_id is not None:
            active[(week_of(e.occurred_at), e.channel or "unknown")].add(e.learner_id)
    per_week = Counter()
    for (week, _), learners in active.items():
        per_week[week] += len(learners)
    insights.weekly["Active learners"] = sorted(per_week.items())
    return Table(
        "reach",
        "Reach: active learners per week, by channel",
        ["week", "channel", "active learners"],
        [[w, c, len(ls)] for (w, c), ls in sorted(active.items())],
        counts=1,
    )
