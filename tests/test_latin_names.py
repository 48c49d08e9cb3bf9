"""Latin names of Devanagari names by IAST and Hindi reading rules (entities/latin.py)."""

import pytest

from khabar.entities.latin import latin_name


@pytest.mark.parametrize("deva,latin", [
    ("नरेंद्र मोदी", "Narendra Modi"),   # a cluster keeps its final vowel
    ("नीतीश कुमार", "Nitish Kumar"),     # one consonant drops it
    ("अमित शाह", "Amit Shah"),
    ("भारतीय", "Bhartiya"),
    ("केजरीवाल", "Kejrival"),            # a silent inherent vowel mid-word
    ("लॉयड ऑस्टिन", "Loyad Ostin"),       # ऑ read as ओ
    ("अक्षय", "Akshay"),
    ("Putin", "Putin"),                  # Latin passes through
])
def test_latin_name(deva, latin):
    assert latin_name(deva) == latin
