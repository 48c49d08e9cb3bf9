"""Plain text for the terminal: one function per page, all reading the page object (or,
for claims, timeline and summary, its JSON)."""

from __future__ import annotations

from typing import Any

from khabar.views.articles import mark_removed


def articles_text(page) -> str:
    if not page.articles:
        return "no reports match (ingest reports first: khabar ingest PATH)"
    lines = []
    for r in page.articles:
        dup = f" (copy of {r.duplicate_of})" if r.duplicate_of else ""
        date = (r.published or "????-??-??")[:10] + ("~" if r.published_inferred else "")
        lines.append(f"{r.id:>6}  {date:<11} {r.story_id or '-':<10} {r.external_id[:28]:<28} "
                     f"{(r.source or '')[:16]:<16} {r.title[:60]}{dup}")
    return "\n".join(lines)


def article_text(page, raw: bool = False) -> str:
    a = page.article
    lines = [f"# {a.title or '(untitled)'}",
             f"id {a.id}  external_id {a.external_id}  source {a.source or '-'}  "
             f"published {a.published or '-'}{' (inferred)' if a.published_inferred else ''}  "
             f"language {a.language or '-'}  dateline {a.dateline or '-'}",
             "",
             mark_removed(a) if raw else a.clean_text]
    if a.removed and not raw:
        lines.append("\nRemoved:")
        for r in a.removed:
            lines.append(f"  - {r.reason}: {r.text.strip()[:100]!r}{' (' + r.detail + ')' if r.detail else ''}")
    return "\n".join(lines)


def search_text(page) -> str:
    lines = [f"{r.id:>6}  {r.external_id[:28]:<28} {r.title[:50]}\n        {r.snippet}" for r in page.hits]
    if not lines:
        return "no match"
    shown = f"{page.offset + 1}-{page.offset + len(lines)}"
    return "\n".join(lines) + f"\n{page.total} report{'s' if page.total != 1 else ''} match; showing {shown}"


def stories_text(page) -> str:
    if not page.stories:
        return "no stories match (ingest reports first: khabar ingest PATH)"
    lines = []
    for r in page.stories:
        span = f"{(r.first_seen or '?')[:10]}..{(r.last_seen or '?')[:10]}"
        lines.append(f"{r.id:<10} {r.storyline_id or '-':<10} {r.size:>3} reports  {span:<22} {r.headline[:70]}")
    return "\n".join(lines)


def story_text(page) -> str:
    s = page.story
    lines = [f"{s.id}  (storyline {s.storyline_id or '-'})  {s.headline}",
             f"{s.size} reports, {(s.first_seen or '?')[:10]}..{(s.last_seen or '?')[:10]}, "
             f"sources: {', '.join(s.sources) or '-'}; languages: {', '.join(s.languages) or '-'}"]
    for a in s.articles:
        dup = f"  (copy of {a.duplicate_of})" if a.duplicate_of else ""
        lines.append(f"  {a.id:>6} {a.external_id[:30]:<30} {(a.published or '')[:10]:<10} {a.title[:60]}{dup}")
    return "\n".join(lines)


def storyline_text(page) -> str:
    return "\n".join(f"{(r.first_seen or '?')[:10]}  {r.id:<10} {r.size:>3} reports  {r.headline[:70]}"
                     for r in page.stories)


def entities_text(page) -> str:
    if not page.entities:
        return "no entities match"
    lines = []
    for r in page.entities:
        aliases = ", ".join(sorted(r.aliases, key=lambda a: -r.aliases[a])[:6])
        lines.append(f"{r.type:<4} {r.display[:24]:<24} {r.latin[:20]:<20} {r.articles:>4} reports  {aliases}")
    return "\n".join(lines)


def entity_text(page) -> str:
    e = page.entity
    lines = [f"{e.display} ({e.latin or '-'}) [{e.type}] key {e.key}",
             "aliases: " + ", ".join(f"{a} ({n})" for a, n in e.aliases.items())]
    if e.roles:
        lines.append("roles: " + ", ".join(f"{a} ({n})" for a, n in e.roles.items()))
    for s in page.stories:
        lines.append(f"  {(s.first or '?')[:10]}  {s.story_id}  {s.mentions} mentions")
    total = page.stories_total if page.stories_total is not None else len(page.stories)
    if total > len(page.stories):
        lines.append(f"  ... {total - len(page.stories)} more stories (of {total}; --limit to see more)")
    return "\n".join(lines)


# ---- claims, timeline, summary ---------------------------------------------------


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


def _place(c: dict) -> str:
    if not c["scope"]:
        return ""
    # a place taken from the report's headline or lead, not stated with the figure
    return f" in {c['scope']}" + (" (report's)" if c.get("place_from") == "report" else "")


def claims_text(data: dict[str, Any]) -> str:
    """Conflicts first, then agreements, each claim with who said it and in which report."""
    lines = []
    if data["conflicts"]:
        lines.append("Conflicts:")
        for c in data["conflicts"]:
            lines.append(f"  ! {c['subject']} ({c['kind']}): {c['note']}")
            for x in c["claims"]:
                lines.append(f"      {_hedged(x):>10}{_place(x):<22} {_who(x)}")
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


def timeline_text(data: dict[str, Any]) -> str:
    lines = []
    if data.get("cut"):
        lines.append(f"(read from the first {data['reports_read']} of {data['reports_total']} reports)")
    for e in data["events"]:
        flags = ("background " if e["background"] else "") + ("inferred" if e["inferred"] else "")
        sources = sorted({s["external_id"] for s in e["support"]})
        lines.append(f"{e['date']:<10} {e['label']}" + (f"  ({flags.strip()})" if flags.strip() else "")
                     + f"  [{', '.join(sources)}]")
    return "\n".join(lines) or "no dated events"


def summary_text(data: dict[str, Any], fmt: str = "text") -> str:
    """A summary page's JSON as text (or as Markdown with fmt="md")."""
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


def page_text(page: Any, **options) -> str:
    """Any page as terminal text (options: raw=True for an article's marked raw text)."""
    from khabar.views import pages as P

    if isinstance(page, P.ArticlePage):
        return article_text(page, options.get("raw", False))
    by_type = {P.ArticlesPage: articles_text, P.SearchPage: search_text, P.StoriesPage: stories_text,
               P.StoryPage: story_text, P.StorylinePage: storyline_text, P.EntitiesPage: entities_text,
               P.EntityPage: entity_text}
    if type(page) in by_type:
        return by_type[type(page)](page)
    by_json = {P.ClaimsPage: claims_text, P.TimelinePage: timeline_text, P.SummaryPage: summary_text}
    if type(page) in by_json:
        return by_json[type(page)](page.to_json())
    if isinstance(page, P.ReportPage):
        from khabar.render.markdown import report_markdown

        return report_markdown(page.to_json())
    raise ValueError(f"no text form for {type(page).__name__}")
