"""Hindi data for numbers, hedges, counted things, speech verbs, agencies and events."""

from __future__ import annotations

# Hedge words before a number ("लगभग 10,000") -> hedge code.
HEDGE_BEFORE = {
    "लगभग": "about", "करीब": "about", "क़रीब": "about", "तकरीबन": "about", "तक़रीबन": "about",
    "अनुमानित": "about", "अनुमानतः": "about", "करीबन": "about", "कोई": "about",
    "कम से कम": "at-least", "न्यूनतम": "at-least", "कम-से-कम": "at-least",
    "अधिकतम": "at-most", "लगभग कम से कम": "at-least",
    "सिर्फ": "exact", "सिर्फ़": "exact", "केवल": "exact", "मात्र": "exact", "कुल": "exact",
}
# Hedge phrases after a number ("10,000 से ज़्यादा") -> hedge code.
HEDGE_AFTER = {
    "से ज़्यादा": "more-than", "से ज्यादा": "more-than", "से अधिक": "more-than",
    "से ऊपर": "more-than", "से कहीं अधिक": "more-than", "से भी ज्यादा": "more-than",
    "से भी ज़्यादा": "more-than", "से भी अधिक": "more-than", "से कम": "less-than",
    "तक": "at-most", "के करीब": "about", "के आसपास": "about", "के लगभग": "about",
}
# Words that make the following number a label, not a count ("अनुच्छेद 51").
LABEL_BEFORE = ["अनुच्छेद", "धारा", "नंबर", "नम्बर", "संख्या", "क्रमांक", "सेक्टर", "वार्ड",
                "प्लेटफॉर्म", "प्लेटफार्म", "पृष्ठ", "अध्याय", "कक्षा", "सन", "वर्ष", "साल",
                "राष्ट्रीय राजमार्ग", "एनएच", "बजे", "मार्ग", "गेट", "फ्लाइट", "ट्रेन"]
