"""Finding activities for a learner: what they asked for, filtered by who and where they are.

A query is built from the message (interest words, place, time words, "free") and the
learner's profile (age band, district). Hard filters: the time window, the age band, cost,
and an explicitly named place (within ``NEAR_KM`` of its district centre; online activities
always pass). Matching is by a relevance scorer (a lexical one here; the semantic matcher
plugs in the same way). When nothing fits, filters are relaxed one at a time (when, then
where, then what) so the learner is offered the nearest alternatives, and the unmet demand
is logged for the city team. What a search knows of the city (time zone, districts,
activities and their sessions) comes from the city's snapshot, read once per unit of work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from badge_core.db import UnitOfWork
from badge_core.matching.matcher import Matcher
from badge_core.models import AgeBand, EventKind, utcnow
from badge_core.queries.events import record_event
from badge_core.queries.learners import learner_id_of
from badge_core.queries.snapshot import ActivityInfo, CitySnapshot, city_snapshot
from badge_core.services.catalogue import ActivityHit, activity_hit, sessions_between
from badge_core.services.for_you import PersonalRanker, profile_of
from badge_core.services.places import distance_km, district_in, strip_places
from badge_core.services.timeframes import Window, default_window, parse_when
from badge_core.services.vectors import activity_similarity, vectors_in
from badge_core.services.youth_voice import poorly_rated, ratings_by_activity
from badge_core.text import MAX_INTEREST, Stems, content_words, interest_terms, stem

NEAR_KM = 3.0
# Semantic relevance: an activity fits when its texts are this close in meaning and within
# MARGIN of the best fit, or when one of the query's words is one of its tags.
RELEVANT = 0.40
MARGIN = 0.12
TAG_BONUS = 0.1

_FREE = re.compile(r"\b(free|no money|cost nothing|costs nothing|cheap)\b", re.IGNORECASE)

# Given a query and candidate activities, a relevance score per activity id that fits.
Scorer = Callable[["SearchQuery", Sequence[ActivityInfo]], dict[int, float]]


@dataclass(frozen=True)
class SearchQuery:
    interest: str | None = None
    district: str | None = None  # asked for explicitly: a hard filter
    home_district: str | None = None  # from the profile: only ranks nearer first
    age_band: str | None = None
    window: Window | None = None
    free_only: bool = False

    @property
    def terms(self) -> list[str]:
        return interest_terms(self.interest)


@dataclass(frozen=True)
class SearchResult:
    asked: SearchQuery  # what the learner asked for
    query: SearchQuery  # what the hits match: ``asked`` less the filters in ``relaxed``
    hits: list[ActivityHit]
    relaxed: list[str] = field(
        default_factory=list
    )  # "when", "where", "what" dropped to find these
    # no topic asked, ranked for the learner: why each is there, by activity key
    reasons: dict[str, str] | None = None
    # no topic asked and nothing known of the learner: ask what they are into first
    needs_interests: bool = False

    @property
    def exact(self) -> bool:
        return not self.relaxed


def lexical_scorer(query: SearchQuery, activities: Sequence[ActivityInfo]) -> dict[int, float]:
    """Tag, title, skill and description words that share a stem with the query's terms."""
    terms = query.terms
    scores: dict[int, float] = {}
    for activity in activities:
        score = 0.0
        for weight, stems in _weighted_stems(activity):
            score += weight * sum(map(stems.match, terms))
        if score > 0:
            scores[activity.id] = score / len(terms)
    return scores


@lru_cache(maxsize=4096)
def _weighted_stems(activity: ActivityInfo) -> tuple[tuple[float, Stems], ...]:
    """An activity's tags, title, skills and description as stems, with their weights."""
    return (
        (3.0, Stems.of(" ".join(activity.tags))),
        (2.0, Stems.of(activity.title)),
        (2.0, Stems.of(" ".join(f"{s.key} {s.name}" for s in activity.skills))),
        (1.0, Stems.of(activity.description)),
    )


