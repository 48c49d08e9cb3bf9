"""Time-expression extraction speed per report: khabar vs dateparser.search_dates.

    PYTHONPATH=src python bench/dates.py [DATA_DIR] [--limit 200]

Reads the FIRE CMEE Hindi documents as plain text (tokens joined by spaces; INTERNAL data,
nothing is written). Prints median and mean milliseconds per report for both, the headline
ratio (dateparser median / khabar median) last.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.steps.extract.dates import find_times  # noqa: E402
from khabar.steps.extract.dates import find_event_times  # noqa: E402
from khabar.steps.extract.quantities import casualties, extract_quantities  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def _reader():
    spec = importlib.util.spec_from_file_location("eval_dates", ROOT / "eval" / "dates.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.read_doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(SHARED / "data" / "fire-cmee-hi" / "train"))
    ap.add_argument("--limit", type=int, default=200, help="reports to time (dateparser is slow)")
    args = ap.parse_args()
    read_doc = _reader()
    files = sorted(p for p in Path(args.data).iterdir() if p.is_file())[: args.limit]
    texts = [read_doc(f.read_text(encoding="utf-8", errors="replace"))[0] for f in files]
    import dateparser.search as dps

    find_times(texts[0], None)  # warm the compiled patterns
    dps.search_dates(texts[0][:200], languages=["hi", "en"])
    ours, ours_q, theirs = [], [], []
    for text in texts:
        t0 = time.perf_counter()
        times = find_times(text, None)
        t1 = time.perf_counter()
        qs = extract_quantities(text, skip=[(t.start, t.end) for t in times])
        casualties(text, qs)
        find_event_times(text, times)
        t2 = time.perf_counter()
        dps.search_dates(text, languages=["hi", "en"])
        t3 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        ours_q.append((t2 - t0) * 1000)
        theirs.append((t3 - t2) * 1000)
    print(f"reports: {len(texts)}")
    print(f"mean characters per report: {statistics.mean(len(t) for t in texts):.0f}")
    print(f"khabar times median ms/report: {statistics.median(ours):.2f}")
    print(f"khabar times mean ms/report: {statistics.mean(ours):.2f}")
    print(f"khabar times+event times+quantities+casualties median ms/report: {statistics.median(ours_q):.2f}")
    print(f"dateparser.search_dates median ms/report: {statistics.median(theirs):.2f}")
    print(f"dateparser.search_dates mean ms/report: {statistics.mean(theirs):.2f}")
    print(f"speed ratio (dateparser median / khabar times median): {statistics.median(theirs) / statistics.median(ours):.1f}")


if __name__ == "__main__":
    main()
