"""Finding activities, "more", and details of one: run with rasa-sdk's own Tracker and
CollectingDispatcher against a real database (the ``use_database`` fixture, tests/actions/conftest.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from actions.catalogue import ActionActivityDetails, ActionFindActivities, ActionMoreResults
from badge_core.citypack import load_pack, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.models import Activity, AgeBand
from badge_core.queries.cities import get_city
from badge_core.services.catalogue import occurrences
from tests.actions.support import (
    CITY,
    SENDER,
    Ran,
    events_of,
    make_tracker,
    register,
    run,
    started,
    stored_text_matching,
)
from tests.core.packs import small_pack, write_pack

DatabaseInstaller = Callable[[str], UnitOfWorkFactory]

ITEM = re.compile(
    r"^(?P<number>\d+)\. (?P<title>.+)\n"
    r"   (?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2}) "
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?P<half>am|pm) · (?P<place>.+?) · "
    r"(?P<cost>free|£\d+(?:\.\d{2})?) · ages (?P<low>\d+)-(?P<high>\d+)$",
    re.MULTILINE,
)


def listed(text: str) -> list[re.Match[str]]:
    """The numbered activities in a list, each with its two lines parsed."""
    return list(ITEM.finditer(text))


def results(ran: Ran) -> tuple[str, dict[str, Any]]:
    """The one message a search or "more" answered with: (its response, its variables)."""
    assert len(ran.said) == 1, f"one message expected: {ran.said}"
    return ran.said[0]


def find(text: str = "what's on", *, entities=(), **kwargs):
    """The action's run in a conversation the session start began (as Rasa's do), where the
    bot already asked what they are into (tests/actions/test_for_you_actions.py asks)."""
    kwargs.setdefault("slots", started(kwargs.get("sender", SENDER), kwargs.get("channel")))
    kwargs["slots"] = {"for_you_asked": True, **kwargs["slots"]}
    return run(
        ActionFindActivities(), make_tracker(text, "find_activity", entities=entities, **kwargs)
    )


def activities(uow: UnitOfWorkFactory, keys: list[str]) -> list[Activity]:
    with uow() as unit:
        found = {
            a.key: a for a in unit.session.scalars(select(Activity).where(Activity.key.in_(keys)))
        }
    return [found[key] for key in keys]


def session_times(uow: UnitOfWorkFactory, key: str) -> set[tuple]:
    """Every session of the activity around the next two weeks, as a learner would read it."""
    now = datetime.now(UTC)
    with uow() as unit:
        city = get_city(unit, CITY)
        tz = ZoneInfo(city.timezone)
        found = occurrences(unit, city, now - timedelta(days=1), now + timedelta(days=16))
    times = set()
    for occurrence in found:
        if occurrence.activity_key == key:
            local = occurrence.starts_at.astimezone(tz)
            times.add(
                (
                    f"{local:%a}",
                    local.day,
                    f"{local:%b}",
                    local.hour % 12 or 12,
                    local.minute,
                    "am" if local.hour < 12 else "pm",
                )
            )
    return times


def shown_time(item: re.Match[str]) -> tuple:
    return (
        item["weekday"],
        int(item["day"]),
        item["month"],
        int(item["hour"]),
        int(item["minute"] or 0),
        item["half"],
    )


def price(pence: int) -> str:
    return (
        "free"
        if pence == 0
        else f"£{pence // 100}" + (f".{pence % 100:02d}" if pence % 100 else "")
    )


def titles(uow: UnitOfWorkFactory, keys: list[str]) -> list[str]:
    return [a.title for a in activities(uow, keys)]


# ------------------------------------------------------------------------ find activities


def test_find_lists_three_numbered_results_with_times_and_cost(db: UnitOfWorkFactory) -> None:
    ran = find()
    keys = ran.slots["activity_results"]
    response, said = results(ran)
    assert response == "utter_activities_more", "all that was asked for, and more to come"
    assert (said["what"], said["where"], said["when"]) == ("", "", ""), "nothing was asked for"
    items = listed(said["activities"])
    assert [item["number"] for item in items] == ["1", "2", "3"], f"three numbered results: {said}"
    assert ran.slots["results_shown"] == 3
    assert 3 < len(keys) <= 30, "the slot keeps the further results for 'more', at most 30"
    # As the learner reads it (one SMS): a heading, the list, then how to go on.
    lines = ran.texts[0].splitlines()
    assert lines[0] == "Here's what's on:"
    assert lines[1:-1] == said["activities"].splitlines()
    assert lines[-1] == 'Say "more" for more, or "tell me about 1".'
    for item, activity in zip(items, activities(db, keys[:3]), strict=True):
        assert item["title"] == activity.title, "results must be listed in the order stored"
        assert item["cost"] == price(activity.cost_pence), f"wrong cost for {activity.key}"
        assert (int(item["low"]), int(item["high"])) == (activity.age_min, activity.age_max)
        assert shown_time(item) in session_times(db, activity.key), (
            f"{activity.key} is shown at a time it does not meet: {item.group(0)}"
        )


def test_find_respects_the_learners_age_band(db: UnitOfWorkFactory) -> None:
    anyone = find(sender="someone-without-a-profile").slots["activity_results"]
    low, high = AgeBand.UNDER_13.ages
    assert any(a.age_min > high for a in activities(db, anyone)), (
        "precondition: some results are too old"
    )
    register(db, age_band="under-13")
    ran = find()
    keys = ran.slots["activity_results"]
    assert keys, "there is something on for under-13s"
    unsuitable = [a.key for a in activities(db, keys) if a.age_min > high or a.age_max < low]
    assert unsuitable == [], f"activities outside the learner's age band were offered: {unsuitable}"


def test_find_logs_a_search_event(db: UnitOfWorkFactory) -> None:
    learner_id = register(db, age_band="13-15", district="PL4").learner_id
    ran = find("any football?", entities=[("interest", "football")])
    searches = events_of(db, "search")
    assert len(searches) == 1, "each search is logged once"
    event = searches[0]
    assert (event.learner_id, event.channel) == (learner_id, "rest")
    assert event.data["interest"] == "football"
    assert event.data["age_band"] == "13-15"
    assert event.data["results"] == len(ran.slots["activity_results"]) > 0


def test_a_search_with_no_match_offers_alternatives_kindly_and_is_logged(
    db: UnitOfWorkFactory,
) -> None:
    ran = find("is there any knitting", entities=[("interest", "knitting")])
    response, said = results(ran)
    assert response == "utter_activities_instead_more", "nothing like it: other things instead"
    assert said["what"] == " for knitting"
    assert ran.texts[0].startswith(
        "I couldn't find anything for knitting right now 😕 I've told the city team people are asking "
        '(say "alert me" to hear when there is). '
        "Here's what else is on:\n1. "
    ), ran.texts[0]
    assert len(listed(said["activities"])) == 3, "alternatives must be listed"
    assert ran.slots["activity_results"], "the alternatives are kept for 'more' and details"
    [event] = events_of(db, "search")
    assert (event.data["interest"], event.data["results"]) == ("knitting", 0), (
        "unmet demand must be logged with 0 results for the city team"
    )


def test_when_everything_fits_on_one_page_more_is_not_offered(db: UnitOfWorkFactory) -> None:
    register(db, age_band="under-13")
    ran = find("football", entities=[("interest", "football")])
    keys = ran.slots["activity_results"]
    assert 1 <= len(keys) <= 3, f"precondition: a short list for under-13 football, got {keys}"
    assert ran.slots["results_shown"] == len(keys)
    response, said = results(ran)
    assert response == "utter_activities", "the form that does not offer more"
    assert len(listed(said["activities"])) == len(keys)
    assert ran.texts[0].endswith('Say "tell me about 1" for details.')
    assert '"more"' not in ran.texts[0]


def test_a_full_postcode_typed_in_a_search_is_not_stored(db: UnitOfWorkFactory) -> None:
    # The NLU is trained to tag only the district of a postcode as the location
    # ("my postcode is [PL4] 8AA", nlu_data/nlu/onboarding.yml).
    ran = find("anything on near PL4 6AB", entities=[("location", "PL4")])
    assert ran.texts, "precondition: the search answered"
    stored = stored_text_matching(db, r"\b6ab\b")
    assert stored == [], f"the rest of the postcode was stored: {stored}"


# ------------------------------------------------------------- a small city, for edge cases


def small_city(
    use_database: DatabaseInstaller, empty_db_url: str, tmp_path: Path, change=None
) -> UnitOfWorkFactory:
    docs = small_pack()
    docs["city"]["slug"] = "plymouth"  # the default city
    if change:
        change(docs)
    uow = use_database(empty_db_url)
    load_pack(uow(), read_pack(write_pack(tmp_path / "pack", docs)))
    return uow


def test_nothing_on_at_all(
    use_database: DatabaseInstaller, empty_db_url: str, tmp_path: Path
) -> None:
    def only_a_past_session(docs) -> None:
        docs["activities"]["activities"].pop(0)
        docs["activities"]["activities"][0]["sessions"] = [
            {"start": "2020-03-01T18:00", "end": "2020-03-01T19:30"}
        ]

    small_city(use_database, empty_db_url, tmp_path, only_a_past_session)
    ran = find()
    assert ran.said == [("utter_nothing_on", {})]
    assert ran.slots == {"activity_results": [], "results_shown": 0, "searched_interest": None}


def test_nothing_at_the_asked_time_offers_later_ones(
    use_database: DatabaseInstaller, empty_db_url: str, tmp_path: Path
) -> None:
    small_city(use_database, empty_db_url, tmp_path)  # football only meets on Saturdays
    ran = find("football on tuesday", entities=[("interest", "football"), ("when", "tuesday")])
    response, said = results(ran)
    assert response == "utter_activities_later"
    assert (said["what"], said["where"], said["when"]) == (" for football", "", " on Tuesday")
    assert [item["title"] for item in listed(said["activities"])] == ["Football"]
    # What was asked for reads as one phrase in the heading.
    assert ran.texts[0].splitlines()[0] == (
        "Nothing for football on Tuesday, but here's what's on later:"
    )


def test_nothing_at_the_asked_place_offers_ones_further_away(
    use_database: DatabaseInstaller, empty_db_url: str, tmp_path: Path
) -> None:
    def far_district(docs) -> None:
        docs["places"]["districts"].append(
            {"id": "PL7", "name": "Plympton", "lat": 50.39, "lon": -4.05}
        )

    small_city(use_database, empty_db_url, tmp_path, far_district)
    ran = find("football near PL7", entities=[("interest", "football"), ("location", "PL7")])
    response, said = results(ran)
    assert response == "utter_activities_further_away"
    assert (said["what"], said["where"]) == (" for football", " near PL7")
    assert [item["title"] for item in listed(said["activities"])] == ["Football"]
    assert ran.texts[0].splitlines()[0] == "Nothing for football near PL7 soon, but there's this:"


# ------------------------------------------------------------------------------- more


def test_more_shows_the_next_page_numbered_on(db: UnitOfWorkFactory) -> None:
    first = find()
    keys = first.slots["activity_results"]
    assert len(keys) >= 6, "precondition: at least two pages"
    ran = run(
        ActionMoreResults(),
        make_tracker("more", "more_results", slots={**first.slots, "results_shown": 3.0}),
    )
    response, said = results(ran)
    assert response == "utter_activities_next_page"
    assert ran.texts == [said["activities"]], "the next page is the list alone"
    items = listed(said["activities"])
    assert [item["number"] for item in items] == ["4", "5", "6"]
    assert [item["title"] for item in items] == titles(db, keys[3:6])
    assert ran.slots == {"results_shown": 6}


def test_a_repeated_search_sends_rasa_only_the_slots_it_changes(db: UnitOfWorkFactory) -> None:
    first = find()
    shown = {**first.slots, "results_shown": 3.0}  # as Rasa keeps a float slot
    again = find(slots=shown)
    assert again.said == first.said
    assert again.events == [], "same results, same count: nothing for Rasa to store and replay"
    other = find("football", entities=[("interest", "football")], slots=shown)
    response, said = results(other)
    assert (response, said["what"]) == ("utter_activities", " for football")
    assert other.slots["activity_results"] != first.slots["activity_results"]
    assert "results_shown" not in other.slots, "three shown again: the count stays as it is"


def test_more_says_when_there_is_nothing_more(db: UnitOfWorkFactory) -> None:
    keys = ["code-club-central", "story-forge-central"]
    ran = run(
        ActionMoreResults(),
        make_tracker(
            "more", "more_results", slots={"activity_results": keys, "results_shown": 2.0}
        ),
    )
    assert ran.said == [("utter_no_more_results", {})]
    assert ran.events == [], "nothing shown, so the count must not move"


def test_more_before_any_search_asks_what_they_want(db: UnitOfWorkFactory) -> None:
    ran = run(ActionMoreResults(), make_tracker("more", "more_results"))
    assert ran.said == [("utter_more_before_search", {})]
    assert ran.events == []


# ------------------------------------------------------------------------------- details


def details(text: str, slots: dict) -> Ran:
    ran = run(ActionActivityDetails(), make_tracker(text, "activity_details", slots=slots))
    changed = [e for e in ran.events if e.get("name") != "activity_in_focus"]
    assert changed == [], "details change no slot but the one 'remind me' reads"
    focus = [e["value"] for e in ran.events if e.get("name") == "activity_in_focus"]
    shown = ran.responses == ["utter_activity_details"]
    assert len(focus) == (1 if shown else 0), "the activity shown is the one in focus"
    return ran


def card(text: str, slots: dict) -> str:
    """The details of one activity, as the learner reads them."""
    ran = details(text, slots)
    assert ran.responses == ["utter_activity_details"], ran.said
    [shown] = ran.texts
    assert shown == ran.said[0][1]["details"], "the card is the whole message"
    return shown


def test_details_of_the_2nd_one(db: UnitOfWorkFactory) -> None:
    found = find()
    text = card("tell me about the 2nd one", found.slots)
    second = activities(db, [found.slots["activity_results"][1]])[0]
    assert text.splitlines()[0].startswith(f"{second.title} ("), f"expected {second.title}: {text}"
    shown = details("tell me about the 2nd one", found.slots)
    assert shown.slots["activity_in_focus"] == found.slots["activity_results"][1]  # remind me


def test_details_of_the_last_one_after_more(db: UnitOfWorkFactory) -> None:
    found = find()
    more = run(ActionMoreResults(), make_tracker("more", "more_results", slots=found.slots))
    slots = {**found.slots, **more.slots}
    text = card("the last one", slots)
    sixth = activities(db, [found.slots["activity_results"][5]])[0]
    assert text.splitlines()[0].startswith(f"{sixth.title} ("), f"the last shown is the 6th: {text}"


def test_details_say_what_where_when_cost_and_badges(db: UnitOfWorkFactory) -> None:
    slots = {"activity_results": ["code-club-central", "story-forge-central"], "results_shown": 2.0}
    lines = card("tell me about 1", slots).splitlines()
    assert lines[0] == "Code Club at Central Library (Plymouth Libraries)"
    assert lines[1].startswith("Make your own games and animations in Scratch")
    assert re.fullmatch(r"Next: Tue \d{1,2} [A-Z][a-z]{2} 4pm-5:30pm", lines[2]), lines[2]
    assert "Where: Central Library, PL1, 167-171 Armada Way" in lines
    assert "Free · ages 11-14" in lines
    assert any(line.startswith("How to go: Just turn up") for line in lines)
    assert lines[-1] == "Badges you can earn: Code Club Coder"


def test_details_of_an_online_activity_give_no_address(db: UnitOfWorkFactory) -> None:
    slots = {"activity_results": ["code-club-central", "write-club-online"], "results_shown": 2.0}
    text = card("number 2", slots)
    assert text.startswith("Sunday Write Club Online (")
    assert "Where: Online" in text.splitlines()


def test_details_before_any_search(db: UnitOfWorkFactory) -> None:
    assert details("tell me about 2", {}).said == [("utter_details_before_search", {})]


def test_details_when_it_is_not_clear_which(db: UnitOfWorkFactory) -> None:
    slots = {"activity_results": ["code-club-central", "story-forge-central"], "results_shown": 2.0}
    assert details("tell me about 7", slots).said == [("utter_which_activity", {})]


def test_details_of_an_activity_that_has_gone(db: UnitOfWorkFactory) -> None:
    slots = {"activity_results": ["retired-activity", "code-club-central"], "results_shown": 2.0}
    assert details("tell me about 1", slots).said == [("utter_activity_gone", {})]


def test_details_only_of_results_already_shown(db: UnitOfWorkFactory) -> None:
    slots = {
        "activity_results": ["code-club-central", "story-forge-central", "write-club-online"],
        "results_shown": 2.0,
    }
    assert details("tell me about 3", slots).said == [("utter_which_activity", {})], (
        "the 3rd result was not shown yet, so it cannot be meant"
    )


def test_details_of_a_result_named_by_its_title(db: UnitOfWorkFactory) -> None:
    slots = {
        "activity_results": [
            "code-club-central",
            "friday-kickabout-home-park",
            "story-forge-central",
        ],
        "results_shown": 3.0,
    }
    text = card("tell me about the football one", slots)
    assert text.startswith("Friday Night Kickabout ("), (
        f"asked for the football one, got: {text.splitlines()[0]}"
    )


def test_numbers_still_match_the_list_after_an_earlier_result_has_gone(
    db: UnitOfWorkFactory,
) -> None:
    slots = {"activity_results": ["retired-activity", "code-club-central"], "results_shown": 2.0}
    text = card("tell me about 2", slots)
    assert text.startswith("Code Club at Central Library ("), (
        f"the 2nd listed was Code Club, got: {text}"
    )