# Counted things: surface form -> lemma used for grouping (oblique plurals folded).
COUNTED = {
    "सैनिक": "सैनिक", "सैनिकों": "सैनिक", "सैनिको": "सैनिक", "जवान": "जवान", "जवानों": "जवान",
    "सिपाही": "सिपाही", "सिपाहियों": "सिपाही", "लड़ाके": "लड़ाका", "लड़ाकों": "लड़ाका",
    "सैन्यकर्मी": "सैनिक", "सैन्यकर्मियों": "सैनिक", "फौजी": "सैनिक", "फौजियों": "सैनिक",
    "लोग": "लोग", "लोगों": "लोग", "व्यक्ति": "लोग", "व्यक्तियों": "लोग", "आदमी": "लोग",
    "नागरिक": "नागरिक", "नागरिकों": "नागरिक", "यात्री": "यात्री", "यात्रियों": "यात्री",
    "मजदूर": "मजदूर", "मजदूरों": "मजदूर", "मज़दूर": "मजदूर", "मज़दूरों": "मजदूर",
    "श्रमिक": "मजदूर", "श्रमिकों": "मजदूर", "बच्चे": "बच्चा", "बच्चों": "बच्चा",
    "बच्चा": "बच्चा", "महिलाएं": "महिला", "महिलाओं": "महिला", "महिला": "महिला",
    "महिलाएँ": "महिला", "पुरुष": "पुरुष", "पुरुषों": "पुरुष", "छात्र": "छात्र", "छात्रों": "छात्र",
    "छात्राओं": "छात्र", "पुलिसकर्मी": "पुलिसकर्मी", "पुलिसकर्मियों": "पुलिसकर्मी",
    "श्रद्धालु": "श्रद्धालु", "श्रद्धालुओं": "श्रद्धालु", "किसान": "किसान", "किसानों": "किसान",
    "मछुआरे": "मछुआरा", "मछुआरों": "मछुआरा", "पर्यटक": "पर्यटक", "पर्यटकों": "पर्यटक",
    "ग्रामीण": "ग्रामीण", "ग्रामीणों": "ग्रामीण", "युवक": "युवक", "युवकों": "युवक",
    "युवती": "युवती", "युवतियों": "युवती", "सदस्य": "सदस्य", "सदस्यों": "सदस्य",
    "कर्मचारी": "कर्मचारी", "कर्मचारियों": "कर्मचारी", "अधिकारी": "अधिकारी", "अधिकारियों": "अधिकारी",
    "आतंकी": "आतंकवादी", "आतंकियों": "आतंकवादी", "आतंकवादी": "आतंकवादी", "आतंकवादियों": "आतंकवादी",
    "उग्रवादी": "उग्रवादी", "उग्रवादियों": "उग्रवादी", "नक्सली": "नक्सली", "नक्सलियों": "नक्सली",
    "मरीज": "मरीज", "मरीजों": "मरीज", "मरीज़": "मरीज", "मरीज़ों": "मरीज", "रोगी": "मरीज", "रोगियों": "मरीज", "शव": "शव", "शवों": "शव",
    "लाशें": "शव", "घायल": "घायल", "घायलों": "घायल", "मृतक": "मृतक", "मृतकों": "मृतक",
    "परिवार": "परिवार", "परिवारों": "परिवार", "घर": "घर", "घरों": "घर", "मकान": "मकान",
    "मकानों": "मकान", "गांव": "गांव", "गांवों": "गांव", "गाँव": "गांव", "गाँवों": "गांव",
    "जिले": "जिला", "जिलों": "जिला", "वाहन": "वाहन", "वाहनों": "वाहन", "डिब्बे": "डिब्बा",
    "डिब्बों": "डिब्बा", "हथियार": "हथियार", "हथियारों": "हथियार", "मिसाइल": "मिसाइल",
    "मिसाइलों": "मिसाइल", "ड्रोन": "ड्रोन", "टैंक": "टैंक", "टैंकों": "टैंक", "देश": "देश",
    "देशों": "देश", "पशु": "पशु", "पशुओं": "पशु", "मवेशी": "पशु", "मवेशियों": "पशु",
    "बंधक": "बंधक", "बंधकों": "बंधक", "कैदी": "कैदी", "कैदियों": "कैदी", "शरणार्थी": "शरणार्थी",
    "शरणार्थियों": "शरणार्थी", "प्रतिशत": "%", "%": "%", "फीसदी": "%", "फ़ीसदी": "%",
    "रुपये": "रुपया", "रुपए": "रुपया", "रुपया": "रुपया", "रु": "रुपया", "डॉलर": "डॉलर",
    "किलोमीटर": "किमी", "किमी": "किमी", "मीटर": "मीटर", "टन": "टन", "किलो": "किलो",
    "एकड़": "एकड़", "हेक्टेयर": "हेक्टेयर", "लीटर": "लीटर",
    "मौत": "मौत", "मौतों": "मौत", "मौतें": "मौत", "लापता": "लापता", "औरत": "महिला", "औरतों": "महिला",
    "लड़की": "लड़की", "लड़कियों": "लड़की", "लड़कियां": "लड़की", "लड़के": "लड़का", "लड़कों": "लड़का",
    "लड़का": "लड़का", "बच्ची": "बच्चा", "बच्चियों": "बच्चा", "बुजुर्ग": "बुजुर्ग", "बुजुर्गों": "बुजुर्ग",
    "बदमाश": "बदमाश", "बदमाशों": "बदमाश", "डॉक्टर": "डॉक्टर", "डॉक्टरों": "डॉक्टर", "पायलट": "पायलट",
    "पर्वतारोही": "पर्वतारोही", "पर्वतारोहियों": "पर्वतारोही", "नौजवान": "युवक", "नौजवानों": "युवक",
    "मासूम": "बच्चा", "मासूमों": "बच्चा", "लाश": "शव", "लाशों": "शव", "हताहत": "हताहत",
    "लोगो": "लोग", "शख्स": "लोग", "शख़्स": "लोग", "जने": "लोग", "जनों": "लोग",
    "चालक": "चालक", "चालकों": "चालक", "ड्राइवर": "चालक", "ड्राइवरों": "चालक",
    "चरमपंथी": "आतंकवादी", "चरमपंथियों": "आतंकवादी", "नाबालिग": "बच्चा", "वयस्क": "लोग",
    "कर्मी": "कर्मचारी", "कर्मियों": "कर्मचारी",
    "पैसेंजर्स": "यात्री", "पैसेंजर": "यात्री", "सवार": "यात्री", "सवारों": "यात्री",
    "जख्मी": "घायल", "ज़ख्मी": "घायल", "जख्मियों": "घायल", "मौतें": "मौत", "मृत्यु": "मौत",
    # animals: counted, but not people, so never casualty figures
    "गाय": "पशु", "गायों": "पशु", "भैंस": "पशु", "भैंसों": "पशु", "बकरी": "पशु", "बकरियां": "पशु",
    "बकरियों": "पशु", "भेड़": "पशु", "भेड़ों": "पशु", "घोड़े": "पशु", "घोड़ों": "पशु", "बछिया": "पशु",
    "बछियों": "पशु", "जानवर": "पशु", "जानवरों": "पशु", "मवेशियां": "पशु",
    "झोपड़ी": "झोपड़ी", "झोपड़ियां": "झोपड़ी", "झोपड़ियों": "झोपड़ी", "दुकान": "दुकान", "दुकानें": "दुकान",
    "दुकानों": "दुकान", "पेड़": "पेड़", "पेड़ों": "पेड़", "पुल": "पुल", "पुलों": "पुल", "मकान": "मकान",
    "कोच": "डिब्बा", "गाड़ियां": "वाहन", "गाड़ियों": "वाहन", "बोगी": "डिब्बा", "बोगियां": "डिब्बा",
    "मारे": "मृतक", "मरे": "मृतक", "शहीद": "मृतक", "झुलसे": "घायल", "झुलस": "घायल",
}
# Person-like lemmas: numbers counting these are casualty/troop style counts.
PERSON_LEMMAS = frozenset("""सैनिक जवान सिपाही लड़ाका लोग नागरिक यात्री मजदूर बच्चा महिला पुरुष छात्र
पुलिसकर्मी श्रद्धालु किसान मछुआरा पर्यटक ग्रामीण युवक युवती सदस्य कर्मचारी अधिकारी आतंकवादी
उग्रवादी नक्सली मरीज शव घायल मृतक बंधक कैदी शरणार्थी मौत लापता लड़की लड़का बुजुर्ग बदमाश डॉक्टर
पायलट पर्वतारोही हताहत चालक""".split())
# Vague plural numbers: value is the scale, hedge "vague".
VAGUE = {"हजारों": 1_000, "हज़ारों": 1_000, "सैकड़ों": 100, "सैकडों": 100, "दर्जनों": 12,
         "लाखों": 100_000, "करोड़ों": 10_000_000, "दसियों": 10,
         # "कई लोग", "अनेक घर": several, at least two
         "कई": 2, "कर्इ": 2, "अनेक": 2, "दर्जनभर": 12}
