"""English data for quantities and attribution."""

from __future__ import annotations

HEDGE_BEFORE = {"about": "about", "around": "about", "approximately": "about", "nearly": "about",
                "roughly": "about", "some": "about", "at least": "at-least", "more than": "more-than",
                "over": "more-than", "fewer than": "less-than", "less than": "less-than",
                "up to": "at-most", "only": "exact"}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "lakh": 100_000, "crore": 10_000_000}
COUNTED = {"troops": "सैनिक", "soldiers": "सैनिक", "people": "लोग", "civilians": "नागरिक",
           "killed": "मृतक", "dead": "मृतक", "injured": "घायल", "percent": "%", "%": "%"}
SPEECH_VERBS = {"said": "said", "says": "said", "told": "said", "claimed": "claimed",
                "confirmed": "confirmed", "reported": "reported", "announced": "announced"}
TITLES = ["President", "Minister", "Secretary", "Spokesman", "Spokeswoman", "Spokesperson",
          "Chancellor", "General", "Commander", "Chief", "Director", "Ambassador", "Prime",
          "Defence", "Defense", "Foreign", "State", "of", "the", "Mr.", "Mrs.", "Ms.", "Dr."]
# Capitalised sentence openers that are not the speaker of "X said".
NOT_SPEAKER_FIRST = frozenset(["The", "He", "She", "It", "They", "This", "That"])
