"""Views: what the CLI, the API and the report show, built from the store by pure steps.

Story-level analysis (claims, comparison, timeline, summary) is computed here from
the story's stored reports, so it always reflects the story's current membership.
"""

from __future__ import annotations

from typing import Any

from khabar.model import Article


def mark_removed(article: Article) -> str:
    """The raw text with every removed span shown as [-reason: text-]."""
    out, pos = [], 0
    for span in sorted(article.removed, key=lambda r: r.start):
        if span.start < pos:
            continue
        out.append(article.raw_text[pos:span.start])
        out.append(f"[-{span.reason}: {article.raw_text[span.start:span.end]}-]")
        pos = span.end
    out.append(article.raw_text[pos:])
    return "".join(out)


def article_view(store, article: Article) -> dict[str, Any]:
    """Stable JSON fields of one report (documented in docs/cli.md)."""
    row = store.article_row(article.id).to_dict()
    return {
        "id": article.id,
        "external_id": article.external_id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_inferred": article.published_inferred,
        "language": article.language,
        "dateline": article.dateline,
        "story_id": row["story_id"],
        "duplicate_of": row["duplicate_of"],
        "duplicate_kind": row["duplicate_kind"],
        "metadata": article.metadata,
        "clean_text": article.clean_text,
        "removed": [
            {"start": r.start, "end": r.end, "reason": r.reason, "text": r.text, "detail": r.detail}
            for r in article.removed
        ],
        "sentences": [{"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in article.sentences],
    }


# ---- claims and timeline ------------------------------------------------------

STORYLINE_CONTEXT_LIMIT = 300  # reports of the storyline used to resolve a story's dates


def mentions_by_report(store, articles: list[Article]) -> dict[str, list]:
    """Stored entity mentions of `articles`, by external id."""
    by_id = {a.id: a.external_id for a in articles}
    mentions: dict[str, list] = {}
    for m in store.mentions_of(by_id):
        mentions.setdefault(by_id[m.article_id], []).append(m)
    return mentions


def story_analysis(store, story_id: str) -> tuple[dict, list[Article], dict]:
    """Dates, quantities, claims and timeline of a story.

    Dates are resolved against the whole storyline (a November report that says
    "इस साल जून में" takes its year from the June report of the same storyline);
    claims and events are then kept only where the story's own reports support them.
    """
    from khabar.analysis.claims import analyse_story

    story = store.story(story_id).to_dict()
    own = set(story["article_ids"])
    context = list(own)
    if story["storyline_id"]:
        for other in store.list_stories(storyline=story["storyline_id"], limit=1000):
            context += [i for i in other.article_ids if i not in own]
    articles = store.load_articles(context[:STORYLINE_CONTEXT_LIMIT])
    mentions = mentions_by_report(store, articles)
    analysis = analyse_story(articles, mentions)
    analysis["mentions"] = mentions
    return story, [a for a in articles if a.id in own], analysis


def story_claims(store, story_id: str) -> dict[str, Any]:
    """Claims of one story grouped into agreements and conflicts (stable JSON fields)."""
    from khabar.analysis.compare import compare_claims

    story, articles, analysis = story_analysis(store, story_id)
    own = {a.external_id for a in articles}
    claims = [c for c in analysis["claims"] if c.external_id in own]
    agreements, conflicts = compare_claims(claims)
    return {
        "story_id": story["id"],
        "claims": [_claim_dict(c) for c in claims],
        "agreements": [
            {"subject": a.subject, "scope": a.scope, "value": a.value, "reports": a.reports,
             "speakers": a.speakers, "claims": [_claim_dict(c) for c in a.claims],
             "compatible": [_claim_dict(c) for c in a.compatible]}
            for a in agreements
        ],
        "conflicts": [
            {"subject": c.subject, "kind": c.kind, "note": c.note, "claims": [_claim_dict(x) for x in c.claims]}
            for c in conflicts
        ],
    }


def _claim_dict(c) -> dict[str, Any]:
    return {"external_id": c.external_id, "source": c.source, "sentence": c.sentence, "kind": c.kind,
            "subject": c.subject, "value": c.value, "hedge": c.hedge, "scope": c.scope,
            "speaker": c.speaker, "via": c.via, "text": c.text}


def own_events(events: list, own: set[str]) -> list:
    """Events supported by the story's own reports, with only that support: the rest
    of the storyline helped date them but is not this story's evidence."""
    from dataclasses import replace

    out = []
    for e in events:
        support = [s for s in e.support if s[0] in own]
        if support:
            out.append(replace(e, support=support))
    return out


def storyline_analysis(store, storyline_id: str) -> tuple[dict, list[Article], dict]:
    """Like story_analysis, over every story of a storyline."""
    from khabar.errors import NotFound
    from khabar.analysis.claims import analyse_story

    stories = store.list_stories(storyline=storyline_id, limit=1000)
    if not stories:
        raise NotFound(f"no storyline with id '{storyline_id}' (see `khabar stories`)")
    ids = [i for s in stories for i in s.article_ids][:STORYLINE_CONTEXT_LIMIT]
    articles = store.load_articles(ids)
    mentions = mentions_by_report(store, articles)
    analysis = analyse_story(articles, mentions)
    analysis["mentions"] = mentions
    return {"id": storyline_id}, articles, analysis


def story_timeline(store, story_id: str) -> dict[str, Any]:
    """The dated events of a story (or, for an "l-" id, of a whole storyline), ordered,
    each with its supporting sentences and reports."""
    if story_id.startswith("l-"):
        story, articles, analysis = storyline_analysis(store, story_id)
    else:
        story, articles, analysis = story_analysis(store, story_id)
    own = {a.external_id for a in articles}
    events = []
    for e in own_events(analysis["timeline"], own):
        support = e.support
        events.append({
            "date": e.date, "granularity": e.granularity, "label": e.label, "background": e.background,
            "inferred": e.inferred, "report": support[0][1] == -1,
            "support": [{"external_id": x, "sentence": i, "text": t} for x, i, t in support],
        })
    publication = {
        x: {"published": p.isoformat() if p else None, "how": how}
        for x, (p, how) in analysis["publication"].items() if x in own
    }
    return {"story_id": story["id"], "events": events, "publication": publication}


def _hedged(c: dict) -> str:
    marks = {"about": "~", "more-than": ">", "at-least": "≥", "less-than": "<", "at-most": "≤"}
    value = c["value"]
    if value.replace(".", "", 1).isdigit():
        value = f"{float(value):,.0f}" if float(value) == int(float(value)) else value
    if c["hedge"] == "vague":  # "हजारों सैनिक": thousands of
        return value + "s"
    return marks.get(c["hedge"], "") + value


def _who(c: dict) -> str:
    who = c["speaker"] or "?"
    if c["via"]:
        who += f" via {c['via']}"
    return f"{who} [{c['external_id']}]"


def format_claims(data: dict[str, Any]) -> str:
    lines = []
    if data["conflicts"]:
        lines.append("Conflicts:")
        for c in data["conflicts"]:
            lines.append(f"  ! {c['subject']} ({c['kind']}): {c['note']}")
            for x in c["claims"]:
                scope = f" in {x['scope']}" if x["scope"] else ""
                lines.append(f"      {_hedged(x):>10}{scope:<22} {_who(x)}")
    if data["agreements"]:
        lines.append("Agreements:")
        for a in data["agreements"]:
            scope = f" in {a['scope']}" if a["scope"] else ""
            lines.append(f"  = {a['subject']}{scope}: {a['value']} ({a['reports']} reports)")
            for x in a["claims"] + a["compatible"]:
                lines.append(f"      {_hedged(x):>10} {_who(x)}")
    if not lines:
        lines.append(f"{len(data['claims'])} claims, none comparable across reports")
    return "\n".join(lines)


def format_timeline(data: dict[str, Any]) -> str:
    lines = []
    for e in data["events"]:
        flags = ("background " if e["background"] else "") + ("inferred" if e["inferred"] else "")
        sources = sorted({s["external_id"] for s in e["support"]})
        lines.append(f"{e['date']:<10} {e['label']}" + (f"  ({flags.strip()})" if flags.strip() else "")
                     + f"  [{', '.join(sources)}]")
    return "\n".join(lines) or "no dated events"


# ---- summary and report ---------------------------------------------------------


def _summary_inputs(store, story_id: str):
    story, articles, analysis = story_analysis(store, story_id)
    own = {a.external_id for a in articles}
    mentions = {x: ms for x, ms in analysis["mentions"].items() if x in own}
    claims = [c for c in analysis["claims"] if c.external_id in own]
    from khabar.analysis.compare import compare_claims

    _, conflicts = compare_claims(claims)
    return story, articles, claims, conflicts, own_events(analysis["timeline"], own), mentions


def story_summary(store, story_id: str, n_sentences: int, settings, abstractive: bool = False) -> dict[str, Any]:
    """The cited extractive summary of a story (and the abstractive one when asked)."""
    from khabar.summary.summarize import summarize

    story, articles, claims, conflicts, events, mentions = _summary_inputs(store, story_id)
    summary = summarize(articles, n_sentences=n_sentences, claims=claims, conflicts=conflicts,
                        events=events, mentions=mentions)
    data = {"story_id": story["id"], "headline": summary.headline, "n_reports": summary.n_reports,
            "sentences": [
                {"text": s.text, "external_id": s.external_id, "sentence": s.sentence, "source": s.source,
                 "citations": s.citations, "date": s.date, "conflicts": s.conflicts}
                for s in summary.sentences]}
    if abstractive:
        from khabar.summary.abstractive import abstractive_summary

        data["abstractive"] = abstractive_summary(articles, settings.summary, n_sentences).to_dict()
    return data


def format_summary(data: dict[str, Any], fmt: str = "text") -> str:
    lines = [f"# {data['headline']}" if fmt == "md" else data["headline"], ""]
    for s in data["sentences"]:
        cites = ", ".join(s["citations"])
        bullet = "- " if fmt == "md" else "* "
        lines.append(f"{bullet}{s['text']} [{cites}]")
        for note in s["conflicts"]:
            lines.append(f"    ! {note}")
    abstractive = data.get("abstractive")
    if abstractive:
        lines += ["", "Abstractive (" + abstractive.get("model", "") + "):"]
        for s in abstractive["sentences"]:
            lines.append(f"* {s['text']} [{', '.join(s['citations'])}]")
        for s in abstractive.get("dropped", []):
            lines.append(f"  dropped (unbacked: {s['reason']}): {s['text']}")
    return "\n".join(lines)


def story_report(store, story_id: str, n_sentences: int, settings, abstractive: bool = False) -> dict:
    """The report dict (shape documented in khabar.report) for one story."""
    from khabar.report import build_report
    from khabar.analysis.coverage import coverage
    from khabar.summary.summarize import summarize

    story, articles, claims, conflicts, events, mentions = _summary_inputs(store, story_id)
    summary = summarize(articles, n_sentences=n_sentences, claims=claims, conflicts=conflicts,
                        events=events, mentions=mentions)
    extra = None
    if abstractive:
        from khabar.summary.abstractive import abstractive_summary

        extra = abstractive_summary(articles, settings.summary, n_sentences)
    header = {k: story[k] for k in ("id", "headline", "storyline_id", "first_seen", "last_seen",
                                     "sources", "languages", "size")}
    entity_rows = store.ranked_entities(story=story["id"], limit=60)
    report = build_report(articles, summary, story=header, events=events, claims=claims,
                          conflicts=conflicts, coverage=coverage(articles, summary), abstractive=extra)
    report["entities"] = [
        {"key": e["key"], "type": e["type"], "display": e["display"], "latin": e["latin"],
         "aliases": e["aliases"], "mentions": e["mentions"]} for e in entity_rows]
    return report


def story_report_text(store, story_id: str, fmt: str, n_sentences: int, settings, abstractive: bool = False) -> str:
    from khabar.report import render_report

    return render_report(story_report(store, story_id, n_sentences, settings, abstractive), fmt)
