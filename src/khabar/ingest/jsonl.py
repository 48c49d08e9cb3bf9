"""JSON Lines reader: one article per line, streamed, field names from settings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, Iterator

from khabar.config import IngestSettings
from khabar.errors import KhabarError, MalformedJSON, MissingField, TooLarge
from khabar.model import Article, Rejected
from khabar.text.normalize import nfc

from .common import decode_text, open_bytes, parse_date, read_limited, reject, require_content

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
        yield from read_jsonl_stream(fh, settings, name, path.name)


def read_jsonl_stream(
    fh: IO[bytes], settings: IngestSettings, name: str, file_label: str
) -> Iterator[Article | Rejected]:
    fields = field_candidates(settings)
    limit = settings.max_bytes
    lineno = 0
    seen_content = False
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            break
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(fh)
            yield reject(TooLarge(f"line is longer than max_bytes={limit:,}", input_name=name, line=lineno))
            continue
        if not raw.strip():
            continue
        seen_content = True
        try:
            text = decode_text(raw, name, line_offset=lineno - 1, normalize=False)
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                raise MalformedJSON(f"malformed JSON ({exc.msg} at column {exc.colno})", input_name=name, line=lineno) from None
            yield record_to_article(obj, fields, name, f"{file_label}#{lineno}", lineno)
        except KhabarError as err:
            yield reject(err)
    if not seen_content:
        yield reject(_empty(name))


def _read_array(fh: IO[bytes], settings: IngestSettings, name: str, path: Path) -> Iterator[Article | Rejected]:
    # A JSON array cannot be streamed with the standard library, so it is bounded by max_bytes.
    try:
        data = read_limited(fh, settings.max_bytes, name)
        items = json.loads(decode_text(data, name, normalize=False))
    except KhabarError as err:
        yield reject(err)
        return
    except json.JSONDecodeError as exc:
        yield reject(MalformedJSON(f"malformed JSON ({exc.msg})", input_name=name, line=exc.lineno))
        return
    if not items:
        yield reject(_empty(name))
        return
    fields = field_candidates(settings)
    for i, obj in enumerate(items, 1):
        try:
            yield record_to_article(obj, fields, name, f"{path.name}#{i}", i)
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


def _skip_rest_of_line(fh: IO[bytes]) -> None:
    while True:
        chunk = fh.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def _empty(name: str) -> KhabarError:
    from khabar.errors import EmptyInput

    return EmptyInput("file has no records", input_name=name)
