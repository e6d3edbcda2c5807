"""Phrase matching for the lexicons: many phrases at once, longest first.

A phrase's words may be joined by spaces or hyphens in the text; one regular
expression per case mode holds every phrase of a lexicon (lint.analysis.facts.lexicon).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .word_memo import FirstWords
from .word_memo import WholeWords as WholeWords  # re-exported: the lexicons import it from here
from .word_memo import WordMemo as WordMemo

# A phrase's words may be joined by spaces or hyphens in the text
# ("chronic-pain patients"); emphasis and brackets never sit inside a phrase.
_SEP = r"[\s\-]+"
_LEFT = r"(?<![\w\-/])"
_RIGHT = r"(?![\w/]|-\w)"
_SPLIT = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    id: str  # the entry's id: "crps", "response-rate", "series", ...
    group: str  # condition | treatment | generic | a measure's id | a dimension's name


def one_of(alternatives: Iterable[str], ignore_case: bool = True) -> str:
    """The alternation of regex sources `alternatives`, in their order, grouped by first character.

    Python's regex engine tries every alternative at every position: a lexicon of 300 phrases
    is 300 attempts per character. Grouped by their first character ("a(?:lt1|lt2)|b(?:...)"),
    it is one attempt per group, and what matches is unchanged: alternatives that can match at
    one position share a first character, and keep their order within its group. Sources that
    do not start with a plain ASCII letter or digit (an escape, a class, a quantified character)
    make it join them as they are."""
    alternatives = list(alternatives)
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        first = alt[:1]
        if not (first.isascii() and first.isalnum()) or alt[1:2] in ("*", "+", "?", "{"):
            return "|".join(alternatives)
        groups.setdefault(first.lower() if ignore_case else first, []).append(alt[1:])
    return "|".join(
        key + ("(?:" + "|".join(rests) + ")" if rests != [""] else "")
        for key, rests in groups.items()
    )


def _phrase_pattern(phrase: str, plural: bool) -> str:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    body = _SEP.join(words)
    if plural and phrase[-1:].isalpha() and not phrase.endswith("s"):
        body += "s?"
    return body


class PhraseIndex:
    """Non-overlapping, longest-first matches of many phrases at once."""

    def __init__(self, entries: Iterable[tuple[str, str, str, bool]], plural: bool = True) -> None:
        # entries: (phrase, id, group, case_sensitive)
        self.lookup: dict[tuple[bool, str], tuple[str, str]] = {}
        self._resolved: dict[tuple[bool, str], tuple[str, str] | None] = {}
        self.first_words = FirstWords()
        patterns: dict[bool, list[str]] = {False: [], True: []}
        for phrase, id_, group, case_sensitive in entries:
            phrase = str(phrase).strip()
            if not phrase:
                continue
            key = self._key(phrase, case_sensitive)
            if key in self.lookup:
                continue
            self.lookup[key] = (id_, group)
            patterns[case_sensitive].append(_phrase_pattern(phrase, plural and not case_sensitive))
            self.first_words.add(phrase, case_sensitive)
        self.regexes = []
        self.alternatives = patterns  # for a union over several indexes (Lexicon.any_qualifier)
        for case_sensitive, alts in patterns.items():
            if not alts:
                continue
            alts.sort(key=len, reverse=True)
            flags = 0 if case_sensitive else re.I
            self.regexes.append(
                (
                    case_sensitive,
                    re.compile(
                        _LEFT + "(?:" + one_of(alts, not case_sensitive) + ")" + _RIGHT, flags
                    ),
                )
            )

    @staticmethod
    def _key(phrase: str, case_sensitive: bool) -> tuple[bool, str]:
        norm = " ".join(_SPLIT.split(phrase.strip()))
        return case_sensitive, norm if case_sensitive else norm.lower()

    def _resolve(self, case_sensitive: bool, text: str) -> tuple[str, str] | None:
        """The (id, group) of a matched text; memoised: articles repeat their phrases."""
        memo = self._resolved
        key = (case_sensitive, text)
        if key in memo:
            return memo[key]
        if len(memo) > 65536:
            memo.clear()
        hit = memo[key] = self._lookup(case_sensitive, text)
        return hit

    def _lookup(self, case_sensitive: bool, text: str) -> tuple[str, str] | None:
        key = self._key(text, case_sensitive)
        found = self.lookup.get(key)
        if found is None and not case_sensitive and key[1].endswith("s"):
            found = self.lookup.get((False, key[1][:-1]))
        return found

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Matches in text[start:end]. Memoised: fact extraction asks about the same
        sentence and heading once per figure in it, and the regex is the costly part."""
        end = len(text) if end is None else end
        key = (
            text,
            start,
            end,
        )  # a str caches its hash, so the key is cheap for one article's text
        memo = self.__dict__.setdefault("_memo", {})
        found = memo.get(key)
        if found is None:
            if len(memo) > 4096:
                memo.clear()
            found = memo[key] = self._find(text, start, end)
        return list(found)

    def _find(self, text: str, start: int, end: int) -> list[Match]:
        found: list[Match] = []
        sources = 0
        for case_sensitive, regex in self.regexes:
            before = len(found)
            for hit in regex.finditer(text, start, end):
                resolved = self._resolve(case_sensitive, hit.group(0))
                if resolved is not None:
                    found.append(Match(hit.start(), hit.end(), resolved[0], resolved[1]))
            sources += len(found) > before
        return found if sources < 2 else _longest_first(found)

    def find_at(self, text: str, end: int, starts: Sequence[int], first: int) -> list[Match]:
        """What `_find(text, start, end)` finds, trying the regexes only at the offsets in
        `starts`: every offset where a phrase may start, in order, and then one past any
        span's end; `first` is the first of them at or after `start`.

        The scan tries each offset from `start` and goes on after each match's end; offsets
        where no phrase can start find nothing, so skipping them changes nothing. A match is
        never empty (a phrase has a word), and a regex reads the text before `start` for its
        left boundary as the scan does."""
        found: list[Match] = []
        sources = 0
        memo = self._resolved
        for case_sensitive, regex in self.regexes:
            match = regex.match
            added = False
            i = first
            at = starts[i]
            while at < end:
                hit = match(text, at, end)
                if hit is None:
                    i += 1
                else:
                    key = (case_sensitive, hit.group(0))
                    resolved = memo[key] if key in memo else self._resolve(*key)
                    stop = hit.end()
                    if resolved is not None:
                        found.append(Match(at, stop, resolved[0], resolved[1]))
                        added = True
                    i = bisect_left(starts, stop, i + 1)
                at = starts[i]
            sources += added
        return found if sources < 2 else _longest_first(found)


