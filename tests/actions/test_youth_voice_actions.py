"""Youth voice (issue 26 item 3): after a claim at an activity the learner rates it with one tap,
may tell its organisers something (kept sealed, shown only beside five or more ratings, with
nothing of them), then is asked what they did; ratings reach the provider scorecard and the
"for you" ranking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from actions.claims import ActionClaimBadge
from actions.youth_voice import ActionAnswerPoll, ActionRateActivity, ActionTellOrganisers
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Rating
from badge_core.services.codes import create_claim_code
from badge_core.services.insights import build_insights
from badge_core.services.learner_data import erase_learner_by, export_learner
from badge_core.services.polls import poll_results, start_poll
from badge_core.services.youth_voice import activity_voices
from tests.actions.support import SENDER, issue_code, make_tracker, profile_of, register, run
from tests.conftest import SECRET

BEAT_LAB = "Beat Lab: make tracks on laptops with producers"


def _code_at_beat_lab(db: UnitOfWorkFactory) -> str:
    now = datetime.now(UTC)
    return create_claim_code(
        db(),
        SECRET,
        "plymouth",
        "beat-maker",
        activity_key="beat-lab-stonehouse",
        valid_from=now - timedelta(hours=1),
        valid_until=now + timedelta(hours=6),
    ).code


def _claimed(db: UnitOfWorkFactory, sender: str = SENDER) -> dict:
    register(db, sender=sender, age_band="13-15")
    ran = run(
        ActionClaimBadge(),
        make_tracker(
            "code",
            "claim_badge",
            entities=[("claim_code", _code_at_beat_lab(db))],
            slots={"consent": "given"},
            sender=sender,
        ),
    )
    assert ran.responses == ["utter_badge_earned", "utter_ask_rating"]
    assert ran.said[1][1]["activity"] == BEAT_LAB
    titles = [b["title"] for b in ran.messages[1]["buttons"]]
    assert titles == ["👍 Good", "😐 OK", "👎 Not good"]
    assert ran.slots["awaiting_rating"] is True
    return {"consent": "given", **ran.slots}


def _rate(slots: dict, text: str, rating: str | None = None, sender: str = SENDER):
    entities = [("rating", rating)] if rating else []
    intent = "rate_activity" if rating else "nlu_fallback"
    return run(
        ActionRateActivity(),
        make_tracker(text, intent, entities=entities, slots=slots, sender=sender),
    )


def _ratings(db: UnitOfWorkFactory) -> list[Rating]:
    with db() as unit:
        return list(unit.session.scalars(select(Rating).order_by(Rating.id)))


def test_a_claim_at_an_activity_asks_how_it_was_then_the_organisers_then_what_they_did(
    db: UnitOfWorkFactory,
) -> None:
    slots = _claimed(db)
    rated = _rate(slots, '/rate_activity{"rating":"not_good"}', "not_good")
    assert rated.responses == ["utter_ask_organisers"]
    assert [r.score for r in _ratings(db)] == [1]
    slots = {**slots, **rated.slots}
    told = run(
        ActionTellOrganisers(),
        make_tracker(
            "it was too loud and nobody helped, ring me on 07700 900123",
            "nlu_fallback",
            slots=slots,
        ),
    )
    assert told.responses == ["utter_organisers_told_ask_reflection"]
    assert told.slots["awaiting_reflection"] is True and told.slots["reflection_award"]
    [rating] = _ratings(db)
    assert rating.sealed_comment and b"loud" not in rating.sealed_comment, "sealed at rest"


def test_a_typed_rating_counts_and_a_skip_goes_straight_to_what_they_did(
    db: UnitOfWorkFactory,
) -> None:
    slots = _claimed(db)
    assert _rate(slots, "it was amazing").responses == ["utter_ask_organisers"]
    assert [r.score for r in _ratings(db)] == [3]
    skipped = _rate(slots, "skip")
    assert skipped.responses == ["utter_ask_reflection"]
    assert skipped.slots["awaiting_reflection"] is True
    told = run(ActionTellOrganisers(), make_tracker("skip", "skip", slots=slots))
    assert told.responses == ["utter_ask_reflection"]
    assert _ratings(db)[0].sealed_comment is None


def test_a_claim_at_no_activity_asks_what_they_did_as_before(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    ran = run(
        ActionClaimBadge(),
        make_tracker(
            "code",
            "claim_badge",
            entities=[("claim_code", issue_code(db))],
            slots={"consent": "given"},
        ),
    )
    assert ran.responses == ["utter_badge_earned_ask_reflection"]


def test_comments_and_scores_reach_the_city_team_only_from_five_ratings_with_nothing_of_who(
    db: UnitOfWorkFactory,
) -> None:
    for n in range(4):
        slots = _claimed(db, sender=f"rater-{n}")
        _rate(slots, "/rate_activity", "good", sender=f"rater-{n}")
        run(
            ActionTellOrganisers(),
            make_tracker("more mics please", "nlu_fallback", slots=slots, sender=f"rater-{n}"),
        )
    assert activity_voices(db(), "plymouth", SECRET) == [], "four ratings could identify someone"
    slots = _claimed(db, sender="rater-4")
    _rate(slots, "/rate_activity", "ok", sender="rater-4")
    [voice] = activity_voices(db(), "plymouth", SECRET)
    assert (voice.activity, voice.ratings, voice.good, voice.ok) == (BEAT_LAB, 5, 4, 1)
    assert voice.comments == ["more mics please"] * 4
    insights = build_insights(db(), "plymouth", secret_key=SECRET)
    card = insights.table("provider_scorecard").shown()
    assert card[0][:3] == [voice.provider, 5, "<5"], "small counts suppressed like every count"
    said = insights.table("youth_voice_comments").shown()
    assert said == [[BEAT_LAB, voice.provider, "more mics please"]] * 4


def test_a_rating_is_in_its_learners_export_and_goes_with_them(db: UnitOfWorkFactory) -> None:
    slots = _claimed(db)
    _rate(slots, "/rate_activity", "good")
    public_id = profile_of(db).public_id
    [rated] = export_learner(db(), SECRET, public_id=public_id)["ratings"]
    assert (rated["activity"], rated["rating"]) == (BEAT_LAB, "good")
    erase_learner_by(db(), SECRET, public_id=public_id)
    assert _ratings(db) == []


def _pick(option: str):  # noqa: ANN202
    text = f'/answer_poll{{"poll_option":"{option}"}}'
    return run(
        ActionAnswerPoll(), make_tracker(text, "answer_poll", entities=[("poll_option", option)])
    )


def test_a_pick_in_the_city_poll_is_counted_and_a_wrong_number_or_no_poll_is_said(
    db: UnitOfWorkFactory,
) -> None:
    register(db, age_band="13-15")
    assert _pick("1").responses == ["utter_no_poll_open"]
    poll = start_poll(db(), "plymouth", "What next summer?", ["Skate jam", "Climbing"])
    wrong = _pick("4")
    assert wrong.responses == ["utter_poll_not_an_option"]
    assert wrong.said[0][1]["count"] == 2
    counted = _pick("2")
    assert counted.responses == ["utter_poll_counted"]
    assert counted.said[0][1]["choice"] == "Climbing"
    assert _pick("1").responses == ["utter_poll_changed"]
    rows = poll_results(db(), "plymouth", poll.poll_id).rows
    assert rows == [["Skate jam", 1], ["Climbing", 0]]
