"""Learning from corrections: a learner says "No" to a skill the bot read in their words and
picks the one they meant; the city team reviews these and accepts the good ones as examples.

In the chat: ``reject_skill`` keeps the correction (the words redacted and sealed, the wrong
skill) and offers the next-best skills to pick from; ``choose_skill`` records the pick. For
the city team (``colbot corrections``): ``list_corrections``, ``accept_correction`` (the
words, as read and perhaps edited by the team, become an example for the chosen skill, so
the matcher reads the same words right for everyone from its next read), ``dismiss_correction``,
and ``check_corrections``: how many corrections the current matcher would now get right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from badge_core.citypack.load import stamp_version
from badge_core.db import UnitOfWork
from badge_core.errors import InvalidRequest, NotFound
from badge_core.matching.matcher import Match, Matcher
from badge_core.models import Correction, CorrectionStatus, EventKind, Skill
from badge_core.privacy import decrypt, encrypt
from badge_core.queries.cities import get_city
from badge_core.queries.events import record_event
from badge_core.queries.learners import learner_id_of
from badge_core.services.vectors import load_city_vectors
from colbot_shared.redaction import redact

MAX_WORDS = 300  # of a learner's words kept with a correction
MAX_EXAMPLE = 200  # an accepted example, like the pack's own
OPTIONS = 2  # next-best skills offered to pick from


@dataclass(frozen=True)
class Rejection:
    correction_id: int | None  # None when nothing was kept: no words, or no learner
    options: list[Match]  # the next-best skills, best first


@dataclass(frozen=True)
class CorrectionView:
    id: int
    created: str  # the day, YYYY-MM-DD
    words: str
    wrong_skill: str
    chosen_skill: str | None
    status: str
    example: str | None


def reject_skill(
    uow_factory: Callable[[], UnitOfWork],
    city_slug: str,
    words: str,
    suggested: str,
    *,
    matcher: Matcher,
    secret_key: str,
    identity: str | None = None,
    channel: str | None = None,
) -> Rejection:
    """The learner said the skill ``suggested`` for ``words`` is wrong: logged as feedback,
    kept as a correction (only for a registered learner: one who said no to being remembered
    leaves no words behind), and the next-best skills offered. One write."""
    kept = redact(words).strip()[:MAX_WORDS]
    options: list[Match] = []
    if kept:
        ranked = load_city_vectors(uow_factory, matcher, city_slug).skills.rank(
            matcher.encode(kept), OPTIONS + 1
        )
        options = [m for m in ranked if m.key != suggested][:OPTIONS]
    with uow_factory() as uow:
        city = get_city(uow, city_slug)
        learner_id = learner_id_of(uow, None, identity, channel)
        record_event(
            uow,
            EventKind.SKILL_FEEDBACK,
            city_id=city.id,
            learner_id=learner_id,
            channel=channel,
            suggested=suggested,
            agreed=False,
        )
        correction = None
        if kept and learner_id is not None:  # only for a learner who agreed to be remembered
            correction = Correction(
                city_id=city.id,
                learner_id=learner_id,
                sealed_words=encrypt(secret_key, kept),
                wrong_skill=suggested,
            )
            uow.session.add(correction)
        uow.commit()
        return Rejection(correction.id if correction else None, options)


def choose_skill(
    uow: UnitOfWork,
    city_slug: str,
    correction_id: int,
    chosen: str | None,
    *,
    identity: str | None = None,
    channel: str | None = None,
) -> str | None:
    """The skill the learner picked for their correction (``None``: none of those); its name,
    or None. NotFound for a correction that is not this learner's, or a skill the city lacks."""
    with uow:
        city = get_city(uow, city_slug)
        learner_id = learner_id_of(uow, None, identity, channel)
        correction = uow.session.get(Correction, correction_id)
        if (
            correction is None
            or correction.city_id != city.id
            or learner_id is None
            or correction.learner_id != learner_id
        ):
            raise NotFound("correction", str(correction_id))
        name = None
        if chosen is not None:
            name = _skill_name(uow, city.id, chosen)
        if correction.status == CorrectionStatus.NEW:
            correction.chosen_skill = chosen
        uow.commit()
        return name


