"""Input readers: JSONL, text files and folders, HTML, RSS/Atom, WARC and URLs -> Article.

Each reader yields `Article` for what it could read and `Rejected` (with a K0xx code
naming the input and line) for what it could not; one bad item never stops a batch.
"""

from .dispatch import kind_by_name, read_file, read_folder, read_input, read_inputs, read_url
from .fetch import Fetcher

__all__ = ["read_inputs", "read_input", "read_file", "read_folder", "read_url", "kind_by_name", "Fetcher"]
