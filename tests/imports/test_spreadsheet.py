"""Reading a small provider's spreadsheet (the CSV template in docs/providers-csv.md)."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from badge_core.imports.records import WeeklyTime
from badge_core.imports.spreadsheet import COLUMNS, read_csv

REPO = Path(__file__).parents[2]
LONDON = ZoneInfo("Europe/London")


def test_the_documented_sample_reads_as_three_activities() -> None:
    batch = read_csv((REPO / "docs" / "providers-sample.csv").read_bytes(), LONDON)
    assert batch.skipped == []
    skate, zine, beats = batch.activities
    assert skate.weekly == [WeeklyTime(5, time(14), time(16)), WeeklyTime(2, time(17), time(19))]
    assert (skate.cost_pence, skate.age_min, skate.age_max) == (0, 11, 18)
    assert skate.place is not None and skate.place.district == "PL1"
    assert [s.starts_at for s in zine.sessions] == [
        datetime(2027, 2, 13, 13, tzinfo=LONDON),
        datetime(2027, 2, 20, 13, tzinfo=LONDON),
    ]
    assert zine.cost_pence == 200 and zine.tags == ["zines", "drawing", "writing"]
    assert beats.online and beats.place is None


def test_the_template_documents_every_column() -> None:
    header = (REPO / "docs" / "providers-sample.csv").read_text().splitlines()[0].split(",")
    assert header == COLUMNS
    documented = (REPO / "docs" / "providers-csv.md").read_text()
    assert all(f"`{column}`" in documented for column in COLUMNS)


def test_each_broken_row_is_reported_and_the_good_ones_kept() -> None:
    batch = read_csv(
        (Path(__file__).parent / "fixtures" / "csv" / "broken.csv").read_bytes(), LONDON
    )
    assert [a.external_id for a in batch.activities] == ["good-1"]
    assert {s.external_id: s.reason for s in batch.skipped} == {
        "row 3": "no id",
        "no-title-1": "row 4: no title",
        "bad-time-1": "row 5: start 'teatime' and end '18:00' must be times like 16:00 or 4pm",
        "bad-day-1": "row 6: day 'Someday' is not a day of the week",
        "backwards-1": "row 7: ends (16:00) before it starts (18:00)",
        "no-place-1": "row 8: no postcode, and not marked online",
        "bad-ages-1": "row 9: ages 'eleven' to 'sixteen' are not whole numbers",
    }


def test_a_spreadsheet_saved_from_excel_with_semicolons_reads() -> None:
    text = "ID;Title;Postcode;Day;Start;End\r\nx1;Chess club;PL4 6LB;Weds;4pm;5.30pm\r\n"
    batch = read_csv(text.encode("cp1252"), LONDON)
    assert batch.activities[0].weekly == [WeeklyTime(2, time(16), time(17, 30))]


def test_a_file_without_the_needed_columns_says_which() -> None:
    batch = read_csv(b"name,when\nChess,Monday\n", LONDON)
    assert batch.skipped[0].reason == "the header has no id, title column"
