"""Story pages: the story itself, its claims, timeline, summary and report.

Each builder loads the story's reports once and analyses them once
(analysis.story.analyse_story); the storyline is read only for what the story's
dates need (see `load_story`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from datetime import date, datetime

from khabar.analysis.story import StoryAnalysis, analyse_story, analysis_language
from khabar.errors import NotFound
from khabar.model import Article
from khabar.store.rows import StoryRow
from khabar.views.pages import ClaimsPage, ReportPage, StoryPage, SummaryPage, TimelinePage
from khabar.views.story_cache import STORIES, store_key, story_revision

STORYLINE_CONTEXT_LIMIT = 300  # reports read per story (own first, then dated storyline context)


@dataclass
class LoadedStory:
    """A story's row, its reports and their analysis: what every story page is built from."""

    story: StoryRow
    articles: list[Article]  # the story's own reports, in id order
    analysis: StoryAnalysis
    total: int = 0  # reports of the story (or storyline); more than len(articles) when cut
    key: Any = None  # its key in the story cache (None: not cached)


def _day(published: str | None) -> date | None:
    return datetime.fromisoformat(published).date() if published else None


def _mentions(store, articles: list[Article]) -> dict[str, list]:
    by_id = {a.id: a.external_id for a in articles}
    out: dict[str, list] = {}
    for m in store.mentions_of(list(by_id)):
        out.setdefault(by_id[m.article_id], []).append(m)
    return out


def _language(articles: list[Article]):
    codes = Counter(a.language for a in articles if a.language)
    return analysis_language(codes.most_common(1)[0][0] if codes else None)


def load_story(store, story_id: str) -> LoadedStory:
    """Load and analyse one story.

    Only its own reports are analysed. The rest of its storyline is read for two things:
    its earliest publication date (events well before it are background) and, when one of
    the story's reports is undated, its dated reports, whose dates give the missing years.
    """
    story = store.story(story_id)
    line = store.list_stories(storyline=story.storyline_id, limit=1000) if story.storyline_id else []
    where = store_key(store)
    key = None if where is None else (where, "story", story.id, story_revision(story, line))
    return STORIES.get(key, lambda: _analyse(store, story, line, key))


def _analyse(store, story: StoryRow, line: list[StoryRow], key: Any = None) -> LoadedStory:
    own_ids = story.article_ids[:STORYLINE_CONTEXT_LIMIT]
    articles = store.load_articles(own_ids)
    context_ids: list[int] = []
    first = None
    if story.storyline_id:
        days = [d for s in line for a in s.articles if (d := _day(a.published))]
        first = min(days, default=None)
        if any(a.published is None for a in articles):
            room = STORYLINE_CONTEXT_LIMIT - len(own_ids)
            context_ids = [a.id for s in line if s.id != story.id for a in s.articles if a.published][:max(room, 0)]
    context = store.load_articles(context_ids) if context_ids else []
    analysis = analyse_story(articles, context, _mentions(store, articles), _language(articles),
                             store.article_facts(own_ids + context_ids), first)
    return LoadedStory(story, articles, analysis, len(story.article_ids), key)


def load_storyline(store, storyline_id: str) -> LoadedStory:
    """A storyline analysed as one story (its first STORYLINE_CONTEXT_LIMIT reports)."""
    line = store.list_stories(storyline=storyline_id, limit=1000)
    if not line:
        raise NotFound(f"no storyline with id '{storyline_id}' (see `khabar stories`)")
    every = [i for s in line for i in s.article_ids]
    ids = every[:STORYLINE_CONTEXT_LIMIT]
    articles = store.load_articles(ids)
    analysis = analyse_story(articles, (), _mentions(store, articles), _language(articles), store.article_facts(ids))
    story = StoryRow(id=storyline_id, headline="", storyline_id=storyline_id, first_seen=None,
                     last_seen=None, size=len(every))
    return LoadedStory(story, articles, analysis, len(every))


# ---- builders -------------------------------------------------------------------