# "कई", "अनेक": several. Read as counts (so "कई लोग घायल" is a casualty figure) but never
# made claims: "several countries" is no figure to compare.
SEVERAL = frozenset(["कई", "कर्इ", "अनेक"])
# "दोनों देश", "तीनों घायल": all of a set already named. A count a reader can use for a
# casualty toll, but no figure sources report differently, so not a claim of its own
# unless it is a casualty figure.
ALL_OF = frozenset(["दोनों", "तीनों", "चारों", "पांचों", "पाँचों", "छहों"])
# Fractions before a number word or digits: "साढ़े तीन लाख" = 3.5 lakh, "पौने तीन" = 2.75.
FRACTION_BEFORE = {"साढ़े": 0.5, "साढे": 0.5, "सवा": 0.25, "पौने": -0.25}

# Casualty kinds: the word that says what happened to the counted people. Read after the
# count ("40 लोगों की मौत", "43 लोग घायल", "सौ से ज्यादा के घायल") or just before it
# ("मारे गए 8 लोगों", "घायलों में एक पुलिसकर्मी"). Order matters: the first kind whose word
# appears first wins.
CASUALTY_WORDS = {
    "dead": ["मौत", "मौतें", "मौतों", "मृत", "मृतक", "मृतकों", "मारे", "मारा", "मरे", "मरा", "मरी",
             "मरने", "मृत्यु", "शव", "शवों", "लाश", "लाशें", "लाशों", "शहीद", "हत्या", "जान",
             "जानें", "निधन", "दम", "killed", "dead", "died", "deaths", "bodies"],
    "injured": ["घायल", "घायलों", "जख्मी", "ज़ख्मी", "जख्मियों", "झुलस", "झुलसे", "झुलसी",
                "चोटिल", "चोट", "चोटें", "हालत", "injured", "wounded", "hurt"],
    "missing": ["लापता", "गुमशुदा", "missing"],
    "trapped": ["फंसे", "फँसे", "फंसी", "फंस", "दबे", "trapped"],
    "affected": ["प्रभावित", "बेघर", "विस्थापित", "चपेट", "affected", "displaced", "homeless"],
    "casualties": ["हताहत", "casualties"],
    # houses, vehicles, villages: damage, only read for PROPERTY_LEMMAS counts
    "damaged": ["तबाह", "नष्ट", "क्षतिग्रस्त", "ध्वस्त", "धराशायी", "धराशाई", "डूब", "डूबे", "डूबी",
                "जलकर", "राख", "ढह", "ढहे", "ढही", "उखड़", "उखड़े", "उजड़", "damaged", "destroyed"],
}
# Counted things whose casualty is damage ("800 से ज्यादा घर पानी में डूब गए").
PROPERTY_LEMMAS = frozenset("घर मकान वाहन डिब्बा गांव झोपड़ी दुकान पेड़ पुल".split())
# Animals: their deaths and injuries are casualty figures too ("20 गायों की मौत"), never
# compared with people's.
ANIMAL_LEMMAS = frozenset(["पशु"])
# Words a more specific one later in the window overrides ("चपेट में आने से मौत" is dead,
# "गोली मारकर हत्या" is dead), with the kind they give alone ("दो लोगों को गोली लगी").
WEAK_CASUALTY_WORDS = {"चपेट": "affected", "गोली": "injured", "बह": "missing", "बहे": "missing"}
# Counted thing given to a count with no noun when only the casualty word follows
# ("दो अन्य गंभीर रूप से घायल").
CASUALTY_UNITS = {"dead": "मृतक", "injured": "घायल", "missing": "लापता", "trapped": "लोग",
                  "affected": "लोग", "casualties": "हताहत"}
