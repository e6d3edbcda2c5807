"""Properties of the number grammar, over generated figures and sentences.

tests/test_numbers.py pins what each example reads as; these say what holds for every figure
of a shape: a number written with thousands separators, decimals, a range or words reads
back to its value, and every mention's offsets lie inside its sentence and slice to its text.
"""

from __future__ import annotations

from conftest import GOOD_FRONTMATTER
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.numbers import KINDS, QUALIFIERS, NumericMention, extract_mentions
from lint.analysis.numbers.number_words import ONES, TENS
from lint.analysis.numbers.vocab import lexicon
from lint.model.article import Article, parse_article

HEAD = GOOD_FRONTMATTER + "\n# Title\n\n"


def article(body: str) -> Article:
    return parse_article("a.md", HEAD + body + "\n")


def mentions(body: str) -> list[NumericMention]:
    return extract_mentions(article(body))


def only(body: str) -> NumericMention:
    found = mentions(body)
    assert len(found) == 1, (body, found)
    return found[0]


def in_words(n: int) -> str:
    """1..99 in words, from the lexicon's own number words ("twenty-five")."""
    ones = {v: w for w, v in ONES.items()}
    if n < 20:
        return ones[n]
    tens = {v: w for w, v in TENS.items()}[n - n % 10]
    return tens if n % 10 == 0 else f"{tens}-{ones[n % 10]}"


@settings(max_examples=150, deadline=None)
@given(st.integers(1000, 999_999_999))
def test_thousands_separators_read_back_to_the_value(n):
    m = only(f"In the trial, {n:,} patients responded.")
    assert (m.kind, m.low, m.high, m.unit) == ("count", n, n, "people")
    assert m.text == f"{n:,} patients"


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 99_999).map(lambda k: f"{k / 100:.2f}"))
def test_decimals_read_back_to_the_value(figure):
    m = only(f"The dose was {figure} mg/kg per hour.")
    assert (m.kind, m.low, m.high, m.unit) == ("dose", float(figure), float(figure), "mg/kg/hour")


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 98).flatmap(lambda a: st.tuples(st.just(a), st.integers(a + 1, 99))))
def test_ranges_read_back_to_both_ends(ends):
    a, b = ends
    m = only(f"Roughly {a}-{b}% of patients respond.")
    assert (m.kind, m.low, m.high, m.qualifier) == ("percentage", a, b, "approx")
    m = only(f"Relief lasted {a} to {b} weeks.")
    assert (m.kind, m.low, m.high, m.unit) == ("duration", a, b, "weeks")


@settings(max_examples=99, deadline=None)
@given(st.integers(1, 99))
def test_number_words_read_back_to_the_value(n):
    words = in_words(n)
    m = only(f"{words.capitalize()} percent of patients respond.")
    assert (m.kind, m.low, m.high, m.unit) == ("percentage", n, n, "%")
    m = only(f"About {words} million people have it.")
    assert (m.kind, m.low, m.scale, m.qualifier) == ("count", n * 1e6, "million", "approx")


# -- offsets, over sentences made of the grammar's own vocabulary -----------------------------

_WORDS = sorted(
    {
        str(word)
        for name in ("cues", "nouns", "units", "exclusions", "words")
        for value in lexicon(name).values()
        for word in (value if isinstance(value, list) else list(value))
        if isinstance(word, str)
    }
)
FIGURES = st.sampled_from(
    [
        "12",
        "0.5",
        "20,000",
        "50-80%",
        "1 in 5",
        "3/10",
        "130/80",
        "7:1",
        "−12.4",
        "+15%",
        "10+",
        "65+",
        "1st",
        "B12",
        "$400",
        "5mg",
        "3x",
        "2x/week",
        "10:30",
        "2018",
        "two-thirds",
    ]
) | st.integers(0, 5000).map(str)
TOKENS = st.one_of(
    st.sampled_from(_WORDS),
    FIGURES,
    st.sampled_from([",", ".", "(", ")", "-", ":", ";", "**", "I", "the", "of", "|"]),
)
SENTENCE = st.lists(TOKENS, min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
BLOCK = st.one_of(
    st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join),
    SENTENCE.map(lambda s: "- " + s),
    SENTENCE.map(lambda s: "## " + s),
    st.tuples(SENTENCE, SENTENCE).map(lambda c: f"| a | b |\n|---|---|\n| {c[0]} | {c[1]} |"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=4).map("\n\n".join))
def test_every_mention_lies_in_its_sentence_and_slices_to_its_text(body):
    doc = article(body)
    for m in extract_mentions(doc):
        assert doc.text[m.start : m.end] == m.text, m
        assert m.sentence_start <= m.start < m.end <= m.sentence_end, m
        assert m.start <= m.number_start < m.number_end <= m.end, m
        assert m.low <= m.high, m
        assert m.kind in KINDS and m.qualifier in QUALIFIERS, m
