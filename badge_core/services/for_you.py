"""What's on for you: "what's on" with no topic, ranked by what the bot knows of the learner.

A learner's profile here is what they told the bot they are into (their stored interests)
and the skills their badges show; their age band and district already filter and order
every search. An activity scores by how close in meaning it is to the nearest of their
interests (plus a little when an interest is one of its tags), by building a skill they have
started, and by being near them; one that enough young people rated poorly drops; an
activity whose badge they already hold is left out (they have been). Each activity is given
the few words of why it is there. The weights were tuned on the dev part of
tests/eval/for_you.yaml only (docs/benchmarks.md has the figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.models import Award, AwardStatus, BadgeClass, BadgeSkill, Learner, Skill
from badge_core.queries.snapshot import ActivityInfo
from badge_core.services.places import distance_km
from badge_core.text import stem

TAG_BONUS = 0.1  # an interest that is one of the activity's tags
SKILL_WEIGHT = 0.15  # builds a skill the learner's badges show
NEAR_WEIGHT = 0.1  # at the learner's door, falling to nothing at NEAR_RANGE_KM
NEAR_RANGE_KM = 8.0
POOR_PENALTY = 0.3  # an activity enough learners rated poorly (services/youth_voice.py)
INTEREST_REASON = 0.4  # closeness from which "you're into X" is the reason given


@dataclass(frozen=True)
class Profile:
    """What the bot knows of a learner that a "for you" ranking uses."""

    interests: tuple[str, ...] = ()
    skills: dict[str, str] = field(default_factory=dict)  # shown by their badges: key -> name
    badges: frozenset[str] = frozenset()  # badge class names they hold

    @property
    def empty(self) -> bool:
        return not self.interests and not self.skills


def profile_of(uow: UnitOfWork, learner_id: int | None, also: Sequence[str] = ()) -> Profile:
    """The learner's profile, inside the caller's open unit of work, with the interests
    ``also`` (what they just said, kept or not) first."""
    if learner_id is None:
        return Profile(interests=tuple(dict.fromkeys(also)))
    interests = uow.session.scalar(select(Learner.interests).where(Learner.id == learner_id))
    rows = uow.session.execute(
        select(BadgeClass.name, Skill.key, Skill.name)
        .join(Award, Award.badge_class_id == BadgeClass.id)
        .outerjoin(BadgeSkill, BadgeSkill.badge_class_id == BadgeClass.id)
        .outerjoin(Skill, Skill.id == BadgeSkill.skill_id)
        .where(
            Award.learner_id == learner_id,
            Award.status == AwardStatus.AWARDED.value,
            Award.revoked_at.is_(None),
        )
    ).all()
    return Profile(
        interests=tuple(dict.fromkeys([*also, *(interests or ())])),
        skills={key: name for _, key, name in rows if key is not None},
        badges=frozenset(badge for badge, _, _ in rows),
    )


class PersonalRanker:
    """A search scorer for a query with no topic: every activity the learner has not done,
    scored by their profile; ``reasons`` holds, by activity key, why each is there."""

    def __init__(
        self,
        profile: Profile,
        similarity: dict[str, dict[int, float]],  # interest -> activity id -> closeness
        origin: tuple[float, float] | None,  # the learner's district centre
        poor: frozenset[int] = frozenset(),  # activities (by id) learners rated poorly
    ) -> None:
        self.profile, self.similarity, self.origin = profile, similarity, origin
        self.poor = poor
        self.reasons: dict[str, str] = {}  # by activity key
        # each interest's words by stem, to see whether it is one of an activity's tags
        self.stems = {i: {stem(w) for w in i.split()} for i in profile.interests}

    def __call__(self, _query: object, activities: Sequence[ActivityInfo]) -> dict[int, float]:
        scores = {}
        for activity in activities:
            if self.profile.badges & set(activity.badges):
                continue  # they have been: not news for them
            scores[activity.id] = self._score(activity)
        return scores

    def _score(self, activity: ActivityInfo) -> float:
        reasons: list[tuple[float, str]] = []
        interest, closeness = self._interest(activity)
        if interest is not None:
            reasons.append(
                (closeness if closeness >= INTEREST_REASON else 0.0, f"you're into {interest}")
            )
        builds = {s.key for s in activity.skills}
        building = [name for key, name in self.profile.skills.items() if key in builds]
        skill = SKILL_WEIGHT if building else 0.0
        if building:
            reasons.append((0.35, f"it builds your {building[0]}"))
        near = self._nearness(activity)
        if near > 0.5:
            reasons.append((0.3, "it's near you"))
        reasons = [r for r in reasons if r[0] > 0]
        if reasons:
            self.reasons[activity.key] = max(reasons)[1]
        penalty = POOR_PENALTY if activity.id in self.poor else 0.0
        return closeness + skill + NEAR_WEIGHT * near - penalty

    def _interest(self, activity: ActivityInfo) -> tuple[str | None, float]:
        """The learner's interest nearest the activity, and how near (tag bonus included)."""
        best: tuple[str | None, float] = (None, 0.0)
        tags = {stem(word) for tag in activity.tags for word in tag.split()}
        for interest in self.profile.interests:
            closeness = self.similarity.get(interest, {}).get(activity.id, 0.0)
            if self.stems[interest] <= tags:
                closeness += TAG_BONUS
            if closeness > best[1]:
                best = (interest, closeness)
        return best

    def _nearness(self, activity: ActivityInfo) -> float:
        """1 at the learner's district centre, 0 from NEAR_RANGE_KM; online activities 0.5."""
        if activity.venue is None:
            return 0.5
        if self.origin is None:
            return 0.0
        km = distance_km(self.origin[0], self.origin[1], activity.venue.lat, activity.venue.lon)
        return max(0.0, 1.0 - km / NEAR_RANGE_KM)
