"""A learner's skills story: up to three plain first-person sentences, each naming one of
their badges, to paste into a CV or an application ("I earned the Code Club Coder badge from
Plymouth Libraries in March 2026, which shows I can ...").

Pure: it reads the passport's badges (badge_core/passport.py). Turning a badge's "what it
shows" text into a clause is a rule-based guess over the shapes city packs use ("Shows...",
"Can...", "Learners can...", "For young people who...", a bare verb, a past tense).
"""

from __future__ import annotations

import re

from badge_core.passport import Passport, PassportBadge, month_year, tidy

_LEAD = re.compile(r"^(?:this badge|the badge|it)\s+(?:is\s+)?", re.I)
_SHOWS = re.compile(r"^(?:shows|demonstrates|proves)\s+(?:that\s+)?", re.I)
_SUBJECT = re.compile(
    r"^(?:(?:the|a|each|every)\s+)?(young people|young person|you|they|i|(?:badge )?"
    r"(?:learner|participant|holder|earner|student|recipient|member|person)s?)\s+(\S+)\s*(.*)",
    re.I,
)
_WHO = re.compile(r"^((?:for|awarded to|given to|earned by)\s+)?((?:\S+\s+){1,4}?)who\s+(.*)", re.I)
_FOR = re.compile(r"^(?:(?:awarded|given|earned)\s+)?for\s+", re.I)
_THIRD = re.compile(r"^(?:recogni[sz]es|celebrates|rewards|certifies|marks|means|covers)\b", re.I)
_ME = {"has": "have", "is": "am", "are": "am", "were": "was", "does": "do", "hasn't": "haven't"}
_YOURS = {"your": "my", "yours": "mine", "yourself": "myself", "yourselves": "myself"}
_THEIRS = {"their": "my", "theirs": "mine", "themselves": "myself", "themself": "myself"}
_NOT_VERBS = {"of", "in", "at", "on", "from", "with", "and", "or", "who", "that", "which", "'s"}
_VERB_WORDS = (  # verbs a badge's "shows" may start with: "Write and debug programs"
    "act analyse analyze apply build care code coach collaborate communicate cook create debug "
    "design develop discover draw edit explain explore film find fix follow help identify improve "
    "keep lead learn listen look make manage meet mentor organise organize paint perform plan "
    "play prepare present produce program protect record reflect repair research respond run "
    "save set share sing solve speak spot stay support take teach test understand use visit "
    "volunteer work write"
)
_VERBS = set(_VERB_WORDS.split())


def skills_story(passport: Passport) -> list[str]:
    """Up to three first-person sentences, each naming a different badge.

    Breadth first: the newest badge of each strand in turn, then the newest of the rest, so
    three sentences show three sides of a person where they can; told newest first. Each
    sentence has its own shape, so three never read like a form."""
    names = [passport.city_name, *(f"{b.name} {b.provider_name}" for b in passport.badges)]
    keep = set(re.findall(r"\b[A-Z]\w*", " ".join(names)))  # names keep their capitals
    chosen = _story_badges(passport.badges)
    return [_sentence(i, badge, _clause(badge.shows, keep)) for i, badge in enumerate(chosen)]


def _story_badges(badges: tuple[PassportBadge, ...], count: int = 3) -> list[PassportBadge]:
    newest = sorted(badges, key=lambda b: b.awarded_on, reverse=True)  # ties: spine order
    picked: dict[str, PassportBadge] = {}  # by name: no badge told twice
    for spread in (True, False):
        for badge in newest:
            told = {b.strand for b in picked.values()}
            if len(picked) < count and not (spread and badge.strand in told):
                picked.setdefault(tidy(badge.name).casefold(), badge)
    return sorted(picked.values(), key=lambda b: b.awarded_on, reverse=True)


def _sentence(shape: int, badge: PassportBadge, clause: str) -> str:
    name, provider = tidy(badge.name).rstrip(" ."), tidy(badge.provider_name).rstrip(" .")
    title = name if name.casefold().endswith("badge") else f"{name} badge"
    month, from_ = month_year(badge.awarded_on), f" from {provider}" if provider else ""
    sentence = (
        f"I earned the {title}{from_} in {month}{clause}",
        f"In {month} I got the {title}{from_}{clause}",
        f"{provider[:1].upper()}{provider[1:]} awarded me the {title} in {month}{clause}"
        if provider
        else f"I was awarded the {title} in {month}{clause}",
    )[shape]
    return sentence.rstrip(" .!?;:,…") + "."


