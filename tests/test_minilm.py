"""The matching model in plain numpy (colbot_shared/minilm.py), as the Rasa runtime's
safeguarding detector reads a message's meaning with it: the same tokens as the model's own
tokeniser and the vectors sentence-transformers gives."""

from __future__ import annotations

import numpy as np
import pytest
from tokenizers import Tokenizer

from badge_core.matching import export
from colbot_shared import minilm

_, REFERENCE = export.reference()  # what sentence-transformers itself gave
TEXTS = list(REFERENCE)  # empty, emoji, accents, scripts, and past the 256-token limit
MORE = [
    "i dont wanna be here anymore 😔😔",
    "my mum's bf said don't tell ANYONE!!!",
    "kms lol jk... unless?",
    "£5 entry, 10:30-12:00 @ the hub #skate",
    "naïve café in Zürich\u200b with a zero-width space",
    "tab\tand\r\nnew lines\u3000and ideographic space",
    "he said \u201cmeet me alone\u201d \u2014 should i go?",
    "控制 characters \x07 and \x00 NUL",
]


@pytest.fixture(scope="module")
def encoder() -> minilm.Encoder:
    return minilm.encoder()


def test_it_gives_sentence_transformers_vectors_one_at_a_time_and_in_batches(
    encoder: minilm.Encoder,
) -> None:
    expected = np.vstack([REFERENCE[text] for text in TEXTS])
    for vectors in (encoder.encode(TEXTS), np.vstack([encoder.encode([t]) for t in TEXTS])):
        agreement = (vectors * expected).sum(axis=1)
        assert agreement.min() >= 0.9999, TEXTS[int(agreement.argmin())]


def test_its_tokens_are_the_model_tokenisers_own(encoder: minilm.Encoder) -> None:
    own = Tokenizer.from_file(str(minilm.model_package()[0] / "tokenizer.json"))
    own.enable_truncation(minilm.MAX_TOKENS)
    own.no_padding()
    for text in TEXTS + MORE:
        assert encoder.tokenizer.ids(text) == own.encode(text).ids, text


def test_a_texts_vector_does_not_depend_on_what_it_is_batched_with(
    encoder: minilm.Encoder,
) -> None:
    alone = encoder.encode(["my big sister is taking me into town"])[0]
    batched = encoder.encode(["a", "my big sister is taking me into town", MORE[0] * 5])[1]
    assert float(alone @ batched) >= 0.99999


def test_many_batches_shared_among_cores_give_the_same_readings_to_the_bit(
    encoder: minilm.Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detector's training reads its messages on every core (each batch multiplying on
    one thread); what it learns from must be what one core reading them in turn gives."""
    texts = [f"{text} {n}" for n in range(12) for text in TEXTS + MORE]  # many batches of 32
    shared = encoder.readings(texts, (-1, 2))
    monkeypatch.setattr(minilm.os, "cpu_count", lambda: 1)
    in_turn = encoder.readings(texts, (-1, 2))
    assert shared.shape == (len(texts), 2, minilm.DIMENSIONS)
    assert np.array_equal(shared, in_turn)