def find_skill(uow: UnitOfWork, city_slug: str, text: str) -> str | None:
    """The key of the city's skill named in ``text`` ("teamwork", "no, more like Team work"),
    the longest name when several are; None when none is."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    spans = {
        "".join(words[i:j])
        for i in range(len(words))
        for j in range(i + 1, min(i + 4, len(words)) + 1)
    }
    if not spans:
        return None
    with uow.reading():
        city = get_city(uow, city_slug)
        named = [
            (len(_squashed(name)), key)
            for key, name in uow.session.execute(
                select(Skill.key, Skill.name).where(Skill.city_id == city.id)
            )
            if spans & {_squashed(key), _squashed(name)}
        ]
    return max(named)[1] if named else None


def _squashed(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def _skill_name(uow: UnitOfWork, city_id: int, key: str) -> str:
    name = uow.session.scalar(select(Skill.name).where(Skill.city_id == city_id, Skill.key == key))
    if name is None:
        raise NotFound("skill", key)
    return name


def list_corrections(
    uow: UnitOfWork, city_slug: str, secret_key: str, *, status: str | None = None
) -> list[CorrectionView]:
    """The city's corrections, oldest first, with the learners' words opened; no learner is
    named."""
    with uow.reading():
        city = get_city(uow, city_slug)
        query = select(Correction).where(Correction.city_id == city.id).order_by(Correction.id)
        if status is not None:
            query = query.where(Correction.status == CorrectionStatus(status))
        return [_view(c, secret_key) for c in uow.session.scalars(query)]


def _view(correction: Correction, secret_key: str) -> CorrectionView:
    created: datetime = correction.created_at
    return CorrectionView(
        id=correction.id,
        created=created.date().isoformat(),
        words=decrypt(secret_key, correction.sealed_words),
        wrong_skill=correction.wrong_skill,
        chosen_skill=correction.chosen_skill,
        status=correction.status,
        example=correction.example,
    )


def accept_correction(
    uow: UnitOfWork,
    city_slug: str,
    correction_id: int,
    secret_key: str,
    *,
    text: str | None = None,
    skill: str | None = None,
) -> CorrectionView:
    """Make the correction's words (or ``text``, the team's edit of them) an example for its
    chosen skill (or ``skill``, the team's choice); the city's data version moves on, so
    every process matches with it from its next read. InvalidRequest when no skill is known
    or the example is empty."""
    with uow:
        city = get_city(uow, city_slug)
        correction = _correction(uow, city.id, correction_id)
        chosen = skill or correction.chosen_skill
        if chosen is None:
            raise InvalidRequest(
                f"correction {correction_id} has no chosen skill: say which with --skill"
            )
        target = uow.session.scalar(
            select(Skill).where(Skill.city_id == city.id, Skill.key == chosen)
        )
        if target is None:
            raise NotFound("skill", chosen)
        words = text if text is not None else decrypt(secret_key, correction.sealed_words)
        example = " ".join(redact(words).split())[:MAX_EXAMPLE]
        if not example:
            raise InvalidRequest("the example is empty")
        correction.chosen_skill, correction.example = chosen, example
        correction.status = CorrectionStatus.ACCEPTED
        # the example is the city's now, as the team read it: it stays when the learner goes
        correction.learner_id = None
        if example not in target.examples:
            target.examples = [*target.examples, example]
        stamp_version(uow.session, city)
        uow.commit()
        return _view(correction, secret_key)


def dismiss_correction(
    uow: UnitOfWork, city_slug: str, correction_id: int, secret_key: str
) -> CorrectionView:
    """Set a correction aside; an accepted one's example leaves its skill."""
    with uow:
        city = get_city(uow, city_slug)
        correction = _correction(uow, city.id, correction_id)
        if correction.status == CorrectionStatus.ACCEPTED and correction.example:
            skill = uow.session.scalar(
                select(Skill).where(Skill.city_id == city.id, Skill.key == correction.chosen_skill)
            )
            if skill is not None:
                skill.examples = [e for e in skill.examples if e != correction.example]
            correction.example = None
            stamp_version(uow.session, city)
        correction.status = CorrectionStatus.DISMISSED
        uow.commit()
        return _view(correction, secret_key)


def _correction(uow: UnitOfWork, city_id: int, correction_id: int) -> Correction:
    correction = uow.session.get(Correction, correction_id)
    if correction is None or correction.city_id != city_id:
        raise NotFound("correction", str(correction_id))
    return correction


@dataclass(frozen=True)
class CorrectionCheck:
    checked: int  # corrections with a chosen skill
    right: int  # of those, where the matcher's first skill is now the chosen one
    still_wrong: list[int]  # ids of the others


def check_corrections(
    uow_factory: Callable[[], UnitOfWork], matcher: Matcher, city_slug: str, secret_key: str
) -> CorrectionCheck:
    """How many of the city's corrections (with a chosen skill, not dismissed) the current
    matcher reads right: the chosen skill first."""
    corrections = [
        c
        for c in list_corrections(uow_factory(), city_slug, secret_key)
        if c.chosen_skill is not None and c.status != CorrectionStatus.DISMISSED
    ]
    skills = load_city_vectors(uow_factory, matcher, city_slug).skills
    wrong = [
        c.id
        for c in corrections
        if skills.rank(matcher.encode(c.words), 1)[0].key != c.chosen_skill
    ]
    return CorrectionCheck(len(corrections), len(corrections) - len(wrong), wrong)
