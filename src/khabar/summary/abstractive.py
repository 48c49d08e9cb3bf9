"""Optional abstractive summary through any OpenAI-compatible chat endpoint.

Off by default (`SummarySettings.llm_url` empty). The model gets numbered source
sentences and must cite them as [n]; khabar then checks every generated sentence
against the sentences it cites: a figure or date that none of them gives, a
Latin-script name they do not contain, or too little shared wording makes the
sentence unbacked, and it is dropped with its reason. The HTTP call is this
module's only I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import regex

from khabar.config import SummarySettings
from khabar.errors import FetchFailed
from khabar.model import Article, Entity
from khabar.summary.select import score_units
from khabar.summary.units import Reading, build_units, content_keys, dates_in, numbers_in, similarity_matrix, story_reading
from khabar.text.normalize import match_key

# Share of a generated sentence's content words that its cited sentences must hold.
MIN_OVERLAP = 0.5
_CITE_RE = regex.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_LATIN_NAME_RE = regex.compile(r"\b\p{Lu}[\p{Ll}\p{Lu}]+\b")
_LIST_MARK_RE = regex.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+")
_SPLIT_RE = regex.compile(r"[^।?!\n]+(?:[।?!]+[\"”’']?(?:\s*\[[\d,;\s]+\])*)?")

SYSTEM_PROMPT = (
    "You summarise news for a reader. Use ONLY the numbered source sentences. "
    "Write in the language of the sources. Every sentence you write must end with the "
    "numbers of the source sentences that state it, in square brackets, e.g. [2] or [1, 4]. "
    "Never add a figure, date or name that the cited sentences do not give. "
    "One sentence per line, no other text."
)


@dataclass
class SourceSentence:
    n: int  # number shown to the model, from 1
    external_id: str
    sentence: int
    text: str


@dataclass
class GeneratedSentence:
    text: str
    cited: list[int]  # source sentence numbers
    external_ids: list[str]  # reports of the cited sentences
    backed: bool = True
    reason: str = ""  # why it is unbacked: "no-citation", "bad-citation:7", "figure:12000", ...


@dataclass
class AbstractiveSummary:
    model: str
    sentences: list[GeneratedSentence]  # backed sentences, in the model's order
    dropped: list[GeneratedSentence]  # unbacked sentences with their reasons
    sources: list[SourceSentence] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The report's "abstractive" block."""
        return {
            "model": self.model,
            "sentences": [{"text": s.text, "citations": s.external_ids} for s in self.sentences],
            "dropped": [{"text": s.text, "reason": s.reason} for s in self.dropped],
        }


def source_sentences(articles: Sequence[Article], limit: int = 40,
                     reading: Reading | None = None) -> list[SourceSentence]:
    """The story's most central sentences (at most `limit`), numbered in report order."""
    units = build_units(articles, reading=reading)
    if not units:
        return []
    sim = similarity_matrix(units)
    score = score_units(units, sim, len(articles))
    keep = sorted(sorted(range(len(units)), key=lambda i: -score[i])[:limit],
                  key=lambda i: (units[i].article, units[i].index))
    return [SourceSentence(k, units[i].external_id, units[i].index, units[i].text)
            for k, i in enumerate(keep, 1)]


def build_messages(sources: Sequence[SourceSentence], n_sentences: int) -> list[dict]:
    numbered = "\n".join(f"[{s.n}] {s.text}" for s in sources)
    user = (f"Source sentences:\n{numbered}\n\n"
            f"Write a summary of at most {n_sentences} sentences, each ending with its [n] citations.")
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def parse_generated(content: str) -> list[tuple[str, list[int]]]:
    """Sentences of the model's answer with the source numbers each cites."""
    out = []
    for m in _SPLIT_RE.finditer(content or ""):
        piece = _LIST_MARK_RE.sub("", m.group().strip()).strip()
        if not piece:
            continue
        cited = [int(n) for g in _CITE_RE.findall(piece) for n in regex.split(r"[,;]\s*", g) if n.strip()]
        text = _CITE_RE.sub("", piece).strip()
        text = regex.sub(r"\s+([।.?!])", r"\1", text)
        if len(text) >= 3:
            out.append((text, cited))
    return out


