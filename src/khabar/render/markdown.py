"""Markdown: the story report and the summary. Untrusted text is escaped (raw HTML included).

Every text from a report (titles, sentences, outlet and entity names, claims) goes through
`md_text`: whitespace runs (newlines too) become one space, so no text can start a block,
and every character CommonMark or HTML gives a meaning (emphasis, links, images, code, raw
HTML, entities, tables, strikethrough) is backslash-escaped. A source URL becomes a link
only when it is http(s) (`md_link_url`), percent-escaped so it cannot end the link;
any other URL is shown as escaped text."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from khabar.render.common import cite_ids, numbering, unique_support

# ASCII punctuation with a Markdown or HTML meaning inside a line (CommonMark shows any
# backslash-escaped ASCII punctuation as itself); what means something only at the start
# of a line (- + = 1.) needs none, as no untrusted text starts a line
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]()<>#|{}!~&"})
# what must not stay literal in a link destination: what ends it or starts a title,
# the escape character, and spaces or control characters
_URL_UNSAFE = set('()<>" \\`')


def md_text(text: Any) -> str:
    """Untrusted text as Markdown that shows exactly that text and nothing else."""
    return " ".join(str(text or "").split()).translate(_MD_SPECIAL)


_md = md_text


def md_link_url(url: Any) -> str | None:
    """`url` ready for a Markdown link destination, or None when it must not be a link
    (not http or https, no host, or unparsable)."""
    u = str(url or "").strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    out = []
    for ch in u:
        if ch in _URL_UNSAFE or ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def md_source(title: str, url: Any) -> str:
    """A source's title (already escaped) linked to its URL when that is safe, else the
    title followed by the URL as escaped text."""
    dest = md_link_url(url)
    if dest:
        return f"[{title}]({dest})"
    return f"{title} ({md_text(url)})" if url else title


def report_markdown(report: dict) -> str:
    """The report dict as Markdown; every text from a report is escaped."""
    nums = numbering(report)

    def cites(ids) -> str:
        return "".join(f"[{n}]" for n in sorted(nums.get(i, "?") for i in ids if i in nums)) or "[?]"

    st = report.get("story") or {}
    out = [f"# {_md(st.get('headline'))}", ""]
    meta = [_md(st.get("id")), f"{st.get('size', len(report.get('sources') or []))} reports"]
    if st.get("first_seen"):
        meta.append(f"{_md(st['first_seen'])} – {_md(st.get('last_seen'))}")
    if st.get("sources"):
        meta.append(", ".join(_md(s) for s in st["sources"]))
    out += [" · ".join(m for m in meta if m), ""]
    if report.get("disagreements"):
        # first, as on the page: where outlets give different figures. A table cell
        # cannot hold a raw "|" or newline; _md escapes the pipe, the newline becomes a space
        out += ["## Where reports disagree", "",
                "| measure | place | difference | value | outlet | report | speaker |",
                "|---|---|---|---|---|---|---|"]
        for d in report["disagreements"]:
            cells = [d.get(k) or "" for k in ("measure", "place", "difference", "value", "outlet")]
            cells = [_md(" ".join(str(c).split())) for c in cells]
            out.append("| " + " | ".join(cells + [cites([d.get("report")]),
                                                   _md(" ".join(str(d.get("speaker") or "").split()))]) + " |")
        out.append("")
    if report.get("summary"):
        out += ["## Summary", ""]
        for k, s in enumerate(report["summary"], 1):
            out.append(f"{k}. {_md(s['text'])} {cites(s.get('citations', []))}")
            out += [f"   > ⚠ {_md(cite_ids(n, nums))}" for n in s.get("conflicts") or []]
        out.append("")
    ab = report.get("abstractive")
    if ab:
        out += ["## Abstractive summary", ""]
        out += [f"- {_md(s['text'])} {cites(s.get('citations', []))}" for s in ab.get("sentences", [])]
        out += [f"- ~~{_md(d['text'])}~~ (dropped: {_md(d['reason'])})" for d in ab.get("dropped", [])]
        out.append("")
    if report.get("timeline"):
        out += ["## Timeline", ""]
        for e in unique_support(report["timeline"]):
            bg = " (background)" if e.get("background") else ""
            out.append(f"- **{_md(e.get('date'))}** {_md(e.get('label'))}{bg} "
                       f"{cites(sup[0] for sup in e.get('support') or [])}")
        out.append("")
    if report.get("conflicts"):
        out += ["## Conflicts", ""]
        for c in report["conflicts"]:
            out.append(f"- **{_md(c.get('subject'))}** {_md(cite_ids(c.get('note') or '', nums))}")
            for cl in c.get("claims") or []:
                who = cl.get("speaker") or cl.get("via") or cl.get("source")
                out.append(f"  - {_md(cl.get('value'))} — {_md(who)} {cites([cl.get('external_id')])}")
        out.append("")
    if report.get("claims"):
        out += ["## Claims", "", "| who | what | value | |", "|---|---|---|---|"]
        for cl in report["claims"]:
            out.append(f"| {_md(cl.get('speaker') or cl.get('via') or '—')} | {_md(cl.get('subject'))} | "
                       f"{_md(cl.get('value'))} | {cites([cl.get('external_id')])} |")
        out.append("")
    if report.get("entities"):
        out += ["## Entities", ""]
        out += [f"- {_md(e.get('display'))} ({_md(e.get('type'))})" for e in report["entities"]]
        out.append("")
    if report.get("coverage"):
        out += ["## Who reported what", ""]
        for c in report["coverage"]:
            out.append(f"- **{_md(c.get('source'))}**: {len(c.get('only_here') or [])} facts only here, "
                       f"{len(c.get('shared_by_all') or [])} shared by all, "
                       f"{len(c.get('left_out') or [])} left out")
            out += [f"  - only here: {_md(f['text'])}" for f in c.get("only_here") or []]
            out += [f"  - left out: {_md(f['text'])}" for f in c.get("left_out") or []]
        out.append("")
    out += ["## Sources", ""]
    for k, s in enumerate(report.get("sources") or [], 1):
        title = _md(s.get("title") or s.get("external_id"))
        link = md_source(title, s.get("url"))
        extra = " · ".join(_md(x) for x in (s.get("source"), s.get("published"), s.get("external_id")) if x)
        out.append(f"{k}. {link} — {extra}")
    return "\n".join(out) + "\n"


def summary_markdown(data: dict[str, Any]) -> str:
    """A summary page's JSON as Markdown (the `khabar summary --format md` output), every
    text from a report escaped."""
    out = [f"# {_md(data.get('headline'))}", ""]
    for s in data.get("sentences") or []:
        out.append(f"- {_md(s.get('text'))} \\[{_md(', '.join(s.get('citations') or []))}\\]")
        out += [f"  - ⚠ {_md(note)}" for note in s.get("conflicts") or []]
    ab = data.get("abstractive")
    if ab:
        out += ["", f"Abstractive ({_md(ab.get('model', ''))}):", ""]
        out += [f"- {_md(s.get('text'))} \\[{_md(', '.join(s.get('citations') or []))}\\]"
                for s in ab.get("sentences") or []]
        out += [f"- dropped (unbacked: {_md(s.get('reason'))}): {_md(s.get('text'))}"
                for s in ab.get("dropped") or []]
    return "\n".join(out) + "\n"


def page_markdown(page: Any) -> str:
    """A page with a Markdown form: the report (or a story's report) and the summary."""
    from khabar.views.pages import ReportPage, StoryPage, SummaryPage

    if isinstance(page, StoryPage) and page.report is not None:
        page = page.report
    if isinstance(page, ReportPage):
        return report_markdown(page.to_json())
    if isinstance(page, SummaryPage):
        return summary_markdown(page.to_json())
    raise ValueError(f"no Markdown form for {type(page).__name__}")
