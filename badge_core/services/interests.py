"""What a learner says they are into, in the city's own words: the terms of its catalogue
(activity tags and skill names) that their words name, mean or misspell.

Only these terms are kept of what a learner says they like, so no other free text about them
is stored. A term is found in three ways, each strict enough to keep out lookalikes:
- by its words: every word of the term is one of theirs, by stem ("dancing" finds "dance";
  "making beats" finds "beats" and not "making a difference");
- by spelling: one of their words is a close misspelling of a one-word term ("musik",
  "animls", "drawin");
- by meaning, with a matcher: a phrase of theirs ("bein outside", "i wanna be a nurse") is
  close to the term, and it is the nearest term to that phrase.
"""

from __future__ import annotations

import difflib
import re

import numpy as np
from sqlalchemy import select

from badge_core.db import UnitOfWork
from badge_core.matching.matcher import Matcher
from badge_core.models import Activity, Skill
from badge_core.queries.cities import get_city
from badge_core.text import content_words, stem

MAX_KEPT = 8
SPELLING = 0.8  # difflib ratio from which a word of 4+ letters may be a term misspelt
SURE_SPELLING = 0.9  # ... from which it is, whatever it means ("animls", "skatin")
CONFIRM = 0.45  # closeness in meaning any other word found by stem or spelling needs
MEANING = 0.6  # closeness from which a phrase means its nearest term
# where a list of interests breaks into phrases: "football, drawing & music n gaming"
_PHRASES = re.compile(r"[,;/&+]|\b(?:and|n|or|also|plus)\b", re.IGNORECASE)

_vectors: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}  # the terms' vectors, by model


def vocabulary_in(uow: UnitOfWork, city_id: int) -> list[str]:
    """The city's interest terms (tags and skill names, lower case), sorted, read in the
    caller's open unit of work."""
    tags = {
        tag.lower()
        for tags_of in uow.session.scalars(select(Activity.tags).where(Activity.city_id == city_id))
        for tag in tags_of
    }
    skills = {
        s.lower() for s in uow.session.scalars(select(Skill.name).where(Skill.city_id == city_id))
    }
    return sorted(term for term in tags | skills if len(term) > 2)


def interest_words(
    uow: UnitOfWork, city_slug: str, text: str, matcher: Matcher | None = None
) -> list[str]:
    """The city's terms that ``text`` names, misspells or (with a ``matcher``) means: see
    ``terms_in``."""
    with uow.reading():
        terms = vocabulary_in(uow, get_city(uow, city_slug).id)
    return terms_in(terms, text, matcher)


def terms_in(terms: list[str], text: str, matcher: Matcher | None = None) -> list[str]:
    """The ``terms`` that ``text`` names, misspells or (with a ``matcher``) means, in their
    order; at most MAX_KEPT. A term found by a word's stem or a looser misspelling must also
    be near that word in meaning ("cars" is not "caring", "mates" not "maths"); without a
    matcher to say so, only sure ones count."""
    candidates = [
        (term, word)
        for term, word, sure in _named(terms, text) + _misspelt(terms, text)
        if sure
        or (matcher is not None and float(matcher.encode(word) @ matcher.encode(term)) >= CONFIRM)
    ]
    found = {term for term, _ in candidates}
    if matcher is not None:
        found |= set(_meant(terms, text, matcher))
    return [term for term in terms if term in found][:MAX_KEPT]


def _named(terms: list[str], text: str) -> list[tuple[str, str, bool]]:
    """(term, the word of ``text`` it was found by, sure) for each term all of whose words
    are ``text``'s by stem: sure when they are its words exactly, or it has several."""
    said = {stem(word): word for word in content_words(text)}
    found = []
    for term in terms:
        words = content_words(term)
        if words and all(stem(w) in said for w in words):
            word = said[stem(words[0])]
            found.append((term, word, len(words) > 1 or word == words[0]))
    return found


def _misspelt(terms: list[str], text: str) -> list[tuple[str, str, bool]]:
    single = [term for term in terms if " " not in term]
    found = []
    for word in content_words(text):
        if len(word) >= 4:
            for term in difflib.get_close_matches(word, single, 1, SPELLING):
                sure = difflib.SequenceMatcher(None, word, term).ratio() >= SURE_SPELLING
                found.append((term, word, sure))
    return found


def _meant(terms: list[str], text: str, matcher: Matcher) -> list[str]:
    phrases = [p.strip() for p in _PHRASES.split(text) if p and content_words(p)]
    if not phrases:
        return []
    vectors = _term_vectors(terms, matcher)
    found = []
    for phrase in phrases:
        closeness = vectors @ matcher.encode(phrase)
        best = int(np.argmax(closeness))
        if closeness[best] >= MEANING:
            found.append(terms[best])
    return found


def _term_vectors(terms: list[str], matcher: Matcher) -> np.ndarray:
    key = (matcher.embedder.model_name, tuple(terms))
    if key not in _vectors:
        if len(_vectors) > 8:  # a few cities' vocabularies, never more
            _vectors.clear()
        _vectors[key] = matcher.embedder.encode(terms)
    return _vectors[key]
