"""The colbot command line with generated arguments: every input ends in an exit code and a
message, never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badge_core.cli import main as colbot
from badge_core.config import Settings

words = st.text(max_size=30) | st.text(
    alphabet=st.characters(categories=["Cc", "So", "Nd", "Lu"]), max_size=12
)
numbers = st.integers(-5, 10**6).map(str) | words
COMMANDS = st.one_of(
    st.tuples(
        st.just("codes"),
        st.just("new"),
        st.just("--badge"),
        words,
        st.sampled_from(["--cap", "--single"]),
        numbers,
    ),
    st.tuples(
        st.just("codes"),
        st.just("new"),
        st.just("--badge"),
        st.just("code-club-coder"),
        st.just("--cap"),
        st.just("5"),
        st.just("--valid-until"),
        words,
    ),
    st.tuples(st.just("codes"), st.just("close"), words),
    st.tuples(
        st.just("staff"), st.just("invite"), st.just("--provider"), words, st.just("--role"), words
    ),
    st.tuples(st.just("staff"), st.just("remove"), numbers),
    st.tuples(st.just("admin"), st.just("revoke"), numbers),
    st.tuples(st.just("admin"), st.just("token"), st.just("--city"), words),
    st.tuples(st.just("learner"), st.sampled_from(["export", "erase"]), st.just("--id"), words),
    st.tuples(
        st.just("learner"),
        st.just("export"),
        st.just("--channel"),
        words,
        st.just("--address"),
        words,
    ),
    st.tuples(
        st.just("report"),
        st.just("--out"),
        st.just("/tmp/colbot-fuzz-report"),
        st.just("--from"),
        words,
    ),
    st.tuples(st.just("city"), st.just("validate"), words),
    st.tuples(st.just("whats-on"), st.just("--days"), numbers),
    st.lists(words, max_size=4).map(tuple),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=COMMANDS)
def test_any_command_line_ends_in_an_exit_code_not_a_traceback(
    settings_: Settings, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = tuple(a.replace("\x00", "") for a in argv)
    try:
        code = colbot(list(argv), settings_)
    except SystemExit as exit_:  # argparse's own answer to a malformed command
        code = exit_.code
    assert code in (0, 1, 2), argv
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


@pytest.fixture
def settings_(settings: Settings) -> Settings:
    return settings
