"""RSS/Atom reader (feedparser): one Article per entry."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Iterator

from khabar.config import IngestSettings
from khabar.errors import EmptyInput, KhabarError, NotAFeed, NotText
from khabar.model import Article, Rejected
from khabar.text.normalize import nfc

from .common import check_size, html_fragment_text, open_bytes, parse_date, read_limited, reject


def read_feed(path: Path, settings: IngestSettings, name: str | None = None) -> Iterator[Article | Rejected]:
    """Articles from an RSS or Atom file; a file that is not a feed gives one K007."""
    name = name or str(path)
    try:
        check_size(path, settings.max_bytes, name)
        with open_bytes(path) as fh:
            data = read_limited(fh, settings.max_bytes, name)
    except KhabarError as err:
        yield reject(err)
        return
    yield from feed_entries(data, name)


def looks_like_feed(data: bytes) -> bool:
    """Cheap sniff on the first bytes: an <rss>, <feed> or <rdf:RDF> root."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")) and b"<html" not in head


def feed_entries(data: bytes, name: str, base_url: str | None = None) -> Iterator[Article | Rejected]:
    """Parse feed bytes; entry problems are Rejected with the entry's 1-based index as line."""
    import feedparser

    if not data.strip():
        yield reject(EmptyInput("file has no content", input_name=name))
        return
    if b"\x00" in data[:65536]:
        yield reject(NotText("binary content (NUL byte); expected an RSS/Atom feed", input_name=name))
        return
    # A stream, never raw bytes/str: feedparser would treat a str/bytes that looks like a
    # path or URL as something to open or fetch.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": base_url} if base_url else None)
    # feedparser finds <item> elements in any XML, so only a recognised feed version counts.
    if not parsed.get("version"):
        why = parsed.get("bozo_exception")
        detail = f" ({type(why).__name__}: {why})" if why else ""
        yield reject(NotAFeed(f"not an RSS/Atom feed{detail}", input_name=name))
        return
    if not parsed.entries:
        yield reject(EmptyInput("feed has no entries", input_name=name))
        return
    channel = parsed.feed
    source = nfc(channel.get("title", "")) or None
    language = (channel.get("language") or "").split("-")[0].lower() or None
    for i, entry in enumerate(parsed.entries, 1):
        try:
            yield _entry_article(entry, i, name, source, language)
        except KhabarError as err:
            yield reject(err)


def _entry_article(entry: Any, index: int, name: str, source: str | None, language: str | None) -> Article:
    body_html = _best_content(entry)
    text = html_fragment_text(body_html) if body_html else ""
    title = nfc(html_fragment_text(entry.get("title", "")))
    if not text.strip():
        raise EmptyInput(f"feed entry {title[:60]!r} has no content or summary", input_name=name, line=index)
    meta: dict[str, Any] = {"feed_entry": index}
    published = None
    # Atom requires <updated> but not <published>; a missing published falls back to it,
    # and the fallback is recorded so a reader of the data can tell.
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            published = parse_date(raw) or _from_struct(entry.get(key + "_parsed"))
            meta["published_raw"] = raw
            if key != "published":
                meta["published_from"] = key
            break
    if entry.get("author"):
        meta["author"] = entry.get("author")
    link = entry.get("link") or None
    return Article(
        external_id=entry.get("id") or link or f"{Path(name).name}#{index}",
        raw_text=text,
        title=title,
        source=source,
        url=link,
        published=published,
        language=language,
        input_name=name,
        metadata=meta,
    )


def _best_content(entry: Any) -> str:
    # Full content (content:encoded / atom:content) beats the summary when both exist.
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def _from_struct(value: Any):
    if not value:
        return None
    from datetime import datetime

    try:
        return datetime(*value[:6])
    except (TypeError, ValueError, OverflowError):
        # feedparser parses "0000-00-00" into year -1: an impossible date is no date
        return None