def _longest_first(found: list[Match]) -> list[Match]:
    """Matches of several regexes: longest first, then leftmost; anything overlapping a
    kept match is dropped."""
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Match] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def union_of(indexes: Iterable[PhraseIndex]) -> re.Pattern | None:
    """A pattern that matches wherever one of the indexes' patterns does (which phrase wins,
    and whether it is known, is left to each index)."""
    folded: list[str] = []
    exact: list[str] = []
    for index in indexes:
        folded += index.alternatives[False]
        exact += index.alternatives[True]
    parts = [f"(?i:{one_of(folded)})"] if folded else []
    parts += [one_of(exact, ignore_case=False)] if exact else []
    if not parts:
        return None
    return re.compile(_LEFT + "(?:" + "|".join(parts) + ")" + _RIGHT)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _entries_for(id_: str, group: str, spec: Any) -> list[tuple[str, str, str, bool]]:
    """A lexicon value is a list of names, or {names, abbreviations, label}."""
    if isinstance(spec, Mapping):
        names, abbreviations = _as_list(spec.get("names")), _as_list(spec.get("abbreviations"))
    else:
        names, abbreviations = _as_list(spec), []
    return [(n, id_, group, False) for n in names] + [(a, id_, group, True) for a in abbreviations]


def _any_phrase(phrases: list[str]) -> re.Pattern | None:
    if not phrases:
        return None
    alts = sorted(
        (_phrase_pattern(p, False) if p[-1:].isalnum() else re.escape(p) for p in phrases),
        key=len,
        reverse=True,
    )
    return re.compile(_LEFT + "(?:" + one_of(alts) + ")", re.I)


def _alternatives(phrases: list[str]) -> str:
    """Longest first; only ever used case-insensitively."""
    return one_of(sorted((_phrase_pattern(p, False) for p in phrases), key=len, reverse=True))
