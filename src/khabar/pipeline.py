"""The pipeline: reports flow one way, from the readers to one store write per batch.

    read (ingest/)  ->  skip what is stored (index keys loaded at start)
    -> prepare (pure, per report, in the executor: clean, segment, language, text
       hash and MinHash signature, entity mentions, time expressions)
    -> Decider.decide (in memory, in a deterministic order: duplicates, entity
       resolution, story placement, headlines) -> records.BatchResult
    -> store.apply(result): one transaction, with the decision state it reflects

While the main process decides batch N, the workers prepare batch N+1. Nothing
here reads the store after the start of a run or writes it other than through
`apply`, so a run killed at any moment leaves the store at the end of a whole
batch, and the next run goes on from there as if nothing had happened.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Iterable, Iterator
from urllib.parse import urlsplit

from khabar.config import Settings, load_settings
from khabar.errors import StepFailed, StoreError
from khabar.model import Article, DuplicateLink, Rejected
from khabar.store.state_codec import DecodedOnRead
from khabar.records import (BatchResult, InferredDate, PreparedReport, ReportJoined, StoryCreated,
                            StoryEvent, StoryMerged, StorySplit, StoryUpdate, index_key, raw_hash)

if TYPE_CHECKING:
    from khabar.stories.storyline import Links

BATCH = 256  # default of settings.ingest.batch_size
HEADLINE_LEADS = 20  # untitled reports of a story a headline is chosen from

# decision state kept in the store beside the batches (BatchResult.state)
CLUSTERER = "clusterer"  # the whole clusterer in one item, as stores before per-batch items kept it
CLUSTERER_ITEMS = "clusterer/"  # its items, each batch writing those it changed (stories.snapshot)
DEDUP_SCHEME = "dedup_scheme"
STORY = "pipeline/story/"  # + story id: headline candidates and dating evidence
REJECTED = "pipeline/rejected/"  # + index key: a report no step could take
STORYLINES = "pipeline/storylines"  # story id -> storyline id, as last linked
STALE = "pipeline/storylines_stale"  # batches stored since storylines were linked
LINKS = "pipeline/storyline_links"  # what the last linking scored (stories.storyline.Links)


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


# ---- per report, in the executor ----------------------------------------------


def report_key(article: Article) -> str:
    """The index key of a report as read: known before any work is done on it."""
    return index_key(article.external_id, raw_hash(article.raw_text))


def prepare(article: Article, settings: Settings) -> PreparedReport:
    """The per-report, order-independent work: clean, segment, identify language, hash
    and sign the text, find entity mentions and time expressions. Pure, so an
    executor may run it in any process."""
    from khabar import lang
    from khabar.dedup.index import content_hash
    from khabar.steps.clean import clean_article
    from khabar.steps.extract.dates import extract_times
    from khabar.steps.extract.entities import credit_mentions, extract_mentions
    from khabar.analysis.facts import report_facts
    from khabar.analysis.story import analysis_language
    from khabar.stories.dating import own_publication, time_facts

    key = report_key(article)
    page = article.language if article.language in lang.SUPPORTED else settings.language.default
    article = clean_article(article, settings.clean, lang=page)
    language = lang.for_report(article, settings)  # loaded once per process, not per report
    if article.published is not None and article.published.tzinfo is not None:
        # one convention for every stored date: the wall-clock time the report gives
        article.published = article.published.replace(tzinfo=None)
    if not article.source and article.metadata.get("source_url"):
        # a scraped page that credits its source ("स्रोत: <url>") names its outlet
        article.source = urlsplit(article.metadata["source_url"]).hostname
    text = dedup_text(article)
    article.content_hash = content_hash(text)
    mentions = (extract_mentions(article, tagger=settings.entities.tagger, lang=language)
                + credit_mentions(article, language))
    times = extract_times(article, lang=language)
    facts: dict[str, Any] = {"times": time_facts(article, times, language)}
    if article.published is None:
        facts["own_publication"] = own_publication(article, language)
    # times, counts and claims as a story page reads them, so no request extracts them again
    facts["report"] = report_facts(article, analysis_language(article.language), mentions, times)
    return PreparedReport(key=key, article=article, signature=_signature(text, settings), story_id="",
                          mentions=mentions, facts=facts)


def prepare_or_reject(article: Article, settings: Settings) -> PreparedReport | Rejected:
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


_HASHERS: dict[str, Any] = {}


def _signature(text: str, settings: Settings) -> bytes:
    """The MinHash signature of a report's text (what the dedup index compares)."""
    from khabar.dedup.index import DuplicateIndex, signature_to_bytes

    name = repr(asdict(settings.dedup))
    index = _HASHERS.get(name)
    if index is None:
        index = _HASHERS[name] = DuplicateIndex(settings.dedup)
    return signature_to_bytes(index.signature(text))


