"""How well the bot recognises a young person at risk: recall per category and false alarms,
on the labelled messages in tests/safeguarding/ (risk.yaml, ordinary.yaml).

Runs in the Rasa runtime (.venv-rasa: scikit-learn and Rasa's data loader), as the detector
does: it trains the same detector `rasa train` trains (bot/nlu/risk_model.py: the lexicon
and the classifier, from bot/nlu/risk_examples/, the dev part here and the bot's NLU data),
then reads each message as the NLU pipeline would.

Each file has a ``dev`` part (read while writing the lexicon and trained on) and a
``heldout`` part (never read for tuning, never trained on). A risk message counts as
recognised when the detector answers anything at all (a clear concern or a gentle
check-in): either way the learner gets help instead of a menu. An ordinary message with any
answer is a false alarm.

    make eval                                             # into docs/benchmarks.md
    python tools/evaluate_safeguarding.py --misses dev    # what the dev part misses
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.nlu.risk import CATEGORIES, CHECK_IN  # noqa: E402
from bot.nlu.risk_model import (  # noqa: E402
    HELD_OUT,
    MEASURED_SETS,
    RiskModel,
    bot_training_texts,
    training_examples,
)

DATA = REPO / "tests" / "safeguarding"
AIMS = {"recall": 0.97, "category_recall": 0.95, "false_alarms": 0.02}
# each part's column, in the order the parts were written (the held-out set's is "held out")
COLUMNS = {
    "dev": "dev",
    "heldout": "first half",
    "fresh": "second set",
    "fresh2": "third set",
    "fresh3": "fourth set",
    "fresh4": "fifth set",
    "fresh5": "sixth set",
    "fresh6": "seventh set",
    "fresh7": "eighth set",
    "fresh8": "ninth set",
    "fresh9": "tenth set",
    "fresh10": "eleventh set",
    "fresh11": "twelfth set",
    "fresh12": "thirteenth set",
    "fresh13": "fourteenth set",
    "fresh14": "fifteenth set",
    "fresh15": "sixteenth set",
    "fresh16": "seventeenth set",
    "fresh17": "eighteenth set",
    "fresh18": "nineteenth set",
    "fresh19": "twentieth set",
    "fresh20": "twenty-first set",
    "fresh21": "twenty-second set",
    "fresh22": "twenty-third set",
    "fresh23": "twenty-fourth set",
    "fresh24": "twenty-fifth set",
    "fresh25": "twenty-sixth set",
    "fresh26": "twenty-seventh set",
    "fresh27": "twenty-eighth set",
    "fresh28": "twenty-ninth set",
    "fresh29": "thirtieth set",
    "fresh30": "thirty-first set",
    "fresh31": "thirty-second set",
    "fresh32": "thirty-third set",
    "fresh33": "thirty-fourth set",
    "fresh34": "thirty-fifth set",
    "fresh35": "thirty-sixth set",
    "fresh36": "thirty-seventh set",
    "fresh37": "thirty-eighth set",
    "fresh38": "thirty-ninth set",
    "fresh39": "fortieth set",
    "fresh40": "forty-first set",
    "fresh41": "forty-second set",
    "fresh42": "forty-third set",
    "fresh43": "forty-fourth set",
    "fresh44": "forty-fifth set",
    "fresh45": "forty-sixth set",
    "fresh46": "forty-seventh set",
    "fresh47": "forty-eighth set",
    "fresh48": "forty-ninth set",
    "fresh49": "fiftieth set",
    "fresh50": "fifty-first set",
    "fresh51": "fifty-second set",
    "fresh52": "fifty-third set",
}
SECTION = "## Safeguarding: recognising a young person at risk"
END = "<!-- end of the safeguarding recall -->"


def load(part: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    if part.startswith("fresh"):  # the sets written after the first was measured
        written = yaml.safe_load((DATA / f"{part}.yaml").read_text())
        return written["risk"], written["ordinary"]
    risk = yaml.safe_load((DATA / "risk.yaml").read_text())[part]
    ordinary = yaml.safe_load((DATA / "ordinary.yaml").read_text())[part]
    return risk, ordinary


@dataclass
class Scores:
    part: str
    recalled: dict[str, tuple[int, int]] = field(default_factory=dict)  # category: (found, of)
    same_category: tuple[int, int] = (0, 0)
    check_ins: int = 0
    alarms: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind: (alarms, of)
    missed: list[tuple[str, str]] = field(default_factory=list)
    false: list[tuple[str, str]] = field(default_factory=list)
    ms_per_message: float = 0.0

    @property
    def recall(self) -> float:
        found = sum(f for f, _ in self.recalled.values())
        return found / sum(n for _, n in self.recalled.values())

    @property
    def false_alarm_rate(self) -> float:
        return sum(a for a, _ in self.alarms.values()) / sum(n for _, n in self.alarms.values())

    def meets_aims(self) -> bool:
        return (
            self.recall >= AIMS["recall"]
            and all(f / n >= AIMS["category_recall"] for f, n in self.recalled.values())
            and self.false_alarm_rate <= AIMS["false_alarms"]
        )


def detector() -> RiskModel:
    return RiskModel.train(training_examples(), bot_training_texts())


def score(part: str, model: RiskModel) -> Scores:
    assess = model.assess
    risk, ordinary = load(part)
    scores = Scores(part)
    same = total = 0
    started, count = time.perf_counter(), 0
    for category in CATEGORIES:
        found = 0
        for text in risk.get(category, []):
            answer = assess(text)
            count += 1
            total += 1
            if answer is None:
                scores.missed.append((category, text))
                continue
            found += 1
            same += answer.category == category
            scores.check_ins += answer.category == CHECK_IN
        scores.recalled[category] = (found, len(risk.get(category, [])))
    for kind, texts in ordinary.items():
        alarms = 0
        for text in texts:
            answer = assess(text)
            count += 1
            if answer is not None:
                alarms += 1
                scores.false.append((kind, f"{text}  [{answer.category}: {answer.cue}]"))
        scores.alarms[kind] = (alarms, len(texts))
    scores.same_category = (same, total)
    scores.ms_per_message = (time.perf_counter() - started) * 1000 / count
    return scores


def nlu_test_alarms(model: RiskModel) -> tuple[int, int]:
    """False alarms on the bot's own NLU test set: ordinary traffic, never trained on."""
    from rasa.shared.nlu.training_data.loading import load_data

    texts = [
        m.get("text")
        for m in load_data(str(REPO / "tests" / "nlu" / "test_nlu.yml")).intent_examples
    ]
    return sum(model.assess(t) is not None for t in texts), len(texts)


