"""Blocks and the sections they sit in: which heading a block is under, and which
blocks form a References section. Shared by the number grammar, citations and the checks."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article
    from ..model.markdown import Block


def block_index_at(article: Article, offset: int) -> int | None:
    cache = article.cache
    if "block_starts" not in cache:
        cache["block_starts"] = [b.start for b in article.blocks]
    i = bisect_right(cache["block_starts"], offset) - 1
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


_PHRASES: dict[tuple, re.Pattern] = {}


def _phrase_pattern(phrases: tuple) -> re.Pattern:
    if phrases not in _PHRASES:
        alternatives = "|".join(re.escape(str(p).lower()) for p in phrases) or "(?!)"
        _PHRASES[phrases] = re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])")
    return _PHRASES[phrases]


def in_section(article: Article, block: Block, phrases: Iterable[str]) -> bool:
    """Whether a block sits under a heading that names one of `phrases` (cached per article)."""
    phrases = tuple(phrases)
    cache = article.cache.setdefault(("in_section", phrases), {})
    if block.index not in cache:
        pattern = _phrase_pattern(phrases)
        headings = article.cache.setdefault(("heading_match", phrases), {})
        found = False
        for heading in section_headings(article, block):
            if heading.index not in headings:
                headings[heading.index] = bool(pattern.search(_normalise_heading(heading.text)))
            if headings[heading.index]:
                found = True
                break
        cache[block.index] = found
    return cache[block.index]


def reference_blocks(article: Article, phrases: Iterable[str]) -> list[Block]:
    """Blocks inside a References / Sources section (not the heading itself)."""
    key = ("reference_blocks", tuple(phrases))
    cache = article.cache
    if key not in cache:
        pattern = _phrase_pattern(tuple(phrases))
        if not any(
            b.kind == "heading" and pattern.search(_normalise_heading(b.text))
            for b in article.blocks
        ):
            cache[key] = []
        else:
            cache[key] = [
                b
                for b in article.blocks
                if b.kind != "heading" and b.heading is not None and in_section(article, b, phrases)
            ]
    return cache[key]
