"""Printable A4 posters for claim codes.

A youth worker prints one at an event; a young person scans the big QR code (or types the
code) to claim the badge. The QR code carries the best link we have: the Telegram deep link,
else the WhatsApp link, else the plain text "CLAIM <code>". Badge and provider names come from
the database and may hold any Unicode, so they are cleaned to what the embedded DejaVu fonts
can draw (from matplotlib's own font files) before they reach the PDF.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from itertools import groupby
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import segno
from fpdf import FPDF

MARGIN_MM = 15
QR_WIDTH_MM = 125  # the symbol itself; phones read it from across a room
QUIET_ZONE_MODULES = 4  # blank modules on every side, which scanners need


@dataclass(frozen=True)
class PosterContent:
    code: str
    badge_name: str
    provider_name: str
    valid_until: datetime | None
    timezone: str
    telegram_link: str | None = None
    whatsapp_link: str | None = None
    sms_number: str | None = None

    def __post_init__(self) -> None:
        if self.valid_until is not None and self.valid_until.utcoffset() is None:
            raise ValueError("valid_until must be timezone-aware")


def qr_payload(content: PosterContent) -> str:
    """What the QR code says: the link that claims with one scan, if there is one."""
    return content.telegram_link or content.whatsapp_link or f"CLAIM {content.code}"


def instructions(content: PosterContent) -> list[str]:
    claim = f"CLAIM {content.code}"
    lines = []
    if content.telegram_link:
        lines.append("Telegram: scan the code")
    if content.whatsapp_link:
        number = urlsplit(content.whatsapp_link).path.strip("/")  # wa.me/<digits>
        scan = "" if content.telegram_link else "scan or "
        lines.append(f"WhatsApp: {scan}send {claim} to +{number}")
    if content.sms_number:
        lines.append(f"Text {claim} to {content.sms_number}")
    return lines


def valid_until_line(content: PosterContent) -> str | None:
    if content.valid_until is None:
        return None
    local = content.valid_until.astimezone(ZoneInfo(content.timezone))
    return f"Valid until {local:%A} {local.day} {local:%B %Y, %H:%M}"


def render_poster(content: PosterContent) -> bytes:
    """An A4 portrait PDF, always one page, whatever the names hold."""
    fonts = _font_dir()
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.add_font("Sans", "", fonts / "DejaVuSans.ttf")
    pdf.add_font("Sans", "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.add_font("Mono", "B", fonts / "DejaVuSansMono-Bold.ttf")
    pdf.add_page()

    pdf.set_font("Sans", "B", 28)
    badge = _drawable(pdf, content.badge_name, limit=60) or "new"
    _centred(pdf, f"Claim your {badge} badge", size=28, max_lines=2)
    pdf.set_font("Sans", "", 16)
    if provider := _drawable(pdf, content.provider_name, limit=80):
        _centred(pdf, f"from {provider}", size=16)

    qr = segno.make_qr(qr_payload(content), error="m")
    module = QR_WIDTH_MM / qr.symbol_size(scale=1, border=0)[0]
    quiet_zone = QUIET_ZONE_MODULES * module
    _draw_qr(pdf, qr, module, x=(pdf.w - QR_WIDTH_MM) / 2, y=pdf.get_y() + quiet_zone)
    pdf.set_y(pdf.get_y() + quiet_zone + QR_WIDTH_MM + quiet_zone)

    pdf.set_font("Mono", "B", 60)
    _centred(pdf, _drawable(pdf, content.code, limit=20), size=60)
    pdf.ln(3)
    pdf.set_font("Sans", "", 15)
    if lines := [_drawable(pdf, line, limit=120) for line in instructions(content)]:
        _centred(pdf, "\n".join(lines), size=15, max_lines=len(lines))  # one size for all
    if until := valid_until_line(content):
        pdf.ln(3)
        pdf.set_font("Sans", "B", 15)
        _centred(pdf, until, size=15)
    return bytes(pdf.output())


@cache
def _font_dir() -> Path:
    # find_spec locates matplotlib's fonts without importing matplotlib itself.
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RuntimeError("posters need matplotlib installed, for its DejaVu fonts")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def _drawable(pdf: FPDF, text: str, *, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters, with only glyphs the font has.

    A letter or digit the font lacks becomes "?"; anything else it lacks (emoji, control
    and joining characters) is dropped, so "Bike fixer 🚲" prints as "Bike fixer".
    """
    cmap = pdf.current_font.cmap
    kept = []
    for char in " ".join(text.split()):
        if ord(char) in cmap and unicodedata.category(char)[0] != "C":
            kept.append(char)
        elif unicodedata.category(char)[0] in "LN":
            kept.append("?")
    cleaned = " ".join("".join(kept).split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def _centred(pdf: FPDF, text: str, *, size: int, max_lines: int = 1) -> None:
    """Centred text in the current font, shrunk until it fits in ``max_lines`` lines."""
    while True:
        pdf.set_font_size(size)
        lines = pdf.multi_cell(pdf.epw, text=text, dry_run=True, output="LINES")
        if len(lines) <= max_lines or size <= 10:
            break
        size -= 2
    pdf.multi_cell(pdf.epw, size * 0.5, text=text, align="C", new_x="LMARGIN", new_y="NEXT")


def _draw_qr(pdf: FPDF, qr: segno.QRCode, module: float, *, x: float, y: float) -> None:
    """Vector QR modules, one rectangle per run of dark modules in a row."""
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(qr.matrix):
        column = 0
        for dark, run in groupby(row, key=bool):
            length = len(list(run))
            if dark:
                top = y + row_index * module
                pdf.rect(x + column * module, top, length * module, module, style="F")
            column += length
