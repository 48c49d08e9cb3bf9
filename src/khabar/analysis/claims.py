"""Claims: counts and event dates stated in a report, each with who says it and through
which outlet or agency."""

from __future__ import annotations

from khabar import lang
from khabar.analysis.events import by_sentence, event_clause, event_kind
from khabar.model import Article, Claim, Mention, Quantity, TimeExpr
from khabar.steps.extract.attribution import attribute, report_credit
from khabar.steps.extract.quantities import casualties


# Claims kept per report, in text order. Comparing claims is pairwise within a story, so
# one report of a hundred thousand figures must not cost the square of it; the most any
# of 3,000 hi-covid reports holds is 153 counts and 79 dates.
MAX_CLAIMS_PER_REPORT = 500


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def extract_claims(article: Article, times: list[TimeExpr], quantities: list[Quantity],
                   mentions: list[Mention] | None = None, language=None) -> list[Claim]:
    """Quantity claims (every count with a counted thing) and date claims (day-level dates
    of a signing, submission, summit, ... ), attributed per sentence. `language` gives the
    claim words (default Hindi)."""
    language = language or lang.get("hi")
    HC = language.claimwords
    attrs = attribute(article, mentions)
    credit = report_credit(article)
    source = article.source or article.external_id
    sents = {s.index: s.text for s in article.sentences}
    out: list[Claim] = []
    text = article.clean_text or article.raw_text
    # "12 यात्रियों की मौत" and "12 लोगों की मौत" are one figure: casualty counts take the
    # kind (मृतक, घायल, लापता) as their subject; parts of a figure keep their noun
    dead_or_hurt = {c.start: HC.CASUALTY_SUBJECTS[c.kind] for c in casualties(text, quantities)
                    if c.whole and c.kind in HC.CASUALTY_SUBJECTS}
    for q in quantities:
        if not q.unit or q.text.split()[0] in HC.SEVERAL or q.hedge == "each":
            continue
        if q.text.split()[0] in HC.ALL_OF and q.start not in dead_or_hurt:
            continue
        a = attrs.get(q.sentence)
        out.append(Claim(article_id=article.id, external_id=article.external_id, sentence=q.sentence,
                         text=sents.get(q.sentence, q.text), kind="quantity",
                         subject=dead_or_hurt.get(q.start) or (
                             f"{HC.NEW_MEASURE} {q.unit}" if q.period == "new" else q.unit),
                         value=_fmt(q.value), hedge=q.hedge, scope=q.scope,
                         speaker=a.speaker if a else "", via=(a.via if a and a.via else credit),
                         source=source))
    same = by_sentence(times)
    for t in times:
        if not t.value or "X" in t.value or t.granularity not in ("day", "month", "year"):
            continue
        clause = event_clause(text, t, article, same[t.sentence])
        kind = event_kind(clause, language)
        if not kind or kind == "statement":
            continue
        a = attrs.get(t.sentence)
        out.append(Claim(article_id=article.id, external_id=article.external_id, sentence=t.sentence,
                         text=sents.get(t.sentence, t.text), kind="date", subject=kind,
                         value=t.value, hedge="inferred" if t.inferred else "",
                         speaker=a.speaker if a else "", via=(a.via if a and a.via else credit),
                         source=source))
    if len(out) > MAX_CLAIMS_PER_REPORT:
        out = sorted(out, key=lambda c: c.sentence)[:MAX_CLAIMS_PER_REPORT]
    return out
