"""Local executor: `prepare` inline for small batches, in worker processes for large ones."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from khabar.config import Settings
from khabar.model import Article, Rejected

# Below this many reports a batch is prepared inline: starting workers (each loads
# the language detector and the NER model) costs more than it saves.
POOL_MIN_BATCH = 64


class LocalExecutor:
    """Maps `prepare` over batches of reports, in order."""

    def __init__(self, settings: Settings, workers: int | None = None):
        self.settings = settings
        self.workers = workers if workers is not None else (settings.workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def map_prepare(self, articles: list[Article]) -> list[Article | Rejected]:
        """Prepared reports in input order; a report a step fails on comes back as Rejected."""
        from khabar.pipeline import prepare_or_reject

        work = partial(prepare_or_reject, settings=self.settings)
        if self.workers <= 1 or len(articles) < POOL_MIN_BATCH:
            return [work(a) for a in articles]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers)
        return list(self._pool.map(work, articles, chunksize=8))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> "LocalExecutor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
