"""The cited multi-source summary of a story, and its headline."""

from khabar.summary.summarize import choose_headline as choose_headline  # noqa: E402
from khabar.summary.summarize import summarize as summarize  # noqa: E402
