"""Choose a reader for each input by its name, then by sniffing its first bytes."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Callable, Iterable, Iterator

from khabar.config import IngestSettings
from khabar.errors import InputNotFound, KhabarError, NotText, StepFailed, UnknownFormat
from khabar.model import Article, Rejected

from .common import decode_text, file_stem, reject, require_content
from .feed import feed_entries, looks_like_feed, read_feed
from .fetch import Fetcher
from .html import html_to_article, read_html
from .jsonl import read_jsonl
from .settle import settle
from .text import read_text
from .warc import read_warc

Reader = Callable[[Path, IngestSettings, str], Iterator[Article | Rejected]]

READERS: dict[str, Reader] = {
    "jsonl": read_jsonl,
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}

# Suffix (after an optional .gz) -> reader kind.
SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".txt": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc",
}


def read_inputs(inputs: Iterable[str], settings: IngestSettings) -> Iterator[Article | Rejected]:
    """Articles from files, folders (recursively) and http(s) URLs, in the order given.

    An input that cannot be read yields a Rejected (coded as in khabar.errors) and the
    batch goes on. URLs share one polite Fetcher (per-host pause, robots.txt).
    """
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]  # one name, not an iterable of its characters
    fetcher: Fetcher | None = None
    try:
        for item in inputs:
            if is_url(item):
                if fetcher is None:
                    fetcher = Fetcher(settings)
                yield from read_url(item, settings, fetcher)
            else:
                yield from read_input(item, settings)
    finally:
        if fetcher is not None:
            fetcher.close()


def read_input(name: str, settings: IngestSettings, fetcher: Fetcher | None = None) -> Iterator[Article | Rejected]:
    """Articles from one input: a file, a folder or a URL."""
    if is_url(name):
        if fetcher is not None:
            yield from read_url(name, settings, fetcher)
        else:
            with Fetcher(settings) as own:
                yield from read_url(name, settings, own)
        return
    path = Path(name)
    if path.is_dir():
        yield from read_folder(path, settings)
    elif path.is_file():
        yield from read_file(path, settings, name)
    elif path.exists():
        yield reject(UnknownFormat("not a regular file or folder", input_name=name))
    else:
        yield reject(InputNotFound("no such file or folder", input_name=name))


def read_folder(folder: Path, settings: IngestSettings) -> Iterator[Article | Rejected]:
    """Every readable file under `folder`, sorted by path.

    Hidden entries are skipped, and so are files with a suffix no reader knows (README.md,
    images): a folder of reports often carries such files. Files without a suffix are sniffed.
    """
    for path in folder_files(folder):
        rel = path.relative_to(folder)
        items = read_file(path, settings, str(path))
        yield from items if len(rel.parts) == 1 else _in_subfolder(items, rel.parent.as_posix())


def folder_files(folder: Path) -> list[Path]:
    """The files read_folder reads, sorted: not hidden, with a suffix a reader knows or none."""
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if kind_by_name(path) is None and _plain_suffix(path):
            continue
        out.append(path)
    return out


def _in_subfolder(items: Iterator[Article | Rejected], subfolder: str) -> Iterator[Article | Rejected]:
    """A file named by its stem (text, HTML) in a subfolder gets the subfolder in its id:
    a/x.txt and b/x.txt are two reports, "a/x" and "b/x", not one id twice (the second
    would be skipped as already stored). Files directly in the folder keep their stem, and
    ids a record gives itself (JSONL `id`, a feed's link) are kept as they are."""
    for item in items:
        if isinstance(item, Article) and item.input_name and item.external_id == file_stem(Path(item.input_name)):
            item.external_id = f"{subfolder}/{item.external_id}"
        yield item



def read_file(path: Path, settings: IngestSettings, name: str) -> Iterator[Article | Rejected]:
    try:
        kind = kind_by_name(path) or sniff_kind(path, name)
    except KhabarError as err:
        yield reject(err)
        return
    except OSError as exc:
        yield reject(InputNotFound(f"cannot open ({exc.strerror})", input_name=name))
        return
    try:
        items = READERS[kind](path, settings, name)
        # the JSONL reader settles each record itself, where it knows the line
        yield from items if kind == "jsonl" else settled(items, settings)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield reject(NotText(f"compressed data is damaged or cut off ({type(exc).__name__}: {exc})", input_name=name))
    except OSError as exc:
        yield reject(InputNotFound(f"cannot read ({exc.strerror or exc})", input_name=name))
    except Exception as exc:  # noqa: BLE001 - a parser's bug must cost this input only, never the batch
        yield reject(StepFailed(f"the {kind} reader failed on this input ({type(exc).__name__}: {exc})",
                                input_name=name))


def settled(items: Iterable[Article | Rejected], settings: IngestSettings) -> Iterator[Article | Rejected]:
    """Each Article through `settle` (a feed entry's index is its line); a report it
    refuses becomes that report's rejection."""
    for item in items:
        if isinstance(item, Article):
            try:
                item = settle(item, settings, item.metadata.get("feed_entry"))
            except KhabarError as err:
                item = reject(err)
        yield item


def kind_by_name(path: Path) -> str | None:
    """Reader kind from the file name; `.gz` is looked through (x.warc.gz, x.html.gz)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def sniff_kind(path: Path, name: str) -> str:
    """Reader kind from the first 4 KB of a file whose name says nothing."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as gz:
                head = gz.read(4096)
        except (OSError, EOFError):
            raise NotText("gzip data that cannot be decompressed", input_name=name) from None
        if head.startswith(b"WARC/"):
            return "warc"
        raise UnknownFormat("gzip file of unknown content; name it .jsonl.gz, .html.gz, .txt.gz or .warc.gz", input_name=name)
    return kind_of_bytes(head, name)


def kind_of_bytes(head: bytes, name: str) -> str:
    if head.startswith(b"WARC/"):
        return "warc"
    if b"\x00" in head:
        raise NotText("binary content (NUL byte); expected text, JSONL, HTML, a feed or WARC", input_name=name)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = stripped[:1024].lower()
    if looks_like_feed(stripped):
        return "feed"
    if lower.startswith((b"<!doctype html", b"<html")) or b"<html" in lower or b"<body" in lower:
        return "html"
    if stripped.startswith((b"{", b"[")):
        return "jsonl"
    return "text"


def read_url(url: str, settings: IngestSettings, fetcher: Fetcher) -> Iterator[Article | Rejected]:
    """Fetch a URL, then read it as a feed or a page according to what came back."""
    try:
        got = fetcher.fetch(url)
        ctype = got.content_type.split(";")[0].strip().lower()
        # Servers often label feeds text/xml or even text/html, so the body has the last word.
        is_feed = ctype.endswith(("rss+xml", "atom+xml", "rdf+xml")) or looks_like_feed(got.body)
        if is_feed:
            yield from settled(feed_entries(got.body, url, base_url=got.url), settings)
        elif ctype == "text/plain":
            text = decode_text(got.body[: settings.max_bytes], url)
            require_content(text, url, what="response")
            yield settle(Article(external_id=got.url, raw_text=text, url=got.url, input_name=url), settings)
        elif ctype in ("", "text/html", "application/xhtml+xml"):
            yield settle(html_to_article(got.body, url, url=got.url, external_id=got.url), settings)
        else:
            raise UnknownFormat(f"content type {ctype!r} is neither a page nor a feed", input_name=url)
    except KhabarError as err:
        yield reject(err)
    except Exception as exc:  # noqa: BLE001 - as in read_file: this URL's failure only
        yield reject(StepFailed(f"reading the response failed ({type(exc).__name__}: {exc})", input_name=url))


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def _plain_suffix(path: Path) -> bool:
    return bool(path.suffix)


__all__ = ["read_inputs", "read_input", "read_folder", "folder_files", "read_file", "read_url", "Fetcher",
           "kind_by_name", "is_url"]