def semantic_scorer(similarity: dict[int, float]) -> Scorer:
    """A scorer by meaning ("making beats" finds Beat Lab; "knitting" finds nothing rather
    than near misses), from the query's ``similarity`` to each activity (by id), computed
    before the search: see ``find_activities``."""

    def score(query: SearchQuery, activities: Sequence[ActivityInfo]) -> dict[int, float]:
        terms = set(query.terms)
        tagged = {a.id for a in activities if terms & {stem(w) for t in a.tags for w in t.split()}}
        candidates = {a.id: similarity.get(a.id, 0.0) for a in activities}
        best = max(candidates.values(), default=0.0)
        return {
            activity_id: sim + (TAG_BONUS if activity_id in tagged else 0.0)
            for activity_id, sim in candidates.items()
            if activity_id in tagged or (sim >= RELEVANT and sim >= best - MARGIN)
        }

    return score


def build_query(
    city: CitySnapshot,
    text: str,
    *,
    interest: str | None = None,
    location: str | None = None,
    when: str | None = None,
    age_band: str | None = None,
    home_district: str | None = None,
    now: datetime | None = None,
) -> SearchQuery:
    """A query from a message and the entities found in it, plus the learner's profile, for
    the city as ``city`` (a snapshot the caller read) has it."""
    local_now = (now or utcnow()).astimezone(ZoneInfo(city.timezone))
    district = district_in(city.districts, location) if location else None
    if district is None and location is None:
        district = _district_in_text(city, text)
    window = parse_when(when, local_now) or parse_when(text, local_now)
    # places are never interests, nor logged as one
    rest = strip_places(city.districts, text)
    rest = rest.replace(location, " ") if location else rest
    return SearchQuery(
        # the learner's own words (places and time words taken out) say what they want better
        # than an entity, which may catch only part of it ("making" of "making beats")
        interest=" ".join(content_words(rest) or content_words(interest))[:MAX_INTEREST] or None,
        district=district,
        home_district=home_district,
        age_band=age_band,
        window=window,
        free_only=bool(_FREE.search(text)),
    )


def _district_in_text(city: CitySnapshot, text: str) -> str | None:
    match = re.search(r"\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\b", text)
    return district_in(city.districts, match.group(0)) if match else None


def search_activities(
    uow: UnitOfWork,
    city: CitySnapshot,
    query: SearchQuery,
    *,
    learner_id: int | None = None,
    channel: str | None = None,
    now: datetime | None = None,
    scorer: Scorer = lexical_scorer,
    ranker: Scorer | None = None,
) -> SearchResult:
    """Matching upcoming activities in ``city`` (a snapshot the caller read), best first;
    relaxed alternatives when none match. A query with no topic is ordered by ``ranker``
    when given (the learner's own ranking). ``uow`` logs the search, in a short write."""
    now = now or utcnow()
    asked = query
    result = matching_activities(city, query, now, scorer, ranker)
    relaxed: list[str] = []
    attempts = [
        ("when", {"window": None}),
        ("where", {"district": None}),
        ("what", {"interest": None}),
    ]
    exact_count = len(result)
    for dropped, change in attempts:
        if result:
            break
        if getattr(query, next(iter(change))) is None:
            continue
        query = replace(query, **change)
        relaxed.append(dropped)
        result = matching_activities(city, query, now, scorer, ranker)
    # the search logged in a short write of its own, after the matching (which took no lock)
    with uow:
        record_event(
            uow,
            EventKind.SEARCH,
            city_id=city.id,
            learner_id=learner_id,
            channel=channel,
            at=now,
            interest=asked.interest,
            district=asked.district or asked.home_district,
            age_band=asked.age_band,
            when=asked.window.label if asked.window else None,
            free_only=asked.free_only,
            results=exact_count,
        )
        uow.commit()
        return SearchResult(asked, query, result, relaxed)


