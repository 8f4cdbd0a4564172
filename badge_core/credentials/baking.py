"""Baked badges: a badge image carrying the learner's credential, so the picture a learner
downloads and keeps anywhere is itself the badge, which Open Badges software reads back.

The layouts are 1EdTech's: Open Badges 3.0 "Baked Badge" (PNG ``iTXt`` chunk
``openbadgecredential``; SVG ``<openbadges:credential>``, the JSON in CDATA) and the Open
Badges 2.0 Baking Specification (PNG ``iTXt`` chunk ``openbadges``; SVG
``<openbadges:assertion verify>``). Chunks are uncompressed, as the specs demand, and go just
before ``IEND``; a keyword or element may appear only once, so baking again replaces it (the
specs leave replace-or-refuse to the implementor). The rest of the image is kept byte for
byte: SVG is edited as text at the positions expat reports.

The artwork is the badge's own image when that is a PNG or SVG data URI, else the generated
SVG of ``documents.badge_image``, which the PNG draws with Pillow. Nothing is fetched.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import struct
import zlib
from dataclasses import replace
from functools import cache
from importlib.util import find_spec
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree as ET
from xml.parsers import expat

from PIL import Image, ImageDraw, ImageFont

from badge_core.credentials.documents import BadgeFacts, badge_image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OB2_KEYWORD, OB3_KEYWORD = "openbadges", "openbadgecredential"
OB2_NAMESPACE, OB3_NAMESPACE = "http://openbadges.org", "https://purl.imsglobal.org/ob/v3p0"
OB2_ELEMENT, OB3_ELEMENT = f"{{{OB2_NAMESPACE}}}assertion", f"{{{OB3_NAMESPACE}}}credential"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
SUPERSAMPLE = 4  # Pillow draws without anti-aliasing: draw larger, then average down

_NOT_XML_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")
_START_TAG = re.compile(rb"""<([^\s/>]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_ITXT = re.compile(rb"[^\0]{1,79}\0(.).[^\0]*\0[^\0]*\0(.*)", re.DOTALL)


class BakingError(ValueError):
    """The image cannot carry a badge, or what it carries cannot be read."""


def _json(document: dict[str, Any]) -> str:
    """Compact JSON, with the few characters XML and UTF-8 cannot hold as JSON escapes (they
    only occur inside strings)."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return _NOT_XML_TEXT.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _payloads(
    ob2_assertion: dict[str, Any] | None, ob3_credential: dict[str, Any] | None
) -> dict[str, str]:
    """What to bake by PNG keyword, the 3.0 credential first: each document as JSON (the OB
    2.0 baking spec's "raw JSON for the assertion"; its ``id`` is the hosted assertion's URL)."""
    if ob2_assertion is None and ob3_credential is None:
        raise BakingError("nothing to bake: give an OB 2.0 assertion or an OB 3.0 credential")
    payloads = {}
    if ob3_credential is not None:
        payloads[OB3_KEYWORD] = _json(ob3_credential)
    if ob2_assertion is not None:
        verify = ob2_assertion.get("id")
        if not isinstance(verify, str) or not verify.strip() or any(c < " " for c in verify):
            raise BakingError("the OB 2.0 assertion has no id (its hosted URL) to verify with")
        payloads[OB2_KEYWORD] = _json(ob2_assertion)
    return payloads


def _credential(text: str) -> dict[str, Any]:
    try:
        credential = json.loads(text)
    except ValueError as error:
        raise BakingError(f"the baked credential is not JSON: {error}") from None
    if not isinstance(credential, dict):
        raise BakingError("the baked credential is not a JSON object")
    return credential


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks as (type, data), checked: signature, lengths, CRCs, IHDR to IEND."""
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError("not a PNG image: the PNG signature is missing")
    chunks, at = [], len(PNG_SIGNATURE)
    while not chunks or chunks[-1][0] != b"IEND":
        length, kind = struct.unpack(">I4s", png[at : at + 8].ljust(8, b"\0"))
        data, crc = png[at + 8 : at + 8 + length], png[at + 8 + length : at + 12 + length]
        if len(crc) < 4 or not kind.isalpha() or struct.pack(">I", zlib.crc32(kind + data)) != crc:
            raise BakingError(f"the PNG is cut short or corrupt at byte {at} (chunk {kind!r})")
        chunks.append((kind, data))
        at += 12 + length
    if chunks[0][0] != b"IHDR":
        raise BakingError("the PNG is corrupt: it does not start with an IHDR chunk")
    return chunks


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _keyword(kind: bytes, data: bytes) -> str | None:
    is_text = kind in (b"tEXt", b"zTXt", b"iTXt")
    return data.split(b"\0", 1)[0].decode("latin-1") if is_text else None


def _itxt_text(data: bytes) -> str:
    match = _ITXT.fullmatch(data)
    if match is None:
        raise BakingError("the baked iTXt chunk is malformed")
    if match[1] != b"\0":
        raise BakingError("the baked iTXt chunk is compressed, which Open Badges forbids")
    try:
        return match[2].decode("utf-8")
    except UnicodeDecodeError as error:
        raise BakingError(f"the baked iTXt chunk is not UTF-8: {error}") from None


def bake_png(
    png: bytes, *, ob2_assertion: dict | None = None, ob3_credential: dict | None = None
) -> bytes:
    """The PNG with the credential (and/or the OB 2.0 hosted assertion) in iTXt chunks (keyword,
    compression flag 0, method 0, no language tag or translated keyword) just before IEND,
    replacing any text chunk of the same keyword; every other chunk is kept as it was."""
    payloads = _payloads(ob2_assertion, ob3_credential)
    kept = [chunk for chunk in _chunks(png) if _keyword(*chunk) not in payloads]
    baked = [(b"iTXt", k.encode("latin-1") + b"\0" * 5 + t.encode()) for k, t in payloads.items()]
    return PNG_SIGNATURE + b"".join(_chunk(*c) for c in kept[:-1] + baked + kept[-1:])


def unbake_png(png: bytes) -> dict[str, Any]:
    """``{"ob2": assertion, "ob3": credential}`` from the first iTXt chunk of each keyword,
    None where there is none; an OB 2.0 chunk that is not JSON (a signed assertion, or an old
    badge's bare URL) is given as its text."""
    found: dict[str, str] = {}
    for kind, data in _chunks(png):
        keyword = _keyword(kind, data)
        if kind == b"iTXt" and keyword in (OB2_KEYWORD, OB3_KEYWORD) and keyword not in found:
            found[keyword] = _itxt_text(data)
    ob2, ob3 = found.get(OB2_KEYWORD), found.get(OB3_KEYWORD)
    return {"ob2": _assertion(ob2), "ob3": None if ob3 is None else _credential(ob3)}


def _assertion(text: str | None) -> dict[str, Any] | str | None:
    if text is None or not text.lstrip().startswith("{"):
        return text
    return _credential(text)


def _svg_root(svg: str | bytes) -> ET.Element:
    try:
        root = ET.fromstring(svg)
    except (ET.ParseError, UnicodeError) as error:
        raise BakingError(f"the SVG is not well-formed XML: {error}") from None
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise BakingError(f"not an SVG image: its root element is {root.tag!r}")
    return root


def _scan(svg: str) -> tuple[bytes, int, str | None, list[tuple[str, int, int]]]:
    """The SVG as UTF-8, where its root tag starts, what the root binds the ``openbadges``
    prefix to, and the byte spans of its Open Badges elements, as expat reports them."""
    _svg_root(svg)
    data, parser = svg.encode("utf-8"), expat.ParserCreate(namespace_separator="}")
    root, binding = -1, None
    open_tags: list[int] = []
    spans: list[tuple[str, int, int]] = []

    def declare(prefix: str | None, uri: str) -> None:
        nonlocal binding
        if root < 0 and prefix == "openbadges":
            binding = uri

    def start(_name: str, _attributes: Any) -> None:
        nonlocal root
        root = parser.CurrentByteIndex if root < 0 else root
        open_tags.append(parser.CurrentByteIndex)

    def end(name: str) -> None:
        tag = _START_TAG.match(data, begin := open_tags.pop())
        assert tag is not None
        close = tag.end() if tag[2] else data.index(b">", parser.CurrentByteIndex) + 1
        spans.append(("{" + name, begin, close))

    parser.StartNamespaceDeclHandler = declare
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.Parse(svg, True)
    return data, root, binding, spans


def _without(data: bytes, spans: list[tuple[int, int]]) -> bytes:
    pieces, at = [], 0
    for begin, end in sorted(spans):
        if begin >= at:  # an element inside one already cut goes with it
            pieces.append(data[at:begin])
            at = end
    return b"".join(pieces) + data[at:]


def _element(keyword: str, text: str, declaration: str) -> str:
    cdata = text.replace("]]>", "]]]]><![CDATA[>")  # a "]]>" in the JSON ends one section
    if keyword == OB3_KEYWORD:
        return f"<openbadges:credential{declaration}><![CDATA[{cdata}]]></openbadges:credential>"
    verify = html.escape(json.loads(text)["id"])
    return (
        f'<openbadges:assertion{declaration} verify="{verify}"><![CDATA[{cdata}]]>'
        "</openbadges:assertion>"
    )


def bake_svg(
    svg: str, *, ob2_assertion: dict | None = None, ob3_credential: dict | None = None
) -> str:
    """The SVG with the credential directly after the root's start tag (then the OB 2.0
    assertion), replacing any element baked before for the same version. The root's tag
    binds ``openbadges`` to the first element's namespace unless it binds it already; an
    element whose namespace the root does not bind declares its own."""
    payloads = _payloads(ob2_assertion, ob3_credential)
    data, root, binding, spans = _scan(svg)
    replaced = {OB3_ELEMENT if keyword == OB3_KEYWORD else OB2_ELEMENT for keyword in payloads}
    data = _without(data, [(begin, end) for name, begin, end in spans if name in replaced])
    root_declaration, inner = "", ""
    for keyword, text in payloads.items():
        namespace = OB3_NAMESPACE if keyword == OB3_KEYWORD else OB2_NAMESPACE
        declaration = f' xmlns:openbadges="{namespace}"'
        if binding is None:
            root_declaration, binding = declaration, namespace
        inner += _element(keyword, text, "" if binding == namespace else declaration)
    tag = _START_TAG.match(data, root)
    assert tag is not None
    head, close = tag.end() - 1 - len(tag[2]), b"</" + tag[1] + b">" if tag[2] else b""
    baked = f"{root_declaration}>{inner}".encode() + close
    return (data[:head] + baked + data[tag.end() :]).decode("utf-8")


def unbake_svg(svg: str) -> dict[str, Any]:
    """``{"ob2": assertion, "ob3": credential}`` from the first element of each version;
    None where there is none. An OB 2.0 element with no JSON inside gives its verify URL."""
    root = _svg_root(svg)
    ob2, ob3 = (next(root.iter(name), None) for name in (OB2_ELEMENT, OB3_ELEMENT))
    if ob2 is not None and not ob2.get("verify"):
        raise BakingError("the baked OB 2.0 assertion has no verify attribute")
    if ob3 is not None and ob3.get("verify") is not None:
        raise BakingError("the baked credential is a VC-JWT, which is not read here")
    return {
        "ob2": None
        if ob2 is None
        else _assertion("".join(ob2.itertext()).strip() or None) or ob2.get("verify"),
        "ob3": None if ob3 is None else _credential("".join(ob3.itertext()).strip()),
    }


def _data_uri(uri: str | None) -> tuple[str, bytes]:
    """The media type and content of a data URI holding a readable PNG or SVG, else empty."""
    if not uri or not uri.startswith("data:"):
        return "", b""
    header, _, payload = uri[5:].partition(",")
    media, *parameters = header.lower().split(";")
    try:
        content = base64.b64decode(payload) if "base64" in parameters else unquote_to_bytes(payload)
        _chunks(content) if media == "image/png" else _svg_root(content.decode("utf-8-sig"))
    except (binascii.Error, BakingError, UnicodeDecodeError):
        return "", b""
    return (media, content) if media in ("image/png", "image/svg+xml") else ("", b"")


def _generated_svg(badge: BadgeFacts) -> str:
    return _data_uri(badge_image(replace(badge, image=None)))[1].decode("utf-8")


def badge_svg(badge: BadgeFacts) -> str:
    """The badge's artwork as SVG: its own when its image is an SVG or PNG data URI (a PNG
    wrapped in an SVG), else the generated circle and initials."""
    media, content = _data_uri(badge_image(badge))
    if media != "image/png":
        return content.decode("utf-8-sig") if media else _generated_svg(badge)
    width, height = struct.unpack(">II", _chunks(content)[0][1][:8])
    href = "data:image/png;base64," + base64.b64encode(content).decode("ascii")
    return (
        f'<svg xmlns="{SVG_NAMESPACE}" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<image width="{width}" height="{height}" xlink:href="{href}"/></svg>'
    )


def badge_png(badge: BadgeFacts, size: int = 512) -> bytes:
    """The badge's artwork as PNG: its own when its image is a PNG data URI, else the
    generated SVG drawn ``size`` pixels square (an SVG of the badge's own cannot be drawn)."""
    media, content = _data_uri(badge.image)
    if media == "image/png":
        return content
    svg = _svg_root(_generated_svg(badge))
    scale = size * SUPERSAMPLE / float(svg.get("viewBox", "0 0 256 256").split()[2])
    canvas = Image.new("RGBA", (size * SUPERSAMPLE,) * 2)
    pen = ImageDraw.Draw(canvas)
    for element in svg:
        _draw(pen, element, scale)
    out = BytesIO()
    canvas.resize((size, size), Image.Resampling.BOX).save(out, "PNG", optimize=True)
    return out.getvalue()


def _draw(pen: ImageDraw.ImageDraw, element: ET.Element, scale: float) -> None:
    """One circle or text of the generated SVG (which draws nothing else)."""
    shape, get = element.tag.rpartition("}")[2], element.get
    fill, stroke = (
        None if v == "none" else v for v in (get("fill", "#000"), get("stroke", "none"))
    )
    if shape == "circle":
        x, y, r = (float(get(name, 0)) * scale for name in ("cx", "cy", "r"))
        width = float(get("stroke-width", 1)) * scale if stroke else 0
        r += width / 2  # an SVG stroke is centred on the outline, Pillow's lies inside it
        pen.ellipse((x - r, y - r, x + r, y + r), fill, stroke, round(width))
    elif shape == "text":
        font = _font(get("font-weight") == "bold", round(float(get("font-size", 16)) * scale))
        anchor = {"middle": "ms", "end": "rs"}.get(get("text-anchor", ""), "ls")
        at = (float(get("x", 0)) * scale, float(get("y", 0)) * scale)
        pen.text(at, element.text or "", fill=fill, font=font, anchor=anchor)


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans from matplotlib's own font files, as the posters use; else Pillow's."""
    spec = find_spec("matplotlib")
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if spec is not None and spec.origin is not None:
        path = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)
