"""Agreements and conflicts between claims of several reports.

Quantity claims are grouped by counted thing and place (scope key: "रूस", "कुर्स्क").
Each claim is read as an interval (the hedge rule):
    exact/bare v -> [0.98v, 1.02v]   (news rounds)      about v -> [0.95v, 1.05v]
    more-than / at-least / vague v -> [v, inf)           less-than / at-most v -> [0, v]
Point-like claims (bare, about) whose intervals overlap form one cluster: an agreement.
Open-ended claims ("more than 10,000", "thousands") never join or split clusters: they are
listed as compatible with every cluster they overlap; one that overlaps none ("more than
60" where the figures say 35) is a figure of its own, a cluster apart. Two or more clusters
in one group are a "value" conflict when the group is comparable: a measure (not bare
people), a known place (or an event's toll), and two reports that differ; an "update"
instead when the measure is a running total and a higher value is given as the total
having risen to it. The same speaker putting the same count in different places is a
"scope" conflict, unless one place is inside the other by the story's own scopes ("रूस के
कुर्स्क क्षेत्र में": Kursk is in Russia) or by places_within.txt. Near-identical claims credited to different speakers are a "speaker"
conflict. Date claims of one event kind that differ by 1-31 days are a "value" conflict
(further apart they are read as different events).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from khabar import lang
from khabar.analysis.places import places as known_places
from khabar.model import Claim, Conflict
from khabar.text.normalize import content_words, match_key
from khabar.steps.extract.attribution import speaker_key
from khabar.steps.extract.quantities import MORE, scope_key

_INF = float("inf")


@dataclass
class Agreement:
    subject: str
    scope: str
    value: str  # display, e.g. "~10000"
    claims: list[Claim] = field(default_factory=list)  # the point-like claims that agree
    compatible: list[Claim] = field(default_factory=list)  # open-ended claims that fit
    reports: int = 0  # distinct reports among `claims`
    speakers: list[str] = field(default_factory=list)


def interval(c: Claim) -> tuple[float, float]:
    v = float(c.value)
    return {
        "about": (0.95 * v, 1.05 * v), "more-than": (v, _INF), "at-least": (v, _INF),
        "vague": (v, _INF), "less-than": (0.0, v), "at-most": (0.0, v),
    }.get(c.hedge, (0.98 * v, 1.02 * v))


def _overlap(a, b) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _label(cs: list[Claim]) -> str:
    return "; ".join(f"{c.value}{'~' if c.hedge == 'about' else ''} ({c.speaker or '?'}; {c.external_id})"
                     for c in cs)


def _stated(c: Claim) -> str:
    """The place stated with a claim's figure: a place the claim only takes from its
    report's headline or lead ("" then) is no ground to compare it with other places."""
    return "" if c.place_from else c.scope


def _open(c: Claim) -> bool:
    return interval(c)[1] == _INF or interval(c)[0] == 0.0


