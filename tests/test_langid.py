"""Language identification with lingua (models ship with the package)."""

from __future__ import annotations

import pytest

from khabar.steps import langid
from khabar.steps.langid import detect_language


@pytest.mark.parametrize(
    "text,code",
    [
        ("रूसी राष्ट्रपति व्लादिमीर पुतिन ने उत्तर कोरिया के साथ संधि की पुष्टि की है।", "hi"),
        ("रशियाचे अध्यक्ष व्लादिमीर पुतिन यांनी उत्तर कोरियासोबतच्या कराराला मान्यता दिली आहे.", "mr"),
        ("Russian President Vladimir Putin signed the treaty with North Korea.", "en"),
        ("روس کے صدر ولادیمیر پوتن نے شمالی کوریا کے ساتھ معاہدے پر دستخط کیے", "ur"),
        ("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন চুক্তিতে সই করেছেন", "bn"),
    ],
)
def test_detects(text, code):
    assert detect_language(text) == code


def test_hindi_is_not_called_nepali():
    text = "उत्तर कोरिया के नेता किम जोंग-उन ने बुधवार को युद्ध के लिए पूर्ण समर्थन व्यक्त किया।"
    assert detect_language(text) == "hi"


@pytest.mark.parametrize("text", ["", "   ", "123 456 !!", "।।"])
def test_no_letters_gives_none(text):
    assert detect_language(text) is None


def test_long_text_is_cut_before_detection():
    text = "रूसी राष्ट्रपति ने संधि पर हस्ताक्षर किए। " * 500 + "The end of a long English tail. " * 2000
    assert len(text) > 10 * langid.MAX_CHARS
    assert detect_language(text) == "hi"


def test_detector_is_built_once():
    assert langid._detector() is langid._detector()


def test_short_hindi_with_dots_is_not_marathi():
    # lingua alone calls this Marathi (dots as sentence ends, numbers)
    text = "आज 12 बजे राज्य में मंत्रिमंडल का विस्तार होगा. पार्टी के चार विधायक मंत्री के रूप में शपथ लेंगे."
    assert langid._detector().detect_language_of(text).iso_code_639_1.name.lower() == "mr"
    assert detect_language(text) == "hi"


@pytest.mark.parametrize(
    "text",
    [
        "मुंबईत आज मुसळधार पाऊस झाला. अनेक भागात पाणी साचले असून वाहतूक ठप्प झाली आहे.",
        "राज्यातील रुग्णांची संख्या वाढली आहे आणि सरकारने नवे निर्बंध लागू केले आहेत. मुंबई, पुणे आणि नागपूर या शहरांमध्ये रुग्णसंख्या जास्त आहे.",
    ],
)
def test_marathi_stays_marathi(text):
    assert detect_language(text) == "mr"
