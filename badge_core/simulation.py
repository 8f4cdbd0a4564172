"""Realistic, varied traffic through the real badge core, so a new city team sees a full
commissioning report in its first minute (``colbot simulate --learners 2000 --weeks 12``).

Nothing is written behind the services' backs: learners sign up with ``register_learner``,
search with ``find_activities`` (keyword matching), ask for pathways with
``suggest_pathways``, youth workers make codes with ``create_claim_code`` and learners claim
them with ``claim_badge``, each call with ``now=`` set to a simulated moment. The event log,
awards and codes are therefore exactly what real use would leave behind:

- learners join over the weeks (a launch week, then steady growth) on SMS, WhatsApp and
  Telegram, mostly aged 13-18, from every district, some skipping questions;
- they search a few times while active, for things the city offers and things it does not
  (``UNMET_INTERESTS``, each asked by at least five learners whenever there are enough
  learners, so the unmet-demand table can show it), with time words and places now and then;
- youth workers run sessions of the city's activities and hand out single-use or shared,
  capped codes for one of the activity's badges, valid for the session day; attendees claim
  them, and now and then mistype one, try too early or too late, share a single-use code,
  claim twice or guess codes until they are locked out, so every refusal shows up; under-13s'
  awards wait for a youth worker;
- some ask what they could become, and get pathways.

The whole run is planned first from one ``random.Random(seed)``, then played back in time
order, so a seed (and ``end``) gives the same event log and awards every time. What the
services make for themselves (public ids, the text of real codes, last-seen times) is the
only thing that differs between two runs.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from badge_core.db import UnitOfWork
from badge_core.errors import ClaimRefused
from badge_core.models import (
    Activity,
    AgeBand,
    AwardStatus,
    District,
    Pathway,
    PathwayStep,
    Venue,
)
from badge_core.services.catalogue import occurrences
from badge_core.services.cities import get_city
from badge_core.services.claims import claim_badge
from badge_core.services.codes import (
    ALPHABET,
    CODE_LENGTH,
    create_claim_code,
    end_of_local_day,
    format_code,
    normalise_code,
)
from badge_core.services.learners import register_learner
from badge_core.services.pathways import suggest_pathways
from badge_core.services.search import find_activities, interest_terms, matches_term, stem

# Every way a claim can end, in the order a report lists them.
CLAIM_OUTCOMES = (
    "ok",
    "CodeUnknown",
    "CodeExpired",
    "CodeNotOpenYet",
    "CodeUsedUp",
    "AlreadyEarned",
    "TooManyAttempts",
)

CHANNELS = (("whatsapp", 45), ("telegram", 30), ("sms", 25))
AGE_BANDS: tuple[tuple[str | None, int], ...] = (
    (AgeBand.AGE_13_15.value, 38),
    (AgeBand.AGE_16_18.value, 30),
    (AgeBand.UNDER_13.value, 12),
    (AgeBand.AGE_19_25.value, 11),
    (None, 9),  # skipped the question
)
NO_DISTRICT_SHARE = 0.08  # learners who never said where they live

# What young people ask for that cities usually offer, most asked first.
INTERESTS = (
    ("football", 12), ("gaming", 9), ("music", 8), ("coding", 7), ("art", 6), ("cooking", 6),
    ("dance", 6), ("drama", 5), ("swimming", 5), ("volunteering", 4), ("basketball", 4),
    ("drawing", 4), ("singing", 3), ("photography", 3), ("climbing", 3), ("writing", 3),
    ("baking", 3), ("nature", 3), ("animals", 3), ("youtube", 3), ("youth club", 3),
    ("jobs", 3), ("making beats", 2), ("first aid", 2), ("mental health", 2), ("sailing", 2),
    ("rugby", 2), ("fixing bikes", 2), ("acting", 2), ("street art", 2), ("apprenticeships", 2),
    ("money", 1),
)
# What they ask for that the demo city does not offer: the unmet demand a report surfaces.
UNMET_INTERESTS = (
    ("knitting", 5), ("horse riding", 8), ("chess", 6), ("skateboarding", 9), ("ballet", 5),
    ("esports", 7), ("fishing", 4),
)
MIN_LEARNERS_PER_UNMET = 5  # the report's threshold for showing a phrase
UNMET_SHARE = 0.18  # learners who ask for something unmet at least once
SLANG = ("footy", "ftball", "cookin", "drawin", "musik", "bball")  # found nothing as typed
ANYTHING = (
    "whats on", "whats on this weekend", "anything on tonight", "something to do after school",
    "anything free this week", "whats happening near me", "stuff to do on saturday",
)
# Ways to ask for ``{x}``; every other word is one the search ignores, so the interest
# logged (and counted per learner in the report) is exactly ``{x}``.
TEMPLATES = (
    "{x}", "{x}", "{x}", "any {x} near me", "{x} clubs", "is there {x}", "i want to do {x}",
    "looking for {x}", "{x} stuff", "{x} pls", "wanna do {x}", "{x} club near me", "can i do {x}",
)
TIME_WORDS = (
    "tonight", "this weekend", "on saturday", "tomorrow", "after school", "next week",
    "this week", "on friday",
)
GOALS = (
    "i want to be a chef", "something with computers", "i want to be a nurse",
    "i want to work with animals", "i want to be a footballer", "i want to be an electrician",
    "i wanna be a mechanic", "i want to be a youtuber", "i want to be a games designer",
    "i want to be an actor", "i want to be a vet", "i want to work in a restaurant",
    "i want to be a pe teacher", "i want to be a personal trainer", "i want to build houses",
    "i want to be a paramedic", "i want to work on boats", "i want to be a dancer",
    "i want to make music", "something with sport", "i want a job in tech",
    "dunno what i want to do", "i want to be famous",
)
GOALS_BY_INTEREST = {
    "cooking": "i want to be a chef", "baking": "i want to work in a restaurant",
    "coding": "something with computers", "gaming": "i want to be a games designer",
    "football": "i want to be a footballer", "basketball": "something with sport",
    "drama": "i want to be an actor", "acting": "i want to be an actor",
    "dance": "i want to be a dancer", "music": "i want to make music",
    "making beats": "i want to make music", "animals": "i want to work with animals",
    "first aid": "i want to be a paramedic", "youtube": "i want to be a youtuber",
    "fixing bikes": "i wanna be a mechanic", "sailing": "i want to work on boats",
}

SEARCHES_PER_LEARNER = ((1, 60), (2, 25), (3, 9), (4, 4), (5, 2))  # mean 1.6
SESSIONS_PER_LEARNER = ((0, 28), (1, 33), (2, 20), (3, 12), (4, 7))  # mean 1.4
PATHWAY_SHARE = 0.1
COMMIT_SHARE = 0.4  # of those, learners who then work through the pathway that fits them
COMMITTED_FOR = timedelta(weeks=8)
GUESSER_SHARE = 0.006  # learners who guess codes until they are locked out
ACTIVE_DAYS_MEAN = 30.0  # how long a learner keeps using the bot, after the first 3 days
LAUNCH_SHARE = 0.15  # learners who join in the launch week

CODE_LEAD = timedelta(minutes=15)  # codes open a little before a session starts
TURNOUT = 10  # youth workers give badges at a sample of sessions, about this many at each
SHARED_CODE_SHARE = 0.4  # sessions with one shared, capped code (else one code per person)
TOO_FEW_SHARE = 0.12  # shared codes capped below the turnout (someone gets "used up")
# Per attendee, one mishap at most: (kind, chance). "share" applies to single-use codes only.
MISHAPS = (("expired", 0.035), ("early", 0.03), ("typo", 0.045), ("double", 0.03), ("share", 0.03))

# Likelihood of an hour of the day (local time) for anything a learner does.
WEEKDAY_HOURS = (1, 0, 0, 0, 0, 0, 0, 3, 3, 1, 1, 1, 3, 3, 2, 6, 10, 11, 11, 12, 11, 9, 6, 3)
WEEKEND_HOURS = (2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 5, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 7, 5, 3)


@dataclass(frozen=True)
class SimulationSummary:
    learners: int
    searches: int
    searches_without_results: int
    claims_by_outcome: dict[str, int]
    pathway_suggestions: int
    codes: int
    pending_awards: int = 0  # under-13s' awards waiting for a youth worker
    start: datetime | None = None
    end: datetime | None = None

    @property
    def claims(self) -> int:
        return sum(self.claims_by_outcome.values())

    def __str__(self) -> str:
        outcomes = ", ".join(f"{k} {v}" for k, v in self.claims_by_outcome.items())
        window = f" from {self.start:%Y-%m-%d %H:%M} to {self.end:%Y-%m-%d %H:%M} UTC" if (
            self.start and self.end
        ) else ""
        return (
            f"{self.learners} learners{window}: {self.searches} searches "
            f"({self.searches_without_results} found nothing), {self.pathway_suggestions} "
            f"pathway suggestions, {self.codes} codes, {self.claims} claims ({outcomes}), "
            f"{self.pending_awards} awards pending for under-13s"
        )


def random_code(rng: random.Random) -> str:
    """A well-formed claim code (the rule of ``codes.generate_code``) from ``rng``: what a
    learner guessing or mistyping produces. Deterministic, so never a real code's source."""
    while True:
        raw = "".join(rng.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if normalise_code(raw) == raw:
            return format_code(raw)


# ----------------------------------------------------------------------------- the plan


@dataclass
class _Learner:
    n: int
    channel: str
    age_band: str | None
    district: str | None
    interests: list[str]
    joined: datetime
    leaves: datetime
    share: float = 1.0  # of their time with the bot that falls inside the window
    unmet: str | None = None
    likes: frozenset[str] = frozenset()  # activity keys that fit their interests
    pathway: tuple[int, datetime] | None = None  # a pathway they work on, and from when


@dataclass(frozen=True)
class _Activity:
    key: str
    age_min: int
    age_max: int
    district: str | None
    online: bool
    badges: tuple[str, ...]
    words: frozenset[str]  # stems of its tags and title


@dataclass(frozen=True)
class _Session:
    activity: _Activity
    starts_at: datetime
    ends_at: datetime


@dataclass
class _Slot:
    """One attendee of one session and the code they were given."""

    learner: int
    code: int  # index into the plan's codes
    single_use: bool
    enough: bool  # the code has a claim for everyone it was given to
    at: datetime  # when they claim
    valid_from: datetime
    valid_until: datetime
    mishap: str | None = None
    other_at: datetime | None = None  # the mishap's moment
    friend: int | None = None  # who a single-use code was shared with
    protected: bool = False  # kept free of mishaps (an under-13's claim that should pend)


@dataclass(frozen=True)
class _CodeSpec:
    badge: str
    activity: str
    max_claims: int
    valid_from: datetime
    valid_until: datetime


@dataclass
class _Catalogue:
    timezone: ZoneInfo
    activities: list[_Activity]
    sessions: list[_Session]
    districts: list[tuple[str, int]]  # (code, weight)
    areas: dict[str, list[str]]  # district code -> area names learners use
    tags: frozenset[str]
    pathways: list[list[frozenset[str]]]  # each pathway's steps, as the badges that do one
    by_activity: dict[str, list[int]] = field(default_factory=dict)  # its sessions, in order

    def __post_init__(self) -> None:
        for index, session in enumerate(self.sessions):
            self.by_activity.setdefault(session.activity.key, []).append(index)


def _weighted(pairs: Sequence[tuple[Any, int | float]]) -> tuple[list[Any], list[float]]:
    return [k for k, _ in pairs], list(accumulate(w for _, w in pairs))


class _Planner:
    def __init__(self, rng: random.Random, catalogue: _Catalogue, start: datetime, end: datetime):
        self.rng = rng
        self.cat = catalogue
        self.start = start
        self.end = end
        self.actions: list[tuple[datetime, int, str, tuple[Any, ...]]] = []
        self.codes: list[_CodeSpec] = []
        self.learners: list[_Learner] = []
        self._holders: dict[str, set[int]] = {}  # badge -> who is set to earn it at a session
        self._hours = {
            False: list(accumulate(WEEKDAY_HOURS)),
            True: list(accumulate(WEEKEND_HOURS)),
        }

    # -- helpers

    def pick(self, pairs: tuple[list[Any], list[float]]) -> Any:
        keys, cumulative = pairs
        return self.rng.choices(keys, cum_weights=cumulative)[0]

    def add(self, at: datetime, kind: str, *payload: Any) -> None:
        if kind != "code":  # codes are made ahead; their event is dated when they open
            assert self.start <= at < self.end, (kind, at)
        self.actions.append((at, len(self.actions), kind, payload))

    def uniform(self, lo: datetime, hi: datetime) -> datetime:
        span = int((hi - lo).total_seconds())
        return lo + timedelta(seconds=self.rng.randrange(span)) if span > 0 else lo

    def moment(self, lo: datetime, hi: datetime) -> datetime:
        """A moment in [lo, hi) at an hour young people are about, if the range allows."""
        lo = max(lo, self.start)
        hi = min(hi, self.end)
        if hi <= lo:
            return lo
        candidate = self.uniform(lo, hi)
        for _ in range(4):
            local = candidate.astimezone(self.cat.timezone)
            hours = self._hours[local.weekday() >= 5]
            hour = self.rng.choices(range(24), cum_weights=hours)[0]
            clock = time(hour, self.rng.randrange(60), self.rng.randrange(60))
            moment = datetime.combine(local.date(), clock, self.cat.timezone).astimezone(UTC)
            if lo <= moment < hi:
                return moment
            candidate = self.uniform(lo, hi)
        return candidate

    def minutes(self, low: float, high: float) -> timedelta:
        return timedelta(seconds=self.rng.randrange(int(low * 60), int(high * 60) + 1))

    # -- learners

    def plan_learners(self, count: int, seed: int) -> None:
        channels = _weighted(CHANNELS)
        bands = _weighted(AGE_BANDS)
        districts = _weighted(self.cat.districts)
        interests = _weighted(INTERESTS)
        launch_end = min(self.start + timedelta(days=7), self.end - timedelta(hours=2))
        last_join = self.end - timedelta(hours=2)
        for n in range(count):
            if self.rng.random() < LAUNCH_SHARE:
                joined = self.moment(self.start, launch_end)
            else:  # word spreads: a few more join later than earlier
                fraction = self.rng.random() ** 0.8
                day = self.start + (last_join - self.start) * fraction
                joined = self.moment(day - timedelta(hours=12), day + timedelta(hours=12))
            joined = min(max(joined, self.start), last_join)
            stays = timedelta(days=3 + self.rng.expovariate(1 / ACTIVE_DAYS_MEAN))
            leaves = min(joined + stays, self.end)
            liked: list[str] = []
            for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
                interest = self.pick(interests)
                if interest not in liked:
                    liked.append(interest)
            district = None
            if districts[0] and self.rng.random() >= NO_DISTRICT_SHARE:
                district = self.pick(districts)
            self.learners.append(
                _Learner(
                    n=n,
                    channel=self.pick(channels),
                    age_band=self.pick(bands),
                    district=district,
                    interests=liked,
                    joined=joined,
                    leaves=leaves,
                    # one who joins near the end does, before it, only part of what they will
                    share=(leaves - joined) / stays,
                )
            )
        self._make_sure_of_an_under_13()
        self._give_unmet_interests()
        matches = {i: self._activities_for(i) for i, _ in INTERESTS}
        for learner in self.learners:
            learner.likes = frozenset(k for i in learner.interests for k in matches[i])
            self.add(learner.joined, "register", learner.n, f"sim-{seed}-{learner.n}")

    def _make_sure_of_an_under_13(self) -> None:
        if len(self.learners) >= 8 and all(
            lr.age_band != AgeBand.UNDER_13.value for lr in self.learners
        ):
            self.rng.choice(self.learners).age_band = AgeBand.UNDER_13.value

    def _give_unmet_interests(self) -> None:
        """At least MIN_LEARNERS_PER_UNMET learners for each unmet phrase (when there are
        enough learners), then more in proportion to how popular the phrase is."""
        phrases = [p for p, _ in UNMET_INTERESTS]
        wanted = max(round(UNMET_SHARE * len(self.learners)), MIN_LEARNERS_PER_UNMET * len(phrases))
        seekers = self.rng.sample(self.learners, min(wanted, len(self.learners)))
        order = phrases[:]
        self.rng.shuffle(order)
        popular = _weighted(UNMET_INTERESTS)
        for i, learner in enumerate(seekers):
            floor = i < MIN_LEARNERS_PER_UNMET * len(order)
            learner.unmet = order[i % len(order)] if floor else self.pick(popular)

    def _activities_for(self, interest: str) -> set[str]:
        terms = interest_terms(interest)
        return {
            a.key for a in self.cat.activities if any(matches_term(t, set(a.words)) for t in terms)
        }

    # -- searches and pathways

    def plan_searches(self) -> None:
        counts = _weighted(SEARCHES_PER_LEARNER)
        interests = _weighted(INTERESTS)
        for learner in self.learners:
            count = self.pick(counts)
            unmet_at = self.rng.randrange(count) if learner.unmet else -1
            for i in range(count):
                if 0 < i != unmet_at and self.rng.random() >= learner.share:
                    continue
                if i == 0:  # straight after signing up
                    at = learner.joined + self.minutes(1, 20)
                else:
                    at = self.moment(learner.joined + timedelta(hours=1), learner.leaves)
                if i == unmet_at or (learner.unmet and self.rng.random() < 0.1):
                    interest = learner.unmet
                elif self.rng.random() < 0.8:
                    interest = self.rng.choice(learner.interests)
                else:
                    interest = self.pick(interests)
                text = self._search_text(learner, interest, exactly=i == unmet_at)
                self.add(at, "search", learner.n, *text)

    def _search_text(
        self, learner: _Learner, interest: str | None, *, exactly: bool = False
    ) -> tuple[str, str | None]:
        """What a learner types asking for ``interest`` (or, unless ``exactly``, for anything,
        or in slang), and the place they name if they pass one as a location."""
        rng = self.rng
        roll = 1.0 if exactly else rng.random()
        if roll < 0.1:
            return rng.choice(ANYTHING), None
        if roll < 0.13:
            interest = rng.choice(SLANG)
        text = rng.choice(TEMPLATES).format(x=interest)
        if rng.random() < 0.08:
            text = "free " + text
        if rng.random() < 0.35:
            text += " " + rng.choice(TIME_WORDS)
        location = None
        if self.cat.districts and rng.random() < 0.2:
            code = learner.district
            if code is None or rng.random() >= 0.7:  # somewhere else, or they never said
                code = rng.choice([code for code, _ in self.cat.districts])
            areas = self.cat.areas.get(code)
            if areas and rng.random() < 0.5:
                location = rng.choice(areas)
                text += f" near {location}"
            else:
                text += f" in {code}"
        return text, location

    def plan_pathways(self) -> None:
        for learner in self.learners:
            if self.rng.random() >= PATHWAY_SHARE:
                continue
            asks = 2 if self.rng.random() < 0.2 else 1
            first = None
            for _ in range(asks):
                later = learner.joined + (learner.leaves - learner.joined) * 0.3
                at = self.moment(max(later, learner.joined + timedelta(hours=1)), learner.leaves)
                first = min(first or at, at)
                related = [GOALS_BY_INTEREST[i] for i in learner.interests
                           if i in GOALS_BY_INTEREST]
                goal = self.rng.choice(related if related and self.rng.random() < 0.6 else GOALS)
                self.add(at, "pathway", learner.n, goal)
            if first is not None and self.rng.random() < COMMIT_SHARE:
                fit = [self._pathway_fit(learner, steps) for steps in self.cat.pathways]
                if fit and max(fit) > 0:
                    best = [i for i, f in enumerate(fit) if f == max(fit)]
                    learner.pathway = (self.rng.choice(best), first)
                    # someone with a goal keeps coming for a while
                    learner.leaves = max(learner.leaves, min(first + COMMITTED_FOR, self.end))

    def _pathway_fit(self, learner: _Learner, steps: list[frozenset[str]]) -> int:
        """How many of a pathway's steps an activity the learner likes would do."""
        liked = [a for a in self.cat.activities if a.key in learner.likes]
        return sum(any(step & set(a.badges) for a in liked) for step in steps)

    # -- sessions, codes and claims

    def plan_sessions(self) -> list[_Slot]:
        sessions = self.cat.sessions
        counts = _weighted(SESSIONS_PER_LEARNER)
        mean = sum(k * w for k, w in SESSIONS_PER_LEARNER) / sum(w for _, w in SESSIONS_PER_LEARNER)
        expected = mean * len(self.learners)
        chance = min(1.0, max(0.05, expected / (TURNOUT * max(len(sessions), 1))))
        # the sessions where youth workers hand out badges
        sample = [i for i in range(len(sessions)) if self.rng.random() < chance]
        starts = [sessions[i].starts_at for i in sample]
        attendees: dict[int, list[int]] = {}

        def attend(learner: _Learner, index: int | None) -> None:
            if index is not None and learner.n not in attendees.setdefault(index, []):
                attendees[index].append(learner.n)

        for learner in self.learners:
            for _ in range(self.pick(counts)):
                if self.rng.random() < learner.share:
                    attend(learner, self._choose_session(learner, sample, starts))
            if learner.pathway is not None:
                for index in self._pathway_sessions(learner):
                    attend(learner, index)
        self._make_sure_an_under_13_attends(attendees, sample, starts)
        slots: list[_Slot] = []
        for index in sorted(attendees):
            if attendees[index]:
                slots += self._hand_out_codes(sessions[index], attendees[index])
        return slots

    def _pathway_sessions(self, learner: _Learner) -> list[int]:
        """A session for each step of the learner's pathway, one after another."""
        assert learner.pathway is not None
        pathway, after = learner.pathway
        chosen = []
        for step in self.cat.pathways[pathway]:
            options = []
            for activity in self.cat.activities:
                if not (step & set(activity.badges)) or not self._fits(learner, activity):
                    continue
                indices = self.cat.by_activity.get(activity.key, [])
                starts = [self.cat.sessions[i].starts_at for i in indices]
                options += indices[bisect_left(starts, after + timedelta(hours=1)):][:2]
            options = [i for i in options if self.cat.sessions[i].starts_at < learner.leaves]
            if not options:
                break
            options.sort(key=lambda i: (self.cat.sessions[i].starts_at, i))
            index = self.rng.choice(options[:4])
            chosen.append(index)
            after = self.cat.sessions[index].starts_at
        return chosen

    def _fits(self, learner: _Learner, activity: _Activity) -> bool:
        if learner.age_band is None:
            return True
        low, high = AgeBand(learner.age_band).ages
        return activity.age_min <= high and activity.age_max >= low

    def _choose_session(
        self, learner: _Learner, sample: list[int], starts: list[datetime]
    ) -> int | None:
        """One of the ``sample`` sessions (with ``starts``) while the learner is about, most
        likely one they are into, near home."""
        first = bisect_left(starts, learner.joined + timedelta(hours=1))
        last = bisect_left(starts, learner.leaves)
        if last <= first:
            return None
        candidates = sorted({sample[self.rng.randrange(first, last)] for _ in range(40)})
        weights = []
        for index in candidates:
            activity = self.cat.sessions[index].activity
            weight = 0.0
            if self._fits(learner, activity):
                weight = 1.0
                weight *= 6 if activity.key in learner.likes else 1
                weight *= 3 if learner.district and activity.district == learner.district else 1
            weights.append(weight)
        if not any(weights):
            return None
        return self.rng.choices(candidates, weights=weights)[0]

    def _make_sure_an_under_13_attends(
        self, attendees: dict[int, list[int]], sample: list[int], starts: list[datetime]
    ) -> None:
        young = AgeBand.UNDER_13.value
        under_13 = [lr for lr in self.learners if lr.age_band == young]
        if not under_13 or any(
            self.learners[n].age_band == young for ns in attendees.values() for n in ns
        ):
            return
        for learner in under_13:
            chosen = self._choose_session(learner, sample, starts)
            if chosen is not None:
                attendees.setdefault(chosen, []).append(learner.n)
                return

    def _hand_out_codes(self, session: _Session, people: list[int]) -> list[_Slot]:
        rng = self.rng
        activity = session.activity
        badge = rng.choice(activity.badges)
        valid_from = session.starts_at - CODE_LEAD
        valid_until = end_of_local_day(session.starts_at, self.cat.timezone.key)
        shared_share = 0.8 if activity.online else SHARED_CODE_SHARE
        single_use = rng.random() >= shared_share
        latest = min(session.ends_at + timedelta(minutes=90), valid_until, self.end)

        def new_code(max_claims: int) -> int:
            spec = _CodeSpec(badge, activity.key, max_claims, valid_from, valid_until)
            self.codes.append(spec)
            self.add(valid_from - timedelta(hours=3), "code", len(self.codes) - 1)
            return len(self.codes) - 1

        enough = True  # a claim for everyone given the code
        if single_use:
            codes = [new_code(1) for _ in people]
            for _ in range(rng.choice((0, 0, 1, 2))):  # booked, never came
                new_code(1)
        else:
            cap = len(people) + rng.choice((0, 1, 2, 4))
            if len(people) >= 2 and rng.random() < TOO_FEW_SHARE:
                cap = len(people) - 1  # more came than booked
                enough = False
            codes = [new_code(cap)] * len(people)
        slots = []
        for person, code in zip(people, codes, strict=True):
            at = self.uniform(session.starts_at + timedelta(minutes=20), latest)
            slots.append(_Slot(person, code, single_use, enough, at, valid_from, valid_until))
        return slots

    def plan_mishaps(self, slots: list[_Slot]) -> None:
        """Random mishaps, then one of each kind that did not happen by chance."""
        under_13 = next(
            (s for s in slots if self.learners[s.learner].age_band == AgeBand.UNDER_13.value), None
        )
        if under_13 is not None:
            under_13.protected = True
        for slot in slots:
            self._holders.setdefault(self.codes[slot.code].badge, set()).add(slot.learner)
        for slot in slots:
            roll = self.rng.random()
            for kind, chance in MISHAPS:
                if roll < chance:
                    self._mishap(slot, kind)
                    break
                roll -= chance
        happened = {s.mishap for s in slots}
        for kind, _ in MISHAPS:
            if kind in happened:
                continue
            for index in self.rng.sample(range(len(slots)), len(slots)):
                if self._mishap(slots[index], kind):
                    break

    def _mishap(self, slot: _Slot, kind: str) -> bool:
        """Give ``slot`` the mishap ``kind`` if it can happen inside the window; True if so."""
        if slot.protected or slot.mishap is not None:
            return False
        learner = self.learners[slot.learner]
        if kind == "expired":  # only remembered the next day
            lo = slot.valid_until + timedelta(minutes=20)
            if lo >= self.end:
                return False
            slot.other_at = self.moment(lo, min(slot.valid_until + timedelta(hours=36), self.end))
        elif kind == "early":  # tried the code before the session
            lo = max(slot.valid_from - timedelta(hours=2), learner.joined + timedelta(minutes=1))
            if lo >= slot.valid_from:
                return False
            slot.other_at = self.uniform(lo, slot.valid_from)
        elif kind == "typo":
            slot.other_at = slot.at - self.minutes(0.5, 4)
        elif kind == "double":  # "did it work?"
            if not slot.enough:
                return False
            slot.other_at = slot.at + self.minutes(1, 15)
        elif kind == "share":  # passed a single-use code on to a friend
            if not slot.single_use:
                return False
            slot.other_at = slot.at + self.minutes(5, 90)
            slot.friend = self._someone_else(slot, slot.other_at)
            if slot.friend is None:
                return False
        if slot.other_at is not None and not (self.start <= slot.other_at < self.end):
            slot.other_at = slot.friend = None
            return False
        slot.mishap = kind
        return True

    def _someone_else(self, slot: _Slot, at: datetime) -> int | None:
        """A learner who has joined by ``at`` and is not set to earn the slot's badge."""
        holders = self._holders.get(self.codes[slot.code].badge, set())
        joined = [lr.n for lr in self.learners if lr.joined < at and lr.n not in holders]
        return self.rng.choice(joined) if joined else None

    def plan_claims(self, slots: list[_Slot]) -> None:
        for slot in slots:
            code = ("code", slot.code)
            if slot.mishap == "expired":
                self.add(slot.other_at, "claim", slot.learner, code)
                continue
            if slot.mishap in ("early", "typo"):
                typed = code if slot.mishap == "early" else ("typed", random_code(self.rng))
                self.add(slot.other_at, "claim", slot.learner, typed)
            self.add(slot.at, "claim", slot.learner, code)
            if slot.mishap == "double":
                self.add(slot.other_at, "claim", slot.learner, code)
            elif slot.mishap == "share":
                self.add(slot.other_at, "claim", slot.friend, code)

    def plan_guessers(self) -> None:
        """A few learners type made-up codes until they are told to wait."""
        wanted = max(1, round(GUESSER_SHARE * len(self.learners)))
        for learner in self.rng.sample(self.learners, len(self.learners)):
            if wanted == 0:
                break
            tries = self.rng.choice((6, 6, 6, 7, 8))  # five failures in 15 minutes lock them out
            span = timedelta(minutes=2 * tries)
            if learner.leaves - span <= learner.joined + timedelta(minutes=5):
                continue
            at = self.moment(learner.joined + timedelta(minutes=5), learner.leaves - span)
            for _ in range(tries):
                self.add(at, "claim", learner.n, ("typed", random_code(self.rng)))
                at += self.minutes(0.3, 1.5)
            wanted -= 1


# ------------------------------------------------------------------------------ running


def _read_catalogue(
    uow_factory: Callable[[], UnitOfWork], city_slug: str, start: datetime, end: datetime
) -> _Catalogue:
    with uow_factory() as uow:
        session = uow.session
        city = get_city(uow, city_slug)
        rows = session.scalars(
            select(Activity)
            .where(Activity.city_id == city.id)
            .options(
                selectinload(Activity.badges),
                selectinload(Activity.venue).selectinload(Venue.district),
            )
            .order_by(Activity.key)
        ).all()
        activities = {
            a.key: _Activity(
                key=a.key,
                age_min=a.age_min,
                age_max=a.age_max,
                district=a.venue.district.code if a.venue else None,
                online=a.online,
                badges=tuple(sorted(b.key for b in a.badges)),
                words=frozenset(
                    stem(w) for w in re.findall(r"[a-z0-9]+", " ".join([a.title, *a.tags]).lower())
                ),
            )
            for a in rows
        }
        # Sessions a youth worker can run inside the window: the code opens (a little
        # before the start), early birds try it, and attendees claim, all before ``end``.
        sessions = [
            _Session(activities[o.activity_key], o.starts_at, o.ends_at)
            for o in occurrences(uow, city, start, end)
            if activities[o.activity_key].badges
            and o.starts_at - CODE_LEAD - timedelta(hours=2) >= start
            and o.starts_at + timedelta(minutes=30) < end
        ]
        districts = list(
            session.scalars(
                select(District).where(District.city_id == city.id).order_by(District.code)
            )
        )
        # More learners where more is on, but every district has some.
        on_in = {code: 0 for code in (d.code for d in districts)}
        for activity in activities.values():
            if activity.district in on_in:
                on_in[activity.district] += 1
        return _Catalogue(
            timezone=ZoneInfo(city.timezone),
            activities=list(activities.values()),
            sessions=sorted(sessions, key=lambda s: (s.starts_at, s.activity.key)),
            districts=[(code, 4 + n) for code, n in on_in.items()],
            areas={
                d.code: [p.strip().lower() for p in d.name.split(",") if p.strip()]
                for d in districts
            },
            tags=frozenset(t for a in rows for t in a.tags),
            pathways=[
                [frozenset(b.key for b in step.badges) for step in pathway.steps]
                for pathway in session.scalars(
                    select(Pathway)
                    .where(Pathway.city_id == city.id)
                    .options(selectinload(Pathway.steps).selectinload(PathwayStep.badges))
                    .order_by(Pathway.position, Pathway.key)
                )
            ],
        )


def simulate(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    *,
    learners: int,
    weeks: int,
    seed: int,
    secret_key: str,
    end: datetime | None = None,
) -> SimulationSummary:
    """Drive ``learners`` learners' worth of traffic over the ``weeks`` before ``end`` (UTC;
    by default the start of the current hour) through the badge core. The same seed and
    ``end`` give the same event log and awards on the same city data."""
    if learners < 0 or weeks < 1:
        raise ValueError("a simulation needs zero or more learners and at least one week")
    if end is None:
        end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    end = end.replace(tzinfo=UTC) if end.tzinfo is None else end.astimezone(UTC)
    start = end - timedelta(weeks=weeks)

    rng = random.Random(seed)
    catalogue = _read_catalogue(uow_factory, city_slug, start, end)
    plan = _Planner(rng, catalogue, start, end)
    plan.plan_learners(learners, seed)
    plan.plan_searches()
    plan.plan_pathways()
    slots = plan.plan_sessions()
    plan.plan_mishaps(slots)
    plan.plan_claims(slots)
    plan.plan_guessers()
    return _play(plan, uow_factory, city_slug, secret_key, start, end)


@dataclass
class _Tally:
    learners: int = 0
    searches: int = 0
    without_results: int = 0
    pathways: int = 0
    codes: int = 0
    pending: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLAIM_OUTCOMES, 0))


