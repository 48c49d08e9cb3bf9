"""Search on PostgreSQL, giving the hits SQLite's FTS5 index gives.

PostgreSQL's text-search parser is not used: it has its own ideas of words
(hyphenated words, numbers with points, URLs) and depends on the server's locale.
Instead each report's folded text (searchtext.fts_text, what SQLite indexes) is
cut into terms in Python by searchtext.term_spans — the cut FTS5's unicode61
tokenizer makes — and stored as a tsvector literal with positions. A query is a
tsquery of the same terms: every word required, a word that is several terms a
phrase of them (`<->`), as in FTS5. Title and body share one tsvector; the body's
positions start two past the title's end, so no phrase runs from one into the other.

Order: ts_rank normalised by document length (as bm25 is), best first (the score
is negated so that, as with FTS5's bm25, lower is better); ties by id. Snippets are
cut in Python from the folded body as FTS5's snippet() cuts them.

Limits of tsvector: positions past 16383 are clamped (a phrase that deep in a very
long report may match loosely) and a term may not exceed 2046 bytes (longer ones,
which no news text has, are left out of the index).
"""

from __future__ import annotations

from khabar.store.rows import SearchHit
from khabar.store.sql import article_filter_sql
from khabar.store.searchtext import SNIPPET_TOKENS, fts_text, query_words, term_spans

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position; later ones are clamped to it
MAX_TERM_BYTES = 2046  # PostgreSQL's longest lexeme


def _quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title_terms: list[str], body_terms: list[str]) -> str:
    positions: dict[str, list[int]] = {}
    for pos, term in enumerate(title_terms, 1):
        positions.setdefault(term, []).append(min(pos, MAX_POSITION))
    for pos, term in enumerate(body_terms, len(title_terms) + 2):
        positions.setdefault(term, []).append(min(pos, MAX_POSITION))
    positions = {t: p for t, p in positions.items() if _fits(t)}
    return " ".join(f"{_quote(t)}:{','.join(map(str, sorted(set(p))[:256]))}" for t, p in positions.items())


def _fits(term: str) -> bool:
    return len(term.encode("utf-8")) <= MAX_TERM_BYTES


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
    """Up to `size` terms of `body` around the most hits, each hit (a word, or the
    terms of a phrase together) in [brackets], cut ends marked with … (as FTS5's
    snippet(), which centres the hits in the window)."""
    spans = term_spans(body)
    if not spans:
        return ""
    terms = [t for _, _, t in spans]
    size = max(1, size)
    found: list[tuple[int, int, int]] = []  # (first term, phrase number, terms) of each match
    for phrase, w in enumerate(words):
        n = len(w)
        found += [(i, phrase, n) for i in range(len(terms) - n + 1) if terms[i:i + n] == w]
    found.sort()
    hits = [(i, i + n) for i, _, n in found]  # [start, end) term ranges
    hit = [False] * len(spans)
    for a, b in hits:
        for j in range(a, b):
            hit[j] = True
    best = _window_start(body, spans, found, size)
    window = range(best, min(best + size, len(spans)))
    opens, closes = set(), set()
    for a, b in _merged(hits):
        opens.add(a)
        closes.add(b - 1)
    out, pos, depth = [], spans[window[0]][0], 0
    for i in window:
        s, e, _ = spans[i]
        out.append(body[pos:s])
        if i in opens or (i == window[0] and hit[i] and i not in opens):
            out.append("[")
            depth = 1
        out.append(body[s:e])
        if depth and (i in closes or i == window[-1]):
            out.append("]")
            depth = 0
        pos = e
    text = "".join(out)
    if window[0] > 0:
        text = " … " + text
    if window[-1] < len(spans) - 1:
        text += " … "
    return text


def _window_start(body: str, spans, hits: list[tuple[int, int, int]], size: int) -> int:
    """Where the snippet starts: the window with the most distinct phrases (then the
    most hits), the hits centred in it; a window from the start of the sentence
    holding a hit is preferred, as FTS5 does."""
    n = len(spans)
    if n <= size or not hits:
        return 0
    # sentence starts: the first term, and terms after '.' or ':' and white space
    firsts = [0] + [i for i in range(1, n) if _after_stop(body, spans[i][0])]

    def score(pos: int) -> tuple[int, int, int]:
        seen, total, first, last = set(), 0, -1, 0
        for off, phrase, length in hits:
            if pos <= off < pos + size:
                total += 1 if phrase in seen else 1000
                seen.add(phrase)
                first = off if first < 0 else first
                last = off + length
        return total, first, last

    best_score, best = -1, 0
    for off, _, _ in hits:
        start = max((f for f in firsts if f <= off), default=0)
        if start < off:
            total = score(start)[0] + (120 if start == 0 else 100)
            if total > best_score:
                best_score, best = total, start
        total, first, last = score(off)
        adj = first - int((size - (last - first)) / 2)
        adj = max(0, min(adj, n - size))
        if total > best_score:
            best_score, best = total, adj
    return best


def _after_stop(body: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and body[i] in " \t\n\r":
        i -= 1
    return i != at - 1 and i >= 0 and body[i] in ".:"


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def search(q, query: str, limit: int = 20, offset: int = 0, filters: dict | None = None) -> list[SearchHit]:
    words = query_words(query)
    if not words or not all(_fits(t) for w in words for t in w):
        return []
    where, args = article_filter_sql(filters)
    rows = q("SELECT a.id, a.external_id, a.title, a.source, a.published, a.story_id, x.body,"
             " -ts_rank(x.terms, ?::tsquery, 1) AS score"
             " FROM articles_search x JOIN articles a ON a.id = x.article_id"
             f" WHERE x.terms @@ ?::tsquery{where} ORDER BY score, a.id LIMIT ? OFFSET ?",
             (tsquery_literal(words), tsquery_literal(words), *args, limit, offset)).fetchall()
    return [SearchHit(r["id"], r["external_id"], r["title"], r["source"], r["published"], r["story_id"],
                      snippet(r["body"], words), float(r["score"])) for r in rows]


def search_count(q, query: str, filters: dict | None = None) -> int:
    words = query_words(query)
    if not words or not all(_fits(t) for w in words for t in w):
        return 0
    where, args = article_filter_sql(filters)
    return int(q("SELECT COUNT(*) AS n FROM articles_search x JOIN articles a ON a.id = x.article_id"
                 f" WHERE x.terms @@ ?::tsquery{where}", (tsquery_literal(words), *args)).fetchone()["n"])
