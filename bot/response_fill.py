"""How a response's ``{name}`` placeholders are filled: each by its value, as written.

Actions send most replies by name with variables (``utter_message(response=..., name=...)``),
and the variables carry data: activity titles and places from a city pack, a learner's
skills, the words of a safeguarding concern. Rasa 3.6 fills them with ``str.format``
(rasa/core/nlg/interpolator.py) and, when the filled text holds ``0[`` anywhere, or a
placeholder has no value, it sends the raw template instead ("Here's what's on{what}...").
A title such as "Year 10[+] coding" would turn a learner's results into that. This fills
each placeholder that has a value with the value's text and leaves one without as written,
so no data can change which words are sent. Installed by bot/patches.py.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.core.nlg import interpolator

PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")  # what Rasa 3.6 counts as a placeholder


def fill(template: str, values: dict[str, Any]) -> str:
    """``template`` with each ``{name}`` that has a value replaced by ``str(value)``."""
    return PLACEHOLDER.sub(
        lambda found: str(values[found[1]]) if found[1] in values else found[0], template
    )


PATCHES = ((interpolator, "interpolate_text", fill),)
