"""Token positions read from a Doc's arrays, for the sentencizer and the sentence repairs of
lint/text/nlp.py: one numpy pass instead of a Token object per sentence start."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def token_positions(doc: Any, attr: str, words: Iterable[str]) -> Any:
    """The tokens whose `attr` ("LOWER" or "ORTH") is one of `words`, in order (numpy)."""
    import numpy
    from spacy.attrs import IDS
    from spacy.strings import get_string_id

    hashes = numpy.array(sorted({get_string_id(w) for w in words}), dtype=numpy.uint64)
    return in_hashes(doc.to_array([IDS[attr]]), hashes).nonzero()[0]


def in_hashes(values: Any, hashes: Any) -> Any:
    """`numpy.isin(values, hashes)` (uint64 arrays) without sorting `values` as isin
    does: one comparison per hash for a few, else a binary search in the sorted hashes."""
    import numpy

    if not len(hashes):
        return numpy.zeros(values.shape, dtype=bool)
    if len(hashes) <= 8:
        found = numpy.zeros(values.shape, dtype=bool)
        for h in hashes:
            found |= values == h
        return found
    ordered = numpy.sort(hashes)
    at = numpy.minimum(numpy.searchsorted(ordered, values), len(ordered) - 1)
    return ordered[at] == values


def starts_near(starts: Sequence[int], positions: Any, low: int, high: int) -> list[int]:
    """The `starts` i (sorted) with one of `positions` (sorted) in [i - high, i - low]."""
    import numpy

    if not len(starts) or not len(positions):
        return []
    firsts = numpy.array(starts, dtype=numpy.int64)
    # the nearest position at or before i - low must be at or after i - high
    at = numpy.searchsorted(positions, firsts - low, side="right") - 1
    nearest = numpy.where(at >= 0, positions[numpy.maximum(at, 0)], -(high + 1))
    return list(firsts[(at >= 0) & (nearest >= firsts - high)].tolist())


def glued_to_previous(doc: Any, starts: Sequence[int]) -> list[int]:
    """The `starts` (each > 0) with no blank between them and the token before."""
    import numpy
    from spacy.attrs import IDX

    if not len(starts):
        return []
    idx = doc.to_array([IDX]).astype(numpy.int64).reshape(-1)
    at = numpy.array(starts, dtype=numpy.int64)
    return list(at[idx[at] == idx[at - 1] + 1].tolist())


# punctuation characters -> their ORTH hashes, sorted (the sentencizer's enders)
PUNCT_HASHES: dict[frozenset, Any] = {}


def punct_hashes(chars: Iterable[str]) -> Any:
    import numpy
    from spacy.strings import get_string_id

    key = frozenset(chars)
    if key not in PUNCT_HASHES:
        PUNCT_HASHES[key] = numpy.array(sorted(map(get_string_id, key)), dtype=numpy.uint64)
    return PUNCT_HASHES[key]