def compare_claims(claims: list[Claim], language=None) -> tuple[list[Agreement], list[Conflict]]:
    """Group comparable claims; return agreements (one per cluster) and flagged conflicts.
    `language` gives the claim words and the stop words of the speaker test (the
    default language's when None)."""
    language = lang.resolve(language)
    hc = language.claimwords
    agreements: list[Agreement] = []
    conflicts: list[Conflict] = []
    groups: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        if c.kind == "quantity":
            groups.setdefault((c.subject, scope_key(_stated(c), language)), []).append(c)
    # the places each counted thing is counted in across the story
    places: dict[str, set[str]] = {}
    for subject, scope in groups:
        if scope:
            places.setdefault(subject, set()).add(scope)
    for (subject, scope), cs in groups.items():
        clusters: list[list[Claim]] = []
        # a claim overlaps every interval of a cluster exactly when it overlaps their
        # common part [highest low, lowest high]: one test per cluster, not per member
        common: list[tuple[float, float]] = []
        for c in sorted((c for c in cs if not _open(c)), key=lambda c: float(c.value)):
            _join(c, clusters, common)
        open_claims = [c for c in cs if _open(c)]
        if not clusters:  # only open-ended claims: they agree with each other
            clusters = [[c for c in cs]]
            common = [(-_INF, _INF)]
        else:
            # "more than 60" where the figures say 35 fits no cluster: it is a figure of its
            # own (clusters of such claims in the order of their lower bounds)
            for c in sorted((c for c in open_claims if not any(_overlap(interval(c), k) for k in common)),
                            key=lambda c: interval(c)[0]):
                _join(c, clusters, common, only_open=True)
            order = sorted(range(len(clusters)), key=lambda k: float(clusters[k][0].value))
            clusters, common = [clusters[k] for k in order], [common[k] for k in order]
        for cl, (clo, chi) in zip(clusters, common):
            members = {id(c) for c in cl}
            fits = [c for c in open_claims if id(c) not in members
                    and _overlap(interval(c), (clo, chi))]
            hedge = "~" if any(c.hedge == "about" for c in cl) else ""
            agreements.append(Agreement(
                subject, scope, f"{hedge}{cl[0].value}", cl, fits, len({c.external_id for c in cl}),
                list({speaker_key(c.speaker, hc): c.speaker for c in cl if c.speaker}.values())))
        if len(clusters) > 1 and _comparable(subject, scope, clusters, language,
                                             len(places.get(subject, ())) > 1):
            update = _update(subject, clusters, language)
            conflicts.append(Conflict(subject=f"{subject} @ {scope or '?'}", kind="update" if update else "value",
                                      claims=[c for cl in clusters for c in cl],
                                      note=(" -> " if update else " vs ").join(_label(cl) for cl in clusters)))
    conflicts += (_scope_conflicts(claims, language)
                  + _speaker_conflicts(claims, language)
                  + _date_conflicts(claims, language))
    return agreements, conflicts


def _join(c: Claim, clusters: list[list[Claim]], common: list[tuple[float, float]],
          only_open: bool = False) -> None:
    """Put `c` in the first cluster whose common interval it overlaps (`only_open`: the
    first such cluster of open-ended claims), narrowing that interval; else in a new one."""
    lo, hi = interval(c)
    for k, (clo, chi) in enumerate(common):
        if (not only_open or _open(clusters[k][0])) and lo <= chi and clo <= hi:
            clusters[k].append(c)
            common[k] = (max(clo, lo), min(chi, hi))
            return
    clusters.append([c])
    common.append((lo, hi))


def _comparable(subject: str, scope: str, clusters: list[list[Claim]], language,
                many_places: bool = False) -> bool:
    """Whether differing clusters of one group are a conflict between sources: the counted
    thing is a measure (not bare people, whose role the report did not say), the place is
    known, and two reports give different values (a difference inside one report is its
    own detail, never a cross-source conflict). `many_places`: the story counts this
    thing in two or more places."""
    HC = language.claimwords
    # an event's toll (dead, injured, missing) is the story's own event wherever it was,
    # unless the story counts it in several places (a disease's deaths in China and in
    # Italy): then a toll without a place may be any of theirs, as any other measure may
    toll = subject in HC.CASUALTY_SUBJECTS.values() and not many_places
    if subject in HC.NOT_A_MEASURE or (not scope and not toll):
        return False
    for i, a in enumerate(clusters):
        ra = {c.external_id for c in a}
        for b in clusters[i + 1:]:
            if _other_windows(a, b):
                continue
            if any(c.external_id not in ra or len(ra) > 1 for c in b):
                return True
    return False


def _other_windows(a: list[Claim], b: list[Claim]) -> bool:
    """Whether two clusters of new counts are new in periods their texts name differently
    ("2,553 in 24 hours" and "12,000 in six days"): counts of two windows, not one figure."""
    wa, wb = {c.window for c in a}, {c.window for c in b}
    # "one more case" counts from the outlet's own last figure: no window to share
    if wa == {MORE} or wb == {MORE}:
        return True
    return "" not in wa and "" not in wb and not wa & wb



def _update(subject: str, clusters: list[list[Claim]], language) -> bool:
    """Whether differing values of a running total read as its successive updates rather
    than a disagreement: a value above the lowest is given as the total having risen to it
    ("मामले बढ़कर 283 हो गए"), so the total was moving while the story was reported.
    `clusters` are in value order."""
    HC = language.claimwords
    if subject not in HC.MEASURES.values():
        return False
    return any(any(w in c.text for w in HC.RISE_WORDS) for cl in clusters[1:] for c in cl)


