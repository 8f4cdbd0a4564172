"""Onboarding: consent, then age band, area and interests, each saved as soon as it is given."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.onboarding import (
    ActionDeclineConsent,
    ActionGiveConsent,
    ActionSaveProfile,
    ValidateOnboardingForm,
)
from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.models import City, Learner
from badge_core.services.claims import learner_awards
from tests.actions.support import (
    award_count,
    identity_count,
    issue_code,
    learner_count,
    make_tracker,
    profile_of,
    register,
    run,
    stored_text_matching,
    validate,
)
from tests.conftest import PLYMOUTH, REPO

FORM = ValidateOnboardingForm()


def answer(slot: str, text: str, intent: str = "inform", **tracker_kwargs):
    """The form's validation of ``text`` typed as the answer for ``slot``."""
    return validate(FORM, slot, text, make_tracker(text, intent, **tracker_kwargs))


# ------------------------------------------------------------------------------- consent


def test_consent_registers_the_learner(db: UnitOfWorkFactory) -> None:
    ran = run(ActionGiveConsent(), make_tracker("yes", "affirm"))
    profile = profile_of(db)
    assert profile is not None, "consent must register the learner in the badge core"
    assert profile.consented, "the learner's consent must be recorded"
    assert ran.slots == {"consent": "given"}
    assert ran.said == [("utter_consent_given", {})]


def test_consent_keys_the_learner_by_channel_and_sender(db: UnitOfWorkFactory) -> None:
    run(ActionGiveConsent(), make_tracker("yes", "affirm", channel="telegram"))
    assert profile_of(db, channel="telegram") is not None, "registered under the channel they used"
    assert profile_of(db, channel="rest") is None, "not under any other channel"


def test_giving_consent_twice_keeps_one_learner(db: UnitOfWorkFactory) -> None:
    run(ActionGiveConsent(), make_tracker("yes", "affirm"))
    run(ActionGiveConsent(), make_tracker("ok", "affirm"))
    assert (learner_count(db), identity_count(db)) == (1, 1), (
        "a repeat consent must not duplicate the learner"
    )


def test_declining_consent_stores_nothing(db: UnitOfWorkFactory) -> None:
    ran = run(
        ActionDeclineConsent(),
        make_tracker("no", "deny", slots={"pending_claim_code": "K7QX2-M9PTW"}),
    )
    assert (learner_count(db), identity_count(db)) == (0, 0), (
        "a learner who declined must not be stored"
    )
    assert ran.responses == ["utter_consent_declined"]
    assert ran.slots == {"consent": "declined", "pending_claim_code": None}, (
        "declining must also drop a code we were holding for them"
    )


# ------------------------------------------------------------------------------- age band


@pytest.mark.parametrize(
    ("typed", "band"),
    [
        ("14", "13-15"),
        ("under 13", "under-13"),
        ("im 12", "under-13"),
        ("16-18", "16-18"),
        ("nineteen", "19-25"),
    ],
)
def test_an_age_is_read_as_a_band_and_saved(db: UnitOfWorkFactory, typed: str, band: str) -> None:
    register(db)
    returned, said = answer("age_band", typed)
    assert returned == {"age_band": band}
    assert profile_of(db).age_band == band, "the band must be saved in the database straight away"
    assert said.messages == [], "a good answer needs no reply from the validator"


