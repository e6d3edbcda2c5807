"""The grammar's own tokenizer, and the cursor every layer of the parser reads tokens through.

spaCy's tokenizer keeps "50–80", "~30" and "0.5mg" whole; the grammar needs
each number, dash, sign and unit as a token of its own, and whether it is
glued to the one before.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator, Sequence
from itertools import accumulate, chain, compress
from typing import NamedTuple, overload

from .number_words import NUMBER_WORDS

# Words first: most tokens are words, and no two of the first four alternatives can start
# at the same character (a letter, a digit, a dot), so their order changes no token.
TOKEN = re.compile(
    r"[^\W\d_]+(?:['’][^\W\d_]+)*"  # words (letters only), with apostrophes
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"  # 20,000 or 1,200.5
    r"|\d+(?:\.\d+)?"  # 12 or 0.5
    r"|(?<![\w.])\.\d+"  # .05
    r"|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
    r"|\S"  # any other single character
)


def _number_word() -> re.Pattern:
    """Number words, as an alternation grouped by first letter (matched on lowercased text)."""
    groups: dict[str, list[str]] = {}
    for word in sorted(NUMBER_WORDS, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    alternatives = "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(r"\b(?:" + alternatives + r")\b")


# Where a sentence may hold a figure: sentences without a digit or a number word are never
# tokenized. A number word found from a sentence's start ends within NUMBER_WORD_REACH
# characters past the sentence, its closing boundary one more.
DIGIT = re.compile(r"\d")
NUMBER_WORD = _number_word()
NUMBER_WORD_REACH = max(len(w) for w in NUMBER_WORDS) + 1


class Tok(NamedTuple):
    """One token, as Toks[i] gives it (the grammar mostly reads Toks' columns instead)."""

    text: str
    lower: str
    start: int
    end: int
    glued: bool  # no space before it
    # read at every token by every layer: set once by `tokenize`, not computed per question
    is_digit: bool = False  # a number: "12", ".05", "²"
    is_word: bool = False  # letters


# The pattern again, each token with the whitespace before it: every character that is not
# whitespace starts or continues a token, so those gaps give the offsets without a Match object.
SPACED_TOKEN = re.compile(r"(\s*)(" + TOKEN.pattern + ")")
_FIRST = operator.itemgetter(0)


class Toks:
    """A sentence's (or table cell's) tokens as columns, one list per field: the grammar reads
    a field of a few tokens around each figure, so no object is built per token. Indexing
    gives a Tok (as a list of Tok would: negative indices wrap, slices give lists)."""

    __slots__ = ("digit", "ends", "glued", "lows", "starts", "texts", "word")

    def __init__(
        self,
        texts: list[str],
        lows: list[str],
        starts: list[int],
        ends: list[int],
        glued: list[bool],
        digit: list[bool],
        word: list[bool],
    ) -> None:
        self.texts, self.lows, self.starts, self.ends = texts, lows, starts, ends
        self.glued, self.digit, self.word = glued, digit, word

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, i: int) -> Tok: ...

    @overload
    def __getitem__(self, i: slice) -> list[Tok]: ...

    def __getitem__(self, i: int | slice) -> Tok | list[Tok]:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self.texts))[i]]
        return Tok(
            self.texts[i],
            self.lows[i],
            self.starts[i],
            self.ends[i],
            self.glued[i],
            self.digit[i],
            self.word[i],
        )

    def __iter__(self) -> Iterator[Tok]:
        return map(Tok, *self.columns())

    def columns(self) -> tuple[list, ...]:
        return self.texts, self.lows, self.starts, self.ends, self.glued, self.digit, self.word

    def part(self, a: int, b: int) -> Toks:
        """Tokens a..b (a table cell)."""
        return Toks(*(column[a:b] for column in self.columns()))


