"""Claims: counts and event dates stated in a report, each with who says it and through
which outlet or agency."""

from __future__ import annotations

from khabar import lang as _lang
from khabar.model import Article, Claim, Mention, Quantity, TimeExpr
from khabar.steps.extract.attribution import attribute, report_credit
from khabar.steps.extract.quantities import casualties

HC = _lang.default().claimwords  # until the Language is handed in here


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def event_kind(clause: str) -> str:
    """The first event kind (in HC.EVENTS priority order) named in `clause`, or ""."""
    for kind, words in HC.EVENTS.items():
        if any(w in clause for w in words):
            return kind
    return ""


def extract_claims(article: Article, times: list[TimeExpr], quantities: list[Quantity],
                   mentions: list[Mention] | None = None) -> list[Claim]:
    """Quantity claims (every count with a counted thing) and date claims (day-level dates
    of a signing, submission, summit, ... ), attributed per sentence."""
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
                         subject=dead_or_hurt.get(q.start, q.unit),
                         value=_fmt(q.value), hedge=q.hedge, scope=q.scope,
                         speaker=a.speaker if a else "", via=(a.via if a and a.via else credit),
                         source=source))
    for t in times:
        if not t.value or "X" in t.value or t.granularity not in ("day", "month", "year"):
            continue
        clause = _event_clause(text, t, article, times)
        kind = event_kind(clause)
        if not kind or kind == "statement":
            continue
        a = attrs.get(t.sentence)
        out.append(Claim(article_id=article.id, external_id=article.external_id, sentence=t.sentence,
                         text=sents.get(t.sentence, t.text), kind="date", subject=kind,
                         value=t.value, hedge="inferred" if t.inferred else "",
                         speaker=a.speaker if a else "", via=(a.via if a and a.via else credit),
                         source=source))
    return out


def _event_clause(text: str, t: TimeExpr, article: Article, times: list[TimeExpr] | None = None) -> str:
    """The words a time expression dates: from it to the next time expression of the
    sentence (Hindi puts the verb last), or to the sentence end."""
    sent = next((s for s in article.sentences if s.index == t.sentence), None)
    end = sent.end if sent else min(len(text), t.end + 200)
    later = [o.start for o in times or [] if t.end <= o.start < end]
    return text[t.end: min(later, default=end)]


def analyse_story(articles: list[Article], mentions: dict[str, list[Mention]] | None = None) -> dict:
    """Dates, quantities, claims, their comparison and the timeline for one story's reports.

    Articles are not modified: "publication" maps external_id -> (datetime | None, how),
    for the caller to store as `published` / `published_inferred` (how != "metadata").
    Keys: times, quantities, claims, agreements, conflicts, timeline, publication.
    """
    from khabar.analysis.compare import compare_claims
    from khabar.steps.extract.dates import extract_times, infer_publication, resolve_story_dates
    from khabar.steps.extract.quantities import extract_quantities
    from khabar.analysis.timeline import build_timeline

    mentions = mentions or {}
    times = resolve_story_dates(articles, {a.external_id: extract_times(a) for a in articles})
    quantities, claims = {}, []
    for a in articles:
        spans = [(t.start, t.end) for t in times[a.external_id]]
        quantities[a.external_id] = extract_quantities(a.clean_text or a.raw_text, a.sentences, spans)
        claims += extract_claims(a, times[a.external_id], quantities[a.external_id],
                                 mentions.get(a.external_id))
    agreements, conflicts = compare_claims(claims)
    return {
        "times": times, "quantities": quantities, "claims": claims, "agreements": agreements,
        "conflicts": conflicts, "timeline": build_timeline(articles, times, claims),
        "publication": {a.external_id: infer_publication(a, times[a.external_id]) for a in articles},
    }
