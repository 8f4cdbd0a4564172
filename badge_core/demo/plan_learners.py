"""Planning the learners: who joins when, on which channel, from where and into what; what
they search for (including what the city does not offer) and which pathways they ask for."""

from __future__ import annotations

from datetime import timedelta

from badge_core.demo.mix import (
    ACTIVE_DAYS_MEAN,
    AGE_BANDS,
    ANYTHING,
    CHANNELS,
    COMMIT_SHARE,
    COMMITTED_FOR,
    GOALS,
    GOALS_BY_INTEREST,
    INTERESTS,
    LAUNCH_SHARE,
    MIN_LEARNERS_PER_UNMET,
    NO_DISTRICT_SHARE,
    PATHWAY_SHARE,
    SEARCHES_PER_LEARNER,
    SLANG,
    TEMPLATES,
    TIME_WORDS,
    UNMET_INTERESTS,
    UNMET_SHARE,
)
from badge_core.demo.plan import Planner, SimLearner, weighted
from badge_core.models import AgeBand
from badge_core.text import interest_terms, matches_term


class LearnerPlanner(Planner):
    """Adds the learners, their searches and their pathway questions to ``plan``."""

    def run(self, count: int, seed: int) -> None:
        self.plan_learners(count, seed)
        self.plan_searches()
        self.plan_pathways()

    # -- learners

    def plan_learners(self, count: int, seed: int) -> None:
        channels = weighted(CHANNELS)
        bands = weighted(AGE_BANDS)
        districts = weighted(self.cat.districts)
        interests = weighted(INTERESTS)
        launch_end = min(self.start + timedelta(days=7), self.end - timedelta(hours=2))
        last_join = self.end - timedelta(hours=2)
        for n in range(count):
            if self.rng.random() < LAUNCH_SHARE:
                joined = self.plan.moment(self.start, launch_end)
            else:  # word spreads: a few more join later than earlier
                fraction = self.rng.random() ** 0.8
                day = self.start + (last_join - self.start) * fraction
                joined = self.plan.moment(day - timedelta(hours=12), day + timedelta(hours=12))
            joined = min(max(joined, self.start), last_join)
            stays = timedelta(days=3 + self.rng.expovariate(1 / ACTIVE_DAYS_MEAN))
            leaves = min(joined + stays, self.end)
            liked: list[str] = []
            for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
                interest = self.plan.pick(interests)
                if interest not in liked:
                    liked.append(interest)
            district = None
            if districts[0] and self.rng.random() >= NO_DISTRICT_SHARE:
                district = self.plan.pick(districts)
            self.learners.append(
                SimLearner(
                    n=n,
                    channel=self.plan.pick(channels),
                    age_band=self.plan.pick(bands),
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
            self.plan.add(learner.joined, "register", learner.n, f"sim-{seed}-{learner.n}")

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
        popular = weighted(UNMET_INTERESTS)
        for i, learner in enumerate(seekers):
            floor = i < MIN_LEARNERS_PER_UNMET * len(order)
            learner.unmet = order[i % len(order)] if floor else self.plan.pick(popular)

    def _activities_for(self, interest: str) -> set[str]:
        terms = interest_terms(interest)
        return {
            a.key for a in self.cat.activities if any(matches_term(t, set(a.words)) for t in terms)
        }

    # -- searches and pathways

    def plan_searches(self) -> None:
        counts = weighted(SEARCHES_PER_LEARNER)
        interests = weighted(INTERESTS)
        for learner in self.learners:
            count = self.plan.pick(counts)
            unmet_at = self.rng.randrange(count) if learner.unmet else -1
            for i in range(count):
                if 0 < i != unmet_at and self.rng.random() >= learner.share:
                    continue
                if i == 0:  # straight after signing up
                    at = learner.joined + self.plan.minutes(1, 20)
                else:
                    at = self.plan.moment(learner.joined + timedelta(hours=1), learner.leaves)
                if i == unmet_at or (learner.unmet and self.rng.random() < 0.1):
                    interest = learner.unmet
                elif self.rng.random() < 0.8:
                    interest = self.rng.choice(learner.interests)
                else:
                    interest = self.plan.pick(interests)
                text = self._search_text(learner, interest, exactly=i == unmet_at)
                self.plan.add(at, "search", learner.n, *text)

    def _search_text(
        self, learner: SimLearner, interest: str | None, *, exactly: bool = False
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
                earliest = max(later, learner.joined + timedelta(hours=1))
                at = self.plan.moment(earliest, learner.leaves)
                first = min(first or at, at)
                related = [
                    GOALS_BY_INTEREST[i] for i in learner.interests if i in GOALS_BY_INTEREST
                ]
                goal = self.rng.choice(related if related and self.rng.random() < 0.6 else GOALS)
                self.plan.add(at, "pathway", learner.n, goal)
            if first is not None and self.rng.random() < COMMIT_SHARE:
                fit = [self._pathway_fit(learner, steps) for steps in self.cat.pathways]
                if fit and max(fit) > 0:
                    best = [i for i, f in enumerate(fit) if f == max(fit)]
                    learner.pathway = (self.rng.choice(best), first)
                    # someone with a goal keeps coming for a while
                    learner.leaves = max(learner.leaves, min(first + COMMITTED_FOR, self.end))

    def _pathway_fit(self, learner: SimLearner, steps: list[frozenset[str]]) -> int:
        """How many of a pathway's steps an activity the learner likes would do."""
        liked = [a for a in self.cat.activities if a.key in learner.likes]
        return sum(any(step & set(a.badges) for a in liked) for step in steps)
