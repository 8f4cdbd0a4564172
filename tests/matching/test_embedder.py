"""The model through ONNX Runtime: the vectors sentence-transformers gives (recorded in
badge_core/matching/reference_vectors.json), from a graph built once from the model's
weights, with torch in no environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest

from badge_core.cli import main
from badge_core.config import Settings
from badge_core.matching import embedder as embedding
from badge_core.matching import export
from badge_core.matching.embedder import ModelMismatch, OnnxEmbedder, load_onnx, onnx_file_name
from tests.conftest import REPO

_, REFERENCE = export.reference()  # what sentence-transformers itself gave
TEXTS = list(REFERENCE)  # empty, emoji, accents, scripts, and past the 256-token limit


@pytest.fixture(scope="module")
def exported() -> bytes:
    return export.export_model()


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    return np.vstack([REFERENCE[text] for text in TEXTS])


@pytest.fixture
def cache(tmp_path: Path, exported: bytes) -> Path:
    """A data directory's cache/ as `colbot model export` leaves it."""
    embedding.keep(exported, tmp_path / "cache" / onnx_file_name())
    return tmp_path / "cache"


def no_export() -> bytes:
    raise AssertionError("exported again although a sound file was there")


def test_one_text_and_a_batch_give_sentence_transformers_vectors(
    cache: Path, reference: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "export_model", no_export)
    embedder = OnnxEmbedder(cache)
    batch = embedder.encode(TEXTS)
    assert batch.shape == (len(TEXTS), 384) and batch.dtype == np.float32
    assert not embedder.exported_here
    assert np.abs(batch - reference).max() < 1e-5
    for text, expected in zip(TEXTS, reference, strict=True):
        single = embedder.encode([text])
        assert single.shape == (1, 384) and float(single[0] @ expected) > 0.9999
    many = TEXTS * 30  # more than one batch, lengths mixed: each row stays with its text
    assert np.abs(embedder.encode(many) - np.tile(reference, (30, 1))).max() < 1e-5
    assert embedder.encode([]).shape == (0, 384)


def test_the_serving_process_never_imports_torch(cache: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "from badge_core.matching.embedder import OnnxEmbedder\n"
        f"e = OnnxEmbedder(Path({str(cache)!r}))\n"
        "e.encode(['football']); e.encode(['a', 'batch of texts'])\n"
        "loaded = [m for m in ('torch', 'sentence_transformers', 'transformers')"
        " if m in sys.modules]\n"
        "print(loaded, e.exported_here)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert result.stdout.strip() == "[] False", result.stderr[-2000:]


def test_no_environment_has_torch_or_sentence_transformers() -> None:
    """The locks install neither (requirements/README.md): the graph is built without them."""
    import importlib.util

    assert importlib.util.find_spec("torch") is None
    assert importlib.util.find_spec("sentence_transformers") is None


def test_without_a_file_the_process_exports_one_and_keeps_it_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = OnnxEmbedder(tmp_path / "cache")
    expected = first.encode(["i want to be a games designer"])
    assert first.exported_here
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [onnx_file_name()]

    monkeypatch.setattr(export, "export_model", no_export)
    second = OnnxEmbedder(tmp_path / "cache")
    again = second.encode(["i want to be a games designer"])
    assert not second.exported_here and float(again[0] @ expected[0]) > 0.9999


def test_a_damaged_file_is_exported_afresh_and_an_unwritable_place_is_no_failure(
    tmp_path: Path, reference: np.ndarray
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    damaged = cache / onnx_file_name()
    damaged.write_bytes(b"half a file")
    repaired = OnnxEmbedder(cache)
    assert float(repaired.encode([TEXTS[0]])[0] @ reference[0]) > 0.9999
    assert repaired.exported_here and damaged.stat().st_size > 1_000_000
    assert list(cache.iterdir()) == [damaged]  # no temporary file left behind

    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    unwritable = OnnxEmbedder(blocked / "cache")
    assert float(unwritable.encode([TEXTS[0]])[0] @ reference[0]) > 0.9999
    assert unwritable.exported_here


def test_a_graph_that_gives_other_vectors_than_sentence_transformers_is_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build is checked against the recorded vectors before it is used or kept: a wrong
    graph (here one layer's feed-forward weights scaled, as a mistake in the builder would
    make them) is refused, and nothing is left in the cache."""
    from safetensors.numpy import load_file

    weights = load_file(str(embedding.model_path() / "model.safetensors"))
    weights["encoder.layer.3.output.dense.weight"] *= 1.05
    monkeypatch.setattr("safetensors.numpy.load_file", lambda _path: weights)
    cache = tmp_path / "cache"
    with pytest.raises(ModelMismatch, match="other vectors|another vector"):
        OnnxEmbedder(cache).encode(["football"])
    assert not cache.exists() or not any(cache.iterdir())


def test_a_file_that_gives_other_vectors_than_at_export_is_not_used(
    tmp_path: Path, exported: bytes
) -> None:
    """The check travels in the file: here its vectors are another text's, as a runtime
    that computed differently would give."""
    model = onnx.load_from_string(exported)
    for prop in model.metadata_props:
        if prop.key == embedding.META_CHECK:
            check = json.loads(prop.value)
            texts = list(check)
            prop.value = json.dumps({texts[0]: check[texts[1]]})
    with pytest.raises(ModelMismatch, match="other vectors"):
        load_onnx(model.SerializeToString())

    cache = tmp_path / "cache"
    embedding.keep(model.SerializeToString(), cache / onnx_file_name())
    embedder = OnnxEmbedder(cache)
    embedder.encode(["football"])
    assert embedder.exported_here  # not trusted: exported afresh, and the good file kept
    load_onnx(cache / onnx_file_name())


def test_colbot_model_export_exports_once(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = Settings(database_url="sqlite://", secret_key="k" * 40, data_dir=tmp_path)
    assert main(["model", "export"], settings=settings) == 0
    assert capsys.readouterr().out.startswith(f"Exported: {tmp_path / 'cache'}")
    assert main(["model", "export"], settings=settings) == 0
    assert capsys.readouterr().out.startswith("Already exported:")
