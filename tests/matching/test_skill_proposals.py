"""Skills proposed by the real model for imported activities: stored with their scores for
the city team, proposed again when an activity's words change, and a confirmed one sent back
for review without losing what the team confirmed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from badge_core.db import UnitOfWorkFactory
from badge_core.imports.fetch import Fetcher
from badge_core.matching.matcher import Matcher
from badge_core.matching.texts import activity_texts
from badge_core.models import Activity
from badge_core.services.imports import SourceSpec, import_source
from badge_core.services.review import confirm_skills, to_review
from badge_core.services.skill_proposals import SkillProposer, propose_waiting
from badge_core.services.vectors import cached_vectors

ROW = "id,title,description,postcode,organiser,day,start,end\n"


def write(path: Path, title: str, description: str) -> str:
    path.write_text(ROW + f'x1,{title},"{description}",PL4 6LB,Clay Corner,Monday,16:00,17:00\n')
    return str(path)


def proposed(uow: UnitOfWorkFactory) -> list[str]:
    rows = to_review(uow(), "plymouth")
    return [p.key for p in rows[0].proposed] if rows else []


def test_proposals_follow_the_words_until_the_team_confirms(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    uow, now = indexed_uow, datetime(2027, 1, 4, tzinfo=UTC)
    propose = SkillProposer(uow, matcher, "plymouth")

    def run(title: str, description: str) -> None:
        spec = SourceSpec("clay", "csv", write(tmp_path / "f.csv", title, description))
        import_source(uow, "plymouth", spec, now=now, fetcher=Fetcher(), propose=propose)

    run("Guitar lessons", "Learn chords and play songs in a band with other young people.")
    assert proposed(uow)[0] == "music"
    scores = [p.score for p in to_review(uow(), "plymouth")[0].proposed]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 3
    run("Cooking club", "Cook a healthy meal from scratch each week and eat it together.")
    assert proposed(uow)[0] == "food"  # the words changed before anyone confirmed
    confirm_skills(uow(), "plymouth", to_review(uow(), "plymouth")[0].key)
    assert to_review(uow(), "plymouth") == []
    run("Cooking club", "Cook a healthy meal from scratch each week and eat it together.")
    assert to_review(uow(), "plymouth") == []  # the same words: nothing to look at again
    run("Coding club", "Make games in Scratch and Python.")
    # reworded since the team confirmed: back for review with new proposals, while the
    # confirmed skills stay until the team confirms again
    [again] = to_review(uow(), "plymouth")
    assert again.proposed[0].key == "coding"
    with uow() as unit:
        row = unit.session.scalars(select(Activity).where(Activity.key == again.key)).one()
        assert [s.key for s in row.skills] == ["food"]


def test_listings_in_providers_words_are_matched_to_the_skills_they_build(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    # Read against the young people's own examples alone, these came out as food,
    # creativity, leadership and leadership; the spine's activity_examples (how providers
    # list what builds each skill) make them what a city team would confirm.
    listings = {
        "Wellbeing cafe": (
            "Talk about how you're coping and learn ways to manage stress.",
            "staying-positive",
        ),
        "Board game strategy club": ("Plan ahead and outwit your opponents.", "problem-solving"),
        "Youth mental health group": (
            "Build confidence and find ways through tough times.",
            "staying-positive",
        ),
        "Mediation training": ("Learn to help two sides hear each other out.", "listening"),
    }
    path = tmp_path / "f.csv"
    path.write_text(
        ROW
        + "".join(
            f'x{n},{title},"{words}",PL4 6LB,Clay Corner,Monday,16:00,17:00\n'
            for n, (title, (words, _)) in enumerate(listings.items())
        )
    )
    propose = SkillProposer(indexed_uow, matcher, "plymouth")
    now = datetime(2027, 1, 4, tzinfo=UTC)
    spec = SourceSpec("listings", "csv", str(path))
    import_source(indexed_uow, "plymouth", spec, now=now, fetcher=Fetcher(), propose=propose)
    first = {row.title: row.proposed[0].key for row in to_review(indexed_uow(), "plymouth")}
    assert first == {title: skill for title, (_, skill) in listings.items()}


def test_what_the_team_confirms_teaches_the_next_import(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    uow, now = indexed_uow, datetime(2027, 1, 4, tzinfo=UTC)
    propose = SkillProposer(uow, matcher, "plymouth")
    fix_it = (
        "Community repair session. Bring broken toasters, lamps and bikes and volunteer fixers"
        " help you mend them."
    )

    def first(text: str) -> str:
        return propose([text])[0][0].key

    assert first(fix_it) == "volunteering"  # the spine and the pack read it as helping out
    words = "Bring your broken toasters, lamps, clothes and bikes! Volunteer fixers help you."
    spec = SourceSpec("cafe", "csv", write(tmp_path / "f.csv", "Repair Cafe", words))
    import_source(uow, "plymouth", spec, now=now, fetcher=Fetcher(), propose=propose)
    [cafe] = to_review(uow(), "plymouth")
    assert cafe.proposed[0].key == "volunteering"
    assert first(fix_it) == "volunteering"  # proposed, not yet confirmed: it teaches nothing
    confirm_skills(uow(), "plymouth", cafe.key, skills=["practical-trades"])
    assert first(fix_it) == "practical-trades"


def test_confirming_one_proposes_again_for_those_still_waiting(
    indexed_uow: UnitOfWorkFactory, matcher: Matcher, tmp_path: Path
) -> None:
    """A review teaches the activities already waiting, not only the next import: confirm
    the Repair Cafe as practical skills and the fixers' meet-up imported with it is proposed
    practical skills too, without being imported again."""
    uow, now = indexed_uow, datetime(2027, 1, 4, tzinfo=UTC)
    propose = SkillProposer(uow, matcher, "plymouth")
    path = tmp_path / "f.csv"
    path.write_text(
        ROW + 'x1,Repair Cafe,"Bring your broken toasters, lamps, clothes and bikes! Volunteer'
        ' fixers help you.",PL4 6LB,Clay Corner,Monday,16:00,17:00\n'
        + 'x2,Fixers meet-up,"Bring your broken toasters, lamps and bikes! Volunteer fixers'
        ' help you.",PL4 6LB,Clay Corner,Tuesday,16:00,17:00\n'
    )
    spec = SourceSpec("cafe", "csv", str(path))
    import_source(uow, "plymouth", spec, now=now, fetcher=Fetcher(), propose=propose)
    waiting = {row.title: row for row in to_review(uow(), "plymouth")}
    assert [row.proposed[0].key for row in waiting.values()] == ["volunteering", "volunteering"]
    cafe_key = waiting["Repair Cafe"].key
    confirm_skills(uow(), "plymouth", cafe_key, skills=["practical-trades"])
    [session] = to_review(uow(), "plymouth")
    assert session.proposed[0].key == "volunteering"  # as stored at import
    assert propose_waiting(uow, matcher, "plymouth") == 1
    [session] = to_review(uow(), "plymouth")
    assert session.title == "Fixers meet-up"
    assert session.proposed[0].key == "practical-trades"
    with uow() as unit:  # the cafe's texts now name its skills, and are indexed for learners
        cafe = unit.session.scalars(select(Activity).where(Activity.key == cafe_key)).one()
        texts = activity_texts(cafe)
        assert texts[2].endswith("; Practical and trade skills")
        found = cached_vectors(unit.session, matcher.embedder.model_name, texts)
        assert len(found) == len(set(texts))
