"""The regular-expression start scan (lint/text/token_scan.py) and the array passes of issue 15
keep every answer of the Python walks they replaced."""

from __future__ import annotations

import numpy
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.attribution.find import _matches
from lint.checks.attribution import compiled
from lint.engine.rules import load_registry
from lint.model.article import parse_article
from lint.text import nlp
from lint.text.nlp import get_nlp, make_doc
from lint.text.token_match import TokenSpec, TokenTable, ends, token_table, word_positions
from lint.text.token_scan import TokenScan, sentence_codes

WORDS = ["studies", "show", "that", "the", "new", "data", "Smith", "2019", "-", ".", "  ", "\n\n"]
SPECS = [
    {"LOWER": {"IN": ["studies", "data"]}},
    {"LOWER": {"IN": ["show", "that"]}},
    {"LOWER": "the"},
    {"LOWER": {"IN": []}},
    {"IS_ALPHA": True},
    {"IS_SPACE": True},
    {"IS_PUNCT": False, "IS_SPACE": False},
    {"ORTH": {"REGEX": r"^(?:(?:19|20)\d\d|[A-Z][a-z]+)$"}},
]
OPS = [None, "?", "*", "+"]


def _doc(words: list[str]):
    from spacy.tokens import Doc

    vocab = get_nlp().vocab
    spaces = [not w.isspace() and (k + 1 < len(words)) for k, w in enumerate(words)]
    return get_nlp().get_pipe("sentencizer")(Doc(vocab, words=words, spaces=spaces))


patterns = st.lists(
    st.lists(st.tuples(st.sampled_from(SPECS), st.sampled_from(OPS)), min_size=1, max_size=6),
    min_size=1,
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), patterns)
def test_the_scan_finds_every_start_with_a_match(words, pattern_list):
    doc = _doc(words)
    table = TokenTable.of(doc)
    strings = doc.vocab.strings
    compiled_specs = [
        [TokenSpec.compile(dict(t, OP=op) if op else t, strings) for t, op in p]
        for p in pattern_list
    ]
    scan = TokenScan(compiled_specs)
    codes = scan.codes(table)
    assert len(codes) == len(table)
    bounded = sentence_codes(codes, table)
    n = len(table)
    for k, specs in enumerate(compiled_specs):
        free = scan.starts(k, codes)
        kept = scan.starts(k, *bounded)
        for start in range(n):
            if free is not None and any(e > start for e in ends(specs, table, start, n)):
                assert start in free
            stop = table.sentence_ends[start]
            if kept is not None and any(e > start for e in ends(specs, table, start, stop)):
                assert start in kept


def _reference_sentences(table: TokenTable) -> tuple[list[int], list[int]]:
    starts, first = [], 0
    for i, flag in enumerate(table.sent_start):
        first = i if flag == 1 else first
        starts.append(first)
    n = len(table.lower)
    out, end = [n] * n, n
    for i in range(n - 1, -1, -1):
        out[i] = end
        if table.sent_start[i] == 1:
            end = i
    return starts, out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_table_arrays_match_the_token_loops(words):
    doc = _doc(words) if words else get_nlp().make_doc("")
    table = TokenTable.of(doc)
    assert (table.sentence_starts, table.sentence_ends) == _reference_sentences(table)
    hashes = frozenset(doc.vocab.strings.add(w) for w in ("the", "data", "-", "studies"))
    where: dict[int, list[int]] = {}
    for i, h in enumerate(table.lower):
        if h in hashes:
            where.setdefault(h, []).append(i)
    assert word_positions(table, hashes) == where
    assert table.positions(hashes) == sorted(i for v in where.values() for i in v)
    starts = table.sentence_starts
    assert table.sentences_with(hashes) == {starts[i] for v in where.values() for i in v}


LEXICON = load_registry().rules["CL401"].options["lexicon"]
PROSE = [
    "studies", "show", "that", "research", "has", "been", "reported", ",", ".", ";", "(", ")",
    "experts", "agree", "the", "study", "found", "a", "2019", "review", "by", "Harvard",
    "researchers", "in", "clinical", "trials", "doctors", "say", "it", "is", "widely", "known",
    "evidence", "suggests", "data", "have", "shown", "according", "to", "some", "Dr.", "Smith",
    "published", "Neurology", "no", "one", "why", "not", "who", "*", "\n",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PROSE), max_size=40).map(" ".join), min_size=1, max_size=3)
)
def test_attribution_matches_are_those_of_every_start(paragraphs):
    comp = compiled(LEXICON)
    article = parse_article("a.md", "\n\n".join(paragraphs) + "\n")
    table = token_table(article)
    assert _matches(table, comp) == _matches(table, comp, scan=False)


SENTENCE_WORDS = ["Studies", "show", "et al.", "e.g.", "Dr.", "vs.", "30%.[1]", "30%.¹", "end.",
                  "[2]", "  ", "\n\n", "Next", "x", "(", ",", "no.", "2021", "!", "?"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCE_WORDS), max_size=30).map(" ".join))
def test_sentence_repairs_visit_the_starts_they_change(text):
    """The abbreviation and citation-marker repairs visit only the sentence starts their
    first tests can let through: the same boundaries as visiting every start."""
    from spacy.attrs import SENT_START

    ours = make_doc(text, [0]).to_array([SENT_START]).tolist()
    near, glued = nlp._after_any, nlp.glued_to_previous
    try:
        nlp._after_any = lambda doc, positions, low, high: nlp._later_sentence_starts(doc)
        nlp.glued_to_previous = lambda doc, starts: list(starts)
        reference = make_doc(text, [0]).to_array([SENT_START]).tolist()
    finally:
        nlp._after_any, nlp.glued_to_previous = near, glued
    assert ours == reference
    assert numpy.array_equal(numpy.array(ours), numpy.array(reference))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 2**64 - 1) | st.sampled_from([0, 1, 2**64 - 1]), max_size=30),
    st.lists(st.integers(0, 2**64 - 1) | st.sampled_from([0, 1, 2**64 - 1]), max_size=40),
)
def test_in_hashes_is_isin(values, hashes):
    from lint.text.doc_arrays import in_hashes

    v = numpy.array(values, dtype=numpy.uint64)
    h = numpy.array(hashes, dtype=numpy.uint64)
    assert in_hashes(v, h).tolist() == numpy.isin(v, h).tolist()
