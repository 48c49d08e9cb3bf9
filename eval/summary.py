"""Evaluate multi-source summaries: citation correctness and redundancy on the
multi-report stories of the Hindi gold set, and the seed-story acceptance facts.

    PYTHONPATH=src python eval/summary.py

Citation correctness is judged by a strict support check that does not share the
summariser's similarity: a cited report (other than the one the sentence is taken
from) backs the sentence when one of its sentences holds at least 60% of the
sentence's content words (match keys, no stemming; share of the smaller set, the
other sentence having 4+ content words) and, when both give figures, one figure
of the sentence. Redundancy: pairs of summary sentences whose content words have
Jaccard >= 0.5.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import defaultdict
from datetime import datetime
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar import lang  # noqa: E402

lang_hi = lang.get("hi")
from khabar.model import Article  # noqa: E402
from khabar.summary.summarize import article_sentences, numbers_in, summarize  # noqa: E402
from khabar.text.normalize import content_words  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))
STRICT_OVERLAP = 0.6
NEAR_DUP = 0.5


def _split(text: str):
    try:  # the real segmenter when this checkout has it
        from khabar.steps.segment import split_sentences

        return split_sentences(text, "hi")
    except ImportError:
        return None


def load_gold_stories(articles_path: Path, gold_path: Path) -> dict[str, list[Article]]:
    gold = [json.loads(l) for l in gold_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    want = {g["id"] for g in gold}
    rows = {}
    with articles_path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["id"] in want:
                rows[d["id"]] = d
    stories: dict[str, list[Article]] = defaultdict(list)
    for g in gold:
        d = rows[g["id"]]
        body = d.get("body") or ""
        art = Article(d["id"], body, title=d.get("title") or "", source=d.get("source"),
                      published=datetime.fromisoformat(d["date"]) if d.get("date") else None,
                      clean_text=body, language="hi")
        sents = _split(body)
        if sents is not None:
            art.sentences = sents
        stories[g["story"]].append(art)
    return {k: v for k, v in stories.items() if len(v) > 1}


def _keys(text: str) -> set[str]:
    return set(content_words(text, lang_hi.stopwords()))


def strictly_backs(sentence: str, report: Article) -> bool:
    mine, figs = _keys(sentence), numbers_in(sentence)
    if not mine:
        return False
    for s in article_sentences(report):
        theirs = _keys(s.text)
        if len(theirs) < 4:
            continue
        if len(mine & theirs) / min(len(mine), len(theirs)) < STRICT_OVERLAP:
            continue
        other = numbers_in(s.text)
        if figs and other and not figs & other:
            continue
        return True
    return False


def evaluate_story(arts: list[Article], n: int) -> dict:
    summ = summarize(arts, n_sentences=n)
    by_id = {a.external_id: a for a in arts}
    cites = correct = sent_ok = multi = missed = 0
    for s in summ.sentences:
        others = [c for c in s.citations if c != s.external_id]
        good = [c for c in others if strictly_backs(s.text, by_id[c])]
        cites += len(others)
        correct += len(good)
        sent_ok += len(good) == len(others)
        multi += bool(others)
        missed += sum(1 for a in arts if a.external_id not in s.citations and strictly_backs(s.text, a))
    keys = [_keys(s.text) for s in summ.sentences]
    pairs = list(combinations(range(len(keys)), 2))
    dup = sum(1 for i, j in pairs if len(keys[i] & keys[j]) / (len(keys[i] | keys[j]) or 1) >= NEAR_DUP)
    return dict(sentences=len(summ.sentences), cites=cites, correct=correct, sent_ok=sent_ok,
                multi=multi, missed=missed, pairs=len(pairs), dup=dup)


def seed_check() -> list[tuple[str, bool, str]]:
    spec = importlib.util.spec_from_file_location("summary_seeds", ROOT / "tests/fixtures/summary/seeds.py")
    seeds = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seeds)
    return seeds.check_facts(summarize(seeds.seed_articles(), n_sentences=6))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data = SHARED / "data" / "hi-covid-news"
    ap.add_argument("--articles", type=Path, default=data / "articles.jsonl")
    ap.add_argument("--gold", type=Path, default=data / "gold_stories_2020-03-21_23.jsonl")
    ap.add_argument("-n", "--sentences", type=int, default=6)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    stories = load_gold_stories(args.articles, args.gold)
    tot = defaultdict(int)
    for sid, arts in sorted(stories.items()):
        r = evaluate_story(arts, args.sentences)
        for k, v in r.items():
            tot[k] += v
        if args.verbose:
            print(f"# {sid} reports={len(arts)} {r}")
    facts = seed_check()
    for name, ok, detail in facts:
        print(f"seed_fact_{name}: {'pass' if ok else 'FAIL ' + detail}")
    print(f"seed_facts_passed: {sum(ok for _n, ok, _d in facts)}/{len(facts)}")
    print(f"stories: {len(stories)}")
    print(f"summary_sentences: {tot['sentences']}")
    print(f"sentences_citing_other_reports: {tot['multi'] / max(tot['sentences'], 1):.3f}")
    print(f"cross_citations: {tot['cites']}")
    print(f"citation_precision_strict: {tot['correct'] / max(tot['cites'], 1):.3f}")
    print(f"missed_citations_per_sentence: {tot['missed'] / max(tot['sentences'], 1):.3f}")
    print(f"redundant_pairs: {tot['dup']}/{tot['pairs']}")
    print(f"redundancy_rate: {tot['dup'] / max(tot['pairs'], 1):.3f}")
    print(f"sentences_with_correct_citations: {tot['sent_ok'] / max(tot['sentences'], 1):.3f}")


if __name__ == "__main__":
    main()