# ---- in memory, in order --------------------------------------------------------


def _order(report: PreparedReport) -> tuple:
    """Deterministic placement order (as the clusterer's batch order): undated first,
    then by date, then by external id."""
    from khabar.stories import natural_key

    a = report.article
    day = a.published.date() if a.published else None
    return (day is not None, day or date.min, natural_key(a.external_id))


@dataclass
class StoryFile:
    """What the pipeline keeps of one story besides the clusterer: headline
    candidates (titled reports as [published or "", placement number, title, key]),
    the headline last chosen, and dating evidence."""

    titled: list[list] = field(default_factory=list)
    headline: str = ""
    evidence: list = field(default_factory=list)  # stories.dating.StoryEvidence reports

    def to_json(self) -> dict:
        return {"titled": self.titled, "headline": self.headline, "evidence": self.evidence}

    @classmethod
    def from_json(cls, d: dict | None) -> "StoryFile":
        d = d or {}
        return cls([list(x) for x in d.get("titled", [])], d.get("headline", ""),
                   [list(x) for x in d.get("evidence", [])])


class StoryFiles(DecodedOnRead):
    """Story files by story id, decoded into StoryFile when first read: a run reads
    those of the stories it touches (46k files at 100k reports, most never read)."""

    __slots__ = ()

    @staticmethod
    def _is_ready(value: Any) -> bool:
        return isinstance(value, StoryFile)

    @staticmethod
    def _make(decoded: Any) -> StoryFile:
        return StoryFile.from_json(decoded)


@dataclass
class StartState:
    """What a run starts from, read from the store once: first what cutting the input
    into batches needs (`begin`: which reports are stored or were rejected), then the
    rest (`read_rest`), which the run reads while the workers prepare its first batch."""

    index_rows: list[tuple[str, bytes, str]]  # (index key, signature, content hash), stored order
    pipeline: dict[str, Any]  # the state names under "pipeline/"
    entities: list = field(default_factory=list)
    clusterer: dict | None = None  # the older whole-clusterer item, when no per-batch items exist
    dedup_scheme: str | None = None
    clusterer_items: dict[str, Any] = field(default_factory=dict)  # the names under "clusterer/"

    @classmethod
    def load(cls, store) -> "StartState":
        return cls.begin(store).read_rest(store)

    @classmethod
    def begin(cls, store) -> "StartState":
        return cls(store.index_rows(), store.state_items("pipeline/", undecoded=STORY))

    def read_rest(self, store) -> "StartState":
        from khabar.stories.snapshot import KEPT

        self.clusterer_items = store.state_items(CLUSTERER_ITEMS, undecoded=KEPT)
        self.clusterer = None if self.clusterer_items else store.get_state(CLUSTERER)
        self.entities = store.load_entities()
        self.dedup_scheme = store.get_state(DEDUP_SCHEME)
        return self

    def known(self) -> set[str]:
        """Index keys of the reports stored, and of the ones rejected, before this run."""
        keys = {r[0] for r in self.index_rows}
        return keys | {name[len(REJECTED):] for name in self.pipeline if name.startswith(REJECTED)}


