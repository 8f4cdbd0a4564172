"""Replacing one marked section of docs/benchmarks.md (shared by the tools that write it).

Standard library only: the NLU report runs in the Rasa environment, the others in the actions
environment.
"""

from __future__ import annotations

import re
from pathlib import Path


def write_section(path: Path, start: str, end: str, section: str) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) in place of the old
    one, or append it."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text)
