"""Claims: counts and event dates stated in a report, each with who says it and through
which outlet or agency."""

from __future__ import annotations


from khabar import lang
from khabar.analysis.events import by_sentence, event_clause, event_kind
from khabar.model import Article, Claim, Mention, Quantity, TimeExpr
from khabar.steps.extract.attribution import attribute, report_credit
from khabar.analysis.places import places
from khabar.steps.extract.quantities import casualties, extract_quantities, place_phrases


# Claims kept per report, in text order. Comparing claims is pairwise within a story, so
# one report of a hundred thousand figures must not cost the square of it; the most any
# of 3,000 hi-covid reports holds is 153 counts and 79 dates.
MAX_CLAIMS_PER_REPORT = 500
# The sentence index of a claim read from the report's headline
TITLE_SENTENCE = -1


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def _the_place(scope: str, article: Article, text: str, upto: int, language) -> str:
    """The place a place word stands for ("देश में", "राज्य में"): the place of its kind
    named last before it (in the headline, then text[:upto]), or the scope as it is when
    none is."""
    known = places(language)
    kinds = language.claimwords.PLACE_ANAPHORS.get(scope.replace(f" {known.postposition}", "").strip())
    if not kinds:
        return scope
    # nothing named before: the place the dateline names, or what it lies in ("पटना" ->
    # Bihar for "राज्य में"; "नई दिल्ली" -> India for "देश में")
    named = (known.last_named(kinds, f"{article.title}\n{text[:upto]}")
             or known.last_named(kinds, article.dateline or ""))
    return f"{named} {known.postposition}" if named else scope


def _measure_name(q: Quantity, HC) -> str:
    """The measure a claim is compared by: new counts and rates are measures of their own
    ("नए मामले", "रोजाना जांच")."""
    prefix = {"new": HC.NEW_MEASURE, "rate": HC.RATE_MEASURE}.get(q.period)
    return f"{prefix} {q.unit}" if prefix else q.unit


def _quantity_claims(article: Article, text: str, quantities: list[Quantity], sents: dict[int, str],
                     attrs: dict, credit: str, source: str, language, sentence: int | None = None) -> list[Claim]:
    """The claims of the counts of `text` that say what they count."""
    HC = language.claimwords
    out: list[Claim] = []
    # "12 यात्रियों की मौत" and "12 लोगों की मौत" are one figure: casualty counts take the
    # kind (मृतक, घायल, लापता) as their subject; parts of a figure keep their noun
    dead_or_hurt = {c.start: HC.CASUALTY_SUBJECTS[c.kind] for c in casualties(text, quantities, language)
                    if c.whole and c.kind in HC.CASUALTY_SUBJECTS}
    for q in quantities:
        if not q.unit or q.text.split()[0] in HC.SEVERAL or q.hedge == "each":
            continue
        if q.text.split()[0] in HC.ALL_OF and q.start not in dead_or_hurt:
            continue
        where = q.sentence if sentence is None else sentence
        a = attrs.get(where)
        out.append(Claim(article_id=article.id, external_id=article.external_id, sentence=where,
                         text=text if sentence is not None else sents.get(q.sentence, q.text), kind="quantity",
                         subject=dead_or_hurt.get(q.start) or _measure_name(q, HC),
                         value=_fmt(q.value), hedge=q.hedge,
                         scope=_the_place(q.scope, article, text, q.start, language),
                         speaker=a.speaker if a else "", via=(a.via if a and a.via else credit),
                         source=source, window=q.window))
    return out


def report_place(article: Article, text: str, language) -> str:
    """The place a report is about, as a scope ("राजस्थान में"): the first known place a
    place phrase of its title names, else of its lead sentence ("देश में" read as the
    country named before it or the dateline's); "" when neither names one."""
    known = places(language)
    lead = article.sentences[0].text if article.sentences else text[:300]
    for part in (article.title or "", lead):
        for phrase in place_phrases(part, language):
            latin = known.name(_the_place(phrase, article, "", 0, language))
            if latin:
                return f"{known.shown.get(latin, latin)} {known.postposition}"
    return ""


def extract_claims(article: Article, times: list[TimeExpr], quantities: list[Quantity],
                   mentions: list[Mention] | None = None, language=None) -> list[Claim]:
    """Quantity claims (every count with a counted thing) and date claims (day-level dates
    of a signing, submission, summit, ... ), attributed per sentence. `language` gives the
    claim words (default Hindi)."""
    language = language or lang.get("hi")
    attrs = attribute(article, mentions, language)
    credit = report_credit(article, language)
    source = article.source or article.external_id
    sents = {s.index: s.text for s in article.sentences}
    text = article.clean_text or article.raw_text
    out = _quantity_claims(article, text, quantities, sents, attrs, credit, source, language)
    # a report states its place once, in its headline or lead: a count whose own clause
    # and sentence name none is in it ("राजस्थान में छह नए मामले ... राज्य में अब तक 23")
    unplaced = [c for c in out if not c.scope]
    home = report_place(article, text, language) if unplaced else ""
    for c in unplaced if home else ():
        c.scope, c.place_from = home, "report"
    # a headline states figures too ("भारत में कुल मामले हुए 315"); read on its own, it is
    # sentence -1 of its report and credited to the outlet
    # a figure the body states too is read there, where its sentence says whether it is new
    # or a total and where ("2573 मामले" in a headline is "2,573 नए मामले" in the body)
    if article.title and article.title.strip():
        in_body = {(q.value, q.unit) for q in quantities}
        heading = [q for q in extract_quantities(article.title, language=language) if (q.value, q.unit) not in in_body]
        out = _quantity_claims(article, article.title, heading, {}, {},
                               credit, source, language, sentence=TITLE_SENTENCE) + out
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