def report(parts: list[Scores], nlu_alarms: tuple[int, int]) -> str:
    """The table: one column per part in the order they were written, the held-out set last."""
    fresh = parts[-1]

    def pct(found: int, of: int) -> str:
        return f"{found}/{of} ({found / of:.3f})"

    lines = [
        SECTION,
        "",
        "`make eval` (tools/evaluate_safeguarding.py): the detector the Rasa model trains",
        "(bot/nlu/risk_model.py: the lexicon in bot/nlu/risk.py, then a classifier over character",
        "and word n-grams, and for what it finds likely a second reading for meaning, weighed",
        "with the first) on the labelled messages in tests/safeguarding/. A risk message is",
        "recognised when the bot gives help (a clear concern or a gentle check-in) instead of its",
        "ordinary answer; an ordinary message that gets help is a false alarm.",
        "",
        "How each part was used: the dev half was read while writing the lexicon and trained",
        "on. The first held-out half was measured once (recall 0.969, false alarms 0.050), then",
        "trained on. A second set (fresh.yaml), written afterwards by someone who had not seen",
        "the detector, was measured once (recall 0.936, false alarms 0.072, commit 2328585);",
        "the lexicon's topic rules were then changed after its false alarms, and it was trained",
        "on. A third set (fresh2.yaml) was measured once the same way (recall 0.960, false",
        "alarms 0.054, commit da95118); the lexicon was then changed after its misses and false",
        "alarms, and it was trained on. The fourth set (fresh3.yaml), written after that by",
        "someone who had seen neither the detector nor the other sets, was measured once: recall",
        "0.986, false alarms 0.112 (2/132 plain, 29/146 hard negatives); the lexicon was changed",
        "after it and it was trained on, with 775 new messages of everyday life that only sound",
        "like risk (bot/nlu/risk_examples/everyday.yml). The fifth set (fresh4.yaml) was measured",
        "once: recall 0.978, false alarms 0.076 (0/144 plain, 23/157 hard negatives); the lexicon",
        "was changed after it. Then the second reading with meaning was added (colbot_shared/",
        "minilm.py), with 1,755 new training messages (everyday2.yml, everyday3.yml), and fresh4",
        "was trained on. The sixth set (fresh5.yaml) was measured once, commit 925e075: recall",
        "0.986 (self harm 0.925), false alarms 0.051 (0/135 plain, 15/159 hard negatives), 2/333",
        "on the NLU test set. The lexicon was then changed after its misses and false alarms",
        "(talk of what is left after them, 'greened out', pets that ran away, 'locked me out of",
        "the xbox', hide and seek), and it was trained on. The seventh set (fresh6.yaml) was",
        "measured once, commit 659d147: recall 0.978 (self harm 0.949), false alarms 0.069",
        "(1/129 plain, 19/160 hard negatives). The lexicon was then changed after it (a blade or",
        "a fall thought of, a belt, 'mashed on pingers', being whispered about; camps, escape",
        "rooms, followers), it was trained on, and the two thresholds were chosen again by",
        "cross-validation. The eighth set (fresh7.yaml), written after that by someone who had",
        "seen neither the detector nor the other sets, was measured once, commit fb68fad: recall",
        "0.982 (self harm and abuse 0.950), false alarms 0.091 (1/127 plain, 25/158 hard",
        "negatives). Then the reading for meaning was changed (a support vector machine over the",
        "sentence vector and the third layer's mean, weighed with the n-grams; tools/",
        "choose_risk_thresholds.py), fresh7 was trained on, and the thresholds and weights were",
        "chosen by cross-validation; the lexicon was not changed. The ninth set (fresh8.yaml),",
        "written blind before that change, was measured once after it, commit 0ec0ecf: recall",
        "0.986 (every category at least 0.974), false alarms 0.086 (0/120 plain, 24/159 hard",
        "negatives, 19 of them the lexicon's). Then the two readings together were let overrule",
        "a lexicon match both call ordinary (never danger now or an urgent match; where, chosen",
        "by the same cross-validation, so that none of the risk messages the lexicon matches is",
        "lost), fresh8 was trained on, and the weights and thresholds were chosen again. The",
        "tenth set (fresh9.yaml), written blind before both changes, was measured once, commit",
        "3aebb12: recall 1.000, false alarms 0.059 (0/99 plain, 15/156 hard negatives, 11 of",
        "them the lexicon's). Then fresh9 was trained on with 735 new training messages",
        "(bot/nlu/risk_examples/everyday4.yml: everyday life in the words of risk, and risk said",
        "close to them); the lexicon learned frames that recur across sets (a parent's or a",
        "teacher's sanction is not bullying, pictures of a team's event or of work, pushed into",
        "a pool, 'kill me now' as a complaint, 'die my hair blue'); and the overruling, chosen",
        "again by cross-validation, became narrower (at the old margin a risk message would now",
        "be lost). The eleventh set (fresh10.yaml), written blind before that change, was",
        "measured once after it, commit 34468f5: recall 0.989, false alarms 0.129 (1/103 plain,",
        "33/160 hard negatives, most of them opening like a disclosure and turning at the end).",
        "On the same day four more rounds followed, each of the same shape: the set just",
        "measured was trained on, the lexicon learned the kinds of message it had missed or",
        "wrongly matched (checked to lose no training risk message's match), the thresholds and",
        "weights were chosen again by cross-validation, and the next set, written blind before,",
        "was measured once. The twelfth set (fresh11.yaml), after everyday frames ('wont let me",
        "go to the party', 'in danger of failing', medicine as prescribed, song lyrics),",
        "commit ff56243: recall 0.969 (self harm 0.923), false alarms 0.021 (0/73, 5/169). The",
        "thirteenth (fresh12.yaml), after the kinds of disclosure fresh11 had missed (a wish to",
        "be hit by a bus, whether drowning hurts, gunshots outside, moving between mates'",
        "houses), commit f4df4e1: recall 0.979 (every category at least 0.951), false alarms",
        "0.040 (0/58, 9/166). The fourteenth (fresh13.yaml), after struggles said to be over",
        "(self-harm in recovery, bullying in year 7 now fine, unless anything says it is back)",
        "and surprises kept secret, commit 0566b71: recall 0.945 (substances 0.854), false",
        "alarms 0.022 (0/65, 5/167). The fifteenth (fresh14.yaml), after what fresh13 had",
        "missed, most of it said with 'lol' (coming to football stoned, 'was mashed', shotting,",
        "the tallest car park, a head flushed down the toilet), commit 339c1a4: recall 0.972",
        "(self harm 0.925), false alarms 0.031 (0/59, 7/164). Then fresh14 was trained on and",
        "the lexicon learned what it had missed ('sewerslide', 'prob my last one', someone met",
        "gaming who wants to pick me up, no fixed address) and its false alarms (an EPQ on a",
        "topic, paracetamol for a headache, a present kept secret); the sixteenth set",
        "(fresh15.yaml), commit 5b8ede5: recall 0.968 (self harm 0.895), false alarms 0.083",
        "(0/56, 18/162). A review of the rules after it (not of any held-out set) then made",
        "them safer in three places (docs/safeguarding.md); the seventeenth set (fresh16.yaml),",
        "commit 66a46af: recall 0.965 (substances 0.897), false alarms 0.045 (0/55, 10/168).",
        "Then fresh15 and fresh16 were trained on, the lexicon learned that a group chat one is",
        "left out of is bullying and that heights, a swan's chase and a parent's 'not into town",
        "alone' are no risk, and the thresholds were chosen again; the eighteenth set",
        "(fresh17.yaml), commit d55a04f: recall 0.972 (self harm 0.919, substances 0.927),",
        "false alarms 0.031 (0/58, 7/167). Then fresh17 was trained on, with 1,158 new training",
        "messages written blind (708 risk said indirectly, 450 everyday messages in risky words),",
        "and the thresholds were chosen again; the nineteenth set (fresh18.yaml), commit",
        "17f138b: recall 0.986, false alarms 0.033 (0/44, 7/167). Then fresh18 was trained on, two",
        "of its false alarms became lookalikes, and the thresholds were chosen again (the",
        "readings overrule the lexicon less often); the twentieth set (fresh19.yaml), commit",
        "d6e2878: recall 0.976, false alarms 0.074 (0/48, 16/167). Then fresh19 was trained on,",
        "fifteen of its false alarms became lookalikes (a boxing club's black eye, a curfew, a",
        "club's photos for its website, a cat that followed, a story's plot, 'mugged off'), and",
        "the thresholds were chosen again; the twenty-first set (fresh20.yaml), commit 30e7a86:",
        "recall 0.963 (self harm 0.907), false alarms 0.031 (0/46, 7/179). Then fresh20 was",
        "trained on, its seven false alarms became lookalikes, ten of its twelve misses got",
        "rules, and the thresholds were chosen again; the twenty-second set (fresh21.yaml),",
        "commit c63ffe6: recall 0.985, false alarms 0.059 (0/40, 13/180). Then fresh21 was",
        "trained on, twelve of its false alarms became lookalikes, its five misses got rules,",
        "and the thresholds were chosen again; the twenty-third set (fresh22.yaml), commit",
        "8f3d9cd: recall 0.969 (danger 0.917), false alarms 0.041 (0/38, 9/182). Then fresh22",
        "was trained on, the eleven ordinary messages its lexicon matched became lookalikes",
        "(a song's 'gonna die young', a grandad's heart pills, a phone on 1%, hiding in the",
        "library to revise), its ten misses got rules (the tide, a swallowed button battery, a",
        "head injury with confusion, running stuff for them, a passport taken to marry a",
        "cousin), and the thresholds were chosen again; the twenty-fourth set (fresh23.yaml),",
        "commit c1f9217: recall 0.972 (danger 0.936), false alarms 0.046 (0/35, 10/181). Then",
        "fresh23 was trained on, the eleven ordinary messages its lexicon matched became",
        "lookalikes (sent out of the kitchen, 'gonna die if i see another equation', pictures",
        "of cakes asked for, a lost bag a mum will 'kill me' for, a show's ending kept secret),",
        "its nine misses got rules (a boat adrift, a nut allergy, a bite pouring blood, a note",
        "'so they understand why', moving between mates, a club to sleep at, a Benadryl",
        "challenge), and the thresholds were chosen again; the twenty-fifth set (fresh24.yaml),",
        "commit 2ee9b18: recall 0.985, false alarms 0.044 (0/43, 10/183). Then fresh24 was",
        "trained on, the twelve ordinary messages its lexicon matched became lookalikes (a set",
        "text's plot, a drama role, a friend's crush, a game score, grooming horses, homeless",
        "in Minecraft, 'hit me with that code'), its five misses got rules (a wasp sting and a",
        "tight throat, something left behind 'before i go', a squat, parents who are",
        "alcoholics, a vote for 'biggest loser'), and the thresholds were chosen again; the",
        "twenty-sixth set (fresh25.yaml), commit fd910b5: recall 0.975 (danger 0.935), false",
        "alarms 0.062 (0/44, 14/181). Then fresh25 was trained on, the twelve ordinary messages",
        "its lexicon matched became lookalikes (a song's title, a sibling's room, a choir song",
        "kept secret, a drawing style to copy, bullied by a cat, the streets rather than an",
        "essay), its eight misses got rules (a boat's engine gone in big waves, a frozen pond,",
        "an EpiPen that did not work, a plan to run while they are at work, Adderall off a",
        "mate, drinks before training, a poll on whether one should be let in), and the",
        "thresholds were chosen again; the twenty-seventh set (fresh26.yaml), commit b5ab13f:",
        "recall 0.975 (danger 0.915), false alarms 0.036 (0/41, 8/182). Then fresh26 was",
        "trained on, the nine ordinary messages its lexicon matched became lookalikes (dying",
        "of embarrassment, grooming a horse, chores before going out, a birthday present kept",
        "secret, a holiday, a friend's picture of her haircut, a film with a kidnapping in",
        "it, a sociology unit), its eight misses got rules (a dog still inside a fire, lost",
        "from the group in fog, a carbon monoxide alarm, an allergy and food just eaten, hit",
        "with the TV remote, hostels for under-18s, quitting vaping, a headlock by older",
        "kids), and the thresholds were chosen again; the twenty-eighth set (fresh27.yaml),",
        "commit e36c2be: recall 0.976 (danger 0.936), false alarms 0.077 (0/39, 17/183). Then",
        "fresh27 was trained on, the fourteen ordinary messages its lexicon matched became",
        "lookalikes (a duvet to disappear under, the circus, year 7 photos, kicked off the",
        "wifi, a tent in the garden, homeless while the house is painted, ending it with a",
        "boyfriend, a last message before a holiday), its eight misses got rules (a fire at",
        "home, someone drowning, a throat swelling, meals skipped until fainting, a wedding",
        "to a cousin, getting off the weed, pregabalin off an app, a group chat voting on a",
        "punishment), and the thresholds were chosen again; the twenty-ninth set",
        "(fresh28.yaml), commit dbb4f89: recall 0.982 (danger 0.915), false alarms 0.070",
        "(0/47, 16/183). Then fresh28 was trained on, the sixteen ordinary messages its",
        "lexicon matched became lookalikes (a dog chased by a cat, a surprise party kept",
        "secret, the heat, an escape room, a team beaten 6-0, a character who overdoses,",
        "kicked from a chat for memes, a documentary in PSHE, grades or mum will kill me, a",
        "goldfish that seems depressed), its six misses got rules (a baby gone blue and",
        "floppy, lightning and a mate on the ground, a dog attacking a child, a tent flooding",
        "as the river rises, hours of exercise on one apple, a garden shed at the",
        "allotments), and the thresholds were chosen again; the thirtieth set (fresh29.yaml),",
        "commit b779b5f: recall 0.985 (danger 0.958), false alarms 0.070 (0/47, 16/180). Then",
        "fresh29 was trained on, the fifteen ordinary messages its lexicon matched became",
        "lookalikes (problems run from 'jk', a little brother who hits or 'hates me' over a",
        "game, beaten at bowling, 'i hate my life' over the wifi, a secret that is a surprise,",
        "off social media for a while, homeless after buying tickets, locked out as a joke,",
        "a paracetamol for period pains, swallowed gum, slept in the car), its five misses",
        "got rules (a diabetic's sugar crashing, someone choking, meals skipped to see one's",
        "ribs, an adult asking about one's underwear or if one is home alone, tied to a",
        "goalpost), a whole packet of tablets taken is read as self-harm, and the thresholds",
        "were chosen again; the thirty-first set (fresh30.yaml), commit f79a19a: recall",
        "1.000, false alarms 0.027 (0/41, 6/180). Then five of that round's rules were",
        "narrowed in review, fresh30 was trained on, the five ordinary messages its lexicon",
        "matched became lookalikes (a black eye from sparring, trapped in a cycle of Netflix,",
        "hiding from mum over the last biscuits, locked in the library for two minutes, a",
        "small cousin's punch at tag), and the thresholds were chosen again; the",
        "thirty-second set (fresh31.yaml), commit 9d2acf7: recall 0.991 (abuse 0.957), false",
        "alarms 0.022 (0/45, 5/182). Then fresh31's misses got rules (hit, kicked or punched",
        "by a parent at home, a parent who does not feed the children, getting clean from a",
        "daily habit), the four ordinary messages its lexicon matched became lookalikes",
        "(wasted by the cops in a game, a character stabbed by a goblin, a kidnapper in an",
        "improv, nearly fainting at a blood test), fresh31 was trained on and the thresholds",
        "were chosen again; the thirty-third set (fresh32.yaml), commit f7c5671: recall 0.991",
        "(self-harm 0.957), false alarms 0.009 (0/43, 2/184), the first round to meet every",
        "held-out aim. Then fresh32's three misses got rules (someone not moving after a car",
        "crash, a week's calories counted and still too fat, exercise until passing out to burn",
        "off what was eaten), the four ordinary messages its lexicon matched became lookalikes",
        "(a parent who will kill me over a lost code, a secret that is a surprise party, a",
        "brother's black eye at taekwondo, a mate who kept a secret crush), fresh32 was trained",
        "on and the thresholds were chosen again; the thirty-fourth set (fresh33.yaml), commit",
        "714d89e: recall 0.991 (substances 0.977), false alarms 0.083 (0/37, 18/179), most of",
        "them questions about a hard topic. Then a question asking what a word means, a career",
        "dealing with it, volunteering at a refuge and mentors for kids who get bullied became",
        "topics, the rest of its lexicon's false alarms lookalikes (someone famous who",
        "overdosed, Juliet's dagger, 'just shoot me' over a lesson, a small child threatening to",
        "run away), its three misses got rules (not living past 18, slapped so hard an ear",
        "rings, injecting), fresh33 was trained on and the thresholds were chosen again; the",
        "thirty-fifth set (fresh34.yaml), commit b26ded4: recall 0.988 (self-harm 0.977), false",
        "alarms 0.041 (0/34, 9/183). Then the six ordinary messages its lexicon matched became",
        "lookalikes (a sister who will kill me over a hoodie, running away to a beach for the",
        "summer, chores a dad makes me do, a best mate's banter, trapped in a conversation about",
        "crypto, 'high' read only as someone being high), its four misses got rules",
        "(pro-anorexia tips, a coach who hits the children when they lose, not a priority for",
        "the council's housing, money for 'my habit'), fresh34 was trained on and the",
        "thresholds were chosen again; the thirty-sixth set (fresh35.yaml), commit 61b8014:",
        "recall 0.990 (danger 0.975), false alarms 0.081 (1/42, 17/179), most of them games,",
        "stories and hyperbole. Then its sixteen lexicon false alarms became lookalikes or",
        "frames (the bot's own last message, a speedrun and GTA as games, fan fiction and a",
        "monologue as frames, a curry that will not kill me, a wardrobe prank, a surprise kept",
        "secret, the seaside for the day), its three misses got rules (lost in fog with the",
        "path gone, permission at home to use the toilet, a sibling beaten up at school for",
        "who they are), fresh35 was trained on and the thresholds were chosen again; the",
        "thirty-seventh set (fresh36.yaml), commit c1f0419: recall 0.997 (self-harm 0.978),",
        "false alarms 0.041 (0/43, 9/177). Then its seven lexicon false alarms became",
        "lookalikes or a topic (a little brother running off with a charger, kicked out of a pub",
        "quiz, 'i could strangle her' of an annoying sister, a mum who wants me out of the house",
        "more, hiding from a small sister's party, a word's meaning asked because a teacher or a",
        "cousin said it), its one miss got a check-in rule ('if i died would my badges still",
        "show'), fresh36 was trained on and the thresholds were chosen again; the thirty-eighth",
        "set (fresh37.yaml), commit 56dfe09: recall 0.997 (self-harm 0.974), false alarms 0.005",
        "(0/40, 1/179), the second round to meet every held-out aim. Then its one miss got a",
        "rule ('ctb', slang for suicide), fresh37 was trained on and the thresholds were chosen",
        "again; the thirty-ninth set (fresh38.yaml), commit 49be04d: recall 0.994 (self-harm",
        "0.947), false alarms 0.028 (0/36, 6/175). Then its six lexicon false alarms became",
        "lookalikes (a phone about to die so reply later, running from my problems at parkrun, a",
        "mate cutting her own fringe, running from a neighbour after a ball over the fence,",
        "hiding under a rock, the seaside for the summer), its two misses got rules (wanting to",
        "drive into something, a check-in for not being here to get a certificate), fresh38 was",
        "trained on and the thresholds were chosen again; the fortieth set (fresh39.yaml),",
        "commit 1efc02e: recall 0.990 (self-harm 0.944), false alarms 0.052 (0/38, 11/173).",
        "Then its eight lexicon false alarms became lookalikes (grooming a horse, a song lyric, a",
        "cup final, a first-aid lesson on overdoses, shooting star pictures, a sketchbook blacked",
        "out, rain drowning plans, lost in an app), learning about or stopping something frames",
        "a topic, its three misses got rules (meals skipped while telling a parent 'i ate', life",
        "not worth it, a coach to a city where i know no one), fresh39 was trained on and the",
        "thresholds were chosen again; the forty-first set (fresh40.yaml), commit 4ce0f51:",
        "recall 0.991 (abuse 0.977), false alarms 0.033 (0/39, 7/176). Then its seven false",
        "alarms became lookalikes (onions that make one cry, hungry since breakfast, a song",
        "called 'i'm not okay', hiding till mum forgets a vase, out after dark, surviving a",
        "cross-country run, leaving home to live abroad one day), its three misses got rules",
        "(lying about a mark on my face, older kids making us do shots, a group chat of",
        "everyone but me), fresh40 was trained on and the thresholds were chosen again; the",
        "forty-second set (fresh41.yaml), commit e55cf2f: recall 0.985 (self-harm 0.956), false",
        "alarms 0.023 (0/41, 5/176). Then its five false alarms became lookalikes (fans bullying",
        "a singer, the film Suicide Squad, a homeless man met in town, trapped in a group",
        "project, shoes falling apart), its five misses got rules (waiting till everyone is",
        "asleep to 'finally do it', lying to a nurse about marks, left home alone for a week, no",
        "friends since a rumour, roofs one can get onto), fresh41 was trained on and the",
        "thresholds were chosen again; the forty-third set (fresh42.yaml), commit 800a8b5:",
        "recall 0.994 (substances 0.978), false alarms 0.050 (0/41, 11/181). Then its eleven false",
        "alarms, and one the lexicon alone made, became lookalikes (lost in the app, a parent's",
        "'kill me' over a badge deadline, neighbours and the drums, hiding till a haircut grows",
        "back, trapped in double science, a fantasy team nobody cares about, saying goodbye at",
        "the end of year 11, the last message before bed, a goodbye letter to one's younger",
        "self, a tooth that fell out, old toys for little cousins, an american bully), its two",
        "misses got rules (a night in the park, going ot to shot food), fresh42 was trained on",
        "and the thresholds were chosen again; the forty-fourth set (fresh43.yaml), commit",
        "c2bc6b0: recall 0.997 (self-harm 0.978), false alarms 0.033 (0/36, 7/177). Then its",
        "seven false alarms, and one the readings overruled, became lookalikes (a battery on 1%",
        "and 'about to die', a brother stealing my phone to hide it, a villain kidnapping a king,",
        "a loop of doomscrolling, dragged to ikea, a chemistry test on drugs, a little sister i",
        "cannot escape, beating me at fifa), its one miss got a rule (wanting to go where a nan",
        "who died has gone), fresh43 was trained on and the thresholds were chosen again; the",
        "forty-fifth set (fresh44.yaml), commit e8187cc: recall 1.000, false alarms 0.085 (0/39,",
        "18/173). Then its sixteen false alarms from the lexicon became lookalikes (trapped in a",
        "maths exam, a lock that broke till the caretaker came, alone in liking jazz, lost on the",
        "way to the sports hall, tablets always broken, useless in the kitchen, a missed open",
        "goal, a meme too funny to breathe, a dark place with an essay, hiding from a sister who",
        "wants to play, disappearing into my room for anime, a secret love of musicals, hay fever",
        "pills, old trainers chucked out, touch rugby, a grab in a scene of a play), the lexicon's",
        "check-ins became clearable by both readings, fresh44 was trained on and the thresholds",
        "were chosen again; the forty-sixth set (fresh45.yaml), commit 16504ae: recall 1.000,",
        "false alarms 0.060 (0/40, 13/176). Then its ten false alarms from the lexicon became",
        "lookalikes written for the frame (a loop of watching anything, a sibling who keeps asking",
        "for my charger, trapped indoors by the rain, followed back by a footballer, 'goodbye",
        "world, hello netflix', a goodbye message for a coach's leaving card, pictures of what the",
        "studio looks like or for a badge, lost about which pathway to choose, a villain in a",
        "short film who kidnaps someone), fresh45 was trained on and the thresholds were chosen",
        "again; the forty-seventh set (fresh46.yaml), commit 1663233: recall 0.991, false alarms",
        "0.032 (0/43, 7/175). Then its seven false alarms from the lexicon became lookalikes",
        "written for the frame (a book's ending that made me want to die, a little sister who",
        "locked me out of my room, an album going to kill me it is that good, a secret that is a",
        "surprise party, lost with a badge form, a drug dealer i play in our school play; and a",
        "charity that helps homeless young people became a frame), its three misses got rules",
        "(living in a car, going to a drug service, drugs left lying about), a frame that runs on",
        "over a match no longer clears it where the writer's words are inside ('that film made me",
        "want to die for real'), 'to die for' (a cake) no longer clears 'i want to die for real',",
        "fresh46 was trained on and the thresholds were chosen again; the forty-eighth set",
        "(fresh47.yaml), commit 3a8b62c: recall 1.000, false alarms 0.049 (0/48, 11/176). Then its",
        "eleven false alarms from the lexicon became lookalikes written for the frame (a parent",
        "who will kill me for dyeing my hair, the drug dealer i am in our play, followed on",
        "instagram, a venue that locked me out for being late, a lost phone, kicked out if i",
        "brought home a stray, so many burpees i wanted to die, homeless when my parents see my",
        "phone bill, cutting out sugar, a random car park, jumped at laser tag), an older",
        "lookalike that cleared real threats ('he said hes going to kill me if i tell anyone') was",
        "narrowed, 'i told a teacher' now clears only a match about someone else, fresh47 was",
        "trained on and the thresholds were chosen again; the forty-ninth set (fresh48.yaml),",
        "commit ec9a368: recall 0.994, false alarms 0.042 (0/38, 9/176). Then its nine false",
        "alarms from the lexicon became lookalikes written for the frame (a boss fight that is",
        "bullying me, a brother who bullies me at fifa, a game character made homeless by a",
        "creeper, chased by deadlines, a black eye from sparring, lost in how the badges work,",
        "everyone hating my singing in the car, running away to a farm to live with goats, hiding",
        "from a sister so she does not make me watch her dances), its two misses got a rule where",
        "one was clear (someone at home dealing from it), the topic checks stopped clearing the",
        "writer's own words after a frame ('is there a drama club near me? also been cutting",
        "again'), fresh48 was trained on and the thresholds were chosen again; the fiftieth set",
        "(fresh49.yaml), commit 7fbf8b7: recall 1.000, false alarms 0.041 (0/38, 9/180). Then its",
        "twelve lexicon false alarms (nine that got help and three the readings cleared),",
        "became lookalikes written for the frame (lost on the way to a centre, pictures of my",
        "photography for a course, a dad who is a car dealer, treating overdoses in a paramedic's",
        "training, a minecraft villager made homeless, a coke at cinema night, bully breeds,",
        "trapped on level 47 of a puzzle game, asking why people say 'unalive', someone outside",
        "the club with a dog, hiding from my revision, children exploited in victorian factories),",
        "fresh49 was trained on and the thresholds were chosen again; the fifty-first set",
        "(fresh50.yaml), commit 8e819e4: recall 1.000, false alarms 0.056 (0/37, 12/176). Then its",
        "eight lexicon false alarms became lookalikes written for the frame (not cutting myself at",
        "a cooking class, alone in a gaming squad online at other times, wanting to disappear",
        "after something embarrassing, friends who 'bully me into' the choir, a mate's cat",
        "pictures, a lockdown drill, a photo of my certificate mum made me take, 'i hate my life'",
        "over revision), fresh50 was trained on and the thresholds were chosen again;",
        "the fifty-second set (fresh51.yaml), commit f3969b8: recall 0.997, false",
        "alarms 0.061 (0/26, 12/170). Then its ten lexicon false alarms and a check-in",
        "the readings had cleared became lookalikes written for the frame (stabbed by a",
        "cactus, an escape room with a kidnapper theme, a small sister who took my",
        "phone for a game, looking like a ghost after a hair dye, the bullies in an",
        "anime, locked in the library by accident, a nightmare of being chased, 'not",
        "ok' after a character died, a small cousin running away to live with the cat)",
        "or topics (a video about grooming, a psychology topic), its miss got a rule (a",
        "parent who forgets to feed us), fresh51 was trained on and the thresholds were",
        "chosen again; the fifty-third set (fresh52.yaml), commit 62a5fb1: recall",
        "1.000, false alarms 0.094 (0/31, 20/182; one of its ordinary messages had been",
        "seen once, in a diff of the lexicon's answers, after those changes were",
        "written, and nothing was changed for it). Then its fourteen lexicon false",
        "alarms and five the readings had cleared became lookalikes written for the",
        "frame (legs that want to die after a spin class, overdosed on revision, a",
        "small brother's nerf bullet, a sister who touches my stuff, a dog neglected by",
        "its last owners, the abusive dad or the bully in a play, a plug that does not",
        "work, my pictures sent to a competition, a villain in a book who grooms, a",
        "teacher who picked on me to answer, ganging up in a game, a funny picture of",
        "me shared, sofa surfing the channels, kicked off the xbox, someone at the door",
        "who turns out to be the pizza, a phone about to die), someone who left home",
        "days ago or is lost in the dark got rules of their own, fresh52 was trained on",
        "and the thresholds were chosen again. So every column but the last is",
        "flattering. The fifty-fourth set (fresh53.yaml, the last column), written",
        "blind before those changes, was measured once, commit 05eb29d, below; it is",
        "not trained on. Whoever changes the detector next measures fresh54.yaml once.",
        "",
        "| | " + " | ".join(COLUMNS[p.part] for p in parts[:-1]) + " | held out (aim) |",
        "| --- |" + " --- |" * len(parts),
        "| recall, all risk | "
        + " | ".join(pct(*_sum(p.recalled)) for p in parts)
        + " (>= 0.97) |",
    ]
    for category in CATEGORIES:
        lines.append(
            f"| recall, {category.replace('_', ' ')} | "
            + " | ".join(pct(*p.recalled[category]) for p in parts)
            + " (>= 0.95) |"
        )
    lines += [
        "| ...of which a check-in only | " + " | ".join(str(p.check_ins) for p in parts) + " |",
        "| same category as the label | " + " | ".join(pct(*p.same_category) for p in parts) + " |",
    ]
    for kind in fresh.alarms:
        lines.append(
            f"| false alarms, {kind.replace('_', ' ')} | "
            + " | ".join(pct(*p.alarms[kind]) for p in parts)
            + " |"
        )
    lines += [
        "| false alarms, all ordinary | "
        + " | ".join(pct(*_sum(p.alarms)) for p in parts)
        + " (<= 0.02) |",
        "| false alarms, the bot's NLU test set (ordinary traffic, never trained on) |"
        + " |" * (len(parts) - 1)
        + f" {pct(*nlu_alarms)} |",
        "| time per message | " + " | ".join(f"{p.ms_per_message:.2f} ms" for p in parts) + " |",
        "",
        f"Held-out aims {'met' if fresh.meets_aims() else 'NOT met'}.",
    ]
    if fresh.missed:
        lines += [
            "",
            "Held-out risk messages the bot does not recognise (each gets its ordinary answer):",
            "",
        ]
        lines += [f'- {category}: "{text}"' for category, text in fresh.missed]
    if fresh.false:
        lines += ["", "Held-out ordinary messages that get help (what decided it in brackets):", ""]
        lines += [f'- {kind}: "{text}"' for kind, text in fresh.false]
    return "\n".join([*lines, "", END])


def _sum(pairs: dict[str, tuple[int, int]]) -> tuple[int, int]:
    return sum(f for f, _ in pairs.values()), sum(n for _, n in pairs.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="put the figures into this markdown file")
    parser.add_argument(
        "--misses",
        choices=["dev", "heldout", *(n.removesuffix(".yaml") for n in (*MEASURED_SETS, HELD_OUT))],
        help="what that part misses",
    )
    args = parser.parse_args()
    if args.misses:
        scores = score(args.misses, detector())
        for category, text in scores.missed:
            print(f"MISS {category}: {text}")
        for kind, text in scores.false:
            print(f"FALSE {kind}: {text}")
        print(f"recall {scores.recall:.3f}, false alarms {scores.false_alarm_rate:.3f}")
        return 0
    model = detector()
    sets = [name.removesuffix(".yaml") for name in (*MEASURED_SETS, HELD_OUT)]
    parts = [score(part, model) for part in ("dev", "heldout", *sets)]
    section = report(parts, nlu_test_alarms(model))
    print(section)
    if args.write:
        from benchmarks_doc import write_section

        write_section(args.write, SECTION, END, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
