"""The number scan's faster forms read exactly as the code they replaced (issue 15).

Each test keeps the replaced code as its reference and compares over generated input.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.numbers.tokens import TOKEN, Tok, TokenCursor, cue_word, tokenize

# letters that case-fold oddly ("İ", "Σ", "ſ"), digits of other scripts, superscripts, a
# circled digit (isdigit, not \d), dots, quotes, dashes and several kinds of whitespace
ALPHABET = "aZ1,.5’'²⁰٣①_-éİΣſ|%/ \n\t\u00a0\u2009"


def reference_tokenize(text: str, offset: int) -> list[Tok]:
    """tokenize as it was: one Match object and one Tok call per token."""
    toks: list[Tok] = []
    prev_end = -1
    for m in TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        start += offset
        end += offset
        first = word[0]
        toks.append(
            Tok(
                word,
                word.lower(),
                start,
                end,
                start == prev_end,
                first.isdigit() or (first == "." and word[1:2].isdigit()),
                first.isalpha(),
            )
        )
        prev_end = end
    return toks


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60), st.integers(0, 10_000))
def test_tokenize_reads_as_the_match_loop_did(text, offset):
    assert list(tokenize(text, offset)) == reference_tokenize(text, offset)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.integers(0, 100))
def test_tokenize_reads_any_text_as_the_match_loop_did(text, offset):
    assert list(tokenize(text, offset)) == reference_tokenize(text, offset)


class ReferenceCursor:
    """TokenCursor's reads as they were, by method and bounds check."""

    def __init__(self, toks: list[Tok]) -> None:
        self.toks, self.n = toks, len(toks)

    def low(self, i: int) -> str:
        return self.toks[i].lower if 0 <= i < self.n else ""

    def text(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        return 0 <= i < self.n and self.toks[i].glued

    def seq(self, i: int, words: list[str]) -> bool:
        return all(self.low(i + k) == w for k, w in enumerate(words))

    def window(self, i: int, j: int, before: int, after: int) -> set[str]:
        lo, hi = max(0, i - before), min(self.n, j + after)
        return {cue_word(self.toks[k]) for k in range(lo, hi) if not (i <= k < j)}


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="aI i1 .-x", max_size=30),
    st.integers(-12, 40),
    st.integers(-12, 40),
    st.integers(0, 10),
    st.integers(0, 10),
    st.lists(st.sampled_from(["a", "i", "1", "-", ""]), max_size=3),
)
def test_cursor_reads_as_it_did(text, i, j, before, after, words):
    toks = tokenize(text, 0)
    cursor, reference = TokenCursor(toks, ""), ReferenceCursor(list(toks))
    for k in (i, j, i - 1, j + 1):
        assert cursor.lw[k] == reference.low(k)
        assert cursor.tx[k] == reference.text(k)
        assert cursor.gl[k] == reference.glued(k)
    assert cursor.seq(i, words) == reference.seq(i, words)
    if 0 <= i <= j:  # the grammar asks for windows around a figure's tokens
        assert cursor.window(i, j, before, after) == reference.window(i, j, before, after)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30), st.integers(-40, 40), st.integers(-40, 40))
def test_token_columns_index_as_a_list_of_tokens(text, i, j):
    toks = tokenize(text, 3)
    listed = list(toks)
    assert len(toks) == len(listed)
    assert toks[i:j] == listed[i:j]
    assert toks.part(max(0, i), max(0, j)).texts == [t.text for t in listed[max(0, i) : max(0, j)]]
    if -len(listed) <= i < len(listed):
        assert toks[i] == listed[i]


def test_a_gated_reading_answers_next_without_its_flag():
    """grammar.GATES skips a reading when the quantity lacks its flag: it would answer NEXT."""
    from lint.analysis.numbers.grammar import GATES, SentenceParser
    from lint.analysis.numbers.quantities import Quantity
    from lint.analysis.numbers.reading import NEXT, Site

    parser = SentenceParser(tokenize("about 3 of 10 adults", 0), "")
    for reading, flag in GATES.items():
        q = Quantity(1, 2, 3.0, 3.0)
        assert not getattr(q, flag)
        assert reading(parser, Site(q, "exact", 1, q.first, q.end)) is NEXT


def test_tokenize_is_linear_in_trailing_whitespace():
    """Each token is read with the whitespace before it: whitespace with no token after it
    must not be read again from each of its characters (an HTML blob's blank tail)."""
    import time

    start = time.perf_counter()
    toks = tokenize("a 5 b" + " " * 200_000 + "\n" * 200_000, 0)
    assert list(toks.texts) == ["a", "5", "b"]
    assert time.perf_counter() - start < 1.0
