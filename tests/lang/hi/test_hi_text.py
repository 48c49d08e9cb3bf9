"""Hindi text traps, on sentences of the seed reports (examples/seeds, see its README)."""

from __future__ import annotations

import re

from khabar import lang
from khabar.steps.extract.quantities import extract_quantities
from khabar.steps.segment import split_sentences
from khabar.text.normalize import match_key, tokens

HI = lang.get("hi")

# examples/seeds/001_e93594d4d072290d.txt
LLOYD = ("ब्लिंकन की यह टिप्पणी गुरुवार को अमेरिकी रक्षा मंत्री लॉयड जे. ऑस्टिन III, कोरिया गणराज्य "
         "के विदेश मंत्री चो ताए-युल और कोरिया गणराज्य के रक्षा मंत्री किम योंग-ह्यून के साथ एक प्रेस "
         "कॉन्फ्रेंस के दौरान आई।")
# examples/seeds: a quotation closed after the danda
PREAMBLE = ("संधि की प्रस्तावना में कहा गया है कि यह दस्तावेज़ रूस और उत्तर कोरिया के लोगों के मौलिक "
            "हितों को पूरा करता है \"और शांति, क्षेत्रीय और वैश्विक सुरक्षा और स्थिरता सुनिश्चित करने "
            "में योगदान देता है।\"")
TREATY = "यह संधि तब प्रभावी होगी जब दोनों पक्ष अनुसमर्थन दस्तावेज़ों का आदान-प्रदान करेंगे।"
TROOPS = "सियोल, वाशिंगटन और कीव का आरोप है कि रूस में 10,000 से ज़्यादा उत्तर कोरियाई सैनिक मौजूद हैं।"
THOUSANDS = ("यह कदम ऐसे समय उठाया गया है जब अमेरिका, दक्षिण कोरिया और यूक्रेन ने दोनों देशों के बीच "
             "बढ़ते सैन्य सहयोग की आलोचना की है, तथा उत्तर कोरिया पर यूक्रेन के खिलाफ युद्ध में सहायता "
             "के लिए रूस में हजारों सैनिक भेजने का आरोप लगाया गया है।")


def test_vowel_signs_stay_inside_words():
    text = "संधि की पुष्टि"
    assert re.findall(r"\w+", text) != text.split()  # Python's re cuts at vowel signs
    assert tokens(text) == ["संधि", "की", "पुष्टि"]
    assert "ज़ेलेंस्की" in tokens("यूक्रेनी राष्ट्रपति वोलोडिमिर ज़ेलेंस्की ने")


def test_danda_ends_sentences_and_initials_do_not():
    got = [s.text for s in split_sentences(LLOYD + " " + TREATY, HI)]
    assert got == [LLOYD, TREATY]  # "जे." is an initial


def test_doctor_is_an_abbreviation():
    text = "डॉ. किम योंग-ह्यून ने कहा कि संधि प्रभावी होगी। " + TREATY
    assert len(split_sentences(text, HI)) == 2


def test_closing_quote_stays_with_its_sentence():
    got = [s.text for s in split_sentences(PREAMBLE + " " + TREATY, HI)]
    assert got == [PREAMBLE, TREATY]


def test_nukta_and_zwj_fold_for_matching_only():
    assert match_key("ज़ेलेंस्की") == match_key("जेलेंस्की")
    assert match_key("दस्तावेज़") == match_key("दस्तावेज")
    assert match_key("जख्\u200dमी") == match_key("जख्मी")
    assert "ज़ेलेंस्की" != "जेलेंस्की"  # the display form is kept as written


def test_indian_number_words_and_grouping():
    [q] = [q for q in extract_quantities(TROOPS) if q.unit == "सैनिक"]
    assert (q.value, q.hedge) == (10_000, "more-than")
    [q] = [q for q in extract_quantities(THOUSANDS) if q.unit == "सैनिक"]
    assert (q.value, q.hedge) == (1000, "vague")  # "हजारों": thousands
    assert HI.SCALES["हज़ार"] == HI.SCALES["हजार"] == 1_000
    assert HI.SCALES["लाख"] == 100_000 and HI.SCALES["करोड़"] == 10_000_000
