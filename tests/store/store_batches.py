"""Hand-built batches for the store tests: they run on whichever backend the suite
is run with (`new_db`), without the pipeline."""

from __future__ import annotations

from datetime import datetime

from khabar.model import Article, DuplicateLink, Mention, RemovedSpan, Sentence
from khabar.records import PreparedReport, index_key, raw_hash


def make_report(ext: str, text: str, story: str, title: str = "", published: datetime | None = None,
                source: str = "Test", duplicate_of: str | None = None, mentions=(), facts=None,
                raw_suffix: str = "\n[विज्ञापन_2]") -> PreparedReport:
    """A prepared report as the pipeline would hand it over (no steps run)."""
    a = Article(external_id=ext, raw_text=text + raw_suffix, title=title, source=source,
                published=published, language="hi", input_name=f"{ext}.txt")
    a.clean_text = text
    a.content_hash = "h-" + ext
    if raw_suffix:
        a.removed = [RemovedSpan(len(text), len(text) + len(raw_suffix), "ad-placeholder", raw_suffix)]
    a.sentences = [Sentence(0, 0, len(text), text)]
    key = index_key(ext, raw_hash(a.raw_text))
    dup = DuplicateLink(key, duplicate_of, "exact", 1.0) if duplicate_of else None
    return PreparedReport(key=key, article=a, signature=b"sig-" + ext.encode(), story_id=story,
                          mentions=[Mention(None, 0, m[0], m[1], text[m[0]:m[1]], m[2], m[3]) for m in mentions],
                          duplicate=dup, facts=facts or {})
