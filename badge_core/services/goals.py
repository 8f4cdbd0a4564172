"""What a learner's words about their future ask for: pathways from the badges they hold ("what
could my badges lead to", "my pathway"), a suggestion for a clear goal ("i want to be a
nurse"), or, for a vague one ("dunno what to do after college"), a question or two first:
what they enjoy (the spine's strands as buttons) and what they are good at.

The reading happens inside the pathway suggestion's one read (``answer_goal`` in
badge_core/services/pathways.py); this module says which kind a goal is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.matching.goals import is_vague
from badge_core.matching.interest_groups import named_interests
from badge_core.matching.matcher import ItemVectors, Matcher
from badge_core.models import Strand
from badge_core.queries.cities import get_city
from badge_core.services.interests import terms_in

BADGES = "badges"
VAGUE = "vague"
CLEAR = "clear"

_FROM_BADGES = re.compile(
    r"\b(?:my|me)\s+(?:badges?|pathways?|skills|progress)\b|\bwhat i'?v?e? (?:done|got|earned)\b",
    re.IGNORECASE,
)
# Catalogue terms that name the future in general, not a direction in it.
GENERIC = frozenset(
    {"jobs", "careers", "college", "university", "apprenticeships", "first job", "money", "cv"}
)
# Interest lexicon groups (badge_core/matching/interest_lexicon.yaml) that are help or a place
# to be, not a direction for the future.
NO_DIRECTION = frozenset(
    {
        "jobs and careers",
        "life and money skills",
        "youth club",
        "holiday activities",
        "mentoring",
        "homework help and tutoring",
        "mental health support and counselling",
        "bereavement support",
        "bullying support",
        "sexual health",
        "drug and alcohol support",
        "housing support",
        "young carers",
        "young parents",
    }
)


@dataclass(frozen=True)
class StrandChoice:
    key: str
    name: str


def goal_kind(text: str, matcher: Matcher, pathways: ItemVectors, vocabulary: list[str]) -> str:
    """BADGES for "what could my badges lead to"; VAGUE for a goal with no direction; else
    CLEAR. ``vocabulary``: the city's interest terms (services/interests.py)."""
    if _FROM_BADGES.search(text):
        return BADGES
    return VAGUE if vague_goal(text, matcher, pathways, vocabulary) else CLEAR


def vague_goal(text: str, matcher: Matcher, pathways: ItemVectors, vocabulary: list[str]) -> bool:
    """A goal is vague when it reads as undirected (badge_core/matching/goals.py) and names
    nothing the city offers beyond jobs and courses in general, nor any field of the interest
    lexicon ("something with kids" names no term but reads directed; "nursing maybe idk" reads
    undirected but names one; "hair and beauty i guess" names a field the city may lack)."""
    if not is_vague(matcher, pathways, text):
        return False
    if named_interests(text) - NO_DIRECTION:
        return False
    return not set(terms_in(vocabulary, text, matcher)) - GENERIC


def strand_choices(uow: UnitOfWork, city_id: int) -> list[StrandChoice]:
    """The spine's strands, to ask what they enjoy with, in the caller's open unit of work."""
    return [
        StrandChoice(s.key, s.name)
        for s in uow.session.scalars(
            select(Strand).where(Strand.city_id == city_id).order_by(Strand.position)
        )
    ]


STRAND = "strand:"  # an answer that is a strand's button, before its key


def goal_from_answers(uow: UnitOfWork, city_slug: str, enjoy: str, good_at: str) -> str:
    """One goal text from the answers to the two questions: what they enjoy (their words, or
    STRAND and a strand's key, read as its name and description) and what they are good at."""
    if enjoy.startswith(STRAND):
        with uow.reading():
            city = get_city(uow, city_slug)
            strand = uow.session.scalar(
                select(Strand).where(Strand.city_id == city.id, Strand.key == enjoy[len(STRAND) :])
            )
            enjoy = f"{strand.name}: {strand.description}" if strand else ""
    return " ".join(part for part in (enjoy.strip(), good_at.strip()) if part)
