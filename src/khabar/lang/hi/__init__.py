"""Hindi language data: stop words, digits, months, weekdays, numbers, titles, noise patterns.

Word lists are in the .txt files beside this module (one entry per line, '#' comments),
so linguists can edit them without touching code.
"""

from __future__ import annotations

# Latin-script words in Hindi reports are English: English months, speech verbs and
# boilerplate are read beside the Hindi ones.
LATIN = "en"

DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")

# Sentence-final punctuation. The danda is the main one; "॥" closes verse.
SENTENCE_END = "।॥?!"
# Abbreviations that end in a dot but do not end a sentence ("डॉ.", "जे.").
ABBREVIATIONS = frozenset(
    "डॉ श्री श्रीमती सुश्री प्रो ले जन मि मिस्टर कर्नल मेजर कैप्टन सं रु नं क्र पू डा".split()
)

MONTHS = {
    "जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4, "अप्रेल": 4, "मई": 5,
    "जून": 6, "जुलाई": 7, "अगस्त": 8, "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10,
    "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11, "दिसंबर": 12, "दिसम्बर": 12,
}
WEEKDAYS = {
    "सोमवार": 0, "मंगलवार": 1, "बुधवार": 2, "गुरुवार": 3, "बृहस्पतिवार": 3,
    "शुक्रवार": 4, "शनिवार": 5, "रविवार": 6, "इतवार": 6,
    # English weekday names written in Devanagari
    "मंडे": 0, "संडे": 6, "फ्राइडे": 4, "सैटरडे": 5,
}
# Scales of Indian number words.
SCALES = {"सौ": 100, "हज़ार": 1_000, "हजार": 1_000, "लाख": 100_000, "करोड़": 10_000_000,
          "करोड": 10_000_000, "अरब": 1_000_000_000}
NUMBER_WORDS = {
    "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "छः": 6, "सात": 7,
    "आठ": 8, "नौ": 9, "दस": 10, "ग्यारह": 11, "बारह": 12, "तेरह": 13, "चौदह": 14, "पंद्रह": 15,
    "पन्द्रह": 15, "सोलह": 16, "सत्रह": 17, "अठारह": 18, "उन्नीस": 19, "बीस": 20, "पच्चीस": 25,
    "तीस": 30, "चालीस": 40, "पचास": 50, "साठ": 60, "सत्तर": 70, "अस्सी": 80, "नब्बे": 90,
    "दर्जनों": 24, "सैकड़ों": 200, "हजारों": 2000, "हज़ारों": 2000,
}

