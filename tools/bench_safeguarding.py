"""``make bench`` (safeguarding part): what reading every message for risk adds to a turn.

Runs in the Rasa runtime (.venv-rasa) with the trained model, in one process: the Rasa agent
answers ordinary static messages ("thanks", "hi", "what can you do": NLU, the policies and a
domain response, no custom action) from fresh conversations, in rounds that alternate
between the model as trained and the same model with the risk detector made a no-op. The
difference of the medians is what the detector adds to an ordinary turn; the detector alone
is also timed on the bot's NLU test messages. Figures go to docs/benchmarks.md; nothing here
asserts a timing (the machine is shared).

    .venv-rasa/bin/python tools/bench_safeguarding.py [--rounds N] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

SECTION = "## Safeguarding: what reading every message for risk costs"
END = "<!-- end of the safeguarding cost -->"
MESSAGES = ("thanks", "hi", "what can you do", "cheers", "are you a bot", "bye")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--turns", type=int, default=60, help="turns per round")
    parser.add_argument("--model", type=Path, default=REPO / "models" / "colbot.tar.gz")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))

    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.nlu import safeguarding

    agent = Agent.load(str(args.model))
    # Rasa's graph node keeps the component's function from when it was built: swap that.
    [node] = [
        node
        for node in agent.processor.graph_runner._instantiated_nodes.values()  # type: ignore[attr-defined]
        if node._component_class is safeguarding.RiskDetector
    ]
    real_process = node._fn

    def off(self: safeguarding.RiskDetector, messages: list) -> list:
        return messages

    async def turns(count: int, tag: str) -> list[float]:
        took = []
        for n in range(count):
            sender = f"bench-{tag}-{n}"
            await agent.handle_text("hi", sender_id=sender)  # the session, not measured
            started = time.perf_counter()
            await agent.handle_text(MESSAGES[n % len(MESSAGES)], sender_id=sender)
            took.append((time.perf_counter() - started) * 1000)
        return took

    on_times: list[float] = []
    off_times: list[float] = []
    loop = asyncio.new_event_loop()
    loop.run_until_complete(turns(20, "warm"))
    for round_ in range(args.rounds):
        for state in ("on", "off") if round_ % 2 == 0 else ("off", "on"):
            node._fn = real_process if state == "on" else off
            measured = loop.run_until_complete(turns(args.turns, f"{round_}-{state}"))
            (on_times if state == "on" else off_times).extend(measured)
    node._fn = real_process

    from bot.nlu.risk_model import (
        HELD_OUT,
        LABELLED,
        READ_MEANING_AT,
        RiskModel,
        bot_training_texts,
        training_examples,
    )

    model = RiskModel.train(training_examples(), bot_training_texts())
    texts = [
        m.get("text")
        for m in load_data(str(REPO / "tests" / "nlu" / "test_nlu.yml")).intent_examples
    ]
    started = time.perf_counter()
    for text in texts:
        model.assess(text)
    alone = (time.perf_counter() - started) * 1000 / len(texts)
    # what a message the n-grams find likely costs: read a second time, for its meaning
    held_out = yaml.safe_load((LABELLED / HELD_OUT).read_text())["risk"]
    likely = [
        t
        for group in held_out.values()
        for t in group
        if model.first_reading(t)[0] >= READ_MEANING_AT
    ]
    model.chance(likely[0])  # the sentence model loaded
    read_times = []
    for text in likely:  # the classifiers' part (a rule of the lexicon would answer first)
        started = time.perf_counter()
        model.chance(text)
        read_times.append((time.perf_counter() - started) * 1000)
    read = statistics.median(read_times)
    shares = [model.first_reading(t)[0] >= READ_MEANING_AT for t in texts if t]

    on, off_ = statistics.median(on_times), statistics.median(off_times)
    section = "\n".join(
        [
            SECTION,
            "",
            "tools/bench_safeguarding.py (`make bench`), one run: the Rasa agent in one process",
            "answering ordinary static messages from fresh conversations, rounds alternating",
            "between the trained model and the same model with the risk detector made a no-op",
            f"({len(on_times)} turns each). No HTTP and no action server, so the share below is",
            "larger than in a real turn, which also waits on the network.",
            "",
            "| | median ms |",
            "| --- | --- |",
            f"| static turn, detector on | {on:.1f} |",
            f"| static turn, detector off | {off_:.1f} |",
            f"| what the detector adds | {on - off_:.1f} ({(on - off_) / off_:+.1%}; aim <= +10%) |",
            f"| the detector alone, per NLU test message | {alone:.2f} |",
            f"| the classifiers on a message the n-grams find likely, read again for its meaning"
            f" ({len(likely)} held-out risk messages) | {read:.1f} |",
            "",
            f"{sum(shares)} of the {len(shares)} NLU test messages (ordinary traffic) are read",
            "a second time; every other message costs what the n-grams cost.",
            "",
            END,
        ]
    )
    print(section)
    from benchmarks_doc import write_section

    write_section(args.out, SECTION, END, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
