"""Issue 15's shortcuts in the number scan and the claim tests answer as the full searches do.

A sentence is searched for the not-claims phrases only when one of their key words is in
its lowercased text; a figure's twins are looked up by value within same_figure's tolerance.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.claims import vocabulary
from lint.analysis.numbers.tokens import folds_plainly
from lint.checks.numeric_claim import KIND

VOCAB = vocabulary(KIND.options.get("not-claims") or {})
NAMES = ["hypothetical-openers", "hypothetical-persons", "back-references"]
PIECES = [
    "If you",
    "IF YOU'RE",
    "for a 180-pound",
    "FOR A 90 KG",
    "in that study",
    "The Same Trial",
    "these patients",
    "ſtudy",
    "ſuppose",
    "µ",
    "İf you",
    "’",
    "—",
    "e.g.",
    " ",
    "\n",
    "x",
    "12",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.sampled_from(NAMES))
def test_no_key_word_means_no_phrase(pieces, name):
    text = " ".join(pieces)
    pattern, keys = VOCAB[name], VOCAB["_key-words"][name]
    if pattern is None or keys is None or not folds_plainly(text):
        return
    if keys.search(text.lower()) is None:
        assert pattern.search(text) is None


def test_letters_that_fold_specially_are_not_plain():
    assert folds_plainly("If you’re — “quoted”")
    assert not folds_plainly("ſuppose")
    assert not folds_plainly("İf")
    assert not folds_plainly("5 µg")
    assert re.search("(?i)suppose", "ſuppose")  # why: re folds ſ to s, str.lower does not


TIMELINE_PIECES = [
    "By",
    "week",
    "WEEKS",
    "Day",
    "months",
    "ſ",
    "12",
    "5-8",
    "3 –",
    "4+",
    "in",
    " ",
    "\n",
    "’",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TIMELINE_PIECES), max_size=8))
def test_a_block_without_a_unit_and_number_has_no_point_in_time(pieces):
    from lint.analysis.numbers.timeline import POINT, UNIT_THEN_DIGIT

    text = " ".join(pieces)
    if folds_plainly(text) and POINT.search(text):
        assert UNIT_THEN_DIGIT.search(text.lower())


TRIGGER_TEXT = st.text(alphabet="one twoseven12 .-tenfifthsx\n", max_size=60)


@settings(max_examples=400, deadline=None)
@given(TRIGGER_TEXT, st.integers(0, 60), st.integers(0, 60))
def test_a_sentence_has_a_trigger_as_the_whole_text_scan_said(text, a, b):
    from lint.analysis.numbers.scan import _has_trigger
    from lint.analysis.numbers.tokens import NUMBER_WORD

    start, end = sorted((min(a, len(text)), min(b, len(text))))
    # the scan it replaced: every digit and every number word's start, in one pass
    whole = re.compile(r"\d|" + NUMBER_WORD.pattern)
    starts = [m.start() for m in whole.finditer(text)]
    assert _has_trigger(text, start, end) == any(start <= p < end for p in starts)


OLD_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
    r"|\d+(?:\.\d+)?"
    r"|(?<![\w.])\.\d+"
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*"
    r"|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
    r"|\S"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1,.5’'²⁰٣_-é \n", max_size=40))
def test_words_first_tokenizes_as_before(text):
    from lint.analysis.numbers.tokens import TOKEN

    assert [m.span() for m in TOKEN.finditer(text)] == [m.span() for m in OLD_TOKEN.finditer(text)]
