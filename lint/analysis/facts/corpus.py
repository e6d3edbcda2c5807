"""The cross-article comparison (CL502), linear in the corpus.

Comparing every figure with every other of its (subject, measure) grew with the
square of the corpus: a figure-dense corpus of 1,000 articles took minutes in
the parent after the workers had finished. The verdict for a figure only needs
two numbers and a list: how many other articles state an agreeing figure
(supporters), how many state only contradicting ones (against), and the first
contradicting figure of each of the latter. So:

- figures are bucketed by key and grouped by signature (everything the
  comparison reads: context and value), computed once per figure;
- whether two figures may be compared at all (same unit, qualifiers, rivals
  across articles) does not depend on their values, so it is decided once per
  pair of *contexts* (the signature without the value), not per pair of figures;
- whether the values agree is the interval test of `values.overlaps`, applied
  to all comparable figures at once as array comparisons (numpy), per distinct
  value, with the same float arithmetic as the scalar test.

The verdicts are exactly those of the pairwise comparison (tests/test_corpus_buckets.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from .compact import AnyFact
from .compare import TIME_TOLERANCE_FACTOR, comparable

Rivals = Callable[[AnyFact, AnyFact], bool]
Verdict = Callable[[AnyFact], tuple[bool, bool]]  # (registry agrees, registry decides)


def context(fact: AnyFact) -> tuple:
    """What decides whether two figures are compared at all (`comparable`, rivals across
    articles), without their values: figures of one context compare alike with any other."""
    return (
        fact.unit,
        fact.treatment_specific,
        fact.condition_specific,
        fact.study,
        fact.timepoint,
        fact.strict,
        tuple(sorted(fact.qualifiers.items())),
    )


def value_part(fact: AnyFact) -> tuple:
    """The rest of everything a comparison between articles reads of a fact: with its context
    (and its key, shared by the bucket), the signature of figures that compare alike."""
    return (
        fact.dimension,
        fact.low,
        fact.high,
        fact.qualifier,
        fact.value,
        fact.study_id,
        fact.arm,
    )


def _tolerance_for(fact: AnyFact, tolerance: float) -> float:
    return tolerance * TIME_TOLERANCE_FACTOR if fact.unit == "days" else tolerance


def bounds_and_reach(
    fact: AnyFact, tolerance: float, absolute: float
) -> tuple[float, float, float]:
    """(low, high, reach) of `values.overlaps`, term for term: the same floats it compares."""
    value = fact.as_value
    low, high = value.bounds()
    own = tolerance * (2 if value.qualifier == "approx" else 1)
    return low, high, max(high * (1 + own), high + absolute)


@dataclass
class _Pool:
    """The figures one context is compared with, as arrays (one row per figure, key order)."""

    low: Any
    reach: Any
    path: Any  # path number, in sorted path order
    in_pool: Any  # per path: it states at least one of these figures
    first_of: Any  # per path: the position of its first such figure (-1: none)


@dataclass
class _Bucket:
    facts: list[AnyFact]
    paths: list[str]  # sorted
    path_no: list[int]  # per fact
    path_array: Any  # the same, as an array
    groups: dict[tuple, list[int]]  # signature -> fact positions, in first-seen order
    contexts: dict[tuple, list[int]]  # context -> fact positions
    rows: dict[tuple, tuple[Any, Any]] = field(default_factory=dict)  # (low, reach) arrays


def _bucket(facts: list[AnyFact]) -> _Bucket:
    import numpy as np

    paths = sorted({f.path for f in facts})
    number = {p: i for i, p in enumerate(paths)}
    groups: dict[tuple, list[int]] = {}
    contexts: dict[tuple, list[int]] = {}
    # A collected figure's context and value are its shared variant's: read once per
    # variant (a figure of the article at hand is its own).
    by_variant: dict[int, tuple[tuple, tuple]] = {}
    path_no = []
    for i, fact in enumerate(facts):
        variant = id(getattr(fact, "variant", fact))
        hit = by_variant.get(variant)
        if hit is None:
            ctx = context(fact)
            hit = by_variant[variant] = (ctx, (ctx, value_part(fact)))
        groups.setdefault(hit[1], []).append(i)
        contexts.setdefault(hit[0], []).append(i)
        path_no.append(number[fact.path])
    return _Bucket(facts, paths, path_no, np.array(path_no, dtype=np.int64), groups, contexts)


def _rows(bucket: _Bucket, tolerance: float, absolute: float) -> tuple[Any, Any]:
    """Every figure's (low, reach) under one tolerance, computed once per distinct value."""
    import numpy as np

    key = (tolerance, absolute)
    if key not in bucket.rows:
        seen: dict[tuple, tuple[float, float, float]] = {}
        rows = []
        by_variant: dict[int, tuple[float, float, float]] = {}
        for fact in bucket.facts:
            variant = id(getattr(fact, "variant", fact))
            row = by_variant.get(variant)
            if row is None:
                value = (fact.unit, fact.low, fact.high, fact.qualifier)
                if value not in seen:
                    seen[value] = bounds_and_reach(fact, tolerance, absolute)
                row = by_variant[variant] = seen[value]
            rows.append(row)
        bucket.rows[key] = (
            np.array([r[0] for r in rows], dtype=np.float64),
            np.array([r[2] for r in rows], dtype=np.float64),
        )
    return bucket.rows[key]


