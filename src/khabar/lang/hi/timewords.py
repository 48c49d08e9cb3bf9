"""Hindi time-expression data: relative words, units, parts of the day, tense markers.

Used by steps/extract/dates.py; months and weekdays live in lang/hi/__init__.py.
"""

from __future__ import annotations

# Direction of a relative modifier: -1 previous, 0 this, +1 next.
MODIFIERS = {
    "पिछले": -1, "पिछली": -1, "पिछला": -1, "बीते": -1, "गत": -1, "पिछ्ले": -1,
    "इस": 0, "इसी": 0, "चालू": 0,
    "अगले": 1, "अगली": 1, "अगला": 1, "आगामी": 1, "आने वाले": 1, "आने वाली": 1,
}
# Calendar units after a modifier ("पिछले महीने", "इस साल").
UNITS = {
    "साल": "year", "वर्ष": "year", "बरस": "year",
    "महीने": "month", "महीना": "month", "माह": "month", "मास": "month",
    "सप्ताह": "week", "हफ्ते": "week", "हफ़्ते": "week", "हफ्ता": "week", "हफ़्ता": "week",
    "दिन": "day", "दिनों": "day", "सप्ताहांत": "week",
}
# A plural unit after a modifier is a stretch of recent time, not one day: "पिछले दिनों",
# "बीते दिनों" = lately. Kept vague (no value), unlike "पिछले दिन" (the day before).
VAGUE_PLURAL_UNITS = ["दिनों"]
# Counted spans: "दो दिन पहले", "तीन साल बाद".
SPAN_UNITS = {"दिन": "day", "दिनों": "day", "सप्ताह": "week", "हफ्ते": "week", "हफ़्ते": "week",
              "महीने": "month", "महीनों": "month", "साल": "year", "सालों": "year", "वर्ष": "year",
              "वर्षों": "year", "घंटे": "hour", "घंटों": "hour", "पखवाड़े": "fortnight",
              "पखवाड़ा": "fortnight", "पखवाड़ों": "fortnight"}
# Vague counts of a span: "कुछ दिन पहले", "पिछले कई सालों से", "चंद घंटों बाद".
SOME = ["कुछ", "कई", "चंद", "अनेक"]
AGO = {"पहले": -1, "पूर्व": -1, "बाद": 1}
# Days relative to the report: "कल" needs the verb's tense (lang/hi/tense.py).
DEICTIC = {"आज": 0, "कल": None, "परसों": None, "बीते दिन": -1, "अभी": 0}
PARTS_OF_DAY = ["अलसुबह", "अल सुबह", "अपराह्न", "पूर्वाह्न", "मध्यरात्रि", "देर रात", "देर शाम", "आधी रात", "सुबह", "सवेरे", "तड़के", "तड़के", "भोर", "दोपहर",
                "शाम", "रात", "रात्रि", "प्रातः", "सायं"]
# Clock time: "10 बजे", "8:30 बजे", "9 बजकर 15 मिनट".
CLOCK_WORDS = ["बजे", "बजकर"]
# The tense and aspect words that sign "कल" and a weekday are in lang/hi/tense.py.
# Named days. Fixed-date ones get a month-day; lunar festivals have no fixed date (value None).
FESTIVALS = {
    "गणतंत्र दिवस": "01-26", "स्वतंत्रता दिवस": "08-15", "गांधी जयंती": "10-02", "क्रिसमस": "12-25",
    "नए साल": "01-01", "नववर्ष": "01-01", "दिवाली": None, "दीवाली": None, "दीपावली": None,
    "होली": None, "रामनवमी": None, "ईद": None, "बकरीद": None, "दशहरा": None, "दुर्गा पूजा": None,
    "छठ": None, "नवरात्रि": None, "मौनी अमावस्या": None, "मकर संक्रांति": None, "रक्षाबंधन": None,
    "जन्माष्टमी": None, "शिवरात्रि": None, "महाशिवरात्रि": None, "मुहर्रम": None,
}
# Counted durations ("छह दिन", "24 घंटे"): read as durations, not dates.
DURATION_UNITS = ["दिन", "दिनों", "घंटे", "घंटों", "घंटा", "मिनट", "मिनटों", "सप्ताह", "हफ्ते", "हफ़्ते",
                  "महीने", "महीनों", "साल", "सालों", "वर्ष", "वर्षों", "पखवाड़े", "पखवाड़ा"]