def containment(claims: list[Claim], language=None) -> set[tuple[str, str]]:
    """(outer, inner) place keys the story's own scopes nest: "रूस के कुर्स्क क्षेत्र में" says
    Kursk is in Russia, "महाराष्ट्र के पुणे शहर में" that Pune is in Maharashtra; closed
    under "in the place that is in"."""
    cw = lang.resolve(language).rules.countwords  # a place's postposition and genitive
    pairs = set()
    for c in claims:
        words = _stated(c).replace(" " + cw.IN, "").split()
        if cw.OF in words[1:]:
            outer, inner = words[words.index(cw.OF) - 1], scope_key(_stated(c), language)
            if outer != inner:
                pairs.add((outer, inner))
    while True:
        more = {(a, d) for a, b in pairs for c, d in pairs if b == c and a != d} - pairs
        if not more:
            return pairs
        pairs |= more


def _scope_conflicts(claims: list[Claim], language) -> list[Conflict]:
    out = []
    by: dict[tuple[str, str], list[Claim]] = {}
    nested = containment(claims, language)
    known = known_places(language)
    name = {_stated(c): known.name(_stated(c)) for c in claims if c.kind == "quantity"}

    def one_inside(a: Claim, b: Claim) -> bool:
        ka, kb = scope_key(_stated(a), language), scope_key(_stated(b), language)
        if (ka, kb) in nested or (kb, ka) in nested:
            return True
        na, nb = name[_stated(a)], name[_stated(b)]
        return bool(na and nb) and (known.within(na, nb) or known.within(nb, na))

    for c in claims:
        if c.kind == "quantity" and c.speaker:
            by.setdefault((c.subject, speaker_key(c.speaker, language.claimwords)), []).append(c)
    for (subject, spk), cs in by.items():
        for i, a in enumerate(cs):
            # the same count in a place and in a place inside it ("11,000 in Kursk", "in Russia")
            # is one placement said at two scales, not two places
            ka = scope_key(_stated(a), language)
            others = [b for b in cs[i + 1:] if scope_key(_stated(b), language) != ka and not one_inside(a, b)
                      and a.external_id != b.external_id and _overlap(interval(a), interval(b))]
            if others:
                places = sorted({scope_key(_stated(c), language) or "?" for c in [a, *others]})
                out.append(Conflict(subject=f"{subject} ({a.speaker})", kind="scope", claims=[a, *others],
                                    note=f"same count {a.value}, placed in: {', '.join(places)}"))
                break
    return out


def same_speaker(a: str, b: str, claimwords=None) -> bool:
    """One speaker named twice: equal keys, or one name inside the other
    ("रक्षा मंत्रालय" and "दक्षिण कोरिया के रक्षा मंत्रालय")."""
    if speaker_key(a, claimwords) == speaker_key(b, claimwords):
        return True
    wa, wb = ({match_key(w) for w in x.split()} for x in (a, b))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _speaker_conflicts(claims: list[Claim], language) -> list[Conflict]:

    out = []
    qs = [c for c in claims if c.kind == "quantity" and c.speaker]
    words = {id(c): set(content_words(c.text, language.stopwords())) for c in qs}
    for i, a in enumerate(qs):
        wa = words[id(a)]
        for b in qs[i + 1:]:
            if (a.external_id == b.external_id or a.value != b.value or a.subject != b.subject
                    or same_speaker(a.speaker, b.speaker, language.claimwords)):
                continue
            wb = words[id(b)]
            if wa and wb and len(wa & wb) / len(wa | wb) >= 0.5:
                out.append(Conflict(subject=a.subject, kind="speaker", claims=[a, b],
                                    note=f"same statement credited to {a.speaker} and {b.speaker}"))
    return out


def _date_conflicts(claims: list[Claim], language) -> list[Conflict]:
    out = []
    ds = [c for c in claims if c.kind == "date" and len(c.value) == 10]
    seen = set()
    for i, a in enumerate(ds):
        for b in ds[i + 1:]:
            if a.subject != b.subject or a.value == b.value or (a.value, b.value) in seen:
                continue
            gap = abs((date.fromisoformat(a.value) - date.fromisoformat(b.value)).days)
            if gap <= 31 and speaker_key(a.speaker, language.claimwords) == speaker_key(b.speaker, language.claimwords):
                seen.add((a.value, b.value))
                out.append(Conflict(subject=a.subject, kind="value", claims=[a, b],
                                    note=f"{a.value} ({a.external_id}) vs {b.value} ({b.external_id})"))
    return out
