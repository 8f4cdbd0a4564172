"""bot/patches.py: every change to Rasa's code is installed in one place, and only on the
Rasa it was written against (checked in the Rasa runtime, .venv-rasa)."""

from __future__ import annotations

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
patches.install()  # again: harmless
assert patches.installed() and rasa.__version__.startswith(patches.SUPPORTED)
print("patches installed once, on Rasa", rasa.__version__)
"""


def test_the_patches_install_only_on_the_rasa_they_were_written_for() -> None:
    done = _in_rasa_python(CHECK)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "patches installed once" in done.stdout