def name_groups(entities: Sequence[Entity] | None) -> list[tuple[str, set[str]]]:
    """(display, folded spellings) per entity, for the name check."""
    out = []
    for e in entities or ():
        names = {e.display, e.latin, *e.aliases} - {""}
        keys = {match_key(n) for n in names if len(n) >= 2}
        if keys:
            out.append((e.display, keys))
    return out


def check_backing(text: str, cited_texts: Sequence[str],
                  names: Sequence[tuple[str, set[str]]] = (), reading: Reading | None = None) -> tuple[bool, str]:
    """Is `text` backed by `cited_texts`? Returns (backed, reason when not).

    `names` (from `name_groups`) are known entities: one named in `text` must be
    named, in any spelling, in a cited sentence.
    """
    if not cited_texts:
        return False, "no-citation"
    joined = " ".join(cited_texts)
    folded_text, folded_src = match_key(text), match_key(joined)
    for display, keys in names:
        if any(_has_name(folded_text, k) for k in keys) and not any(_has_name(folded_src, k) for k in keys):
            return False, f"name:{display}"
    have = numbers_in(joined, reading)
    src_dates = dates_in(joined, reading=reading)
    days = {str(d[2]) for d in dates_in(text, reading=reading) if d[2]}
    for n in sorted(numbers_in(text, reading)):
        if n not in have and not (n in days and any(str(d[2]) == n for d in src_dates)):
            return False, f"figure:{n}"
    for _y, m, d in dates_in(text, reading=reading):
        if not any(sm == m and (not d or sd == d) for _sy, sm, sd in src_dates):
            return False, f"date:{m:02d}-{d:02d}" if d else f"date:{m:02d}"
    src_latin = {w.casefold() for w in _LATIN_NAME_RE.findall(joined)}
    for name in _LATIN_NAME_RE.findall(text):
        if name.casefold() not in src_latin:
            return False, f"name:{name}"
    mine = set(content_keys(text, reading))
    if mine:
        theirs = set(content_keys(joined, reading))
        share = len(mine & theirs) / len(mine)
        if share < MIN_OVERLAP:
            return False, f"overlap:{share:.2f}"
    return True, ""


def _has_name(folded: str, key: str) -> bool:
    return regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(key)}(?![\p{{L}}\p{{M}}])", folded) is not None


def _endpoint(url: str) -> str:
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    return url + ("/chat/completions" if url.endswith("/v1") else "/v1/chat/completions")


def abstractive_summary(
    articles: Sequence[Article],
    settings: SummarySettings,
    n_sentences: int | None = None,
    timeout: float = 120.0,
    client: Any = None,
    entities: Sequence[Entity] | None = None,
) -> AbstractiveSummary:
    """Ask the configured model for a cited summary and keep only backed sentences.

    `entities` (optional, from the entities step) add a name check in every
    spelling the story uses.
    """
    if not settings.llm_url or not settings.llm_model:
        raise FetchFailed("abstractive mode is off: set [summary] llm_url and llm_model "
                          "(or KHABAR_LLM_URL / KHABAR_LLM_MODEL)")
    import httpx

    n_sentences = n_sentences or settings.sentences
    reading = story_reading(articles)
    sources = source_sentences(articles, reading=reading)
    by_n = {s.n: s for s in sources}
    names = name_groups(entities)
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    body = {"model": settings.llm_model, "messages": build_messages(sources, n_sentences),
            "temperature": 0.2, "stream": False}
    url = _endpoint(settings.llm_url)
    own = client is None
    http = client or httpx.Client(timeout=timeout)
    try:
        resp = http.post(url, json=body, headers=headers)
        resp.raise_for_status()
        content = resp.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
        raise FetchFailed(f"chat completion failed: {exc}", input_name=url) from exc
    finally:
        if own:
            http.close()

    kept, dropped = [], []
    for text, cited in parse_generated(content):
        bad = [n for n in cited if n not in by_n]
        ext = list(dict.fromkeys(by_n[n].external_id for n in cited if n in by_n))
        g = GeneratedSentence(text, cited, ext)
        if bad:
            g.backed, g.reason = False, f"bad-citation:{bad[0]}"
        else:
            g.backed, g.reason = check_backing(text, [by_n[n].text for n in cited], names, reading)
        (kept if g.backed else dropped).append(g)
    return AbstractiveSummary(settings.llm_model, kept[:n_sentences], dropped, sources)
