"""Printable posters: the QR code a phone reads, the words a person reads, and names that
could break a PDF font. Each PDF is rasterised with PDFium and decoded with zxing-cpp."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from badge_core.posters import PosterContent, render_poster

CODE = "K7QX2-M9PTW"
TELEGRAM = f"https://t.me/colbot?start={CODE}"
WHATSAPP = f"https://wa.me/447700900000?text=CLAIM%20{CODE}"
SCALE = 2  # pixels per PDF point
MM_PER_POINT = 25.4 / 72

POSTER = PosterContent(
    code=CODE,
    badge_name="Café “Bike” Fixer",
    provider_name="Plymouth Youth Hub",
    valid_until=None,
    timezone="Europe/London",
    telegram_link=TELEGRAM,
    whatsapp_link=WHATSAPP,
    sms_number="+447700900000",
)


def only_page(pdf: bytes) -> pdfium.PdfPage:
    document = pdfium.PdfDocument(pdf)
    assert len(document) == 1, "a poster is one page"
    return document[0]


def page_text(pdf: bytes) -> str:
    return " ".join(only_page(pdf).get_textpage().get_text_range().split())


def qr_codes(pdf: bytes) -> list[zxingcpp.Barcode]:
    image = only_page(pdf).render(scale=SCALE).to_pil()
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ({}, TELEGRAM),
        ({"telegram_link": None}, WHATSAPP),
        ({"telegram_link": None, "whatsapp_link": None}, f"CLAIM {CODE}"),
    ],
    ids=["telegram-first", "whatsapp-next", "sms-only"],
)
def test_the_qr_code_carries_the_best_link(links: dict, expected: str) -> None:
    assert [code.text for code in qr_codes(render_poster(replace(POSTER, **links)))] == [expected]


def test_the_qr_code_is_at_least_12_cm_wide() -> None:
    (code,) = qr_codes(render_poster(POSTER))
    width_mm = (code.position.top_right.x - code.position.top_left.x) / SCALE * MM_PER_POINT
    assert width_mm >= 120


def test_the_page_says_the_badge_the_provider_and_the_code() -> None:
    text = page_text(render_poster(POSTER))
    assert "Claim your Café “Bike” Fixer badge" in text
    assert "from Plymouth Youth Hub" in text
    assert CODE in text


def test_the_code_is_in_very_large_monospaced_type() -> None:
    textpage = only_page(render_poster(POSTER)).get_textpage()
    start, length = textpage.search(CODE, match_case=True).get_next()
    indexes = range(start, start + length)
    assert min(pdfium_c.FPDFText_GetFontSize(textpage, i) for i in indexes) >= 48
    boxes = [textpage.get_charbox(i, loose=True) for i in indexes]
    assert len({round(right - left, 1) for left, _, right, _ in boxes}) == 1, "not monospaced"


def test_each_channel_gets_its_instruction() -> None:
    text = page_text(render_poster(POSTER))
    assert "Telegram: scan the code" in text
    assert f"WhatsApp: send CLAIM {CODE} to +447700900000" in text
    assert f"Text CLAIM {CODE} to +447700900000" in text


def test_when_whatsapp_has_the_qr_code_it_says_scan() -> None:
    text = page_text(render_poster(replace(POSTER, telegram_link=None, sms_number=None)))
    assert f"WhatsApp: scan or send CLAIM {CODE} to +447700900000" in text
    assert "Telegram" not in text and "Text CLAIM" not in text


def test_valid_until_is_shown_in_the_city_time() -> None:
    # 23:30 UTC in summer is 00:30 the next day in London (BST)
    late_june = replace(POSTER, valid_until=datetime(2025, 6, 30, 23, 30, tzinfo=UTC))
    assert "Valid until Tuesday 1 July 2025, 00:30" in page_text(render_poster(late_june))


def test_no_expiry_no_valid_until_line() -> None:
    assert "Valid until" not in page_text(render_poster(POSTER))


def test_a_naive_valid_until_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        replace(POSTER, valid_until=datetime(2025, 6, 30, 23, 30))


def test_emoji_the_fonts_lack_are_left_out() -> None:
    text = page_text(render_poster(replace(POSTER, badge_name="Bike fixer 🚲\u200d")))
    assert "Claim your Bike fixer badge" in text


@settings(max_examples=25, deadline=None)
@given(badge_name=st.text(max_size=300), provider_name=st.text(max_size=300))
@example(badge_name="🚲" * 300, provider_name="\x00\x1b\n\t\u202e\ufeff")
@example(badge_name="W" * 300, provider_name="Ｗ" * 300)
def test_any_names_make_one_page_that_scans(badge_name: str, provider_name: str) -> None:
    pdf = render_poster(replace(POSTER, badge_name=badge_name, provider_name=provider_name))
    page = only_page(pdf)
    width, height = page.get_size()
    textpage = page.get_textpage()
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        assert 0 <= left <= right <= width and 0 <= bottom <= top <= height, "text off the page"
    assert CODE in page_text(pdf)
    assert [code.text for code in qr_codes(pdf)] == [TELEGRAM]
