"""Loading a city pack: idempotent, in place by id, all or nothing, and export round-trips."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from badge_core.citypack import export_pack, load_pack, pack_documents, read_pack
from badge_core.db import UnitOfWorkFactory, make_engine, unit_of_work_factory
from badge_core.errors import CityPackInvalid
from badge_core.messaging import MessageRules
from badge_core.models import Activity, Award, BadgeClass, Base, City, Learner
from badge_core.services.codes import create_claim_code
from tests.conftest import SECRET
from tests.core.packs import small_pack, write_pack


def dump(uow: UnitOfWorkFactory) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for comparing whole database states (read through the
    column types, so SQLite and PostgreSQL give the same values)."""
    with uow() as unit:
        return {
            name: sorted(unit.session.execute(select(table)).all(), key=repr)
            for name, table in Base.metadata.tables.items()
        }


def load(uow: UnitOfWorkFactory, folder: Path) -> int:
    return load_pack(uow(), read_pack(folder)).changes


def test_loading_the_same_pack_twice_changes_nothing(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    folder = write_pack(tmp_path / "pack", small_pack())
    assert load(empty_uow, folder) > 0
    before = dump(empty_uow)
    assert load(empty_uow, folder) == 0
    assert dump(empty_uow) == before


def test_the_demo_city_reloads_without_changes(uow: UnitOfWorkFactory) -> None:
    from tests.conftest import PLYMOUTH

    before = dump(uow)
    assert load(uow, PLYMOUTH) == 0
    assert dump(uow) == before


def _award_someone(uow: UnitOfWorkFactory, badge_key: str) -> int:
    with uow() as unit:
        badge = unit.session.scalar(select(BadgeClass).where(BadgeClass.key == badge_key))
        learner = Learner(city_id=badge.city_id, age_band="13-15")
        unit.session.add(learner)
        unit.session.flush()
        award = Award(learner_id=learner.id, badge_class_id=badge.id)
        unit.session.add(award)
        unit.session.commit()
        return award.id


def test_an_edited_pack_updates_in_place_and_keeps_awards(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    load(empty_uow, write_pack(tmp_path / "v1", docs))
    award_id = _award_someone(empty_uow, "team-player")
    with empty_uow() as unit:
        football_id = unit.session.scalar(select(Activity.id).where(Activity.key == "football"))

    football = docs["activities"]["activities"][0]
    football["title"] = "Saturday Football"
    football["schedule"].append({"day": "wednesday", "start": "17:00", "end": "18:00"})
    docs["badges"]["badges"][0]["name"] = "Team Player Award"
    load(empty_uow, write_pack(tmp_path / "v2", docs))

    with empty_uow() as unit:
        activity = unit.session.scalar(select(Activity).where(Activity.key == "football"))
        assert activity.id == football_id
        assert activity.title == "Saturday Football"
        assert sorted(s.weekday for s in activity.weekly_slots) == [2, 5]
        award = unit.session.get(Award, award_id)
        assert award is not None and award.badge_class.name == "Team Player Award"


def test_entries_dropped_from_the_pack_are_removed(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    load(empty_uow, write_pack(tmp_path / "v1", docs))
    docs["activities"]["activities"].pop(1)
    load(empty_uow, write_pack(tmp_path / "v2", docs))
    with empty_uow() as unit:
        keys = set(unit.session.scalars(select(Activity.key)))
    assert keys == {"football"}


def test_a_badge_learners_hold_cannot_be_dropped_and_nothing_changes(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    load(empty_uow, write_pack(tmp_path / "v1", docs))
    _award_someone(empty_uow, "good-listener")
    before = dump(empty_uow)

    docs["activities"]["activities"][0]["title"] = "Renamed"  # a change that must not land
    docs["activities"]["activities"].pop(1)
    docs["badges"]["badges"].pop(1)
    with pytest.raises(CityPackInvalid) as refused:
        load(empty_uow, write_pack(tmp_path / "v2", docs))
    assert refused.value.problems[0].entry == "good-listener"
    assert dump(empty_uow) == before


def test_a_badge_with_claim_codes_cannot_be_dropped(uow: UnitOfWorkFactory, tmp_path: Path) -> None:
    docs = pack_documents(uow(), "plymouth")
    badge_key = docs["badges"]["badges"][0]["id"]
    create_claim_code(uow(), SECRET, "plymouth", badge_key)
    before = dump(uow)

    docs["badges"]["badges"].pop(0)
    for activity in docs["activities"]["activities"]:
        activity["badges"] = [b for b in activity.get("badges", []) if b != badge_key]
    for pathway in docs["pathways"]["pathways"]:
        for step in pathway["steps"]:
            step["badges"] = [b for b in step.get("badges", []) if b != badge_key]
            step.setdefault("skills", ["teamwork"])
    with pytest.raises(CityPackInvalid) as refused:
        load(uow, write_pack(tmp_path / "edited", docs))
    assert "1 claim code(s)" in refused.value.problems[0].message
    assert dump(uow) == before


def _engine_for(tmp_path: Path, name: str, template: Path) -> Engine:
    import shutil

    shutil.copy(template, tmp_path / name)
    return make_engine(f"sqlite:///{tmp_path / name}")


def test_export_writes_a_pack_that_loads_to_the_same_state(
    uow: UnitOfWorkFactory, empty_db_template: Path, tmp_path: Path
) -> None:
    export_pack(uow(), "plymouth", tmp_path / "exported")
    fresh = unit_of_work_factory(_engine_for(tmp_path, "fresh.db", empty_db_template))
    load(fresh, tmp_path / "exported")

    assert dump(fresh) == dump(uow)
    assert pack_documents(fresh(), "plymouth") == pack_documents(uow(), "plymouth")


def test_a_city_sets_the_age_from_which_badges_may_carry_an_email(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    load(empty_uow, write_pack(tmp_path / "default", docs))
    with empty_uow() as unit:
        assert unit.session.scalars(select(City.email_min_age)).one() == 16
    assert "email_min_age" not in pack_documents(empty_uow(), docs["city"]["slug"])["city"]

    docs["city"]["email_min_age"] = 13
    load(empty_uow, write_pack(tmp_path / "thirteen", docs))
    with empty_uow() as unit:
        assert unit.session.scalars(select(City.email_min_age)).one() == 13
    assert pack_documents(empty_uow(), docs["city"]["slug"])["city"]["email_min_age"] == 13

    docs["city"]["email_min_age"] = 8  # younger than the bot's users: a mistake
    with pytest.raises(CityPackInvalid) as refused:
        load(empty_uow, write_pack(tmp_path / "eight", docs))
    assert "email_min_age" in str(refused.value.problems[0])


def test_a_citys_rules_for_messages_it_sends_first_load_export_and_are_checked(
    empty_uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    docs = small_pack()
    docs["city"]["messages"] = {
        "quiet_hours": {"from": "20:30", "to": "09:00"},
        "sms_per_week": 2,
        "sms_monthly_budget": 25.5,
        "whatsapp_templates": {"claim_decision": "HX" + "b" * 32},
    }
    load(empty_uow, write_pack(tmp_path / "rules", docs))
    with empty_uow() as unit:
        stored = unit.session.scalars(select(City.messages)).one()
    rules = MessageRules.of(stored)
    assert (rules.quiet_from, rules.quiet_to) == (time(20, 30), time(9, 0))
    assert (rules.sms_per_week, rules.sms_monthly_budget, rules.per_day) == (2, 25.5, 3)
    assert rules.whatsapp_templates == {"claim_decision": "HX" + "b" * 32}
    exported = pack_documents(empty_uow(), docs["city"]["slug"])["city"]["messages"]
    assert exported["quiet_hours"] == {"from": "20:30", "to": "09:00"}

    docs["city"]["messages"] = {"quiet_hours": {"from": "9pm", "to": "08:00"}, "per_day": 0}
    with pytest.raises(CityPackInvalid) as refused:
        load(empty_uow, write_pack(tmp_path / "bad", docs))
    said = " ".join(str(p) for p in refused.value.problems)
    assert "quiet_hours" in said and "per_day" in said
