"""CRF features: the e5 word-type group and its fallbacks."""

import numpy as np
import pytest

from khabar.steps.extract import ner_features as nf


def test_e5_probabilities_come_from_the_table_and_skip_punctuation():
    table = {"पुतिन": (0.9, 0.05, 0.01)}
    probs = nf.e5_probs(["पुतिन", ",", "42"], table)
    assert probs == [(0.9, 0.05, 0.01), None, None]


def test_unseen_word_without_weights_gets_a_neutral_value():
    probs = nf.e5_probs(["झ्यूक्स्ट"], {})
    assert probs == [(0.0, 0.0, 0.0)]


def test_regression_weights_give_a_distribution_in_type_order():
    lr = {"coef": np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0], [0.0, 0.0]]),
          "intercept": np.zeros(4), "classes": np.array(["LOC", "O", "ORG", "PER"])}
    (per, loc, org), = nf.e5_probs_from_embeddings(np.array([[1.0, 0.0]]), lr)
    assert per == pytest.approx(1 / (3 + np.exp(5)), abs=1e-3)
    assert loc == per and org == per


def test_features_carry_e5_values_for_the_word_and_its_neighbours(monkeypatch):
    monkeypatch.setattr(nf, "EXTRA", {"e5"})
    table = {"मोदी": (0.8, 0.1, 0.05), "ने": (0.0, 0.0, 0.0), "कहा": (0.0, 0.0, 0.01)}
    feats = nf.crf_features(["मोदी", "ने", "कहा"], names={}, e5=table)
    assert isinstance(feats[0], dict) and feats[0]["w=मोदी"] == 1.0
    assert feats[0]["e5PER"] == 0.8 and feats[1]["e5PER-1"] == 0.8
    assert "e5PER-1" not in feats[0]


def test_without_the_group_features_are_strings(monkeypatch):
    monkeypatch.setattr(nf, "EXTRA", set())
    feats = nf.crf_features(["मोदी", "ने"], names={})
    assert all(isinstance(f, str) for f in feats[0])


def test_stack_features_read_the_same_word_elsewhere_in_the_document():
    words = [["पुतिन", "ने", "कहा"], ["व्लादिमीर", "पुतिन", "आए"]]
    feats = [nf.crf_features(ws, {}) for ws in words]
    tags = [["O", "O", "O"], ["B-PER", "I-PER", "O"]]
    probs = [[(0.3, 0.1, 0.0), (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)],
             [(0.9, 0.0, 0.0), (0.95, 0.02, 0.0), (0.0, 0.0, 0.0)]]
    out = nf.stack_features(words, feats, tags, probs)
    first = out[0][0]
    # the other "पुतिन" (a confident person), not this token's own 0.3
    assert first["dxPER"] == 0.95
    assert first["dt=PER"] == 1.0 and first["dt=PER|t1=O"] == 1.0
    assert first["qPER"] == 0.3 and first["t1=O"] == 1.0 and first["t1+1=O"] == 1.0
    assert "w=" + "पुतिन" in first
    # a word seen once in the document gets no document features
    assert not any(k.startswith(("dx", "dt=")) for k in out[1][0])
    assert out[1][1]["dxPER"] == 0.3 and out[1][1]["dt=O"] == 1.0


def test_stack_features_leave_out_one_letter_words_and_punctuation():
    words = [[",", "क", ","], [",", "क"]]
    feats = [nf.crf_features(ws, {}) for ws in words]
    tags = [["O"] * 3, ["O"] * 2]
    probs = [[(0.0, 0.0, 0.0)] * 3, [(0.0, 0.0, 0.0)] * 2]
    out = nf.stack_features(words, feats, tags, probs)
    assert not any(k.startswith("dx") for sent in out for d in sent for k in d)


def _tiny_crf(path, data):
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, tags in data:
        trainer.append(feats, tags)
    trainer.set_params({"max_iterations": 30})
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def test_stack_tag_runs_both_stages_over_a_document(tmp_path):
    sents = [(["मोदी", "ने", "कहा"], ["B-PER", "O", "O"]),
             (["दिल्ली", "में", "बारिश"], ["B-LOC", "O", "O"]),
             (["मोदी", "दिल्ली", "गए"], ["B-PER", "B-LOC", "O"])]
    words = [w for w, _ in sents]
    t1 = _tiny_crf(tmp_path / "a.crfsuite", [(nf.crf_features(w, {}), t) for w, t in sents])
    first = nf.stack_tag(t1, None, words, {})
    assert [tags for tags, _ in first] == [t for _, t in sents]
    assert all(0.0 <= p <= 1.0 for _, p_o in first for p in p_o)
    feats = [nf.crf_features(w, {}) for w in words]
    marg = [nf.crf_marginals(t1, f) for f in feats]
    stacked = nf.stack_features(words, feats, [m[0] for m in marg], [m[1] for m in marg])
    t2 = _tiny_crf(tmp_path / "b.crfsuite", list(zip(stacked, [t for _, t in sents])))
    second = nf.stack_tag(t1, t2, words + [[]], {})
    assert [tags for tags, _ in second] == [t for _, t in sents] + [[]]
