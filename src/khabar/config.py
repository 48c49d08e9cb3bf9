"""One typed Settings object: bundled defaults, a user TOML overriding only the keys
it sets, then environment variables. It is passed down; no module reads globals.

A user file looks like::

    [dedup]
    threshold = 0.75

    [ingest.jsonl_fields]
    text = "content"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "khabar.db"


@dataclass
class IngestSettings:
    max_bytes: int = 20 * 1024 * 1024  # a single input larger than this is rejected
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
    # an unpunctuated short line whose words share less than this with the rest of
    # the article is taken as a pasted headline of another story
    offtopic_max_cohesion: float = 0.08
    offtopic_max_words: int = 30


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
    threshold: float = 0.3
    storyline_threshold: float = 0.2
    storyline_window_days: float = 180.0
    semantic: bool = False


@dataclass
class SummarySettings:
    sentences: int = 6
    llm_url: str = ""  # OpenAI-compatible base URL; empty = abstractive mode off
    llm_model: str = ""
    llm_api_key: str = ""


@dataclass
class Settings:
    db: str = DEFAULT_DB
    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)


def _merge(obj: Any, overrides: dict[str, Any], where: str) -> Any:
    """Return a copy of dataclass `obj` with only the keys in `overrides` changed."""
    known = {f.name: f for f in fields(obj)}
    changes = {}
    for key, value in overrides.items():
        if key not in known:
            raise ValueError(f"unknown setting '{where}{key}'")
        current = getattr(obj, key)
        if is_dataclass(current):
            changes[key] = _merge(current, value, f"{where}{key}.")
        elif isinstance(current, dict):
            changes[key] = {**current, **value}
        else:
            changes[key] = type(current)(value) if current is not None else value
    return replace(obj, **changes)


def load_settings(path: str | os.PathLike | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML at `path` (or $KHABAR_CONFIG), then env, then `overrides`."""
    settings = Settings()
    path = path or os.environ.get("KHABAR_CONFIG")
    if path:
        with open(path, "rb") as fh:
            settings = _merge(settings, tomllib.load(fh), "")
    if os.environ.get("KHABAR_DB"):
        settings = replace(settings, db=os.environ["KHABAR_DB"])
    if os.environ.get("KHABAR_LLM_URL"):
        settings = replace(settings, summary=replace(settings.summary, llm_url=os.environ["KHABAR_LLM_URL"]))
    if os.environ.get("KHABAR_LLM_MODEL"):
        settings = replace(settings, summary=replace(settings.summary, llm_model=os.environ["KHABAR_LLM_MODEL"]))
    clean = {k: v for k, v in overrides.items() if v is not None}
    return _merge(settings, clean, "") if clean else settings


def data_path(*parts: str) -> Path:
    """Path of a file bundled inside the package (language data, models)."""
    return Path(__file__).parent.joinpath(*parts)
