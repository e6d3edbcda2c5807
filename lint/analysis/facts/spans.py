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
from bisect import bisect_left
from collections.abc import Sequence

from .lexicon import Lexicon, Match, PhraseIndex
from .phrases import FirstWords
from .structure import ArticleStructure

# Where a phrase may start: a word whose first character does not follow a letter,
# digit, hyphen or slash (the phrases' left boundary, phrases._LEFT).
_WORD_START = re.compile(r"(?<![\w\-/])\w+")


class LexiconSpans(ArticleStructure):
    lex: Lexicon  # set by the FactExtractor

    def in_prose(
        self, index: PhraseIndex, start: int, end: int, words: FirstWords | None = None
    ) -> list[Match]:
        """index.find(self.prose, start, end), the same list; callers only read it.

        `words` admits at least the words the index's phrases may start at (by default,
        the index's own)."""
        memo = self.__dict__.setdefault("_in_prose", {})
        key = (id(index), start, end)
        found = memo.get(key)
        if found is None:
            starts = self._phrase_starts(words or index.first_words)
            found = memo[key] = index._find(self.prose, start, end, starts)
        return found

    def qualifier_in_prose(self, dim: str, start: int, end: int) -> list[Match]:
        """The dimension's phrases in start..end, tried where any dimension's may start:
        one list of offsets for all of them."""
        return self.in_prose(self.lex.dimensions[dim], start, end, self.lex.qualifier_words)

    def dimensions_in(self, start: int, end: int) -> set[str]:
        """The qualifier dimensions a phrase of which may start in start..end: the others name
        nothing there."""
        starts = self._phrase_starts(self.lex.qualifier_words)
        if starts is None:
            return set(self.lex.dimensions)
        word_at = self.__dict__.get("_word_at")
        if word_at is None:
            words, offsets, _ = self._words()
            word_at = self.__dict__["_word_at"] = dict(zip(offsets, words, strict=True))
        memo = self.__dict__.setdefault("_dimensions_of", {})
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
        # as for phrases._hits_at: a search finds a match only where a phrase may start
        match, prose = union.match, self.prose
        for i in range(bisect_left(starts, start), len(starts)):
            if starts[i] >= end:
                break
            if match(prose, starts[i], end) is not None:
                return True
        return False

    def _phrase_starts(self, words: FirstWords) -> Sequence[int] | None:
        if not words.usable:
            return None
        memo = self.__dict__.setdefault("_starts_memo", {})
        found = memo.get(id(words))
        if found is None or found[0] is not words:
            listed, offsets, distinct = self._words()
            admitted = words.admitted(distinct)
            found = memo[id(words)] = (  # kept with the object: its id is not reused
                words,
                [at for word, at in zip(listed, offsets, strict=True) if word in admitted],
            )
        return found[1]

    def _words(self) -> tuple[list[str], list[int], set[str]]:
        """The words of the prose that a phrase may start at, their offsets (in order), and
        the distinct words."""
        found = self.__dict__.get("_prose_words")
        if found is None:
            words = _WORD_START.findall(self.prose)
            offsets = list(map(re.Match.start, _WORD_START.finditer(self.prose)))
            found = self.__dict__["_prose_words"] = (words, offsets, set(words))
        return found
