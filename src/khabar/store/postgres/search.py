"""Search on PostgreSQL, giving the hits SQLite's FTS5 index gives.

PostgreSQL's text-search parser is not used: it has its own ideas of words
(hyphenated words, numbers with points, URLs) and depends on the server's locale.
Instead each report's folded text (searchtext.fts_text, what SQLite indexes) is
cut into terms in Python by searchtext.split_terms — the cut FTS5's unicode61
tokenizer makes — and stored as a tsvector literal with positions. A query is a
tsquery of the same terms: every word required, a word that is several terms a
phrase of them (`<->`), as in FTS5. Title and body share one tsvector; the body's
positions start two past the title's end, so no phrase runs from one into the other.

Order: ts_rank, best first (the score is negated so that, as with FTS5's bm25,
lower is better); ties by id. Snippets are cut in Python from the folded body,
hit terms in [brackets], SNIPPET_TOKENS terms around the best run of hits.
"""

from __future__ import annotations

from khabar.store.rows import SearchHit
from khabar.store.searchtext import SNIPPET_TOKENS, _is_term_char, fts_text, query_words

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position; later ones are clamped to it


def term_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, term) of each index term of `text` (as searchtext.split_terms cuts)."""
    out, start = [], None
    for i, ch in enumerate(text):
        if _is_term_char(ch):
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i, text[start:i].lower()))
            start = None
    if start is not None:
        out.append((start, len(text), text[start:].lower()))
    return out


def _quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title_terms: list[str], body_terms: list[str]) -> str:
    positions: dict[str, list[int]] = {}
    for pos, term in enumerate(title_terms, 1):
        positions.setdefault(term, []).append(pos)
    for pos, term in enumerate(body_terms, len(title_terms) + 2):
        positions.setdefault(term, []).append(min(pos, MAX_POSITION))
    return " ".join(f"{_quote(t)}:{','.join(map(str, sorted(set(p))[:256]))}" for t, p in positions.items())


def tsquery_literal(words: list[list[str]]) -> str:
    return " & ".join("(" + " <-> ".join(_quote(t) for t in w) + ")" for w in words)


def index_text(q, con, article_id: int, title: str, body: str) -> None:
    """`q` is the store's query helper (placeholders rewritten)."""
    folded = fts_text(body)
    title_terms = [t for _, _, t in term_spans(fts_text(title))]
    body_terms = [t for _, _, t in term_spans(folded)]
    q("INSERT INTO articles_search (article_id, terms, body) VALUES (?, ?::tsvector, ?)",
      (article_id, tsvector_literal(title_terms, body_terms), folded), con)


def snippet(body: str, words: list[list[str]], size: int = SNIPPET_TOKENS) -> str:
    """Up to `size` terms of `body` around the most hits, hits in [brackets]."""
    spans = term_spans(body)
    if not spans:
        return ""
    terms = [t for _, _, t in spans]
    hit = [False] * len(spans)
    for w in words:
        n = len(w)
        for i in range(len(terms) - n + 1):
            if terms[i:i + n] == w:
                for j in range(i, i + n):
                    hit[j] = True
    # the window of `size` terms with the most hit terms, earliest on ties
    size = max(1, size)
    best, best_count = 0, -1
    for start in range(0, max(1, len(spans) - size + 1)):
        count = sum(hit[start:start + size])
        if count > best_count:
            best, best_count = start, count
    window = range(best, min(best + size, len(spans)))
    out, pos = [], spans[window[0]][0]
    for i in window:
        s, e, _ = spans[i]
        out.append(body[pos:s])
        out.append(f"[{body[s:e]}]" if hit[i] else body[s:e])
        pos = e
    text = "".join(out)
    if window[0] > 0:
        text = " … " + text
    if window[-1] < len(spans) - 1:
        text += " … "
    return text


def search(q, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    words = query_words(query)
    if not words:
        return []
    rows = q("SELECT a.id, a.external_id, a.title, a.source, a.published, a.story_id, x.body,"
             " -ts_rank(x.terms, ?::tsquery) AS score"
             " FROM articles_search x JOIN articles a ON a.id = x.article_id"
             " WHERE x.terms @@ ?::tsquery ORDER BY score, a.id LIMIT ? OFFSET ?",
             (tsquery_literal(words), tsquery_literal(words), limit, offset)).fetchall()
    return [SearchHit(r["id"], r["external_id"], r["title"], r["source"], r["published"], r["story_id"],
                      snippet(r["body"], words), float(r["score"])) for r in rows]
