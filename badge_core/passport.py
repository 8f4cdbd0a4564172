"""A learner's skills passport: their badges on one printable A4 page.

The page groups badges by the city's skills-spine strand, so a reader (an employer, a
college) sees the shape of what someone can do, and gives each badge a small QR code of its
verify link, so anyone can check it is real (badge_core/skills_story.py tells the same
badges as sentences for a CV). Pure: the caller reads the
database, orders badges by spine order and picks the evidence the learner made public; nothing
here sees a name or any personal data beyond what it is given. The PDF reuses the posters'
fonts, Unicode cleaning and vector QR drawing (badge_core/posters.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import segno
from fpdf import FPDF

from badge_core.posters import QUIET_ZONE_MODULES, _draw_qr, _drawable, _font_dir

MONTHS = "January February March April May June July August September October November December"
MARGIN_MM, GUTTER_MM, CARD_GAP_MM = 12, 6, 2.5
LINE = 0.3528 * 1.22  # millimetres of line per point of type
URL_PT = 5.5
BLACK, GREEN, GREY = (0, 0, 0), (29, 107, 74), (90, 100, 95)


@dataclass(frozen=True)
class PassportBadge:
    name: str
    provider_name: str
    shows: str
    skills: tuple[str, ...]
    strand: str
    awarded_on: date
    evidence: str | None
    verify_url: str


@dataclass(frozen=True)
class Passport:
    city_name: str
    made_on: date
    badges: tuple[PassportBadge, ...]
    web_url: str | None = None  # where the whole passport is: named if the page overflows


@dataclass(frozen=True)
class _Density:
    columns: int
    size: float  # body text, points
    qr_mm: float  # the symbol, without its quiet zone
    shows_lines: int
    evidence_lines: int


# Roomiest first: the first that holds every badge is used (see render_pdf).
DENSITIES = (
    _Density(1, 9.5, 26, 3, 3),
    _Density(1, 8.5, 22, 2, 2),
    _Density(2, 8, 20, 3, 2),
    _Density(2, 7, 17, 2, 1),
    _Density(3, 6.5, 16, 2, 1),
)
_Row = tuple[str, float, tuple[int, int, int], str]  # font style, size, colour, the line


def long_date(day: date) -> str:
    return f"{day.day} {month_year(day)}"


def month_year(day: date) -> str:
    return f"{MONTHS.split()[day.month - 1]} {day.year}"


def strands(passport: Passport) -> list[tuple[str, list[PassportBadge]]]:
    """Badges by strand, strands in order of first appearance (the caller's spine order).

    Each badge names one strand (for a badge whose skills span strands, the caller gives the
    first), so each badge appears exactly once."""
    groups: dict[str, list[PassportBadge]] = {}
    for badge in passport.badges:
        groups.setdefault(tidy(badge.strand) or "Other badges", []).append(badge)
    return list(groups.items())


def tidy(text: str) -> str:
    return " ".join(text.split())


# --- the printable page -------------------------------------------------------------------


def render_pdf(passport: Passport) -> bytes:
    """An A4 portrait PDF, always exactly one page.

    Fitting: the page is laid out at each of ``DENSITIES`` in turn (one column with big codes,
    then smaller type and codes, then two and three newspaper columns) and the first that
    holds every badge wins; twelve typical badges fit in two columns. Long texts are cut at a
    word with "…" at every density. Only past two dozen or so badges do even three columns run
    out; then the page keeps what fits and ends "…and N more badges" (with the passport's web
    address when given): a passport is for handing over on paper, and a second page, or codes
    too small for a phone to scan, would serve its reader worse than pointing to the rest.
    """
    for density in DENSITIES:
        pdf, shown = _page(passport, density, reserve=0)
        if shown == len(passport.badges):
            return bytes(pdf.output())
    pdf, shown = _page(passport, DENSITIES[-1], reserve=12)
    more = len(passport.badges) - shown
    where = f" at {passport.web_url}" if passport.web_url else ", not shown on this page"
    pdf.set_font("Sans", "B", 9)
    pdf.set_xy(MARGIN_MM, pdf.h - MARGIN_MM - 9)
    text = f"…and {more} more badge{'s' if more != 1 else ''}{where}"
    pdf.multi_cell(pdf.epw, 9 * LINE, text=_drawable(pdf, text, limit=200))
    return bytes(pdf.output())


def _page(passport: Passport, density: _Density, *, reserve: float) -> tuple[FPDF, int]:
    """The page at one density, badges flowing down each column in turn; how many fitted."""
    pdf = _new_pdf()
    top = _header(pdf, passport)
    width = (pdf.epw - GUTTER_MM * (density.columns - 1)) / density.columns
    bottom, column, y, shown = pdf.h - MARGIN_MM - reserve, 0, top, 0
    for strand, badges in strands(passport):
        for index, badge in enumerate(badges):
            rows = _card_rows(pdf, badge, density, width - _qr_box(density))
            urls = _url_lines(pdf, badge.verify_url, width)
            need = max(sum(r[1] for r in rows) * LINE, _qr_box(density))
            need += len(urls) * URL_PT * LINE + CARD_GAP_MM
            heading = _heading_height(density) if index == 0 or y == top else 0
            if y + heading + need > bottom:  # on to the next column, under the strand again
                column, y, heading = column + 1, top, _heading_height(density)
                if column == density.columns or top + heading + need > bottom:
                    return pdf, shown
            x = MARGIN_MM + column * (width + GUTTER_MM)
            if heading:
                title = f"{strand} (continued)" if index else strand
                y = _heading(pdf, title, density, (x, y, width))
            y = _card(pdf, (rows, urls, badge.verify_url), density, (x, y, width))
            shown += 1
    return pdf, shown


def _new_pdf() -> FPDF:
    fonts = _font_dir()
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.c_margin = 0
    pdf.add_font("Sans", "", fonts / "DejaVuSans.ttf")
    pdf.add_font("Sans", "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.add_font("Sans", "I", fonts / "DejaVuSans-Oblique.ttf")
    pdf.add_page()
    return pdf


def _header(pdf: FPDF, passport: Passport) -> float:
    pdf.set_font("Sans", "B", 22)
    pdf.cell(text="Skills passport", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 11)
    made = f"made on {long_date(passport.made_on)}"
    city = _drawable(pdf, passport.city_name, limit=80)
    pdf.cell(text=f"{city} · {made}" if city else made, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 8)
    pdf.set_text_color(*GREY)
    pdf.cell(text="Each badge is a signed Open Badge: scan its code or open its link to check it.")
    pdf.set_text_color(*BLACK)
    return pdf.get_y() + 9


def _heading_height(density: _Density) -> float:
    return (density.size + 3) * LINE + 2


def _heading(pdf: FPDF, strand: str, density: _Density, at: tuple[float, ...]) -> float:
    x, y, width = at
    pdf.set_font("Sans", "B", density.size + 3)
    pdf.set_text_color(*GREEN)
    pdf.set_draw_color(*GREEN)
    pdf.set_xy(x, y)
    pdf.cell(width, (density.size + 3) * LINE, text=(_wrap(pdf, strand, width, 1) or ["?"])[0])
    pdf.line(x, y + (density.size + 3) * LINE + 0.5, x + width, y + (density.size + 3) * LINE + 0.5)
    pdf.set_text_color(*BLACK)
    return y + _heading_height(density)


def _qr_box(density: _Density) -> float:
    """The square kept for a code and its quiet zone, whatever its version (21+ modules)."""
    return density.qr_mm * (1 + 2 * QUIET_ZONE_MODULES / 21)


def _card_rows(pdf: FPDF, badge: PassportBadge, d: _Density, width: float) -> list[_Row]:
    """The badge's words as rows of one line each, every part cut to its number of lines."""
    awarded = f"awarded {long_date(badge.awarded_on)}"
    skills = "Skills: " + ", ".join(badge.skills) if badge.skills else ""
    evidence = f"“{tidy(badge.evidence)}”" if badge.evidence and badge.evidence.strip() else ""
    parts = [
        ("B", d.size + 1.5, BLACK, badge.name, 2),
        ("", d.size - 1, GREY, " · ".join(filter(None, [badge.provider_name, awarded])), 2),
        ("", d.size, BLACK, badge.shows, d.shows_lines),
        ("", d.size - 1, BLACK, skills, 2),
        ("I", d.size - 0.5, BLACK, evidence, d.evidence_lines),
    ]
    rows = []
    for style, size, colour, text, max_lines in parts:
        pdf.set_font("Sans", style, size)
        rows += [(style, size, colour, line) for line in _wrap(pdf, text, width, max_lines)]
    return rows


def _url_lines(pdf: FPDF, url: str, width: float) -> list[str]:
    pdf.set_font("Sans", "", URL_PT)
    return _wrap(pdf, url, width, 2)


def _card(pdf: FPDF, card: tuple, d: _Density, at: tuple[float, ...]) -> float:
    """One badge: its words on the left, its code on the right, its link small under that."""
    (rows, urls, url), (x, y, width), box = card, at, _qr_box(d)
    top = y
    for style, size, colour, line in rows:
        pdf.set_font("Sans", style, size)
        pdf.set_text_color(*colour)
        pdf.set_xy(x, y)
        pdf.cell(width - box, size * LINE, text=line)
        y += size * LINE
    qr = segno.make_qr(url, error="l")  # the lowest level keeps the modules biggest
    module = d.qr_mm / qr.symbol_size(scale=1, border=0)[0]
    quiet = QUIET_ZONE_MODULES * module  # the box holds this much on every side, or more
    _draw_qr(pdf, qr, module, x=x + width - quiet - d.qr_mm, y=top + quiet)
    y = max(y, top + d.qr_mm + 2 * quiet)
    pdf.set_font("Sans", "", URL_PT)
    pdf.set_text_color(*GREY)
    for line in urls:
        pdf.set_xy(x, y)
        pdf.cell(width, URL_PT * LINE, text=line, align="R")
        y += URL_PT * LINE
    pdf.set_text_color(*BLACK)
    return y + CARD_GAP_MM


def _wrap(pdf: FPDF, text: str, width: float, max_lines: int) -> list[str]:
    """``text`` cleaned (posters._drawable) and broken into lines of ``width`` in the current
    font; past ``max_lines`` it is cut at a word and ends "…"."""
    text = _drawable(pdf, text, limit=2000)
    lines = pdf.multi_cell(width, text=text, dry_run=True, output="LINES") if text else []
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1].rstrip()
    while last and pdf.get_string_width(last + "…") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: max_lines - 1], last.rstrip(" ,;:.-") + "…"]
