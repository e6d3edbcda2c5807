"""The article's sentences, shared by the number grammar, citations and the checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """(start, end) of every sentence of the Doc, in order; computed once per article."""
    return article.analyses.sentences


def sentence_index(article: Article, offset: int) -> int:
    """The index of the sentence holding `offset` (the last one starting at or before it)."""
    return article.analyses.sentence_index(offset)
