"""Small model files khabar trains itself from public data (see models/train_ner.py).

Files here ship inside the package; their licences and sources are in ATTRIBUTION.md.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent

NER_MODEL = "hi_ner.crfsuite"  # CRF over IL-NER Hindi (CC BY 4.0)
NER_STACK = "hi_ner_stack.crfsuite"  # second CRF over the first one's marginals (same data)
NER_NAMES = "hi_ner_names.txt"  # word -> the name type it mostly had in training
NER_COMMON = "hi_ner_common.txt"  # words the training data never saw inside a name
NER_CLUSTERS = "hi_ner_clusters.txt"  # word -> distributional clusters and frequency class
NER_E5_TABLE = "hi_ner_e5.txt"  # word -> P(PER), P(LOC), P(ORG) from its e5 embedding
NER_E5_LR = "hi_ner_e5_lr.npz"  # the regression that gives them, for words not in the table
NER_ENCODER = "hi_ner_encoder.npz"  # tuned top layers of e5-small + label layer (IL-NER)


def path(name: str) -> Path:
    """Path of a bundled model file."""
    return _HERE / name
