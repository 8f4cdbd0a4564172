"""A baked badge: the learner's signed credential inside their badge picture, where Open Badges
software finds it (Pillow's own PNG reader and ElementTree stand in for one) and the picture
itself is unchanged. The layouts checked are 1EdTech's: Open Badges 3.0 "Baked Badge" and the
Open Badges 2.0 Baking Specification.
"""

from __future__ import annotations

import base64
import json
import re
import socket
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from io import BytesIO
from typing import Any

import pytest
from PIL import Image, PngImagePlugin

from badge_core.config import Settings
from badge_core.credentials.baking import (
    BakingError,
    badge_png,
    badge_svg,
    bake_png,
    bake_svg,
    unbake_png,
    unbake_svg,
)
from badge_core.credentials.documents import BadgeFacts
from badge_core.db import UnitOfWorkFactory
from badge_core.services.credentials import credential_for_award, verify_credential
from tests.credentials.conftest import MakeAward

ASSERTION_URL = "https://badges.example.org/ob2/assertions/3f2a?lang=en&v=2"
# an OB 2.0 hosted assertion (as ob2_assertion gives it): its id is where it is hosted
ASSERTION = {
    "@context": "https://w3id.org/openbadges/v2",
    "type": "Assertion",
    "id": ASSERTION_URL,
    "evidence": {"narrative": "a ]]> and <b>tags</b> & all"},
}
OB3 = "https://purl.imsglobal.org/ob/v3p0"
OB2 = "http://openbadges.org"
SVG = "http://www.w3.org/2000/svg"
REFLECTION = "I learned that ]]> ends a CDATA section & that <tags> need escaping"


def facts(image: str | None = None, name: str = "Code Club Coder") -> BadgeFacts:
    return BadgeFacts(
        "code-club-coder", name, "Made a game", "Came along", image, "p", "P", None, []
    )


def compact(credential: dict[str, Any]) -> str:
    return json.dumps(credential, separators=(",", ":"), ensure_ascii=False)


