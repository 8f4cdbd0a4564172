"""The words of a learner's message, as the keyword searches read them: what they asked
for (content words, stemmed), and which shown result they mean ("the 2nd one").

Pure functions, shared by search, profiles, insights and the demo city.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

_STOPWORDS = frozenset(
    [
        "a",
        "about",
        "activities",
        "activity",
        "an",
        "and",
        "any",
        "anything",
        "are",
        "area",
        "around",
        "at",
        "be",
        "can",
        "club",
        "clubs",
        "do",
        "does",
        "doing",
        "find",
        "for",
        "free",
        "from",
        "get",
        "go",
        "going",
        "got",
        "happening",
        "have",
        "how",
        "i",
        "i'd",
        "id",
        "im",
        "in",
        "is",
        "it",
        "like",
        "looking",
        "me",
        "my",
        "near",
        "nearby",
        "need",
        "of",
        "on",
        "or",
        "please",
        "pls",
        "plz",
        "show",
        "so",
        "some",
        "somethin",
        "something",
        "stuff",
        "that",
        "the",
        "there",
        "thing",
        "things",
        "this",
        "to",
        "u",
        "wanna",
        "want",
        "wat",
        "what",
        "whats",
        "wot",
        "ya",
        "you",
        "your",
        "near",
        "round",
        "today",
        "tonight",
        "tomorrow",
        "weekend",
        "week",
        "saturday",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "sat",
        "sun",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "next",
        "after",
        "school",
        "2moro",
        "2nite",
        "now",
        "cheap",
        "cost",
        "costs",
        "no",
        "money",
        "thats",
        "that's",
        "hi",
        "hey",
        "yo",
        "ok",
        "okay",
        "innit",
    ]
)
MAX_INTEREST = 60  # characters of a query kept as its interest (and logged for the city team)


def content_words(text: str | None) -> list[str]:
    """The words of a query that say what is wanted, as typed (no "what's on", "near", ...).

    Numbers of three digits or more are never kept: a phone number typed into a search must
    not reach the event log."""
    if not text:
        return []
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [
        w for w in words if w not in _STOPWORDS and len(w) > 1 and sum(c.isdigit() for c in w) < 3
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


@dataclass(frozen=True)
class Stems:
    """The stems of a text, kept sorted as well so that ``match`` finds a prefix by bisection."""

    found: frozenset[str]
    ordered: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Stems:
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


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "two": 2,
    "third": 3,
    "3rd": 3,
    "three": 3,
    "fourth": 4,
    "4th": 4,
    "four": 4,
    "fifth": 5,
    "5th": 5,
    "five": 5,
    "sixth": 6,
    "6th": 6,
    "six": 6,
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
