"""Commissioning insights: every table reconciles with the events and awards behind it, small
numbers are suppressed so they cannot be recovered, and an empty city still renders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from badge_core.citypack import load_pack, pack_documents, read_pack
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import ClaimRefused
from badge_core.models import Award, Event
from badge_core.outbound.worker import Worker, channels_from_env
from badge_core.reporting import render_html, write_report
from badge_core.services.alerts import alert_me, plan
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_code
from badge_core.services.insights import Insights, build_insights
from badge_core.services.learners import register_learner
from badge_core.services.reminders import remind_me
from badge_core.services.search import find_activities
from badge_core.services.suppression import SUPPRESSED, Table, suppress
from colbot_shared.crypto import sealer
from tests.conftest import SECRET
from tests.core.packs import write_pack
from tests.e2e.fake_apis import FakeApis, channel_env

END = datetime(2026, 11, 28, 12, tzinfo=UTC)


def test_small_counts_are_shown_as_under_five_and_totals_too() -> None:
    table = Table("t", "t", ["what", "n"], [["a", 12], ["b", 3], ["c", 7], ["d", 0]], counts=1)
    shown = suppress(table)
    assert shown[1] == ["b", SUPPRESSED]
    assert shown[-1] == ["Total", 22]
    # one hidden cell beside a total would be recoverable: the next smallest is hidden too
    assert shown[2] == ["c", SUPPRESSED] and shown[0] == ["a", 12]
    assert shown[3] == ["d", 0]  # a true zero reveals nobody


def test_a_small_total_is_suppressed() -> None:
    shown = suppress(Table("t", "t", ["what", "n"], [["a", 1], ["b", 2]], counts=1))
    assert shown == [["a", SUPPRESSED], ["b", SUPPRESSED], ["Total", SUPPRESSED]]


def test_no_column_ever_has_exactly_one_hidden_cell_beside_its_total() -> None:
    import random

    rng = random.Random(3)
    for _ in range(300):
        rows = [[f"r{i}", rng.randint(0, 12), rng.randint(0, 12)] for i in range(rng.randint(1, 6))]
        shown = suppress(Table("t", "t", ["k", "x", "y"], rows, counts=2))
        for col in (1, 2):
            hidden = sum(row[col] == SUPPRESSED for row in shown[:-1])
            total_hidden = shown[-1][col] == SUPPRESSED
            assert hidden != 1 or total_hidden, (rows, shown)


def _traffic(uow: UnitOfWorkFactory) -> None:
    """Eight learners over three weeks: searches found and not, claims ok and refused."""
    for n in range(8):
        when = END - timedelta(days=3 + 2 * n)
        learner = register_learner(
            uow(),
            SECRET,
            "plymouth",
            "sms" if n % 2 else "telegram",
            f"ins-{n}",
            age_band="13-15",
            district="PL4",
            now=when,
        )
        profile = {"age_band": "13-15", "home_district": "PL4", "learner_id": learner.learner_id}
        find_activities(uow, "plymouth", "knitting", channel="sms", now=when, **profile)
        find_activities(uow, "plymouth", "football", channel="sms", now=when, **profile)
        code = create_claim_code(
            uow(),
            SECRET,
            "plymouth",
            "beat-maker",
            max_claims=1,
            valid_from=when - timedelta(hours=1),
            valid_until=when + timedelta(hours=1),
        ).code
        claim_badge(uow(), SECRET, learner.learner_id, code, channel="sms", now=when)
        with pytest.raises(ClaimRefused):
            claim_badge(uow(), SECRET, learner.learner_id, "ZZZZ9-ZZZZ9", channel="sms", now=when)


def test_every_table_reconciles_with_the_events_behind_it(uow: UnitOfWorkFactory) -> None:
    _traffic(uow)
    insights = build_insights(uow(), "plymouth", start=END - timedelta(weeks=12), end=END)
    with uow() as unit:
        events = list(unit.session.scalars(select(Event)))
        awards = list(unit.session.scalars(select(Award)))
        searches = [e for e in events if e.kind == "search"]
        unmet = insights.table("unmet_demand")
        for name in ("unmet_demand", "unmet_demand_by_district", "unmet_demand_by_age_band"):
            table = insights.table(name)
            assert sum(r[1] for r in table.rows) == len(searches), name
            assert sum(r[2] for r in table.rows) == sum(not e.data["results"] for e in searches), (
                name
            )
        assert ["knitting", 8, 8] in unmet.rows  # 8 learners asked: shown
        assert insights.table("unmet_demand_by_district").rows == [["PL4", 16, 8]]
        by_skill = insights.table("badges_by_skill")
        assert sum(r[2] for r in by_skill.rows) == sum(len(a.badge_class.skills) for a in awards)
        failures = dict((r[0], r[1]) for r in insights.table("claim_failures").rows)
        assert failures == {"CodeUnknown": 8}
        reach = insights.table("reach")
        assert sum(r[2] for r in reach.rows) == len(
            {
                (e.occurred_at.isocalendar()[:2], e.channel, e.learner_id)
                for e in events
                if e.learner_id
            }
        )
        codes = insights.table("codes_by_event")
        assert sum(r[3] for r in codes.rows) == len(awards)


def test_interests_fewer_than_five_learners_used_stay_hidden(uow: UnitOfWorkFactory) -> None:
    for n in range(4):
        learner = register_learner(
            uow(), SECRET, "plymouth", "sms", f"rare-{n}", now=END - timedelta(days=1)
        )
        find_activities(
            uow,
            "plymouth",
            "underwater basket weaving",
            learner_id=learner.learner_id,
            now=END - timedelta(days=1),
        )
    insights = build_insights(uow(), "plymouth", start=END - timedelta(weeks=1), end=END)
    interests = {r[0] for r in insights.table("unmet_demand").rows}
    assert interests == {"(other interests)"}


def test_the_try_it_web_chat_cannot_put_a_phrase_on_the_report(uow: UnitOfWorkFactory) -> None:
    """M2: five browser cookies were five learners, and their searches the city's demand."""
    when = END - timedelta(days=1)
    for n in range(6):
        learner = register_learner(uow(), SECRET, "plymouth", "rest", f"web-cookie-{n}", now=when)
        find_activities(
            uow,
            "plymouth",
            "underwater basket weaving",
            channel="rest",
            learner_id=learner.learner_id,
            now=when,
        )
    insights = build_insights(uow(), "plymouth", start=END - timedelta(weeks=1), end=END)
    assert insights.table("unmet_demand").rows == []
    assert insights.table("reach").rows == []


