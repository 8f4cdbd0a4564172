"""The simulated population and how it behaves: who joins, what they ask for and how, how
often they come to sessions, which mishaps befall their claims, and at what hours."""

from __future__ import annotations

from datetime import timedelta

from badge_core.models import AgeBand

CHANNELS = (("whatsapp", 45), ("telegram", 30), ("sms", 25))
AGE_BANDS: tuple[tuple[str | None, int], ...] = (
    (AgeBand.AGE_13_15.value, 38),
    (AgeBand.AGE_16_18.value, 30),
    (AgeBand.UNDER_13.value, 12),
    (AgeBand.AGE_19_25.value, 11),
    (None, 9),  # skipped the question
)
NO_DISTRICT_SHARE = 0.08  # learners who never said where they live

# What young people ask for that cities usually offer, most asked first.
INTERESTS = (
    ("football", 12),
    ("gaming", 9),
    ("music", 8),
    ("coding", 7),
    ("art", 6),
    ("cooking", 6),
    ("dance", 6),
    ("drama", 5),
    ("swimming", 5),
    ("volunteering", 4),
    ("basketball", 4),
    ("drawing", 4),
    ("singing", 3),
    ("photography", 3),
    ("climbing", 3),
    ("writing", 3),
    ("baking", 3),
    ("nature", 3),
    ("animals", 3),
    ("youtube", 3),
    ("youth club", 3),
    ("jobs", 3),
    ("making beats", 2),
    ("first aid", 2),
    ("mental health", 2),
    ("sailing", 2),
    ("rugby", 2),
    ("fixing bikes", 2),
    ("acting", 2),
    ("street art", 2),
    ("apprenticeships", 2),
    ("money", 1),
)
# What they ask for that the demo city does not offer: the unmet demand a report surfaces.
UNMET_INTERESTS = (
    ("knitting", 5),
    ("horse riding", 8),
    ("chess", 6),
    ("skateboarding", 9),
    ("ballet", 5),
    ("esports", 7),
    ("fishing", 4),
)
MIN_LEARNERS_PER_UNMET = 5  # the report's threshold for showing a phrase
UNMET_SHARE = 0.18  # learners who ask for something unmet at least once
SLANG = ("footy", "ftball", "cookin", "drawin", "musik", "bball")  # found nothing as typed
ANYTHING = (
    "whats on",
    "whats on this weekend",
    "anything on tonight",
    "something to do after school",
    "anything free this week",
    "whats happening near me",
    "stuff to do on saturday",
)
# Ways to ask for ``{x}``; every other word is one the search ignores, so the interest
# logged (and counted per learner in the report) is exactly ``{x}``.
TEMPLATES = (
    "{x}",
    "{x}",
    "{x}",
    "any {x} near me",
    "{x} clubs",
    "is there {x}",
    "i want to do {x}",
    "looking for {x}",
    "{x} stuff",
    "{x} pls",
    "wanna do {x}",
    "{x} club near me",
    "can i do {x}",
)
TIME_WORDS = (
    "tonight",
    "this weekend",
    "on saturday",
    "tomorrow",
    "after school",
    "next week",
    "this week",
    "on friday",
)
GOALS = (
    "i want to be a chef",
    "something with computers",
    "i want to be a nurse",
    "i want to work with animals",
    "i want to be a footballer",
    "i want to be an electrician",
    "i wanna be a mechanic",
    "i want to be a youtuber",
    "i want to be a games designer",
    "i want to be an actor",
    "i want to be a vet",
    "i want to work in a restaurant",
    "i want to be a pe teacher",
    "i want to be a personal trainer",
    "i want to build houses",
    "i want to be a paramedic",
    "i want to work on boats",
    "i want to be a dancer",
    "i want to make music",
    "something with sport",
    "i want a job in tech",
    "dunno what i want to do",
    "i want to be famous",
)
GOALS_BY_INTEREST = {
    "cooking": "i want to be a chef",
    "baking": "i want to work in a restaurant",
    "coding": "something with computers",
    "gaming": "i want to be a games designer",
    "football": "i want to be a footballer",
    "basketball": "something with sport",
    "drama": "i want to be an actor",
    "acting": "i want to be an actor",
    "dance": "i want to be a dancer",
    "music": "i want to make music",
    "making beats": "i want to make music",
    "animals": "i want to work with animals",
    "first aid": "i want to be a paramedic",
    "youtube": "i want to be a youtuber",
    "fixing bikes": "i wanna be a mechanic",
    "sailing": "i want to work on boats",
}

SEARCHES_PER_LEARNER = ((1, 60), (2, 25), (3, 9), (4, 4), (5, 2))  # mean 1.6
SESSIONS_PER_LEARNER = ((0, 28), (1, 33), (2, 20), (3, 12), (4, 7))  # mean 1.4
PATHWAY_SHARE = 0.1
COMMIT_SHARE = 0.4  # of those, learners who then work through the pathway that fits them
COMMITTED_FOR = timedelta(weeks=8)
GUESSER_SHARE = 0.006  # learners who guess codes until they are locked out
ACTIVE_DAYS_MEAN = 30.0  # how long a learner keeps using the bot, after the first 3 days
LAUNCH_SHARE = 0.15  # learners who join in the launch week

CODE_LEAD = timedelta(minutes=15)  # codes open a little before a session starts
TURNOUT = 10  # youth workers give badges at a sample of sessions, about this many at each
SHARED_CODE_SHARE = 0.4  # sessions with one shared, capped code (else one code per person)
TOO_FEW_SHARE = 0.12  # shared codes capped below the turnout (someone gets "used up")
# Per attendee, one mishap at most: (kind, chance). "share" applies to single-use codes only.
MISHAPS = (("expired", 0.035), ("early", 0.03), ("typo", 0.045), ("double", 0.03), ("share", 0.03))

# Likelihood of an hour of the day (local time) for anything a learner does.
WEEKDAY_HOURS = (1, 0, 0, 0, 0, 0, 0, 3, 3, 1, 1, 1, 3, 3, 2, 6, 10, 11, 11, 12, 11, 9, 6, 3)
WEEKEND_HOURS = (2, 1, 0, 0, 0, 0, 0, 0, 0, 2, 5, 7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 7, 5, 3)