class Decider:
    """The order-dependent decisions of a run, in memory: duplicates, entities,
    stories, headlines, storylines and inferred dates. `decide` and `finish` return
    what to store; they never read or write the store."""

    def __init__(self, settings: Settings, start: StartState, store_name: str = ""):
        from khabar.dedup.index import DuplicateIndex
        from khabar.entities.canon import EntityResolver
        from khabar.stories import StoryClusterer

        self.settings = settings
        self.dedup = DuplicateIndex(settings.dedup)
        if start.index_rows:
            if start.dedup_scheme not in (None, self.dedup.scheme):
                raise StoreError("stored MinHash signatures were made with other dedup settings "
                                 f"({start.dedup_scheme}); keep the settings or use a new store",
                                 input_name=store_name)
            keys, sigs, hashes = zip(*start.index_rows)
            self.dedup = DuplicateIndex.from_signatures(list(keys), list(sigs), list(hashes), settings.dedup)
        self.known: set[str] = start.known()
        self.seq = len(start.index_rows)  # placement number = store order
        self.resolver = EntityResolver.from_entities(start.entities)
        if start.clusterer_items:
            self.clusterer = StoryClusterer.from_state_items(start.clusterer_items, settings.cluster)
        elif start.clusterer:  # an older store: its first batch writes every item, and drops the whole
            self.clusterer = StoryClusterer.from_state(start.clusterer, settings.cluster)
        else:
            self.clusterer = StoryClusterer(settings.cluster)
        self.whole_clusterer_stored = bool(start.clusterer)
        self.files = StoryFiles({name[len(STORY):]: v for name, v in start.pipeline.items()
                                 if name.startswith(STORY)})
        self.storylines: dict[str, str] = dict(start.pipeline.get(STORYLINES) or {})
        self.stale = bool(start.pipeline.get(STALE))
        # the last linking's scored pairs hold only if no batch was stored after it (a
        # run cut short leaves no record of what its batches changed)
        from khabar.stories.storyline import Links

        self.links = None if self.stale or start.clusterer else Links.from_json(start.pipeline.get(LINKS))
        self.changed_since_link: set[str] = set()
        self.touched: set[str] = set()  # live stories changed in this run
        # this run's reports that need their text later: untitled ones (headlines)
        # and undated ones (dating), by story
        self.leads: dict[str, list[tuple[int, Article]]] = {}
        self.undated: dict[str, Any] = {}  # key -> stories.dating.Undated

    # -- one batch ----------------------------------------------------------

    def decide(self, prepared: list[PreparedReport], report: IngestReport) -> BatchResult:
        """Everything one batch of prepared reports changes, in memory."""
        result = BatchResult()
        fresh = []
        for p in sorted(prepared, key=_order):
            if p.key in self.known:
                report.already_stored += 1
                continue
            self.known.add(p.key)
            fresh.append(p)
        links = self._links(fresh)
        touched: set[str] = set()
        entities: dict[str, Any] = {}
        for p in fresh:
            try:
                self._place(p, links.get(p.key), entities)
            except Exception as exc:  # noqa: BLE001 - one report, not the batch
                err = StepFailed(f"report '{p.article.external_id}' could not be placed: "
                                 f"{type(exc).__name__}: {exc}", input_name=p.article.input_name)
                result.rejected.append(Rejected(p.article.input_name, err.code, str(err)))
                result.state[REJECTED + p.key] = err.code
                continue
            self.seq += 1
            result.reports.append(p)
            touched.add(p.story_id)
            report.stored += 1
            if p.duplicate is not None:
                if p.duplicate.kind == "exact":
                    report.exact_duplicates += 1
                else:
                    report.near_duplicates += 1
        self.resolver.settle(list(entities.values()))
        result.entities = list(entities.values())
        result.events = self._events(self.clusterer.drain_events(), report, touched, result)
        live = {self.clusterer.resolve(s) for s in touched}
        for p in result.reports:  # a later merge or split in the batch may have moved it
            p.story_id = self.clusterer.resolve(self.clusterer.story_of[p.key])
        result.stories = [StoryUpdate(sid, self._headline(sid), self.storylines.get(sid)) for sid in sorted(live)]
        self.touched |= live
        if result.reports or result.events:
            self._commit_state(result, live)
        return result

    def _links(self, fresh: list[PreparedReport]) -> dict[str, DuplicateLink]:
        """Duplicate links of the batch's reports (to earlier or same-batch reports)."""
        from khabar.dedup.index import signature_from_bytes

        import numpy as np

        if not fresh:
            return {}
        keys = [p.key for p in fresh]
        sigs = np.stack([signature_from_bytes(p.signature) for p in fresh])
        found = self.dedup.add_signatures(keys, sigs, [p.article.content_hash for p in fresh])
        return {k: link for k, link in zip(keys, found) if link is not None}

    def _place(self, p: PreparedReport, link: DuplicateLink | None, entities: dict) -> None:
        """Resolve the report's entities and place it in a story."""
        from khabar.steps.extract.entities import CREDIT_SENTENCE

        p.duplicate = link
        if p.mentions:
            for e in self.resolver.resolve(p.mentions, p.article.clean_text):
                entities[e.key] = e
        if link is not None and link.original in self.clusterer.story_of:
            story_id = self.clusterer.assign_copy(p.key, link.original)
        else:
            # an agency credit says who distributed a report, not what it is
            # about: it must not pull unrelated wire reports together
            entity_keys = ([cluster_entity_key(m) for m in p.mentions if m.entity_key and m.sentence != CREDIT_SENTENCE]
                           if self.settings.cluster.entity_weight else [])
            cs = self.settings.cluster
            times = p.facts.get("times", []) if (cs.date_weight or cs.date_penalty) else []
            feats = features(p.article, p.key, entity_keys, times)
            if cs.semantic:
                # title + lead embeddings let a Hindi and an English report meet
                from khabar.stories.semantic import add_embeddings

                add_embeddings([feats])
            story_id = self.clusterer.assign(feats)
        p.story_id = story_id
        self._remember(p, story_id)

    def _remember(self, p: PreparedReport, story_id: str) -> None:
        """What the report adds to its story's file: a headline candidate, dating
        evidence, and (held for this run) its text when a later step needs it."""
        from khabar.stories.dating import StoryEvidence, Undated

        a = p.article
        f = self.files.setdefault(story_id, StoryFile())
        if a.title:
            f.titled.append([a.published.isoformat() if a.published else "", self.seq, a.title, p.key])
        else:
            self.leads.setdefault(story_id, []).append((self.seq, a))
        ev = StoryEvidence(f.evidence)
        ev.add(self.seq, p.key, a.published.date() if a.published else None, p.facts.get("times", []))
        f.evidence = ev.reports
        if a.published is None:
            self.undated[p.key] = Undated(self.seq, p.key, a, p.facts.get("times", []),
                                          p.facts.get("own_publication"))

    def _events(self, raw: list[dict], report: IngestReport, touched: set[str],
                result: BatchResult) -> list[StoryEvent]:
        """The clusterer's events as records' tagged union, with the story files
        following merges and splits."""
        out: list[StoryEvent] = []
        for e in raw:
            kind = e.get("type")
            if kind == "new":
                report.stories_new += 1
                out.append(StoryCreated(e["story"], e["key"], e.get("best_score")))
            elif kind in ("join", "continue", "copy"):
                out.append(ReportJoined(e["story"], e["key"], kind, e.get("score"), e.get("original")))
            elif kind == "merge":
                self._merge_files(e["merged_into"], e["story"], result)
                touched.add(e["merged_into"])
                out.append(StoryMerged(e["story"], e["merged_into"], e.get("by", ""), e.get("score")))
            elif kind == "split":
                self._split_files(e["story"], e["new"], set(e["members"]))
                touched.update((e["story"], e["new"]))
                out.append(StorySplit(e["story"], e["new"], tuple(e["members"]), e.get("by", ""),
                                      {"score": e.get("score")}))
        return out

    def _merge_files(self, keep: str, gone: str, result: BatchResult) -> None:
        from khabar.stories.dating import StoryEvidence

        a, b = self.files.setdefault(keep, StoryFile()), self.files.pop(gone, StoryFile())
        a.titled = sorted(a.titled + b.titled, key=lambda t: (t[0], t[1]))
        ev = StoryEvidence(a.evidence)
        ev.absorb(StoryEvidence(b.evidence))
        a.evidence = ev.reports
        self.leads.setdefault(keep, []).extend(self.leads.pop(gone, []))
        self.leads[keep].sort(key=lambda x: x[0])
        result.state_deleted.append(STORY + gone)

    def _split_files(self, sid: str, new: str, moved: set[str]) -> None:
        from khabar.stories.dating import StoryEvidence

        a = self.files.setdefault(sid, StoryFile())
        b = self.files[new] = StoryFile()
        b.titled = [t for t in a.titled if t[3] in moved]
        a.titled = [t for t in a.titled if t[3] not in moved]
        ev = StoryEvidence(a.evidence)
        b.evidence = ev.split(moved).reports
        a.evidence = ev.reports
        leads = self.leads.get(sid, [])
        self.leads[new] = [(s, x) for s, x in leads if report_key(x) in moved]
        self.leads[sid] = [(s, x) for s, x in leads if report_key(x) not in moved]

    def _headline(self, story_id: str) -> str:
        """The title of the story's earliest report that has one (undated first, as
        they sort before any date); scraped text often has none, and then the
        headline is chosen from the leads of the story's reports."""
        from khabar.summary.headline import choose_headline
        from khabar.summary.units import story_reading

        f = self.files.setdefault(story_id, StoryFile())
        if f.titled:
            f.headline = min(f.titled, key=lambda t: (t[0], t[1]))[2]
        elif self.leads.get(story_id):
            leads = [a for _, a in sorted(self.leads[story_id], key=lambda x: x[0])][:HEADLINE_LEADS]
            f.headline = choose_headline(leads, story_reading(leads, self.settings))
        return f.headline

    def _commit_state(self, result: BatchResult, stories: set[str]) -> None:
        # only what this batch changed: a batch's write is proportional to the batch,
        # not to the stories stored before it
        self.changed_since_link |= self.clusterer.unsaved_stories()
        upserts, deletes = self.clusterer.changed_state()
        result.state.update(upserts)
        result.state_deleted.extend(deletes)
        if self.whole_clusterer_stored:
            result.state_deleted.append(CLUSTERER)
            self.whole_clusterer_stored = False
        result.state[DEDUP_SCHEME] = self.dedup.scheme
        for sid in stories:
            result.state[STORY + sid] = self.files[sid].to_json()
        result.state[STALE] = True
        self.stale = True

    # -- once per run -------------------------------------------------------

    def finish(self) -> BatchResult:
        """Link storylines (they span the whole corpus, so once per run), date this
        run's undated reports from their storyline, refresh the stories touched."""
        result = BatchResult()
        if not (self.touched or self.stale):
            return result
        self.changed_since_link |= self.clusterer.unsaved_stories()
        lines, self.links = link_storylines(self.clusterer, self.links, self.changed_since_link)
        self.changed_since_link = set()
        result.storylines = {sid: line for sid, line in lines.items() if self.storylines.get(sid) != line}
        self.storylines = lines
        changed = self._date_undated(result)
        stories = {self.clusterer.resolve(s) for s in self.touched} | changed | set(result.storylines)
        stories = {s for s in stories if s in self.files or s in self.clusterer.stories}
        result.stories = [StoryUpdate(sid, self._headline(sid), lines.get(sid)) for sid in sorted(stories)]
        for sid in stories:
            if sid in self.files:
                result.state[STORY + sid] = self.files[sid].to_json()
        result.state[STORYLINES] = lines
        result.state[LINKS] = self.links.to_json()
        result.state[STALE] = False
        self.touched, self.stale = set(), False
        return result

    def _date_undated(self, result: BatchResult) -> set[str]:
        """InferredDates for this run's undated reports; the stories they changed."""
        from khabar.stories.dating import StoryEvidence, infer_dates

        if not self.undated:
            return set()
        by_line: dict[str, list] = {}
        for u in self.undated.values():
            sid = self.clusterer.resolve(self.clusterer.story_of[u.key])
            by_line.setdefault(self.storylines.get(sid, sid), []).append(u)
        members: dict[str, list[str]] = {}
        for sid, line in self.storylines.items():
            members.setdefault(line, []).append(sid)
        changed = set()
        for line in sorted(by_line):
            sids = members.get(line, [line])
            evidence = [StoryEvidence(self.files[s].evidence) for s in sids if s in self.files]
            for key, (when, how, times) in sorted(infer_dates(evidence, by_line[line]).items()):
                result.dates.append(InferredDate(key, when.replace(tzinfo=None), how))
                sid = self.clusterer.resolve(self.clusterer.story_of[key])
                f = self.files[sid]
                for t in f.titled:
                    if t[3] == key:
                        t[0] = when.replace(tzinfo=None).isoformat()
                ev = StoryEvidence(f.evidence)
                ev.date(key, when.date(), times)
                changed.add(sid)
        self.undated = {}
        return changed


