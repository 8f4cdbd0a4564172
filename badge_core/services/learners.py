"""Learners: recognising a returning learner, their profile and consent, opt-out, erasure.

A learner is found by a keyed hash of (channel, sender key). The sender key that reaches the
badge core is already a pseudonym from the channel connector; hashing it again under the
badge core's key means the database never holds anything a channel would recognise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select

from badge_core.db import UnitOfWork, scrub_deleted
from badge_core.models import (
    AgeBand,
    ChannelIdentity,
    City,
    District,
    EventKind,
    Learner,
    Subscription,
    utcnow,
)
from badge_core.queries.cities import city_messaged_at, get_city, one_or_not_found
from badge_core.queries.events import record_event
from badge_core.queries.learners import identity_hash, learner_by_identity
from badge_core.queries.snapshot import city_snapshot
from badge_core.services.conversations import forget, seal_sender, senders_of
from badge_core.services.outbox import drop_unsent
from badge_core.services.places import district_in

CONSENT_VERSION = "2026-11"


@dataclass(frozen=True)
class LearnerProfile:
    learner_id: int
    public_id: str
    is_new: bool
    consented: bool
    age_band: str | None
    district: str | None
    interests: list[str] = field(default_factory=list)
    opted_out: bool = False


def _profile(learner: Learner, is_new: bool) -> LearnerProfile:
    return LearnerProfile(
        learner_id=learner.id,
        public_id=learner.public_id,
        is_new=is_new,
        consented=learner.consent_given_at is not None,
        age_band=learner.age_band,
        district=learner.district,
        interests=list(learner.interests),
        opted_out=learner.opted_out_at is not None,
    )


def find_learner(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str
) -> LearnerProfile | None:
    with uow.reading():
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        return _profile(learner, is_new=False) if learner else None


@dataclass(frozen=True)
class CityWords:
    """What the bot's questions say of a city: its name, a postcode district and an area."""

    city_name: str
    district_example: str  # "PL1"
    area_example: str  # "Plymstock"


@dataclass(frozen=True)
class Conversation:
    """Who a new session is with, and whose city it is."""

    profile: LearnerProfile | None
    city: str
    words: CityWords


def _city_words(uow: UnitOfWork, city: City) -> CityWords:
    districts = list(
        uow.session.execute(
            select(District.code, District.name)
            .where(District.city_id == city.id)
            .order_by(District.id)
        )
    )
    first = districts[0][0] if districts else ""
    area = districts[-1][1].split(",")[0].strip() if districts else ""
    return CityWords(city.name, first, area)


def start_conversation(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    to: str | None,
    default_city: str,
) -> Conversation:
    """The learner this identity is (if any) and the conversation's city, in one read: a
    learner's own city; else the city whose pack names the number or bot the message went
    to; else the deployment's default. A learner who has moved says so (``move_learner``)."""
    with uow.reading():
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        profile = _profile(learner, is_new=False) if learner is not None else None
        if learner is not None:
            city = uow.session.get_one(City, learner.city_id)
        else:
            slug = (city_messaged_at(uow, channel, to) if to else None) or default_city
            city = get_city(uow, slug)
        return Conversation(profile, city.slug, _city_words(uow, city))


def move_learner(uow: UnitOfWork, public_id: str, city_slug: str) -> str:
    """Move a learner to another city of the deployment; their badges go with them (an award
    stays the credential its city issued). Their postcode district belonged to the old city,
    so it is forgotten. Returns the city they moved from."""
    with uow:
        query = select(Learner).where(Learner.public_id == public_id)
        learner = one_or_not_found(uow, query, "learner", public_id)
        moved_from = uow.session.get_one(City, learner.city_id)
        if _move(uow, learner, get_city(uow, city_slug)):
            learner.district = None
        uow.commit()
        return moved_from.slug


def _move(uow: UnitOfWork, learner: Learner, city: City) -> bool:
    """Make ``city`` the learner's (their awards stay theirs); whether they moved."""
    if learner.city_id == city.id:
        return False
    learner.city_id = city.id
    record_event(uow, EventKind.LEARNER_MOVED, city_id=city.id, learner_id=learner.id)
    return True


def _apply_answers(
    learner: Learner, age_band: str | None, district: str | None, interests: list[str] | None
) -> None:
    """Onboarding answers onto the learner; None leaves an answer as it was."""
    if age_band is not None:
        learner.age_band = AgeBand(age_band).value
    if district is not None:
        learner.district = district.upper()
    if interests is not None:
        learner.interests = interests
    learner.last_seen_at = utcnow()


