"""Quantity claims and conflicts against the hand-made story facts of 21-23 Mar 2020.

    PYTHONPATH=src python eval/claims.py [STORY_FACTS] [ARTICLES] [GOLD_STORIES]

Each gold story (22, every gold story with two or more reports) is read as khabar reads it:
every report cleaned, its times, counts and claims extracted (title and body), then the
story's claims compared. Scored, per half and for all stories:

- value found: share of gold values (one per report and quantity group) for which the
  report has a count of that value (any counted thing);
- value claimed: the same, but the count must be a claim (it has a counted thing);
- conflict recall: share of gold conflict groups (value or time-of-update) for which one
  flagged conflict (a value conflict or an update) holds two different gold values of the
  group from two reports;
- conflict kind right: of those found, the share flagged as the gold calls them (an
  update for a time-of-update group, a value conflict for a value group);
- conflict precision: every flagged value conflict or update is split into its cross-report pairs of
  different values; a pair is right when both values belong to one gold conflict group.
  The judge is automatic (it knows the story's gold groups); pairs can be printed with
  --pairs for a reading by eye.

- value claimed in its place: of the gold values whose scope leads with a place the
  gazetteer knows ("Rajasthan, as of 21 Mar 2020"), the share the report claims with a
  scope naming that place (its Latin name in the gazetteer).

- value claimed with its measure and place: of those, the ones whose English "what" names
  a measure GOLD_MEASURES maps ("deaths" -> मृतक, "new ... cases" -> नए मामले, ...), the
  share claimed with that measure as its subject and in that place.

Halves: stories in id order, even positions = A (development), odd = B (held out).
The data set is INTERNAL: nothing from it is written anywhere. Headline (all, conflict
recall) printed last.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar import lang  # noqa: E402
from khabar.analysis.compare import compare_claims  # noqa: E402
from khabar.analysis.places import places  # noqa: E402
from khabar.analysis.facts import compute_facts  # noqa: E402
from khabar.model import Article  # noqa: E402
from khabar.steps.clean import clean_article  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "hi-covid-news"


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def load(facts_path: Path, articles_path: Path, stories_path: Path):
    facts = [json.loads(line) for line in facts_path.open(encoding="utf-8") if line.strip()]
    members: dict[str, list[str]] = defaultdict(list)
    for line in stories_path.open(encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            members[d["story"]].append(d["id"])
    want = {i for f in facts for i in members[f["story"]]}
    rows = {}
    for line in articles_path.open(encoding="utf-8"):
        d = json.loads(line)
        if d["id"] in want:
            rows[d["id"]] = d
    return facts, members, rows


def read_report(d: dict):
    a = Article(external_id=d["id"], raw_text=d.get("body") or "", title=d.get("title") or "",
                source=d.get("source"), language="hi",
                published=datetime.fromisoformat(d["date"]) if d.get("date") else None)
    a = clean_article(a)
    f = compute_facts(a)
    return a, f


def place_name(scope: str) -> str:
    """The gazetteer's Latin name of the place a scope names ("राजस्थान में" -> "Rajasthan"),
    or "": as khabar's claims read places (analysis/places.py)."""
    return places(lang.get("hi")).name(scope)


# The gold names what is counted in English; the measures khabar gives the commonest of
# them, by the words of the gold's "what" (first match wins). A gold "what" with none of
# them is left out of the measure-and-place figure.
GOLD_MEASURES = [
    ("suspected", "संदिग्ध"), ("active", "सक्रिय मामले"), ("recovered", "ठीक हुए"),
    ("death", "मृतक"), ("died", "मृतक"), ("samples", "नमूने"), ("ventilator", "वेंटिलेटर"),
    ("new", "नए मामले"), ("cases", "मामले"), ("positive", "मामले"),
]


def gold_measure(what: str) -> str:
    words = what.lower()
    return next((m for key, m in GOLD_MEASURES if key in words), "")


def gold_place(scope: str) -> str:
    """The place a gold scope leads with ("Rajasthan, as of 21 Mar 2020" -> "Rajasthan")."""
    return scope.split(",")[0].split("(")[0].strip()