def cluster_entity_key(m) -> str:
    """The key a mention gives the story features. A person counts by surname: entity
    resolution keeps a lone "Lohan" of one report apart from "Lindsay Lohan" of another
    (a shared surname never makes two people one), but for telling whether two reports
    tell one story the surname is evidence, weighed like any entity key (IDF)."""
    if m.entity_key.startswith("PER:"):
        from khabar.entities.canon import surname_key

        sk = surname_key(m.text)
        if sk:
            return "PER:~" + sk
    return m.entity_key


def features(article: Article, key: str, entity_keys: list[str], times: list):
    """Clustering features of a prepared report under its index key, with the event
    days its time expressions state (found in `prepare`)."""
    from khabar.stories.dating import to_time_exprs
    from khabar.stories.features import build_features, event_times

    times = to_time_exprs(times) if times and isinstance(times[0], dict) else times
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


def link_storylines(clusterer, previous: Links | None = None, changed: set[str] | None = None):
    """(story id -> storyline id, what was scored), scoring again only the pairs of
    the `changed` stories when `previous` is the last linking."""
    from khabar.stories.storyline import link

    return link(clusterer.live_stories(), clusterer.settings, previous, changed)


# ---- the run ----------------------------------------------------------------------


def _batches(items: Iterable, size: int, skip: set[str], report: IngestReport) -> Iterator[tuple[list, list]]:
    """(articles, rejected) batches of `size` reports not stored yet. Stored reports
    (and repeats within the input) are skipped before any work on them, and neither
    they nor unreadable items count towards a batch, so a run resumed after a kill
    cuts the rest of the input into the batches the first run would have made."""
    seen = set(skip)
    batch: list[Article] = []
    bad: list[Rejected] = []
    for item in items:
        if isinstance(item, Rejected):
            bad.append(item)
            continue
        report.read += 1
        key = report_key(item)
        if key in seen:
            report.already_stored += 1
            continue
        seen.add(key)
        batch.append(item)
        if len(batch) >= size:
            yield batch, bad
            batch, bad = [], []
    if batch or bad:
        yield batch, bad


