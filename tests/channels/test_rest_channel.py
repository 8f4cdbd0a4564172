"""bot/channels/rest.py: the REST channel (the web chat) never writes a learner's words to the
log, even for a turn that fails or is cancelled; run in the Rasa runtime, through the route
Rasa's own channel serves."""

from __future__ import annotations

import json

from tests.test_rasa_speedups import _in_rasa_python

WORDS = "nobody would notice if i was gone"  # what a learner may say, and no log may keep

TURN = r"""
import asyncio, contextlib, io, json, logging, sys, types
from bot.channels.common import SORRY
from bot.channels.rest import SecretRestInput

words, outcome = sys.argv[1], sys.argv[2]
log = io.StringIO()
logging.basicConfig(stream=log, level=logging.DEBUG, force=True)

async def on_new_message(message):
    await message.output_channel.send_text_message(message.sender_id, "half an answer")
    if outcome == "cancelled":  # as when a balancer gives up waiting: the turn is cancelled
        raise asyncio.CancelledError()
    raise RuntimeError("the tracker store went away")

webhook = SecretRestInput("x" * 32).blueprint(on_new_message)
[receive] = [route.handler for route in webhook._future_routes if route.uri == "/webhook"]
request = types.SimpleNamespace(json={"sender": "learner-1", "message": words}, args={})
printed = io.StringIO()
with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
    answer = asyncio.run(receive(request))
said = [message["text"] for message in json.loads(answer.body)]
print(json.dumps({"said": said, "sorry": SORRY, "log": log.getvalue() + printed.getvalue()}))
"""


def turn(outcome: str) -> dict:
    return json.loads(_in_rasa_python(TURN, WORDS, outcome).splitlines()[-1])


def test_a_failed_rest_turn_is_answered_with_an_apology_and_its_words_are_not_logged() -> None:
    done = turn("failed")
    assert done["said"] == ["half an answer", done["sorry"]]
    assert "a REST turn failed" in done["log"]  # what happened is logged...
    assert WORDS not in done["log"]  # ...and not what the learner said


def test_a_cancelled_rest_turn_is_logged_without_its_words() -> None:
    done = turn("cancelled")
    assert "cancelled" in done["log"]
    assert WORDS not in done["log"]
