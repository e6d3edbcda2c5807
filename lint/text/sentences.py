"""The article's sentences, shared by the number grammar, citations and the checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """(start, end) of every sentence of the Doc, in order; computed once per article."""
    cache = article.cache
    if "sentences" not in cache:
        cache["sentences"] = [(s.start_char, s.end_char) for s in article.doc.sents]
    return cache["sentences"]
