"""Token patterns matched from known start tokens, over a Doc's arrays.

spaCy's Matcher starts every pattern at every token of what it is given and pays
for a Token object and a Python predicate call at each; the attribution lexicon
has some 80 patterns whose first token is one of a few words. Here a pattern is
tried only where its first token matches (found from the Doc's LOWER array in
one pass) and runs over plain lists taken from `Doc.to_array`.

The semantics are the Matcher's with `greedy="LONGEST"`: every (start, end) the
pattern matches, then per pattern the longest non-overlapping ones, earliest
first among equals. Only the token specs the lexicon compiler writes are known:
LOWER (a word or IN), ORTH REGEX, IS_ALPHA, IS_SPACE, and the ops ? * +.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .nlp import doc_of


class UnsupportedSpec(ValueError):
    """A token spec this matcher does not implement."""


@dataclass(frozen=True)
class TokenSpec:
    """One token of a pattern: which tokens it accepts, and how often (op)."""

    op: str | None
    kind: str  # "lower", "regex", "alpha", "space" or "word" (neither punctuation nor blank)
    hashes: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None

    @classmethod
    def compile(cls, token: Mapping[str, Any], strings: Any) -> TokenSpec:
        op = token.get("OP")
        keys = set(token) - {"OP"}
        if op not in (None, "?", "*", "+"):
            raise UnsupportedSpec(repr(dict(token)))
        if {k: token[k] for k in keys} == {"IS_PUNCT": False, "IS_SPACE": False}:
            return cls(op, "word")
        if len(keys) != 1:
            raise UnsupportedSpec(repr(dict(token)))
        (key,) = keys
        value = token[key]
        if key == "LOWER":
            words = value["IN"] if isinstance(value, Mapping) and set(value) == {"IN"} else [value]
            if not all(isinstance(w, str) for w in words):
                raise UnsupportedSpec(repr(dict(token)))
            return cls(op, "lower", frozenset(strings.add(w) for w in words))
        if key == "ORTH" and isinstance(value, Mapping) and set(value) == {"REGEX"}:
            return cls(op, "regex", regex=re.compile(value["REGEX"]))
        if key in ("IS_ALPHA", "IS_SPACE") and value is True:
            return cls(op, "alpha" if key == "IS_ALPHA" else "space")
        raise UnsupportedSpec(repr(dict(token)))


@dataclass
class TokenTable:
    """What the specs test, for every token of a Doc, as plain lists."""

    lower: list[int]
    alpha: list[int]
    space: list[int]
    orth: list[int]
    sent_start: list[int]
    punct: list[int]
    strings: Any
    # (pattern text, token index) -> whether a spec's REGEX accepts the token: the answer
    # depends on the pattern alone (compiled without flags), and a str caches its hash
    _regex: dict[tuple[str, int], bool] = field(default_factory=dict)
    # LOWER hashes -> the tokens with one of them, and the sentences (first tokens) holding one
    _positions: dict[frozenset[int], list[int]] = field(default_factory=dict)
    _sentences: dict[frozenset[int], set[int]] = field(default_factory=dict)
    # what other modules derive from the table, by who derives it (token_scan.TokenScan)
    derived: dict[Any, Any] = field(default_factory=dict)
    # the Doc's array the lists were read from (columns LOWER, IS_ALPHA, IS_SPACE, ORTH,
    # SENT_START, IS_PUNCT), for whole-Doc passes in numpy
    array: Any = None

    @classmethod
    def of(cls, doc: Any) -> TokenTable:
        from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LOWER, ORTH, SENT_START

        array = doc.to_array([LOWER, IS_ALPHA, IS_SPACE, ORTH, SENT_START, IS_PUNCT])
        lower, alpha, space, orth, sent, punct = (
            [array[:, k].tolist() for k in range(6)] if len(doc) else [[], [], [], [], [], []]
        )
        return cls(lower, alpha, space, orth, sent, punct, doc.vocab.strings, array=array)

    def __len__(self) -> int:
        return len(self.lower)

    def accepts(self, spec: TokenSpec, i: int) -> bool:
        if spec.kind == "lower":
            return self.lower[i] in spec.hashes
        if spec.kind == "space":
            return self.space[i] == 1
        if spec.kind == "alpha":
            return self.alpha[i] == 1
        if spec.kind == "word":
            return self.punct[i] == 0 and self.space[i] == 0
        assert spec.regex is not None
        key = (spec.regex.pattern, i)
        found = self._regex.get(key)
        if found is None:  # the Matcher's REGEX predicate: re.search on the token's text
            found = self._regex[key] = spec.regex.search(self.strings[self.orth[i]]) is not None
        return found

    def text(self, i: int) -> str:
        return self.strings[self.orth[i]]

    def lower_text(self, i: int) -> str:
        return self.strings[self.lower[i]]

    @cached_property
    def arrays(self) -> dict[str, Any]:
        """The columns as numpy arrays, by name."""
        import numpy

        names = ("lower", "alpha", "space", "orth", "sent_start", "punct")
        if self.array is not None and len(self.lower):
            return {name: self.array[:, k] for k, name in enumerate(names)}
        return {name: numpy.array(getattr(self, name), dtype=numpy.uint64) for name in names}

    def _where(self, hashes: frozenset[int]) -> Any:
        import numpy

        wanted = numpy.fromiter(hashes, dtype=numpy.uint64, count=len(hashes))
        return numpy.isin(self.arrays["lower"], wanted).nonzero()[0]

    def positions(self, hashes: frozenset[int]) -> list[int]:
        """The tokens whose LOWER is one of `hashes`, in order (one numpy pass, kept)."""
        found = self._positions.get(hashes)
        if found is None:
            found = self._positions[hashes] = (
                list(self._where(hashes).tolist()) if len(self) else []
            )
        return found

    def sentences_with(self, hashes: frozenset[int]) -> set[int]:
        """The sentences (their first tokens) holding a token whose LOWER is one of `hashes`."""
        found = self._sentences.get(hashes)
        if found is None:
            found = set()
            if len(self) and hashes:
                found = set(self.sentence_start_array[self._where(hashes)].tolist())
            self._sentences[hashes] = found
        return found

    @cached_property
    def sentence_start_array(self) -> Any:
        """`sentence_starts` as a numpy array."""
        import numpy

        return numpy.array(self.sentence_starts, dtype=numpy.int64)

    @cached_property
    def sentence_firsts(self) -> list[int]:
        """The tokens after token 0 that start a sentence, in order."""
        flags = self.arrays["sent_start"]
        return list(((flags[1:] == 1).nonzero()[0] + 1).tolist())

    @cached_property
    def sentence_starts(self) -> list[int]:
        """For each token, the index of the first token of its sentence."""
        import numpy

        if not len(self.lower):
            return []
        index = numpy.arange(len(self.lower))
        firsts = numpy.where(self.arrays["sent_start"] == 1, index, 0)
        return list(numpy.maximum.accumulate(firsts).tolist())

    @cached_property
    def sentence_ends(self) -> list[int]:
        """For each token, the index after the last token of its sentence."""
        import numpy

        n = len(self.lower)
        if not n:
            return []
        firsts = numpy.where(self.arrays["sent_start"] == 1, numpy.arange(n), n)
        # the first sentence start at or after each token, then shifted: strictly after it
        at_or_after = numpy.minimum.accumulate(firsts[::-1])[::-1]
        return [*at_or_after[1:].tolist(), n]


def token_table(article: Any) -> TokenTable:
    """The token table of an article's Doc: built once per article, shared by its checks."""
    return article.analyses.memo(_table_of)