def _pool(bucket: _Bucket, members: list[int], tolerance: float, absolute: float) -> _Pool:
    import numpy as np

    index = np.array(sorted(members), dtype=np.int64)
    low, reach = _rows(bucket, tolerance, absolute)
    path = bucket.path_array[index]
    in_pool = np.zeros(len(bucket.paths), dtype=bool)
    in_pool[path] = True
    first_of = np.full(len(bucket.paths), -1, dtype=np.int64)
    # positions ascend, so a path's first row is its first figure in key order
    paths, first = np.unique(path, return_index=True)
    first_of[paths] = index[first]
    return _Pool(low[index], reach[index], path, in_pool, first_of)


def _must_share(fact: AnyFact) -> tuple:
    """What two figures must have in common to be `comparable` at all: the unit, the cohort,
    and the breakdown step they are stated for (or both none)."""
    return fact.unit, fact.qualifiers.get("cohort"), fact.qualifiers.get("section")


def _related(bucket: _Bucket, rivals: Rivals, tolerance: float) -> dict[tuple, list[tuple]]:
    """Per context, the contexts its figures are compared with (the scalar tests, once per pair
    of contexts that share what `_must_share` names: testing the others could only say no)."""
    reps = {ctx: bucket.facts[members[0]] for ctx, members in bucket.contexts.items()}
    alike: dict[tuple, list[tuple[tuple, AnyFact]]] = {}
    for ctx, rep in reps.items():
        alike.setdefault(_must_share(rep), []).append((ctx, rep))
    return {
        ctx: [
            other
            for other, rep_other in alike[_must_share(rep)]
            if rivals(rep, rep_other) and comparable(rep, rep_other, tolerance)
        ]
        for ctx, rep in reps.items()
    }


class _Pools:
    """The pool of figures each context is compared with, built once per distinct pool."""

    def __init__(self, bucket: _Bucket, related: dict[tuple, list[tuple]]) -> None:
        self.bucket, self.related = bucket, related
        self.built: dict[tuple, _Pool | None] = {}

    def of(self, ctx: tuple, tolerance: float, absolute: float) -> _Pool | None:
        # contexts are hashable tuples: the pool is named by the contexts it holds
        key = (frozenset(self.related[ctx]), tolerance, absolute)
        if key not in self.built:
            members = [i for other in self.related[ctx] for i in self.bucket.contexts[other]]
            self.built[key] = _pool(self.bucket, members, tolerance, absolute) if members else None
        return self.built[key]