def tokenize(text: str, offset: int) -> Toks:
    """The tokens of `text`, with file offsets (`text` starts at `offset`)."""
    # without the trailing whitespace (no token there; str.isspace is re's \s): at each of
    # its characters the pattern would read to the end and fail, quadratic in its length
    pairs = SPACED_TOKEN.findall(text.rstrip())
    if not pairs:
        return Toks([], [], [], [], [], [], [])
    # each column a builtin mapped over the sentence: no Python-level work per token
    spaces, words = zip(*pairs, strict=True)
    texts = list(words)
    # offsets: each token starts after the whitespace before it
    bounds = list(accumulate(map(len, chain.from_iterable(pairs)), initial=offset))
    glued = list(map(operator.not_, spaces))  # no space before it
    glued[0] = False  # nothing before the first token is read
    firsts = list(map(_FIRST, texts))
    digit = list(map(str.isdigit, firsts))  # a number: "12", "²" ...
    if "." in firsts:  # ... or ".05" (the pattern's only longer token led by ".")
        digit = [d or (t[0] == "." and t != ".") for d, t in zip(digit, texts, strict=True)]
    return Toks(
        texts,
        list(map(str.lower, texts)),
        bounds[1::2],
        bounds[2::2],
        glued,
        digit,
        list(map(str.isalpha, firsts)),
    )


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def folds_plainly(text: str) -> bool:
    """Whether re.IGNORECASE matches a lowercase literal where text.lower() holds it, and only
    there: ASCII text, or text whose other characters have no case (quotes, dashes, symbols;
    the letters re folds specially, such as "ſ" and "µ", all have one). On such text a plain
    search of text.lower() can rule out a case-folding pattern cheaply."""
    return text.isascii() or all(c == c.lower() == c.upper() for c in NON_ASCII.findall(text))


def cue_word(tok: Tok) -> str:
    """Lowercase, except that only a free-standing capital "I" is the pronoun (not the I of CBT-I)."""
    if tok.lower == "i" and (tok.text != "I" or tok.glued):
        return "i-letter"
    return tok.lower


def number_value(text: str) -> float | None:
    """ "20,000" -> 20000.0; None when the text is not a number."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


# How far outside a sentence's tokens the grammar reads (a few tokens: "i - 9" at most);
# reading further would raise or wrap, so the margin is generous.
PAD = 64
_PAD_TEXT: list[str] = [""] * PAD
_PAD_FALSE: list[bool] = [False] * PAD


class TokenCursor:
    """One sentence's (or table cell's) tokens, read by index; out of range reads as empty."""

    def __init__(self, toks: Toks, context: str, cell: bool = False) -> None:
        self.cell = cell  # the tokens are one table cell
        self.toks = toks
        self.n = len(toks.texts)
        self.context = context  # extra cue text (the table row, the list lead-in)
        self.lows = toks.lows
        # token i's lowercase, text and glue, read as lw[i], tx[i], gl[i] (subscripts, not
        # method calls: the grammar reads them a million times a corpus). Out of range reads ""
        # (False): the padding past the end is also what a negative index wraps around to.
        self.lw: list[str] = toks.lows + _PAD_TEXT
        self.tx: list[str] = toks.texts + _PAD_TEXT
        self.gl: list[bool] = toks.glued + _PAD_FALSE
        self._cues: list[str] | None = None  # cue_word of each token, for `window`
        # cue_word inlined: this runs for every sentence with a figure
        found = set(compress(toks.lows, toks.word))
        if "i" in found:
            found.discard("i")
            found.update(
                "i-letter" if text != "I" or glued else "i"
                for text, low, glued, word in zip(
                    toks.texts, toks.lows, toks.glued, toks.word, strict=True
                )
                if low == "i" and word
            )
        self.words = set(context.split()) | found

    def seq(self, i: int, words: Sequence[str]) -> bool:
        lw = self.lw
        # a loop, not all(<generator>): most asks end at the first word
        for k, w in enumerate(words):  # noqa: SIM110
            if lw[i + k] != w:
                return False
        return True

    def window(self, i: int, j: int, before: int = 8, after: int = 8) -> set[str]:
        """The cue words within `before` tokens before i and `after` tokens after j (not i..j itself)."""
        cues = self._cues
        if cues is None:
            # cue_word inlined: one pass per sentence, no call per token
            cues = self._cues = [
                "i-letter" if low == "i" and (text != "I" or glued) else low
                for text, low, glued in zip(
                    self.toks.texts, self.lows, self.toks.glued, strict=True
                )
            ]
        lo, hi = max(0, i - before), min(self.n, j + after)
        return {*cues[lo : max(lo, min(i, hi))], *cues[max(j, lo) : hi]}
