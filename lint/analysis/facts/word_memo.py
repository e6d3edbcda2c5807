"""Which words of a text a lexicon's phrases, or a pattern, may start at: a memoised test
of one word (WordMemo), by a phrase's first word (FirstWords) or by a pattern matched
whole (WholeWords). lint.analysis.facts.spans lists a text's words once and tries the
phrases' regexes at the admitted words only.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


class WordMemo:
    """A test of one word, memoised: the articles of a run share most of their words."""

    LIMIT = 65536  # forget everything past this many words: memory stays bounded

    def __init__(self) -> None:
        self._known: dict[str, bool] = {}
        # the known words that pass: an article's admitted words are one set intersection
        self._passed: set[str] = set()

    def check(self, word: str) -> bool:
        raise NotImplementedError

    def forget(self) -> None:
        self._known.clear()
        self._passed.clear()

    def admitted(self, words: set[str]) -> set[str]:
        """The words of `words` that pass the test."""
        known = self._known
        new = words - known.keys()
        if new:
            if len(known) > self.LIMIT:
                self.forget()
                new = words
            check, passed = self.check, self._passed
            for word in new:
                if check(word):
                    known[word] = True
                    passed.add(word)
                else:
                    known[word] = False
        return words & self._passed

    def admits(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            if len(self._known) > self.LIMIT:
                self.forget()
            found = self._known[word] = self.check(word)
            if found:
                self._passed.add(word)
        return found


class FirstWords(WordMemo):
    """The words of a text a phrase can start at, judged by the phrase's first word alone.

    A phrase's match starts where a word of the text starts (the left boundary rules out
    the middle of a word) and reads its first word's leading letters and digits there: a
    phrase of several words, or whose first word goes on with a mark ("don't", "U.S."),
    needs that word exactly; a one-word phrase ("pain", with its plural) needs the text's
    word to start with it. The phrases' regexes are then tried at those words only, and
    find what a scan of every offset finds (tests/test_fact_spans.py). Words with a
    non-ASCII letter are always admitted: case folding is the regex engine's there."""

    def __init__(self) -> None:
        super().__init__()
        self.usable = True  # False when a phrase starts with a mark or a non-ASCII letter
        self.whole: dict[bool, set[str]] = {False: set(), True: set()}
        self.prefixes: dict[bool, list[str]] = {False: [], True: []}
        self._prefix: dict[bool, re.Pattern | None] = {}

    def add(self, phrase: str, case_sensitive: bool) -> None:
        words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
        lead = _WORD.match(words[0]) if words else None
        if lead is None or lead.start() != 0 or not words[0].isascii():
            self.usable = False
            return
        key = lead.group(0) if case_sensitive else lead.group(0).lower()
        if len(words) == 1 and lead.end() == len(words[0]):
            self.prefixes[case_sensitive].append(key)
        else:
            self.whole[case_sensitive].add(key)
        self._prefix.clear()
        self.forget()

    def merge(self, other: FirstWords) -> None:
        """Admit the words `other` admits too (a union of lexicons)."""
        self.usable = self.usable and other.usable
        for case_sensitive in (False, True):
            self.whole[case_sensitive] |= other.whole[case_sensitive]
            self.prefixes[case_sensitive] += other.prefixes[case_sensitive]
        self._prefix.clear()
        self.forget()

    def check(self, word: str) -> bool:
        """Whether a phrase may start at this word of the text."""
        if not word.isascii():
            return True
        for case_sensitive in (False, True):
            form = word if case_sensitive else word.lower()
            if form in self.whole[case_sensitive]:
                return True
            if case_sensitive not in self._prefix:
                keys = sorted(self.prefixes[case_sensitive], key=len, reverse=True)
                self._prefix[case_sensitive] = (
                    re.compile("|".join(re.escape(k) for k in keys)) if keys else None
                )
            prefix = self._prefix[case_sensitive]
            if prefix is not None and prefix.match(form):
                return True
        return False


class WholeWords(WordMemo):
    """The words a pattern matches whole (`fullmatch`)."""

    def __init__(self, pattern: re.Pattern) -> None:
        super().__init__()
        self.pattern = pattern

    def check(self, word: str) -> bool:
        return self.pattern.fullmatch(word) is not None
