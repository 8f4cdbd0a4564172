"""RDFC-1.0 canonical N-Quads of a JSON-LD document, with only the bundled contexts.

A signature over a credential is a signature over its canonical N-Quads, so signer and
verifier must expand it with exactly the same contexts. The contexts ship in ``contexts/``
(``index.json`` maps each URL to its file) and the loader here serves those and nothing else:
a document naming any other context fails with :class:`UnknownContext` instead of reaching
for the network. pyld's URDNA2015 is the algorithm W3C standardised as RDFC-1.0; the two
agree except on how a few ASCII control characters in literals are escaped, so documents
holding those are refused and credential texts are kept free of them
(``documents.plain_text``).

A term no context defines is silently dropped by JSON-LD expansion, and so is a type or id
that is not an absolute IRI: such content would be neither signed nor checked, JSON showing
more than the signature covers. Like the "safe mode" of Digital Bazaar's jsonld.js,
:func:`canonical_nquads` refuses those documents.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from pyld import jsonld

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3P0_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# ASCII controls RDFC-1.0 escapes differently from URDNA2015 (tab, CR and LF are the same)
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CONTEXTS_DIR = Path(__file__).parent / "contexts"
# URL -> file in CONTEXTS_DIR; the independent verifier (tools/verify-credential) reads it too
BUNDLED_CONTEXTS: dict[str, str] = json.loads((CONTEXTS_DIR / "index.json").read_text("utf-8"))


class UnknownContext(ValueError):
    """A document names a JSON-LD context that is not bundled."""

    def __init__(self, url: str) -> None:
        super().__init__(f"JSON-LD context {url!r} is not one this software knows")
        self.url = url


class NotCanonicalisable(ValueError):
    """The document is not JSON-LD that expands cleanly."""


@cache
def bundled_context(url: str) -> dict[str, Any]:
    name = BUNDLED_CONTEXTS.get(url)
    if name is None:
        raise UnknownContext(url)
    return json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))


def load_bundled(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves the bundled contexts and refuses everything else."""
    try:
        document = bundled_context(url)
    except UnknownContext as unknown:
        raise jsonld.JsonLdError(
            str(unknown), "jsonld.LoadDocumentError", {"url": url}, code="loading document failed"
        ) from unknown
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": copy.deepcopy(document),  # pyld must not change the cached copy
    }


def _unknown_context_in(error: BaseException | None) -> UnknownContext | None:
    while error is not None:
        if isinstance(error, UnknownContext):
            return error
        error = error.__cause__ or error.__context__
    return None


def _relative_iris(expanded: Any) -> list[str]:
    """Node ids and types in expanded JSON-LD that are not absolute IRIs (RDF drops them)."""
    found = []
    if isinstance(expanded, list):
        for item in expanded:
            found += _relative_iris(item)
    elif isinstance(expanded, dict):
        for key, value in expanded.items():
            if key in ("@id", "@type"):
                for iri in value if isinstance(value, list) else [value]:
                    if isinstance(iri, str) and not (iri.startswith("_:") or _is_absolute(iri)):
                        found.append(iri)
            elif key != "@value":
                found += _relative_iris(value)
    return found


def _is_absolute(iri: str) -> bool:
    scheme, colon, _ = iri.partition(":")
    return bool(colon) and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme)


def _has_control_characters(value: Any) -> bool:
    if isinstance(value, str):
        return CONTROL_CHARACTERS.search(value) is not None
    if isinstance(value, dict):
        return any(
            _has_control_characters(k) or _has_control_characters(v) for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_has_control_characters(v) for v in value)
    return False


def canonical_nquads(document: dict[str, Any]) -> str:
    """The RDFC-1.0 (URDNA2015) canonical N-Quads of ``document``, refusing documents with
    anything expansion would drop."""
    if _has_control_characters(document):
        raise NotCanonicalisable("it contains control characters, which canonicalise ambiguously")
    dropped: list[str | None] = []
    processor = jsonld.JsonLdProcessor(on_property_dropped=dropped.append)
    expanded = _run(processor.expand, document)
    relative = _relative_iris(expanded)
    if dropped or relative:
        names = sorted({str(name) for name in [*dropped, *relative]})
        raise NotCanonicalisable(
            f"it uses terms or types no context defines ({', '.join(names)}), "
            "so no signature could cover them"
        )
    return _run(processor.normalize, expanded)


def _run(step: Any, document: Any) -> Any:
    """One pyld step, with only the bundled contexts and no base IRI (as Data Integrity
    verifiers canonicalise: a relative IRI stays relative, and is refused above)."""
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "base": None,
        "documentLoader": load_bundled,
    }
    try:
        return step(document, options)
    except jsonld.JsonLdError as error:
        unknown = _unknown_context_in(error)
        if unknown is not None:
            raise UnknownContext(unknown.url) from None
        message = error.args[0] if error.args else type(error).__name__
        raise NotCanonicalisable(f"it is not valid JSON-LD ({message})") from error