def test_over_25_is_skipped_with_a_kind_word(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("age_band", "26")
    assert returned == {"age_band": "skipped"}
    assert said.responses == ["utter_over_25"]
    assert profile_of(db).age_band is None, "an over-25's age must not be saved"


def test_an_answer_that_is_not_an_age_is_asked_again(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("age_band", "banana")
    assert returned == {"age_band": None}, "None makes the form ask again"
    assert said.responses == ["utter_age_not_understood"]
    assert profile_of(db).age_band is None


@pytest.mark.parametrize(
    ("typed", "intent"), [("rather not", "skip"), ("skip", "inform"), ("nah", "deny")]
)
def test_age_can_be_skipped(db: UnitOfWorkFactory, typed: str, intent: str) -> None:
    register(db)
    returned, said = answer("age_band", typed, intent)
    assert returned == {"age_band": "skipped"}
    assert said.messages == []
    assert profile_of(db).age_band is None, "a skipped age stores nothing"


def test_a_pending_code_is_claimed_once_the_age_is_known(db: UnitOfWorkFactory) -> None:
    learner_id = register(db).learner_id
    code = issue_code(db)
    returned, said = answer(
        "age_band", "15", slots={"consent": "given", "pending_claim_code": code}
    )
    assert returned == {"age_band": "13-15", "pending_claim_code": None}, (
        "the held code must be cleared"
    )
    awards = learner_awards(db(), learner_id)
    assert [(a.badge_key, a.status) for a in awards] == [("beat-maker", "awarded")]
    [(response, variables)] = said.said
    assert response == "utter_badge_earned", "no reflection question: the form asks next"
    assert variables["badge_name"] == "Beat Maker"


def test_a_pending_code_for_an_under_13_waits_for_a_youth_worker(db: UnitOfWorkFactory) -> None:
    learner_id = register(db).learner_id
    code = issue_code(db)
    returned, said = answer(
        "age_band", "12", slots={"consent": "given", "pending_claim_code": code}
    )
    assert returned["pending_claim_code"] is None
    awards = learner_awards(db(), learner_id)
    assert [(a.badge_key, a.status) for a in awards] == [("beat-maker", "pending")], (
        "the age band must be saved before claiming, so an under-13's award is pending"
    )
    assert said.said == [("utter_badge_pending", {"badge_name": "Beat Maker"})]


def test_no_pending_code_means_no_claim(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("age_band", "15")
    assert "pending_claim_code" not in returned
    assert award_count(db) == 0
    assert said.messages == []


# ------------------------------------------------------------------------------- district


def test_a_full_postcode_keeps_only_its_district(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("district", "PL4 6AB")
    assert returned == {"district": "PL4"}
    assert profile_of(db).district == "PL4"
    assert said.said == [("utter_only_district_kept", {"kept_district": "PL4"})], (
        "the message must say which district was kept"
    )
    assert said.texts == ["Thanks! I only keep the first part (PL4), not your full postcode."]


def test_an_area_name_is_turned_into_its_district(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("district", "plympton")
    assert returned == {"district": "PL7"}
    assert profile_of(db).district == "PL7"
    assert said.messages == [], (
        "no postcode typed, so nothing to say about keeping only the district"
    )


def test_a_district_code_is_kept_as_typed(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("district", "pl1")
    assert returned == {"district": "PL1"}
    assert profile_of(db).district == "PL1"
    assert said.messages == []


def test_an_unknown_place_is_asked_again(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("district", "narnia")
    assert returned == {"district": None}
    assert said.responses == ["utter_district_not_understood"]
    assert profile_of(db).district is None


def test_on_a_number_no_city_owns_a_district_of_another_city_moves_the_learner_there(
    db: UnitOfWorkFactory,
) -> None:
    load_pack(db(), read_pack(PLYMOUTH.parent / "brighton"))
    register(db)  # the web chat: the deployment's default city until they say where they are
    returned, _ = answer("district", "BN1 1AA")
    assert returned == {"district": "BN1", "city": "brighton", "city_name": "Brighton and Hove"}
    with db() as unit:
        assert unit.session.scalar(select(City.slug).join(Learner, Learner.city_id == City.id)) == (
            "brighton"
        )


def test_on_a_citys_own_number_another_citys_district_is_not_understood(
    db: UnitOfWorkFactory,
) -> None:
    load_pack(db(), read_pack(PLYMOUTH.parent / "brighton"))
    register(db, channel="sms")
    own = [
        {"event": "user", "text": "x", "input_channel": "sms", "metadata": {"to": "+447700900000"}}
    ]
    returned, said = answer("district", "BN1", events=own)
    assert returned == {"district": None}
    assert said.responses == ["utter_district_not_understood"]


def test_the_district_can_be_skipped(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, said = answer("district", "skip", "skip")
    assert returned == {"district": "skipped"}
    assert profile_of(db).district is None


def test_a_full_postcode_is_never_stored_anywhere(
    db: UnitOfWorkFactory, plymouth_db_url: str
) -> None:
    run(ActionGiveConsent(), make_tracker("yes", "affirm"))
    answer("district", "PL4 6AB")
    answer("interests", "football near PL4 6AB")
    assert profile_of(db).district == "PL4", "precondition: the answer was taken"
    stored = stored_text_matching(db, r"pl4\s*6ab")
    assert stored == [], f"a full postcode reached the database: {stored}"
    full = re.compile(r"pl4\s*6ab", re.IGNORECASE)
    database = Path(plymouth_db_url.removeprefix("sqlite:///"))
    assert database.exists(), "precondition: the database file is where the URL says"
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            assert not full.search(path.read_bytes().decode("latin-1")), (
                f"a full postcode is in {path.name}"
            )


# ------------------------------------------------------------------------------- interests


def test_interests_keep_only_words_the_catalogue_knows(db: UnitOfWorkFactory) -> None:
    register(db)
    returned, _ = answer("interests", "football, knitting and drawing with my mate dave")
    assert profile_of(db).interests == ["drawing", "football"], "only catalogue words may be stored"
    assert returned == {"interests": "drawing, football"}


def test_interests_with_no_known_word_are_skipped_and_nothing_is_kept(
    db: UnitOfWorkFactory,
) -> None:
    register(db)
    returned, _ = answer("interests", "knitting")
    assert returned == {"interests": "skipped"}
    assert profile_of(db).interests == []


def test_an_interest_in_another_form_of_a_catalogue_word_is_kept(db: UnitOfWorkFactory) -> None:
    register(db)
    answer("interests", "dancing")
    assert profile_of(db).interests == ["dance"], "dancing is the catalogue's dance"


def test_interests_can_be_skipped(db: UnitOfWorkFactory) -> None:
    register(db, interests=["music"])
    returned, said = answer("interests", "nothing really", "skip")
    assert returned == {"interests": "skipped"}
    assert profile_of(db).interests == ["music"], "skipping must not change what was stored"
    assert said.messages == []


# ---------------------------------------------------------------------- the form as Rasa runs it


def _onboarding_domain() -> dict:
    return yaml.safe_load((REPO / "bot" / "domain" / "onboarding.yml").read_text())


def test_the_form_validates_the_slot_rasa_just_filled(db: UnitOfWorkFactory) -> None:
    register(db)
    tracker = make_tracker(
        "14",
        "inform",
        slots={"consent": "given", "requested_slot": "age_band", "age_band": "14"},
        events=[
            {"event": "user", "text": "14"},
            {"event": "slot", "name": "age_band", "value": "14"},
        ],
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(FORM.run(dispatcher, tracker, _onboarding_domain()))
    assert [(e["name"], e["value"]) for e in events if e["event"] == "slot"] == [
        ("age_band", "13-15")
    ]
    assert profile_of(db).age_band == "13-15"


# ------------------------------------------------------------------------------- the end


def test_save_profile_says_what_to_do_next(db: UnitOfWorkFactory) -> None:
    register(db, age_band="13-15")
    ran = run(ActionSaveProfile(), make_tracker("football", "inform", slots={"consent": "given"}))
    assert ran.events == []
    assert ran.responses == ["utter_profile_saved"]
    assert [b["payload"] for b in ran.messages[0]["buttons"]] == ["what's on", "my badges"]
    assert profile_of(db).age_band == "13-15", "saving the profile must not change what was stored"
