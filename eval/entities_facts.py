"""Entities of real stories against hand-made gold facts, through the real pipeline.

    PYTHONPATH=src python eval/entities_facts.py [ARTICLES.jsonl] [STORY_FACTS.jsonl] [--db PATH]

The store holds every report of ARTICLES (ingested into a temporary SQLite store, or
into --db when it does not exist yet). For each gold entity of the 22 stories
(story_facts_2020-03-21_23.jsonl) and each report the gold says names it:
- found: a mention of that report with the gold type whose text is one of the gold's
  surface forms (compared by match key: nukta, ZWJ, case folded) -- "exact";
  "overlap" also counts a mention that holds a surface form as whole words, or is
  held in one;
- one entity: a gold entity written two or more ways (distinct match keys) ends as one
  entity when every found mention of its forms, across the story's reports, carries one
  entity key; entities with fewer than two forms found are counted apart.
Stories are split in two halves by position in id order (even: A, odd: B); rules were
developed on A only. Prints each half and all; the headline (all, exact found share) last.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.text.normalize import match_key  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "hi-covid-news"
TYPES = {"person": "PER", "place": "LOC", "organisation": "ORG"}


def words(text: str) -> tuple[str, ...]:
    return tuple(match_key(text).replace("-", " ").split())


def _holds(a: tuple, b: tuple) -> bool:
    return any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


def matches(mention: str, form: str, overlap: bool) -> bool:
    m, f = words(mention), words(form)
    if not m or not f:
        return False
    return m == f or (overlap and (_holds(m, f) or _holds(f, m)))


def score(stories: list[dict], mentions_of, overlap: bool) -> dict[str, float]:
    found = total = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    one = judged = multi = 0
    for st in stories:
        for g in st["entities"]:
            typ = TYPES[g["type"]]
            keys, forms_found = set(), set()
            for art in g["articles"]:
                hits = [m for m in mentions_of(art) if m.type == typ and any(
                    matches(m.text, f, overlap) for f in g["surface_forms"])]
                total += 1
                by_type[typ][1] += 1
                if hits:
                    found += 1
                    by_type[typ][0] += 1
            forms = {words(f) for f in g["surface_forms"]}
            if len(forms) < 2:
                continue
            multi += 1
            for art in {a for s in stories if s is st for a in g["articles"]}:
                for m in mentions_of(art):
                    for f in g["surface_forms"]:
                        if m.type == typ and matches(m.text, f, False):
                            keys.add(m.entity_key)
                            forms_found.add(words(f))
            if len(forms_found) >= 2:
                judged += 1
                one += len(keys) == 1
    out = {"found": found / max(total, 1), "pairs": total}
    for t, (f, n) in sorted(by_type.items()):
        out[f"found_{t}"] = f / max(n, 1)
    out.update(multi_spelling=multi, multi_two_forms_found=judged,
               one_entity=one / max(judged, 1), one_entity_of_all_multi=one / max(multi, 1))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", default=str(DATA / "articles.jsonl"))
    ap.add_argument("facts", nargs="?", default=str(DATA / "story_facts_2020-03-21_23.jsonl"))
    ap.add_argument("--db")
    args = ap.parse_args(argv)
    from khabar import ingest_paths, open_store

    db = args.db or str(Path(tempfile.mkdtemp(prefix="entities-facts-")) / "facts.db")
    fresh = not Path(db).exists()
    store = open_store(db)
    if fresh:
        ingest_paths(store, [args.articles])
    stories = sorted((json.loads(l) for l in open(args.facts, encoding="utf-8")),
                     key=lambda s: s["story"])
    cache: dict[str, list] = {}

    def mentions_of(ext: str) -> list:
        if ext not in cache:
            cache[ext] = store.mentions_of([store.article_row(ext).id])
        return cache[ext]

    halves = {"A": stories[0::2], "B": stories[1::2], "all": stories}
    for overlap in (True, False):
        kind = "overlap" if overlap else "exact"
        for name, part in halves.items():
            r = score(part, mentions_of, overlap)
            for k, v in r.items():
                if kind == "overlap" and not k.startswith("found"):
                    continue
                if kind == "exact" and name == "all" and k == "found":
                    continue
                print(f"{name}_{kind}_{k}: {v:.3f}" if isinstance(v, float) else f"{name}_{k}: {v}")
    print(f"all_exact_found: {score(stories, mentions_of, False)['found']:.3f}")


if __name__ == "__main__":
    main()
