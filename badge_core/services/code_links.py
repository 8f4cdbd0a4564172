"""The links a youth worker shares with a claim code: a Telegram deep link, a WhatsApp
click-to-chat link, the SMS line to text, and the printable poster on the web app, with
what that poster shows.

A poster's address holds the code sealed (encrypted and authenticated with the deployment's
key) with the time it stops working: the code is not in the address, and a guessed address
opens nothing, so the poster page cannot be used to try codes (it answered 200 or 404 for any
code typed into its address, uncounted)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from sqlalchemy import select

from badge_core.channels import own_number
from badge_core.config import Settings, web_url
from badge_core.db import UnitOfWork
from badge_core.models import BadgeClass, City, ClaimCode, Provider, utcnow
from badge_core.posters import PosterContent
from badge_core.privacy import open_link, seal_for_link
from badge_core.services.codes import code_hash
from colbot_shared.codes import format_code, normalise_code


@dataclass(frozen=True)
class ClaimLinks:
    telegram: str | None
    whatsapp: str | None
    sms: str | None  # what to text, and where
    poster: str  # on the web app


def credential_link(settings: Settings, award_public_id: str) -> str:
    """The page where a learner sees, shares and downloads an award's signed credential."""
    return f"{web_url(settings)}/credentials/{award_public_id}"


# A poster can be printed until its code closes, and a day after (to reprint a torn one).
POSTER_GRACE = timedelta(days=1)


def poster_link(settings: Settings, code: str, valid_until: datetime) -> str:
    until = (valid_until + POSTER_GRACE).timestamp()
    token = seal_for_link(settings.secret_key, json.dumps({"code": code, "until": until}))
    return f"{web_url(settings)}/posters/{token}.pdf"


def poster_code(settings: Settings, token: str, now: datetime | None = None) -> str | None:
    """The code a poster link holds, or None when the link is not ours or has run out."""
    opened = open_link(settings.secret_key, token)
    if opened is None:
        return None
    sealed = json.loads(opened)
    if (now or utcnow()).timestamp() > sealed["until"]:
        return None
    return str(sealed["code"])


def claim_links(
    settings: Settings, code: str, valid_until: datetime, channels: dict[str, Any] | None = None
) -> ClaimLinks:
    """The ways to claim ``code``: the deployment's Telegram bot, and the city's own SMS and
    WhatsApp numbers where its pack names them (``channels``, as stored on the city), else
    the deployment's."""
    bot, whatsapp_number, sms_number = _numbers(settings, channels or {})
    telegram = f"https://t.me/{bot}?start={code}" if bot else None
    digits = whatsapp_number.removeprefix("whatsapp:").lstrip("+")
    whatsapp = f"https://wa.me/{digits}?text={quote('CLAIM ' + code)}" if digits else None
    sms = f"Text CLAIM {code} to {sms_number}" if sms_number else None
    return ClaimLinks(telegram, whatsapp, sms, poster_link(settings, code, valid_until))


def _numbers(settings: Settings, channels: dict[str, Any]) -> tuple[str, str, str]:
    """The Telegram bot, WhatsApp number and SMS number to claim on: the deployment runs one
    Telegram bot (one token); where it has SMS or WhatsApp switched on, the city's own number
    for it (a Twilio account holds one for each city) if its pack names one."""

    def number(channel: str, deployment: str) -> str:
        return (own_number(channels, channel) or deployment) if deployment else ""

    return (
        settings.telegram_bot_username,
        number("whatsapp", settings.whatsapp_number),
        number("sms", settings.sms_number),
    )


def poster_content(uow: UnitOfWork, settings: Settings, typed_code: str) -> PosterContent | None:
    """What a code's printable poster shows, or None for a code that does not exist (the web
    app reaches this only with a code from a sealed poster link)."""
    normalised = normalise_code(typed_code)
    if normalised is None:
        return None
    with uow:
        row = uow.session.execute(
            select(ClaimCode, BadgeClass.name, Provider.name, City.timezone, City.channels)
            .join(BadgeClass, ClaimCode.badge_class_id == BadgeClass.id)
            .join(Provider, BadgeClass.provider_id == Provider.id)
            .join(City, BadgeClass.city_id == City.id)
            .where(ClaimCode.code_hash == code_hash(settings.secret_key, normalised))
        ).first()
    if row is None:
        return None
    code, badge_name, provider_name, timezone, channels = row
    shown = format_code(normalised)
    links = claim_links(settings, shown, code.valid_until, channels)
    return PosterContent(
        code=shown,
        badge_name=badge_name,
        provider_name=provider_name,
        valid_until=code.valid_until,
        timezone=timezone,
        telegram_link=links.telegram,
        whatsapp_link=links.whatsapp,
        sms_number=_numbers(settings, channels or {})[2] or None,
    )
