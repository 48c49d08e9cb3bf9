"""Scraping noise in English (and the English boilerplate of Hindi pages), as data
for steps/clean.py. Same shape as khabar.lang.hi.noise."""

from __future__ import annotations

LINE_PATTERNS: list[tuple[str, str]] = [
    ("tags-line", r"Tags?\s*[:：].*"),
    ("related-links", r"(?:Similar|Related|More|Recommended)\s+(?:News|Stories|Articles|Posts)"),
    ("related-links", r"(?:Also [Rr]ead|Read [Mm]ore|READ MORE)\s*[:：]?.{0,200}"),
    ("ad-placeholder", r"(?:Advertisement|ADVERTISEMENT|Sponsored)"),
    ("source-line", r"Source\s*[:：]\s*(?P<url>https?://\S+)"),
    ("share-line", r"(?:Share|Follow us)(?:\s+(?:on|this))?\s*[:：]?(?:\s*(?:Facebook|Twitter|WhatsApp|X|Telegram|Email|LinkedIn)[\s,|]*)*"),
    # "Update: 2024-06-20 07:40 GMT" (the time goes to Article.published)
    ("update-stamp", r"(?:Update|Updated|Published|Last [Uu]pdated)\s*(?:on)?\s*[:：]\s*"
                     r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
                     r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?)?\s*(?P<tz>GMT|UTC|IST|Z)?"),
]

INLINE_PATTERNS: list[tuple[str, str]] = [
    # stray HTML left by a bad extraction: "-->", "<!-- ... -->", "<br>"
    ("html-residue", r"<!--.*?-->|-->|<!--|</?(?:p|br|div|span|strong|em|b|i|a)(?:\s[^<>\n]{0,200})?/?>"),
    ("photo-credit", r"\(\s*(?:Photo|Image|Pic|File photo)(?:\s*credit)?\s*[:：-]\s*[^()\n]{1,40}\)"),
]

# UTC offsets (hours, minutes) of the zone names an update stamp may carry.
TZ_OFFSETS = {"GMT": (0, 0), "UTC": (0, 0), "Z": (0, 0), "IST": (5, 30)}

# An English dateline: the place in capitals before a colon or dash,
# "PATNA:", "NEW DELHI, July 2 -", "WASHINGTON (Reuters) -".
DATELINE = r"(?P<place>\p{Lu}[\p{Lu} .'-]{1,30}?)(?:,\s*[^:\n()]{1,30}?)?\s*(?:\((?P<agency>[^()\n]{1,30})\))?\s*(?:[:：]|\s[-–—])\s+"
