"""Helpers shared by the readers: rejection records, byte checks, dates, HTML fragments."""

from __future__ import annotations

import email.utils
import gzip
import io
from datetime import datetime
from pathlib import Path
from typing import IO

from khabar.errors import EmptyInput, KhabarError, NotText, TooLarge
from khabar.model import Rejected
from khabar.text.normalize import nfc

# Tags after which a line break belongs when an HTML fragment becomes text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)


def reject(err: KhabarError) -> Rejected:
    """The Rejected record for a coded error; the message already names input and line."""
    return Rejected(input_name=err.input_name, code=err.code, message=str(err), line=err.line)


def open_bytes(path: Path) -> IO[bytes]:
    """A binary stream of the file, transparently gunzipped for `*.gz` names."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_limited(stream: IO[bytes], limit: int, name: str) -> bytes:
    """Read at most `limit` bytes; more raises TooLarge without reading the rest."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(
            f"input is larger than max_bytes={limit:,} (raise ingest.max_bytes to read it)",
            input_name=name,
        )
    return data


def check_size(path: Path, limit: int, name: str) -> None:
    """Refuse a plain file over the limit before opening it (a .gz is checked as it is read)."""
    if path.suffix != ".gz":
        size = path.stat().st_size
        if size > limit:
            raise TooLarge(
                f"file has {size:,} bytes, over max_bytes={limit:,} (raise ingest.max_bytes to read it)",
                input_name=name,
            )


def decode_text(data: bytes, name: str, line_offset: int = 0, normalize: bool = True) -> str:
    """Strict UTF-8 decoding (BOM dropped, CRLF made LF, NFC); binary or bad bytes raise NotText.

    `line_offset` is added to reported line numbers, for a line cut out of a larger file;
    `normalize=False` leaves NFC to the caller (JSON escapes only become text after parsing).
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        line = line_offset + data.count(b"\n", 0, nul) + 1
        raise NotText("binary content (NUL byte); expected UTF-8 text", input_name=name, line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_offset + data.count(b"\n", 0, exc.start) + 1
        raise NotText(
            f"invalid UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 1]!r}); "
            "convert the file to UTF-8",
            input_name=name,
            line=line,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text) if normalize else text


def require_content(text: str, name: str, line: int | None = None, what: str = "input") -> None:
    if not text.strip():
        raise EmptyInput(f"{what} has no text", input_name=name, line=line)


def parse_date(value: object) -> datetime | None:
    """A publication date from metadata: ISO 8601 or RFC 822; None when absent or unreadable.

    The wall-clock time the publisher wrote is kept and the UTC offset dropped, so that
    every `published` is naive and comparable; the raw string goes to metadata.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    text = str(value).strip()
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return datetime.fromisoformat(iso).replace(tzinfo=None)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).replace(tzinfo=None)
    except (TypeError, ValueError, IndexError):
        return None


def html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), with block breaks kept."""
    if "<" not in html:
        return _tidy(_unescape(html))
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(_unescape(html))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    out = io.StringIO()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if el.text and tag:
            out.write(el.text)
        for child in el:
            walk(child)
        if tag.lower() in _BLOCK_TAGS:
            out.write("\n")
        if el.tail:
            out.write(el.tail)

    walk(root)
    return _tidy(out.getvalue())


def _unescape(text: str) -> str:
    import html as html_mod

    return html_mod.unescape(text)


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return nfc("\n".join(line for line in lines if line))


def file_stem(path: Path) -> str:
    """A one-report file's id: its name without the suffix (and without ".gz" first)."""
    name = path.name[: -len(".gz")] if path.name.endswith(".gz") else path.name
    return Path(name).stem
