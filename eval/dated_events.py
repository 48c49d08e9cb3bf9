"""Dated events of real multi-report stories: does khabar give the gold day?

    PYTHONPATH=src python eval/dated_events.py [FACTS] [ARTICLES] [--sample 40] [--misses]

FACTS is story_facts_2020-03-21_23.jsonl (hand-made gold, 22 stories): each story's
"dates" list holds events with their date (YYYY-MM-DD or YYYY-MM), the reports that date
them and the words that do ("surface"). ARTICLES is the hi-covid-news articles.jsonl they
come from (INTERNAL: nothing from it is written anywhere, only printed).

Each report is read as ingest reads it (the JSONL reader, the cleaner), its time
expressions found by extract_times against its publication date, and each story analysed
as `khabar story` does (analyse_story: story-level date resolution and the timeline).

Figures:
- extraction recall: share of gold events where, in one of their reports, a time
  expression overlapping one of the gold surfaces carries the gold date;
- timeline recall: share of gold events where the story timeline has an event on the gold
  date supported by a sentence of one of their reports holding a gold surface;
- value precision on gold surfaces: of the day/month values khabar gives to time
  expressions overlapping gold surfaces, the share equal to the gold date;
- vague given a day: time expressions khabar marks vague (no day) are counted apart.
--sample N prints N random dated expressions of the same reports (seeded) for a hand check
of precision beyond the gold surfaces; the judged figure is kept in docs/dates.md.

The 22 stories are split by position in story-id order: A (even positions) is where the
rules were developed, B (odd positions) is held out. A, B and all are printed, the
all-stories extraction recall last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.analysis.story import analyse_story  # noqa: E402
from khabar.config import IngestSettings  # noqa: E402
from khabar.ingest.jsonl import read_jsonl  # noqa: E402
from khabar.model import Article  # noqa: E402
from khabar.steps.clean import clean_article  # noqa: E402
from khabar.steps.extract.dates import extract_times  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))
COVID = SHARED / "data" / "hi-covid-news"


def _norm(s: str) -> str:
    """Spaces as the gold writes them: NBSP and runs of spaces as one space."""
    return " ".join(s.replace("\u00a0", " ").split())


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Spans of `surface` in `text`, matched with spaces folded (offsets into `text`)."""
    # map positions of the folded text back to the original
    folded, back = [], []
    prev_space = False
    for i, ch in enumerate(text):
        sp = ch.isspace()
        if sp and prev_space:
            continue
        folded.append(" " if sp else ch)
        back.append(i)
        prev_space = sp
    ftext, want = "".join(folded), _norm(surface)
    out, at = [], 0
    while want:
        j = ftext.find(want, at)
        if j < 0:
            break
        out.append((back[j], back[j + len(want) - 1] + 1))
        at = j + 1
    return out


def load(facts_path: Path, articles_path: Path):
    stories = [json.loads(line) for line in facts_path.open(encoding="utf-8") if line.strip()]
    stories.sort(key=lambda s: s["story"])
    members: dict[str, set[str]] = {}
    for s in stories:
        ids = {a for d in s.get("dates", []) for a in d["articles"]}
        ids |= {a for e in s.get("entities", []) for a in e.get("articles", [])}
        members[s["story"]] = ids
    wanted = set().union(*members.values())
    arts: dict[str, Article] = {}
    for a in read_jsonl(articles_path, IngestSettings()):
        if isinstance(a, Article) and a.external_id in wanted:
            arts[a.external_id] = clean_article(a)
    return stories, members, arts


