"""Vectorised MinHash over word shingles, and LSH band parameters.

A document becomes match-key-folded tokens, then word k-shingles hashed to 64 bits
with a rolling polynomial over stable per-token hashes, then a MinHash signature of
`num_perm` 32-bit values. Signatures for a whole batch are computed at once: all
shingle hashes of the batch sit in one array, every permutation is applied with one
broadcast multiply-add, and `np.minimum.reduceat` takes the per-document minima.

The permutations are affine maps h -> a*h + b (mod 2^32, `a` odd, so each is a
bijection) applied to shingle hashes that went through the MurmurHash3 64-bit
finaliser; datasketch's default "affine32" scheme uses the same family.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain

import numpy as np

from khabar.text.normalize import match_key, tokens

# Bumped whenever any hashing detail below changes: stored signatures made under
# another scheme cannot be compared with new ones.
SCHEME = "khabar-minhash32-v1"

_MAX32 = np.uint32(0xFFFFFFFF)
_POLY = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of the rolling shingle hash
_SHORT_SALT = np.uint64(0x5851F42D4C957F2D)  # keeps a short-document shingle apart from k-shingles
# Shingles per chunk: bounds the (num_perm x chunk) uint32 work array (~8 MB at 128).
_CHUNK = 16384
_TOKEN_CACHE_MAX = 2_000_000
_BATCH_TOKENS = 1 << 18


def match_tokens(text: str) -> list[str]:
    """Match-key-folded word and number tokens of `text` (Devanagari-correct)."""
    return tokens(match_key(text))


class TokenFolder:
    """`match_tokens` with a memo per whitespace-separated chunk: each distinct
    chunk ("है।", "कोरोना") is tokenised and folded once, instead of running the
    token regex and the folding over every whole text.

    A token never spans whitespace, so tokenising chunk by chunk gives the same
    tokens. ZWJ/ZWNJ are removed first, as `match_key` removes them and a joiner
    inside a word must not split it. The result equals `match_tokens(text)`.
    """

    def __init__(self, max_size: int = _TOKEN_CACHE_MAX):
        self._memo: dict[str, tuple[str, ...]] = {}
        self._max = max_size

    def __call__(self, text: str) -> list[str]:
        memo = self._memo
        if len(memo) > self._max:
            memo.clear()
        chunks = text.replace("\u200d", "").replace("\u200c", "").split()
        for chunk in set(chunks).difference(memo):
            memo[chunk] = tuple(match_key(t) for t in tokens(chunk))
        return list(chain.from_iterable(map(memo.__getitem__, chunks)))


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3 finaliser: an avalanching bijection on uint64."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


class MinHasher:
    """Computes MinHash signatures (uint32, `num_perm` values) for token lists.

    Signatures depend only on the token sequence, `num_perm`, `shingle_words` and
    `seed`, never on which other documents share a batch.
    """

    def __init__(self, num_perm: int = 128, shingle_words: int = 5, seed: int = 1):
        if num_perm < 1 or shingle_words < 1:
            raise ValueError("num_perm and shingle_words must be >= 1")
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.seed = seed
        rng = np.random.default_rng(seed)
        self._a = (rng.integers(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1))[:, None]
        self._b = rng.integers(0, 1 << 32, num_perm, dtype=np.uint64).astype(np.uint32)[:, None]
        self._powers = np.array(
            [pow(int(_POLY), shingle_words - 1 - i, 1 << 64) for i in range(shingle_words)], dtype=np.uint64
        )
        # token -> stable 64-bit hash; Python's hash() is salted per process, and
        # signatures are persisted, so a keyed digest is used and memoised.
        self._token_hash: dict[str, int] = {}

    @property
    def scheme(self) -> str:
        """Names everything a stored signature depends on."""
        return f"{SCHEME}:perm={self.num_perm}:k={self.shingle_words}:seed={self.seed}"

    def _hash_tokens(self, docs: Sequence[Sequence[str]], total: int) -> np.ndarray:
        cache = self._token_hash
        if len(cache) > _TOKEN_CACHE_MAX:
            cache.clear()
        for w in set(chain.from_iterable(docs)).difference(cache):
            cache[w] = int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
        return np.fromiter(map(cache.__getitem__, chain.from_iterable(docs)), dtype=np.uint64, count=total)

    def shingle_hashes(self, docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """64-bit hashes of each document's word k-shingles, concatenated, and the
        offsets (len(docs)+1) where each document's run starts.

        A document shorter than k tokens (but not empty) gets one shingle of all
        its tokens, so short notices still match their copies.
        """
        k = self.shingle_words
        lens = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        total = int(lens.sum())
        th = self._hash_tokens(docs, total)
        tok_off = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum(lens, out=tok_off[1:])
        nsh = np.where(lens >= k, lens - k + 1, np.minimum(lens, 1))
        sh_off = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum(nsh, out=sh_off[1:])
        out = np.empty(int(sh_off[-1]), dtype=np.uint64)
        with np.errstate(over="ignore"):
            full = lens >= k
            # only documents of k tokens or more have k-shingles; a batch of short
            # ones may still hold k tokens in all, and then there is nothing to roll
            if full.any():
                rolled = np.zeros(total - k + 1, dtype=np.uint64)
                for i in range(k):
                    rolled += th[i : total - k + 1 + i] * self._powers[i]
                # start position of every shingle that stays inside its document
                reps = nsh[full]
                base = np.repeat(tok_off[:-1][full], reps)
                within = np.arange(int(reps.sum()), dtype=np.int64) - np.repeat(
                    np.concatenate(([0], np.cumsum(reps)[:-1])), reps
                )
                dest = np.repeat(sh_off[:-1][full], reps) + within
                out[dest] = rolled[base + within]
            for d in np.flatnonzero((lens > 0) & (lens < k)):
                seg = th[tok_off[d] : tok_off[d + 1]]
                out[sh_off[d]] = (seg * self._powers[k - len(seg) :]).sum(dtype=np.uint64) ^ _SHORT_SALT
        return _fmix64(out), sh_off

    def signatures(self, docs: Sequence[Sequence[str]]) -> np.ndarray:
        """Signatures of many token lists at once: array (len(docs), num_perm) uint32.

        An empty document gets all values 0xFFFFFFFF (it matches nothing).
        """
        sigs = np.full((len(docs), self.num_perm), _MAX32, dtype=np.uint32)
        # batches of ~_BATCH_TOKENS tokens bound the temporary arrays (~25 MB)
        start, count = 0, 0
        for i, d in enumerate(docs):
            count += len(d)
            if count >= _BATCH_TOKENS:
                sigs[start : i + 1] = self._signatures(docs[start : i + 1])
                start, count = i + 1, 0
        if start < len(docs):
            sigs[start:] = self._signatures(docs[start:])
        return sigs

    def _signatures(self, docs: Sequence[Sequence[str]]) -> np.ndarray:
        hashes, off = self.shingle_hashes(docs)
        # the high half of a fmix64 output is as well mixed as any 32 bits of it
        h32 = (hashes >> np.uint64(32)).astype(np.uint32)
        n = len(docs)
        sigs = np.full((n, self.num_perm), _MAX32, dtype=np.uint32)
        d = 0
        while d < n:
            # take documents until the chunk is full (a long one may exceed it alone)
            e = int(np.searchsorted(off, off[d] + _CHUNK, side="right")) - 1
            e = min(max(e, d + 1), n)
            lo, hi = int(off[d]), int(off[e])
            if hi > lo:
                with np.errstate(over="ignore"):
                    perm = self._a * h32[lo:hi]
                    perm += self._b
                starts = off[d:e] - lo
                nonempty = off[d + 1 : e + 1] > off[d:e]
                # reduceat needs in-range starts; empty documents are masked out after
                starts = np.minimum(starts, hi - lo - 1)
                mins = np.minimum.reduceat(perm, starts, axis=1).T
                sigs[d:e][nonempty] = mins[nonempty]
            d = e
        return sigs

    def signatures_of_texts(self, texts: Iterable[str]) -> np.ndarray:
        return self.signatures([match_tokens(t) for t in texts])


_trapezoid = getattr(np, "trapezoid", None) or np.trapz  # renamed in numpy 2.0


@lru_cache(maxsize=32)
def optimal_bands(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """(bands, rows) minimising the weighted false positive and false negative
    areas of the LSH S-curve around `threshold`, as datasketch's MinHashLSH does."""
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=float)
    b, r = pairs[:, :1], pairs[:, 1:]
    lo = np.linspace(0.0, threshold, 2001)
    hi = np.linspace(threshold, 1.0, 2001)
    # probability that a pair at similarity s shares at least one band: 1 - (1 - s^r)^b
    fp = _trapezoid(1.0 - (1.0 - lo**r) ** b, lo, axis=1)
    fn = _trapezoid((1.0 - hi**r) ** b, hi, axis=1)
    best = int(np.argmin(fp * fp_weight + fn * fn_weight))
    return int(pairs[best, 0]), int(pairs[best, 1])