def _clause(shows: str, keep: set[str]) -> str:
    """What a badge shows as the end of a sentence: ", which shows I can …" or " for …"."""
    text = re.split(r"(?<=[.!?])\s+", tidy(shows), maxsplit=1)[0]  # its first sentence
    text = _LEAD.sub("", text.rstrip(" .!?;:,…"))
    first = text.split()[0].lower() if text else ""
    if not first:
        return ""
    if _SHOWS.match(text):
        rest = _SHOWS.sub("", text)
        return ", which shows " + (_as_me(rest) or _mine(_lower_first(rest, keep)))
    if first == "can":
        return ", which shows I " + _mine(_lower_first(text, set()))
    if me := _as_me(text) or _who(text):
        return ", which shows " + me
    if _FOR.match(text) or first.endswith("ing"):
        return " for " + _mine(_lower_first(_FOR.sub("", text), keep))
    if _THIRD.match(text):
        return ", which " + _mine(_lower_first(text, keep))
    if first in _VERBS:
        return ", which shows I can " + _mine(_lower_first(text, set()))
    if (said := _first_person(text, plural=False)).split()[0] in _VERBS - {first}:
        return ", which shows I " + said  # "Teaches kids to swim"
    if first.endswith("ed") and {first[:-1], first[:-2], first[:-3]} & _VERBS:
        return ", which shows I " + _mine(_lower_first(text, set()))
    return ", which shows " + _mine(_lower_first(text, keep))


def _as_me(text: str) -> str | None:
    """Turns "Learners can X", "The holder has X" or "You know X" into "I can X" and so on."""
    match = _SUBJECT.match(text)
    if not match or match.group(2).lower() in _NOT_VERBS:
        return None
    subject, verb, rest = match.groups()
    plural = subject.lower() in {"young people", "you", "they", "i"} or subject.endswith("s")
    return "I " + _first_person(f"{verb} {rest}", plural=plural)


def _who(text: str) -> str | None:
    """Turns "For young coders who have shared their X" into "I have shared my X"."""
    match = _WHO.match(text)
    if not match:
        return None
    led, people, rest = match.group(1), match.group(2).split(), match.group(3)
    if not led and (people[0].lower() in _VERBS or len(people) > 3):
        return None  # "Learn about people who changed Plymouth" is not about the learner
    plural = people[-1].lower() in {"people", "others"} or people[-1].lower().endswith("s")
    return "I " + _first_person(rest, plural=plural)


def _first_person(text: str, *, plural: bool) -> str:
    """Words that followed a learner subject, said by the learner: "has built their" becomes
    "have built my", "understands" becomes "understand"."""
    verb, _, rest = text.strip().partition(" ")
    verb = verb.lower()
    if verb in _ME:
        verb = _ME[verb]
    elif not plural and re.search(r"[^aeiou]ies$", verb):
        verb = verb[:-3] + "y"  # "carries"
    elif not plural and re.search(r"(?:ch|sh|ss|x|o)es$", verb):
        verb = verb[:-2]  # "teaches"
    elif not plural and re.search(r"[^su]s$", verb):
        verb = verb[:-1]
    return _mine(f"{verb} {rest}".strip(), learner=True)


def _mine(text: str, *, learner: bool = False) -> str:
    """The learner's own words: "your" becomes "my"; after a learner subject, so do "their"
    and "themselves" (which then mean the learner, not the people around them)."""
    swaps = _YOURS | _THEIRS if learner else _YOURS
    return re.sub(r"\b\w+\b", lambda m: swaps.get(m.group().lower(), m.group()), text)


def _lower_first(text: str, keep: set[str]) -> str:
    """Lower-cases the first letter unless the first word is "I", an acronym or a name."""
    word = re.split(r"[\s'’]", text, maxsplit=1)[0]
    if word == "I" or sum(c.isupper() for c in word) > 1 or word in keep:
        return text
    return text[:1].lower() + text[1:]
