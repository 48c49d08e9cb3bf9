"""The Hindi grammar of counts: the words and regular-expression pieces the quantities
step (steps/extract/quantities.py) composes into its patterns. Word tables (what is
counted, hedges, casualty words) are in claimwords.py; these are the phrases around a
number. Patterns are regex source (the `regex` module's syntax); the step fills in
the number, scale and hedge alternations it builds from the tables.
"""

from __future__ import annotations

# A number in digits: Western or Devanagari, Indian grouping ("1,00,000"), decimals.
DIGITS = r"[0-9०-९]+(?:,[0-9०-९]{2,3})*(?:\.[0-9०-९]+)?"
DIGIT = r"[0-9०-९]"
# Scale words beside SCALES that make a count ("दो दर्जन").
EXTRA_SCALES = {"दर्जन": 12}
# Number words of 24 and above that are still counts (the others above 24 are read as
# digits are: rare as words and often parts of names).
COUNTING_TENS = ("पच्चीस", "तीस", "चालीस", "पचास", "साठ", "सत्तर", "अस्सी", "नब्बे")
# "दोनों", "तीनों घायलों": all of a known number; "ढाई", "डेढ़": fractions as words;
# "सौ से ज्यादा", "हजार लोग": a scale word alone is one of it.
EXTRA_NUMBER_WORDS = {"दोनों": 2, "तीनों": 3, "चारों": 4, "पांचों": 5, "पाँचों": 5, "छहों": 6,
                      "ढाई": 2.5, "डेढ़": 1.5, "डेढ़": 1.5, "सवा": 1.25, "सौ": 100, "हजार": 1000,
                      "हज़ार": 1000}

# The postposition of a place ("रूस में") and the genitive that joins a place to its
# region ("रूस के कुर्स्क क्षेत्र").
IN = "में"
OF = "के"
# "23,000 से ज्यादा नहीं": a negation after a "more than" count makes it "at most".
NOT = "नहीं"
# "20 मार्च तक": a time phrase followed by this is a total up to it, not a new count.
UNTIL = "तक"
# The oblique plural ending: a word so ending is a plural noun ("लोगों"), no place name.
OBLIQUE_PLURAL = "ों"
# Endings folded so a noun's forms give one key ("घंटों", "घंटे" -> "घंट").
NOUN_ENDINGS = ("ों", "े", "ा")
# The agent marker: a count followed by it did something ("तीन युवकों ने हत्या कर दी").
AGENT = "ने"
# Right after a count, this makes it the accused, not the victims ("तीन पर हत्या का मामला");
# further on it is common in "मौके पर मौत".
AGENT_RIGHT_AFTER = frozenset(["पर"])
# The people counted when a casualty figure names no noun ("दो अन्य घायल").
PEOPLE = "लोग"
# Plural noun endings: a word so ending right after a number is what it counts, kept as
# its word when the vocabulary (COUNTED) does not know it ("160 टीमें", "746 स्थानों").
PLURAL_ENDINGS = ("ों", "ें", "ियां", "ियाँ", "एं", "एँ")

# Words joining two places or list items.
AND = r"(?:और|व|तथा|एवं)"
# The counted noun is not looked for past these ("दो और पूर्वी चंपा जिले में").
NOUN_STOP = frozenset(["और", "व", "तथा", "एवं", "या", "में", "जबकि", "समेत", "सहित"])

# "रामपुर में 14, सोनपुर में 9 और धर्मपुर में 6 लोगों की मौत": one to three words
# before "में" name an item's place; an item may carry "so far" before its number
# ("में अब तक 52 मामले").
PLACE_WORDS = r"(?:(?!में\s)[\p{L}\p{M}\-]+\s+){1,3}"
LIST_PLACE_END = r"में\s+(?:(?:अब\s+तक|अभी\s+तक|कुल)\s+)?"
# "दो-दो", "5-5": the repeat of a list item's number.
NUMBER_SUFFIX = r"(?:-[0-9०-९\p{L}\p{M}]+)?"
# "पुडुचेरी व चंडीगढ़ में एक-एक मरीज": the two places before a count of so many each.
TWO_PLACES = (r"(?P<a>[\p{L}\p{M}\-]+(?:\s+[\p{L}\p{M}\-]+)?)\s+(?:और|व|तथा|एवं)\s+"
              r"(?P<b>[\p{L}\p{M}\-]+(?:\s+[\p{L}\p{M}\-]+)?)\s+में\s+$")
# "मरने वालों की संख्या बढ़कर 37 हो गई": the count of the noun before "की संख्या".
NUMBER_OF = (r"(?P<n>[\p{L}\p{M}]+)(?:\s+(?:वालों|वाले\s+लोगों))?\s+(?:की\s+)?(?:(?:कुल|आधिकारिक|अंतिम)\s+)?"
             r"(?:संख[\u200c\u200d]*्[\u200c\u200d]*या|तादाद|आंकड़ा|आँकड़ा)\s+"
             r"(?:(?:आज|अब|अब\s+तक)\s+)?(?:बढ़?\s*कर\s+|घट\s*कर\s+)?(?:\S+\s+)?$")