def score_story(fact: dict, ids: list[str], rows: dict, show_pairs: bool) -> dict:
    reports = {i: read_report(rows[i]) for i in ids if i in rows}
    claims = [c for _, f in reports.values() for c in f.claims]
    _, conflicts = compare_claims(claims)
    s = defaultdict(int)
    for g in fact["quantities"]:
        for v in g["values"]:
            a = reports.get(v["article"])
            s["values"] += 1
            if a is None:
                continue
            if any(_same(q.value, float(v["value"])) for q in a[1].quantities):
                s["found"] += 1
            if any(c.kind == "quantity" and _same(float(c.value), float(v["value"])) for c in a[1].claims):
                s["claimed"] += 1
            # the place: only for gold scopes that lead with a place the gazetteer knows
            where = gold_place(g["scope"])
            if where in KNOWN_PLACES:
                s["placed_values"] += 1
                s["placed"] += any(c.kind == "quantity" and _same(float(c.value), float(v["value"]))
                                   and place_name(c.scope) == where for c in a[1].claims)
                measure = gold_measure(g["what"])
                if measure:
                    s["measured_values"] += 1
                    s["measured"] += any(c.kind == "quantity" and _same(float(c.value), float(v["value"]))
                                         and place_name(c.scope) == where and c.subject == measure
                                         for c in a[1].claims)
    gold_conf = [g for g in fact["quantities"] if g.get("conflict")]
    value_conf = [c for c in conflicts if c.kind in ("value", "update")
                  and all(x.kind == "quantity" for x in c.claims)]
    s["gold_conflicts"] = len(gold_conf)
    for g in gold_conf:
        vals = {(v["article"], float(v["value"])) for v in g["values"]}
        for c in value_conf:
            got = {(x.external_id, float(x.value)) for x in c.claims}
            hit = {(r, v) for r, v in vals if any(e == r and _same(w, v) for e, w in got)}
            if len({v for _, v in hit}) >= 2 and len({r for r, _ in hit}) >= 2:
                s["conflicts_found"] += 1
                s["kind_right"] += (c.kind == "update") == (g.get("conflict_kind") == "time-of-update")
                break
    for c in value_conf:
        xs = c.claims
        for i, a in enumerate(xs):
            for b in xs[i + 1:]:
                if a.external_id == b.external_id or _same(float(a.value), float(b.value)):
                    continue
                s["pairs"] += 1
                ok = any(any(_same(float(a.value), float(v["value"])) for v in g["values"])
                         and any(_same(float(b.value), float(v["value"])) for v in g["values"])
                         for g in gold_conf)
                s["pairs_right"] += ok
                if show_pairs:
                    print(f"  {fact['story']} {'OK ' if ok else 'BAD'} {c.subject}: "
                          f"{a.value} ({a.external_id}) vs {b.value} ({b.external_id})")
    return s


def _known_places() -> frozenset[str]:
    return frozenset(places(lang.get("hi")).latin.values())


KNOWN_PLACES = _known_places()


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("facts", nargs="?", default=str(DATA / "story_facts_2020-03-21_23.jsonl"))
    ap.add_argument("articles", nargs="?", default=str(DATA / "articles.jsonl"))
    ap.add_argument("stories", nargs="?", default=str(DATA / "gold_stories_2020-03-21_23.jsonl"))
    ap.add_argument("--pairs", action="store_true", help="print every flagged pair with its verdict")
    args = ap.parse_args(argv)
    facts, members, rows = load(Path(args.facts), Path(args.articles), Path(args.stories))
    facts.sort(key=lambda f: f["story"])
    halves = {"A": defaultdict(int), "B": defaultdict(int), "all": defaultdict(int)}
    for i, f in enumerate(facts):
        s = score_story(f, members[f["story"]], rows, args.pairs)
        for h in ("A" if i % 2 == 0 else "B", "all"):
            for k, v in s.items():
                halves[h][k] += v
    for h in ("A", "B", "all"):
        t = halves[h]
        print(f"{h} gold values: {t['values']}  gold conflicts: {t['gold_conflicts']}  flagged pairs: {t['pairs']}")
        print(f"{h} value found: {_ratio(t['found'], t['values'])}")
        print(f"{h} value claimed: {_ratio(t['claimed'], t['values'])}")
        print(f"{h} value claimed in its place: {_ratio(t['placed'], t['placed_values'])} "
              f"(of {t['placed_values']} gold values placed in a known place)")
        print(f"{h} value claimed with its measure and place: {_ratio(t['measured'], t['measured_values'])} "
              f"(of {t['measured_values']} of those whose measure GOLD_MEASURES names)")
        print(f"{h} conflict precision: {_ratio(t['pairs_right'], t['pairs'])}")
        print(f"{h} conflict kind right: {_ratio(t['kind_right'], t['conflicts_found'])}")
        if h != "all":
            print(f"{h} conflict recall: {_ratio(t['conflicts_found'], t['gold_conflicts'])}")
    t = halves["all"]
    print(f"all conflict recall: {_ratio(t['conflicts_found'], t['gold_conflicts'])}")


if __name__ == "__main__":
    main()
