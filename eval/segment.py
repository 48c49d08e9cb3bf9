"""Sentence-boundary F1 on UD Hindi PUD, khabar beside indic-nlp-library.

Each `# newdoc` starts a document; its raw text is its sentences' `# text` joined by a
space. A boundary is the end offset of a sentence inside a document (the document's
own end is not counted: every splitter gets it for free).

    PYTHONPATH=src python eval/segment.py [CONLLU]

Prints `metric: value` lines, khabar's F1 last.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.steps.segment import split_sentences  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))
DEFAULT = SHARED / "data" / "ud-hi-pud" / "hi_pud-first500.conllu"


def read_docs(path: Path) -> list[list[str]]:
    docs: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") or not docs:
            docs.append([])
        if line.startswith("# text = "):
            docs[-1].append(line[len("# text = ") :].strip())
    return [d for d in docs if d]


def gold_boundaries(sents: list[str]) -> tuple[str, set[int]]:
    text = " ".join(sents)
    ends, pos = set(), 0
    for s in sents:
        pos += len(s)
        ends.add(pos)
        pos += 1
    ends.discard(len(text))
    return text, ends


def offsets_of(text: str, pieces: list[str]) -> set[int]:
    """End offsets of `pieces` found in order in `text` (for splitters returning strings)."""
    ends, pos = set(), 0
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        at = text.find(p, pos)
        if at < 0:
            continue
        pos = at + len(p)
        ends.add(pos)
    ends.discard(len(text.rstrip()))
    return ends


def score(gold: list[set[int]], pred: list[set[int]]) -> tuple[float, float, float]:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    np_ = sum(len(p) for p in pred)
    ng = sum(len(g) for g in gold)
    prec = tp / np_ if np_ else 0.0
    rec = tp / ng if ng else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def main(argv: list[str]) -> None:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    docs = [gold_boundaries(d) for d in read_docs(path)]
    gold = [g for _, g in docs]
    print(f"docs: {len(docs)}")
    print(f"sentences: {sum(len(g) + 1 for g in gold)}")

    try:
        from indicnlp.tokenize.sentence_tokenize import sentence_split
    except ImportError:
        sentence_split = None
    if sentence_split is not None:
        t = time.perf_counter()
        pred = [offsets_of(text, sentence_split(text, lang="hi")) for text, _ in docs]
        ms = (time.perf_counter() - t) * 1000
        p, r, f = score(gold, pred)
        print(f"indicnlp_precision: {p:.4f}")
        print(f"indicnlp_recall: {r:.4f}")
        print(f"indicnlp_ms: {ms:.1f}")
        print(f"indicnlp_f1: {f:.4f}")

    t = time.perf_counter()
    pred = []
    for text, _ in docs:
        ends = {s.end for s in split_sentences(text, "hi")}
        ends.discard(len(text))
        pred.append(ends)
    ms = (time.perf_counter() - t) * 1000
    p, r, f = score(gold, pred)
    print(f"khabar_precision: {p:.4f}")
    print(f"khabar_recall: {r:.4f}")
    print(f"khabar_ms: {ms:.1f}")
    print(f"khabar_f1: {f:.4f}")


if __name__ == "__main__":
    main(sys.argv)