def build_claims(store, story_id: str) -> ClaimsPage:
    """Claims of one story grouped into agreements and conflicts. An agreement is a value
    two or more reports give: one report repeating itself agrees with nobody."""
    s = load_story(store, story_id)
    agreed = [a for a in s.analysis.agreements if a.reports >= 2]
    return ClaimsPage(s.story.id, s.analysis.claims, agreed, s.analysis.conflicts)


def build_timeline(store, story_id: str) -> TimelinePage:
    """Dated events of a story, or of a whole storyline for an "l-" id."""
    s = load_storyline(store, story_id) if story_id.startswith("l-") else load_story(store, story_id)
    return TimelinePage(s.story.id, s.analysis.timeline, s.analysis.publication,
                        reports_read=len(s.articles), reports_total=max(s.total, len(s.articles)))


def _summary(s: LoadedStory, n_sentences: int, settings=None):
    from khabar.summary import summarize
    from khabar.summary.units import story_reading

    a = s.analysis
    return summarize(s.articles, n_sentences=n_sentences, claims=a.claims, conflicts=a.conflicts,
                     events=a.timeline, mentions=a.mentions, reading=story_reading(s.articles, settings))


def _abstractive(s: LoadedStory, settings, n_sentences: int):
    from khabar.summary.abstractive import abstractive_summary

    return abstractive_summary(s.articles, settings.summary, n_sentences)


def build_summary(store, story_id: str, settings, n_sentences: int | None = None,
                  abstractive: bool = False) -> SummaryPage:
    """The cited extractive summary of a story (and the checked abstractive one when asked)."""
    n = n_sentences or settings.summary.sentences
    s = load_story(store, story_id)
    return SummaryPage(s.story.id, _summary(s, n, settings), _abstractive(s, settings, n) if abstractive else None)


def _report(store, s: LoadedStory, settings, n_sentences: int, abstractive: bool) -> ReportPage:
    # the summary and the report's sections are cached with the analysis they come from;
    # the entities are read fresh (a later batch can rename one without touching the story);
    # an abstractive summary asks a model each time, so it is never cached
    key = None if s.key is None or abstractive else (s.key, "report", n_sentences)
    report = dict(STORIES.get(key, lambda: _report_sections(s, settings, n_sentences, abstractive)))
    from khabar.views.entities import story_entities

    report["entities"] = [
        {"key": e.key, "type": e.type, "display": e.display, "latin": e.latin, "aliases": e.aliases,
         "mentions": e.mentions} for e in story_entities(store, s.story, limit=60).entities]
    return ReportPage.from_dict(report)


def _report_sections(s: LoadedStory, settings, n_sentences: int, abstractive: bool) -> dict:
    from khabar.analysis.coverage import coverage
    from khabar.render.report import build_report

    summary = _summary(s, n_sentences, settings)
    st = s.story
    header = {"id": st.id, "headline": st.headline, "storyline_id": st.storyline_id,
              "first_seen": st.first_seen, "last_seen": st.last_seen, "sources": st.sources,
              "languages": st.languages, "size": st.size}
    a = s.analysis
    report = build_report(s.articles, summary, story=header, events=a.timeline, claims=a.claims,
                          conflicts=a.conflicts, coverage=coverage(s.articles, summary),
                          abstractive=_abstractive(s, settings, n_sentences) if abstractive else None)
    return report


def build_report(store, story_id: str, settings, n_sentences: int | None = None,
                 abstractive: bool = False) -> ReportPage:
    """The standalone report of one story (sections in khabar.render.report)."""
    s = load_story(store, story_id)
    return _report(store, s, settings, n_sentences or settings.summary.sentences, abstractive)


def build_story(store, story_id: str, settings=None, report: bool = True) -> StoryPage:
    """One story: row and history, and (unless report=False) its report, analysed once."""
    if not report:
        story = store.story(story_id)
        return StoryPage(story, store.story_history(story.id))
    s = load_story(store, story_id)
    n = settings.summary.sentences if settings is not None else 6
    return StoryPage(s.story, store.story_history(s.story.id),
                     _report(store, s, settings, n, False))
