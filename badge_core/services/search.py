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
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from badge_core.db import UnitOfWork
from badge_core.errors import NotFound
from badge_core.matching.matcher import Matcher
from badge_core.models import AgeBand, EventKind, utcnow
from badge_core.services.catalogue import sessions_between
from badge_core.services.events import record_event
from badge_core.services.places import distance_km, district_in, strip_places
from badge_core.services.snapshot import ActivityInfo, CitySnapshot, city_snapshot
from badge_core.services.timeframes import Window, default_window, parse_when

NEAR_KM = 3.0
# Semantic relevance: an activity fits when its texts are this close in meaning and within
# MARGIN of the best fit, or when one of the query's words is one of its tags.
RELEVANT = 0.40
MARGIN = 0.12
TAG_BONUS = 0.1

_STOPWORDS = frozenset(
    ["a", "about", "activities", "activity", "an", "and", "any", "anything", "are", "area", "around", "at", "be", "can", "club", "clubs", "do", "does", "doing", "find", "for", "free", "from", "get", "go", "going", "got", "happening", "have", "how", "i", "i'd", "id", "im", "in", "is", "it", "like", "looking", "me", "my", "near", "nearby", "need", "of", "on", "or", "please", "pls", "plz", "show", "so", "some", "somethin", "something", "stuff", "that", "the", "there", "thing", "things", "this", "to", "u", "wanna", "want", "wat", "what", "whats", "wot", "ya", "you", "your", "near", "round", "today", "tonight", "tomorrow", "weekend", "week", "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "sat", "sun", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "next", "after", "school", "2moro", "2nite", "now", "cheap", "cost", "costs", "no", "money", "thats", "that's", "hi", "hey", "yo", "ok", "okay", "innit"]
)
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
class ActivityHit:
    key: str
    title: str
    provider: str
    place: str  # venue and district, or "Online"
    starts_at: datetime
    ends_at: datetime
    timezone: str
    cost_pence: int
    age_min: int
    age_max: int
    online: bool
    distance_km: float | None
    tags: list[str] = field(default_factory=list)
    score: float = 0.0  # relevance to the query (1.0 when the query named no interest)


@dataclass(frozen=True)
class SearchResult:
    asked: SearchQuery  # what the learner asked for
    query: SearchQuery  # what the hits match: ``asked`` less the filters in ``relaxed``
    hits: list[ActivityHit]
    relaxed: list[str] = field(default_factory=list)  # "when", "where", "what" dropped to find these

    @property
    def exact(self) -> bool:
        return not self.relaxed


MAX_INTEREST = 60  # characters of a query kept as its interest (and logged for the city team)


def content_words(text: str | None) -> list[str]:
    """The words of a query that say what is wanted, as typed (no "what's on", "near", ...).

    Numbers of three digits or more are never kept: a phone number typed into a search must
    not reach the event log."""
    if not text:
        return []
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [
        w for w in words
        if w not in _STOPWORDS and len(w) > 1 and sum(c.isdigit() for c in w) < 3
    ]


def interest_terms(text: str | None) -> list[str]:
    """The content words, stemmed for matching."""
    return [stem(w) for w in content_words(text)]


def stem(word: str) -> str:
    for suffix in ("ing", "ers", "er", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def matches_term(term: str, stems: set[str]) -> bool:
    # "cod" (coding) meets "code"; short terms must match whole.
    return term in stems or (len(term) >= 3 and any(s.startswith(term) for s in stems))


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


@dataclass(frozen=True)
class _Stems:
    """The stems of a text, kept sorted as well so that ``match`` finds a prefix by bisection."""

    found: frozenset[str]
    ordered: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Stems:
        found = frozenset(stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()))
        return cls(found, tuple(sorted(found)))

    def match(self, term: str) -> bool:
        """``matches_term(term, self.found)``; stems that start with a term sort right after it."""
        if term in self.found:
            return True
        if len(term) < 3:
            return False
        at = bisect_left(self.ordered, term)
        return at < len(self.ordered) and self.ordered[at].startswith(term)


@lru_cache(maxsize=4096)
def _weighted_stems(activity: ActivityInfo) -> tuple[tuple[float, _Stems], ...]:
    """An activity's tags, title, skills and description as stems, with their weights."""
    return (
        (3.0, _Stems.of(" ".join(activity.tags))),
        (2.0, _Stems.of(activity.title)),
        (2.0, _Stems.of(" ".join(f"{s.key} {s.name}" for s in activity.skills))),
        (1.0, _Stems.of(activity.description)),
    )


def semantic_scorer(
    matcher: Matcher,
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    query: SearchQuery,
    *,
    version: str | None = None,
) -> Scorer:
    """A scorer for ``query`` by meaning ("making beats" finds Beat Lab; "knitting" finds
    nothing rather than near misses). Similarities are computed here, before the search
    opens its transaction: a unit of work is never opened inside another. ``version``, the
    city's index version when the caller read it, spares the matcher reading it again."""
    similarity = (
        matcher.activity_scores(uow_factory, city_slug, query.interest, version=version)
        if query.interest
        else {}
    )

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
) -> SearchResult:
    """Matching upcoming activities in ``city`` (a snapshot the caller read), best first;
    relaxed alternatives when none match. ``uow`` logs the search, in a short write."""
    now = now or utcnow()
    asked = query
    result = matching_activities(city, query, now, scorer)
    relaxed: list[str] = []
    attempts = [("when", {"window": None}), ("where", {"district": None}), ("what", {"interest": None})]
    exact_count = len(result)
    for dropped, change in attempts:
        if result:
            break
        if getattr(query, next(iter(change))) is None:
            continue
        query = replace(query, **change)
        relaxed.append(dropped)
        result = matching_activities(city, query, now, scorer)
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
    city: CitySnapshot, query: SearchQuery, now: datetime, scorer: Scorer
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
            a for a in activities
            if a.online or (
                a.venue is not None
                and (a.venue.district == query.district or (distance(a) or 0) <= NEAR_KM)
            )
        ]
    scores = {a.id: 1.0 for a in activities}
    if query.terms:
        scores = scorer(query, activities)
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
                _hit(
                    activity, upcoming.starts_at, upcoming.ends_at, city.timezone,
                    distance(activity), scores[activity.id],
                ),
            )
        )
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits]


