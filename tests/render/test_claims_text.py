"""The text rendering of a story's claims says where a place comes from."""

from khabar.render.text import claims_text


def _claim(value, scope, place_from="", ext="r1"):
    return {"external_id": ext, "source": "s", "sentence": 0, "kind": "quantity", "subject": "मामले",
            "value": value, "hedge": "", "scope": scope, "place_from": place_from, "speaker": "",
            "via": "", "text": ""}


def test_a_place_taken_from_the_report_is_marked_as_such():
    data = {"claims": [], "agreements": [], "conflicts": [
        {"subject": "मामले @ ?", "kind": "value", "note": "23 vs 25",
         "claims": [_claim("23", "राजस्थान में", "report"), _claim("25", "बिहार में", ext="r2")]}]}
    text = claims_text(data)
    assert "in राजस्थान में (report's)" in text
    assert "in बिहार में " in text and "बिहार में (report's)" not in text
