"""What the checks derive from one article, computed on first use and kept with it.

Several checks ask the same questions of an article (its sentences, its figures, its
citations). Each answer is computed by the first check that asks and reused by the rest;
it goes with the article. The answers the model can give itself are typed properties;
the higher layers' analyses (the number grammar, citations, facts) are kept through
`memo` and `memo_by`, keyed by the function that computes them and, for an analysis
that takes options, by the option value itself (hashable: a tuple, a string, a frozen
object), never by the `id()` of a pattern or a dict.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from .article import Article

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


class ArticleAnalyses:
    """The memoised analyses of one article (`article.analyses`)."""

    def __init__(self, article: Article) -> None:
        self._article = article
        self._memo: dict[tuple[Callable[..., Any], Hashable], Any] = {}
        # Analyses keyed by an object that is not hashable (a compiled lexicon): kept with
        # their key and found by identity, so the key lives as long as the answer.
        self._by_object: list[tuple[Callable[..., Any], object, Any]] = []

    # -- the model's own answers ------------------------------------------------
    @cached_property
    def block_starts(self) -> list[int]:
        """The start offset of every leaf block, in document order."""
        return [b.start for b in self._article.layout.blocks]

    @cached_property
    def prose_block_starts(self) -> list[int]:
        """The start offsets of the blocks whose text is prose (sentence boundaries)."""
        return [b.start for b in self._article.layout.blocks if b.is_prose]

    @cached_property
    def entity_spans(self) -> tuple[list[int], list[int]]:
        """(starts, ends) of the HTML entities and escapes, sorted by start."""
        spans = sorted((s, e) for s, e, _ in self._article.layout.entities)
        return [s for s, _ in spans], [e for _, e in spans]

    # -- the higher layers' analyses ------------------------------------------
    def memo(self, compute: Callable[[Article], T]) -> T:
        """`compute(article)`, computed once per article."""
        key = (compute, None)
        if key not in self._memo:
            self._memo[key] = compute(self._article)
        found: T = self._memo[key]
        return found

    def memo_by(self, compute: Callable[[Article, K], T], option: K) -> T:
        """`compute(article, option)`, computed once per article and option value."""
        key = (compute, option)
        if key not in self._memo:
            self._memo[key] = compute(self._article, option)
        found: T = self._memo[key]
        return found

    def memo_for(self, compute: Callable[[Article, R], T], owner: R) -> T:
        """`compute(article, owner)` once per article and owner object (compared by identity;
        for objects such as a compiled lexicon, built once per process, that cannot be hashed)."""
        for fn, key, value in self._by_object:
            if fn is compute and key is owner:
                found: T = value
                return found
        value = compute(self._article, owner)
        self._by_object.append((compute, owner, value))
        return value

    def computed(self, compute: Callable[..., Any]) -> bool:
        """Whether an analysis by `compute` has been made for this article (for tests)."""
        return any(fn is compute for fn, _ in self._memo) or any(
            fn is compute for fn, _, _ in self._by_object
        )
