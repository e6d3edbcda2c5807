"""The lexicons' phrases in one article's prose, answered span by span.

Every figure asks which subjects, cues, side effects and qualifier values its clause,
its sentence, its lead-in and the headings above it name: thousands of spans per
figure-dense article, each once scanned offset by offset with a lexicon's
alternation. Here the prose's words are listed once, each lexicon keeps the words a
phrase of it can start at (phrases.FirstWords), and a span's matches are its regexes
tried at those words only: the same matches, memoised per span for the article.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate, chain

from ...model.article import Article
from .lexicon import Lexicon, Match, PhraseIndex
from .patterns import STUDY_REPORT_WORDS
from .phrases import FirstWords, WholeWords
from .structure import ArticleStructure

# The prose's words: a phrase, and a pattern that opens with a word boundary, can only
# start where one does.
_RUN = re.compile(r"(\w+)")
_REPORT_WORDS = WholeWords(STUDY_REPORT_WORDS)
# Closes every list of offsets: past the end of any span.
_PAST = sys.maxsize


class LexiconSpans(ArticleStructure):
    lex: Lexicon  # set by the FactExtractor

    def __init__(self, article: Article) -> None:
        super().__init__(article)
        # per article, memoised by span: the finders ask about the same spans for every figure
        self._in_prose: dict[tuple[PhraseIndex, int, int], list[Match]] = {}
        self._starts_memo: dict[FirstWords, list[int] | None] = {}
        self._dimensions_of: dict[str, list[str]] = {}
        self._prose_words: tuple[list[str], list[int], set[str]] | None = None
        self._positions: dict[str, list[int]] | None = None
        self._study_starts: tuple[list[int], list[int] | None] | None = None
        self._word_at: dict[int, str] | None = None
        # Whether to list the prose's words (FactExtractor.facts decides, by how many
        # figures ask): listing costs about one scan of the prose, and an article with few
        # figures asks about few spans, each cheaper to scan with the regexes themselves.
        self.by_words = True

    def in_prose(
        self, index: PhraseIndex, start: int, end: int, words: FirstWords | None = None
    ) -> list[Match]:
        """index.find(self.prose, start, end), the same list; callers only read it.

        `words` admits at least the words the index's phrases may start at (by default,
        the index's own)."""
        memo = self._in_prose
        key = (index, start, end)
        if key in memo:
            return memo[key]
        words = words or index.first_words
        if words in self._starts_memo:
            starts = self._starts_memo[words]
        else:
            starts = self._phrase_starts(words)
        if starts is None:
            found = index._find(self.prose, start, end)
        else:
            first = bisect_left(starts, start)
            # most spans hold no word a phrase of the index starts at
            found = [] if starts[first] >= end else index.find_at(self.prose, end, starts, first)
        memo[key] = found
        return found

    def qualifier_in_prose(self, dim: str, start: int, end: int) -> list[Match]:
        """The dimension's phrases in start..end."""
        return self.in_prose(self.lex.dimensions[dim], start, end)

    def dimensions_in(self, start: int, end: int) -> set[str]:
        """The qualifier dimensions a phrase of which may start in start..end: the others name
        nothing there."""
        starts = self._phrase_starts(self.lex.qualifier_words)
        if starts is None:
            return set(self.lex.dimensions)
        word_at = self._word_at
        if word_at is None:
            words, offsets, _ = self._words()
            word_at = self._word_at = dict(zip(offsets, words, strict=True))
        memo = self._dimensions_of
        dims: set[str] = set()
        for i in range(bisect_left(starts, start), len(starts)):
            if starts[i] >= end:
                break
            word = word_at[starts[i]]
            found = memo.get(word)
            if found is None:
                found = memo[word] = [
                    dim
                    for dim, index in self.lex.dimensions.items()
                    if not index.first_words.usable or index.first_words.admits(word)
                ]
            dims.update(found)
        return dims

    def names_a_qualifier_at(self, start: int, end: int) -> bool:
        """Whether the union of the dimensions (Lexicon.any_qualifier) matches in start..end."""
        union = self.lex.any_qualifier
        if union is None:
            return True
        starts = self._phrase_starts(self.lex.qualifier_words)
        if starts is None:
            return union.search(self.prose, start, end) is not None
        return self.matches_at(union, starts, start, end)

    def matches_at(self, regex: re.Pattern, starts: Sequence[int], start: int, end: int) -> bool:
        return search_at(regex, self.prose, starts, start, end)

    def study_starts(self) -> tuple[list[int], list[int] | None]:
        """Where STUDY_REPORT, and the lexicon's study_names, can match: at a word that opens
        one of their branches (None: anywhere)."""
        found = self._study_starts
        if found is None:
            _, _, distinct = self._words()
            positions = self._word_positions()
            reports = offsets_in(positions, _REPORT_WORDS.admitted(distinct))
            names = None
            lex = self.lex
            if lex.name_words is not None and lex.report_words.usable:
                opening = lex.name_words.admitted(distinct) | lex.report_words.admitted(distinct)
                names = offsets_in(positions, opening)
            found = self._study_starts = (reports, names)
        return found

    def _phrase_starts(self, words: FirstWords) -> list[int] | None:
        """The offsets of the words `words` admits, in order, and then one past any span's
        end (None: a phrase may start anywhere)."""
        memo = self._starts_memo
        if words in memo:
            return memo[words]
        found = None
        if words.usable and self.by_words:
            _, _, distinct = self._words()
            found = offsets_in(self._word_positions(), words.admitted(distinct))
        memo[words] = found
        return found

    def _words(self) -> tuple[list[str], list[int], set[str]]:
        if self._prose_words is None:
            self._prose_words = prose_words(self.prose)
        return self._prose_words

    def _word_positions(self) -> dict[str, list[int]]:
        """Each distinct word's offsets: a dozen lexicons each list the offsets of the words
        they admit, and gathering those words' offsets is cheaper than a pass over the prose
        per lexicon."""
        if self._positions is None:
            words, offsets, _ = self._words()
            self._positions = word_positions(words, offsets)
        return self._positions


