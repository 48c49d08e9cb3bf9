"""Entities as a user meets them on a whole corpus: false merges and oversized entities.

    PYTHONPATH=src python eval/entities_audit.py [ARTICLES.jsonl] [--db PATH] [--sample N]

Ingests every report (through the real pipeline, into a temporary SQLite store unless
--db names one that already holds them) and lists
- every person whose aliases hold two different given names with one surname
  ("नरेंद्र मोदी" and "सुशील मोदी" in one entity): the first kind of false merge;
- every entity with more than 10 distinct full names;
- a random sample (fixed seed) of multi-alias entities, to read by hand
  (the judged sample is kept in docs/entities-audit.md).
Prints counts; the count of the first kind last.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.entities.canon import name_parts, phon_part, written_alike  # noqa: E402

DEFAULT = ROOT / ".." / "shared" / "data" / "hi-covid-news" / "articles.jsonl"
SEED = 14
MANY_NAMES = 10


def full_names(e) -> dict[str, int]:
    """Aliases with two or more name parts (people), or every alias (places, orgs)."""
    if e.type != "PER":
        return dict(e.aliases)
    return {a: c for a, c in e.aliases.items() if len(name_parts(a)) > 1}


def distinct(names) -> list[str]:
    """Names that are not written alike (spelling variants, and one name with a space
    more or less inside, counted once)."""
    out: list[str] = []
    for n in sorted(names, key=len, reverse=True):
        if not any(written_alike(n, o) for o in out):
            out.append(n)
    return out


def given_name_clashes(e) -> list[tuple[str, str]]:
    """Pairs of full names of person `e` with one surname and different given names."""
    by_last: dict[str, list[str]] = {}
    for a in full_names(e):
        parts = name_parts(a)
        by_last.setdefault(phon_part(parts[-1]), []).append(a)
    out = []
    for names in by_last.values():
        firsts = distinct([" ".join(name_parts(a)[:-1]) for a in names])
        if len(firsts) > 1:
            out.append(tuple(firsts[:2]))
    return out


def ingest(articles: Path, db: str) -> float:
    from khabar import ingest_paths, open_store

    store = open_store(db)
    t0 = time.perf_counter()
    ingest_paths(store, [str(articles)])
    return time.perf_counter() - t0


def show(e) -> str:
    names = ", ".join(f"{a} ({c})" for a, c in sorted(e.aliases.items(), key=lambda x: -x[1]))
    return f"{e.key} | {e.display} | {e.latin} | {names}"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", default=str(DEFAULT))
    ap.add_argument("--db", help="store to use: ingested into when it does not exist yet, else read as it is")
    ap.add_argument("--sample", type=int, default=50)
    args = ap.parse_args(argv)
    from khabar import open_store

    db = args.db or str(Path(tempfile.mkdtemp(prefix="entities-audit-")) / "audit.db")
    if not Path(db).exists():
        print(f"ingest_seconds: {ingest(Path(args.articles), db):.1f}")
    entities = open_store(db).load_entities()
    clashes = [(e, given_name_clashes(e)) for e in entities if e.type == "PER"]
    clashes = [(e, c) for e, c in clashes if c]
    big = [e for e in entities if len(distinct(full_names(e))) > MANY_NAMES]
    multi = sorted((e for e in entities if len(e.aliases) > 1), key=lambda e: e.key)
    sample = random.Random(SEED).sample(multi, min(args.sample, len(multi)))

    print("## persons with two given names on one surname")
    for e, pairs in clashes:
        print(f"- {show(e)}  <- {pairs}")
    print(f"## entities with more than {MANY_NAMES} distinct full names")
    for e in big:
        print(f"- {show(e)}")
    print(f"## random sample of multi-alias entities (seed {SEED})")
    for i, e in enumerate(sample, 1):
        print(f"{i}. {show(e)}")
    print(f"entities: {len(entities)}")
    print(f"multi_alias_entities: {len(multi)}")
    print(f"entities_over_{MANY_NAMES}_full_names: {len(big)}")
    print(f"persons_two_given_names_one_surname: {len(clashes)}")


if __name__ == "__main__":
    main()
