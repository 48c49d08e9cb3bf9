"""JSON Lines reader: one article per line, streamed, field names from settings."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import IO, Any, Iterator

import regex

from khabar.config import IngestSettings
from khabar.errors import KhabarError, MalformedJSON, MissingField, NotText, TooLarge
from khabar.model import Article, Rejected
from khabar.text.normalize import nfc

from .common import decode_text, open_bytes, parse_date, read_limited, reject, require_content
from .settle import settle

_CHUNK = 1 << 20


def field_candidates(settings: IngestSettings) -> dict[str, list[str]]:
    """khabar field -> input keys to try in order, from `settings.jsonl_fields`."""
    return {
        field: [k.strip() for k in keys.split(",") if k.strip()]
        for field, keys in settings.jsonl_fields.items()
    }


def read_jsonl(path: Path, settings: IngestSettings, name: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from a JSON Lines file (or a `.json` holding one array of objects).

    A bad line yields a Rejected with its line number and reading goes on; the limit
    `max_bytes` applies to each line, so a large corpus streams in constant memory.
    """
    name = name or str(path)
    with open_bytes(path) as fh:
        head = fh.peek(64)[:64] if hasattr(fh, "peek") else b""
        if path.suffix == ".json" and head.lstrip().startswith(b"["):
            yield from _read_array(fh, settings, name, path)
            return
        bound = settings.max_decompressed_bytes if path.suffix == ".gz" else None
        yield from read_jsonl_stream(fh, settings, name, path.name, bound)


def read_jsonl_stream(
    fh: IO[bytes], settings: IngestSettings, name: str, file_label: str, max_total: int | None = None
) -> Iterator[Article | Rejected]:
    fields = field_candidates(settings)
    limit = settings.max_bytes
    seen_content = False
    lines = _Lines(fh, limit, name, max_total)
    try:
        for lineno, raw in lines:
            if raw is None:
                yield reject(TooLarge(f"line is longer than max_bytes={limit:,}", input_name=name, line=lineno))
                continue
            seen_content = True
            try:
                text = decode_text(raw, name, line_offset=lineno - 1, normalize=False)
                obj = parse_json(text, settings, name, lineno)
                article = record_to_article(obj, fields, name, f"{file_label}#{lineno}", lineno)
                yield settle(article, settings, lineno)
            except KhabarError as err:
                yield reject(err)
    except KhabarError as err:
        # the stream itself failed (damaged .gz, decompression bound): what was read stands
        yield reject(err)
        return
    if not seen_content:
        yield reject(_empty(name))


def parse_json_array(text: str, settings: IngestSettings, name: str) -> list:
    """A `.json` file's array; its items are one level deeper than JSONL records."""
    try:
        items = parse_json(text, settings, name, None, extra_depth=1)
    except MalformedJSON as err:
        raise MalformedJSON(err.message, input_name=name, line=_line_of(text, err)) from None
    if not isinstance(items, list):
        raise MalformedJSON(f"expected a JSON array, got {type(items).__name__}", input_name=name)
    return items


def _line_of(text: str, err: MalformedJSON) -> int | None:
    pos = getattr(err.__cause__ or err.__context__, "pos", None)
    return text.count("\n", 0, pos) + 1 if pos is not None else None


def parse_json(text: str, settings: IngestSettings, name: str, line: int | None, extra_depth: int = 0) -> Any:
    """`json.loads` with every way it can fail on hostile input made a K004 naming the
    line: malformed text, an integer too long to convert, nesting past max_json_depth."""
    depth = _nesting_depth(text)
    if depth > settings.max_json_depth + extra_depth:
        raise MalformedJSON(f"JSON nested {depth} levels deep, over max_json_depth={settings.max_json_depth}",
                            input_name=name, line=line)
    try:
        return json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        where = f"at column {exc.colno}" if line is not None else f"at line {exc.lineno}, column {exc.colno}"
        raise MalformedJSON(f"malformed JSON ({exc.msg} {where})", input_name=name,
                            line=line if line is not None else exc.lineno) from None
    except _HugeInt as exc:
        raise MalformedJSON(f"an integer of {exc.args[0]:,} digits (at most {_INT_DIGITS:,} are read)",
                            input_name=name, line=line) from None
    except RecursionError:
        raise MalformedJSON("JSON nested too deeply to read", input_name=name, line=line) from None


# Python refuses int() of longer digit strings (CVE-2020-10735); a number that long
# is no report field, so the line is rejected instead.
_INT_DIGITS = 4300


class _HugeInt(ValueError):
    pass


def _bounded_int(digits: str) -> int:
    n = len(digits.lstrip("-"))
    if n > _INT_DIGITS:
        raise _HugeInt(n)
    return int(digits)


