"""Checking a credential someone pasted, without letting it stall the checker.

Canonicalising JSON-LD (URDNA2015, in pyld) has no work limit: a complete graph of seven
blank nodes (1.5 KB) takes seconds, eight take minutes; a 190 KB proofValue takes ten seconds
to decode from base58. So a document from outside is checked in two steps:

1. :func:`shape_problem`, cheap and first: the size, nesting, number of objects and list
   items, labelled blank nodes, the contexts (only bundled ones, by name), the proof's size.
   A badge from this software is far inside every limit.
2. :class:`Canonicaliser`, the expensive step in a worker process with a hard time limit:
   a document that takes longer is refused and the worker is killed and replaced.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any

from badge_core.credentials.canonical import BUNDLED_CONTEXTS

MAX_BYTES = 32_000  # a badge with a long reflection is under 10 KB
MAX_DEPTH = 12
MAX_OBJECTS = 80  # JSON objects in the whole document (a badge has about 15)
MAX_LIST_ITEMS = 50
MAX_PROOF_VALUE = 120  # an Ed25519 signature is 64 bytes: about 88 base58 characters
CHECK_SECONDS = 1.5  # a badge canonicalises in well under 0.1 s


class TooCostly(ValueError):
    """The document would take too long to check: the message says why, for a person."""


def shape_problem(document: Any) -> str | None:
    """Why ``document`` is not shaped like a badge, or None. Cheap: one walk, no JSON-LD."""
    try:
        size = len(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError):
        return "it is not plain JSON"
    if size > MAX_BYTES:
        return f"it is {size:,} bytes, far more than a badge"
    objects = 0
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return "it is nested deeper than a badge"
        if isinstance(value, dict):
            objects += 1
            if objects > MAX_OBJECTS:
                return "it holds more parts than a badge"
            for key, item in value.items():
                if key in ("id", "@id") and isinstance(item, str) and item.startswith("_:"):
                    return "it names blank nodes, which a badge from here never does"
                if key == "@context" and (problem := _context_problem(item)):
                    return problem
                if key == "proofValue" and isinstance(item, str) and len(item) > MAX_PROOF_VALUE:
                    return "its proofValue is far longer than a signature"
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            if len(value) > MAX_LIST_ITEMS:
                return "it has longer lists than a badge"
            stack.extend((item, depth + 1) for item in value)
    return None


def _context_problem(context: Any) -> str | None:
    names = context if isinstance(context, list) else [context]
    for name in names:
        if not isinstance(name, str):
            return "it defines its own JSON-LD context inline"
        if name not in BUNDLED_CONTEXTS:
            return f"it uses a JSON-LD context this software does not know ({name[:80]})"
    return None


def _serve(connection: Connection) -> None:
    """The worker: canonicalise and hash what it is sent, until the pipe closes."""
    from badge_core.credentials.proof import hash_data

    connection.send(("ready", None))
    while True:
        try:
            unsecured, proof = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(("ok", hash_data(unsecured, proof)))
        except Exception as error:  # noqa: BLE001 - the parent re-raises it by type
            connection.send(("error", error))


class Canonicaliser:
    """:func:`proof.hash_data` in a worker process, refused after ``seconds``.

    One worker, started on first use (its start-up is not counted against the limit), one
    document at a time; a caller that cannot have the worker within the limit is refused too,
    so a stalled check never queues the next ones behind it.
    """

    def __init__(self, seconds: float = CHECK_SECONDS) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None

    def hash_data(self, unsecured: dict[str, Any], proof: dict[str, Any]) -> bytes:
        if not self._lock.acquire(timeout=self.seconds):
            raise TooCostly("the checker is busy: try again in a minute")
        try:
            connection = self._worker()
            connection.send((unsecured, proof))
            if not connection.poll(self.seconds):
                self._stop()
                raise TooCostly("it takes too long to check, which a badge never does")
            try:
                kind, value = connection.recv()
            except (EOFError, OSError):
                self._stop()
                raise TooCostly("it could not be checked") from None
        finally:
            self._lock.release()
        if kind == "error":
            raise value
        return value

    def _worker(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection:
            return self._connection
        self._stop()
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child,), daemon=True, name="colbot-check")
        process.start()
        child.close()
        if not parent.poll(60) or parent.recv()[0] != "ready":
            process.kill()
            raise TooCostly("the checker could not start")
        self._process, self._connection = process, parent
        return parent

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None

    def close(self) -> None:
        with self._lock:
            self._stop()