def _play(
    plan: _Planner,
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    secret_key: str,
    start: datetime,
    end: datetime,
) -> SimulationSummary:
    tally = _Tally()
    ids: dict[int, int] = {}
    issued: dict[int, str] = {}
    for at, _, kind, payload in sorted(plan.actions, key=lambda action: action[:2]):
        if kind == "register":
            n, sender_key = payload
            learner = plan.learners[n]
            profile = register_learner(
                uow_factory(), secret_key, city_slug, learner.channel, sender_key,
                age_band=AgeBand(learner.age_band) if learner.age_band else None,
                district=learner.district,
                interests=[i for i in learner.interests if i in plan.cat.tags],
                now=at,
            )
            ids[n] = profile.learner_id
            tally.learners += 1
        elif kind == "search":
            n, text, location = payload
            learner = plan.learners[n]
            result = find_activities(
                uow_factory, city_slug, text, location=location, age_band=learner.age_band,
                home_district=learner.district, learner_id=ids[n], channel=learner.channel, now=at,
            )
            tally.searches += 1
            tally.without_results += bool(result.relaxed or not result.hits)
        elif kind == "pathway":
            n, goal = payload
            learner = plan.learners[n]
            suggest_pathways(
                uow_factory, city_slug, goal, learner_id=ids[n], age_band=learner.age_band,
                home_district=learner.district, channel=learner.channel, now=at,
            )
            tally.pathways += 1
        elif kind == "code":
            (index,) = payload
            spec = plan.codes[index]
            issued[index] = create_claim_code(
                uow_factory(), secret_key, city_slug, spec.badge, max_claims=spec.max_claims,
                activity_key=spec.activity, valid_from=spec.valid_from,
                valid_until=spec.valid_until,
            ).code
            tally.codes += 1
        else:  # claim
            n, (source, value) = payload
            typed = issued[value] if source == "code" else value
            try:
                award = claim_badge(
                    uow_factory(), secret_key, ids[n], typed, channel=plan.learners[n].channel,
                    now=at,
                )
            except ClaimRefused as refusal:
                tally.outcomes[type(refusal).__name__] += 1
            else:
                tally.outcomes["ok"] += 1
                tally.pending += award.status == AwardStatus.PENDING.value
    return SimulationSummary(
        learners=tally.learners,
        searches=tally.searches,
        searches_without_results=tally.without_results,
        claims_by_outcome=tally.outcomes,
        pathway_suggestions=tally.pathways,
        codes=tally.codes,
        pending_awards=tally.pending,
        start=start,
        end=end,
    )
