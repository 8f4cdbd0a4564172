"""The two runtimes talk: asking the running bot "what's on?" answers from the badge core."""

from __future__ import annotations

from badge_core.services.search import find_activities
from tests.servers import Bot


def test_whats_on_is_answered_from_the_badge_core(bot: Bot) -> None:
    # nothing known of this learner: the bot asks what they are into first (issue 26)
    assert "What are you into?" in bot.texts("e2e-whats-on", "what's on?")[0]
    reply = bot.texts("e2e-whats-on", "skip")[0]
    expected = find_activities(bot.uow, "plymouth", "what's on?").hits[:3]
    assert reply.startswith("Here's what's on")
    listed = [line[3:] for line in reply.splitlines() if line[:2] in {"1.", "2.", "3."}]
    assert listed == [hit.title for hit in expected]