def matching_activities(
    city: CitySnapshot,
    query: SearchQuery,
    now: datetime,
    scorer: Scorer,
    ranker: Scorer | None = None,
) -> list[ActivityHit]:
    activities: Sequence[ActivityInfo] = city.activities
    centroids = {d.code: (d.lat, d.lon) for d in city.districts}
    if query.age_band:
        low, high = AgeBand(query.age_band).ages
        activities = [a for a in activities if a.age_min <= high and a.age_max >= low]
    if query.free_only:
        activities = [a for a in activities if a.cost_pence == 0]
    origin = centroids.get(query.district or query.home_district or "")

    def distance(activity: ActivityInfo) -> float | None:
        if activity.venue is None or origin is None:
            return None
        return distance_km(origin[0], origin[1], activity.venue.lat, activity.venue.lon)

    if query.district:
        activities = [
            a
            for a in activities
            if a.online
            or (
                a.venue is not None
                and (a.venue.district == query.district or (distance(a) or 0) <= NEAR_KM)
            )
        ]
    scores = {a.id: 1.0 for a in activities}
    rank = scorer if query.terms else ranker
    if rank is not None:
        scores = rank(query, activities)
        activities = [a for a in activities if a.id in scores]
    window = query.window or default_window(now)
    next_session = {}
    for occurrence in sessions_between(city, window.start, window.end):
        next_session.setdefault(occurrence.activity_id, occurrence)
    hits = []
    for activity in activities:
        upcoming = next_session.get(activity.id)
        if upcoming is None:
            continue
        hits.append(
            (
                -scores[activity.id],
                upcoming.starts_at,
                distance(activity) or 0.0,
                activity_hit(
                    activity,
                    upcoming.starts_at,
                    upcoming.ends_at,
                    city.timezone,
                    distance(activity),
                    scores[activity.id],
                ),
            )
        )
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits]


def find_activities(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    text: str,
    *,
    interest: str | None = None,
    location: str | None = None,
    when: str | None = None,
    age_band: str | None = None,
    home_district: str | None = None,
    learner_id: int | None = None,
    identity: str | None = None,
    channel: str | None = None,
    now: datetime | None = None,
    matcher: Matcher | None = None,
    ask_first: bool = False,
    interests: Sequence[str] = (),
) -> SearchResult:
    """A learner's message to matching activities: the one call the chat makes, in one read
    (the learner by ``identity``, their chat identity's keyed hash, unless ``learner_id`` is
    given, and their profile; the city's snapshot and vectors) and one short write (the
    search, logged). Relevance is by meaning with a ``matcher``, by keywords without one. With
    no topic asked, a matcher ranks what's on for the learner (badge_core/services/for_you.py),
    by their stored interests and ``interests`` (what they just said they are into); with
    ``ask_first`` and nothing known of them, nothing is searched: ``needs_interests``."""
    with uow_factory().reading() as uow:  # the one read: the learner, the city, its vectors
        city = city_snapshot(uow, city_slug)
        learner_id = learner_id_of(uow, learner_id, identity, channel)
        vectors = vectors_in(uow, matcher, city_slug, city.version) if matcher else None
        query = build_query(
            city,
            text,
            interest=interest,
            location=location,
            when=when,
            age_band=age_band,
            home_district=home_district,
            now=now,
        )
        # the learner's profile only for a search with no topic, which it ranks
        profile = profile_of(uow, learner_id, also=interests) if query.interest is None else None
        personal = vectors is not None and profile is not None and not profile.empty
        # ratings only for a ranking of one's own: an activity rated poorly drops there
        poor = poorly_rated(ratings_by_activity(uow.session, city.id)) if personal else set()
    scorer: Scorer = lexical_scorer
    ranker: PersonalRanker | None = None
    if matcher is not None and vectors is not None:
        similarity = activity_similarity(vectors, matcher, query.interest) if query.interest else {}
        scorer = semantic_scorer(similarity)
        if profile is not None and profile.empty and ask_first:
            return SearchResult(query, query, [], needs_interests=True)
        if personal and profile is not None:
            ranker = PersonalRanker(
                profile,
                {i: activity_similarity(vectors, matcher, i) for i in profile.interests},
                next(((d.lat, d.lon) for d in city.districts if d.code == home_district), None),
                frozenset(poor),
            )
    result = search_activities(
        uow_factory(),
        city,
        query,
        learner_id=learner_id,
        channel=channel,
        now=now,
        scorer=scorer,
        ranker=ranker,
    )
    if ranker is None:
        return result
    return replace(result, reasons={h.key: ranker.reasons.get(h.key, "") for h in result.hits})
