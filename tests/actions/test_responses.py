"""Every reply an action sends by name is a response in the domain: a name the model does not
know makes the Rasa server send nothing at all, and the learner hears silence."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.actions.support import domain_responses

ACTIONS = Path(__file__).resolve().parents[2] / "actions"
RESPONSE_NAME = re.compile(r"utter_[a-z0-9_]+")


def names_in_actions() -> dict[str, str]:
    """Every ``utter_...`` string in the action modules (a ``response=`` argument or a
    constant one is given by), with the module it is in."""
    found = {}
    for path in sorted(ACTIONS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and RESPONSE_NAME.fullmatch(node.value):
                found[node.value] = path.name
    return found


def test_every_response_an_action_names_is_in_the_domain() -> None:
    names = names_in_actions()
    assert len(names) > 50, "the actions should name their replies"
    missing = {name: module for name, module in names.items() if name not in domain_responses()}
    assert not missing, f"not in bot/domain: {missing}"


def test_actions_send_their_wording_by_response_name() -> None:
    """Fixed wording lives in the domain: no action sends ``text=``."""
    allowed: dict[str, int] = {}
    counts = {}
    for path in sorted(ACTIONS.glob("*.py")):
        calls = [
            node
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "utter_message"
            and any(k.arg == "text" for k in node.keywords)
        ]
        if calls:
            counts[path.name] = len(calls)
    assert counts == allowed
