"""The links a youth worker shares with a claim code: a Telegram deep link, a WhatsApp
click-to-chat link, the SMS line to text, and the printable poster on the web app, with
what that poster shows."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import select

from badge_core.config import Settings, web_url
from badge_core.db import UnitOfWork
from badge_core.models import BadgeClass, City, ClaimCode, Provider
from badge_core.posters import PosterContent
from badge_core.services.codes import code_hash, format_code, normalise_code


@dataclass(frozen=True)
class ClaimLinks:
    telegram: str | None
    whatsapp: str | None
    sms: str | None  # what to text, and where
    poster: str  # on the web app


def credential_link(settings: Settings, award_public_id: str) -> str:
    """The page where a learner sees, shares and downloads an award's signed credential."""
    return f"{web_url(settings)}/credentials/{award_public_id}"


def claim_links(settings: Settings, code: str) -> ClaimLinks:
    telegram = (
        f"https://t.me/{settings.telegram_bot_username}?start={code}"
        if settings.telegram_bot_username
        else None
    )
    digits = settings.whatsapp_number.removeprefix("whatsapp:").lstrip("+")
    whatsapp = f"https://wa.me/{digits}?text={quote('CLAIM ' + code)}" if digits else None
    sms = f"Text CLAIM {code} to {settings.sms_number}" if settings.sms_number else None
    return ClaimLinks(telegram, whatsapp, sms, f"{web_url(settings)}/posters/{code}.pdf")


def poster_content(uow: UnitOfWork, settings: Settings, typed_code: str) -> PosterContent | None:
    """What a code's printable poster shows, or None for a code that does not exist.
    Anyone holding the code may print its poster; the code itself is the secret."""
    normalised = normalise_code(typed_code)
    if normalised is None:
        return None
    with uow:
        row = uow.session.execute(
            select(ClaimCode, BadgeClass.name, Provider.name, City.timezone)
            .join(BadgeClass, ClaimCode.badge_class_id == BadgeClass.id)
            .join(Provider, BadgeClass.provider_id == Provider.id)
            .join(City, BadgeClass.city_id == City.id)
            .where(ClaimCode.code_hash == code_hash(settings.secret_key, normalised))
        ).first()
    if row is None:
        return None
    code, badge_name, provider_name, timezone = row
    shown = format_code(normalised)
    links = claim_links(settings, shown)
    return PosterContent(
        code=shown,
        badge_name=badge_name,
        provider_name=provider_name,
        valid_until=code.valid_until,
        timezone=timezone,
        telegram_link=links.telegram,
        whatsapp_link=links.whatsapp,
        sms_number=settings.sms_number or None,
    )