def _table_of(article: Any) -> TokenTable:
    return TokenTable.of(doc_of(article))


REPEAT = re.compile(r"^\{(\d*)(,?)(\d*)\}$")


def expand_repeats(tokens: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Write "{m,n}" ops out as the Matcher does: m required copies, then n-m optional ones
    ("{m,}": then any number more; "{n}": exactly n)."""
    out: list[dict[str, Any]] = []
    for token in tokens:
        op = token.get("OP")
        m = REPEAT.match(op) if isinstance(op, str) else None
        if m is None:
            out.append(dict(token))
            continue
        low = int(m.group(1) or 0)
        high = None if m.group(2) and not m.group(3) else int(m.group(3) or m.group(1) or 0)
        plain = {k: v for k, v in token.items() if k != "OP"}
        out.extend(dict(plain) for _ in range(low))
        if high is None:
            out.append(dict(plain, OP="*"))
        else:
            out.extend(dict(plain, OP="?") for _ in range(high - low))
    return out


def ends(specs: Sequence[TokenSpec], table: TokenTable, start: int, stop: int) -> set[int]:
    """Every end of a match of `specs` from token `start`, within tokens [start, stop)."""
    # While the match can be at one place only (a plain spec, or an optional one that does not
    # match here, as most do), walk it token by token: sets only once it can branch.
    accepts = table.accepts
    p = start
    for k, spec in enumerate(specs):
        hit = p < stop and accepts(spec, p)
        if spec.op is None:
            if not hit:
                return set()
            p += 1
        elif hit:  # an optional or repeated spec matches here: the ends may branch
            return _ends_from({p}, specs[k:], table, stop)
        elif spec.op == "+":
            return set()
    return {p}


def _ends_from(
    positions: set[int], specs: Sequence[TokenSpec], table: TokenTable, stop: int
) -> set[int]:
    """Every end of a match of `specs` from any of `positions`, within [.., stop)."""
    accepts = table.accepts
    for spec in specs:
        step = {p + 1 for p in positions if p < stop and accepts(spec, p)}
        found = set(positions) if spec.op in ("?", "*") else set()
        if spec.op in ("+", "*"):
            while step - found:
                fresh = step - found
                found |= fresh
                step = {p + 1 for p in fresh if p < stop and accepts(spec, p)}
        else:
            found |= step
        positions = found
        if not positions:
            break
    return positions


def longest(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The Matcher's LONGEST filter: longest first, then earliest; no two overlap."""
    taken: set[int] = set()
    kept = []
    for start, end in sorted(pairs, key=lambda p: (p[1] - p[0], -p[0]), reverse=True):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    return kept


def word_positions(table: TokenTable, hashes: frozenset[int]) -> dict[int, list[int]]:
    """Where each of these words (LOWER hashes) stands: one pass for all patterns."""
    import numpy

    if not hashes or not len(table):
        return {}
    lower = table.arrays["lower"]
    at = numpy.isin(lower, numpy.fromiter(hashes, dtype=numpy.uint64, count=len(hashes)))
    where: dict[int, list[int]] = {}
    positions = at.nonzero()[0]
    for i, h in zip(positions.tolist(), lower[positions].tolist(), strict=True):
        where.setdefault(h, []).append(i)
    return where


def starts_of(
    table: TokenTable, specs: Sequence[TokenSpec], where: Mapping[int, list[int]] | None = None
) -> list[int]:
    """Where a match may start: the tokens the first spec accepts (any, if it is optional).
    `where` (from word_positions, with the first spec's words) saves a pass over the Doc."""
    first = specs[0]
    if first.op in ("?", "*"):
        return list(range(len(table)))
    if first.kind == "lower":
        if where is not None:
            return sorted(i for h in first.hashes for i in where.get(h, ()))
        return [i for i, h in enumerate(table.lower) if h in first.hashes]
    return [i for i in range(len(table)) if table.accepts(first, i)]


def match(
    table: TokenTable,
    specs: Sequence[TokenSpec],
    starts: Iterable[int],
    stops: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) of the pattern's LONGEST matches from `starts`; a match from token i
    ends by stops[i] (its sentence's end, say), or by the Doc's end without `stops`."""
    n = len(table)
    pairs = [
        (start, end)
        for start in starts
        for end in ends(specs, table, start, n if stops is None else stops[start])
        if end > start
    ]
    return longest(pairs)
