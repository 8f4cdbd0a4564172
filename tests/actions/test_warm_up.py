"""The action server's warm-up: the embedding model loaded before the first learner asks,
then everything loaded moved out of the garbage collector's sight, so full collections no
longer walk what lasts as long as the process (with torch loaded they stalled every action
for up to 390 ms under make bench; without it a full collection of the same still takes
about 50 ms here). Run in its own interpreter: freezing is for the whole process."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = r"""
import gc
import sys
import numpy as np
from actions.runtime import default_matcher, warm_up

matcher = default_matcher()
assert gc.get_freeze_count() == 0
warm_up(matcher)
frozen = gc.get_freeze_count()
assert frozen > 50_000, frozen  # SQLAlchemy, rasa-sdk, the model's runtime and tokeniser
assert "torch" not in sys.modules  # the model runs in ONNX Runtime
walked = len(gc.get_objects())  # what a full collection still walks
assert walked < frozen / 20, (walked, frozen)
# the frozen model still answers: one text as in a batch
one, batch = matcher.encode("football"), matcher.embedder.encode(["football", "art"])[0]
assert np.allclose(one, batch, atol=1e-4), float(one @ batch)
print("frozen", frozen, "walked", walked)
"""


def test_the_warm_up_loads_the_model_and_freezes_what_is_loaded() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "frozen" in done.stdout
