"""The Language object: one per code, data as attributes, unknown codes refused."""

from __future__ import annotations

import pickle

import pytest

from khabar import lang
from khabar.config import LanguageSettings, load_settings
from khabar.errors import BadSetting, UnknownLanguage
from khabar.model import Article


def test_one_object_per_code_with_its_data():
    hi = lang.get("hi")
    assert hi is lang.get("hi")
    assert hi.code == "hi" and hi.path.name == "hi"
    assert hi.MONTHS["नवंबर"] == 11 and hi.WEEKDAYS["गुरुवार"] == 3
    assert hi.SCALES["लाख"] == 100_000 and hi.SCALES["करोड़"] == 10_000_000
    assert hi.claimwords.COUNTED["सैनिकों"] == "सैनिक"
    assert hi.timewords.DEICTIC["कल"] is None  # yesterday or tomorrow: the verb decides
    assert "है" in hi.stopwords()
    assert "जेएनएन" in hi.wordlist("bylines")
    assert hasattr(hi.noise, "DATELINE") and hi.langid.MIN_OWN >= 1


def test_hindi_reads_english_as_its_latin_language():
    hi, en = lang.get("hi"), lang.get("en")
    assert hi.latin is en and hi.rules is hi
    assert en.rules is hi  # English reports are read with the Hindi rules
    assert "the" in en.stopwords() and en.MONTHS["nov"] == 11


@pytest.mark.parametrize("code", ["mr", "xx", "", "HI"])
def test_unknown_code_is_an_error_not_hindi(code):
    with pytest.raises(UnknownLanguage) as err:
        lang.get(code)
    assert str(err.value).startswith("K013")
    assert repr(code) in str(err.value) and "hi, en" in str(err.value)


def test_missing_data_names_the_language():
    with pytest.raises(AttributeError, match="lang/en/"):
        lang.get("en").langid


def test_language_pickles_as_its_code():
    hi = lang.get("hi")
    assert pickle.loads(pickle.dumps(hi)) is hi


def test_report_language_is_chosen_explicitly():
    a = Article(external_id="x", raw_text="", language="en")
    assert lang.for_report(a).code == "en"
    a.language = None
    assert lang.for_report(a, LanguageSettings(default="en")).code == "en"
    a.language = "mr"  # lingua's call on a short Hindi report
    assert lang.for_report(a).code == "hi"
    with pytest.raises(UnknownLanguage, match="'mr'"):
        lang.for_report(a, LanguageSettings(other=""))


def test_settings_refuse_a_language_without_data(tmp_path):
    toml = tmp_path / "k.toml"
    toml.write_text('[language]\ndefault = "ta"\n', encoding="utf-8")
    with pytest.raises(UnknownLanguage):
        load_settings(toml)
    assert load_settings().language.default == "hi"
    assert not isinstance(UnknownLanguage("x"), BadSetting)


def test_what_a_step_compiles_of_a_language_is_made_once_per_language():
    made = []

    def build(language):
        made.append(language.code)
        return object()

    first = lang.compiled(build, "hi")
    assert lang.compiled(build, lang.get("hi")) is first and lang.compiled(build, None) is first
    assert lang.compiled(build, "en") is not first
    assert made == ["hi", "en"]
    with pytest.raises(UnknownLanguage):
        lang.compiled(build, "xx")
