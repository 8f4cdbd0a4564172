"""Choose the safeguarding detector's thresholds and weights (bot/nlu/risk_model.py) by
five-fold cross-validation over its training messages, never a held-out set.

Each fold trains the detector on the other four and reads its own messages as the bot would:
the lexicon, the n-grams' chance and the meaning's margin. Over those out-of-fold readings
it chooses where both readings overrule a clear lexicon match (the most of its false
alarms cleared with no risk message lost, at that margin and at the next one looser), fits how the two are weighed (``WEIGH``), tries each pair of READ_MEANING_AT and
CHECK_IN_AT and picks the one with the fewest false alarms (the labelled ordinary messages
and the bot's own examples together) among those that recognise at least as many risk
messages as the lexicon and the n-grams alone do at 0.6. It prints the table; the constants
are then written into risk_model.py by hand, with the figures in docs/safeguarding.md. It
also prints what overruling the matches that are never overruled (danger now, urgent)
would clear and lose, and the risk messages lost, for whoever weighs that rule.

Runs in the Rasa runtime, about ten minutes:

    .venv-rasa/bin/python tools/choose_risk_thresholds.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.nlu.risk import assess  # noqa: E402
from bot.nlu.risk_model import (  # noqa: E402
    NONE,
    Examples,
    RiskModel,
    _without_codes,
    bot_training_texts,
    log_odds,
    overrulable,
    sentence_features,
    training_examples,
)

FOLDS = 5
READ_AT = (0.2, 0.3, 0.4, 0.5)
OVERRULE_NGRAMS = (0.2, 0.3, 0.5)
OVERRULE_MARGIN = (-2.0, -1.5, -1.2, -1.0, -0.8, -0.6)
CHECK_IN_AT = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)


@dataclass
class Reading:
    text: str
    risk: bool
    own: bool  # one of the bot's own examples
    lexicon: bool  # the lexicon gives help (a concern or a check-in)
    overrulable: bool  # a lexicon match (a check-in too), not danger now and not urgent
    held_back: bool  # a lexicon match never overruled: danger now, or urgent
    ngrams: float
    margin: float


def out_of_fold() -> list[Reading]:
    examples, own = training_examples(), bot_training_texts()
    texts = examples.texts + own
    labels = examples.labels + [NONE] * len(own)
    order = np.random.default_rng(0).permutation(len(texts))
    readings: list[Reading] = []
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS].tolist())
        kept = [i for i in range(len(texts)) if i not in held]
        model = RiskModel.train(
            Examples(
                [texts[i] for i in kept if i < len(examples.texts)],
                [labels[i] for i in kept if i < len(examples.texts)],
            ),
            [texts[i] for i in kept if i >= len(examples.texts)],
        )
        chosen = sorted(held)
        plain = [_without_codes(texts[i]) for i in chosen]
        margins = model.machine.decision_function(sentence_features(plain))
        for i, text, margin in zip(chosen, plain, margins, strict=True):
            found = assess(text)
            readings.append(
                Reading(
                    text=text,
                    risk=labels[i] != NONE,
                    own=i >= len(examples.texts),
                    lexicon=found is not None,
                    overrulable=found is not None and overrulable(found),
                    held_back=found is not None and not overrulable(found),
                    ngrams=model.first_reading(text)[0],
                    margin=float(margin),
                )
            )
        print(f"fold {fold + 1} of {FOLDS} read", flush=True)
    return readings


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    readings = out_of_fold()
    features = np.array([[log_odds(r.ngrams), r.margin] for r in readings])
    risk = np.array([r.risk for r in readings])
    own = np.array([r.own for r in readings])
    lexicon = np.array([r.lexicon for r in readings])
    ngrams = np.array([r.ngrams for r in readings])
    margin = np.array([r.margin for r in readings])
    may_clear = np.array([r.overrulable for r in readings])
    print("overrule n-grams below | margin below | lexicon false alarms cleared | risk lost")
    most = None
    for below in OVERRULE_NGRAMS:
        losses = []
        for past in OVERRULE_MARGIN:
            cleared = may_clear & (ngrams < below) & (margin < past)
            gained, lost = int((cleared & ~risk).sum()), int((cleared & risk).sum())
            print(f"{below} | {past} | {gained} of {int((may_clear & ~risk).sum())} | {lost}")
            losses.append((lost, gained, past, cleared))
        # a step of headroom: the margin one step looser must lose no risk message either
        for (lost, gained, past, cleared), (looser, *_) in zip(losses, losses[1:], strict=False):
            if lost == looser == 0 and (most is None or gained > most[0]):
                most = (gained, below, past, cleared)
    if most is None:
        print("no pair overrules the lexicon without losing a risk message: none chosen")
        most = (0, None, None, np.zeros_like(risk))
    else:
        print(f"chosen: OVERRULE_NGRAMS = {most[1]}, OVERRULE_MARGIN = {most[2]}")
    lexicon = lexicon & ~most[3]
    held_back = np.array([r.held_back for r in readings])
    print("the lexicon matches never overruled (danger now, urgent), were they:")
    print("n-grams below | margin below | false alarms cleared | risk lost")
    for below in (0.1, 0.2, 0.3, 0.5):
        for past in (-3.0, -2.5, -2.0, -1.5):
            cleared = held_back & (ngrams < below) & (margin < past)
            print(
                f"{below} | {past} | {int((cleared & ~risk).sum())} of "
                f"{int((held_back & ~risk).sum())} | {int((cleared & risk).sum())}"
            )
            lost = [r.text for r, gone in zip(readings, cleared & risk, strict=True) if gone]
            for text in lost if len(lost) <= 6 else []:
                print(f"    lost: {text}")
    weigh = LogisticRegression().fit(features, risk)
    print("WEIGH = ({:.2f}, {:.2f}, {:.2f})".format(*weigh.coef_[0], weigh.intercept_[0]))
    # the weighed chance of each message from a weighing fitted without it
    chance = cross_val_predict(
        LogisticRegression(), features, risk, cv=FOLDS, method="predict_proba"
    )[:, 1]

    def scores(helped: np.ndarray) -> tuple[float, float, float]:
        return helped[risk].mean(), helped[~risk & ~own].mean(), helped[own].mean()

    floor = scores(lexicon | (ngrams >= 0.6))
    print(
        f"lexicon and n-grams alone at 0.6: recall {floor[0]:.4f}, false alarms "
        f"{floor[1]:.4f} labelled, {floor[2]:.4f} the bot's own examples"
    )
    print("read at | check in at | recall | false alarms, labelled | the bot's own")
    best = None
    for read in READ_AT:
        for check_in in CHECK_IN_AT:
            found = scores(lexicon | ((ngrams >= read) & (chance >= check_in)))
            print(f"{read} | {check_in} | {found[0]:.4f} | {found[1]:.4f} | {found[2]:.4f}")
            alarms = found[1] + found[2]
            if found[0] >= floor[0] and (best is None or alarms < best[0]):
                best = (alarms, read, check_in, found)
    if best is None:
        print("no pair recognises as many risk messages as the n-grams alone")
        return
    _, read, check_in, found = best
    print(
        f"chosen: READ_MEANING_AT = {read}, CHECK_IN_AT = {check_in}: recall {found[0]:.4f},"
        f" false alarms {found[1]:.4f} labelled, {found[2]:.4f} the bot's own examples"
    )


if __name__ == "__main__":
    main()
