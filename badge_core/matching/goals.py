"""Is a learner's goal vague? "dunno what to do after college" gives no direction, so a youth
worker would ask what they enjoy first; "i want to be a nurse" can be answered at once.

A goal is vague when it is closer in meaning to the undirected phrasings below than to any
of the city's pathways (their texts, which say what a young person who wants each one says),
by more than ``MARGIN``. The phrasings were written for this, apart from the labelled set
(tests/eval/goals.yaml), which set ``MARGIN`` and ``NEAREST``; the last six were added after
reading that set's misses. tests/eval/goals_fresh.yaml, written blind, measures the rule.
"""

from __future__ import annotations

import numpy as np

from badge_core.matching.matcher import ItemVectors, Matcher

# What young people say when they have no direction yet (written for the bot; the labelled
# set's texts are not among them).
UNDIRECTED = (
    "i don't know what i want to do",
    "no idea what job i want",
    "not sure what to do when i leave school",
    "what should i do with my future",
    "i have no clue what career",
    "i just need a job, doesn't matter what",
    "any job really",
    "something that pays good money",
    "a good job",
    "what jobs are there",
    "what career should i pick",
    "help me decide what to do",
    "i'm not good at anything",
    "i don't know what i'm good at",
    "something fun i guess",
    "idk",
    "dunno",
    "not sure",
    "what are my options",
    "should i go to college or get a job",
    "what should i study",
    "i want to work but don't know where",
    "something with people",
    "i like loads of things, can't choose",
    "what would suit me",
    "i don't want to go to uni but don't know what else",
    "my mum says i need to pick something",
    "whatever, anything",
    "i need money",
    "i want a career",
    "something that matters",
    "i want my parents to be proud of me",
    "a proper job with a future",
    "i'm good with people",
    "an apprenticeship but not sure what in",
    "i want to earn my own money and move out",
)
NEAREST = 2  # a side's closeness: the mean of its nearest texts
MARGIN = 0.0  # how much nearer the undirected phrasings must be

_vectors: dict[str, np.ndarray] = {}  # UNDIRECTED's vectors, by model


def is_vague(matcher: Matcher, pathways: ItemVectors, text: str) -> bool:
    """Whether ``text`` names no direction the city's pathways could answer."""
    query = matcher.encode(text)
    model = matcher.embedder.model_name
    if model not in _vectors:
        _vectors[model] = matcher.embedder.encode(list(UNDIRECTED))
    undirected = _nearest(_vectors[model] @ query)
    directed = _nearest(pathways.matrix @ query) if len(pathways.matrix) else -1.0
    return undirected > directed + MARGIN


def _nearest(closeness: np.ndarray) -> float:
    return float(np.sort(closeness)[-NEAREST:].mean())
