"""bot/patches.py: every change to Rasa's code is installed in one place, and only on the
Rasa it was written against (checked in the Rasa runtime, .venv-rasa)."""

from __future__ import annotations

import json

from tests.actions.support import rendered
from tests.test_rasa_speedups import _in_rasa_python

CHECK = r"""
import importlib
import rasa
from rasa.core.actions.action import RemoteAction
from bot import action_guard, action_payload, patches, speedups

original = RemoteAction.run
assert not patches.installed(), "importing the patch modules changes nothing"
try:
    patches.install("3.7.0")
except patches.UnsupportedRasa as refusal:
    said = str(refusal)
else:
    raise AssertionError("a Rasa the patches were not written for was patched")
assert "Rasa 3.7.0" in said and "RemoteAction.run" in said and "EndpointConfig.session" in said, said
assert RemoteAction.run is original, "nothing is installed on a refused version"

import bot.policies  # every model loads it; it installs the patches
assert patches.installed()
assert RemoteAction.run is action_guard._run_with_apology
assert RemoteAction._action_call_format is action_payload._action_call_format
from rasa.core.nlg import interpolator
from bot import response_fill
assert interpolator.interpolate_text is response_fill.fill
patches.install()  # again: harmless
assert patches.installed() and rasa.__version__.startswith(patches.SUPPORTED)
print("patches installed once, on Rasa", rasa.__version__)
"""


def test_the_patches_install_only_on_the_rasa_they_were_written_for() -> None:
    out = _in_rasa_python(CHECK)
    assert "patches installed once" in out


FILLED = r"""
import json, re
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from bot import patches

domain = Domain.load("bot/domain")
nlg = TemplatedNaturalLanguageGenerator(domain.responses)

def say(name, **variables):
    return nlg.generate_from_slots(name, {}, "rest", **variables)["text"]

awkward = "Year 10[+] coding {for} you"
before = say("utter_activity_details", details=awkward)
patches.install()
after = say("utter_activity_details", details=awkward)
every = {}
for name, variations in domain.responses.items():
    template = variations[0].get("text") or ""
    variables = {v: "<" + v + ">" for v in re.findall(r"{([^\n{}]+?)}", template)}
    every[name] = [variables, say(name, **variables)]
print(json.dumps({"before": before, "after": after, "every": every}))
"""


def test_a_response_is_sent_with_its_variables_as_written_whatever_they_hold() -> None:
    """Rasa 3.6 sent the raw template ("{details}") when a value held "0["; a city's title
    like "Year 10[+] coding" must reach the learner as written."""
    out = _in_rasa_python(FILLED)
    filled = json.loads(out.splitlines()[-1])
    assert filled["before"] == "{details}", "Rasa's own fill, which the patch replaces"
    assert filled["after"] == "Year 10[+] coding {for} you"


def test_the_action_tests_render_every_response_as_the_rasa_server_does() -> None:
    """tests/actions/support.rendered stands in for the Rasa server in the action tests: for
    every response in the domain, it gives the text Rasa sends for the same variables."""
    out = _in_rasa_python(FILLED)
    every = json.loads(out.splitlines()[-1])["every"]
    assert len(every) > 80
    for name, (variables, sent) in every.items():
        assert rendered({"response": name, **variables}) == sent, name
