"""Per-report facts: JSON round trip, and stale facts refused."""

import importlib.util
import json
from datetime import datetime
from pathlib import Path

from khabar.analysis.facts import compute_facts, load_facts, report_facts

FIX = Path(__file__).parent / "fixtures" / "summary"
_spec = importlib.util.spec_from_file_location("summary_seeds", FIX / "seeds.py")
seeds = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seeds)


def test_facts_round_trip_through_json():
    a = seeds.seed_articles()[0]
    raw = json.loads(json.dumps(report_facts(a)))
    typed = load_facts(raw, a)
    fresh = compute_facts(a)
    assert typed.times == fresh.times and typed.quantities == fresh.quantities
    assert typed.claims == fresh.claims and typed.claims


def test_facts_read_against_another_date_are_refused():
    a = seeds.seed_articles()[0]
    raw = report_facts(a)
    a.published = datetime(1999, 1, 1)
    assert load_facts(raw, a) is None
