"""A bound on the action server, and an apology when it fails.

Rasa Open Source 3.6 waits up to five minutes for a custom action (a constant, no setting)
and, when the action server is down or fails, logs the error and says nothing: the learner
is left in silence, and Twilio gives up on the webhook after 15 s. This module wraps Rasa's
RemoteAction so that an action that fails, or takes longer than COLBOT_ACTION_TIMEOUT_S
(default 10 s), answers with the domain's ``utter_technical_problem`` instead. Installed
by bot/patches.py, which bot.policies runs (every model loads it).

A late action may still finish on the action server; the badge core makes that safe (a
claim that went through is "already earned" on a retry, never a second award).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa.core.actions import action as rasa_action

from bot.settings import bot_settings

logger = logging.getLogger(__name__)

APOLOGY_RESPONSE = "utter_technical_problem"
# A learner at risk gets the helplines even when the action server is down, never an apology.
APOLOGY_FOR = {"action_safeguarding": "utter_safeguarding_help"}
FALLBACK_TEXT = "Sorry, something went wrong on my side. Please try again in a minute."

_original_run = rasa_action.RemoteAction.run


def action_timeout_s() -> float:
    return bot_settings().action_timeout_s


async def _run_with_apology(
    self: rasa_action.RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> list[Any]:
    try:
        return await asyncio.wait_for(
            _original_run(self, output_channel, nlg, tracker, domain), timeout=action_timeout_s()
        )
    except rasa_action.ActionExecutionRejection:
        raise  # a form declining a slot: Rasa's own flow, not a failure
    except Exception as error:  # noqa: BLE001 - whatever went wrong, the learner hears why
        what = "took too long" if isinstance(error, asyncio.TimeoutError) else "failed"
        logger.error("custom action %s %s; the learner got an apology", self.name(), what)
        response = APOLOGY_FOR.get(self.name(), APOLOGY_RESPONSE)
        message = await nlg.generate(response, tracker, output_channel.name())
        return [rasa_action.create_bot_utterance(message or {"text": FALLBACK_TEXT})]


PATCHES = ((rasa_action.RemoteAction, "run", _run_with_apology),)