# "संक्रमण के मामले बढ़कर 283 हो गए": the counted noun before a total that rose or fell to it.
RISEN_TO = r"(?P<n>[\p{L}\p{M}]+)\s+(?:बढ़\s*कर|घट\s*कर)\s+$"
# "मरने वालों में 18", "मृतकों में पांच": part of a toll, no noun.
PART_OF = r"(?P<n>मरने|मरनेवालों|मृतकों|घायलों)(?:\s+वालों)?\s+में\s+(?:से\s+)?$"
# The noun of those two phrases -> what is counted.
DEATH_WORDS = {"मृतक": "मृतक", "मरने": "मृतक", "मरनेवालों": "मृतक", "मरनेवाले": "मृतक", "मारे": "मृतक",
               "मृतकों": "मृतक", "घायलों": "घायल", "जान": "मृतक"}
# A place phrase: "X में", "Y X में", "Z के Y X में".
SCOPE = r"(?P<p>(?:[\p{L}\p{M}\-]+\s+के\s+)?(?:[\p{L}\p{M}\-]+\s+)?[\p{L}\p{M}\-]+)\s+में"
# "४२ वर्षीय महिला", "12 साल का लड़का": an age, not a count.
AGE_AFTER = r"\s*(?:-\s*)?(?:वर्षीय|वर्षीया|साला|(?:साल|वर्ष|बरस)\s+(?:का|की|के)(?![\p{L}\p{M}])|year-old)"
# "सबसे बुरा हाल महाराष्ट्र का है, जहां 63 लोग संक्रमित": the place a relative clause is in.
WHERE = r"(?P<p>[\p{L}\p{M}\-]+)\s+(?:का|की|के)(?:\s+(?:है|हैं|था|थी|थे))?\s*,?\s*जहा[ंँ]\s+[^,;।]*$"
# "आगरा 86, मेरठ 42": a tally item's place, one or two words, before its number.
TALLY_PLACE = r"(?P<pl>(?!में\s)[\p{L}\p{M}]+(?:\s+(?!में\s)[\p{L}\p{M}]+)?)\s+(?:में\s+)?"

# Casualties. The window after a count is not read past these.
CASUALTY_STOP = frozenset(["जबकि", "लेकिन", "वहीं", "तथा", "एवं", "मगर", "किंतु", "परंतु", "कि", "जो",
                           "जिसमें", "जिन्हें", "जिन्होंने", "समेत", "सहित", "ने", "द्वारा", "which",
                           "while", "but"])
# "आठ लोगों ने घटनास्थल पर ही दम तोड़ दिया": after the agent marker, the dead.
GAVE_UP = r"\s+(?:[\p{L}\p{M}]+\s+){0,4}?(?:दम\s+तोड़|जान\s+गं?वा|अंतिम\s+सांस)"
# "21 लोगों की जान बचाई": lives saved, not lost.
LIFE_WORDS = frozenset(["जान", "जानें"])
SAVED_AFTER = r"\s+बच"
# What ends the clause a casualty word is looked for in.
CLAUSE_ENDS = ("।", "\n", ";", "?", "!")
# A list item's number ("X में 5, Y में 3 लोग मारे"): its kind is not the next item's.
LIST_ITEM_BEFORE = r"में\s+$"
# "मृतकों में 5 महिलाएं", "घायलों में से 3": the group a count is a part of.
AMONG_BEFORE = r"([\p{L}\p{M}]+)(?:\s+वालों)?\s+में\s+(?:से\s+)?$"
DYING = "मरने"
# "दो जवानों और पांच एसपीओ समेत 11 लोगों की मौत": counts before "समेत/सहित" are parts.
INCLUDING = r"[^।;!?]{0,60}?\s(?:समेत|सहित)\s+"
# One person a casualty word names: "युवक की मौत", "महिला गंभीर रूप से घायल हो गई"
# ({person} is the alternation of SINGLE_PERSON).
SINGLE_DEAD = r"(?P<p>{person})\s+की\s+(?:[\p{L}\p{M}]+\s+){0,4}?(?P<k>मौत|मृत्यु|हत्या)"
SINGLE_HURT = (r"(?P<p>{person})\s+(?:भी\s+)?(?:गंभीर\s+रूप\s+से\s+|बुरी\s+तरह\s+(?:से\s+)?|मामूली\s+रूप\s+से\s+)?"
               r"(?P<k>घायल|जख्मी|ज़ख्मी|झुलस|लापता|मारा)\s+(?:हो\s+)?(?:गया|गई|गयी)")
