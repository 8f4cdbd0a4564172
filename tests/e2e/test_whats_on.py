"""The two runtimes talk: asking the running bot "what's on?" answers from the badge core."""

from __future__ import annotations

import re

from badge_core.services.catalogue import whats_on
from tests.e2e.conftest import Bot


def test_whats_on_is_answered_from_the_badge_core(bot: Bot) -> None:
    replies = bot.texts("e2e-whats-on", "what's on?")
    expected = whats_on(bot.uow(), "plymouth").activity_count
    assert replies == [f"There are {expected} activities on in Plymouth in the next 7 days."]


def test_a_greeting_gets_the_static_welcome(bot: Bot) -> None:
    replies = bot.texts("e2e-greet", "hiya")
    assert len(replies) == 1 and re.search(r"what's on", replies[0])
