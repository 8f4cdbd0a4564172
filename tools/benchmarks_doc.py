"""Replacing one marked section of docs/benchmarks.md (shared by the tools that write it).

Standard library only: the NLU report runs in the Rasa environment, the others in the actions
environment.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
from pathlib import Path


def write_section(path: Path, start: str, end: str, section: str) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) in place of the old
    one, or append it."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if start in text:
        text = re.sub(
            re.escape(start) + ".*?" + re.escape(end), lambda _: section, text, flags=re.S
        )
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text)


def bench_arguments(description: str, default_out: Path) -> argparse.Namespace:
    """``--quick`` and ``--out``, as the ``make bench`` tools that start things take them. It
    also makes ``kill`` (SIGTERM) unwind like Ctrl-C, so what a tool started (servers, a
    scratch database) is stopped or dropped by its own ``finally`` blocks."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny settings, for trying the tool out"
    )
    parser.add_argument("--out", type=Path, default=default_out)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return args