def test_the_report_renders_from_an_empty_city(uow: UnitOfWorkFactory, tmp_path: Path) -> None:
    written = write_report(build_insights(uow(), "plymouth"), tmp_path / "report")
    page = (tmp_path / "report" / "index.html").read_text()
    assert "No data in this period." in page and "Plymouth" in page
    assert len(written) == 1 + len(build_insights(uow(), "plymouth").tables)


def test_the_report_has_charts_and_csvs_with_suppressed_values(
    uow: UnitOfWorkFactory, tmp_path: Path
) -> None:
    _traffic(uow)
    write_report(
        build_insights(uow(), "plymouth", start=END - timedelta(weeks=12), end=END), tmp_path / "r"
    )
    page = (tmp_path / "r" / "index.html").read_text()
    assert page.count("data:image/png;base64,") >= 2
    lines = (tmp_path / "r" / "badges_by_provider.csv").read_text().splitlines()
    assert lines == ["provider,badges", "Sound Harbour,8", "Total,8"]
    lines = (tmp_path / "r" / "claim_failures.csv").read_text().splitlines()
    assert lines == ["reason,attempts", "CodeUnknown,8", "Total,8"]


def test_the_report_page_escapes_names_titles_and_cells() -> None:
    """The report is a template with autoescaping on: markup in a city's name, a chart's
    title or a table (an interest a young person typed, a provider's name) is shown, never run."""
    insights = Insights(
        city_name="Plymouth <script>alert(1)</script>",
        start=END - timedelta(weeks=1),
        end=END,
        tables=[
            Table(
                "unmet_demand",
                "What <i>they</i> asked",
                ["<b>interest</b>", "searches"],
                [["<b>bold</b> & more", 12]],
                counts=1,
            )
        ],
        weekly={'Searches "that" <em>found</em> nothing': [("2026-11-16", 7)]},
    )
    page = render_html(insights)
    shown = "Plymouth &lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{shown} Cities of Learning: insights</title>" in page
    assert f"<h1>{shown}: commissioning insights</h1>" in page
    assert "<h2>What &lt;i&gt;they&lt;/i&gt; asked</h2>" in page
    assert "<th>&lt;b&gt;interest&lt;/b&gt;</th>" in page
    assert "<td>&lt;b&gt;bold&lt;/b&gt; &amp; more</td>" in page
    alt = "Searches &#34;that&#34; &lt;em&gt;found&lt;/em&gt; nothing by week"
    assert f'<img alt="{alt}" src="data:image/png;base64,' in page
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page and "<em>" not in page


