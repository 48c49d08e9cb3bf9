"""Local executor: a function mapped inline for small batches, in worker processes
for large ones. Workers end with the process that started them."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Sequence, TypeVar

from khabar.executors.lifetime import bind_to_parent

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a batch is mapped inline: starting workers (each loads the
# language detector and the NER model) costs more than it saves.
POOL_MIN_BATCH = 64
CHUNKSIZE = 8


class Pending:
    """The results of one `submit`: computed by the workers meanwhile, or inline
    when they are asked for."""

    def __init__(self, fn: Callable[[T], R] | None, items: Sequence[T], results=None):
        self._fn, self._items, self._results = fn, items, results

    def result(self) -> list[R]:
        if self._fn is not None:  # inline: nothing ran yet
            fn, self._fn = self._fn, None
            return [fn(x) for x in self._items]
        return list(self._results)


class LocalExecutor:
    """Maps a function over batches, in input order, on `workers` processes
    (0 or None: one per core)."""

    def __init__(self, workers: int | None = None, min_batch: int = POOL_MIN_BATCH):
        self.workers = workers or os.cpu_count() or 1
        self.min_batch = min_batch
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[[T], R], items: Iterable[T]) -> Pending:
        """Start mapping `fn` over `items`; `.result()` gives the results in order.
        Workers run while the caller goes on with other work."""
        items = list(items)
        if self.workers <= 1 or len(items) < self.min_batch:
            return Pending(fn, items)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=bind_to_parent,
                                             initargs=(os.getpid(),))
        return Pending(None, items, self._pool.map(fn, items, chunksize=CHUNKSIZE))

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`fn` over `items`, in order."""
        return self.submit(fn, items).result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "LocalExecutor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