# Lemmas that are themselves a casualty word ("30 जख्मी" -> घायल).
CASUALTY_LEMMAS = {"मृतक": "dead", "मौत": "dead", "शव": "dead", "घायल": "injured",
                   "लापता": "missing", "हताहत": "casualties"}
# Subject of a casualty claim: counts of dead (लोग, यात्री, सैनिक ...) are compared with
# each other whatever noun the report used.
CASUALTY_SUBJECTS = {"dead": "मृतक", "injured": "घायल", "missing": "लापता"}
# How many words after the counted thing (or the number) a casualty word may stand.
CASUALTY_WINDOW = 6
# Words that may sit between a number and the counted thing ("10,000 उत्तर कोरियाई सैनिक").
# Any word can; this just bounds the look-ahead.
MAX_MODIFIER_WORDS = 3
# "जिनमें से लगभग 8,000": a subset of the previous count, same counted thing.
SUBSET_MARKERS = ["जिनमें से", "उनमें से", "इनमें से", "जिसमें से", "जिनमें"]

# Speech and assertion verbs after "X ने": stem -> kind.
SPEECH_VERBS = {
    "कहा": "said", "बताया": "said", "दावा": "claimed", "आरोप": "alleged", "पुष्टि": "confirmed",
    "घोषणा": "announced", "जानकारी दी": "said", "सूचना दी": "reported", "चेतावनी": "warned",
    "स्वीकार": "admitted", "इनकार": "denied", "खंडन": "denied", "अनुमान": "estimated",
    "रिपोर्ट": "reported", "उल्लेख": "said", "जोर": "said",
}
# "X का कहना है", "X का आरोप है", "X का दावा है".
SPEECH_NOUNS = ["कहना", "आरोप", "दावा", "मानना", "अनुमान"]
ACCORDING_TO = ["के अनुसार", "के मुताबिक", "के मुताबिक़", "के हवाले से", "के अनुसार,"]
# News agencies and outlets (surface -> canonical).
AGENCIES = {
    "योनहाप": "Yonhap", "योनहाप समाचार एजेंसी": "Yonhap", "Yonhap": "Yonhap",
    "टैस": "TASS", "तास": "TASS", "TASS": "TASS", "एएनआई": "ANI", "ANI": "ANI",
    "केसीएनए": "KCNA", "KCNA": "KCNA", "रॉयटर्स": "Reuters", "Reuters": "Reuters",
    "एपी": "AP", "एएफपी": "AFP", "AFP": "AFP", "पीटीआई": "PTI", "PTI": "PTI",
    "आईएएनएस": "IANS", "IANS": "IANS", "भाषा": "Bhasha", "यूएनआई": "UNI", "रिया नोवोस्ती": "RIA Novosti",
    "स्पुतनिक": "Sputnik", "सीएनएन": "CNN", "बीबीसी": "BBC", "राज्य मीडिया": "state media",
}
# Titles and roles trimmed from a speaker phrase ("अमेरिकी विदेश मंत्री एंथनी ब्लिंकन").
TITLES = ["राष्ट्रपति", "प्रधानमंत्री", "प्रधान मंत्री", "मंत्री", "नेता", "प्रवक्ता", "अधिकारी",
          "अध्यक्ष", "सचिव", "राजदूत", "जनरल", "कमांडर", "प्रमुख", "मुख्यमंत्री", "सांसद", "विधायक",
          "श्री", "श्रीमती", "डॉ.", "डॉ", "महासचिव", "चांसलर", "राज्यपाल", "उपराष्ट्रपति", "III", "जूनियर"]