def _hit(
    activity: ActivityInfo,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str,
    distance: float | None,
    score: float = 0.0,
) -> ActivityHit:
    venue = activity.venue
    place = "Online" if venue is None else f"{venue.name}, {venue.district}"
    return ActivityHit(
        key=activity.key,
        title=activity.title,
        provider=activity.provider,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=timezone,
        cost_pence=activity.cost_pence,
        age_min=activity.age_min,
        age_max=activity.age_max,
        online=activity.online,
        distance_km=distance,
        tags=list(activity.tags),
        score=score,
    )


@dataclass(frozen=True)
class ActivityDetails:
    key: str
    title: str
    description: str
    provider: str
    place: str
    address: str
    online: bool
    cost_pence: int
    age_min: int
    age_max: int
    booking: str
    timezone: str
    next_sessions: list[tuple[datetime, datetime]]
    badges: list[str]


def activity_details(
    uow: UnitOfWork, city_slug: str, key: str, *, now: datetime | None = None
) -> ActivityDetails:
    now = now or utcnow()
    with uow.reading():
        city = city_snapshot(uow, city_slug)
    activity = city.activity(key)
    if activity is None:
        raise NotFound("activity", key)
    sessions = [
        (o.starts_at, o.ends_at)
        for o in sessions_between(city, now, now + timedelta(days=28))
        if o.activity_id == activity.id
    ][:3]
    venue = activity.venue
    return ActivityDetails(
        key=activity.key,
        title=activity.title,
        description=activity.description,
        provider=activity.provider,
        place="Online" if venue is None else f"{venue.name}, {venue.district}",
        address="" if venue is None else venue.address,
        online=activity.online,
        cost_pence=activity.cost_pence,
        age_min=activity.age_min,
        age_max=activity.age_max,
        booking=activity.booking,
        timezone=city.timezone,
        next_sessions=sessions,
        badges=sorted(activity.badges),
    )


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
    channel: str | None = None,
    now: datetime | None = None,
    matcher: Matcher | None = None,
) -> SearchResult:
    """A learner's message to matching activities: the one call the chat makes. Relevance
    is by meaning with a ``matcher``, by keywords without one."""
    with uow_factory().reading() as uow:  # the one read; the snapshot serves the rest
        city = city_snapshot(uow, city_slug)
    query = build_query(
        city, text, interest=interest, location=location, when=when,
        age_band=None if age_band in (None, "skipped") else age_band,
        home_district=None if home_district in (None, "skipped") else home_district, now=now,
    )
    scorer = (
        semantic_scorer(matcher, uow_factory, city_slug, query, version=city.version)
        if matcher
        else lexical_scorer
    )
    return search_activities(
        uow_factory(), city, query, learner_id=learner_id, channel=channel, now=now, scorer=scorer
    )


def activities_by_key(
    uow: UnitOfWork, city_slug: str, keys: Sequence[str], *, now: datetime | None = None
) -> list[ActivityHit]:
    """The next session of each activity, in the order given (for "more" on a past search)."""
    now = now or utcnow()
    with uow.reading():
        city = city_snapshot(uow, city_slug)
    activities = {a.key: a for a in city.activities if a.key in keys}
    next_session = {}
    for occurrence in sessions_between(city, now, now + timedelta(days=28)):
        next_session.setdefault(occurrence.activity_key, occurrence)
    return [
        _hit(activities[k], next_session[k].starts_at, next_session[k].ends_at, city.timezone, None)
        for k in keys
        if k in activities and k in next_session
    ]


_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "two": 2, "third": 3, "3rd": 3,
    "three": 3, "fourth": 4, "4th": 4, "four": 4, "fifth": 5, "5th": 5, "five": 5,
    "sixth": 6, "6th": 6, "six": 6,
}


def pick_result(text: str, titles: Sequence[str]) -> int | None:
    """Which shown result a learner means: "the 2nd one", "number 3", "last", "the football one".

    ``titles`` are the shown results' words (title and tags), blank for one that has gone."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    if not titles:
        return None
    if "last" in words:
        return len(titles) - 1
    for word in words:
        number = _ORDINALS.get(word) or (int(word) if word.isdigit() else None)
        if number is not None and 1 <= number <= len(titles):
            return number - 1
    terms = set(interest_terms(text)) - {"tell", "more", "info", "detail", "one", "about", "where"}
    best, best_hits = None, 0
    for index, title in enumerate(titles):
        stems = {stem(w) for w in re.findall(r"[a-z0-9]+", title.lower())}
        hits = sum(matches_term(term, stems) for term in terms)
        if hits > best_hits:
            best, best_hits = index, hits
    return best