def evaluate(stories, members, arts, sample_pool: list) -> dict:
    res = {"events": 0, "found": 0, "timeline": 0, "given": 0, "right": 0, "vague": 0,
           "stories": len(stories), "misses": [], "wrong": [], "off_timeline": []}
    for s in stories:
        golds = s.get("dates", [])
        own = [arts[x] for x in sorted(members[s["story"]]) if x in arts]
        times = {a.external_id: extract_times(a) for a in own}
        for a in own:
            for t in times[a.external_id]:
                if t.value and t.granularity == "day":
                    text = a.clean_text
                    sample_pool.append((a.external_id, t.text, t.value, t.note,
                                        _norm(text[max(0, t.start - 60): t.end + 60])))
        timeline = analyse_story(own).timeline if golds else []
        for g in golds:
            res["events"] += 1
            hit = on_timeline = False
            seen = []
            for x in g["articles"]:
                a = arts.get(x)
                if a is None:
                    continue
                spans = [sp for surf in g["surface"] for sp in _occurrences(a.clean_text, surf)]
                sents = {s2.index for s2 in a.sentences for (b, e) in spans if s2.start <= b < s2.end}
                for t in times[x]:
                    if not any(t.start < e and b < t.end for b, e in spans):
                        continue
                    seen.append((t.text, t.value, t.note))
                    if t.granularity == "vague":
                        res["vague"] += 1
                    if t.value and t.granularity in ("day", "month"):
                        res["given"] += 1
                        res["right"] += t.value == g["date"]
                        if t.value != g["date"]:
                            ctx = _norm(a.clean_text[max(0, t.start - 50): t.end + 80])
                            res["wrong"].append((s["story"], g["date"], t.text, t.value, t.note, x, ctx))
                    if t.value == g["date"]:
                        hit = True
                if any(ev.date == g["date"] and any(sx == x and si in sents for sx, si, _ in ev.support)
                       for ev in timeline):
                    on_timeline = True
            res["found"] += hit
            res["timeline"] += on_timeline
            if hit and not on_timeline:
                res["off_timeline"].append((s["story"], g["date"], g["surface"], g["articles"], seen))
            if not hit:
                res["misses"].append((s["story"], g["date"], g["surface"], g["articles"], seen))
    return res


def report(name: str, res: dict) -> None:
    pre = f"{name} " if name != "all" else ""
    n = res["events"] or 1
    print(f"{pre}stories: {res['stories']}")
    print(f"{pre}gold dated events: {res['events']}")
    print(f"{pre}timeline recall: {res['timeline'] / n:.3f}")
    print(f"{pre}value precision on gold surfaces: {res['right'] / (res['given'] or 1):.3f} "
          f"({res['right']}/{res['given']})")
    print(f"{pre}vague expressions on gold surfaces: {res['vague']}")
    print(f"{pre}extraction recall: {res['found'] / n:.3f} ({res['found']}/{res['events']})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("facts", nargs="?", default=str(COVID / "story_facts_2020-03-21_23.jsonl"))
    ap.add_argument("articles", nargs="?", default=str(COVID / "articles.jsonl"))
    ap.add_argument("--sample", type=int, default=0, help="print N random dated expressions to judge")
    ap.add_argument("--split", choices=["A", "B", "all"], default="A", help="half --sample and --misses draw from")
    ap.add_argument("--misses", action="store_true", help="print the gold events not found and the wrong values")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    stories, members, arts = load(Path(args.facts), Path(args.articles))
    halves = {"A": stories[0::2], "B": stories[1::2]}
    pools: dict[str, list] = {"A": [], "B": []}
    results = {k: evaluate(v, members, arts, pools[k]) for k, v in halves.items()}
    results["all"] = {k: (results["A"][k] + results["B"][k]) for k in results["A"]}
    pools["all"] = pools["A"] + pools["B"]
    if args.misses:
        for story, gdate, surf, ids, seen in results[args.split]["misses"]:
            print(f"miss: {story} {gdate} {surf} {ids} got {seen}")
        for story, gdate, surf, ids, seen in results[args.split]["off_timeline"]:
            print(f"off timeline: {story} {gdate} {surf} {ids} got {seen}")
        for story, gdate, text, value, note, x, ctx in results[args.split]["wrong"]:
            print(f"wrong: {story} {x} gold {gdate} {text!r} -> {value} [{note}] | {ctx}")
    if args.sample:
        random.seed(args.seed)
        pool = pools[args.split]
        for x, text, value, note, ctx in random.sample(pool, min(args.sample, len(pool))):
            when = datetime.fromisoformat(arts[x].published.isoformat()).date() if arts[x].published else None
            print(f"sample: {x} (published {when}) {text!r} -> {value} [{note}] | {ctx}")
    for name in ("A", "B", "all"):
        report(name, results[name])


if __name__ == "__main__":
    main()
