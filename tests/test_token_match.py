"""lint/text/token_match.py must find exactly what spaCy's Matcher finds (greedy LONGEST)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.text.nlp import get_nlp
from lint.text.token_match import (
    TokenSpec,
    TokenTable,
    UnsupportedSpec,
    longest,
    match,
    starts_of,
)

WORDS = ["studies", "show", "that", "the", "new", "data", "Smith", "2019", "-", ".", "  ", "\n\n"]
SPECS = [
    {"LOWER": {"IN": ["studies", "data"]}},
    {"LOWER": {"IN": ["show", "that"]}},
    {"LOWER": "the"},
    {"IS_ALPHA": True},
    {"IS_SPACE": True},
    {"ORTH": {"REGEX": r"^(?:(?:19|20)\d\d|[A-Z][a-z]+)$"}},
]
OPS = [None, "?", "*", "+"]


def _doc(words: list[str]):
    from spacy.tokens import Doc

    nlp = get_nlp()
    spaces = [not w.isspace() and (k + 1 < len(words)) for k, w in enumerate(words)]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    return nlp.get_pipe("sentencizer")(doc)


def _spacy(doc, tokens: list[dict]) -> list[tuple[int, int]]:
    from spacy.matcher import Matcher

    matcher = Matcher(doc.vocab)
    matcher.add("p", [tokens], greedy="LONGEST")
    return sorted((s, e) for _, s, e in matcher(doc))


def _ours(doc, tokens: list[dict], in_sentence: bool = False) -> list[tuple[int, int]]:
    table = TokenTable.of(doc)
    specs = [TokenSpec.compile(t, doc.vocab.strings) for t in tokens]
    stops = table.sentence_ends if in_sentence else None
    return sorted(match(table, specs, starts_of(table, specs), stops))


patterns = st.tuples(
    st.sampled_from(SPECS[:3] + SPECS[5:]),
    st.lists(st.tuples(st.sampled_from(SPECS), st.sampled_from(OPS)), max_size=4),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), patterns)
def test_same_matches_as_spacy(words, pattern):
    first, rest = pattern
    tokens = [dict(first)] + [dict(spec, **({"OP": op} if op else {})) for spec, op in rest]
    doc = _doc(words)
    assert _ours(doc, tokens) == _spacy(doc, tokens)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), patterns)
def test_in_sentence_is_the_matcher_per_sentence(words, pattern):
    first, rest = pattern
    tokens = [dict(first)] + [dict(spec, **({"OP": op} if op else {})) for spec, op in rest]
    doc = _doc(words)
    expected = sorted(
        (sent.start + s, sent.start + e)
        for sent in doc.sents
        for s, e in _spacy(doc[sent.start : sent.end].as_doc(), tokens)
    )
    assert _ours(doc, tokens, in_sentence=True) == expected


def test_longest_keeps_the_earliest_of_equal_lengths():
    assert longest([(1, 3), (0, 2), (3, 4)]) == [(0, 2), (3, 4)]


def test_unsupported_specs_are_refused():
    strings = get_nlp().vocab.strings
    with pytest.raises(UnsupportedSpec):
        TokenSpec.compile({"POS": "NOUN"}, strings)
    with pytest.raises(UnsupportedSpec):
        TokenSpec.compile({"LOWER": "a", "OP": "{1,2}"}, strings)


REPEATS = [None, "?", "*", "+", "{0,2}", "{1,2}", "{2}", "{1,}", "{,2}"]
WORD_SPECS = [*SPECS, {"IS_PUNCT": False, "IS_SPACE": False}]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=20),
    st.lists(
        st.lists(st.tuples(st.sampled_from(WORD_SPECS), st.sampled_from(REPEATS)), min_size=1),
        min_size=1,
        max_size=3,
    ),
)
def test_pattern_matcher_is_spacys_matcher(words, patterns):
    """token_patterns' matcher (no greedy filter) finds every match spaCy's Matcher finds."""
    from spacy.matcher import Matcher

    from lint.text.token_patterns import PatternMatcher

    doc = _doc(words)
    lists = [[dict(spec, **({"OP": op} if op else {})) for spec, op in p] for p in patterns]
    matcher = Matcher(doc.vocab)
    matcher.add("p", lists)
    ours = PatternMatcher(doc.vocab, {"p": lists})(doc)
    assert sorted(ours) == sorted(set(matcher(doc)))
    assert len(ours) == len(set(ours))


def _plain_ends(specs, table, start, stop):
    """The set walk `ends` replaced (it branches only where an optional spec matches)."""
    positions = {start}
    for spec in specs:
        step = {p + 1 for p in positions if p < stop and table.accepts(spec, p)}
        found = set(positions) if spec.op in ("?", "*") else set()
        if spec.op in ("+", "*"):
            while step - found:
                fresh = step - found
                found |= fresh
                step = {p + 1 for p in fresh if p < stop and table.accepts(spec, p)}
        else:
            found |= step
        positions = found
        if not positions:
            break
    return positions


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    st.lists(st.tuples(st.sampled_from(SPECS), st.sampled_from(OPS)), min_size=1, max_size=5),
    st.integers(0, 12),
)
def test_ends_walk_finds_what_the_set_walk_finds(words, pattern, stop):
    from lint.text.token_match import ends

    doc = _doc(words)
    table = TokenTable.of(doc)
    specs = [TokenSpec.compile(dict(t, OP=op) if op else t, doc.vocab.strings) for t, op in pattern]
    for start in range(len(table)):
        limit = min(len(table), max(start, stop))
        assert ends(specs, table, start, limit) == _plain_ends(specs, table, start, limit)
