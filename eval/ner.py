"""Entity-level NER quality on IL-NER Hindi dev (never trained on).

    PYTHONPATH=src python eval/ner.py [--dev PATH]

A predicted name counts only with the exact token span and type (PER/LOC/ORG). Two
systems are scored: `model` is the bundled CRF alone on the gold tokens; `pipeline` is
extract_mentions() on the sentence text (CRF + gazetteer + title cues + article-level
propagation, each dev sentence read as its own article). The headline is the
pipeline's overall F1, printed last.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "models"))

from train_ner import read_conll, spans  # noqa: E402

from khabar.model import Article, Sentence  # noqa: E402
from khabar.steps.extract.entities import _tagger, extract_mentions  # noqa: E402
from khabar.steps.extract.ner_features import crf_features, to_bio  # noqa: E402

TYPES = ("PER", "LOC", "ORG")


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def pipeline_spans(words: list[str]) -> set[tuple[int, int, str]]:
    """Token spans of extract_mentions() on the space-joined sentence."""
    text, starts, ends = "", {}, {}
    for i, w in enumerate(words):
        if text:
            text += " "
        starts[len(text)] = i
        text += w
        ends[len(text)] = i + 1
    art = Article(external_id="dev", raw_text=text, clean_text=text, language="hi",
                  sentences=[Sentence(0, 0, len(text), text)])
    out = set()
    for m in extract_mentions(art):
        if m.start in starts and m.end in ends:
            out.add((starts[m.start], ends[m.end], m.type))
        else:  # a span inside a token can never match gold: count it as wrong
            out.add((-m.start - 1, -m.end - 1, m.type))
    return out


def prf(c: Counter, typ: str) -> tuple[float, float, float]:
    tp, fp, fn = c["tp", typ], c["fp", typ], c["fn", typ]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def show_seeds(folder: Path) -> None:
    """Print the entities of the seed reports (promo lines of 003 removed), one per line."""
    from khabar.steps.canon import EntityResolver, salience

    arts = []
    for i, p in enumerate(sorted(folder.glob("0*.txt"))):
        text = p.read_text(encoding="utf-8")
        if p.name.startswith("003_"):
            text = "\n".join(l for l in text.splitlines() if "Trump" not in l and "ट्रंप" not in l)
        arts.append(Article(external_id=p.stem, raw_text=text, clean_text=text, id=i))
    mentions = [m for a in arts for m in extract_mentions(a)]
    entities = EntityResolver().resolve(mentions)
    score = dict(salience(entities, [a.id for a in arts]))
    for e in sorted(entities, key=lambda e: -score[e.key]):
        aliases = ", ".join(f"{a} x{c}" for a, c in e.aliases.items())
        roles = ", ".join(f"{r} x{c}" for r, c in e.roles.items())
        print(f"{score[e.key]:.2f} {e.key} | {e.latin} | {aliases}" + (f" | {roles}" if roles else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description="IL-NER Hindi dev: entity-level P/R/F1")
    ap.add_argument("--dev", type=Path,
                    default=shared_dir() / "data" / "il-ner-hi" / "Hindi-dev.txt")
    ap.add_argument("--show-seeds", action="store_true",
                    help="print the entities found in examples/seeds instead of scoring")
    args = ap.parse_args()
    if args.show_seeds:
        show_seeds(ROOT / "examples" / "seeds")
        return
    sents = read_conll(args.dev)
    tagger = _tagger()
    counts = {"model": Counter(), "pipeline": Counter()}
    t0 = time.perf_counter()
    for words, tags in sents:
        gold = spans(tags)
        preds = {"model": spans(to_bio(tagger.tag(crf_features(words)))),
                 "pipeline": pipeline_spans(words)}
        for name, pred in preds.items():
            c = counts[name]
            for s in gold:
                c["fn" if s not in pred else "tp", s[2]] += 1
            for s in pred - gold:
                c["fp", s[2]] += 1
    elapsed = time.perf_counter() - t0
    print(f"sentences: {len(sents)}")
    print(f"gold_entities: {sum(len(spans(t)) for _, t in sents)}")
    print(f"seconds: {elapsed:.1f}")
    for name in ("model", "pipeline"):
        c = counts[name]
        for typ in TYPES:
            p, r, f = prf(c, typ)
            print(f"{name}_{typ}_p: {p:.3f}\n{name}_{typ}_r: {r:.3f}\n{name}_{typ}_f1: {f:.3f}")
        for k in ("tp", "fp", "fn"):
            c[k, "ALL"] = sum(c[k, t] for t in TYPES)
        p, r, f = prf(c, "ALL")
        print(f"{name}_p: {p:.3f}\n{name}_r: {r:.3f}")
        if name == "model":
            print(f"model_f1: {f:.3f}")
    print(f"f1: {f:.3f}")


if __name__ == "__main__":
    main()