def test_what_followed_a_reminder_is_counted_per_activity_and_small_numbers_hidden(
    uow: UnitOfWorkFactory, fake_apis: FakeApis
) -> None:
    """Seven learners reminded of Code Club's next session, five of them claimed its badge
    there that day; two reminded of Plympton's, one claimed: shown as under five."""
    friday = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    fake_apis.clear()
    plan = [("code-club-central", 7, 5), ("plympton-code-club", 2, 1)]
    claims = []
    for activity, reminded, claimed in plan:
        for n in range(reminded):
            sender = f"{activity}-{n}"
            learner = register_learner(
                uow(), SECRET, "plymouth", "telegram", sender, age_band="13-15", now=friday
            )
            starts = remind_me(
                uow(),
                SECRET,
                "plymouth",
                "telegram",
                sender,
                sealer(SECRET).seal(str(700 + n)).decode(),
                activity,
                now=friday,
            ).starts_at
            if n < claimed:
                claims.append((learner.learner_id, activity, starts))
    with httpx.Client() as client:
        worker = Worker(uow, SECRET, channels_from_env(channel_env(fake_apis), client))
        at = friday
        while at < friday + timedelta(days=8):  # the worker, looking every half hour
            worker.run_once(at)
            at += timedelta(minutes=30)
    for learner_id, activity, starts in claims:
        code = create_claim_code(
            uow(),
            SECRET,
            "plymouth",
            "code-club-coder",
            activity_key=activity,
            valid_from=starts - timedelta(hours=1),
        ).code
        claim_badge(uow(), SECRET, learner_id, code, now=starts + timedelta(minutes=20))
    fake_apis.clear()

    table = build_insights(uow(), "plymouth", start=friday, end=friday + timedelta(days=9)).table(
        "reminders"
    )
    assert table.rows == [
        ["Code Club at Central Library", 7, 5],
        ["Plympton Code Club: micro:bits and robots", 2, 1],
    ]
    assert table.shown()[1][1:] == [SUPPRESSED, SUPPRESSED]


def test_what_followed_an_alert_is_counted_per_activity_and_small_numbers_hidden(
    uow: UnitOfWorkFactory, fake_apis: FakeApis, tmp_path: Path
) -> None:
    """Seven learners asked to hear of skateboarding; a skate jam opens and all seven are
    told; five of them search within the week, three claim a badge there: three is shown as
    under five."""
    friday = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    fake_apis.clear()
    learners = []
    for n in range(7):
        sender = f"skater-{n}"
        learners.append(
            register_learner(
                uow(), SECRET, "plymouth", "telegram", sender, age_band="13-15", now=friday
            ).learner_id
        )
        address = sealer(SECRET).seal(str(800 + n)).decode()
        alert_me(
            uow(),
            SECRET,
            "plymouth",
            "telegram",
            sender,
            address,
            "tell me when there's skateboarding",
            now=friday,
        )
    docs = pack_documents(uow(), "plymouth")
    first = docs["activities"]["activities"][0]
    docs["activities"]["activities"].append(
        {
            "id": "skate-jam",
            "title": "Skate Jam",
            "description": "Drop in on the ramps with coaches.",
            "provider": first["provider"],
            "venue": first["venue"],
            "age_min": 11,
            "age_max": 16,
            "tags": ["skateboarding"],
            "badges": first["badges"],
            "schedule": [{"day": "saturday", "start": "14:00", "end": "16:00"}],
        }
    )
    load_pack(uow(), read_pack(write_pack(tmp_path / "pack", docs)))
    with httpx.Client() as client:
        worker = Worker(
            uow,
            SECRET,
            channels_from_env(channel_env(fake_apis), client),
            planner=lambda now: plan(uow, now=now).counts(),
        )
        assert worker.run_once(friday + timedelta(hours=1)).counts == {
            "alerts_queued": 7,
            "sent": 7,
        }
    for learner_id in learners[:5]:
        find_activities(
            uow, "plymouth", "skateboarding", learner_id=learner_id, now=friday + timedelta(days=1)
        )
    saturday = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
    for learner_id in learners[:3]:
        code = create_claim_code(
            uow(),
            SECRET,
            "plymouth",
            first["badges"][0],
            activity_key="skate-jam",
            valid_from=saturday,
        ).code
        claim_badge(uow(), SECRET, learner_id, code, now=saturday + timedelta(minutes=30))
    fake_apis.clear()

    table = build_insights(uow(), "plymouth", start=friday, end=friday + timedelta(days=9)).table(
        "alerts"
    )
    assert table.rows == [["Skate Jam", 7, 5, 3]]
    assert table.shown()[0][1:] == [7, 5, SUPPRESSED]
