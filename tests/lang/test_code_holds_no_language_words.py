"""Code reads every word of a language from lang/<code>/: a second language is a new
folder, not an edit of the steps. Guarded here for every module outside lang/
(docstrings and comments may quote examples)."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest
import regex

SRC = Path(__file__).resolve().parents[2] / "src" / "khabar"
# every module but the language data itself
MODULES = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0] != "lang")


def _words_in_code(path: Path) -> list[str]:
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for tok in tokens:
        # a Devanagari letter: digits (०-९) are numbers khabar reads in any language
        if tok.type != tokenize.STRING or not regex.search(r"(?=\p{Devanagari})[\p{L}\p{M}]", tok.string):
            continue
        if tok.line.strip().startswith(('"""', 'r"""')):
            continue  # a docstring
        found.append(f"{path.name}:{tok.start[0]}: {tok.string[:40]}")
    return found


@pytest.mark.parametrize("module", MODULES)
def test_the_module_holds_no_devanagari_word(module):
    assert _words_in_code(SRC / module) == []


def test_the_check_sees_a_word_in_code(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""में in a docstring is fine."""\nIN = "में"\nPLURAL = "ों"\nDIGITS = "[०-९]"\n',
                      encoding="utf-8")
    assert len(_words_in_code(sample)) == 2  # a word and an ending; digits are no word
