"""Planning the sessions: where youth workers hand out badges, who comes, the codes they are
given, the mishaps of claiming them (mistyped, too early, too late, shared, claimed twice)
and the few learners who guess codes until they are locked out."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, timedelta

from badge_core.demo.catalogue import SimActivity, SimSession
from badge_core.demo.mix import (
    CODE_LEAD,
    GUESSER_SHARE,
    MISHAPS,
    SESSIONS_PER_LEARNER,
    SHARED_CODE_SHARE,
    TOO_FEW_SHARE,
    TURNOUT,
)
from badge_core.demo.plan import CodeSpec, Plan, Planner, SimLearner, random_code, weighted
from badge_core.models import AgeBand
from badge_core.services.codes import end_of_local_day


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


class SessionPlanner(Planner):
    """Adds the codes and the claims of the learners ``plan`` already has to it."""

    def __init__(self, plan: Plan):
        super().__init__(plan)
        self._holders: dict[str, set[int]] = {}  # badge -> who is set to earn it at a session

    def run(self) -> None:
        slots = self.plan_sessions()
        self.plan_mishaps(slots)
        self.plan_claims(slots)
        self.plan_guessers()

    def plan_sessions(self) -> list[_Slot]:
        sessions = self.cat.sessions
        counts = weighted(SESSIONS_PER_LEARNER)
        mean = sum(k * w for k, w in SESSIONS_PER_LEARNER) / sum(w for _, w in SESSIONS_PER_LEARNER)
        expected = mean * len(self.learners)
        chance = min(1.0, max(0.05, expected / (TURNOUT * max(len(sessions), 1))))
        # the sessions where youth workers hand out badges
        sample = [i for i in range(len(sessions)) if self.rng.random() < chance]
        starts = [sessions[i].starts_at for i in sample]
        attendees: dict[int, list[int]] = {}

        def attend(learner: SimLearner, index: int | None) -> None:
            if index is not None and learner.n not in attendees.setdefault(index, []):
                attendees[index].append(learner.n)

        for learner in self.learners:
            for _ in range(self.plan.pick(counts)):
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

    def _pathway_sessions(self, learner: SimLearner) -> list[int]:
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
                options += indices[bisect_left(starts, after + timedelta(hours=1)) :][:2]
            options = [i for i in options if self.cat.sessions[i].starts_at < learner.leaves]
            if not options:
                break
            options.sort(key=lambda i: (self.cat.sessions[i].starts_at, i))
            index = self.rng.choice(options[:4])
            chosen.append(index)
            after = self.cat.sessions[index].starts_at
        return chosen

    def _fits(self, learner: SimLearner, activity: SimActivity) -> bool:
        if learner.age_band is None:
            return True
        low, high = AgeBand(learner.age_band).ages
        return activity.age_min <= high and activity.age_max >= low

    def _choose_session(
        self, learner: SimLearner, sample: list[int], starts: list[datetime]
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

    def _hand_out_codes(self, session: SimSession, people: list[int]) -> list[_Slot]:
        rng = self.rng
        activity = session.activity
        badge = rng.choice(activity.badges)
        valid_from = session.starts_at - CODE_LEAD
        valid_until = end_of_local_day(session.starts_at, self.cat.timezone.key)
        shared_share = 0.8 if activity.online else SHARED_CODE_SHARE
        single_use = rng.random() >= shared_share
        latest = min(session.ends_at + timedelta(minutes=90), valid_until, self.end)

        def new_code(max_claims: int) -> int:
            spec = CodeSpec(badge, activity.key, max_claims, valid_from, valid_until)
            self.plan.codes.append(spec)
            self.plan.add(valid_from - timedelta(hours=3), "code", len(self.plan.codes) - 1)
            return len(self.plan.codes) - 1

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
            at = self.plan.uniform(session.starts_at + timedelta(minutes=20), latest)
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
            self._holders.setdefault(self.plan.codes[slot.code].badge, set()).add(slot.learner)
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
            until = min(slot.valid_until + timedelta(hours=36), self.end)
            slot.other_at = self.plan.moment(lo, until)
        elif kind == "early":  # tried the code before the session
            lo = max(slot.valid_from - timedelta(hours=2), learner.joined + timedelta(minutes=1))
            if lo >= slot.valid_from:
                return False
            slot.other_at = self.plan.uniform(lo, slot.valid_from)
        elif kind == "typo":
            slot.other_at = slot.at - self.plan.minutes(0.5, 4)
        elif kind == "double":  # "did it work?"
            if not slot.enough:
                return False
            slot.other_at = slot.at + self.plan.minutes(1, 15)
        elif kind == "share":  # passed a single-use code on to a friend
            if not slot.single_use:
                return False
            slot.other_at = slot.at + self.plan.minutes(5, 90)
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
        holders = self._holders.get(self.plan.codes[slot.code].badge, set())
        joined = [lr.n for lr in self.learners if lr.joined < at and lr.n not in holders]
        return self.rng.choice(joined) if joined else None

    def plan_claims(self, slots: list[_Slot]) -> None:
        for slot in slots:
            code = ("code", slot.code)
            if slot.mishap == "expired":
                self.plan.add(slot.other_at, "claim", slot.learner, code)
                continue
            if slot.mishap in ("early", "typo"):
                typed = code if slot.mishap == "early" else ("typed", random_code(self.rng))
                self.plan.add(slot.other_at, "claim", slot.learner, typed)
            self.plan.add(slot.at, "claim", slot.learner, code)
            if slot.mishap == "double":
                self.plan.add(slot.other_at, "claim", slot.learner, code)
            elif slot.mishap == "share":
                self.plan.add(slot.other_at, "claim", slot.friend, code)

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
            at = self.plan.moment(learner.joined + timedelta(minutes=5), learner.leaves - span)
            for _ in range(tries):
                self.plan.add(at, "claim", learner.n, ("typed", random_code(self.rng)))
                at += self.plan.minutes(0.3, 1.5)
            wanted -= 1
