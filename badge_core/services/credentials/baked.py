"""An award's badge image with the badge inside (Open Badges baking): the picture a learner
downloads carries its signed OB 3.0 credential and, where the deployment has a public URL,
its OB 2.0 hosted assertion, so older backpacks can read it too."""

from __future__ import annotations

from typing import Any, Literal

from badge_core.config import Settings
from badge_core.credentials.baking import badge_png, badge_svg, bake_png, bake_svg
from badge_core.credentials.documents import BadgeFacts
from badge_core.db import UnitOfWork
from badge_core.services.credentials.awards import find_award
from badge_core.services.credentials.facts import badge_facts
from badge_core.services.credentials.issuing import ob2_assertion

ImageFormat = Literal["png", "svg"]
MEDIA_TYPES: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}
ARTWORK_KEPT = 256  # badges whose drawn artwork a process keeps (a PNG takes ~70 ms to draw)
_artwork: dict[tuple[str, ...], bytes | str] = {}


def _drawn(facts: BadgeFacts, image_format: ImageFormat) -> bytes | str:
    """The badge's artwork, drawn once per process for what it is drawn from."""
    key = (image_format, facts.key, facts.name, facts.image or "")
    if key not in _artwork:
        if len(_artwork) >= ARTWORK_KEPT:
            _artwork.pop(next(iter(_artwork)))
        _artwork[key] = badge_png(facts) if image_format == "png" else badge_svg(facts)
    return _artwork[key]


def baked_badge(
    uow: UnitOfWork,
    settings: Settings,
    award_ref: str | int,
    credential: dict[str, Any],
    image_format: ImageFormat,
) -> bytes:
    """The award's badge image (``png`` or ``svg``) with ``credential``, its signed OB 3.0
    credential, baked in; the OB 2.0 assertion too under a public URL."""
    with uow.reading():
        facts = badge_facts(find_award(uow, award_ref).badge_class)
    hosted = ob2_assertion(uow, settings, award_ref) if settings.public_url else None
    artwork = _drawn(facts, image_format)
    if isinstance(artwork, bytes):
        return bake_png(artwork, ob2_assertion=hosted, ob3_credential=credential)
    return bake_svg(artwork, ob2_assertion=hosted, ob3_credential=credential).encode("utf-8")
