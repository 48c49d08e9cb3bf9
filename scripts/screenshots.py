"""Screenshots of the seed story page at desktop (1280 px) and phone (390 px) width,
written to docs/screenshots/ (referenced from docs/web.md).

    PYTHONPATH=src python scripts/screenshots.py [SEEDS_DIR] [OUT_DIR]

Ingests the seeds (default examples/seeds) into a throwaway database, serves it on
127.0.0.1 and drives Debian's /usr/bin/chromium through Playwright (no browser download).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(argv: list[str]) -> int:
    seeds = Path(argv[0]) if argv else REPO / "examples" / "seeds"
    out = Path(argv[1]) if len(argv) > 1 else REPO / "docs" / "screenshots"
    chromium = os.environ.get("KHABAR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    from khabar.api.local_server import serving
    from khabar.pipeline import ingest_paths
    from khabar.store import open_store

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="khabar-shots-") as tmp:
        db = str(Path(tmp) / "seeds.db")
        store = open_store(db)
        try:
            ingest_paths(store, [str(seeds)])
            story = store.list_stories(order="largest", limit=1)[0].id
        finally:
            store.close()
        with serving(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            for name, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                page.goto(f"{base}/stories/{story}")
                page.evaluate("document.fonts.ready")
                path = out / f"story-{name}.png"
                page.screenshot(path=str(path), full_page=False)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                print(f"{name}_width: {width}")
                print(f"{name}_scroll_width: {scroll}")  # wider than the viewport = sideways scrolling
                print(f"{name}_screenshot: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
