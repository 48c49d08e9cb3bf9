"""WARC reader (warcio): each HTML `response` record goes through the HTML reader."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from khabar.config import IngestSettings
from khabar.errors import BadWARC, KhabarError, TooLarge
from khabar.model import Article, Rejected

from .common import reject
from .html import html_to_article

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, settings: IngestSettings, name: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from the HTML responses in a .warc or .warc.gz, streamed record by record.

    Records that are not 2xx HTML responses (requests, metadata, redirects, images) are
    skipped: they are not articles. `max_bytes` applies to each record's body. The
    WARC-Date is the crawl time and goes to metadata["crawled"], never to `published`.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = name or str(path)
    index = 0
    try:
        with open(path, "rb") as fh:
            if not _starts_like_warc(fh):
                raise ArchiveLoadFailed("it does not start with a WARC/1.x record header")
            for record in _records(ArchiveIterator(fh), name, index_of=lambda: index):
                index += 1
                if record.length is None:
                    # every WARC record states its Content-Length; without one the header was cut short
                    raise BadWARC(f"record {index} has no Content-Length (header cut short?)", input_name=name)
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if not status.startswith("2") or not ctype.startswith(_HTML_TYPES):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                label = f"{name}#{uri}"
                try:
                    body = record.content_stream().read(settings.max_bytes + 1)
                    if len(body) > settings.max_bytes:
                        raise TooLarge(f"record body over max_bytes={settings.max_bytes:,}", input_name=label)
                    missing = getattr(record.raw_stream, "limit", 0) or 0
                    if missing > 0:
                        # warcio hands back a short body without complaint when the file ends early
                        raise BadWARC(
                            f"record is cut off: {missing:,} of {record.length:,} bytes missing (file truncated?)",
                            input_name=label,
                        )
                    article = html_to_article(
                        body,
                        label,
                        url=uri,
                        external_id=uri,
                        metadata={
                            "crawled": record.rec_headers.get_header("WARC-Date"),
                            "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
                            "warc_file": name,
                        },
                    )
                    article.input_name = name
                    yield article
                except KhabarError as err:
                    yield reject(err)
            if index == 0:
                # warcio ends quietly on a first header cut short: say so, or the file vanishes
                raise BadWARC("no complete WARC record (file truncated?)", input_name=name)
    except ArchiveLoadFailed as exc:
        yield reject(BadWARC(f"not a readable WARC file ({exc})", input_name=name))
    except BadWARC as err:
        yield reject(err)
    except (EOFError, OSError, ValueError) as exc:
        yield reject(BadWARC(f"WARC file is damaged after record {index} ({type(exc).__name__}: {exc})", input_name=name))


def _records(records, name: str, index_of) -> Iterator:
    """warcio's records; whatever warcio raises on a damaged file (an AttributeError
    on a header cut short, EOFError, zlib errors) ends the file as one coded K009."""
    from warcio.exceptions import ArchiveLoadFailed

    it = iter(records)
    while True:
        try:
            record = next(it)
        except StopIteration:
            return
        except ArchiveLoadFailed:
            raise
        except Exception as exc:  # noqa: BLE001 - the parser's own failure modes are not a contract
            raise BadWARC(f"WARC file is damaged after record {index_of()} ({type(exc).__name__}: {exc})",
                          input_name=name) from None
        yield record


def _starts_like_warc(fh) -> bool:
    # warcio reads some non-WARC text as ARC records without complaint, so check first.
    import gzip
    import zlib

    head = fh.read(2)
    fh.seek(0)
    if head == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=fh) as gz:
                head = gz.read(5)
        except (OSError, EOFError, zlib.error):
            head = b""
        fh.seek(0)
    else:
        head = fh.read(5)
        fh.seek(0)
    return head == b"WARC/"
