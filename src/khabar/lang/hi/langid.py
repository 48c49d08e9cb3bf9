"""Function words that tell Hindi from its Devanagari neighbours, for steps/langid.py.

lingua calls some short Hindi news texts Marathi with high confidence (numbers, lists,
"." as sentence end). These words settle it: Hindi reports are dense with HINDI words and
carry none of the NEIGHBOUR ones (Marathi and Nepali auxiliaries and conjunctions).
"""

from __future__ import annotations

HINDI = frozenset("है हैं था थे थी के की का में को से और नहीं कि गया गई गए रहा रही रहे".split())
NEIGHBOUR = frozenset(
    # Marathi
    "आहे आहेत होते होता होती आणि मध्ये झाला झाली झाले केले असून नाही आता त्या हे ते"
    # Nepali
    " छ छन् थियो भने पनि र मा ले हो"
    .split()
)
# Hindi wins over a neighbour call when it has at least MIN_HINDI marker tokens and
# RATIO times more of them than neighbour markers.
MIN_HINDI = 3
RATIO = 3
