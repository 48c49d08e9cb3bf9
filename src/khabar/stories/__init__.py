"""Story placement as reports arrive (stable ids), and storylines over stories.

    clusterer   StoryClusterer: the facade that places reports (assign, state, ...)
    vectors     report vectors, incremental IDF, sparse-vector arithmetic
    index       candidate stories: inverted index over heavy terms, page sections
    score       the one join score (report vs story, report vs report, story vs story)
    revision    split, merge, absorb
    state       StoryState and the register of stories
    snapshot    whole-state snapshots and per-batch state items
    order       placement order, natural id order
    storyline   storylines over stories, in full or incrementally
    features    what a report is clustered on
    semantic    optional multilingual embeddings
"""

from khabar.stories.clusterer import StoryClusterer
from khabar.stories.order import batch_order, natural_key
from khabar.stories.state import StoryState
from khabar.stories.storyline import link_storylines

__all__ = ["StoryClusterer", "StoryState", "batch_order", "link_storylines", "natural_key"]
