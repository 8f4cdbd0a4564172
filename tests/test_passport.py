"""The skills passport: one A4 page whatever it holds, every QR code reading back as its
badge's verify link (rasterised with PDFium, decoded with zxing-cpp, as the poster tests do),
a skills story a young person can paste into a CV, and the web page escaping what it shows."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from badge_core.passport import Passport, PassportBadge, render_pdf, strands
from badge_core.skills_story import skills_story
from web.shared import page_context

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
A4_POINTS = (595.28, 841.89)
SCALE = 3  # pixels per PDF point: the smallest codes have modules of about 1.2 points
STRANDS = ("Essential skills", "Digital skills", "Creative skills", "Active citizenship")


def badge(number: int, **changes: object) -> PassportBadge:
    made = PassportBadge(
        name=f"Badge {number:02d}",
        provider_name="Plymouth Libraries",
        shows="For young coders who have built and shared their first programs at a code club.",
        skills=("Coding", "Problem solving"),
        strand=STRANDS[number % 4],
        awarded_on=date(2025, 1 + number % 12, 10),
        evidence="I made a maze game and fixed the bug where you walked through walls.",
        verify_url=f"https://badges.example.org/credentials/3f2a9c1e-1234-4abc-9def-0123456789{number:02d}",
    )
    return replace(made, **changes)


def passport(count: int, **changes: object) -> Passport:
    badges = tuple(badge(n) for n in range(count))
    return replace(Passport("Plymouth", date(2026, 3, 5), badges), **changes)


def only_page(pdf: bytes) -> pdfium.PdfPage:
    document = pdfium.PdfDocument(pdf)
    assert len(document) == 1, "a passport is one page"
    return document[0]


def page_text(pdf: bytes) -> str:
    return " ".join(only_page(pdf).get_textpage().get_text_range().split())


def qr_texts(pdf: bytes) -> list[str]:
    image = only_page(pdf).render(scale=SCALE).to_pil()
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return sorted(code.text for code in codes)


# --- the PDF --------------------------------------------------------------------------------


def test_one_a4_page_with_every_badge_and_strand() -> None:
    four = passport(4)
    page = only_page(render_pdf(four))
    assert page.get_size() == pytest.approx(A4_POINTS, abs=0.1)
    text = page_text(render_pdf(four))
    assert "Skills passport" in text and "Plymouth · made on 5 March 2026" in text
    for strand in STRANDS:
        assert strand in text
    for each in four.badges:
        assert each.name in text
    assert "awarded 10 January 2025" in text
    assert "“I made a maze game and fixed the bug where you walked through walls.”" in text


def test_every_qr_code_reads_as_its_badges_verify_link() -> None:
    four = passport(4)
    assert qr_texts(render_pdf(four)) == sorted(b.verify_url for b in four.badges)


def test_the_verify_link_is_printed_under_its_code() -> None:
    text = page_text(render_pdf(passport(1)))
    assert badge(0).verify_url in text.replace(" ", "")


def test_twelve_badges_still_fit_one_page_and_every_code_reads() -> None:
    twelve = passport(12)
    pdf = render_pdf(twelve)
    text = page_text(pdf)  # one page, or only_page fails
    for each in twelve.badges:
        assert each.name in text
    assert "more badge" not in text
    assert qr_texts(pdf) == sorted(b.verify_url for b in twelve.badges)


def test_too_many_for_a_page_ends_saying_how_many_more_and_where() -> None:
    many = passport(60, web_url="https://badges.example.org/passport")
    text = page_text(render_pdf(many))
    shown = sum(f"Badge {n:02d}" in text for n in range(60))
    assert 12 < shown < 60
    assert f"…and {60 - shown} more badges at https://badges.example.org/passport" in text


def test_long_words_are_cut_to_a_few_lines() -> None:
    wordy = passport(1, badges=(badge(0, shows="I can code. " * 80, evidence="Loads " * 200),))
    text = page_text(render_pdf(wordy))
    assert "…" in text and text.count("I can code.") < 40


def test_non_latin_and_emoji_names_do_not_break_the_page() -> None:
    names = [
        "Велосипедист 🚲",
        "自転車の修理",
        "Café “Bike” Fixer\u200d🔧",
        "مصلح الدراجات",
        "\x00\x1b",
    ]
    badges = tuple(badge(n, name=name, provider_name=name) for n, name in enumerate(names))
    text = page_text(render_pdf(passport(0, badges=badges, city_name="Plymouth 🌊")))
    assert "Велосипедист" in text and "Café “Bike” Fixer" in text and "🚲" not in text


@settings(max_examples=15, deadline=None)
@given(
    name=st.text(max_size=200),
    shows=st.text(max_size=400),
    strand=st.text(max_size=80),
    evidence=st.none() | st.text(max_size=400),
)
def test_any_words_make_one_page_with_text_on_it(
    name: str, shows: str, strand: str, evidence: str | None
) -> None:
    badges = tuple(
        badge(n, name=name, shows=shows, strand=strand, evidence=evidence) for n in range(3)
    )
    page = only_page(render_pdf(passport(0, badges=badges)))
    width, height = page.get_size()
    textpage = page.get_textpage()
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        assert 0 <= left <= right <= width and 0 <= bottom <= top <= height, "text off the page"


def test_no_badges_is_still_a_page() -> None:
    assert "Skills passport" in page_text(render_pdf(passport(0)))


# --- strands --------------------------------------------------------------------------------


def test_strands_keep_the_order_badges_first_name_them() -> None:
    groups = strands(passport(6))
    assert [name for name, _ in groups] == list(STRANDS)
    assert [b.name for b in groups[0][1]] == ["Badge 00", "Badge 04"]
    assert sum(len(badges) for _, badges in groups) == 6


# --- the skills story -----------------------------------------------------------------------


def sentences_ok(story: list[str]) -> None:
    for sentence in story:
        assert sentence.endswith(".") and ".." not in sentence, sentence
        assert sentence[0].isupper(), sentence
        assert len(re.findall(r"[.!?](?:\s|$)", sentence)) == 1, f"one sentence: {sentence}"


def test_three_sentences_naming_three_badges_across_strands() -> None:
    story = skills_story(passport(8))
    sentences_ok(story)
    assert len(story) == 3
    named = [re.search(r"Badge \d\d", sentence).group() for sentence in story]
    assert len(set(named)) == 3
    # the newest of each strand (badges 7, 6, 5 from August, July and June), newest first
    assert named == ["Badge 07", "Badge 06", "Badge 05"]
    assert story[0].startswith("I earned the Badge 07 badge from Plymouth Libraries in August 2025")
    assert len({sentence.split()[0] for sentence in story}) == 3, "three shapes, not one"


def test_one_strand_still_tells_three_badges() -> None:
    same = tuple(badge(n, strand="Digital skills") for n in range(5))
    assert len(skills_story(passport(0, badges=same))) == 3


def test_fewer_badges_fewer_sentences() -> None:
    assert skills_story(passport(0)) == []
    assert len(skills_story(passport(1))) == 1
    assert len(skills_story(passport(2))) == 2


def test_the_same_badge_twice_is_told_once() -> None:
    twice = (badge(0), badge(1, name="Badge 00"), badge(2))
    story = skills_story(passport(0, badges=twice))
    assert len(story) == 2 and sum("Badge 00" in sentence for sentence in story) == 1


@pytest.mark.parametrize(
    ("shows", "ending"),
    [
        ("Shows you can write and debug simple programs.", ", which shows I can write and debug simple programs."),
        ("Shows confidence speaking in public", ", which shows confidence speaking in public."),
        ("Can write and debug simple programs.", ", which shows I can write and debug simple programs."),
        ("Learners can plan a budget for an event.", ", which shows I can plan a budget for an event."),
        ("The learner understands how to stay safe online.", ", which shows I understand how to stay safe online."),
        ("Write and debug simple programs", ", which shows I can write and debug simple programs."),
        ("Planned and ran an event for 50 people.", ", which shows I planned and ran an event for 50 people."),
        ("For young people who know how to keep themselves and their mates safe online.",
         ", which shows I know how to keep myself and my mates safe online."),
        ("For designing and building your own playable computer game.",
         " for designing and building my own playable computer game."),
        ("This badge recognises effort and kindness.", ", which recognises effort and kindness."),
        ("Leading a team on a camping trip.", " for leading a team on a camping trip."),
        ("You are able to cook a meal for four!", ", which shows I am able to cook a meal for four."),
        ("Sets up a stall. Then sells things.", ", which shows I set up a stall."),
        ("Teaches younger children to swim", ", which shows I teach younger children to swim."),
        ("Plymouth history, told in photographs.", ", which shows Plymouth history, told in photographs."),
        ("", " in October 2025."),
        ("  ...  ", " in October 2025."),
    ],
)  # fmt: skip
def test_what_a_badge_shows_becomes_the_end_of_a_sentence(shows: str, ending: str) -> None:
    (sentence,) = skills_story(passport(0, badges=(badge(9, shows=shows),)))
    sentences_ok([sentence])
    assert sentence.startswith(
        "I earned the Badge 09 badge from Plymouth Libraries in October 2025"
    )
    assert sentence.endswith(ending)


def test_sentences_without_a_provider_or_with_badge_in_the_name() -> None:
    badges = (
        badge(3, name="Bike Safety Badge", provider_name=""),
        badge(2, provider_name=""),
        badge(1, provider_name="the Youth Hub."),
    )
    story = skills_story(passport(0, badges=badges))
    sentences_ok(story)
    assert story[0].startswith("I earned the Bike Safety Badge in April 2025,")
    assert story[1].startswith("In March 2025 I got the Badge 02 badge,")
    assert story[2].startswith("The Youth Hub awarded me the Badge 01 badge in February 2025,")


# --- the web page ---------------------------------------------------------------------------


def render_page(passport: Passport) -> str:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined
    )
    context = page_context(passport, pdf_url="/passport/abc.pdf")
    return environment.get_template("passport.html").render(context)


def test_the_page_escapes_names_and_is_not_for_search_engines() -> None:
    hostile = badge(0, name="<script>alert(1)</script>", evidence="<b>me</b>")
    html = render_page(passport(0, badges=(hostile, badge(1))))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;me&lt;/b&gt;" in html
    head = html.split("</head>")[0]
    assert '<meta name="robots" content="noindex">' in head


def test_the_page_shows_strands_badges_and_links_but_not_the_learners_story() -> None:
    four = passport(4)
    html = render_page(four)
    assert '<a href="/passport/abc.pdf" download>Download PDF</a>' in html
    for strand in STRANDS:
        assert f"<h2>{strand}</h2>" in html
    for each in four.badges:
        assert f"<h3>{each.name}</h3>" in html and f'href="{each.verify_url}"' in html
    for sentence in skills_story(four):  # the story is the learner's, in the chat
        assert sentence not in html
    own_style = (TEMPLATES / "passport.html").read_text(encoding="utf-8")
    assert not re.search(r"width:\s*[\d.]+(?:px|rem|em)", own_style), "fixed widths break phones"