def ingest_paths(store, inputs: list[str], settings: Settings | None = None,
                 progress: bool | str = False) -> IngestReport:
    """Read every input, prepare reports in batches (in parallel where it pays), decide
    each batch in memory and store it in one transaction.

    `progress` is "bar" (True), "lines" (for a log) or "none" (False): see ingest.progress."""
    from khabar.executors.local import LocalExecutor
    from khabar.ingest import read_inputs

    settings = settings or load_settings()
    report = IngestReport()
    with store.ingest_lock():
        start = StartState.begin(store)
        items = read_inputs(inputs, settings.ingest)
        if progress:
            from khabar.ingest.progress import with_progress

            items = with_progress(items, list(inputs), "bar" if progress is True else progress)
        work = functools.partial(prepare_or_reject, settings=settings)
        size = max(1, settings.ingest.batch_size or BATCH)
        with LocalExecutor(settings.workers) as executor:
            batches = _batches(items, size, start.known(), report)
            first = next(batches, None)
            # the workers prepare the first batch while the rest of the state is read and
            # the Decider built (at 20k stored reports, two seconds the workers once waited)
            pending = (first[0], executor.submit(work, first[0]), first[1]) if first else None
            with _loaded_decider(store, settings, start) as decider:
                for articles, bad in batches:
                    submitted = articles, executor.submit(work, articles), bad
                    if pending is not None:
                        _store_batch(store, decider, *pending, report)
                    pending = submitted
                if pending is not None:
                    _store_batch(store, decider, *pending, report)
                final = decider.finish()
                if final:
                    store.apply(final)
    return report


