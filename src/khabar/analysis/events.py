"""What a dated mention dates: the clause after a time expression and the event kind it
names. Shared by claims (date claims) and the timeline (events)."""

from __future__ import annotations

from khabar.model import Article, TimeExpr


def event_kind(clause: str, language) -> str:
    """The first event kind (in the language's EVENTS priority order) named in `clause`, or ""."""
    for kind, words in language.claimwords.EVENTS.items():
        if any(w in clause for w in words):
            return kind
    return ""


def by_sentence(times: list[TimeExpr]) -> dict[int, list[TimeExpr]]:
    """Time expressions grouped by sentence: what event_clause needs of the others, so a
    report with thousands of dates costs in proportion to them, not to their square."""
    out: dict[int, list[TimeExpr]] = {}
    for t in times:
        out.setdefault(t.sentence, []).append(t)
    return out


def event_clause(text: str, t: TimeExpr, article: Article, times: list[TimeExpr] | None = None) -> str:
    """The words a time expression dates: from it to the next time expression of the
    sentence (Hindi puts the verb last), or to the sentence end. `times` are the other
    time expressions of the sentence (all of the report's do too, at a higher cost)."""
    sent = article.sentence_at(t.sentence)
    end = sent.end if sent else min(len(text), t.end + 200)
    later = [o.start for o in times or [] if t.end <= o.start < end]
    return text[t.end: min(later, default=end)]
