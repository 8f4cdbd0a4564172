"""The links a youth worker shares with a claim code: a Telegram deep link, a WhatsApp
click-to-chat link, the SMS line to text, and the printable poster on the web app."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from badge_core.config import Settings


@dataclass(frozen=True)
class ClaimLinks:
    telegram: str | None
    whatsapp: str | None
    sms: str | None  # what to text, and where
    poster: str  # a path on the web app, absolute when the public address is known


def claim_links(settings: Settings, code: str) -> ClaimLinks:
    telegram = (
        f"https://t.me/{settings.telegram_bot_username}?start={code}"
        if settings.telegram_bot_username else None
    )
    digits = settings.whatsapp_number.removeprefix("whatsapp:").lstrip("+")
    whatsapp = f"https://wa.me/{digits}?text={quote('CLAIM ' + code)}" if digits else None
    sms = f"Text CLAIM {code} to {settings.sms_number}" if settings.sms_number else None
    return ClaimLinks(telegram, whatsapp, sms, f"{settings.public_url}/posters/{code}.pdf")
