"""English language data: stop words, months, weekdays, abbreviations."""

from __future__ import annotations

# English reports in khabar's feeds come from the same Indian outlets as the Hindi ones
# and are read with the Hindi rules, which know English dates, numbers, titles and
# speech verbs (lang/hi names English as its LATIN language).
RULES = "hi"

SENTENCE_END = ".?!"
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt st jr sr inc ltd co corp no vs u.s u.k u.n jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_STOP = """a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own said same
she should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves also told says say new one two year years last week
""".split()


def stopwords() -> frozenset[str]:
    return frozenset(_STOP)