# Labels before a number that make it not a year ("अनुच्छेद 2001").
NOT_YEAR_BEFORE = ["अनुच्छेद", "धारा", "नंबर", "नम्बर", "संख्या", "क्रमांक", "पृष्ठ", "कोड", "पिन"]
# Day numbers written as words ("एक जनवरी", "दो अक्टूबर").
DAY_WORDS = {"एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "पाँच": 5, "छह": 6, "सात": 7,
             "आठ": 8, "नौ": 9, "दस": 10, "पंद्रह": 15, "बीस": 20, "पच्चीस": 25, "तीस": 30}
# A 4-digit number followed by these is a count ("३००० मरे"), not a year.
COUNT_VERBS = ["मरे", "मारे", "घायल", "लापता", "हताहत", "जख्मी", "ज़ख्मी", "बेघर", "प्रभावित"]

# Event triggers: words that make a clause report something that happened (an incident,
# a disaster, a killing, a signing), so a time expression in that clause dates an event.
# Matched as whole tokens; stems in EVENT_TRIGGER_STEMS as word starts. Speech verbs
# (कहा, बताया) are deliberately absent: "उन्होंने आज बताया" dates the telling, not the event.
EVENT_TRIGGERS = frozenset("""
हुआ हुई हुए हुईं हुयी हुये आया आई आए आये आयी लगी लगा लगे गिरा गिरी गिरे गिर ढहा ढही ढह ढहे
फटा फटी फटे डूबा डूबी डूबे पलटा पलटी पलटे टकराया टकराई टकराए टकरा भिड़े भिड़ंत धंसा धंसी धंस
बहा बही बहे बह उतरी उतरा उतरे मारे मारा मारी मरे मरा मरी मौत मृत्यु घायल जख्मी ज़ख्मी झुलसे झुलसी
लापता दबे दबी दबकर फंसे फंसी भड़की भड़का भड़के उखड़ उखड़े तबाह नष्ट क्षतिग्रस्त ध्वस्त बरामद
मिला मिली मिले शुरू शुरु पहुंचा पहुंची पहुंचे पहुँचा पहुँची टूटा टूटी टूटे हमला हमले धमाका धमाके
विस्फोट हादसा हादसे दुर्घटना दुर्घटनाग्रस्त भूकंप झटके झटका बाढ़ आग तूफान तूफ़ान चक्रवात बवंडर
आंधी भूस्खलन हिमस्खलन बारिश बर्फबारी ओलावृष्टि गोलीबारी फायरिंग मुठभेड़ हत्या अपहरण अगवा
दंगा हिंसा भगदड़ बादल बिजली लू शीतलहर सुनामी ज्वालामुखी प्रभावित बेघर हताहत शहीद निधन
दम चपेट हस्ताक्षर दस्तखत शिखर मुलाकात आक्रमण गिरफ्तार ढेर उड़ा उड़ाया चली चला चले
घटना घटी घटे घटित वारदात महसूस
गर्मी ठंड पारा तापमान कोहरा कोहरे शीतलहर गलन ठिठुरन बूंदाबांदी
""".split())
# ("घटना मंगलवार रात की है": the incident noun dates itself; heat and cold waves are events
# whose time is given with the reading: "सोमवार को पारा 45 डिग्री पहुंचा")
EVENT_TRIGGER_STEMS = ("दुर्घटना", "भूस्खलन", "विस्फोट", "धमाक", "हादस", "तबाह", "क्षतिग्रस्त")
# Past-tense auxiliaries: "रिकार्ड किया गया", "रोक दी थी", "क्रैश हो गया" report something
# that happened even when the verb is not in EVENT_TRIGGERS ("की" is left out: mostly "of").
EVENT_PAST = frozenset("गया गई गए गयी गये किया किए किये दी दिया दिए लिया ली लिए था थी थे थीं चुका चुकी चुके".split())
# Speech verbs: a clause whose only past verb is one of these dates a statement, not an event.
SPEECH = frozenset("कहा बताया बताई बताए कहना बोले बोला बोली जानकारी सूचना दावा पुष्टि ट्वीट".split())
# Words that end the clause a time expression belongs to (besides punctuation).
EVENT_CLAUSE_BREAKS = [" कि ", " जबकि ", " लेकिन ", " मगर ", " वहीं ", " तथा ", " और फिर "]
