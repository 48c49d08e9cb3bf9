"""khabar: reads the news the way a careful editor does.

A small Python API mirrors the CLI::

    from khabar import open_store, ingest_paths
    store = open_store("news.db")
    report = ingest_paths(store, ["examples/seeds"])
    for row in store.list_articles(limit=5):
        print(row["external_id"], row["title"])
    hits = store.search("पुतिन")
"""

__version__ = "0.1.0"


def open_store(db=None, settings=None):
    """Open (and migrate) the store at `db` (path or URL; default from settings/KHABAR_DB)."""
    from khabar.store import open_store as _open

    return _open(db, settings)


def ingest_paths(store, inputs, settings=None, progress=False):
    """Read, clean, deduplicate and store every input (paths or URLs); returns an IngestReport."""
    from khabar.pipeline import ingest_paths as _ingest

    return _ingest(store, inputs, settings=settings, progress=progress)
