"""Plain-text reader: one file, one article; the file name stem is its id."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from khabar.config import IngestSettings
from khabar.errors import KhabarError
from khabar.model import Article, Rejected

from .common import check_size, decode_text, file_stem, open_bytes, read_limited, reject, require_content


def read_text(path: Path, settings: IngestSettings, name: str | None = None) -> Iterator[Article | Rejected]:
    """One Article from a UTF-8 text file. Title stays empty (cleaning promotes a headline);
    source and date are unknown: the file's timestamp says nothing about publication."""
    name = name or str(path)
    try:
        check_size(path, settings.max_bytes, name)
        with open_bytes(path) as fh:
            data = read_limited(fh, settings.max_bytes, name)
        text = decode_text(data, name)
        require_content(text, name, what="file")
    except KhabarError as err:
        yield reject(err)
        return
    yield Article(external_id=file_stem(path), raw_text=text, input_name=name)
