"""Write the held-out NLU figures into docs/benchmarks.md and fail when they regress.

Reads the reports of ``rasa test nlu`` (intent_report.json and the claim-code extractor's
report) and replaces the NLU section of the benchmarks page. Exits 1 when claim codes are
not all found (F1 below 1.0) or intent macro-F1 falls below the floor. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from benchmarks_doc import write_section

INTENT_FLOOR = 0.93  # regression guard; the aim is 0.95
CLAIM_CODE_FLOOR = 1.0
START, END = "<!-- nlu:start -->", "<!-- nlu:end -->"


def section(intent: dict, codes: dict, model: str) -> str:
    macro = intent["macro avg"]
    rows = sorted(
        (name, v)
        for name, v in intent.items()
        if isinstance(v, dict)
        and "support" in v
        and name not in {"macro avg", "weighted avg", "micro avg"}
    )
    weakest = sorted(rows, key=lambda r: r[1]["f1-score"])[:5]
    code = codes.get("claim_code", {"precision": 0, "recall": 0, "f1-score": 0, "support": 0})
    lines = [
        START,
        "## NLU on the held-out set (`tests/nlu/test_nlu.yml`)",
        "",
        f"Measured {date.today().isoformat()} by `make test` with `{model}`; the test set is never",
        "used for training (a test checks they share no text).",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| intent macro-F1 | {macro['f1-score']:.3f} (aim 0.95) |",
        f"| intent accuracy | {intent.get('accuracy', 0):.3f} |",
        f"| examples / intents | {macro['support']} / {len(rows)} |",
        f"| claim-code entity F1 | {code['f1-score']:.3f} (precision {code['precision']:.3f}, "
        f"recall {code['recall']:.3f}, {code['support']} codes; aim 1.0) |",
        "",
        "Weakest intents: " + ", ".join(f"{n} {v['f1-score']:.2f}" for n, v in weakest) + ".",
        END,
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results", type=Path)
    parser.add_argument("benchmarks", type=Path)
    parser.add_argument("--model", default="models/colbot.tar.gz")
    args = parser.parse_args()
    intent = json.loads((args.results / "intent_report.json").read_text())
    codes = json.loads((args.results / "ClaimCodeExtractor_report.json").read_text())
    write_section(args.benchmarks, START, END, section(intent, codes, args.model))
    macro = intent["macro avg"]["f1-score"]
    code_f1 = codes.get("claim_code", {}).get("f1-score", 0.0)
    print(f"NLU held-out: intent macro-F1 {macro:.3f}, claim-code F1 {code_f1:.3f}")
    failed = []
    if macro < INTENT_FLOOR:
        failed.append(f"intent macro-F1 {macro:.3f} < {INTENT_FLOOR}")
    if code_f1 < CLAIM_CODE_FLOOR:
        failed.append(f"claim-code F1 {code_f1:.3f} < {CLAIM_CODE_FLOOR}")
    for reason in failed:
        print(f"NLU regression: {reason}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
