"""Youth workers: invites, codes for their own provider's badges, closing codes, approvals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from badge_core.cli import main as colbot
from badge_core.config import Settings
from badge_core.db import UnitOfWorkFactory
from badge_core.errors import (
    ClaimRefused,
    CodeExpired,
    InvalidRequest,
    InviteUnknown,
    NotFound,
    StaffNotAllowed,
)
from badge_core.models import Award, ClaimCode, Event, Staff
from badge_core.services.approvals import pending_claims, review_claim
from badge_core.services.claims import claim_badge
from badge_core.services.codes import create_claim_codes, end_of_local_day
from badge_core.services.invites import accept_invite, invite_staff
from badge_core.services.learners import register_learner
from badge_core.services.staff import list_staff, remove_staff, staff_member
from badge_core.services.staff_codes import (
    AMOUNTS,
    NO_SESSION,
    WINDOWS,
    CodeAmount,
    CodeRequest,
    amount_of,
    badge_of_provider,
    close_code,
    code_statuses,
    default_session,
    is_window,
    issue_codes,
    only_badge,
    provider_badges,
    read_amount,
    read_badge,
    read_session,
    read_window,
    session_choice,
    window_end,
)
from tests.conftest import SECRET, selects

LIBRARIES = "plymouth-libraries"  # awards code-club-coder among others
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _join(
    uow: UnitOfWorkFactory,
    sender: str = "worker-1",
    role: str = "issuer",
    provider: str = LIBRARIES,
) -> int:
    invite = invite_staff(uow(), SECRET, "plymouth", provider, role, now=NOW)
    return accept_invite(
        uow(), SECRET, "telegram", sender, invite.code.lower(), city_slug="plymouth", now=NOW
    ).staff_id


def test_an_invite_links_a_chat_identity_once_and_only_hashes_are_kept(
    uow: UnitOfWorkFactory,
) -> None:
    invite = invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "issuer", label="Sam", now=NOW)
    assert invite.code.startswith("STAFF ") and len(invite.code) == 20  # STAFF XXXX-XXXX-XXXX
    assert staff_member(uow(), SECRET, "telegram", "worker-1") is None
    member = accept_invite(
        uow(),
        SECRET,
        "telegram",
        "worker-1",
        f"hi, my invite is {invite.code}",
        city_slug="plymouth",
        now=NOW,
    )
    assert (member.provider_key, member.role, member.joined) == (LIBRARIES, "issuer", True)
    assert staff_member(uow(), SECRET, "telegram", "worker-1") == member
    assert staff_member(uow(), SECRET, "sms", "worker-1") is None
    with pytest.raises(InviteUnknown):  # used once
        accept_invite(
            uow(), SECRET, "telegram", "someone-else", invite.code, city_slug="plymouth", now=NOW
        )
    with uow() as unit:
        row = unit.session.scalar(select(Staff))
        assert "worker-1" not in (row.address_hash or "") and row.invite_hash is None


def test_an_invite_expires_after_two_days(uow: UnitOfWorkFactory) -> None:
    invite = invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "issuer", now=NOW)
    assert invite.expires_at == NOW + timedelta(days=2)
    with pytest.raises(InviteUnknown):
        accept_invite(
            uow(),
            SECRET,
            "telegram",
            "late",
            invite.code,
            city_slug="plymouth",
            now=NOW + timedelta(days=2, minutes=1),
        )


def test_only_an_org_admin_of_the_provider_invites_issuers_from_chat(
    uow: UnitOfWorkFactory,
) -> None:
    admin = _join(uow, "admin-1", "org-admin")
    issuer = _join(uow, "issuer-1", "issuer")
    invite = invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "issuer", invited_by=admin, now=NOW)
    assert invite.role == "issuer"
    with pytest.raises(StaffNotAllowed):
        invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "issuer", invited_by=issuer, now=NOW)
    with pytest.raises(StaffNotAllowed):
        invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "org-admin", invited_by=admin, now=NOW)
    other = next(
        key
        for key in ("plymouth-music-zone", "the-zone", "barbican-theatre")
        if _provider_exists(uow, key)
    )
    with pytest.raises(StaffNotAllowed):
        invite_staff(uow(), SECRET, "plymouth", other, "issuer", invited_by=admin, now=NOW)


def _provider_exists(uow: UnitOfWorkFactory, key: str) -> bool:
    from badge_core.models import Provider

    with uow() as unit:
        return unit.session.scalar(select(Provider.id).where(Provider.key == key)) is not None


def test_staff_see_and_issue_only_their_own_providers_badges(uow: UnitOfWorkFactory) -> None:
    staff_id = _join(uow)
    badges = dict(provider_badges(uow(), staff_id))
    assert "code-club-coder" in badges and "beat-maker" not in badges
    choice = badge_of_provider(uow(), staff_id, "code-club-coder")
    assert choice.city == "plymouth" and choice.timezone == "Europe/London"
    assert {key for key, _ in choice.activities} == {"code-club-central", "plympton-code-club"}
    with pytest.raises(StaffNotAllowed):
        badge_of_provider(uow(), staff_id, "beat-maker")


def test_a_youth_worker_chooses_a_shared_capped_code_or_single_use_codes() -> None:
    shared = {key: (a.count, a.max_claims) for key, a in AMOUNTS.items() if a.count == 1}
    single = {key: (a.count, a.max_claims) for key, a in AMOUNTS.items() if a.max_claims == 1}
    assert shared == {"cap-30": (1, 30), "cap-60": (1, 60)}
    assert single == {"single-5": (5, 1), "single-10": (10, 1)}
    assert amount_of("cap-60") == AMOUNTS["cap-60"]
    for made_up in ("cap-999", "single-200", "", None, ["cap-30"]):
        assert amount_of(made_up) is None, made_up


def test_a_code_works_until_midnight_for_two_hours_or_for_a_week() -> None:
    assert list(WINDOWS) == ["midnight", "2h", "7d"]
    evening = datetime(2026, 7, 1, 18, 30, tzinfo=UTC)  # 19:30 in Plymouth (BST)
    assert window_end("midnight", evening, "Europe/London") == datetime(
        2026, 7, 1, 23, 0, tzinfo=UTC
    )  # midnight in the city, not in UTC
    assert window_end("midnight", evening, "Europe/London") == end_of_local_day(
        evening, "Europe/London"
    )
    assert window_end("2h", evening, "Europe/London") == evening + timedelta(hours=2)
    assert window_end("7d", evening, "Europe/London") == evening + timedelta(days=7)
    assert is_window("7d") and not is_window("forever") and not is_window(None)


def test_a_step_with_one_choice_is_not_asked_and_a_session_must_be_the_badges() -> None:
    one, two = [("only-badge", "Only")], [("a", "A"), ("b", "B")]
    assert only_badge(one) == "only-badge"
    assert only_badge(two) is None and only_badge([]) is None
    assert default_session(one) == "only-badge"  # the badge's only session
    assert default_session([]) == NO_SESSION  # no activity awards it
    assert default_session(two) is None  # asked
    assert session_choice(two, "b") == "b"
    for other in ("elsewhere", NO_SESSION, None, ["a"]):
        assert session_choice(two, other) == NO_SESSION, other


def _codes_made(uow: UnitOfWorkFactory) -> list[ClaimCode]:
    with uow() as unit:
        codes = list(unit.session.scalars(select(ClaimCode).order_by(ClaimCode.id)))
        for code in codes:
            _ = code.activity  # loaded while the session is open
        return codes


def test_a_youth_worker_issues_what_they_chose_for_their_own_providers_badge(
    uow: UnitOfWorkFactory,
) -> None:
    staff_id = _join(uow)
    request = CodeRequest("code-club-coder", "cap-30", "plympton-code-club", "2h")
    made = issue_codes(uow(), SECRET, staff_id, request, now=NOW)
    [code] = made.codes
    assert made.timezone == "Europe/London"
    assert (code.badge_name, code.max_claims) == ("Code Club Coder", 30)
    assert (code.valid_from, code.valid_until) == (NOW, NOW + timedelta(hours=2))
    [stored] = _codes_made(uow)
    assert stored.activity.key == "plympton-code-club" and stored.created_by_id == staff_id

    each = CodeRequest("code-club-coder", "single-10", NO_SESSION, "midnight")
    singles = issue_codes(uow(), SECRET, staff_id, each, now=NOW).codes
    assert len({c.code for c in singles}) == 10 and {c.max_claims for c in singles} == {1}
    assert {c.valid_until for c in singles} == {end_of_local_day(NOW, "Europe/London")}
    assert all(c.activity is None for c in _codes_made(uow)[1:])

    # a session of another badge (or made up) is no session
    elsewhere = CodeRequest("code-club-coder", "cap-60", "hoe-coast-clean", "7d")
    issue_codes(uow(), SECRET, staff_id, elsewhere, now=NOW)
    assert _codes_made(uow)[-1].activity is None


def test_issuing_refuses_another_providers_badge_a_made_up_choice_and_removed_staff(
    uow: UnitOfWorkFactory,
) -> None:
    staff_id = _join(uow)
    for refused, error in (
        (CodeRequest("beat-maker", "cap-30", NO_SESSION, "midnight"), StaffNotAllowed),
        (CodeRequest("no-such-badge", "cap-30", NO_SESSION, "midnight"), StaffNotAllowed),
        (CodeRequest("code-club-coder", "cap-999", NO_SESSION, "midnight"), InvalidRequest),
        (CodeRequest("code-club-coder", "cap-30", NO_SESSION, "forever"), InvalidRequest),
    ):
        with pytest.raises(error):
            issue_codes(uow(), SECRET, staff_id, refused, now=NOW)
    remove_staff(uow(), staff_id)
    with pytest.raises(StaffNotAllowed):
        issue_codes(
            uow(), SECRET, staff_id, CodeRequest("code-club-coder", "cap-30", NO_SESSION, "2h")
        )
    assert _codes_made(uow) == []


def test_my_codes_shows_live_claims_and_closing_stops_claims(uow: UnitOfWorkFactory) -> None:
    staff_id = _join(uow)
    [shared] = create_claim_codes(
        uow(),
        SECRET,
        "plymouth",
        "code-club-coder",
        count=1,
        max_claims=30,
        valid_from=NOW - timedelta(hours=1),
        staff_id=staff_id,
    )
    create_claim_codes(
        uow(), SECRET, "plymouth", "beat-maker", count=1, valid_from=NOW
    )  # another provider's
    for n in range(3):
        learner = register_learner(
            uow(), SECRET, "plymouth", "rest", f"l{n}", age_band="13-15"
        ).learner_id
        claim_badge(uow(), SECRET, learner, shared.code, now=NOW)
    [status] = code_statuses(uow(), staff_id=staff_id, now=NOW)
    assert (status.claims, status.max_claims, status.closed, status.badge_name) == (
        3,
        30,
        False,
        "Code Club Coder",
    )

    with pytest.raises(NotFound):  # another provider's code is not theirs to close
        close_code(uow(), SECRET, "XXXXX-XXXXX", staff_id=staff_id)
    closed = close_code(uow(), SECRET, shared.code.lower(), staff_id=staff_id, now=NOW)
    assert closed.closed and closed.claims == 3
    late = register_learner(uow(), SECRET, "plymouth", "rest", "late", age_band="13-15").learner_id
    with pytest.raises(ClaimRefused):
        claim_badge(uow(), SECRET, late, shared.code, now=NOW + timedelta(minutes=1))


def test_pending_under_13_claims_are_approved_or_declined_with_an_audit_event(
    uow: UnitOfWorkFactory,
) -> None:
    staff_id = _join(uow)
    [issued] = create_claim_codes(
        uow(),
        SECRET,
        "plymouth",
        "code-club-coder",
        count=1,
        max_claims=5,
        valid_from=NOW - timedelta(hours=1),
        staff_id=staff_id,
    )
    young = [
        register_learner(uow(), SECRET, "plymouth", "rest", f"y{n}", age_band="under-13").learner_id
        for n in range(2)
    ]
    for learner in young:
        claim_badge(uow(), SECRET, learner, issued.code, now=NOW)
    waiting = pending_claims(uow(), staff_id)
    assert [p.badge_name for p in waiting] == ["Code Club Coder"] * 2
    review_claim(uow(), staff_id, waiting[0].award_id, approve=True, now=NOW)
    review_claim(uow(), staff_id, waiting[1].award_id, approve=False, now=NOW)
    assert pending_claims(uow(), staff_id) == []
    with uow() as unit:
        statuses = sorted(unit.session.scalars(select(Award.status)).all())
        audit = unit.session.scalars(select(Event.data).where(Event.kind == "award_reviewed")).all()
    assert statuses == ["awarded", "declined"]
    assert sorted(a["decision"] for a in audit) == ["approved", "declined"]
    assert all(a["staff_id"] == staff_id for a in audit)


def test_a_removed_staff_member_can_do_nothing_and_leaves_no_live_code(
    uow: UnitOfWorkFactory,
) -> None:
    staff_id = _join(uow)
    [theirs] = create_claim_codes(
        uow(), SECRET, "plymouth", "code-club-coder", count=1, max_claims=30, staff_id=staff_id
    )
    [someone_elses] = create_claim_codes(uow(), SECRET, "plymouth", "code-club-coder", count=1)
    assert remove_staff(uow(), staff_id) == 1
    learner = register_learner(uow(), SECRET, "plymouth", "sms", "after", age_band="16-18")
    with pytest.raises(CodeExpired):  # closed with them
        claim_badge(uow(), SECRET, learner.learner_id, theirs.code)
    assert claim_badge(uow(), SECRET, learner.learner_id, someone_elses.code).status == "awarded"
    assert staff_member(uow(), SECRET, "telegram", "worker-1") is None
    with pytest.raises(StaffNotAllowed):
        provider_badges(uow(), staff_id)


def test_the_command_line_invites_staff_and_makes_lists_and_closes_codes(
    settings: Settings, capsys: pytest.CaptureFixture[str], uow: UnitOfWorkFactory
) -> None:
    assert (
        colbot(
            ["staff", "invite", "--provider", LIBRARIES, "--role", "issuer", "--label", "Sam"],
            settings,
        )
        == 0
    )
    invite = capsys.readouterr().out.strip()
    assert (
        accept_invite(uow(), SECRET, "sms", "worker-9", invite, city_slug="plymouth").provider_key
        == LIBRARIES
    )
    assert colbot(["staff", "list"], settings) == 0
    assert f"{LIBRARIES}\tissuer\tjoined\tSam" in capsys.readouterr().out

    assert colbot(["codes", "new", "--badge", "code-club-coder", "--single", "3"], settings) == 0
    singles = capsys.readouterr().out.split()
    assert len(singles) == 3 and len(set(singles)) == 3
    assert (
        colbot(["codes", "new", "--badge", "code-club-coder", "--cap", "30", "--json"], settings)
        == 0
    )
    import json

    shared = json.loads(capsys.readouterr().out)
    assert shared["max_claims"] == 30 and "/posters/" in shared["poster"]
    assert shared["code"] not in shared["poster"]  # sealed in the link (M6)
    assert colbot(["codes", "close", shared["code"]], settings) == 0
    assert "0 of 30 claimed" in capsys.readouterr().out
    assert colbot(["codes", "list"], settings) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 4 and sum("closed" in line for line in listed) == 1

    for bad in (
        ["codes", "new", "--badge", "code-club-coder", "--cap", "0"],
        ["codes", "new", "--badge", "nope", "--single", "1"],
        ["codes", "new", "--badge", "code-club-coder", "--single", "999"],
        ["codes", "close", "AAAAA-AAAAA"],
        ["staff", "invite", "--provider", "nope", "--role", "issuer"],
    ):
        assert colbot(bad, settings) == 1, bad
        assert "colbot:" in capsys.readouterr().err


def test_codes_new_writes_a_printable_poster_per_code(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    from tests.posters.test_posters import page_text

    poster = tmp_path / "tonight.pdf"
    assert (
        colbot(
            ["codes", "new", "--badge", "code-club-coder", "--cap", "30", "--poster", str(poster)],
            settings,
        )
        == 0
    )
    code = capsys.readouterr().out.strip()
    assert code in page_text(poster.read_bytes())
    assert (
        colbot(
            [
                "codes",
                "new",
                "--badge",
                "code-club-coder",
                "--single",
                "2",
                "--poster",
                str(poster),
            ],
            settings,
        )
        == 0
    )
    codes = capsys.readouterr().out.split()
    assert [
        c in page_text((tmp_path / f"tonight-{n}.pdf").read_bytes()) for n, c in enumerate(codes, 1)
    ] == [True, True]


@pytest.mark.parametrize(
    ("typed", "invite"),
    [
        ("STAFF 7KQ2-M2PT", "7KQ2M2PT"),
        ("hi my invite is staff 2kr8 5g81", "2KR85G81"),
        ("staff 7kqx-m2pt-9hjr please", "7KQXM2PT9HJR"),
        ("staff 2kr85g81 thanks", "2KR85G81"),
        ("staff help with homework", None),
        ("the staff were nice 2day", None),
        ("STAFF 7KQX-MAPT", None),  # a group without a digit 2-9 is a word, not an invite
    ],
)
def test_the_bot_and_the_badge_core_read_a_staff_invite_the_same_way(
    typed: str, invite: str | None
) -> None:
    """The bot routes a message to the invite action when it holds an invite, and the badge
    core reads the same invite out of it (colbot_shared/codes.py, used by both runtimes); a
    message the bot routed but the core could not read would refuse a youth worker."""
    from colbot_shared.codes import has_staff_invite, staff_invite

    assert staff_invite(typed) == invite
    assert has_staff_invite(typed) == (invite is not None)


def test_the_staff_list_shows_active_members_by_provider_in_two_queries(
    uow: UnitOfWorkFactory,
) -> None:
    youth = "plymouth-youth-service"  # sorts after plymouth-libraries
    providers = [youth, LIBRARIES, youth, LIBRARIES, youth, LIBRARIES]
    joined = [_join(uow, f"worker-{n}", provider=p) for n, p in enumerate(providers)]
    invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "issuer", label="not yet", now=NOW)
    remove_staff(uow(), joined[0])
    with selects() as reads:
        listed = list_staff(uow(), "plymouth")

    assert len(reads) == 2, reads  # the city, then the staff with their providers
    # by provider, then in the order they were invited; the removed one is gone
    assert [(m.provider_key, m.staff_id, m.joined) for m in listed] == [
        (LIBRARIES, joined[1], True),
        (LIBRARIES, joined[3], True),
        (LIBRARIES, joined[5], True),
        (LIBRARIES, listed[3].staff_id, False),
        (youth, joined[2], True),
        (youth, joined[4], True),
    ]
    assert listed[3].label == "not yet" and listed[3].staff_id > joined[5]
    assert {m.city for m in listed} == {"plymouth"}
    assert all(m.provider_name for m in listed)


def test_wrong_invites_meet_a_wall_per_chat_and_per_city_and_are_logged(
    uow: UnitOfWorkFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """M5: 2,000 wrong guesses went through in 1.4 s, unlogged."""
    from badge_core.errors import TooManyInviteAttempts
    from badge_core.services.invites import INVITE_TRIES_PER_CITY, INVITE_TRIES_PER_SENDER

    real = invite_staff(uow(), SECRET, "plymouth", LIBRARIES, "issuer", now=NOW).code

    def attempt(sender: str, text: str, at=NOW):
        return accept_invite(uow(), SECRET, "telegram", sender, text, city_slug="plymouth", now=at)

    with caplog.at_level("WARNING", logger="badge_core.services.invites"):
        for n in range(INVITE_TRIES_PER_SENDER):
            with pytest.raises(InviteUnknown):
                attempt("guesser", f"STAFF 2222-2222-{n + 2}AAA")
    assert "a wrong staff invite was tried" in caplog.text
    with pytest.raises(TooManyInviteAttempts) as walled:
        attempt("guesser", real)  # even the right one, from this chat, for the hour
    assert walled.value.retry_at == NOW + timedelta(hours=1)
    # other chats in the city until the city's own limit
    for n in range(INVITE_TRIES_PER_CITY - INVITE_TRIES_PER_SENDER):
        with pytest.raises(InviteUnknown):
            attempt(f"guesser-{n}", "STAFF 3333-3333-3333")
    with pytest.raises(TooManyInviteAttempts):
        attempt("the-youth-worker", real)
    # an hour on, the youth worker joins
    assert attempt("the-youth-worker", real, at=NOW + timedelta(hours=1, minutes=1)).joined
    with uow() as unit:  # the chat is kept only as a keyed hash
        kept = [
            e.data for e in unit.session.scalars(select(Event).where(Event.kind == "invite_failed"))
        ]
    assert kept and all("guesser" not in str(d) for d in kept)


def test_a_youth_worker_may_type_how_many_and_how_long_as_they_would_say_it() -> None:
    evening = datetime(2026, 7, 1, 17, 0, tzinfo=UTC)  # 18:00 in Plymouth (BST)
    amounts = {
        "25": "cap-25",
        "about 25 kids": "cap-25",
        "i need a code for tonight's session, about 25 kids": "cap-25",
        "till 9, 25 kids": "cap-25",  # 9 is a time, not an amount
        "thirty": "cap-30",
        "10 single use codes": "single-10",
        "a code each for 12": "single-12",
        "500": None,  # more than one shared code takes
        "60 single use": None,  # more single-use codes than the bot makes at once
        "no idea": None,
    }
    for text, key in amounts.items():
        assert read_amount(text) == key, text
    windows = {
        "till 9": "until-21:00",
        "until 8:30pm": "until-20:30",
        "finishes at 19:45": "until-19:45",
        "till 5": None,  # 17:00 has passed and 5am is not later today
        "tonight": "midnight",
        "for 3 hours": "3h",
        "an hour": "1h",
        "all week": "7d",
        "whenever": None,
    }
    for text, key in windows.items():
        assert read_window(text, evening, "Europe/London") == key, text
    assert window_end("until-21:00", evening, "Europe/London") == datetime(
        2026, 7, 1, 20, 0, tzinfo=UTC
    )  # 21:00 in BST
    winter = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    assert window_end("until-21:00", winter, "Europe/London") == datetime(
        2026, 12, 4, 21, 0, tzinfo=UTC
    )
    assert window_end("until-09:00", winter, "Europe/London") == end_of_local_day(
        winter, "Europe/London"
    )  # passed already: the end of the day
    assert amount_of("cap-25") == CodeAmount(1, 25) and amount_of("single-12") == CodeAmount(12, 1)
    assert is_window("3h") and is_window("until-21:00") and not is_window("13h")
    assert not is_window("until-25:00")


def test_a_typed_badge_or_session_is_the_one_its_words_name() -> None:
    badges = [("code-club-coder", "Code Club Coder"), ("library-explorer", "Library Explorer")]
    assert read_badge("code club", badges) == "code-club-coder"
    assert read_badge("the library one", badges) == "library-explorer"
    assert read_badge("new code", badges) is None  # "code" names no badge in particular
    assert read_badge("football", badges) is None
    sessions = [
        ("code-club-central", "Code Club at Central Library"),
        ("plympton-code-club", "Plympton Code Club: micro:bits and robots"),
    ]
    assert read_session("plympton", sessions) == "plympton-code-club"
    assert read_session("the central one", sessions) == "code-club-central"
    assert read_session("code club", sessions) is None  # both: asked again
    assert read_session("none", sessions) == NO_SESSION


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=80)
    | st.from_regex(
        r"(till|until|for|about)? ?\d{1,3}[:.]?\d{0,3} ?(am|pm|hours|kids|single)?", fullmatch=True
    )
)
def test_whatever_a_youth_worker_types_reads_as_a_choice_or_as_nothing(text: str) -> None:
    """Typed answers reach these readers as they are: none may fail, and what they read is
    always a choice the badge core makes codes for."""
    now = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
    amount = read_amount(text)
    assert amount is None or amount_of(amount) is not None
    window = read_window(text, now, "Europe/London")
    assert window is None or (is_window(window) and window_end(window, now, "Europe/London") > now)
    badges = [("code-club-coder", "Code Club Coder"), ("library-explorer", "Library Explorer")]
    assert read_badge(text, badges) in (None, "code-club-coder", "library-explorer")
    assert read_session(text, badges) in (None, NO_SESSION, "code-club-coder", "library-explorer")
