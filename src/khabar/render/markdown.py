"""Markdown: the story report and the summary. Untrusted text is escaped (raw HTML included)."""

from __future__ import annotations

from typing import Any

from khabar.render.common import cite_ids, numbering, safe_url, unique_support

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|{}!"})


def _md(text: Any) -> str:
    """Escape untrusted text for Markdown, including raw HTML."""
    return " ".join(str(text or "").split()).translate(_MD_SPECIAL)


def report_markdown(report: dict) -> str:
    """The report dict as Markdown; every text from a report is escaped."""
    nums = numbering(report)

    def cites(ids) -> str:
        return "".join(f"[{n}]" for n in sorted(nums.get(i, "?") for i in ids if i in nums)) or "[?]"

    st = report.get("story") or {}
    out = [f"# {_md(st.get('headline'))}", ""]
    meta = [st.get("id") or "", f"{st.get('size', len(report.get('sources') or []))} reports"]
    if st.get("first_seen"):
        meta.append(f"{st['first_seen']} – {st.get('last_seen') or ''}")
    if st.get("sources"):
        meta.append(", ".join(_md(s) for s in st["sources"]))
    out += [" · ".join(m for m in meta if m), ""]
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
        link = f"[{title}](<{safe_url(s['url'])}>)" if s.get("url") else title
        extra = " · ".join(_md(x) for x in (s.get("source"), s.get("published"), s.get("external_id")) if x)
        out.append(f"{k}. {link} — {extra}")
    return "\n".join(out) + "\n"


def summary_markdown(data: dict[str, Any]) -> str:
    """A summary page's JSON as Markdown (the `khabar summary --format md` output)."""
    from khabar.render.text import summary_text

    return summary_text(data, "md")


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