def prose_words(text: str) -> tuple[list[str], list[int], set[str]]:
    """The words of a text (runs of letters, digits and underscores), their offsets (in
    order), and the distinct words.

    A phrase starts at a word not right after a hyphen or slash (phrases._LEFT): its
    regex, tried at every word, finds nothing at the others."""
    # one pass in C: the text cut into gaps and words, their offsets summed up
    parts = _RUN.split(text)
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts)))[0::2][: len(words)]
    return words, offsets, set(words)


def offsets_of(words: list[str], offsets: list[int], admitted: set[str]) -> list[int]:
    """The offsets of the admitted words, in order, and then one past any span's end."""
    found = [at for word, at in zip(words, offsets, strict=True) if word in admitted]
    found.append(_PAST)
    return found


def word_positions(words: list[str], offsets: list[int]) -> dict[str, list[int]]:
    """Each distinct word's offsets, in order (prose_words' words and offsets)."""
    positions: dict[str, list[int]] = {}
    for word, at in zip(words, offsets, strict=True):
        found = positions.get(word)
        if found is None:
            positions[word] = [at]
        else:
            found.append(at)
    return positions


def offsets_in(positions: dict[str, list[int]], admitted: set[str]) -> list[int]:
    """offsets_of(words, offsets, admitted) from word_positions(words, offsets): the admitted
    words' offsets merged in order (each word's are in order, and sorting merges such runs)."""
    found = sorted(chain.from_iterable(positions.get(word, ()) for word in admitted))
    found.append(_PAST)
    return found


def search_at(regex: re.Pattern, text: str, starts: Sequence[int], start: int, end: int) -> bool:
    """regex.search(text, start, end) is not None, for a regex that can only match at the
    offsets `starts` (closed by one past any span's end): as for PhraseIndex.find_at, the
    search finds nothing elsewhere."""
    match = regex.match
    i = bisect_left(starts, start)
    at = starts[i]
    while at < end:
        if match(text, at, end) is not None:
            return True
        i += 1
        at = starts[i]
    return False
