"""Every change this bot makes to Rasa's own code, installed in one place, for one version.

Rasa Open Source 3.6 has no hook for four things the bot needs, so four modules replace
a Rasa function each (or three), and say why in their docstrings:

- ``bot.action_guard``: a bound on the action server, and an apology (or the helplines)
  when it fails, instead of silence;
- ``bot.action_payload``: the action server is sent this turn's events, not the whole
  conversation's;
- ``bot.response_fill``: a response's variables are filled in as written, whatever data
  they hold;
- ``bot.speedups``: four hot spots of Rasa 3.6, removed without changing what Rasa does.

Each module lists its replacements in ``PATCHES`` and changes nothing when imported;
``install`` puts them all in place, once, and only on the Rasa they were written against:
on any other version it refuses to start, naming each patch to check against the new code.
bot.policies, which every model loads, calls it.
"""

from __future__ import annotations

from typing import Any

import rasa

from bot import action_guard, action_payload, response_fill, speedups

SUPPORTED = "3.6."  # the Rasa release every patch was read against


class UnsupportedRasa(RuntimeError):
    """Rasa is not the version the patches were written for."""


def all_patches() -> list[tuple[Any, str, Any]]:
    """(owner, attribute, replacement) for every patch, in the order they are installed."""
    return [
        *action_guard.PATCHES,
        *action_payload.PATCHES,
        *response_fill.PATCHES,
        *speedups.PATCHES,
    ]


def install(version: str = rasa.__version__) -> None:
    """Put every patch in place (again is harmless), or raise UnsupportedRasa."""
    if not version.startswith(SUPPORTED):
        names = ", ".join(f"{owner.__name__}.{name}" for owner, name, _ in all_patches())
        raise UnsupportedRasa(
            f"bot/patches.py was written for Rasa {SUPPORTED}x and this is Rasa {version}. "
            f"Check each patch against the new Rasa ({names}), then change SUPPORTED."
        )
    for owner, name, replacement in all_patches():
        if name not in vars(owner):
            raise UnsupportedRasa(f"Rasa {version} has no {owner.__name__}.{name} to patch")
        if vars(owner)[name] is not replacement:
            setattr(owner, name, replacement)
    speedups.freeze_once_loaded()


def installed() -> bool:
    return all(vars(owner).get(name) is replacement for owner, name, replacement in all_patches())