# Pronoun subjects: the speaker is the previous named one.
PRONOUNS = ["उन्होंने", "उसने", "इन्होंने", "इसने", "हमने", "मैंने"]
# The agent marker after a speaker ("X ने कहा"); what ends the clause its verb is read in.
AGENT_MARKER = "ने"
CLAUSE_END = r"\s+कि\s+|[,।;]"
# "X की रिपोर्ट के अनुसार": X is the channel the words came through, not the speaker.
REPORT_OF = r"(?:की|के)\s+(?:रिपोर्ट|रिपोर्टों|खबर|ख़बर)"
# "X का कहना है" ({} is SPEECH_NOUNS joined).
SPEECH_NOUN_LINK = r"(?:का|की|के)\s+(?:{})\s+(?:है|था|रहा)"
# Reading a speaker phrase backwards: "और" joins a list of speakers, "के"/"की" join the
# words of one ("भारत के प्रधानमंत्री"), and none of GENITIVES begins a phrase.
LIST_JOINER = "और"
INNER_LINKS = ("के", "की")
GENITIVES = ("के", "की", "का")
# A speaker holding one of these is a phrase ("विदेश मंत्रालय के प्रवक्ता"), grouped as a
# whole, not by its last word.
PHRASE_WORDS = frozenset(["के", "की", "का", "और", "मंत्रालय"])
# Between "X ने" and a time expression, these mean X acts in another clause.
ACTOR_BREAKS = (" कि ", ",", "।")

# Event keywords for the timeline: kind -> surface words. Priority is the dict order.
EVENTS = {
    "signing": ["हस्ताक्षर", "हस्ताक्षरित", "दस्तखत"],
    "submission": ["सौंप", "पेश"],
    "ratification": ["अनुसमर्थन", "मंजूरी", "मंज़ूरी", "अनुमोदित", "अनुमोदन", "पुष्टि की"],
    "summit": ["शिखर", "मुलाकात", "मुलाक़ात", "यात्रा", "वार्ता"],
    "invasion": ["आक्रमण", "संघर्ष की शुरुआत", "हमला किया"],
    "statement": ["कहा", "बताया", "दावा", "व्यक्त", "घोषणा"],
}
EVENT_LABELS = {"signing": "हस्ताक्षर", "submission": "सौंपा गया", "ratification": "अनुसमर्थन",
                "summit": "शिखर सम्मेलन", "invasion": "आक्रमण", "statement": "बयान", "event": "घटना"}
