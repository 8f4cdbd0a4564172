"""What young people asked for, grouped by meaning and spelling, so a commissioner reads one
row for "football", "footy" and "ftball" rather than three.

Four ways put two phrases in one group, strictest first:
- the same words once generic ones are set aside ("football club", "football for girls",
  "football near me" are football), by stem and in any order ("making films", "film making");
- the interest lexicon (``interest_lexicon.yaml``): forms one kind of provider would meet,
  written by hand and kept apart where they only look alike ("boxing" / "kickboxing",
  "gym" / "gymnastics", "tennis" / "table tennis"); a longer phrase that names one group's
  form and no other group's is that group ("cricket nets");
- a close misspelling of a lexicon form or of another phrase, by how it sounds ("ftball",
  "musik", "crikit", "table tenis");
- with an embedder, meaning, for a phrase no other way placed: very close to a phrase the
  lexicon placed, or to another unplaced phrase when each is the other's nearest.

A group is labelled with its most asked-for phrase. Measured in ``make eval`` against the
labelled set in tests/eval/interest_groups.yaml (docs/benchmarks.md).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from badge_core.text import stem

LEXICON = Path(__file__).with_name("interest_lexicon.yaml")
# words that say how or where, not what: set aside before phrases are compared
GENERIC = frozenset(
    (
        *("a", "an", "the", "to", "for", "of", "in", "at", "on", "with", "near", "me", "my"),
        *("i", "want", "wanna", "do", "some", "any", "local", "free", "nearby", "around"),
        *("club", "clubs", "lesson", "lessons", "class", "classes", "course", "courses"),
        *("team", "teams", "group", "groups", "session", "sessions", "sesh", "workshop"),
        *("workshops", "girl", "girls", "boy", "boys", "teens", "teen", "kids", "young"),
        *("people", "youngsters", "beginner", "beginners", "learn", "learning", "learnin"),
        *("play", "playing", "doing", "going", "get", "getting", "into", "town", "venue"),
        *("park", "parks", "nets", "court", "courts", "pitch", "pitches", "track", "tracks"),
        *("wall", "walls"),
    )
)
# words that make a phrase about making the thing it names, not doing it
MAKING = frozenset(
    ("making", "make", "modding", "mod", "designing", "design", "building", "build")
    + ("creating", "create", "developing", "coding", "editing", "fixing")
)
SPELLING = 0.82  # difflib ratio from which a word of 5+ letters is another misspelt
MEANING = 0.8  # closeness in meaning from which a phrase no other way placed joins another

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Group:
    label: str  # the phrase asked for most
    phrases: tuple[str, ...]  # most asked first
    asked: int  # the phrases' counts together
    known: str | None  # the lexicon's name for it, when the lexicon placed it


def _stem(word: str) -> str:
    """The search's stem (badge_core.text), read more loosely: a dropped g put back
    ("dancin"), a final e dropped ("dance", "danc"), a doubled last letter undone ("swimm")."""
    if len(word) >= 5 and word.endswith("in") and word[-3] not in "aeiou":
        word += "g"
    stemmed = stem(word)
    if stemmed == word and word.endswith("e") and len(word) >= 4:
        stemmed = word[:-1]
    if len(stemmed) >= 4 and stemmed[-1] == stemmed[-2] and stemmed[-1] not in "aeiouls":
        stemmed = stemmed[:-1]
    return stemmed


def _words(phrase: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[&+][a-z0-9]+)*", phrase.lower().replace("-", " "))


_SOUNDS = [("ph", "f"), ("ck", "k"), ("c", "k"), ("z", "s"), ("y", "i")]


def sounds(phrase: str) -> str | None:
    """A one-word phrase (generic words aside) as it sounds, for spelling: "crikit" and
    "cricket" are "krikit" and "kriket", "chezz" is "chess"; None for longer phrases or words
    too short to tell a misspelling from another word."""
    words = [w for w in _words(phrase) if w not in GENERIC]
    if len(words) != 1 or len(words[0]) < 4:
        return None
    word = words[0]
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", word)


def _sounds_like(said: str, heard: list[str], most: int) -> list[str]:
    """The ``heard`` sounds ``said`` is a close misspelling of: close by difflib's ratio, and
    starting with the same sound (a misspelling keeps its first letter: "riding" is not
    "braiding")."""
    return difflib.get_close_matches(said, [h for h in heard if h[0] == said[0]], most, SPELLING)


def keys(phrase: str, *, generic: bool = True) -> list[str]:
    """The phrase's keys, most particular first: its words by stem, then (unless ``generic``
    is False) without the generic ones; each also in sorted order and run together ("ping
    pong", "pingpong")."""
    words = _words(phrase)
    found: list[str] = []
    kinds = (words, [w for w in words if w not in GENERIC]) if generic else (words,)
    for kept in kinds:
        stems = [_stem(w) for w in kept]
        for key in (" ".join(stems), " ".join(sorted(stems)), "".join(stems)):
            if key and key not in found:
                found.append(key)
    return found


@dataclass(frozen=True)
class Lexicon:
    labels: tuple[str, ...]
    by_key: Mapping[str, int]  # a form's key -> its group's index (keys two groups share: none)
    sounds: Mapping[str, int]  # a one-word form as it sounds (``sounds``) -> its group
    named: Mapping[str, int]  # a one-word form, and its stem -> its group ("cricket nets")
    vocabulary: frozenset[str]  # the words of every form
    heard_words: Mapping[str, str]  # a word of a form as it sounds -> the word

    def within(self, phrase: str) -> int | None:
        """The one group whose one-word forms a longer phrase names ("rap lyrics", "lego
        robotics"), if it names one and only one, and the phrase is not about making it
        ("making roblox games", "minecraft modding" are not gaming)."""
        said = [w for w in _words(phrase) if w not in GENERIC]
        if MAKING & set(said):
            return None
        groups = {self.named[k] for w in said for k in (w, _stem(w)) if k in self.named}
        return groups.pop() if len(said) > 1 and len(groups) == 1 else None

    def respelt(self, phrase: str) -> str:
        """The phrase with each word the lexicon lacks put as the lexicon's word it misspells:
        by sound for 5 or more letters ("table tenis", "muscial theatre"), or two letters
        swapped ("flim making")."""
        words = _words(phrase)
        for i, word in enumerate(words):
            if word in self.vocabulary or len(word) < 4:
                continue
            swapped = [
                word[:j] + word[j + 1] + word[j] + word[j + 2 :] for j in range(len(word) - 1)
            ]
            known = [w for w in swapped if w in self.vocabulary]
            said = sounds(word)
            if known:
                words[i] = known[0]
            elif len(word) >= 5 and said:
                close = _sounds_like(said, list(self.heard_words), 1)
                words[i] = self.heard_words[close[0]] if close else word
        return " ".join(words)

    def find(self, phrase: str) -> int | None:
        """The group a form with the phrase's words is in; a phrase "X for Y" ("volunteering
        for my cv", "yoga for teens") is X's, when the whole is no form."""
        head = re.split(r"\bfor\b", phrase.lower(), maxsplit=1)[0]
        for key in [*keys(phrase), *(keys(head) if head.strip() else [])]:
            if key in self.by_key:
                return self.by_key[key]
        return None

    def misspelt(self, phrase: str) -> int | None:
        said = sounds(phrase)
        if not said:
            return None
        close = _sounds_like(said, list(self.sounds), 2)
        groups = {self.sounds[k] for k in close}
        return groups.pop() if len(groups) == 1 else None


def read_lexicon(path: Path = LEXICON) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels, by_key, shared = [], {}, set()
    forms = []
    for index, group in enumerate(data["groups"]):
        labels.append(group["label"])
        for form in group["forms"]:
            forms.append((str(form), index))
            for key in keys(str(form), generic=False):  # "free running" is not running
                if by_key.setdefault(key, index) != index:
                    shared.add(key)
    for key in shared:
        del by_key[key]
    heard: dict[str, int] = {}
    for form, index in forms:
        if sounds(form) and heard.setdefault(sounds(form), index) != index:
            heard[sounds(form)] = -1
    named: dict[str, int] = {}
    for form, index in forms:
        said = _words(form)
        for key in {said[0], _stem(said[0])} if len(said) == 1 else ():
            if named.setdefault(key, index) != index:
                named[key] = -1
    vocabulary = frozenset(w for form, _ in forms for w in _words(form))
    return Lexicon(
        tuple(labels),
        by_key,
        {k: i for k, i in heard.items() if i >= 0},
        {k: i for k, i in named.items() if i >= 0},
        vocabulary,
        {sounds(w): w for w in sorted(vocabulary) if len(w) >= 5 and sounds(w)},
    )


@cache
def lexicon() -> Lexicon:
    return read_lexicon()


def named_interests(text: str, words: Lexicon | None = None) -> set[str]:
    """The lexicon groups that a run of one to three of the text's words names exactly, by
    their labels ("hair and beauty i guess" names hair and beauty)."""
    words = words or lexicon()
    said = _words(text)
    found = set()
    for size in (1, 2, 3):
        for start in range(len(said) - size + 1):
            run = said[start : start + size]
            if all(w in GENERIC for w in run):
                continue
            group = words.find(" ".join(run))
            if group is not None:
                found.add(words.labels[group])
    return found


def group_interests(
    asked: Mapping[str, int], encode: Encode | None = None, words: Lexicon | None = None
) -> list[Group]:
    """``asked`` (phrase -> how many asked) in groups, most asked first."""
    words = words or lexicon()
    phrases = sorted(asked)
    parent = {p: p for p in phrases}

    def root(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    placed: dict[int, str] = {}  # lexicon group -> a phrase in it
    known: dict[str, str] = {}  # a phrase the lexicon placed -> the lexicon's label
    loose: list[str] = []
    for phrase in phrases:
        found = words.find(phrase)
        found = words.misspelt(phrase) if found is None else found
        found = words.find(words.respelt(phrase)) if found is None else found
        found = words.within(phrase) if found is None else found
        if found is None:
            loose.append(phrase)
            continue
        known[phrase] = words.labels[found]
        if found in placed:
            join(phrase, placed[found])
        else:
            placed[found] = phrase
    by_key: dict[str, str] = {}
    for phrase in loose:
        for key in keys(phrase)[-3:]:
            if key in by_key:
                join(phrase, by_key[key])
            by_key.setdefault(key, phrase)
    _spelling(loose, join)
    if encode is not None and loose:
        _meaning(loose, sorted(known), encode, join)
    return _groups(asked, phrases, root, known)


def _spelling(loose: list[str], join: Callable[[str, str], None]) -> None:
    heard: dict[str, str] = {}
    for phrase in loose:
        said = sounds(phrase)
        if said:
            heard.setdefault(said, phrase)
    names = sorted(heard)
    for i, said in enumerate(names):
        for other in _sounds_like(said, names[i + 1 :], 3):
            join(heard[said], heard[other])


def _meaning(
    loose: list[str], placed: list[str], encode: Encode, join: Callable[[str, str], None]
) -> None:
    """Join each phrase no rule placed to the phrase nearest in meaning, when very close:
    one the lexicon placed, or another unplaced one that is its nearest in turn."""
    texts = [" ".join(w for w in _words(p) if w not in GENERIC) or p for p in loose]
    vectors = encode(texts)
    if placed:
        closeness = vectors @ encode(placed).T
        for i, row in enumerate(closeness):
            best = int(np.argmax(row))
            if row[best] >= MEANING:
                join(loose[i], placed[best])
    among = vectors @ vectors.T
    np.fill_diagonal(among, -1.0)
    nearest = among.argmax(axis=1)
    for i, j in enumerate(nearest):
        if among[i, j] >= MEANING and nearest[j] == i:
            join(loose[i], loose[j])


def _groups(
    asked: Mapping[str, int],
    phrases: Iterable[str],
    root: Callable[[str], str],
    known: Mapping[str, str],
) -> list[Group]:
    members: dict[str, list[str]] = {}
    for phrase in phrases:
        members.setdefault(root(phrase), []).append(phrase)
    groups = []
    for found in members.values():
        found.sort(key=lambda p: (-asked[p], len(p), p))
        name = next((known[p] for p in found if p in known), None)
        groups.append(Group(found[0], tuple(found), sum(asked[p] for p in found), name))
    return sorted(groups, key=lambda g: (-g.asked, g.label))
