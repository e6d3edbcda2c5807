"""Issue 15: fact extraction tries its regexes only at the words a phrase can start at.

Each fast path is checked against the scan it replaces, on texts made of the words
that matter (phrases, their plurals and prefixes, hyphens, marks, case variants and
letters that fold to ASCII ones): the phrase index's matches in a span, the qualifier
union's search, and the study-naming patterns' searches.
"""

from bisect import bisect_left

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lint.analysis.facts.extract import lexicon_from
from lint.analysis.facts.lexicon import PhraseIndex
from lint.analysis.facts.patterns import STUDY_REPORT
from lint.analysis.facts.phrases import FirstWords, union_of
from lint.analysis.facts.spans import _REPORT_WORDS, offsets_of, prose_words, search_at

PHRASES = [
    ("pain", False),
    ("chronic pain", False),
    ("chronic-pain patients", False),
    ("a series", False),
    ("don't respond", False),
    ("U.S.", False),
    ("in remission", False),
    ("RSD", True),
    ("IV", True),
    ("x-ray", False),
]
TOKENS = [
    "pain", "Pains", "painful", "chronic", "CHRONIC", "patients", "a", "A", "as", "series",
    "don't", "don", "respond", "U.S.", "u.s", "US", "in", "In", "remission", "RSD", "rsd",
    "IV", "iv", "x", "ray", "x-ray", "ſeries", "K", "İn", "-", "/", " ", "  ", "\n", ", ",
    ". ", "(", ")", "'", "é",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


def _span(text: str, data) -> tuple[int, int]:
    start = data.draw(st.integers(0, len(text)))
    return start, data.draw(st.integers(start, len(text)))


def _starts(text: str, words: FirstWords) -> list[int]:
    listed, offsets, distinct = prose_words(text)
    return offsets_of(listed, offsets, words.admitted(distinct))


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=6, unique=True), TEXT, st.data())
def test_phrases_tried_at_their_first_words_match_as_a_scan_does(phrases, text, data):
    for plural in (True, False):
        index = PhraseIndex([(p, p, "g", cs) for p, cs in phrases], plural=plural)
        assert index.first_words.usable
        starts = _starts(text, index.first_words)
        for _ in range(3):
            start, end = _span(text, data)
            first = bisect_left(starts, start)
            found = [] if starts[first] >= end else index.find_at(text, end, starts, first)
            assert found == index._find(text, start, end)


@hsettings(max_examples=200, deadline=None)
@given(TEXT, st.data())
def test_the_qualifier_union_searched_at_first_words_finds_what_a_search_finds(text, data):
    dims = [
        PhraseIndex([(p, p, "g", cs) for p, cs in PHRASES[:5]], plural=False),
        PhraseIndex([(p, p, "g", cs) for p, cs in PHRASES[5:]], plural=False),
    ]
    union = union_of(dims)
    assert union is not None
    words = FirstWords()
    for index in dims:
        words.merge(index.first_words)
    starts = _starts(text, words)
    for _ in range(3):
        start, end = _span(text, data)
        expected = union.search(text, start, end) is not None
        assert search_at(union, text, starts, start, end) == expected


STUDY_TOKENS = [
    "a", "A", "the", "smaller", "smalle", "small", "2019", "two-site", "trial", "trials",
    "study", "of", "in", "In", "from", "120", "patients", "found", "that", "SUSTAIN-2",
    "TRANSFORM-2", "ABC", "Ab", "researchers", "Researchers", "enrolled", "randomly",
    "assigned", "a team", "team", "-", " ", "  ", ", ", ". ", "/", "İn", "ſtudy",
]  # fmt: skip
STUDY_TEXT = st.lists(st.sampled_from(STUDY_TOKENS), max_size=25).map(" ".join)


@hsettings(max_examples=300, deadline=None)
@given(STUDY_TEXT, st.data())
def test_study_patterns_searched_at_their_opening_words_find_what_a_search_finds(text, data):
    lex = lexicon_from(None)
    assert lex.study_names is not None and lex.name_words is not None
    assert lex.report_words.usable
    listed, offsets, distinct = prose_words(text)
    reports = offsets_of(listed, offsets, _REPORT_WORDS.admitted(distinct))
    names = offsets_of(
        listed, offsets, lex.name_words.admitted(distinct) | lex.report_words.admitted(distinct)
    )
    for _ in range(3):
        start, end = _span(text, data)
        expected = STUDY_REPORT.search(text, start, end) is not None
        assert search_at(STUDY_REPORT, text, reports, start, end) == expected
        expected = lex.study_names.search(text, start, end) is not None
        assert search_at(lex.study_names, text, names, start, end) == expected


def test_prose_words_lists_every_word_with_its_offset():
    words, offsets, distinct = prose_words("  x-ray, 50% of U.S. adults_1")
    assert words == ["x", "ray", "50", "of", "U", "S", "adults_1"]
    assert offsets == [2, 4, 9, 13, 16, 18, 21]
    assert distinct == set(words)
    assert prose_words("") == ([], [], set())


def test_a_phrase_starting_with_a_mark_turns_the_fast_path_off():
    index = PhraseIndex([("%", "p", "g", False), ("pain", "q", "g", False)])
    assert not index.first_words.usable
