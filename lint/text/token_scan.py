"""Where token patterns may start, found by regular expressions over a Doc coded as text.

`ends` (token_match.py) tries a pattern at one start in Python; a pattern set tried at
every token its first spec accepts ("the", "a", "is" open many patterns) paid that at
thousands of tokens an article, almost all failing at the second word. Here each token
becomes one character that encodes what the specs test (its LOWER word, if a pattern
names it, and its IS_ALPHA, IS_SPACE and IS_PUNCT flags), each pattern one regular
expression over those characters, and `re.search` finds the starts in C. A start the
expression rejects has no match, so trying `ends` only at the starts it finds gives
exactly the same matches. An ORTH REGEX spec is read as any token (its test needs the
token's text), which only lets more starts through.

A pattern kept within its sentence is searched in a text with a separator before every
sentence's first token, so its expression cannot run past the sentence either.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

from .token_match import TokenSpec, TokenTable

# Codes stay in the Basic Multilingual Plane below the surrogates, where `re` tests a
# character class with a bitmap (above it, by a walk over the class's ranges).
BASE = 0x100
TOP = 0xD7FF
FLAGS = 8  # IS_ALPHA 1, IS_SPACE 2, IS_PUNCT 4
SEPARATOR = "\n"  # below BASE: in no class, so no expression steps over it


class TokenScan:
    """Regular expressions for a list of patterns (token specs), over one word alphabet."""

    def __init__(self, patterns: Sequence[Sequence[TokenSpec]], more: Iterable[int] = ()) -> None:
        import numpy

        # the words the specs name, and `more` whose positions callers ask for (Coded)
        words = sorted(
            {h for specs in patterns for s in specs if s.kind == "lower" for h in s.hashes}
            | set(more)
        )
        self.width = len(words) + 1  # word id 0: a word no pattern names
        self.usable = BASE + FLAGS * self.width - 1 <= TOP
        self.hashes = numpy.array(words, dtype=numpy.uint64)
        ids = {h: k + 1 for k, h in enumerate(words)}
        self.ids = ids
        self._masks: dict[frozenset[int], Any] = {}
        self.regexes = [self._regex(specs, ids) for specs in patterns] if self.usable else []
        # the word ids a pattern's expression needs one of, per required word spec in it: an
        # article without one of them is not searched
        self.needed = [_needed(specs, ids) for specs in patterns]

    def _regex(self, specs: Sequence[TokenSpec], ids: dict[int, int]) -> re.Pattern[str] | None:
        """A test a start must pass: the pattern up to its second required spec, each run of
        optional specs read as any number of tokens of any of them. It accepts more than the
        pattern, never less, and with one repeat between two single tokens it backtracks
        linearly (a lexicon's `_* _* _*` cannot make it exponential). None for a pattern
        that opens with an optional spec (it may start at any token) or has one required
        spec only (the tokens that spec accepts are the starts)."""
        if not specs or specs[0].op in ("?", "*"):
            return None
        out = []
        optional: list[tuple[int, int]] | None = None
        required = 0
        for spec in specs:
            ranges = self._ranges(spec, ids)
            if spec.op in ("?", "*"):
                optional = (optional or []) + ranges
                continue
            if optional:  # (an empty one takes no token: nothing to write)
                out.append(_char_class(optional) + "*")
            out.append(_char_class(ranges))
            required += 1
            if required == 2:
                return re.compile("".join(out))
            optional = list(ranges) if spec.op == "+" else None
        return None  # one required spec: its positions are the starts, no search needed

    def _ranges(self, spec: TokenSpec, ids: dict[int, int]) -> list[tuple[int, int]]:
        """The codes of the tokens a spec accepts (an ORTH REGEX spec: any token)."""
        w = self.width
        if spec.kind == "lower":
            return [
                (c, c) for f in range(FLAGS) for h in spec.hashes for c in [BASE + f * w + ids[h]]
            ]
        if spec.kind == "regex":
            return [(BASE, BASE + FLAGS * w - 1)]
        bit = {"alpha": 1, "space": 2, "word": 6}[spec.kind]
        wanted = [f for f in range(FLAGS) if (not f & bit if spec.kind == "word" else f & bit)]
        return [(BASE + f * w, BASE + f * w + w - 1) for f in wanted]

    def coded(self, table: TokenTable) -> Coded:
        """The table coded for this scan: built once per table and scan."""
        found = table.derived.get(self)
        if found is None:
            found = table.derived[self] = Coded(self, table)
        assert isinstance(found, Coded)
        return found

    def codes(self, table: TokenTable) -> str:
        """The table's tokens, one character each (character k is token k)."""
        return self.coded(table).codes

    def mask(self, hashes: frozenset[int]) -> Any:
        """For each word id, whether its word is one of `hashes` (None: one is not coded)."""
        import numpy

        if hashes not in self._masks:
            mask = None
            if all(h in self.ids for h in hashes):
                mask = numpy.zeros(self.width, dtype=bool)
                mask[[self.ids[h] for h in hashes]] = True
            self._masks[hashes] = mask
        return self._masks[hashes]

    def starts(self, k: int, text: str, separators: Sequence[int] = ()) -> list[int] | None:
        """The tokens where pattern k may match (every one where it does), in order; None
        when any token may start it. With `separators` (the character offsets of the
        separators in `text`), the text is `sentence_codes`' and offsets are mapped back."""
        regex = self.regexes[k]
        if regex is None:
            return None
        out: list[int] = []
        found = regex.search(text)
        while found is not None:
            at = found.start()
            token = at - bisect_left(separators, at) if separators else at
            if not out or out[-1] != token:
                out.append(token)
            found = regex.search(text, at + 1)
        return out


class Coded:
    """A token table coded for one scan: each token's word id and character, the text with
    sentence separators, and the positions of coded words, computed once."""

    def __init__(self, scan: TokenScan, table: TokenTable) -> None:
        import numpy

        self.scan = scan
        self.table = table
        arrays = table.arrays
        lower = arrays["lower"]
        if len(scan.hashes):
            at = numpy.searchsorted(scan.hashes, lower)
            known = scan.hashes[numpy.minimum(at, len(scan.hashes) - 1)] == lower
            self.ids = numpy.where(known, at + 1, 0)
        else:
            self.ids = numpy.zeros(len(lower), dtype=numpy.int64)
        flags = arrays["alpha"] + 2 * arrays["space"] + 4 * arrays["punct"]
        code = (BASE + flags.astype(numpy.int64) * scan.width + self.ids).astype("<u4")
        self.codes = str(code.tobytes().decode("utf-32-le"))
        self._positions: dict[frozenset[int], list[int]] = {}
        self._sentences: dict[frozenset[int], set[int]] = {}

    @cached_property
    def bounded(self) -> tuple[str, list[int]]:
        """`sentence_codes` of this table."""
        return sentence_codes(self.codes, self.table)

    @cached_property
    def present(self) -> set[int]:
        """The word ids in the table."""
        import numpy

        return set(numpy.unique(self.ids).tolist())

    def starts(self, k: int, in_sentence: bool) -> list[int] | None:
        """TokenScan.starts over this table, kept within sentences or not."""
        if self.scan.regexes[k] is not None and any(
            self.present.isdisjoint(ids) for ids in self.scan.needed[k]
        ):
            return []  # a word the expression requires is nowhere in the article
        if in_sentence:
            return self.scan.starts(k, *self.bounded)
        return self.scan.starts(k, self.codes)

    def _where(self, hashes: frozenset[int]) -> Any:
        mask = self.scan.mask(hashes)
        if mask is None:
            return None
        return mask[self.ids].nonzero()[0]

    def positions(self, hashes: frozenset[int]) -> list[int]:
        """TokenTable.positions, read from the word ids."""
        found = self._positions.get(hashes)
        if found is None:
            where = self._where(hashes)
            found = self.table.positions(hashes) if where is None else list(where.tolist())
            self._positions[hashes] = found
        return found

    def sentences_with(self, hashes: frozenset[int]) -> set[int]:
        """TokenTable.sentences_with, read from the word ids."""
        found = self._sentences.get(hashes)
        if found is None:
            where = self._where(hashes)
            if where is None:
                found = self.table.sentences_with(hashes)
            else:
                found = set(self.table.sentence_start_array[where].tolist())
            self._sentences[hashes] = found
        return found


def _needed(specs: Sequence[TokenSpec], ids: dict[int, int]) -> list[frozenset[int]]:
    """The word ids of the required LOWER specs up to the second required spec (the part
    of a pattern TokenScan._regex writes)."""
    needed = []
    required = 0
    for spec in specs:
        if spec.op in ("?", "*"):
            continue
        if spec.kind == "lower":
            needed.append(frozenset(ids[h] for h in spec.hashes))
        required += 1
        if required == 2:
            break
    return needed


def sentence_codes(codes: str, table: TokenTable) -> tuple[str, list[int]]:
    """`codes` with SEPARATOR before the first token of every sentence but the first, and
    the separators' offsets in the result."""
    firsts = table.sentence_firsts
    pieces = []
    offsets = []
    last = 0
    for k, first in enumerate(firsts):
        pieces.append(codes[last:first])
        offsets.append(first + k)
        last = first
    pieces.append(codes[last:])
    return SEPARATOR.join(pieces), offsets


def _char_class(ranges: list[tuple[int, int]]) -> str:
    """A character class of these code ranges, adjacent ones merged (empty: never matches)."""
    if not ranges:
        return "(?!)"
    merged: list[list[int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in merged) + "]"


def scan_of(patterns: Sequence[Sequence[TokenSpec]], more: Iterable[int] = ()) -> TokenScan | None:
    """A scan for these patterns (and the positions of `more` words), or None when their
    words are too many to code."""
    scan = TokenScan(patterns, more)
    return scan if scan.usable else None
