"""Exact and near-duplicate detection (reprints, syndicated copies).

Exact copies share the content hash of their folded token sequence, so punctuation,
spacing, nukta, ZWJ, chandrabindu and digit-script differences do not hide a reprint.
Near copies are found with MinHash signatures over word shingles and LSH banding,
and every candidate is verified by its estimated Jaccard similarity (the share of
agreeing signature values) before it is linked.

A copy is linked to the earliest-added document it matches, its original. The index
is incremental and holds no I/O: a store persists `records()` (key, content hash,
signature bytes) and rebuilds with `DuplicateIndex.from_signatures`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from khabar.config import DedupSettings
from khabar.model import Article, DuplicateLink
from khabar.dedup.minhash import MinHasher, TokenFolder, match_tokens, optimal_bands

SIG_DTYPE = np.dtype("<u4")  # signature values; little-endian so BLOBs travel between machines
_EMPTY_HASH = hashlib.blake2b(b"", digest_size=16).hexdigest()
_SUB_BATCH = 8192  # documents per pass of the insert loop
_FREEZE_AT = 1 << 18  # dict-tier bucket entries before they move to the sorted tier


def content_hash(text: str) -> str:
    """Hex digest of the folded token sequence: equal for exact reprints that differ
    only in punctuation, spacing, nukta/ZWJ/chandrabindu or digit script."""
    return _hash_tokens(match_tokens(text))


def _hash_tokens(toks: Sequence[str]) -> str:
    # tokens never contain spaces, so joining on one is unambiguous
    return hashlib.blake2b(" ".join(toks).encode("utf-8"), digest_size=16).hexdigest()


def signature_to_bytes(sig: np.ndarray) -> bytes:
    """A signature as a BLOB (num_perm little-endian uint32 values)."""
    return np.ascontiguousarray(sig, dtype=SIG_DTYPE).tobytes()


def signature_from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=SIG_DTYPE).astype(np.uint32)


@dataclass(frozen=True)
class IndexRecord:
    """What a store keeps per indexed document to rebuild the index."""

    key: str
    content_hash: str
    signature: bytes


class DuplicateIndex:
    """Incremental exact + near-duplicate index. Example::

        idx = DuplicateIndex(settings.dedup)
        idx.add("a", text)   # None: nothing earlier matches
        idx.add("b", text)   # DuplicateLink("b", "a", "exact", 1.0)

    Results do not depend on how documents are split into `add`/`add_many` calls.
    """

    def __init__(self, settings: DedupSettings | None = None):
        self.settings = settings or DedupSettings()
        s = self.settings
        self.hasher = MinHasher(s.num_perm, s.shingle_words, s.seed)
        self._fold = TokenFolder()
        self.num_perm = s.num_perm
        self.threshold = s.threshold
        self.bands, self.rows = optimal_bands(s.threshold, s.num_perm, s.lsh_fp_weight, s.lsh_fn_weight)
        # agreeing values needed; the epsilon keeps 0.8 * 128 = 102.4 -> 103, not 102
        self._need = max(1, math.ceil(s.threshold * s.num_perm - 1e-9))
        rng = np.random.default_rng([s.seed, 0xBA4D])
        self._band_mult = rng.integers(1, 1 << 63, (self.bands, self.rows), dtype=np.uint64) | np.uint64(1)
        self._band_salt = rng.integers(0, 1 << 63, self.bands, dtype=np.uint64)
        self._keys: list[str] = []
        self._pos: dict[str, int] = {}
        self._hashes: list[str] = []
        self._sigs = np.empty((0, self.num_perm), dtype=np.uint32)
        self._exact: dict[str, int] = {}
        # LSH buckets in two tiers. Recent inserts: band key -> doc position (int) or
        # positions (list); most buckets hold one document, so a bare int saves a
        # list. Older ones are merged into sorted arrays (16 bytes an entry instead
        # of ~90 in a dict) once the dict holds _FREEZE_AT entries.
        self._buckets: dict[int, int | list[int]] = {}
        # the dict tier's (key, position) pairs in insertion order, so that merging
        # it into the sorted tier needs no walk over the dict
        self._recent_keys: list[int] = []
        self._recent_pos: list[int] = []
        self._fz_keys = np.empty(0, dtype=np.uint64)
        self._fz_pos = np.empty(0, dtype=np.int64)
        self._links: dict[str, DuplicateLink] = {}

    # -- public API ---------------------------------------------------------

    @property
    def scheme(self) -> str:
        """Everything a stored signature depends on; store it next to the BLOBs and
        rebuild from them only under the same scheme."""
        return self.hasher.scheme

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return key in self._pos

    def signature(self, text: str) -> np.ndarray:
        """MinHash signature of one text: (num_perm,) uint32."""
        return self.hasher.signatures([self._fold(text)])[0]

    def add(self, key: str, text: str) -> DuplicateLink | None:
        """Index one document; return its link to the earliest matching document."""
        return self.add_many([(key, text)])[0]

    def add_many(self, items: Iterable[tuple[str, str]]) -> list[DuplicateLink | None]:
        """Index documents in order (signatures computed as one batch); one result
        per item. A key already indexed is not re-indexed: its earlier link (or None)
        is returned. A text without tokens is not indexed and returns None."""
        items = list(items)
        toks = [self._fold(text) for _, text in items]
        sigs = self.hasher.signatures(toks)
        hashes = [_hash_tokens(t) for t in toks]
        return self._insert([k for k, _ in items], sigs, hashes, link=True)

    def add_signatures(
        self, keys: Sequence[str], sigs: np.ndarray, hashes: Sequence[str] | None = None
    ) -> list[DuplicateLink | None]:
        """Index precomputed signatures (e.g. made in worker processes) with links."""
        sigs = self._check_sigs(keys, sigs)
        return self._insert(list(keys), sigs, self._check_hashes(keys, hashes), link=True)

    def matches(self, text_or_sig: str | np.ndarray, *, exclude: str | None = None) -> list[tuple[str, float]]:
        """Indexed documents whose estimated Jaccard with this text (or signature)
        reaches the threshold, earliest first, without indexing it. Exact copies
        added after their original are not bucketed: the original stands for them."""
        sig = self.signature(text_or_sig) if isinstance(text_or_sig, str) else np.asarray(text_or_sig, np.uint32)
        bks = self._band_keys(sig[None, :])
        cands = self._frozen_candidates(bks)[0]
        for bk in bks[0].tolist():
            v = self._buckets.get(bk)
            if v is None:
                continue
            if isinstance(v, int):
                cands.add(v)
            else:
                cands.update(v)
        skip = self._pos.get(exclude) if exclude is not None else None
        cands.discard(skip)
        out = []
        for pos, agree in self._verify(sig, cands):
            out.append((self._keys[pos], agree / self.num_perm))
        return out

    def link_of(self, key: str) -> DuplicateLink | None:
        """The link made when `key` was added (None for originals and for keys
        loaded through `from_signatures`)."""
        return self._links.get(key)

    def root(self, key: str) -> str:
        """The first report of `key`'s chain of links (copy of a copy of ...)."""
        seen = {key}
        while (lk := self._links.get(key)) is not None and lk.original not in seen:
            key = lk.original
            seen.add(key)
        return key

    def records(self) -> Iterator[IndexRecord]:
        """(key, content hash, signature BYTES) of every indexed document, in the
        order they were added: what a store persists."""
        for key in self._keys:
            yield self.record_of(key)

    def record_of(self, key: str) -> IndexRecord:
        """What to persist for one document right after adding it."""
        pos = self._pos[key]
        return IndexRecord(key, self._hashes[pos], signature_to_bytes(self._sigs[pos]))

    def signature_of(self, key: str) -> np.ndarray:
        return self._sigs[self._pos[key]].copy()

    @classmethod
    def from_signatures(
        cls,
        keys: Sequence[str],
        sigs: np.ndarray | Sequence[bytes],
        content_hashes: Sequence[str] | None = None,
        settings: DedupSettings | None = None,
    ) -> DuplicateIndex:
        """Rebuild an index from persisted signatures (arrays or BLOBs), in the
        order the documents were first added. With their content hashes, later
        exact copies are reported as "exact"; without, as "near" at similarity 1."""
        idx = cls(settings)
        sigs = idx._check_sigs(keys, sigs)
        idx._insert(list(keys), sigs, idx._check_hashes(keys, content_hashes), link=False)
        return idx

    def run(self, articles: Iterable[Article], batch: int = 512) -> Iterator[tuple[Article, DuplicateLink | None]]:
        """Pipeline step: set `content_hash` on each article and yield it with its
        link, keyed by `external_id`."""
        buf: list[Article] = []
        for art in articles:
            buf.append(art)
            if len(buf) >= batch:
                yield from self._run_batch(buf)
                buf = []
        if buf:
            yield from self._run_batch(buf)

    # -- internals ----------------------------------------------------------

    def _run_batch(self, arts: list[Article]) -> Iterator[tuple[Article, DuplicateLink | None]]:
        texts = [_article_text(a) for a in arts]
        toks = [self._fold(t) for t in texts]
        hashes = [_hash_tokens(t) for t in toks]
        links = self._insert([a.external_id for a in arts], self.hasher.signatures(toks), hashes, link=True)
        for art, h, lk in zip(arts, hashes, links):
            art.content_hash = h
            yield art, lk

    def _check_sigs(self, keys: Sequence[str], sigs) -> np.ndarray:
        if not isinstance(sigs, np.ndarray):
            sigs = [signature_from_bytes(s) if isinstance(s, (bytes, bytearray, memoryview)) else s for s in sigs]
            sigs = np.array(sigs, dtype=np.uint32).reshape(len(keys), -1)
        sigs = np.asarray(sigs, dtype=np.uint32)
        if sigs.ndim != 2 or sigs.shape != (len(keys), self.num_perm):
            raise ValueError(
                f"signatures have shape {sigs.shape}, expected ({len(keys)}, {self.num_perm}); "
                f"were they made under scheme {self.scheme}?"
            )
        return sigs

    @staticmethod
    def _check_hashes(keys: Sequence[str], hashes: Sequence[str] | None) -> list[str | None]:
        if hashes is None:
            return [None] * len(keys)
        if len(hashes) != len(keys):
            raise ValueError(f"{len(hashes)} content hashes for {len(keys)} keys")
        return list(hashes)

    def _band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """(n, bands) uint64 bucket keys, one per band of each signature."""
        used = sigs[:, : self.bands * self.rows].astype(np.uint64).reshape(-1, self.bands, self.rows)
        with np.errstate(over="ignore"):
            keys = (used * self._band_mult).sum(axis=2, dtype=np.uint64) + self._band_salt
        # 60 bits keep each Python int key in the dict tier at 32 bytes
        return keys >> np.uint64(4)

    def _frozen_candidates(self, bks: np.ndarray) -> list[set[int]]:
        """Positions in the sorted tier sharing a band with each row of `bks`."""
        out: list[set[int]] = [set() for _ in range(len(bks))]
        if not len(self._fz_keys):
            return out
        flat = bks.ravel()
        lo = np.searchsorted(self._fz_keys, flat, side="left")
        # most band keys are new: find the hits first, then the ends of their runs only
        hit = np.flatnonzero(self._fz_keys[np.minimum(lo, len(self._fz_keys) - 1)] == flat)
        if not len(hit):
            return out
        hi = np.searchsorted(self._fz_keys, flat[hit], side="right")
        for f, a, b in zip(hit.tolist(), lo[hit].tolist(), hi.tolist()):
            out[f // self.bands].update(self._fz_pos[a:b].tolist())
        return out

    def _freeze(self) -> None:
        """Merge the dict tier into the sorted tier."""
        if not self._recent_keys:
            return
        nk = np.array(self._recent_keys, dtype=np.uint64)
        npos = np.array(self._recent_pos, dtype=np.int64)
        self._buckets = {}
        self._recent_keys, self._recent_pos = [], []
        order = np.argsort(nk, kind="stable")
        nk, npos = nk[order], npos[order]
        at = np.searchsorted(self._fz_keys, nk)
        self._fz_keys = np.insert(self._fz_keys, at, nk)
        self._fz_pos = np.insert(self._fz_pos, at, npos)

    def _verify(self, sig: np.ndarray, cands: set[int]) -> list[tuple[int, int]]:
        if not cands:
            return []
        pos = np.fromiter(sorted(cands), dtype=np.int64, count=len(cands))
        agree = np.count_nonzero(self._sigs[pos] == sig, axis=1)
        ok = agree >= self._need
        return list(zip(pos[ok].tolist(), agree[ok].tolist()))

    def _grow(self, extra: int) -> None:
        need = len(self._keys) + extra
        if need > self._sigs.shape[0]:
            cap = max(need, 2 * self._sigs.shape[0], 1024)
            grown = np.empty((cap, self.num_perm), dtype=np.uint32)
            grown[: len(self._keys)] = self._sigs[: len(self._keys)]
            self._sigs = grown

    def _insert(
        self, keys: list[str], sigs: np.ndarray, hashes: list[str | None], *, link: bool
    ) -> list[DuplicateLink | None]:
        self._grow(len(keys))
        out: list[DuplicateLink | None] = []
        for start in range(0, len(keys), _SUB_BATCH):
            stop = start + _SUB_BATCH
            out.extend(self._insert_part(keys[start:stop], sigs[start:stop], hashes[start:stop], link))
        return out

    def _insert_part(
        self, keys: list[str], sigs: np.ndarray, hashes: list[str | None], link: bool
    ) -> list[DuplicateLink | None]:
        bks = self._band_keys(sigs)
        band_keys = bks.tolist()
        # the sorted tier does not change within a part, so it is searched once for all
        frozen = self._frozen_candidates(bks) if link else None
        blank = (sigs == np.uint32(0xFFFFFFFF)).all(axis=1)  # no tokens: matches nothing
        buckets = self._buckets
        recent_keys, recent_pos = self._recent_keys, self._recent_pos
        out: list[DuplicateLink | None] = []
        for i, key in enumerate(keys):
            if key in self._pos:
                out.append(self._links.get(key))
                continue
            h = hashes[i]
            if h == _EMPTY_HASH or blank[i]:
                out.append(None)
                continue
            pos = len(self._keys)
            self._keys.append(key)
            self._pos[key] = pos
            self._hashes.append(h or "")
            sig = sigs[i]
            self._sigs[pos] = sig
            result = None
            first = self._exact.get(h) if h else None
            if first is not None:
                # an exact copy adds nothing to the buckets: its original, which is
                # earlier and has the same signature, answers every later query
                result = DuplicateLink(key, self._keys[first], "exact", 1.0)
            elif not link:
                if h:
                    self._exact[h] = pos
                # rebuilding: nothing to link, so the part goes straight to the sorted tier
                recent_keys.extend(band_keys[i])
                recent_pos.extend([pos] * self.bands)
            else:
                if h:
                    self._exact[h] = pos
                cands = frozen[i]
                recent_keys.extend(band_keys[i])
                recent_pos.extend([pos] * self.bands)
                for bk in band_keys[i]:
                    v = buckets.get(bk)
                    if v is None:
                        buckets[bk] = pos
                    elif isinstance(v, int):
                        cands.add(v)
                        buckets[bk] = [v, pos]
                    else:
                        cands.update(v)
                        v.append(pos)
                if cands:
                    hits = self._verify(sig, cands)
                    if hits:
                        j, agree = hits[0]  # sorted: the earliest matching document
                        result = DuplicateLink(key, self._keys[j], "near", agree / self.num_perm)
            if link and result is not None:
                self._links[key] = result
            out.append(result)
        if not link or len(recent_keys) >= _FREEZE_AT:
            self._freeze()
        return out


def _article_text(article: Article) -> str:
    body = article.clean_text or article.raw_text
    return f"{article.title}\n{body}" if article.title else body