@contextlib.contextmanager
def _loaded_decider(store, settings: Settings, start: StartState) -> Iterator[Decider]:
    """The run's Decider, built from everything stored with the cyclic garbage
    collector paused: the start state is hundreds of thousands of small dicts and
    lists (at 100k reports), none of them garbage, and each collection the allocations
    set off would walk all that were made so far (about a fifth of the load's time).

    Once built, it is left out of collections (gc.freeze) for the run, so the
    collections the run's batches set off do not walk it again each time. The objects
    go back to the collector when the run ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        decider = Decider(settings, start.read_rest(store), getattr(store, "url", getattr(store, "path", "")))
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    try:
        yield decider
    finally:
        gc.unfreeze()


def _store_batch(store, decider: Decider, articles: list[Article], pending, bad: list[Rejected],
                 report: IngestReport) -> None:
    prepared, rejected = [], list(bad)
    result = BatchResult()
    for article, item in zip(articles, pending.result()):
        if isinstance(item, Rejected):
            rejected.append(item)
            # remembered, so that a resumed run cuts its batches as this one did
            result.state[REJECTED + report_key(article)] = item.code
        else:
            prepared.append(item)
    decided = decider.decide(prepared, report)
    decided.state.update(result.state)
    decided.rejected = rejected + decided.rejected
    report.rejected += decided.rejected
    if decided:
        store.apply(decided)
