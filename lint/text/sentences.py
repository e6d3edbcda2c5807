"""The article's sentences, shared by the number grammar, citations and the checks."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from .nlp import doc_of

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article


def _spans(article: Article) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc_of(article).sents]


def _starts(article: Article) -> list[int]:
    return [start for start, _ in sentence_spans(article)]


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """(start, end) of every sentence of the Doc, in order; computed once per article."""
    return article.analyses.memo(_spans)


def sentence_index(article: Article, offset: int) -> int:
    """The index of the sentence holding `offset` (the last one starting at or before it)."""
    return max(0, bisect_right(article.analyses.memo(_starts), offset) - 1)
