"""Time expressions and casualty counts against FIRE 2018 CMEE Hindi gold spans.

    PYTHONPATH=src python eval/dates.py [DATA_DIR] [--sample 30] [--errors 40] [--split A] [--peers]

Scored: the general time tagger (find_times), its event-anchored subset (find_event_times)
against TIME-ARG; casualty figures (casualties) and, for comparison, every count of a
person-like thing against CASUALTIES-ARG.

Every file in the folder is read (about 190 are not named *.xml). A prediction matches a
gold span when they overlap. The gold marks a TIME-ARG only where a time belongs to an
annotated event, so precision understates a general tagger: recall is the figure to
watch, and --sample prints extracted expressions with their values for a hand check.
The data set is INTERNAL: nothing from it is written anywhere.

Development looks at half A only (even positions of the sorted file names); B (odd
positions) is held out to show the rules are not fitted to A. Figures are printed for A,
B and all, the all-documents event-time F1 last.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar import lang  # noqa: E402

HC = lang.get("hi").claimwords
from khabar.steps.extract.dates import find_event_times, find_times, time_points  # noqa: E402
from khabar.steps.extract.quantities import casualties, extract_quantities  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))
_TAG = regex.compile(r"<W>(?P<w>.*?)</W>|<(/?)([A-Z_\-]+)[^>]*?(/?)>", regex.S)


def read_doc(raw: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """Plain text (tokens joined by spaces) and gold spans per argument label."""
    parts: list[str] = []
    pos = 0
    open_spans: dict[str, list[int]] = {}
    gold: dict[str, list[tuple[int, int]]] = {"TIME-ARG": [], "CASUALTIES-ARG": []}
    for m in _TAG.finditer(raw):
        if m.group("w") is not None:
            tok = m.group("w").strip()
            if not tok:
                continue
            if parts:
                parts.append(" ")
                pos += 1
            parts.append(tok)
            pos += len(tok)
            continue
        closing, name, selfclose = m.group(2), m.group(3), m.group(4)
        if name not in gold or selfclose:
            continue
        if not closing:
            open_spans.setdefault(name, []).append(pos + (1 if parts else 0))
        elif open_spans.get(name):
            start = open_spans[name].pop()
            if pos > start:
                gold[name].append((start, pos))
    return "".join(parts), gold


def score(pred, gold) -> tuple[int, int, int, int]:
    tp_p = sum(1 for a, b in pred if any(a < d and c < b for c, d in gold))
    tp_g = sum(1 for c, d in gold if any(a < d and c < b for a, b in pred))
    return tp_p, len(pred), tp_g, len(gold)


def prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def half(files: list[Path], which: str) -> list[Path]:
    """Fixed halves of the sorted file list: A the even positions, B the odd ones."""
    if which == "all":
        return files
    return files[0::2] if which == "A" else files[1::2]


def evaluate(files: list[Path], peers: bool = False) -> dict:
    """Totals (tp_pred, n_pred, tp_gold, n_gold) per figure, samples and error lists."""
    tot = {k: [0, 0, 0, 0] for k in ("time", "event", "event_annotated", "person", "cas_all", "cas", "cas_num", "dp")}
    res: dict = {"tot": tot, "extracted": [], "ev_sample": [], "cas_sample": [], "errors": [], "docs": len(files)}

    def add(key, pred, gold):
        for i, v in enumerate(score(pred, gold)):
            tot[key][i] += v

    def misses(key, f, text, pred, gold):
        for a, b in pred:
            if not any(a < d and c < b for c, d in gold):
                res["errors"].append((key, "FP", f.name, text[a:b], text[max(0, a - 70):a], text[b:b + 70]))
        for c, d in gold:
            if not any(a < d and c < b for a, b in pred):
                res["errors"].append((key, "FN", f.name, text[c:d], text[max(0, c - 70):c], text[d:d + 70]))

    for f in files:
        text, gold = read_doc(f.read_text(encoding="utf-8", errors="replace"))
        times = find_times(text, None)
        pred_t = [(t.start, t.end) for t in times]
        # scored: expressions that say when; bare durations ("छह घंटे तक") are extracted
        # (and kept from being read as counts) but are no time of anything
        points = time_points(times)
        res["extracted"] += [(t.text, t.value, t.granularity, text[max(0, t.start - 40): t.end + 40]) for t in points]
        add("time", [(t.start, t.end) for t in points], gold["TIME-ARG"])
        misses("time", f, text, [(t.start, t.end) for t in points], gold["TIME-ARG"])
        if gold["TIME-ARG"]:
            add("event_annotated", [(t.start, t.end) for t in find_event_times(text, times)], gold["TIME-ARG"])
        ev = find_event_times(text, times)
        res["ev_sample"] += [(t.text, t.value, t.granularity, text[max(0, t.start - 60): t.end + 60]) for t in ev]
        add("event", [(t.start, t.end) for t in ev], gold["TIME-ARG"])
        misses("event", f, text, [(t.start, t.end) for t in ev], gold["TIME-ARG"])
        qs = extract_quantities(text, skip=pred_t)
        add("person", [(q.start, q.end) for q in qs if q.unit in HC.PERSON_LEMMAS], gold["CASUALTIES-ARG"])
        cas = casualties(text, qs)
        add("cas_all", [(c.start, c.end) for c in cas], gold["CASUALTIES-ARG"])
        cas = [c for c in cas if c.kind != "damaged"]
        pred_c = [(c.start, c.end) for c in cas]
        res["cas_sample"] += [(c.text, f"{c.kind} {_fmt(c.value)} {c.hedge}".rstrip(),
                               text[max(0, c.start - 40): c.end + 40]) for c in cas]
        add("cas", pred_c, gold["CASUALTIES-ARG"])
        # casualty numbers: gold spans that state a count, against figures with a value
        add("cas_num", [(c.start, c.end) for c in cas if c.value is not None],
            [(c, d) for c, d in gold["CASUALTIES-ARG"] if _states_count(text[c:d])])
        misses("cas", f, text, pred_c, gold["CASUALTIES-ARG"])
        if peers:
            import dateparser.search as dps

            found = dps.search_dates(text, languages=["hi", "en"]) or []
            spans, at = [], 0
            for s, _ in found:
                i = text.find(s, at)
                if i >= 0:
                    spans.append((i, i + len(s)))
                    at = i + len(s)
            add("dp", spans, gold["TIME-ARG"])
    return res


def _states_count(span: str) -> bool:
    """A digit or a number word (दो, सैकड़ों) in a gold span: it gives a count."""
    return any(ch.isdigit() for ch in span) or bool(extract_quantities(span))


def _fmt(v) -> str:
    return "None" if v is None else f"{v:,.2f}".rstrip("0").rstrip(".")


def report(name: str, res: dict, peers: bool) -> None:
    """The figure lines of one split, prefixed "A ", "B " or "" (all)."""
    tot = res["tot"]
    pre = f"{name} " if name != "all" else ""

    def prf_lines(key: str, label: str) -> None:
        p, r, f1 = prf(*tot[key])
        print(f"{pre}{label} precision: {p:.3f}")
        print(f"{pre}{label} recall: {r:.3f}")
        print(f"{pre}{label} F1: {f1:.3f}")

    print(f"{pre}documents: {res['docs']}")
    print(f"{pre}time gold spans: {tot['time'][3]}")
    print(f"{pre}time predicted spans: {tot['time'][1]}")
    prf_lines("person", "person-count")
    prf_lines("cas_all", "casualty incl. damage")
    if peers:
        prf_lines("dp", "dateparser.search_dates time")
    print(f"{pre}casualty gold spans: {tot['cas'][3]}")
    prf_lines("cas", "casualty (people)")
    print(f"{pre}casualty numbers gold spans: {tot['cas_num'][3]}")
    prf_lines("cas_num", "casualty numbers")
    prf_lines("time", "time")
    p, r, f1 = prf(*tot["event_annotated"])
    # about a fifth of the documents have no TIME-ARG at all: this is the figure on the rest
    print(f"{pre}event time F1 on documents with a TIME-ARG: {f1:.3f} (P {p:.3f} R {r:.3f})")
    print(f"{pre}event time predicted spans: {tot['event'][1]}")
    prf_lines("event", "event time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(SHARED / "data" / "fire-cmee-hi" / "train"))
    ap.add_argument("--sample", type=int, default=0, help="print N random extractions for a hand check")
    ap.add_argument("--split", choices=["A", "B", "all"], default="all",
                    help="half the --sample and --errors lists are drawn from")
    ap.add_argument("--errors", type=int, default=0,
                    help="print N random false positives and negatives per figure (of --split)")
    ap.add_argument("--peers", action="store_true", help="also score dateparser.search_dates (slow)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    files = sorted(p for p in Path(args.data).iterdir() if p.is_file())
    results = {name: evaluate(half(files, name), args.peers) for name in ("A", "B")}
    merged = {"tot": {k: [a + b for a, b in zip(results["A"]["tot"][k], results["B"]["tot"][k])]
                      for k in results["A"]["tot"]}, "docs": len(files)}
    for k in ("extracted", "ev_sample", "cas_sample", "errors"):
        merged[k] = results["A"][k] + results["B"][k]
    results["all"] = merged
    chosen = results[args.split]
    if args.sample:
        random.seed(args.seed)
        for text, value, gran, ctx in random.sample(chosen["extracted"], min(args.sample, len(chosen["extracted"]))):
            print(f"sample: {text!r} -> {value} ({gran})  | {ctx}")
        for text, value, gran, ctx in random.sample(chosen["ev_sample"], min(args.sample, len(chosen["ev_sample"]))):
            print(f"event-sample: {text!r} -> {value} ({gran})  | {ctx}")
        for text, what, ctx in random.sample(chosen["cas_sample"], min(args.sample, len(chosen["cas_sample"]))):
            print(f"casualty-sample: {text!r} -> {what}  | {ctx}")
    if args.errors:
        random.seed(args.seed)
        for key in ("time", "event", "cas"):
            for kind in ("FP", "FN"):
                errs = [e for e in chosen["errors"] if e[0] == key and e[1] == kind]
                for e in random.sample(errs, min(args.errors, len(errs))):
                    print(f"error {key} {kind}: [{e[3]}] | {e[4]} <<{e[3]}>> {e[5]}")
    report("A", results["A"], args.peers)
    report("B", results["B"], args.peers)
    report("all", results["all"], args.peers)


if __name__ == "__main__":
    main()