# Before such a phrase these make it more than one ("दो अन्य युवकों की मौत").
NOT_ONE_BEFORE = frozenset(["अन्य", "दो", "तीन", "चार", "दोनों", "सभी"])
# "सीता देवी (52) और कमला देवी (47) की मौत हो गई", "मोहन (31) व सोहन (29) झुलस गए":
# named people with their ages, counted.
AGE_IN_BRACKETS = r"\(\s*[0-9०-९]{1,3}\s*\)"
_AGED = (r"(?:(?!(?:में|से|को|की|का|के|ने|पर|और|व|तथा|एवं|हादसे|दुर्घटना|जिसमें|निवासी|कारण|वजह|बाद|"
         r"दौरान|साथ|लिए|जबकि|वहीं|तो|भी|ही)\s)"
         r"[\p{L}\p{M}.]+\s+){1,3}\(\s*[0-9०-९]{1,3}\s*\)")
NAMED = (rf"(?P<list>{_AGED}(?:\s*(?:,|और|व|एवं|तथा)\s*{_AGED})*)\s*(?:,\s*)?(?:(?:[\p{{L}}\p{{M}}]+\s+){{0,6}}?)"
         r"(?:की\s+(?:[\p{L}\p{M}]+\s+){0,3}?(?P<d>मौत|मृत्यु|हत्या)|(?P<h>घायल|जख्मी|ज़ख्मी|झुलस)\s+(?:हो\s+)?"
         r"(?:गए|गये|गई|गईं|गया|गयी))")

# Casualties without a number ("रिंकू की मौत", "पत्नी व भतीजी घायल"). {np} is the subject
# phrase, {fill} the filler words allowed before the casualty word, {pronoun} the
# alternation of BARE_PRONOUNS.
HURT_AUX = r"(?=\s*(?:हो\s|हुए|हुई|हुआ|है|हैं|थे|थी|था|गए|गई|गईं|गया|,|।|$))"
BARE = [
    # "रिंकू की मौके पर ही मौत", "बृजमोहन की जान चली गई"
    r"{np}\s+की\s+{fill}(?P<k>मौत|मृत्यु|हत्या|जान\s+चली)",
    # "उसकी मौके पर ही मौत हो गई"
    r"(?P<np>{pronoun})\s+{fill}(?P<k>मौत|मृत्यु|हत्या|जान\s+चली)",
    # "पत्नी व भतीजी गंभीर रूप से घायल हो गईं", "पत्नी व भतीजी हुए घायल"
    r"{np}\s+(?:भी\s+)?(?:(?:हुए|हुई|हुआ)\s+)?(?:गंभीर(?:\s+रूप\s+से)?\s+|बुरी\s+तरह(?:\s+से)?\s+"
    r"|मामूली\s+रूप\s+से\s+)?(?P<k>घायल|जख्मी|ज़ख्मी|झुलस|झुलसे|झुलसी|लापता)" + HURT_AUX,
    # "सोनू ने अस्पताल ले जाते समय दम तोड़ दिया", "तीन लोग अपनी जान गंवा बैठे"
    r"{np}\s+(?:ने\s+)?(?:भी\s+)?(?:अपनी\s+)?{fill}(?P<k>दम\s+तोड़|जान\s+गं?[वँ]ा|अंतिम\s+सांस)",
    # "बदमाशों ने उसकी पत्नी को घायल कर दिया"
    r"{np}\s+को\s+(?:भी\s+)?(?:गंभीर(?:\s+रूप\s+से)?\s+|बुरी\s+तरह(?:\s+से)?\s+)?(?P<k>घायल|जख्मी|ज़ख्मी)\s+कर",
    # "जवान भी शहीद हो गए", "जीव जंतु भी मारे गए"
    r"{np}\s+(?:भी\s+)?(?P<k>मारा\s+गया|मारे\s+गए|मारी\s+गई|शहीद)",
]
# Which of BARE's patterns end at a word boundary (the hurt one ends at HURT_AUX, the
# dying one wherever its verb does).
BARE_ENDS_AT_WORD = (True, True, False, False, True, True)
# The casualty words BARE's patterns end in: they are run only near one.
BARE_ANCHOR = (r"मौत|मृत्यु|हत्या|जान\s+चली|जान\s+गं?[वँ]ा|घायल|जख्मी|ज़ख्मी|झुलस|लापता|दम\s+तोड़|"
               r"अंतिम\s+सांस|मारा\s+गया|मारे\s+गए|मारी\s+गई|शहीद")
# Words at the end of a subject phrase that are not the subject ("जवान भी शहीद").
BARE_TRAILING = frozenset(["भी", "ही", "तो", "ने", "को"])
# A word so ending is a conjunctive verb ("गिरकर"), no subject.
CONJUNCTIVE_ENDING = "कर"
# Casualty words that make a numberless subject many ("जवान भी मारे गए").
PLURAL_KILLED = ("मारे", "शहीद")
# "किसी की मौत नहीं हुई"; "उसकी मौत की सजा" is a sentence, not a death.
NOT_A_CASUALTY_AFTER = r"\s*(?:(?:हो|हुई|हुआ|हुए|गई|गया|गए)\s+)*नहीं|\s*की\s+सजा"
# "घायल हुए": the auxiliary cut before a casualty word is looked up in BARE_KINDS.
BARE_KIND_AUX = " हुए"
