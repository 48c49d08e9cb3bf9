"""HTML reader: trafilatura finds the main text and the page's own metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterator

from khabar.config import IngestSettings
from khabar.errors import BadHTML, KhabarError, NotText
from khabar.model import Article, Rejected
from khabar.text.normalize import match_key, nfc

from .common import check_size, file_stem, open_bytes, parse_date, read_limited, reject

# Meta tags that carry a full publication timestamp; htmldate (inside trafilatura) only
# returns the day, so the time is taken from here when it agrees with that day.
_PUBLISHED_XPATH = (
    '//meta[@property="article:published_time" or @name="article:published_time"'
    ' or @itemprop="datePublished" or @name="pubdate" or @name="publishdate"]/@content'
)
# A page whose extracted text is shorter than this and whose end tag is missing is taken
# as cut off, not as a short article.
MIN_TRUNCATED_CHARS = 200


def read_html(path: Path, settings: IngestSettings, name: str | None = None) -> Iterator[Article | Rejected]:
    """One Article from an HTML file (external id: the file name stem)."""
    name = name or str(path)
    try:
        check_size(path, settings.max_bytes, name)
        with open_bytes(path) as fh:
            data = read_limited(fh, settings.max_bytes, name)
        yield html_to_article(data, name, external_id=file_stem(path))
    except KhabarError as err:
        yield reject(err)


def html_to_article(
    data: bytes,
    name: str,
    *,
    url: str | None = None,
    external_id: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Article:
    """Extract the article in an HTML page; raises BadHTML when no article text is found.

    A truncated page (no closing </body> or </html>) is accepted when trafilatura still
    finds at least MIN_TRUNCATED_CHARS of text, and flagged with metadata["truncated"].
    """
    import trafilatura
    from trafilatura.utils import load_html

    if b"\x00" in data[:65536]:
        raise NotText("binary content (NUL byte); expected HTML", input_name=name)
    if not data.strip():
        from khabar.errors import EmptyInput

        raise EmptyInput("file has no content", input_name=name)
    if b"<" not in data[:4096]:
        raise BadHTML("no HTML markup in the first 4 KB", input_name=name)
    truncated = not _has_end_tag(data)
    tree = load_html(data)
    if tree is None:
        raise BadHTML("could not parse the page as HTML", input_name=name)
    lang = tree.get("lang") or tree.get("xml:lang")
    stamps = [s.strip() for s in tree.xpath(_PUBLISHED_XPATH) if s and s.strip()]
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={
            "extensive_search": False,  # dates guessed from body text (copyright lines) are not publication dates
            "original_date": True,
            "max_date": date.today().isoformat(),
        },
    )
    text = (doc.text if doc is not None else "") or ""
    if not text.strip() or (truncated and len(text.strip()) < MIN_TRUNCATED_CHARS):
        why = " (page is truncated: no closing </html>)" if truncated else ""
        raise BadHTML(f"no article text found{why}", input_name=name)
    title = nfc(doc.title or "")
    text = _drop_leading_title(nfc(text), title)
    meta = dict(metadata or {})
    if doc.author:
        meta["author"] = doc.author
    if doc.description:
        meta["description"] = nfc(doc.description)
    if truncated:
        meta["truncated"] = True
    published = _published(doc.date, stamps)
    if doc.date:
        meta["published_raw"] = doc.date
    page_url = url or doc.url
    return Article(
        external_id=external_id or page_url or name,
        raw_text=text,
        title=title,
        source=nfc(doc.sitename) if doc.sitename else None,
        url=page_url,
        published=published,
        language=lang.split("-")[0].lower() if lang else None,
        input_name=name,
        metadata=meta,
    )


def _has_end_tag(data: bytes) -> bool:
    tail = data[-4096:].lower()
    return b"</html" in tail or b"</body" in tail


def _published(day: str | None, stamps: list[str]):
    if not day:
        return None
    for stamp in stamps:
        full = parse_date(stamp)
        if full is not None and full.date().isoformat() == day:
            return full
    return parse_date(day)


def _drop_leading_title(text: str, title: str) -> str:
    # trafilatura keeps the <h1> as the first line; the title is stored apart.
    if title:
        first, _, rest = text.partition("\n")
        if match_key(first.strip()) == match_key(title.strip()) and rest.strip():
            return rest.lstrip("\n")
    return text
