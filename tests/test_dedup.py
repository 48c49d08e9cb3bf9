from pathlib import Path

import numpy as np
import pytest

from khabar.config import DedupSettings
from khabar.model import Article, DuplicateLink
from khabar.dedup.index import (
    DuplicateIndex,
    content_hash,
    signature_from_bytes,
    signature_to_bytes,
)
from khabar.dedup.minhash import MinHasher, TokenFolder, match_tokens, optimal_bands

FIX = Path(__file__).parent / "fixtures" / "dedup"
A = (FIX / "report_a.txt").read_text(encoding="utf-8")
B = (FIX / "report_b.txt").read_text(encoding="utf-8")


def near_copy(text: str) -> str:
    """A syndicated copy: two words changed far apart and one sentence dropped a comma."""
    out = text.replace("भारी बारिश", "तेज़ बारिश", 1).replace("दो टीमें", "तीन टीमें", 1)
    assert out != text
    return out


def jaccard(a: str, b: str, k: int = 5) -> float:
    def sh(t):
        toks = match_tokens(t)
        return {tuple(toks[i : i + k]) for i in range(len(toks) - k + 1)}

    x, y = sh(a), sh(b)
    return len(x & y) / len(x | y)


def test_exact_copy_links_even_with_spacing_nukta_and_digit_changes():
    idx = DuplicateIndex()
    assert idx.add("a", A) is None
    copy = A.replace("ज़िला", "जिला").replace("1,250", "१,२५०").replace("।", " ।")
    link = idx.add("a-copy", copy)
    assert link == DuplicateLink("a-copy", "a", "exact", 1.0)
    assert content_hash(copy) == content_hash(A)
    assert content_hash(B) != content_hash(A)


def test_near_copy_links_to_earliest_original():
    assert jaccard(A, near_copy(A)) >= 0.8
    idx = DuplicateIndex()
    idx.add("a", A)
    idx.add("b", B)
    first = idx.add("a2", near_copy(A))
    assert first is not None and first.kind == "near" and first.original == "a"
    assert 0.8 <= first.similarity < 1.0
    # a copy of the copy still goes to the earliest document it matches
    again = idx.add("a3", near_copy(A).replace("छुट्टी", "अवकाश", 1))
    assert again is not None and again.original == "a"
    assert idx.root("a3") == "a" and idx.root("b") == "b"


def test_unrelated_text_is_not_linked():
    idx = DuplicateIndex()
    idx.add("a", A)
    assert idx.add("b", B) is None
    assert idx.matches(B, exclude="b") == []
    assert idx.matches(B) == [("b", 1.0)]


def test_heavily_edited_text_below_threshold_is_not_linked():
    sentences = A.split("।")
    rewritten = "।".join(s + " इस बारे में अधिकारियों ने अलग से जानकारी दी" for s in sentences)
    assert jaccard(A, rewritten) < 0.7
    idx = DuplicateIndex()
    idx.add("a", A)
    assert idx.add("r", rewritten) is None


def test_two_batches_give_the_same_links_as_one():
    docs = [("a", A), ("b", B), ("a2", near_copy(A)), ("b-copy", B + " "), ("a-copy", A), ("empty", " ।। ")]
    one = DuplicateIndex().add_many(docs)
    idx = DuplicateIndex()
    two = idx.add_many(docs[:3]) + idx.add_many(docs[3:])
    single = DuplicateIndex()
    each = [single.add(k, t) for k, t in docs]
    assert one == two == each
    assert [lk.kind if lk else None for lk in one] == [None, None, "near", "exact", "exact", None]
    assert "empty" not in idx


def test_from_signatures_roundtrip_through_bytes():
    docs = [("a", A), ("b", B), ("a-copy", A)]
    idx = DuplicateIndex()
    idx.add_many(docs)
    recs = list(idx.records())
    assert [r.key for r in recs] == ["a", "b", "a-copy"]
    assert idx.record_of("b") == recs[1] and recs[2].content_hash == recs[0].content_hash
    assert all(isinstance(r.signature, bytes) and len(r.signature) == 128 * 4 for r in recs)
    rebuilt = DuplicateIndex.from_signatures(
        [r.key for r in recs], [r.signature for r in recs], [r.content_hash for r in recs]
    )
    later = [("a2", near_copy(A)), ("b2", B), ("c", "कुछ और बिल्कुल अलग खबर का पाठ जो किसी से नहीं मिलता")]
    assert rebuilt.add_many(later) == idx.add_many(later)
    assert np.array_equal(rebuilt.signature_of("b"), idx.signature_of("b"))

    # without content hashes an exact copy is still found, as a near match at 1.0
    bare = DuplicateIndex.from_signatures([r.key for r in recs], np.stack([signature_from_bytes(r.signature) for r in recs]))
    assert bare.add("b3", B) == DuplicateLink("b3", "b", "near", 1.0)


