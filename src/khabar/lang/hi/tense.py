"""Hindi tense and aspect markers: what steps/extract/dates.py reads of the verb group a
time expression attaches to, to tell the past weekday from the coming one and "कल"
(yesterday) from "कल" (tomorrow).

Hindi is verb-final: the clause of a time expression ends in a verb group, a main verb
followed by its auxiliaries ("बंद कर दिया गया है", "लॉकडाउन किया जाएगा", "आयी थी"). The
group's last tense-bearing word gives the tense; its aspect words (a perfective
participle, "रहा") tell the present perfect and the progressive from the plain present.
Words are matched whole, never by ending alone: "व्यवस्था" ends like "था", "रोगी" and
"योगी" like "होगी".
"""

from __future__ import annotations

# Past auxiliaries: "आयी थी", "हो रहा था", "जाते थे": the clause is in the past.
PAST_AUX = frozenset({"था", "थे", "थी", "थीं"})
# Present auxiliaries: "बजट सत्र है", "बंद हैं", "हो गया है".
PRESENT_AUX = frozenset({"है", "हैं", "हूं", "हूँ"})
# Future endings of a verb ("होगा", "करेंगे", "जाएगा", "रहेगी", "लौटूंगा"): a word ending in
# one of these is a future form. "ोगी" is left out: "रोगी", "योगी", "सहयोगी" are nouns.
FUTURE_SUFFIXES = ("ेगा", "ेगी", "ेगे", "ेंगे", "ेंगी", "ेँगे", "ूंगा", "ूंगी", "ूँगा", "ूँगी", "ोगे",
                   "एगा", "एगी", "एंगे", "एंगी", "एँगे", "येगा", "येगी", "येंगे", "येंगी", "ऊंगा",
                   "ऊँगा", "ओगे")
# The future of "होना", whose ending "ोगी" is left out above.
FUTURE_FORMS = frozenset({"होगा", "होगी", "होंगे", "होंगी", "होऊंगा", "होऊँगा"})
# Words with a future ending that are not verbs (a scheme, a place, a surname, a prefix).
NOT_FUTURE = frozenset({"मनरेगा", "सिमडेगा", "नेगी", "मेगा", "कालाढूंगी"})
# Modal words: "फैसला लिया जा सकता है", "बंद होने चाहिए": possible or due, still to come.
MODAL = frozenset({"सकता", "सकती", "सकते", "सकें", "चाहिए"})
# Perfective participles that are verbs wherever they stand: a clause ending in one
# alone ("आग लगी", "बताया", "मौत हुई") reports the past. Forms that are also common other
# words are left out ("की": "of", "लिए": "for", "दी", "ली" as endings of names).
PERFECTIVE = frozenset("""
गया गई गए गयी गये हुआ हुई हुए हुईं हुयी हुये किया किए किये कहा बताया बताई बताए दिया दिए
लिया आया आई आए आयी आये पाया पाई पाए पायी चुका चुकी चुके रखा रखी रखे मिला मिली मिले
पहुंचा पहुंची पहुंचे पहुँचा पहुँची पहुँचे लौटा लौटी लौटे भेजा भेजी भेजे सौंपा सौंपी
उठाया बुलाया बनाया चलाया लगाया लगा लगी लगे गिरा गिरी गिरे मरा मरी मरे पलटी पलटा टकराई टकराया
बोले बोला बोली सुनाया दिखाया जताया जताई कराया कराई निकला निकली निकले निकाला निकाली निकाले
""".split())
# Aspect and light-verb words that may stand inside a verb group after its main verb
# ("बंद कर दिया गया है", "हो रहा था", "जा सकता है"); they carry no tense of their own.
GROUP_WORDS = frozenset("""
कर करके दिया दी दिए दिये लिया ली लिए लिये गया गई गए गयी गये हो होता होती होते हुआ हुई हुए
रहा रही रहे रहीं जा जाता जाती जाते जाना सकता सकती सकते सका सकी सके पा पाता पाती पाते पाया
चुका चुकी चुके डाला डाली डाले पड़ा पड़ी पड़े पड़ता की किया किए किये नहीं न भी ही चाहिए
""".split())
# Progressive: "बारिश हो रही है" (with "से": going on since then).
PROGRESSIVE = frozenset({"रहा", "रही", "रहे", "रहीं"})
# A verb group's perfective part ("हो गया है", "लागू की गई है"): present perfect.
PERFECT_PARTS = PERFECTIVE | frozenset({"दी", "ली", "की", "लिए"})
# Words that end the clause of a time expression before any verb group: what follows
# belongs to another clause ("शुक्रवार को कहा कि ...": "कहा" is reached first anyway).
CLAUSE_BREAKS = frozenset({"कि", "जबकि", "लेकिन", "मगर", "परंतु", "किंतु", "क्योंकि", "ताकि", "वहीं",
                           "लिहाजा"})
# An infinitive ("रखने", "करने", "खोलना") before one of these postpositions and then a
# directive word ("बंद रखने को कहा", "खोलने का आदेश", "रहने की अपील") is an ordered or
# planned action: a "से"/"तक" time ("सोमवार से दुकानें बंद रखने को कहा") is its start or
# end, still to come.
INFINITIVE_ENDINGS = ("ने", "ना", "नी")
NOT_INFINITIVE = frozenset({"अपने", "अपना", "अपनी", "सामने", "उन्होंने", "इन्होंने", "जिन्होंने",
                            "किन्होंने", "पहने", "कोने", "सोने", "दाने", "थाने", "गाने", "खाने",
                            "पुराने", "पुराना", "पुरानी", "जुर्माना", "निशाना", "ठिकाने", "ठिकाना",
                            "रवाना", "सूचना", "घटना", "योजना", "भावना", "संभावना", "कामना",
                            "तुलना", "रचना", "चेतावनी", "कहानी", "पानी", "रानी", "छावनी", "कंपनी",
                            "उतना", "जितना", "कितना", "इतना", "दूना", "सोना", "कोना", "मुने"})
INFINITIVE_LINKS = frozenset({"को", "का", "की", "के"})
DIRECTIVES = frozenset("""
कहा कहे कही आदेश आदेशों निर्देश निर्देशों अपील अनुरोध आग्रह सलाह फैसला फैसले निर्णय घोषणा
योजना तैयारी अनुमति इजाजत इजाज़त मंजूरी मंज़ूरी ऐलान हिदायत कहना
""".split())
# Postpositions on a time expression that make it a bound of a span: "सोमवार से" (from),
# "सोमवार तक" (until). With a present-tense group "से" is "since": "सोमवार से बंद हैं".
FROM = frozenset({"से"})
UNTIL = frozenset({"तक"})
# The postpositions of a plain point in time ("सोमवार को", "मार्च में"): the first one
# after the expression ends the search for a bound.
POINT = frozenset({"को", "में"})
