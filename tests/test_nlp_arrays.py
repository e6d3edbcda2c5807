"""lint/nlp.py reads token positions from the Doc's arrays: same answers as Token objects."""

from __future__ import annotations

from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.text.nlp import _block_first_words, _later_sentence_starts, get_nlp, make_doc


def _reference_first_words(doc, block_starts):
    words = [tok for tok in doc if not tok.is_space]
    offsets = [tok.idx for tok in words]
    out = []
    for start in sorted(set(block_starts)):
        i = bisect_left(offsets, start)
        if i < len(words) and words[i].i > 0:
            out.append(words[i].i)
    return out


texts = st.lists(
    st.sampled_from(["Studies", "show", "et al.", "e.g.", "30%.[1]", "  ", "\n\n", "Next.", "x"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(texts, st.lists(st.integers(min_value=0, max_value=200), max_size=8))
def test_block_first_words_match_the_token_loop(text, starts):
    doc = get_nlp().make_doc(text)
    assert _block_first_words(doc, starts) == _reference_first_words(doc, starts)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_later_sentence_starts_are_the_flagged_tokens(text):
    doc = make_doc(text, [0])
    assert _later_sentence_starts(doc) == [t.i for t in doc if t.i > 0 and t.is_sent_start]


def test_abbreviations_and_markers_still_hold_sentences_together():
    doc = make_doc("A trial (Smith et al., 2021) found it. Pain fell by 30%.[1] Next one.", [0])
    assert [s.text.strip() for s in doc.sents] == [
        "A trial (Smith et al., 2021) found it.",
        "Pain fell by 30%.[1]",
        "Next one.",
    ]


def test_long_sentences_are_cut_and_empty_prose_is_fine():
    doc = make_doc(" ".join(["word"] * 600), [0])
    assert [len(s) for s in doc.sents] == [250, 250, 100]
    assert len(make_doc("", [0])) == 0
    assert len(list(make_doc("   \n\n  ", [0]).sents)) == 1


punctuated = st.lists(
    st.sampled_from(
        ["Hi", "there", ".", "!", "?", "...", "“", "”", "(", ")", "。", "\n\n", "5%.", "¹"]
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(punctuated, st.lists(st.integers(min_value=0, max_value=120), max_size=4))
def test_array_sentencizer_sets_what_spacys_sentencizer_sets(text, starts):
    from spacy.attrs import SENT_START

    from lint.text.nlp import _first_words_start, _sentencize

    nlp = get_nlp()
    sentencizer = nlp.get_pipe("sentencizer")
    ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
    for doc in (ours, theirs):
        _first_words_start(doc, starts)
    _sentencize(ours, sentencizer)
    sentencizer(theirs)
    assert ours.to_array([SENT_START]).tolist() == theirs.to_array([SENT_START]).tolist()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.sampled_from(["Studies show.", "x" * 230, "**bold**", "\n\n", "[a](b)", "!" * 450]))
)
def test_doc_text_is_the_docs_own_text(pieces):
    from lint.model.article import parse_article
    from lint.text.nlp import doc_of, doc_text

    article = parse_article("a.md", " ".join(pieces) + "\n")
    assert doc_text(article) == doc_of(article).text
