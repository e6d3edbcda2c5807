"""Blocks and the sections they sit in: which heading a block is under, and which
blocks form a References section. Shared by the number grammar, citations and the checks."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article
    from ..model.markdown import Block


def block_index_at(article: Article, offset: int) -> int | None:
    i = bisect_right(article.analyses.block_starts, offset) - 1
    while i >= 0:
        block = article.blocks[i]
        if block.start <= offset < block.end or (offset == block.end and block.start < offset):
            return i
        if block.end <= offset:
            return None
        i -= 1
    return None


def _normalise_heading(text: str) -> str:
    text = re.sub(r"[*_`#:]+", " ", text.lower())
    return " ".join(text.replace("’", "'").split())


def section_headings(article: Article, block: Block) -> list[Block]:
    """The headings a block sits under, nearest first, each of a higher level than the last."""
    chain: list = []
    index = block.index if block.kind == "heading" else block.heading
    level = 99
    while index is not None:
        heading = article.blocks[index]
        if heading.level < level:
            chain.append(heading)
            level = heading.level
        index = heading.heading
    return chain


@lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple) -> re.Pattern:
    """One pattern for a tuple of heading phrases (compiled once per process; no article data)."""
    alternatives = "|".join(re.escape(str(p).lower()) for p in phrases) or "(?!)"
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])")


def names_one_of(text: str, phrases: tuple) -> bool:
    """Whether heading-like text ("**The short version:**") names one of `phrases`."""
    return bool(_phrase_pattern(phrases).search(_normalise_heading(text)))


class _SectionMatch:
    """Which blocks sit under a heading naming one of some phrases, answered block by block."""

    def __init__(self, article: Article, phrases: tuple) -> None:
        self.article = article
        self.phrases = phrases
        self.blocks: dict[int, bool] = {}
        self.headings: dict[int, bool] = {}

    def __call__(self, block: Block) -> bool:
        if block.index not in self.blocks:
            found = False
            for heading in section_headings(self.article, block):
                if heading.index not in self.headings:
                    self.headings[heading.index] = names_one_of(heading.text, self.phrases)
                if self.headings[heading.index]:
                    found = True
                    break
            self.blocks[block.index] = found
        return self.blocks[block.index]


def in_section(article: Article, block: Block, phrases: Iterable[str]) -> bool:
    """Whether a block sits under a heading that names one of `phrases` (cached per article)."""
    return article.analyses.memo_by(_SectionMatch, tuple(phrases))(block)


def _reference_blocks(article: Article, phrases: tuple) -> list[Block]:
    if not any(b.kind == "heading" and names_one_of(b.text, phrases) for b in article.blocks):
        return []
    return [
        b
        for b in article.blocks
        if b.kind != "heading" and b.heading is not None and in_section(article, b, phrases)
    ]


def reference_blocks(article: Article, phrases: Iterable[str]) -> list[Block]:
    """Blocks inside a References / Sources section (not the heading itself)."""
    return article.analyses.memo_by(_reference_blocks, tuple(phrases))
