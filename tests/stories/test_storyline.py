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
