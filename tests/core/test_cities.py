"""Several cities in one deployment: each conversation is one city's, by the learner or the
number they wrote to; codes, searches, reports and the numbers the bot writes from are the
city's own; a learner who moves takes their badges with them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from badge_core.citypack import load_pack, read_pack, validate_pack
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import CityPackInvalid, CodeUnknown, NotFound
from badge_core.models import AgeBand, Award, City, Event, Learner
from badge_core.services.claims import claim_badge, learner_awards
from badge_core.services.code_links import claim_links
from badge_core.services.codes import create_claim_code
from badge_core.services.insights import build_insights
from badge_core.services.learners import (
    move_learner,
    move_to,
    register_learner,
    settle_district,
    start_conversation,
)
from badge_core.services.search import find_activities
from tests.conftest import PLYMOUTH, SECRET
from tests.core.packs import small_pack, write_pack

CITIES = PLYMOUTH.parent
NOW = datetime(2027, 1, 4, 12, tzinfo=UTC)
BRIGHTON_SMS = "+447700900200"


@pytest.fixture
def cities(uow: UnitOfWorkFactory) -> UnitOfWorkFactory:
    load_pack(uow(), read_pack(CITIES / "brighton"))
    return uow


def learner_in(uow: UnitOfWorkFactory, city: str, name: str) -> int:
    return register_learner(
        uow(), SECRET, city, "sms", name, now=NOW - timedelta(days=1)
    ).learner_id


def test_the_city_is_the_learners_then_the_numbers_then_the_default(
    cities: UnitOfWorkFactory,
) -> None:
    def city(sender: str, to: str | None, channel: str = "sms") -> str:
        return start_conversation(cities(), SECRET, channel, sender, to, "plymouth").city

    assert city("new", "+44 7700 900200") == "brighton"
    assert city("new", "whatsapp:+447700900201", "whatsapp") == "brighton"  # as Twilio says
    assert city("new", "+447700900201") == "plymouth"  # Brighton's WhatsApp number, not SMS
    assert city("new", "+447700900999") == "plymouth"  # a number no pack names
    assert city("new", None) == "plymouth"  # the web chat
    learner_in(cities, "plymouth", "resident")
    assert city("resident", BRIGHTON_SMS) == "plymouth"  # their own city until they move


def test_two_packs_cannot_name_the_same_number(cities: UnitOfWorkFactory) -> None:
    pack = read_pack(CITIES / "greater-manchester")
    clash = pack.city.__class__(**{**pack.city.__dict__, "channels": {"sms": [BRIGHTON_SMS]}})
    with pytest.raises(CityPackInvalid) as refused:
        load_pack(cities(), pack.__class__(**{**pack.__dict__, "city": clash}))
    [problem] = refused.value.problems
    assert problem.message == "+447700900200 is already Brighton and Hove's"


def test_codes_searches_and_reports_are_each_citys_own(cities: UnitOfWorkFactory) -> None:
    plymouth_kid, brighton_kid = (
        learner_in(cities, "plymouth", "p"),
        learner_in(cities, "brighton", "b"),
    )
    plymouth_code = create_claim_code(
        cities(), SECRET, "plymouth", "football-player", valid_from=NOW - timedelta(hours=1)
    ).code
    brighton_code = create_claim_code(
        cities(), SECRET, "brighton", "bh-seafront-sport", valid_from=NOW - timedelta(hours=1)
    ).code
    with pytest.raises(CodeUnknown):
        claim_badge(cities(), SECRET, brighton_kid, plymouth_code, now=NOW)
    claim_badge(cities(), SECRET, brighton_kid, brighton_code, now=NOW)
    claim_badge(cities(), SECRET, plymouth_kid, plymouth_code, now=NOW)

    brighton_hits = find_activities(cities, "brighton", "football", now=NOW).hits
    plymouth_hits = find_activities(cities, "plymouth", "football", now=NOW).hits
    assert brighton_hits and plymouth_hits
    assert {h.key for h in brighton_hits}.isdisjoint({h.key for h in plymouth_hits})
    assert all("Portslade" in h.title or "Hove" in h.title for h in brighton_hits[:1])

    report = build_insights(
        cities(), "brighton", start=NOW - timedelta(days=7), end=NOW + timedelta(days=1)
    )
    text = repr(report)
    assert (
        "Plymouth" not in text and "football-player" not in text and "Football Player" not in text
    )


def test_claim_links_name_the_citys_own_numbers(cities: UnitOfWorkFactory) -> None:
    settings = Settings(sms_number="+447700900000", whatsapp_number="whatsapp:+447700900001")
    code = create_claim_code(cities(), SECRET, "brighton", "bh-seafront-sport")
    links = claim_links(settings, code.code, code.valid_until, code.channels)
    assert links.sms == f"Text CLAIM {code.code} to +447700900200"
    assert links.whatsapp is not None and links.whatsapp.startswith("https://wa.me/447700900201?")
    default = claim_links(settings, code.code, code.valid_until)  # a city naming no numbers
    assert default.sms == f"Text CLAIM {code.code} to +447700900000"


def test_a_learner_who_moves_takes_their_badges(cities: UnitOfWorkFactory) -> None:
    kid = register_learner(
        cities(),
        SECRET,
        "plymouth",
        "sms",
        "mover",
        age_band=AgeBand("16-18"),
        district="PL4",
        now=NOW,
    )
    code = create_claim_code(
        cities(), SECRET, "plymouth", "football-player", valid_from=NOW - timedelta(hours=1)
    ).code
    claim_badge(cities(), SECRET, kid.learner_id, code, now=NOW)
    assert move_learner(cities(), kid.public_id, "brighton") == "plymouth"
    assert [a.badge_name for a in learner_awards(cities(), kid.learner_id)] == ["Football Player"]
    with cities() as unit:
        learner = unit.session.get_one(Learner, kid.learner_id)
        assert learner.district is None
        assert (
            unit.session.scalar(
                select(Event.kind).where(Event.learner_id == learner.id).order_by(Event.id.desc())
            )
            == "learner_moved"
        )
        assert (
            unit.session.scalar(select(Award.status).where(Award.learner_id == learner.id))
            == "awarded"
        )
    assert start_conversation(cities(), SECRET, "sms", "mover", None, "plymouth").city == "brighton"
    brighton_code = create_claim_code(
        cities(), SECRET, "brighton", "bh-seafront-sport", valid_from=NOW - timedelta(hours=1)
    ).code
    claim_badge(cities(), SECRET, kid.learner_id, brighton_code, now=NOW)
    with pytest.raises(NotFound):
        move_learner(cities(), kid.public_id, "atlantis")


def test_a_learner_who_says_where_they_moved_is_moved_there_with_their_badges(
    cities: UnitOfWorkFactory,
) -> None:
    kid = register_learner(cities(), SECRET, "plymouth", "sms", "kid", district="PL4", now=NOW)
    code = create_claim_code(
        cities(), SECRET, "plymouth", "football-player", valid_from=NOW - timedelta(hours=1)
    ).code
    claim_badge(cities(), SECRET, kid.learner_id, code, now=NOW)

    def said(text: str, city: str) -> tuple[str | None, str | None, bool]:
        move = move_to(cities(), SECRET, "sms", "kid", text, city)
        return move.city, move.district, move.changed_city

    def stored() -> tuple[str, str | None]:
        with cities() as unit:
            learner = unit.session.get_one(Learner, kid.learner_id)
            return unit.session.get_one(City, learner.city_id).slug, learner.district

    # a place in no city served moves no one, and says which cities are
    nowhere = move_to(cities(), SECRET, "sms", "kid", "i moved to leeds", "plymouth")
    assert nowhere.city is None and nowhere.served == ("Plymouth", "Brighton and Hove")
    assert said("i've moved", "plymouth") == (None, None, False)
    mine = move_to(cities(), SECRET, "sms", "kid", "i dont live in plymouth anymore", "plymouth")
    assert mine.city is None and mine.words is not None  # their own city: asked which part
    assert stored() == ("plymouth", "PL4")
    # an area of their own city: the district changes, the city does not
    assert said("we moved to plympton", "plymouth") == ("plymouth", "PL7", False)
    assert stored() == ("plymouth", "PL7")
    # "brighton" is close to Plymouth's Brixton, but a city's own name comes first
    assert said("i've moved to brighton", "plymouth") == ("brighton", None, True)
    assert stored() == ("brighton", None)  # Plymouth's district is forgotten
    assert [a.badge_name for a in learner_awards(cities(), kid.learner_id)] == ["Football Player"]
    assert said("moved back to plymouth, PL1 now", "brighton") == ("plymouth", "PL1", True)
    assert stored() == ("plymouth", "PL1")
    # someone not registered: nothing is kept, the conversation's city follows
    assert move_to(cities(), SECRET, "sms", "stranger", "hove", "plymouth").city == "brighton"
    with cities() as unit:
        brighton = select(City.id).where(City.slug == "brighton").scalar_subquery()
        assert unit.session.scalar(select(Learner).where(Learner.city_id == brighton)) is None


def test_a_district_answer_on_a_shared_number_settles_the_city(cities: UnitOfWorkFactory) -> None:
    register_learner(cities(), SECRET, "plymouth", "sms", "newcomer", now=NOW)
    shared = "+447700900999"  # a number no pack names: several cities' front door
    settled = settle_district(cities(), SECRET, "sms", "newcomer", "hove, BN3", "plymouth", shared)
    assert (settled.district, settled.city) == ("BN3", "brighton")
    assert (
        start_conversation(cities(), SECRET, "sms", "newcomer", None, "plymouth").city == "brighton"
    )
    # a district of no loaded city, and one of the learner's own, change nothing
    assert (
        settle_district(cities(), SECRET, "sms", "newcomer", "M1", "brighton", shared).district
        is None
    )
    assert (
        settle_district(cities(), SECRET, "sms", "newcomer", "BN1", "brighton", shared).city
        == "brighton"
    )


def test_a_packs_numbers_are_international_as_twilio_gives_them(tmp_path: Path) -> None:
    docs = small_pack()
    docs["city"]["channels"] = {"sms": ["07700 900200"], "whatsapp": ["+44 7700 900201"]}
    [problem] = validate_pack(write_pack(tmp_path, docs))
    assert (problem.file, problem.field) == ("city.yaml", "channels.sms #1")
    docs["city"]["channels"]["sms"] = ["+44 7700 900200"]
    assert read_pack(write_pack(tmp_path, docs)).city.channels == {
        "sms": ["+447700900200"],
        "whatsapp": ["+447700900201"],
    }
