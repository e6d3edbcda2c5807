"""Issue 15: the shortcuts taken for speed give what the straightforward code gives.

Word offsets gathered from one index of the prose's words (spans.offsets_in) against a
pass over the words per lexicon (spans.offsets_of); a finding's line (findings.line_of)
against the text's own split; and the in-process run's
collector settings, which must be the caller's again afterwards.
"""

import gc

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lint.analysis.facts.extract import lexicon_from
from lint.analysis.facts.phrases import FirstWords, WordMemo
from lint.analysis.facts.spans import offsets_in, offsets_of, prose_words, word_positions
from lint.engine import isolation
from lint.engine.findings import line_of
from lint.model.positions import LINE_BREAK

TOKENS = [
    "pain", "Pain", "chronic", "a", "series", "don't", "U.S.", "in", "remission", "IV",
    "x-ray", "trial", "found", "50", "3", "_x", "ſeries", "é", "-", "/", " ", "  ", "\n",
    ", ", ". ", "(", ")",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


def _first_words() -> list[FirstWords]:
    lex = lexicon_from(None)
    found = [lex.subjects.first_words, lex.cues.first_words, lex.side_effects.first_words]
    found += [index.first_words for index in lex.dimensions.values()]
    return [*found, lex.qualifier_words, lex.report_words]


@hsettings(max_examples=200, deadline=None)
@given(TEXT, st.sets(st.sampled_from(TOKENS)))
def test_offsets_gathered_from_the_index_are_the_offsets_a_pass_lists(text, extra):
    words, offsets, distinct = prose_words(text)
    positions = word_positions(words, offsets)
    assert sorted(at for found in positions.values() for at in found) == offsets
    admitted_sets = [first.admitted(distinct) for first in _first_words()]
    admitted_sets += [distinct & extra, set(), distinct]
    for admitted in admitted_sets:
        assert offsets_in(positions, admitted) == offsets_of(words, offsets, admitted)


LINES = st.lists(
    st.sampled_from(["", "a", "line two", "  x", "é"]), min_size=0, max_size=6
).flatmap(
    lambda parts: st.lists(
        st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(parts), max_size=len(parts)
    ).map(lambda breaks: "".join(p + b for p, b in zip(parts, breaks, strict=True)))
)


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(LINES, st.integers(-1, 9)), min_size=1, max_size=8))
def test_a_line_read_from_the_text_split_once_is_the_line_a_split_gives(asks):
    for text, line in asks:  # texts interleaved: the one split last is not the one asked
        lines = LINE_BREAK.split(text)
        expected = lines[line - 1] if 1 <= line <= len(lines) else ""
        assert line_of(text, line) == expected
        assert line_of(text + "", line) == expected


def test_the_in_process_run_gives_the_collector_back_as_it_found_it():
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    seen = []
    with isolation._QuietCollector() as collector:
        assert gc.get_threshold()[0] >= isolation.YOUNG_THRESHOLD
        collector.settle()
        seen.append(gc.get_freeze_count())
        collector.settle()  # once only
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0  # thawed
    assert seen[0] > 0


def test_a_collector_the_caller_froze_or_turned_off_is_left_alone():
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with isolation._QuietCollector() as collector:
            assert gc.get_threshold()[0] == 0
            collector.settle()
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
    gc.freeze()
    try:
        with isolation._QuietCollector() as collector:
            collector.settle()
        assert gc.get_freeze_count() > 0  # not thawed: it was not ours
    finally:
        gc.unfreeze()


NUMBER = st.sampled_from([0, 0.0, -0.0, 1, 1.0, 2.5, 50, 80.0, 1e7, -3.0])
UNIT = st.sampled_from(["%", "percent", "days", "weeks", "mg", "mg/kg", "sessions", "people", ""])
KIND = st.sampled_from(["percentage", "count", "ratio", "duration", "dose", "multiplier"])


@hsettings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            NUMBER,
            NUMBER,
            UNIT,
            KIND,
            st.sampled_from(["exact", "approx", "upper", "lower", "odd"]),
            st.sampled_from([None, "million", "thousand"]),
            st.sampled_from(["", "50", "0.5-1.0", "2–3"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_remembered_value_is_the_value_normalising_again_gives(figures):
    from lint.analysis.facts.values import _written, normalise

    unmemoised = _written.__wrapped__
    for args in figures + figures:  # each asked twice: the second answer is remembered
        assert normalise(*args) == unmemoised(*args)


@hsettings(max_examples=200, deadline=None)
@given(st.integers(0, 3000), st.integers(1, 16))
def test_the_workers_batches_hold_every_article_once_in_order_largest_first(count, jobs):
    batches = isolation._batches(count, jobs)
    assert [i for batch in batches for i in batch] == list(range(count))
    sizes = [len(batch) for batch in batches]
    assert all(1 <= size <= 8 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    assert not sizes or sizes[-1] == 1


class _Vowel(WordMemo):
    LIMIT = 5  # small: the memo is forgotten often

    def check(self, word: str) -> bool:
        return word[:1] in "aeiou"


WORDS = st.sampled_from(["a", "b", "e", "pain", "in", "x", "of", "u", "z", "on", "ion"])


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sets(WORDS), WORDS), max_size=12))
def test_the_admitted_words_are_the_words_that_pass_however_the_memo_was_filled(asks):
    memo = _Vowel()
    for ask in asks:
        if isinstance(ask, set):
            assert memo.admitted(ask) == {w for w in ask if memo.check(w)}
        else:
            assert memo.admits(ask) == memo.check(ask)
