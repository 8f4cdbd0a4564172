"""The NLU data is honest: the held-out set shares no text with training, and every claim
code written in either is a code the bot and the badge core both accept."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from badge_core.services.codes import generate_code
from colbot_shared.codes import find_codes, format_code, normalise_code
from tests.conftest import REPO

ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})")
CODE_ANNOTATION = re.compile(r"\[([^\]]+)\]\(claim_code\)")


def examples(path: Path) -> list[str]:
    lines = []
    for block in yaml.safe_load(path.read_text())["nlu"]:
        if "intent" not in block:  # lookup tables, regexes and synonyms are not examples
            continue
        for line in (block.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                lines.append(line.strip()[2:])
    return lines


def plain(example: str) -> str:
    return ANNOTATION.sub(lambda m: m.group(1), example).strip().lower()


TRAINING = [e for p in sorted((REPO / "nlu_data" / "nlu").glob("*.yml")) for e in examples(p)]
HELD_OUT = examples(REPO / "tests" / "nlu" / "test_nlu.yml")


def test_the_held_out_set_shares_no_text_with_training() -> None:
    assert len(HELD_OUT) >= 200
    overlap = {plain(e) for e in HELD_OUT} & {plain(e) for e in TRAINING}
    assert overlap == set()


def test_every_annotated_claim_code_is_found_whole_by_the_bot_and_read_by_the_core() -> None:
    annotated = [m for e in TRAINING + HELD_OUT for m in CODE_ANNOTATION.finditer(e)]
    assert len(annotated) >= 60
    for match in annotated:
        typed = match.group(1)
        read_by_core = normalise_code(typed)
        assert read_by_core is not None, typed
        message = ANNOTATION.sub(lambda m: m.group(1), match.string)
        spans = {(f.value, message[f.start : f.end]) for f in find_codes(message)}
        assert (format_code(read_by_core), typed) in spans, message


codes = st.builds(generate_code)
separators = st.sampled_from(["", " ", "-", "  ", " - "])
cases = st.sampled_from([str.upper, str.lower, str.title])


@given(codes, separators, cases, st.text(max_size=30), st.text(max_size=30))
def test_a_generated_code_is_found_however_it_is_typed_and_wherever_it_is(
    issued: str, separator: str, case, before: str, after: str
) -> None:
    first, second = issued.split("-")
    typed = case(first) + separator + case(second)
    message = f"{before} {typed} {after}"
    values = [found.value for found in find_codes(message)]
    assert issued in values
    assert normalise_code(typed) == issued.replace("-", "")


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=40))
def test_every_code_found_in_a_message_reads_back_as_itself(text: str) -> None:
    """What the bot finds in a message (and sends as the claim_code entity) the badge core
    reads as the same code."""
    for found in find_codes(text):
        assert normalise_code(found.value) == found.value.replace("-", "")


def test_words_and_phone_numbers_are_never_codes() -> None:
    for message in [
        "is there dance in plympton",
        "what do i do after gcses",
        "footballer training",
        "call 07700 900123",
        "my number is 0775212345",
        "claim badge please",
    ]:
        assert find_codes(message) == [], message