def png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG as (type, data), read independently of the code under test."""
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        chunks.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + length]))
        at += 12 + length
    return chunks


@pytest.fixture
def credential(uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward) -> dict:
    """A real signed credential whose learner wrote a CDATA terminator in their reflection."""
    issued = credential_for_award(
        uow(), cred_settings, make_award(reflection=REFLECTION).award_public_id
    )
    assert REFLECTION in compact(issued)
    return issued


@pytest.fixture
def other_credential(
    uow: UnitOfWorkFactory, cred_settings: Settings, make_award: MakeAward
) -> dict:
    return credential_for_award(uow(), cred_settings, make_award().award_public_id)


def test_a_baked_png_is_the_same_picture_carrying_the_credential(credential: dict) -> None:
    png = badge_png(facts())
    baked = bake_png(png, ob2_assertion=ASSERTION, ob3_credential=credential)

    Image.open(BytesIO(baked)).verify()  # every chunk's CRC
    before, after = Image.open(BytesIO(png)), Image.open(BytesIO(baked))
    assert (after.size, after.mode) == (before.size, before.mode)
    assert after.tobytes() == before.tobytes()
    assert after.text == {
        "openbadgecredential": compact(credential),
        "openbadges": compact(ASSERTION),
    }

    unbaked = unbake_png(baked)
    assert unbaked == {"ob2": ASSERTION, "ob3": credential}
    assert verify_credential(None, unbaked["ob3"]).valid


def test_the_credential_is_an_uncompressed_itxt_chunk_before_iend(credential: dict) -> None:
    png = badge_png(facts())
    chunks = png_chunks(bake_png(png, ob2_assertion=ASSERTION, ob3_credential=credential))

    assert [kind for kind, _ in chunks[-3:]] == [b"iTXt", b"iTXt", b"IEND"]
    texts = {data.split(b"\0", 1)[0]: data for kind, data in chunks if kind == b"iTXt"}
    # keyword, NUL, compression flag 0, compression method 0, no language, no translation
    assert texts[b"openbadgecredential"] == b"openbadgecredential\0\0\0\0\0" + compact(
        credential
    ).encode("utf-8")
    assert texts[b"openbadges"] == b"openbadges\0\0\0\0\0" + compact(ASSERTION).encode()
    assert chunks[:-3] == png_chunks(png)[:-1]  # the pixels and everything else, byte for byte


def test_baking_a_png_again_replaces_the_credential(
    credential: dict, other_credential: dict
) -> None:
    once = bake_png(badge_png(facts()), ob2_assertion=ASSERTION, ob3_credential=credential)
    twice = bake_png(once, ob3_credential=other_credential)

    keywords = Counter(data.split(b"\0")[0] for kind, data in png_chunks(twice) if kind == b"iTXt")
    assert keywords == {b"openbadgecredential": 1, b"openbadges": 1}
    assert unbake_png(twice) == {"ob2": ASSERTION, "ob3": other_credential}
    assert Image.open(BytesIO(twice)).text["openbadgecredential"] == compact(other_credential)


def test_a_baked_svg_has_the_credential_as_the_first_child_of_its_root(credential: dict) -> None:
    svg = badge_svg(facts())
    baked = bake_svg(svg, ob2_assertion=ASSERTION, ob3_credential=credential)

    root = ET.fromstring(baked)
    assert root.tag == f"{{{SVG}}}svg"
    assert root[0].tag == f"{{{OB3}}}credential" and root[0].get("verify") is None
    assert json.loads(root[0].text or "") == credential
    assert root[1].tag == f"{{{OB2}}}assertion" and root[1].get("verify") == ASSERTION_URL
    assert re.match(rf'<svg [^>]*xmlns:openbadges="{OB3}"', baked), "declared on the svg tag"
    assert "<openbadges:credential><![CDATA[{" in baked
    artwork = ET.fromstring(svg)
    assert [(e.tag, e.attrib, e.text) for e in root[2:]] == [
        (e.tag, e.attrib, e.text) for e in artwork
    ]
    assert unbake_svg(baked) == {"ob2": ASSERTION, "ob3": credential}


def test_a_cdata_terminator_in_the_credential_round_trips(credential: dict) -> None:
    baked = bake_svg(badge_svg(facts()), ob3_credential=credential)

    assert baked.count("<![CDATA[") == 2, "the section is split around the ]]>"
    unbaked = unbake_svg(baked)["ob3"]
    assert unbaked == credential
    assert REFLECTION in [item.get("narrative") for item in unbaked["evidence"]]
    assert verify_credential(None, unbaked).valid


def test_an_svg_with_only_an_ob2_assertion_uses_the_ob2_namespace() -> None:
    baked = bake_svg(badge_svg(facts()), ob2_assertion=ASSERTION)

    root = ET.fromstring(baked)
    assert root[0].tag == f"{{{OB2}}}assertion" and root[0].get("verify") == ASSERTION_URL
    assert re.match(rf'<svg [^>]*xmlns:openbadges="{OB2}"', baked)
    assert unbake_svg(baked) == {"ob2": ASSERTION, "ob3": None}


def test_baking_an_svg_again_replaces_the_credential(
    credential: dict, other_credential: dict
) -> None:
    once = bake_svg(badge_svg(facts()), ob2_assertion=ASSERTION, ob3_credential=credential)
    twice = bake_svg(once, ob3_credential=other_credential)

    root = ET.fromstring(twice)
    assert len(root.findall(f"{{{OB3}}}credential")) == 1
    assert len(root.findall(f"{{{OB2}}}assertion")) == 1
    assert root[0].tag == f"{{{OB3}}}credential"
    assert unbake_svg(twice) == {"ob2": ASSERTION, "ob3": other_credential}


def test_a_badge_whose_image_is_a_url_gets_artwork_without_the_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def offline(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    monkeypatch.setattr(socket.socket, "connect", offline)
    badge = facts("https://images.example.org/code-club-coder.png")

    assert ET.fromstring(badge_svg(badge)).findtext(f"{{{SVG}}}text") == "CCC"
    png = badge_png(badge)
    assert len(png) < 40_000
    image = Image.open(BytesIO(png)).convert("RGBA")
    assert image.size == (512, 512)
    assert image.getpixel((0, 0))[3] == 0  # outside the circle: transparent
    assert image.getpixel((256, 80)) == (0x1F, 0x4E, 0x79, 255)  # the circle's fill
    assert image.getpixel((256, 48)) == (255, 255, 255, 255)  # the ring
    letters = image.crop((96, 200, 416, 300)).convert("L").histogram()
    assert sum(letters[250:]) > 2000, "the initials are drawn in white"
    assert Image.open(BytesIO(badge_png(badge, size=128))).size == (128, 128)


def test_a_badge_image_given_as_a_data_uri_is_its_artwork() -> None:
    own_svg = f'<svg xmlns="{SVG}" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
    svg_uri = "data:image/svg+xml;base64," + base64.b64encode(own_svg.encode()).decode()
    assert badge_svg(facts(svg_uri)) == own_svg

    out = BytesIO()
    Image.new("RGB", (20, 10), "orange").save(out, "PNG")
    own_png = out.getvalue()
    png_badge = facts("data:image/png;base64," + base64.b64encode(own_png).decode())
    assert badge_png(png_badge) == own_png
    wrapper = ET.fromstring(badge_svg(png_badge))
    assert (wrapper.get("width"), wrapper.get("height")) == ("20", "10")
    assert base64.b64encode(own_png).decode() in ET.tostring(wrapper, encoding="unicode")


def _flip_a_pixel_byte(png: bytes) -> bytes:
    at = png.index(b"IDAT") + 20
    return png[:at] + bytes([png[at] ^ 0xFF]) + png[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda png: b"",
        lambda png: b"GIF89a" + png[6:],
        lambda png: png[: len(png) // 2],
        _flip_a_pixel_byte,
    ],
    ids=["empty", "not-a-png", "cut-short", "pixel-byte-flipped"],
)
def test_a_corrupt_png_is_refused(damage: Any, credential: dict) -> None:
    damaged = damage(badge_png(facts()))
    with pytest.raises(BakingError):
        bake_png(damaged, ob3_credential=credential)
    with pytest.raises(BakingError):
        unbake_png(damaged)


@pytest.mark.parametrize(
    "svg", ["", "<svg", "not xml at all", '<html xmlns="http://www.w3.org/1999/xhtml"/>']
)
def test_a_malformed_svg_is_refused(svg: str) -> None:
    with pytest.raises(BakingError):
        bake_svg(svg, ob2_assertion=ASSERTION)
    with pytest.raises(BakingError):
        unbake_svg(svg)


def test_a_compressed_credential_chunk_is_refused() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("openbadgecredential", '{"type":["OpenBadgeCredential"]}', zip=True)
    out = BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG", pnginfo=info)
    with pytest.raises(BakingError, match="compressed"):
        unbake_png(out.getvalue())


def test_an_older_badge_baked_with_only_the_assertion_url_still_reads() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_itxt("openbadges", ASSERTION_URL)
    out = BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG", pnginfo=info)
    assert unbake_png(out.getvalue()) == {"ob2": ASSERTION_URL, "ob3": None}
    baked = bake_svg(badge_svg(facts()), ob2_assertion=ASSERTION)
    only_url = re.sub(r"<!\[CDATA\[.*?\]\]>(?=</openbadges)", "", baked, flags=re.DOTALL)
    assert "CDATA" not in only_url
    assert unbake_svg(only_url) == {"ob2": ASSERTION_URL, "ob3": None}


def test_an_ob2_assertion_without_its_hosted_url_is_refused() -> None:
    with pytest.raises(BakingError, match="no id"):
        bake_png(badge_png(facts()), ob2_assertion={"type": "Assertion"})


def test_an_image_without_a_badge_unbakes_to_nothing() -> None:
    assert unbake_png(badge_png(facts())) == {"ob2": None, "ob3": None}
    assert unbake_svg(badge_svg(facts())) == {"ob2": None, "ob3": None}