def register_learner(
    uow: UnitOfWork,
    secret_key: str,
    city_slug: str,
    channel: str,
    sender_key: str,
    *,
    age_band: AgeBand | None = None,
    district: str | None = None,
    interests: list[str] | None = None,
    now: datetime | None = None,
) -> LearnerProfile:
    """Record a learner who consented, or update the one this identity already is."""
    now = now or utcnow()
    with uow:
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        is_new = learner is None
        if learner is None:
            learner = Learner(city_id=get_city(uow, city_slug).id, created_at=now)
            learner.identities.append(new_identity(secret_key, channel, sender_key))
            uow.session.add(learner)
        learner.consent_given_at = learner.consent_given_at or now
        learner.consent_version = CONSENT_VERSION
        _apply_answers(learner, age_band, district, interests)
        uow.session.flush()
        profile = _profile(learner, is_new)
        uow.commit()
        return profile


def set_opt_out(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str, *, opted_out: bool
) -> bool:
    """Record an opt-out (or its end); False when nobody is registered for the identity."""
    with uow:
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None:
            return False
        learner.opted_out_at = utcnow() if opted_out else None
        if opted_out:  # STOP stops everything: alerts and the digest end, not just pause
            uow.session.execute(delete(Subscription).where(Subscription.learner_id == learner.id))
        kind = EventKind.OPT_OUT if opted_out else EventKind.OPT_IN
        record_event(uow, kind, city_id=learner.city_id, learner_id=learner.id, channel=channel)
        uow.commit()
        return True


def new_identity(secret_key: str, channel: str, sender_key: str) -> ChannelIdentity:
    """A learner's app: looked up by keyed hash; the sender id kept encrypted for erasure."""
    return ChannelIdentity(
        channel=channel,
        address_hash=identity_hash(secret_key, channel, sender_key),
        sender_encrypted=seal_sender(secret_key, sender_key),
    )


def erase_learner(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    *,
    tracker_url: str | None = None,
) -> bool:
    """Delete the learner, every identity and award (events keep no link to them) and, given
    the tracker store, the conversations of every app they linked, this one included."""
    with uow:
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None:
            forget(tracker_url, [sender_key])
            return False
        senders = [sender_key, *senders_of(secret_key, learner)]
        # messages not yet sent to them go with them; sent ones are already only counts
        drop_unsent(uow, [learner.id])
        uow.session.execute(delete(Learner).where(Learner.id == learner.id))
        uow.commit()
        scrub_deleted(uow)
    forget(tracker_url, senders)
    return True


OVER_25 = "over-25"
_AGE_WORDS = {
    "under 13": AgeBand.UNDER_13,
    "under13": AgeBand.UNDER_13,
    "u13": AgeBand.UNDER_13,
    "13-15": AgeBand.AGE_13_15,
    "13 to 15": AgeBand.AGE_13_15,
    "16-18": AgeBand.AGE_16_18,
    "16 to 18": AgeBand.AGE_16_18,
    "19-25": AgeBand.AGE_19_25,
    "19 to 25": AgeBand.AGE_19_25,
}
_NUMBER_WORDS = {
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}


def read_age_band(text: str) -> str | None:
    """The age band a learner gave ("14", "im 15", "under 13", "16-18"), ``OVER_25``, or None."""
    lowered = re.sub(r"\s*[-–]\s*", "-", text.lower().strip())
    school_year = re.search(r"\b(?:year|yr|y)\s*(\d{1,2})\b", lowered)
    if school_year:  # "im in year 9": an English school year, not an age
        return _band_for_school_year(int(school_year.group(1)))
    for words, band in _AGE_WORDS.items():
        if words in lowered:
            return band.value
    numbers = [int(n) for n in re.findall(r"\b(\d{1,2})\b", lowered)]
    numbers += [n for word, n in _NUMBER_WORDS.items() if re.search(rf"\b{word}\b", lowered)]
    if len(numbers) != 1:
        return None
    age = numbers[0]
    if age < 5:
        return None
    if age < 13:
        return AgeBand.UNDER_13.value
    for band in (AgeBand.AGE_13_15, AgeBand.AGE_16_18, AgeBand.AGE_19_25):
        low, high = band.ages
        if low <= age <= high:
            return band.value
    return OVER_25


def _band_for_school_year(year: int) -> str | None:
    # Year 7 starts at 11; year 8 spans 12-13 and counts as under 13 (the safer side).
    if 1 <= year <= 8:
        return AgeBand.UNDER_13.value
    if 9 <= year <= 11:
        return AgeBand.AGE_13_15.value
    if 12 <= year <= 13:
        return AgeBand.AGE_16_18.value
    return None


