"""Time expressions and casualty counts against FIRE 2018 CMEE Hindi gold spans.

    PYTHONPATH=src python eval/dates.py [DATA_DIR] [--sample 30] [--peers]

Scored: the general time tagger (find_times), its event-anchored subset (find_event_times)
against TIME-ARG; casualty figures (casualties) and, for comparison, every count of a
person-like thing against CASUALTIES-ARG.

Every file in the folder is read (about 190 are not named *.xml). A prediction matches a
gold span when they overlap. The gold marks a TIME-ARG only where a time belongs to an
annotated event, so precision understates a general tagger: recall is the figure to
watch, and --sample prints extracted expressions with their values for a hand check.
The data set is INTERNAL: nothing from it is written anywhere.
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

from khabar.lang.hi import claimwords as HC  # noqa: E402
from khabar.steps.extract.dates import find_event_times, find_times  # noqa: E402
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(SHARED / "data" / "fire-cmee-hi" / "train"))
    ap.add_argument("--sample", type=int, default=0, help="print N random extractions for a hand check")
    ap.add_argument("--peers", action="store_true", help="also score dateparser.search_dates (slow)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    files = sorted(p for p in Path(args.data).iterdir() if p.is_file())
    t_tot = [0, 0, 0, 0]
    e_tot = [0, 0, 0, 0]
    ev_sample = []
    c_tot = [0, 0, 0, 0]
    p_tot = [0, 0, 0, 0]
    a_tot = [0, 0, 0, 0]
    cas_sample = []
    d_tot = [0, 0, 0, 0]
    extracted = []
    for f in files:
        text, gold = read_doc(f.read_text(encoding="utf-8", errors="replace"))
        times = find_times(text, None)
        pred_t = [(t.start, t.end) for t in times]
        extracted += [(t.text, t.value, t.granularity, text[max(0, t.start - 40): t.end + 40]) for t in times]
        for i, v in enumerate(score(pred_t, gold["TIME-ARG"])):
            t_tot[i] += v
        ev = find_event_times(text, times)
        ev_sample += [(t.text, t.value, t.granularity, text[max(0, t.start - 60): t.end + 60]) for t in ev]
        for i, v in enumerate(score([(t.start, t.end) for t in ev], gold["TIME-ARG"])):
            e_tot[i] += v
        qs = extract_quantities(text, skip=pred_t)
        pred_p = [(q.start, q.end) for q in qs if q.unit in HC.PERSON_LEMMAS]
        for i, v in enumerate(score(pred_p, gold["CASUALTIES-ARG"])):
            p_tot[i] += v
        cas = casualties(text, qs)
        for i, v in enumerate(score([(c.start, c.end) for c in cas], gold["CASUALTIES-ARG"])):
            a_tot[i] += v
        cas = [c for c in cas if c.kind != "damaged"]
        pred_c = [(c.start, c.end) for c in cas]
        cas_sample += [(c.text, f"{c.kind} {c.value:,.2f}".rstrip("0").rstrip(".") + f" {c.hedge}".rstrip(), text[max(0, c.start - 40): c.end + 40])
                       for c in cas]
        for i, v in enumerate(score(pred_c, gold["CASUALTIES-ARG"])):
            c_tot[i] += v
        if args.peers:
            import dateparser.search as dps

            found = dps.search_dates(text, languages=["hi", "en"]) or []
            spans, at = [], 0
            for s, _ in found:
                i = text.find(s, at)
                if i >= 0:
                    spans.append((i, i + len(s)))
                    at = i + len(s)
            for i, v in enumerate(score(spans, gold["TIME-ARG"])):
                d_tot[i] += v
    if args.sample:
        random.seed(args.seed)
        for text, value, gran, ctx in random.sample(extracted, min(args.sample, len(extracted))):
            print(f"sample: {text!r} -> {value} ({gran})  | {ctx}")
        for text, value, gran, ctx in random.sample(ev_sample, min(args.sample, len(ev_sample))):
            print(f"event-sample: {text!r} -> {value} ({gran})  | {ctx}")
        for text, what, ctx in random.sample(cas_sample, min(args.sample, len(cas_sample))):
            print(f"casualty-sample: {text!r} -> {what}  | {ctx}")
    print(f"documents: {len(files)}")
    print(f"time gold spans: {t_tot[3]}")
    print(f"time predicted spans: {t_tot[1]}")
    pp, pr, pf = prf(*p_tot)
    print(f"person-count precision: {pp:.3f}")
    print(f"person-count recall: {pr:.3f}")
    print(f"person-count F1: {pf:.3f}")
    ap, ar, af = prf(*a_tot)
    print(f"casualty incl. damage precision: {ap:.3f}")
    print(f"casualty incl. damage recall: {ar:.3f}")
    print(f"casualty incl. damage F1: {af:.3f}")
    cp, cr, cf = prf(*c_tot)
    print(f"casualty gold spans: {c_tot[3]}")
    print(f"casualty (people) precision: {cp:.3f}")
    print(f"casualty (people) recall: {cr:.3f}")
    print(f"casualty (people) F1: {cf:.3f}")
    if args.peers:
        dp, dr, df = prf(*d_tot)
        print(f"dateparser.search_dates time precision: {dp:.3f}")
        print(f"dateparser.search_dates time recall: {dr:.3f}")
        print(f"dateparser.search_dates time F1: {df:.3f}")
    p, r, f1 = prf(*t_tot)
    print(f"time precision: {p:.3f}")
    print(f"time recall: {r:.3f}")
    print(f"time F1: {f1:.3f}")
    ep, er, ef = prf(*e_tot)
    print(f"event time predicted spans: {e_tot[1]}")
    print(f"event time precision: {ep:.3f}")
    print(f"event time recall: {er:.3f}")
    print(f"event time F1: {ef:.3f}")


if __name__ == "__main__":
    main()