def _supporting_paths(pool: _Pool, low: float, reach: float) -> Any:
    """Per path: it states a figure that can be true together with one of [low, reach]."""
    import numpy as np

    hit = (pool.low <= reach) & (low <= pool.reach)
    paths = np.zeros(len(pool.in_pool), dtype=bool)
    paths[pool.path[hit]] = True
    return paths


class Opponents(Sequence):
    """The first contradicting figure of each other article, in path order.

    Read when a message names them (three, and how many more), not built as a list over
    every contradicting article for every flagged figure: that grew with the square of
    the corpus when many articles contradict many."""

    def __init__(self, facts: list[AnyFact], first_of: Any, paths: Any, own: int) -> None:
        import numpy as np

        self._facts, self._first_of, self._paths = facts, first_of, paths
        at = int(np.searchsorted(paths, own))
        self._skip = at if at < len(paths) and paths[at] == own else len(paths)
        self._len = len(paths) - (self._skip < len(paths))

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> AnyFact: ...
    @overload
    def __getitem__(self, index: slice) -> list[AnyFact]: ...
    def __getitem__(self, index: int | slice) -> AnyFact | list[AnyFact]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        at = index + (index >= self._skip)
        return self._facts[self._first_of[self._paths[at]]]


def bucket_conflicts(
    facts: list[AnyFact],
    registry: Verdict,
    rivals: Rivals,
    tolerance: float,
    points: float,
    about: Collection[str] | None = None,
) -> Iterator[tuple[AnyFact, Sequence[AnyFact]]]:
    """`corpus_conflicts` for the figures of one key (in path order), group by group."""
    import numpy as np

    bucket = _bucket(facts)
    pools = _Pools(bucket, _related(bucket, rivals, tolerance))
    supports: dict[tuple, tuple[Any, Any, int, int]] = {}
    opposed: dict[tuple, Any] = {}  # the paths of `against`, ascending
    for group in bucket.groups.values():
        # a group's verdict reads the pools, never the other groups' verdicts
        members = group if about is None else [i for i in group if facts[i].path in about]
        if not members:
            continue
        rep = facts[group[0]]
        own = _tolerance_for(rep, tolerance)
        absolute = points if rep.unit == "%" else 0.0
        pool = pools.of(context(rep), own, absolute)
        if pool is None:
            continue  # nothing to compare it with: no supporter, no opponent
        low, _, reach = bounds_and_reach(rep, own, absolute)
        key = (id(pool), low, reach)
        if key not in supports:
            support = _supporting_paths(pool, low, reach)
            against = pool.in_pool & ~support
            supports[key] = (support, against, int(support.sum()), int(against.sum()))
            opposed[key] = np.flatnonzero(against)
        support, against, n_support, n_against = supports[key]
        agrees, decided = registry(rep)
        for i in members:
            path = bucket.path_no[i]
            supporters = n_support - int(support[path])
            opponents = n_against - int(against[path])
            if not opponents or agrees:
                continue
            if decided or opponents >= 1 + supporters:
                yield facts[i], Opponents(facts, pool.first_of, opposed[key], path)


def corpus_conflicts(
    collected: Mapping[str, Sequence[AnyFact]],
    registry: Verdict,
    rivals: Rivals,
    tolerance: float,
    points: float,
    about: Collection[str] | None = None,
) -> Iterator[tuple[AnyFact, Sequence[AnyFact]]]:
    """Each figure other articles contradict, when it is the outlier; see
    `lint.checks.consistency.corpus_conflicts` for the rule, this module's doc for the method.

    With `about`, only the figures of those articles (in the same order): the buckets and
    groups without one of them are never weighed (pre-commit reports one article of many)."""
    by_key: dict[tuple, list[AnyFact]] = defaultdict(list)
    for path in sorted(collected):
        for fact in collected[path]:
            by_key[fact.key].append(fact)  # type: ignore[index]
    for key in sorted(by_key, key=str):
        facts = by_key[key]
        if len({f.path for f in facts}) < 2:
            continue
        if about is not None and not any(f.path in about for f in facts):
            continue
        yield from bucket_conflicts(facts, registry, rivals, tolerance, points, about)
