"""Storylines: a generic story must not chain unrelated matters into one storyline."""

from khabar.config import ClusterSettings
from khabar.stories import StoryState, link_storylines

DAY = "2020-04-01"


def _story(n: int, terms: dict[str, float]) -> StoryState:
    return StoryState(id=f"s-{n:06d}", centroid=terms, first=DAY, last=DAY)


def _hub_and_pairs():
    """Four matters of four stories each (their own words), and one roundup story that
    shares a little of every matter's words."""
    matters = ["बाढ़ असम", "रेल हादसा", "बजट संसद", "चुनाव बिहार"]
    stories, n = [], 1
    for words in matters:
        a, b = words.split()
        for _ in range(4):
            stories.append(_story(n, {a: 1.0, b: 1.0}))
            n += 1
    hub = {}
    for words in matters:
        for w in words.split():
            hub[w] = 0.6
    stories.append(_story(n, hub))
    return stories


def test_a_roundup_story_does_not_join_every_matter_it_touches():
    stories = _hub_and_pairs()
    chained = link_storylines(stories, ClusterSettings(storyline_neighbours=0))
    assert len(set(chained.values())) == 1  # all links: one storyline of everything
    lines = link_storylines(stories, ClusterSettings(storyline_neighbours=3))
    for i in range(0, 16, 4):  # each matter's stories stay together
        assert len({lines[st.id] for st in stories[i:i + 4]}) == 1
    assert len({lines[stories[i].id] for i in range(0, 16, 4)}) == 4  # and apart from the others


def _random_stories(rnd, start: int, count: int, words: list[str]) -> list[StoryState]:
    out = []
    for n in range(start, start + count):
        terms = {w: rnd.uniform(0.1, 1.0) for w in rnd.sample(words, rnd.randint(2, 6))}
        day = f"2020-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        out.append(StoryState(id=f"s-{n:06d}", centroid=terms, first=day, last=day))
    return out


def test_relinking_only_what_changed_gives_the_links_of_a_whole_relinking(monkeypatch):
    """Runs that add stories, change some and merge some: each run links from the
    previous run's scored pairs and the ids it changed, and must equal a linking that
    scores every pair. A small term limit makes terms cross it both ways."""
    import random

    from khabar.stories import storyline

    monkeypatch.setattr(storyline, "MAX_TERM_STORIES", 6)
    rnd = random.Random(7)
    words = [f"शब्द{i}" for i in range(120)]
    settings = ClusterSettings(storyline_threshold=0.2, storyline_window_days=60, storyline_neighbours=3)
    stories = _random_stories(rnd, 1, 60, words)
    lines, links = storyline.link(stories, settings)
    for run in range(12):
        changed = set()
        fresh = _random_stories(rnd, len(stories) + 1, rnd.randint(0, 15), words)
        stories += fresh
        changed |= {st.id for st in fresh}
        live = [st for st in stories if st.merged_into is None]
        for st in rnd.sample(live, 5):  # grown: new words, other weights
            st.centroid = {**st.centroid, rnd.choice(words): rnd.uniform(0.1, 1.0)}
            changed.add(st.id)
        if run % 3 == 0:  # shrunk below the limit: a common word's stories change
            for st in live:
                if words[run] in st.centroid and rnd.random() < 0.7:
                    del st.centroid[words[run]]
                    changed.add(st.id)
        a, b = rnd.sample(live, 2)
        b.merged_into = a.id
        a.centroid = {**a.centroid, **b.centroid}
        changed |= {a.id, b.id}
        lines, links = storyline.link(stories, settings, links, changed)
        whole, scored = storyline.link(stories, settings)
        assert lines == whole
        assert links.to_json() == scored.to_json()
    assert len(set(lines.values())) < len(lines) - 10  # many stories were linked at all
    assert links.common  # and some words were too common to find candidates


def test_a_linking_under_other_settings_is_not_reused():
    stories = _hub_and_pairs()
    from khabar.stories import storyline

    _, links = storyline.link(stories, ClusterSettings(storyline_neighbours=0))
    assert storyline.link(stories, ClusterSettings(storyline_neighbours=3), links, set())[0] == \
        link_storylines(stories, ClusterSettings(storyline_neighbours=3))
    assert storyline.Links.from_json({"marker": [], "a": [1], "b": [], "sim": []}) is None
    assert storyline.Links.from_json("nonsense") is None
