import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "claims"))

from pipeline import run  # noqa: E402

from khabar.analysis.timeline import build_timeline  # noqa: E402


def _timeline():
    arts, times, claims = run()
    return build_timeline(arts, times, claims)


def _at(events, d):
    return [e for e in events if e.date == d and not e.label.startswith("रिपोर्ट")]


def test_seed_timeline_main_events():
    ev = _timeline()
    summit = _at(ev, "2024-06-19")
    assert summit and any("प्योंगयांग" in s[2] for s in summit[0].support)
    assert {s[0] for s in summit[0].support} >= {"001", "004"}
    assert "सौंप" in " ".join(s[2] for s in _at(ev, "2024-10-15")[0].support)
    nov9 = _at(ev, "2024-11-09")[0]
    assert nov9.label.startswith("हस्ताक्षर") and "पुतिन" in nov9.label
    assert {s[0] for s in nov9.support} >= {"001", "003"}
    nov12 = _at(ev, "2024-11-12")[0]
    assert "किम" in nov12.label
    assert [e.date for e in ev] == sorted(e.date for e in ev)


def test_seed_timeline_background_and_reports():
    ev = _timeline()
    bg = {e.date for e in ev if e.background}
    assert bg >= {"2022-02", "2023-09", "1961"}
    assert not any(e.background for e in _at(ev, "2024-06-19"))
    reports = [e for e in ev if e.label.startswith("रिपोर्ट")]
    assert any(e.date == "2024-06-20" and not e.inferred for e in reports)


def test_analyse_story_runs_the_whole_chain():
    from seeds import load_seeds

    from khabar.analysis.story import analyse_story
    from khabar.steps.extract.dates import infer_publication

    arts = load_seeds()
    for a in arts:
        pub, how = infer_publication(a, [])
        if how == "stamp":
            a.published = pub
    out = analyse_story(arts)
    assert out.publication["004"][1] == "metadata"
    assert out.publication["003"][0].date().isoformat() == "2024-11-09"
    assert any(c.kind == "value" for c in out.conflicts)
    assert any(e.date == "2024-10-15" for e in out.timeline)


def test_dates_of_plans_and_readings_are_no_events():
    from datetime import datetime

    from khabar.model import Article
    from khabar.steps.extract.dates import extract_times

    text = ("सोमवार को जिले में भूकंप के झटके महसूस किए गए। जिलाधिकारी ने बताया कि राहत "
            "शिविर लगाए जा रहे हैं। नुकसान के आकलन के लिए समिति की बैठक शुक्रवार को होगी।")
    a = Article("t1", text, clean_text=text, published=datetime(2024, 11, 13))
    events = build_timeline([a], {"t1": extract_times(a)})
    dated = [e.date for e in events if not e.label.startswith("रिपोर्ट")]
    assert dated == ["2024-11-11"]  # the earthquake; not the meeting on Friday 15th