# The label of a report's own publication on a story's timeline ("रिपोर्ट: Amar Ujala").
REPORT_LABEL = "रिपोर्ट"
# Before the figures that reports give for one thing, in a summary sentence's note.
FIGURES_DIFFER = "आंकड़ों में अंतर"

# Words before "में" that name a time, manner or topic, not a place ("वर्तमान में", "बारे में").
NOT_SCOPE = frozenset("""वर्तमान हाल अंत बीच समय दौरान युद्ध लड़ाई संख्या रूप तौर जवाब मामले बारे
साथ तरह हमले हादसे दुर्घटना घटना जिन उन इन जिस इस उस कुल आपस प्रतिक्रिया कारण वजह सप्ताह
महीने साल वर्ष दिन रात सुबह शाम जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर जनवरी फरवरी मार्च
अप्रैल मई पहले बाद अस्पताल मलबे स्थिति दिशा क्षेत्रों इलाकों सीमावर्ती घंटे घंटों दिनों हफ्ते हफ्तों
महीनों सालों अनुसार मुताबिक मुताबिक़""".split())
# A word ending so is a verb's noun ("आने में", "लेने में"), not a place
NOT_SCOPE_ENDINGS = ("ने",)
# Words after a place name that belong to the scope ("कुर्स्क क्षेत्र में").
SCOPE_HEADS = ["क्षेत्र", "इलाके", "इलाक़े", "जिले", "ज़िले", "प्रांत", "राज्य", "शहर", "गांव", "प्रदेश"]
# Clause boundaries for scopes: a count's place is looked for inside its own clause.
CLAUSE_BREAKS = [",", ";", ":", " कि ", " जिनमें से ", " उनमें से ", " इनमें से ", " जबकि ", " लेकिन "]
# Words that end a speaker phrase when reading backwards from "ने" (discourse openers).
SPEAKER_STOP = frozenset("""वहीं दरअसल हालांकि लेकिन तथा एवं जबकि फिलहाल इसके बीच साथ ही भी और कि तो
जब इस उस यह वह बाद पहले गौरतलब बता दें को में से पर""".split())
# "X के अनुसार" where X is a rule or document: "in accordance with", not a speaker.
NOT_SPEAKER = frozenset("अनुच्छेद धारा चार्टर नियम नियमों कानून संधि डिक्री आदेश प्रावधान योजना".split())

# One person a casualty word names without a number: "युवक की मौत", "ट्रक चालक की मौके पर
# मौत", "महिला गंभीर रूप से घायल हो गई". Singular forms only (the genitive "की" after a
# singular noun, or a singular verb) so the count is one.
SINGLE_PERSON = {
    "युवक": "युवक", "युवती": "युवती", "महिला": "महिला", "व्यक्ति": "लोग", "शख्स": "लोग",
    "शख़्स": "लोग", "बच्चे": "बच्चा", "बच्ची": "बच्चा", "बालक": "बच्चा", "बालिका": "बच्चा",
    "किशोर": "बच्चा", "किशोरी": "बच्चा", "मासूम": "बच्चा", "चालक": "चालक", "ड्राइवर": "चालक",
    "मजदूर": "मजदूर", "मज़दूर": "मजदूर", "श्रमिक": "मजदूर", "किसान": "किसान", "छात्र": "छात्र",
    "छात्रा": "छात्र", "जवान": "जवान", "सैनिक": "सैनिक", "बुजुर्ग": "बुजुर्ग", "वृद्ध": "बुजुर्ग",
    "वृद्धा": "बुजुर्ग", "पुलिसकर्मी": "पुलिसकर्मी", "सिपाही": "सिपाही", "यात्री": "यात्री",
    "ग्रामीण": "ग्रामीण", "अधेड़": "लोग", "कर्मचारी": "कर्मचारी", "पर्यटक": "पर्यटक",
    "मछुआरे": "मछुआरा", "दुकानदार": "लोग", "व्यापारी": "लोग", "कारोबारी": "लोग",
    "लड़के": "लड़का", "लड़की": "लड़की", "बेटे": "लोग", "बेटी": "लोग", "पत्नी": "लोग", "पति": "लोग",
    "पिता": "लोग", "भाई": "लोग", "बहन": "लोग",
}
# After "<person> की": up to this many words, then one of these (dead).
SINGLE_DEATH = ["मौत", "मृत्यु", "हत्या", "जान", "मौके"]
# "<person> ... घायल हो गया/गई": a singular verb after the casualty word.
SINGLE_VERBS = ["हो गया", "हो गई", "हो गयी", "गया", "गई", "गयी"]