def test_from_signatures_rejects_wrong_width():
    with pytest.raises(ValueError, match="expected"):
        DuplicateIndex.from_signatures(["a"], [b"\x00" * 64 * 4])


def test_signature_bytes_roundtrip_and_settings_change_signature():
    idx = DuplicateIndex()
    sig = idx.signature(A)
    assert sig.dtype == np.uint32 and sig.shape == (128,)
    assert np.array_equal(signature_from_bytes(signature_to_bytes(sig)), sig)
    other = DuplicateIndex(DedupSettings(seed=7))
    assert not np.array_equal(other.signature(A), sig)
    assert other.scheme != idx.scheme


def test_batch_signatures_do_not_depend_on_batch_mates():
    hasher = MinHasher()
    fold = TokenFolder()
    docs = [fold(A), [], fold("दो शब्द"), fold(B)]
    batch = hasher.signatures(docs)
    for i, d in enumerate(docs):
        assert np.array_equal(batch[i], hasher.signatures([d])[0])
    assert (batch[1] == 0xFFFFFFFF).all()
    assert not (batch[2] == 0xFFFFFFFF).all()


def test_devanagari_tokens_are_not_split_at_vowel_signs():
    toks = match_tokens("स्कूलों में छुट्टी, ज़िलाधिकारी ने कहा।")
    assert toks == ["स्कूलों", "में", "छुट्टी", "जिलाधिकारी", "ने", "कहा"]
    fold = TokenFolder()
    for text in (A, B, "क्\u200dष र\u094d\u200dया पाँच ५", "Straße ÉCOLE 1,00,000"):
        assert fold(text) == match_tokens(text)


def test_short_documents_match_their_copies_only():
    idx = DuplicateIndex()
    idx.add("n1", "लॉकडाउन बढ़ा")
    assert idx.add("n2", "लॉकडाउन  बढ़ा!").kind == "exact"
    assert idx.add("n3", "लॉकडाउन खत्म") is None


def test_optimal_bands_match_datasketch_choice():
    assert optimal_bands(0.8, 128) == (9, 13)
    assert optimal_bands(0.5, 128) == (25, 5)


def test_run_sets_content_hash_and_links_by_external_id():
    arts = [Article("x1", A, title="बाढ़"), Article("x2", A, title="बाढ़"), Article("x3", B)]
    out = list(DuplicateIndex().run(arts))
    assert [a.external_id for a, _ in out] == ["x1", "x2", "x3"]
    assert out[0][0].content_hash == out[1][0].content_hash != ""
    assert out[1][1] == DuplicateLink("x2", "x1", "exact", 1.0)
    assert out[2][1] is None


def test_default_bands_favour_recall_since_candidates_are_verified():
    idx = DuplicateIndex()
    assert (idx.bands, idx.rows) == (16, 8)
    # probability that a pair at exactly the threshold becomes a candidate
    assert 1 - (1 - 0.8**idx.rows) ** idx.bands > 0.9


def test_copy_of_a_copy_links_to_the_middle_and_root_follows_the_chain():
    words = A.split(" ")
    y_words = list(words)
    for i in (20, 45, 70, 95):
        y_words[i] = "बदला"
    z_words = list(y_words)
    for i in (130, 155, 180, 205):
        z_words[i] = "नया"
    y, z = " ".join(y_words), " ".join(z_words)
    assert jaccard(A, y) >= 0.8 and jaccard(y, z) >= 0.8 and jaccard(A, z) < 0.75
    idx = DuplicateIndex()
    idx.add_many([("x", A), ("y", y)])
    link = idx.add("z", z)
    assert link is not None and link.original == "y"
    assert idx.root("z") == "x"


def test_sorted_bucket_tier_gives_the_same_links(monkeypatch):
    import khabar.dedup.index as dedup

    docs = [("a", A), ("b", B), ("a2", near_copy(A)), ("b-copy", B), ("a3", near_copy(A) + " और"), ("c", "अलग खबर")]
    expected = DuplicateIndex().add_many(docs)
    monkeypatch.setattr(dedup, "_FREEZE_AT", 8)
    monkeypatch.setattr(dedup, "_SUB_BATCH", 2)
    idx = DuplicateIndex()
    assert idx.add_many(docs) == expected
    assert len(idx._fz_keys) > 0  # the sorted tier was used
    assert idx.matches(near_copy(A), exclude="a2")[0][0] == "a"