_BRACKETS = regex.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings; linear, no recursion."""
    if text.count("[") + text.count("{") <= 1:
        return text.count("[") + text.count("{")
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


class _Lines:
    """(line number, bytes) of the non-blank lines of a stream, read in large chunks.

    A line over `limit` bytes comes as (n, None) and the rest of it is skipped.
    Runs of blank lines are counted without a Python step per line, so a file of a
    billion newlines costs seconds, not minutes. Past `max_total` bytes (a .gz that
    decompresses without end) and on decompression errors reading stops with a
    coded error naming the line where it stopped.
    """

    def __init__(self, fh: IO[bytes], limit: int, name: str, max_total: int | None = None):
        self.fh, self.limit, self.name, self.max_total = fh, limit, name, max_total
        self._read_some = getattr(fh, "read1", fh.read)
        self.total = 0

    def _read(self, lineno: int) -> bytes:
        try:
            # read1 hands back what one step decompressed, so the lines before a
            # damaged stretch of a .gz still reach the caller
            chunk = self._read_some(_CHUNK)
        except (EOFError, OSError, zlib.error) as exc:
            raise NotText(f"compressed data is damaged or cut off after line {lineno} "
                          f"({type(exc).__name__}: {exc})", input_name=self.name, line=lineno + 1) from None
        self.total += len(chunk)
        if self.max_total is not None and self.total > self.max_total:
            raise TooLarge(f"decompressed data passed max_decompressed_bytes={self.max_total:,} "
                           "(raise ingest.max_decompressed_bytes to read it)", input_name=self.name, line=lineno + 1)
        return chunk

    def __iter__(self) -> Iterator[tuple[int, bytes | None]]:
        buf, pos, lineno, eof = b"", 0, 0, False
        while True:
            blank = _BLANK.match(buf, pos)
            lineno += buf.count(b"\n", pos, blank.end())
            pos = blank.end()
            end = buf.find(b"\n", pos)
            if end >= 0:
                lineno += 1
                yield lineno, self._bounded(buf[pos:end + 1])
                pos = end + 1
            elif eof:
                if pos < len(buf):
                    yield lineno + 1, self._bounded(buf[pos:])
                return
            elif len(buf) - pos > self.limit:
                lineno += 1
                yield lineno, None
                buf, eof = self._skip_line(lineno)
                pos = 0
            else:
                chunk = self._read(lineno)
                eof = not chunk
                buf, pos = buf[pos:] + chunk, 0

    def _bounded(self, line: bytes) -> bytes | None:
        return None if len(line.rstrip(b"\r\n")) > self.limit else line

    def _skip_line(self, lineno: int) -> tuple[bytes, bool]:
        """Read past the end of an over-long line: what follows it, and whether the stream ended."""
        while True:
            chunk = self._read(lineno)
            if not chunk:
                return b"", True
            nl = chunk.find(b"\n")
            if nl >= 0:
                return chunk[nl + 1:], False


_BLANK = regex.compile(rb"[ \t\r\n]*")


def _read_array(fh: IO[bytes], settings: IngestSettings, name: str, path: Path) -> Iterator[Article | Rejected]:
    # A JSON array cannot be streamed with the standard library, so it is bounded by max_bytes.
    try:
        data = read_limited(fh, settings.max_bytes, name)
        text = decode_text(data, name, normalize=False)
        items = parse_json_array(text, settings, name)
    except KhabarError as err:
        yield reject(err)
        return
    if not items:
        yield reject(_empty(name))
        return
    fields = field_candidates(settings)
    for i, obj in enumerate(items, 1):
        try:
            yield settle(record_to_article(obj, fields, name, f"{path.name}#{i}", i), settings, i)
        except KhabarError as err:
            yield reject(err)


def record_to_article(
    obj: Any, fields: dict[str, list[str]], name: str, fallback_id: str, line: int | None
) -> Article:
    """Map one JSON object to an Article; unmapped keys go to `metadata`."""
    if not isinstance(obj, dict):
        raise MalformedJSON(f"expected a JSON object, got {type(obj).__name__}", input_name=name, line=line)
    used: set[str] = set()

    def pick(field: str) -> Any:
        # First non-empty candidate; else an empty one, so an empty text reads as empty
        # (K003) rather than missing (K005).
        present = [k for k in fields.get(field, ()) if obj.get(k) is not None]
        used.update(present)
        for key in present:
            if obj[key] != "":
                return obj[key]
        return obj[present[0]] if present else None

    body = pick("text")
    if body is None:
        tried = ",".join(fields.get("text", ()))
        raise MissingField(
            f"no text field (tried {tried}; set ingest.jsonl_fields.text to the key holding the text)",
            input_name=name,
            line=line,
        )
    if not isinstance(body, str):
        raise MissingField(f"text field is {type(body).__name__}, not a string", input_name=name, line=line)
    body = nfc(body)
    require_content(body, name, line, what="record")
    ext_id = pick("id")
    ext_id = None if ext_id == "" else ext_id
    title = pick("title")
    source = pick("source")
    url = pick("url")
    raw_date = pick("published")
    raw_date = None if raw_date == "" else raw_date
    language = pick("language")
    metadata = {k: v for k, v in obj.items() if k not in used}
    published = parse_date(raw_date)
    if raw_date is not None:
        metadata["published_raw"] = raw_date
    if ext_id is not None:
        _page_from_id(str(ext_id), metadata)
    return Article(
        external_id=str(ext_id) if ext_id is not None else fallback_id,
        raw_text=body,
        title=nfc(str(title)) if title is not None else "",
        source=nfc(str(source)) if source is not None else None,
        url=str(url) if url is not None else None,
        published=published,
        language=str(language) if language is not None else None,
        input_name=name,
        metadata=metadata,
    )


def _page_from_id(ext_id: str, metadata: dict[str, Any]) -> None:
    """An id "<page>#<n>" marks the n-th report cut from one scraped page.

    Reports cut from one page are often one story told in parts; the clusterer uses
    page and section to keep neighbouring parts together. Explicit `page`/`section`
    fields in the record win.
    """
    page, sep, section = ext_id.rpartition("#")
    if not sep or not page or not section.isdigit():
        return
    metadata.setdefault("page", page)
    if "section" not in metadata:
        metadata["section"] = int(section)


def _empty(name: str) -> KhabarError:
    from khabar.errors import EmptyInput

    return EmptyInput("file has no records", input_name=name)