# Casualties without a number ("रिंकू की मौत हो गई", "पत्नी व भतीजी घायल हो गईं",
# "घायल युवक", "उसने दम तोड़ दिया"): the words a subject phrase read back from the
# casualty word may not end on (causes, places, function words), and the words that may
# stand between "X की" and "मौत" ("X की मौके पर ही मौत", "X की इलाज के दौरान मौत").
BARE_NOT_SUBJECT = frozenset("""ठंड सर्दी गर्मी लू वजह कारण हादसे हादसा दुर्घटना घटना आग बाढ़ हमले हमला
चपेट संख्या तादाद खबर सूचना जानकारी मामले मामला इलाके क्षेत्र जगह जिले गांव शहर राज्य देश
विस्फोट धमाके भूकंप तूफान बारिश बिजली करंट डूबने जलने दबने गिरने टक्कर वाहन ट्रक बस कार
ट्रेन रोज हर सभी कोई किसी कई कुछ अन्य लोगों बाद पहले दौरान समय साथ तरह रूप से में पर को का के की
ने और व तथा एवं या भी ही तो है हैं था थे थी हो गई गए गया हुई हुए हुआ जबकि लेकिन वहीं जहां जिससे
जिसमें इसमें उसमें इससे उससे यह वह ये वे इस उस आज कल रात सुबह शाम दिन मौत घायल जान
ज्यादा ज़्यादा अधिक कितने कितनी कितना इधर उधर बाहर अंदर संभावना आशंका डर
उसकी उसके उसका उनकी उनके उनका इसकी इसके इनकी इनके अपनी अपने अपना समेत सहित""".split())
# Animals, birds: their deaths are no people's casualties.
BARE_ANIMALS = frozenset("""पक्षी पक्षियों पंछी चिड़िया चिड़ियों जीव जंतु जंतुओं जीवों मछली मछलियों
मछलियां कुत्ते कुत्तों कुत्ता बंदर बंदरों हाथी हाथियों""".split())
BARE_FILLERS = frozenset("""भी ही तो अब मौके घटनास्थल घटना स्थल पर में के दौरान अस्पताल उपचार इलाज
दर्दनाक संदिग्ध परिस्थितियों डूबने करंट लगने से जलने दबने कुचलने ले जाते समय रास्ते वहीं
लू गोली मारकर चाकू गला घोंटकर पीट पीटकर कथित रूप""".split())
# Kind of the casualty word of such a phrase.
BARE_KINDS = {"मौत": "dead", "मृत्यु": "dead", "हत्या": "dead", "जान चली": "dead", "दम तोड़": "dead",
              "जान गंवा": "dead", "जान गँवा": "dead", "अंतिम सांस": "dead", "मारा गया": "dead",
              "मारे गए": "dead", "मारी गई": "dead", "शहीद": "dead", "मृत": "dead", "मृतक": "dead",
              "घायल": "injured", "जख्मी": "injured", "ज़ख्मी": "injured", "झुलस": "injured",
              "झुलसे": "injured", "झुलसी": "injured", "लापता": "missing"}
# Possessive pronouns before "मौत": "उसकी मौत हो गई" (one), "उनकी मौत" (one or more).
BARE_PRONOUNS = {"उसकी": 1, "इसकी": 1, "जिसकी": 1, "उनकी": None, "इनकी": None, "जिनकी": None}
# Words that may stand between a count without a noun and its casualty word ("दो अन्य
# गंभीर रूप से घायल", "चार की मौके पर ही मौत"); any other word is a noun we do not know,
# and the count may be of boats or animals.
UNITLESS_BETWEEN = frozenset("""अन्य और भी ही गंभीर रूप से बुरी तरह मामूली की के का को हो गए गई गया गये
हुए हुई अब तक अभी मौके पर घटनास्थल स्थल घटना अस्पताल में इलाज उपचार दौरान ने ले जाते समय लोग लोगों
व्यक्ति व्यक्तियों जने जनों सवार घायल मृत जख्मी झुलसकर झुलस कर हादसे दुर्घटना""".split())


