"""Scraping noise in English (and the English boilerplate of Hindi pages), as data
for steps/clean.py. Same shape as khabar.lang.hi.noise."""

from __future__ import annotations

# A date with an optional time and zone, as outlets print them; group names are read
# by steps/clean.py (month may be a number or a name in lang.en.MONTHS).
STAMP_DATE = (
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s*)?"
    r"(?:(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"|(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})"
    r"|(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4}))"
    r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp][Mm])?)?"
    r"\s*(?:\(\s*(?P<tz>GMT|UTC|IST|Z)\s*\)|(?P<tz>GMT|UTC|IST|Z))?"
)

LINE_PATTERNS: list[tuple[str, str]] = [
    ("tags-line", r"Tags?\s*[:：].*"),
    ("related-links", r"(?:Similar|Related|More|Recommended)\s+(?:News|Stories|Articles|Posts)"),
    ("related-links", r"(?:Also [Rr]ead|Read [Mm]ore|READ MORE)\s*[:：]?.{0,200}"),
    ("ad-placeholder", r"(?:Advertisement|ADVERTISEMENT|Sponsored)"),
    ("source-line", r"Source\s*[:：]\s*(?P<url>https?://\S+)"),
    ("share-line", r"(?:Share|Follow us)(?:\s+(?:on|this))?\s*[:：]?(?:\s*(?:Facebook|Twitter|WhatsApp|X|Telegram|Email|LinkedIn)[\s,|]*)*"),
    # "Update: 2024-06-20 07:40 GMT", "Updated: 01 Mar 2020, 02:53:00 PM IST"
    # (the time goes to Article.published)
    ("update-stamp", r"(?:Update|Updated|Published|Publish Date|Last [Uu]pdated)\s*(?:on)?\s*[:：]?\s*" + STAMP_DATE),
    # "Edited By Naina Gupta | <outlet> | Updated: 01 Mar 2020, 02:53:00 PM IST"
    ("byline-stamp", r"(?:Edited|Written|Reported|Posted)\s+[Bb]y\s+[^|\n]{1,60}(?:\|[^|\n]{1,60})*?\|\s*"
                     r"(?:Updated|Published)\s*[:：]\s*" + STAMP_DATE),
    # a line holding only a date and time: "Sat, Mar 14, 2020, 6:13 PM IST"
    ("update-stamp", STAMP_DATE),
    ("promo-line", r"Get (?:all|latest) .{0,60}News in Hindi.*"),
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