def update_profile(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    *,
    age_band: str | None = None,
    district: str | None = None,
    interests: list[str] | None = None,
) -> LearnerProfile | None:
    """Save onboarding answers as they come, so a learner who wanders off loses nothing."""
    with uow:
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is None:
            return None
        _apply_answers(learner, age_band, district, interests)
        uow.session.flush()
        profile = _profile(learner, is_new=False)
        uow.commit()
        return profile


@dataclass(frozen=True)
class Settled:
    district: str | None  # None: not a district of any city the learner may be in
    city: str  # the learner's city now
    city_name: str


def settle_district(
    uow: UnitOfWork,
    secret_key: str,
    channel: str,
    sender_key: str,
    text: str,
    city_slug: str,
    to: str | None,
) -> Settled:
    """The postcode district a learner gave, saved. It is one of their city's; or, when they
    wrote to a number or bot no city names as its own (one shared by several cities, or the
    web chat), one of another city's, which then becomes theirs: their answer says where
    they are. A number that is a city's own keeps them in that city."""
    with uow:
        district = district_in(city_snapshot(uow, city_slug).districts, text)
        if district is None and not (to and city_messaged_at(uow, channel, to)):
            others = uow.session.scalars(select(City.slug).where(City.slug != city_slug))
            found = [
                (slug, district_in(city_snapshot(uow, slug).districts, text)) for slug in others
            ]
            found = [(slug, code) for slug, code in found if code is not None]
            if len(found) == 1:
                ((city_slug, district),) = found
        city = get_city(uow, city_slug)
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if district is not None and learner is not None:
            _move(uow, learner, city)
            _apply_answers(learner, None, district, None)
        uow.commit()
        return Settled(district, city.slug, city.name)


@dataclass(frozen=True)
class Move:
    """Where a learner who says they have moved now is."""

    city: str | None  # None: their words name no other city, nor a district, it serves
    words: CityWords | None  # the city's, as the bot's questions say it (None with city None,
    # unless they named their own city without saying which part of it)
    district: str | None  # the district their words name, if any (then saved)
    changed_city: bool
    served: tuple[str, ...]  # the deployment's cities, by name


_NOT_A_PLACE = {"and", "the", "city", "greater", "of", "upon"}


def _city_named(city: City, words: str) -> bool:
    """``words`` name the city ("brighton" or "hove" for Brighton and Hove)."""
    names = [w for w in re.findall(r"[a-z]+", city.name.lower()) if w not in _NOT_A_PLACE]
    return any(re.search(rf"\b{re.escape(n)}\b", words) for n in [city.slug, *names])


def move_to(
    uow: UnitOfWork, secret_key: str, channel: str, sender_key: str, text: str, city_slug: str
) -> Move:
    """A learner who says where they have moved to ("i've moved to brighton", "we moved to
    PL4"): a district names the city and area (their own city's first), else another city's
    name names it ("i don't live in plymouth anymore" names no place). A registered learner
    moves with their badges (``_move``) and keeps the district named; someone not registered
    keeps nothing, and the conversation's city follows."""
    with uow:
        cities = list(uow.session.scalars(select(City).order_by(City.id)))
        served = tuple(c.name for c in cities)
        ordered = sorted(cities, key=lambda c: c.slug != city_slug)  # their own city first
        words = re.sub(r"[^a-z ]", " ", text.lower())

        def named(city: City, near_misses: bool) -> str | None:
            return district_in(
                city_snapshot(uow, city.slug).districts, text, near_misses=near_misses
            )

        # a district or area by its right name, a city by its name, then a misspelt area
        found = (
            next(((c, d) for c in ordered if (d := named(c, False))), None)
            or next(((c, None) for c in ordered if _city_named(c, words)), None)
            or next(((c, d) for c in ordered if (d := named(c, True))), None)
        )
        if found is None:
            return Move(None, None, None, False, served)
        city, district = found
        if city.slug == city_slug and district is None:  # their own city, but which part?
            return Move(None, _city_words(uow, city), None, False, served)
        learner = learner_by_identity(uow, secret_key, channel, sender_key)
        if learner is not None:
            if _move(uow, learner, city):
                learner.district = None
            if district is not None:
                _apply_answers(learner, None, district, None)
        answer = Move(city.slug, _city_words(uow, city), district, city.slug != city_slug, served)
        uow.commit()
        return answer
