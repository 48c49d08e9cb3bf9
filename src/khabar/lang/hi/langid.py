"""Function words that tell Hindi from its Devanagari neighbours, for steps/langid.py.

lingua calls some short Hindi news texts Marathi with high confidence (numbers, lists,
"." as sentence end). These words settle it: Hindi reports are dense with OWN words and
carry none of the NEIGHBOUR ones (Marathi and Nepali auxiliaries and conjunctions).
OWN, NEIGHBOUR, NEIGHBOURS, MIN_OWN and RATIO are what steps/langid.py reads.
"""

from __future__ import annotations

OWN = frozenset("है हैं था थे थी के की का में को से और नहीं कि गया गई गए रहा रही रहे".split())
NEIGHBOUR = frozenset(
    # Marathi
    "आहे आहेत होते होता होती आणि मध्ये झाला झाली झाले केले असून नाही आता त्या हे ते"
    # Nepali
    " छ छन् थियो भने पनि र मा ले हो"
    .split()
)
# Codes of the Devanagari neighbours lingua may call a Hindi report.
NEIGHBOURS = frozenset({"mr", "ne", "sa"})
# Hindi wins over a neighbour call when it has at least MIN_OWN marker tokens and
# RATIO times more of them than neighbour markers.
MIN_OWN = 3
RATIO = 3
