"""The pipeline: builds the steps from Settings and runs reports through them.

    read (ingest/) -> clean + segment + language (steps/clean) -> dedup (steps/dedup)
    -> entities (steps/extract/entities, steps/canon) -> stories (steps/cluster)
    -> store

Per-report work (`prepare`) is pure and independent, so an executor may run it
anywhere; dedup, entity resolution and clustering are order-dependent and run
here, in one place, in a deterministic order (publication date, then external id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit
from typing import Iterable, Iterator

from khabar.config import Settings, load_settings
from khabar.errors import StepFailed, StoreError
from khabar.model import Article, Rejected
from khabar.store.sqlite import index_key, raw_hash

BATCH = 256
CONTEXT_LIMIT = 300  # reports of a storyline read to resolve its undated reports


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    already_stored: int = 0
    stories_new: int = 0
    stories_updated: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "read": self.read, "stored": self.stored, "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates, "already_stored": self.already_stored,
            "stories_new": self.stories_new, "stories_updated": self.stories_updated,
            "rejected": [r.__dict__ for r in self.rejected],
        }

    def summary(self) -> str:
        lines = [
            f"read {self.read}, stored {self.stored}, duplicates {self.exact_duplicates + self.near_duplicates}"
            f" ({self.exact_duplicates} exact, {self.near_duplicates} near), already stored {self.already_stored},"
            f" rejected {len(self.rejected)}",
            f"stories: {self.stories_new} new, {self.stories_updated} updated",
        ]
        for r in self.rejected:
            # a rejection's message is the coded error, naming its input and line
            lines.append(f"  rejected: {r.message}")
        return "\n".join(lines)


def prepare(article: Article, settings: Settings) -> Article:
    """The per-report, order-independent work: clean, segment, identify language, hash,
    find entity mentions. Pure, so an executor may run it in any process."""
    from khabar.steps.clean import clean_article
    from khabar.dedup.index import content_hash
    from khabar.steps.extract.dates import extract_times
    from khabar.steps.extract.entities import credit_mentions, extract_mentions

    from khabar import lang

    page = article.language if article.language in lang.SUPPORTED else settings.language.default
    article = clean_article(article, settings.clean, lang=page)
    language = lang.for_report(article, settings)  # loaded once per process, not per report
    if article.published is not None and article.published.tzinfo is not None:
        # one convention for every stored date: the wall-clock time the report gives
        article.published = article.published.replace(tzinfo=None)
    if not article.source and article.metadata.get("source_url"):
        # a scraped page that credits its source ("स्रोत: <url>") names its outlet
        article.source = urlsplit(article.metadata["source_url"]).hostname
    article.content_hash = content_hash(dedup_text(article))
    article.metadata["mentions"] = (extract_mentions(article, tagger=settings.entities.tagger, lang=language)
                                    + credit_mentions(article, language))
    if settings.cluster.date_weight or settings.cluster.date_penalty:
        article.metadata["times"] = extract_times(article)
    return article


def prepare_or_reject(article: Article, settings: Settings) -> Article | Rejected:
    """`prepare`, with a failure on this one report turned into a coded rejection:
    one odd report must not stop a batch of thousands."""
    try:
        return prepare(article, settings)
    except Exception as exc:  # noqa: BLE001 - any step bug; reported, not hidden
        err = StepFailed(f"report '{article.external_id}' could not be processed: "
                         f"{type(exc).__name__}: {exc}", input_name=article.input_name)
        return Rejected(article.input_name, err.code, str(err))


def dedup_text(article: Article) -> str:
    return article.title + "\n" + article.clean_text


def _order(article: Article) -> tuple:
    """Deterministic placement order (as the clusterer's batch order): undated first,
    then by date, then by external id."""
    from khabar.stories import natural_key

    day = article.published.date() if article.published else None
    return (day is not None, day or date.min, natural_key(article.external_id))


class Pipeline:
    """Stateful, order-dependent steps, rebuilt from what the store already holds."""

    def __init__(self, store, settings: Settings):
        from khabar.entities.canon import EntityResolver
        from khabar.stories import StoryClusterer
        from khabar.dedup.index import DuplicateIndex

        self.store = store
        self.settings = settings
        rows = store.legacy_index_rows()
        self.ids = {key: aid for aid, key, _, _ in rows}
        self.dedup = DuplicateIndex(settings.dedup)
        if rows:
            if store.get_state("dedup_scheme") not in (None, self.dedup.scheme):
                raise StoreError("stored MinHash signatures were made with other dedup settings "
                                 f"({store.get_state('dedup_scheme')}); keep the settings or use a new store",
                                 input_name=store.path)
            self.dedup = DuplicateIndex.from_signatures(
                [key for _, key, _, _ in rows], [sig for _, _, sig, _ in rows],
                [h for _, _, _, h in rows], settings.dedup)
        self.resolver = EntityResolver.from_entities(store.load_entities())
        state = store.get_state("clusterer")
        self.clusterer = (StoryClusterer.from_state(state, settings.cluster) if state
                          else StoryClusterer(settings.cluster))
        self.touched: set[str] = set()  # stories changed in this run
        self.storylines: dict[str, str] = store.storyline_map()

    def run(self, articles: list[Article], report: IngestReport) -> None:
        """Store a batch of prepared reports and place them in stories, in one transaction."""
        from khabar.steps.extract.entities import CREDIT_SENTENCE

        fresh, seen = [], set()
        for article in sorted(articles, key=_order):
            key = index_key(article.external_id, raw_hash(article.raw_text))
            if key in self.ids or key in seen:
                report.already_stored += 1
                continue
            seen.add(key)
            fresh.append((key, article))
        if not fresh:
            return
        touched = set()
        links = self.dedup.add_many([(key, dedup_text(a)) for key, a in fresh])
        with self.store.write() as con:
            for (key, article), link in zip(fresh, links):
                mentions = article.metadata.pop("mentions", [])
                times = article.metadata.pop("times", [])
                original = self.ids.get(link.original) if link else None
                aid = self.store.add_article(
                    con, article, original, link.kind if link else None,
                    link.similarity if link else None,
                    # a report whose cleaning left no words is not indexed, and has no signature
                    self.dedup.record_of(key).signature if key in self.dedup else None)
                self.ids[key] = aid
                report.stored += 1
                if link is not None:
                    if link.kind == "exact":
                        report.exact_duplicates += 1
                    else:
                        report.near_duplicates += 1
                if mentions:
                    self.store.save_entities(con, self.resolver.resolve(mentions))
                    self.store.save_mentions(con, aid, mentions)
                if link is not None and link.original in self.clusterer.story_of:
                    story_id = self.clusterer.assign_copy(key, link.original)
                else:
                    # an agency credit says who distributed a report, not what it is
                    # about: it must not pull unrelated wire reports together
                    entity_keys = ([m.entity_key for m in mentions
                                    if m.entity_key and m.sentence != CREDIT_SENTENCE]
                                   if self.settings.cluster.entity_weight else [])
                    feats = features(article, key, entity_keys, times)
                    if self.settings.cluster.semantic:
                        # title + lead embeddings let a Hindi and an English report meet
                        from khabar.stories.semantic import add_embeddings

                        add_embeddings([feats])
                    story_id = self.clusterer.assign(feats)
                touched.add(story_id)
                self.store.set_story(con, aid, story_id)
            for event in self.clusterer.drain_events():
                self._record(con, event, report, touched)
            live = {self.clusterer.resolve(sid) for sid in touched}
            self.store.refresh_stories(con, live, {sid: self._headline(con, sid) for sid in live},
                                       self.storylines)
        self.touched |= live

    def _record(self, con, event: dict, report: IngestReport, touched: set) -> None:
        kind = event.get("type")
        story = event.get("story")
        if kind == "new":
            report.stories_new += 1
        elif kind == "merge":
            self.store.mark_merged(con, story, event["merged_into"])
            touched.add(event["merged_into"])
        elif kind == "split":
            # later evidence parted the story: its moved members get the new id
            for key in event["members"]:
                if key in self.ids:
                    self.store.set_story(con, self.ids[key], event["new"])
            touched.update((story, event["new"]))
            self.store.add_story_event(con, event["new"], "split_from", event)
        if story:
            self.store.add_story_event(con, story, kind or "event", event)

    def _infer_dates(self, con, stories: set[str], storylines: dict[str, str]) -> None:
        """Give undated reports the publication date their story implies, marked inferred.

        Dates without a year ("9 नवंबर") are resolved against the whole storyline, so
        a report of November's ratification that says "इस साल जून में" takes its
        year from the dated June report of the same storyline.
        """
        from khabar.analysis.story import publication_dates

        for sid in sorted(stories):
            if not con.execute("SELECT 1 FROM articles WHERE story_id=? AND published IS NULL LIMIT 1",
                               (sid,)).fetchone():
                continue
            line = storylines.get(sid)
            siblings = [s for s, l in storylines.items() if line and l == line] or [sid]
            marks = ",".join("?" * len(siblings))
            ids = [r[0] for r in con.execute(
                f"SELECT id FROM articles WHERE story_id IN ({marks}) ORDER BY id LIMIT ?",
                (*siblings, CONTEXT_LIMIT))]
            articles = self.store.load_articles(ids)
            publication = publication_dates(articles)
            for a in articles:
                when, how = publication.get(a.external_id, (None, "none"))
                if a.published is None and when is not None and how not in ("none", "metadata"):
                    con.execute("UPDATE articles SET published=?, published_inferred=1,"
                                " metadata=json_set(metadata, '$.published_how', ?) WHERE id=?",
                                (when.replace(tzinfo=None).isoformat(), how, a.id))

    def finish(self) -> None:
        """Once per run: link storylines (they span the whole corpus, so relinking per
        batch would cost the square of the stories), date undated reports from their
        storyline, refresh the stories touched, and persist the clusterer."""
        if not self.touched:
            return
        with self.store.write() as con:
            self.storylines = link_storylines(self.clusterer)
            live = {self.clusterer.resolve(sid) for sid in self.touched}
            self._infer_dates(con, live, self.storylines)
            self.store.refresh_stories(con, live, {sid: self._headline(con, sid) for sid in live},
                                       self.storylines)
            self.store.set_storylines(con, self.storylines)
            self.store.set_state(con, "clusterer", self.clusterer.state())
            self.store.set_state(con, "dedup_scheme", self.dedup.scheme)
        self.touched = set()

    def _headline(self, con, story_id: str) -> str:
        """The title of the story's earliest report that has one; scraped text often
        has none, and then the headline is chosen from the reports' leads."""
        from khabar.summary.summarize import choose_headline

        row = con.execute(
            "SELECT title FROM articles WHERE story_id=? AND title != ''"
            " ORDER BY COALESCE(published,''), id LIMIT 1", (story_id,)).fetchone()
        if row:
            return row[0]
        ids = [r[0] for r in con.execute(
            "SELECT id FROM articles WHERE story_id=? ORDER BY id LIMIT 20", (story_id,))]
        return choose_headline(self.store.load_articles(ids))


def features(article: Article, key: str, entity_keys: list[str], times: list):
    """Clustering features of a prepared report under its index key, with the event
    days its time expressions state (found in `prepare`)."""
    from khabar.stories.features import build_features, event_times

    return build_features(
        key, article.title, article.clean_text or article.raw_text, published=article.published,
        place=article.dateline, entities=entity_keys, language=article.language,
        times=event_times(times), relative_times=event_times(times, relative=True),
        **page_position(article.metadata))


def page_position(metadata: dict) -> dict:
    """`page` and `section` of a report cut from a scraped page, when the input says so
    in a usable form: a page name and a whole-number section (else neither)."""
    page, section = metadata.get("page"), metadata.get("section")
    if isinstance(section, str) and section.strip().isdigit():
        section = int(section)
    if not page or isinstance(section, bool) or not isinstance(section, int):
        return {"page": None, "section": None}
    return {"page": str(page), "section": section}


def link_storylines(clusterer) -> dict[str, str]:
    from khabar.stories import link_storylines as link

    return link(clusterer.live_stories(), clusterer.settings)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_paths(store, inputs: list[str], settings: Settings | None = None, progress: bool = False) -> IngestReport:
    """Read every input, prepare reports in batches (in parallel where it pays), and
    store each batch through the Pipeline."""
    from khabar.executors.local import LocalExecutor
    from khabar.ingest import read_inputs

    settings = settings or load_settings()
    report = IngestReport()
    pipeline = Pipeline(store, settings)
    items = read_inputs(inputs, settings.ingest)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, unit=" reports", desc="ingest", leave=False)
    with LocalExecutor(settings) as executor:
        for batch in _batches(items, BATCH):
            articles = []
            for item in batch:
                if isinstance(item, Rejected):
                    report.rejected.append(item)
                else:
                    articles.append(item)
            report.read += len(articles)
            prepared = []
            for item in executor.map_prepare(articles) if articles else []:
                (report.rejected if isinstance(item, Rejected) else prepared).append(item)
            if prepared:
                pipeline.run(prepared, report)
    pipeline.finish()
    if report.rejected:
        with store.write() as con:
            for r in report.rejected:
                store.add_rejection(con, r)
    return report