def _measures() -> tuple[dict[str, str], dict[str, str]]:
    """measures.txt beside this module: counted surface forms -> measure, state words
    read after a count of people -> measure, and the measure of a count of people that
    no state word names."""
    from pathlib import Path

    counted, after, otherwise = {}, {}, {}
    for line in (Path(__file__).with_name("measures.txt")).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, measure = line.split("\t")
        if surface.startswith("after:"):
            after[surface[len("after:"):]] = measure
        elif surface.startswith("otherwise:"):
            otherwise[surface[len("otherwise:"):]] = measure
        else:
            counted[surface] = measure
    return counted, after, otherwise


MEASURES, MEASURE_AFTER, MEASURE_OTHERWISE = _measures()
# a count of these people may be a count of a measure the words after it name
MEASURE_PEOPLE = frozenset(["लोग", "मरीज"])
COUNTED.update(MEASURES)
# Counted things that are no measure on their own: "315 लोग" says how many people, not
# what happened to them, so two such counts are never compared as one figure.
NOT_A_MEASURE = frozenset(["लोग"])
# Words that make a count of a running measure new in a period ("छह नए मामले", "123 और
# लोगों"), or a running total ("अब तक 251", "संख्या बढ़कर 13"). A new count is compared only
# with new counts: its measure is named with NEW_MEASURE before it ("नए मामले").
NEW_WORDS = frozenset(["नए", "नये", "नई", "नयी", "अतिरिक्त", "और"])
# "एक और मामला", "पांच और मरीज": so many more than the outlet's own last figure, whose time
# no other report shares
MORE_WORDS = frozenset(["और", "अतिरिक्त"])
TOTAL_MARKERS = ["अब तक", "अभी तक", "कुल", "बढ़कर", "बढ़ कर", "पहुंच", "पहुँच", "तक पहुं"]
NEW_MEASURE = "नए"
# "रोजाना पांच हजार जांच": so many per day, a rate, compared only with rates (named so)
RATE_WORDS = ["रोजाना", "रोज़ाना", "प्रतिदिन", "प्रति दिन", "हर दिन", "हर रोज"]
RATE_MEASURE = "रोजाना"
# "10 हजार मरीज और बढ़ गए": more of them, read right after the counted noun
NEW_AFTER = r"\s+और\s+(?:बढ़|जुड़)"
# A running total said to have risen to a figure ("संख्या बढ़कर 283 हो गई"): a later update
RISE_WORDS = ["बढ़कर", "बढ़ कर", "पहुंच गई", "पहुंच गया", "पहुंच गए", "पहुँच"]
# "देश में 35 नए मामले", "राज्य में संख्या 13": a place word standing for the place of its kind
# named last before it (the headline's "भारत में", the line's "गुजरात में"): the scope's words
# -> the kinds of place (places_within.txt) it may point to
PLACE_ANAPHORS = {
    "देश": ("country",), "देशभर": ("country",),
    "राज्य": ("state", "union territory"), "प्रदेश": ("state",), "सूबे": ("state",),
    "केंद्रशासित प्रदेश": ("union territory",), "केंद्र शासित प्रदेश": ("union territory",),
}
COUNTRY_ANAPHORS = frozenset(w for w, kinds in PLACE_ANAPHORS.items() if kinds == ("country",))
# Words of a period phrase that do not tell one period from another ("पिछले 24 घंटे में" and
# "24 घंटों के दौरान" are one window)
WINDOW_FILLERS = frozenset("पिछले पिछली बीते बीती गत में को के की का दौरान अंदर भीतर तक से".split())
# A word before a counted noun that makes it another measure: (word, measure) -> measure
SUB_MEASURES = {("सक्रिय", "मामले"): "सक्रिय मामले", ("एक्टिव", "मामले"): "सक्रिय मामले"}
