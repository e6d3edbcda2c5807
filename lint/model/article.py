"""The article model: one file, parsed once, shared by every check."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .analyses import ArticleAnalyses
from .encoding import decode, wide_encoding
from .frontmatter import FENCE, Frontmatter, InputError, split_frontmatter
from .markdown import Block, Layout, parse_layout
from .positions import LineIndex
from .prose_mask import mask_prose

__all__ = [
    "FENCE",
    "Article",
    "Frontmatter",
    "InputError",
    "decode",
    "load_article",
    "parse_article",
    "wide_encoding",
]


@dataclass
class Article:
    path: str
    text: str
    frontmatter: Frontmatter | None
    body_offset: int
    layout: Layout
    index: LineIndex
    bom: bool = False
    newline: str = "\n"

    @property
    def input_problems(self) -> list:
        """Readable but faulty input (duplicate frontmatter keys): CL001 findings, analysis goes on."""
        return self.frontmatter.problems if self.frontmatter else []

    # -- metadata --------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        return self.frontmatter.data if self.frontmatter else {}

    def key_offset(self, key: str) -> int:
        """Where a finding about `key` belongs: the key itself, else the fence."""
        if self.frontmatter is None:
            return 0
        return self.frontmatter.key_offsets.get(key, self.frontmatter.start)

    # -- structure -------------------------------------------------------
    @property
    def blocks(self) -> list[Block]:
        return self.layout.blocks

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]

    def block_at(self, offset: int) -> Block | None:
        """The leaf block holding `offset` (blocks are in document order and do not overlap)."""
        starts = self.analyses.block_starts
        i = bisect_right(starts, offset) - 1
        if i >= 0:
            block = self.layout.blocks[i]
            if offset < block.end or (offset == block.end == len(self.text)):
                return block
        return None

    @cached_property
    def prose(self) -> str:
        """The file's text with everything but prose blanked out.

        Same length as `text` and with every newline kept, so an offset in
        the spaCy Doc is an offset in the file: no mapping tables needed.
        An HTML entity or backslash escape in prose reads as the character it
        displays, in its own place: `85&#37;` is `85%` followed by blanks,
        `\\$80` is a blank then `$80`, `&nbsp;` is blanks (see `prose_mask.py`).
        """
        return mask_prose(self.text, self.layout)

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen [start, end) so it never cuts an entity or escape in two: a figure read
        from `40&#37;` ends after the `;`, not at the `&` where its `%` shows in prose."""
        starts, ends = self.analyses.entity_spans
        if not starts:
            return start, end
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < ends[i]:
            start = starts[i]
        j = bisect_right(starts, max(start, end - 1)) - 1
        if j >= 0 and starts[j] < end < ends[j]:
            end = ends[j]
        return start, end

    @cached_property
    def analyses(self) -> ArticleAnalyses:
        """What the checks derive from this article, computed once and shared by them."""
        return ArticleAnalyses(self)

    def position(self, offset: int) -> tuple[int, int]:
        return self.index.position(offset)


def parse_article(path: str, text: str, bom: bool = False) -> Article:
    """Build the article model from decoded text; raises InputError."""
    index = LineIndex(text)
    fm = split_frontmatter(text, index)
    body_offset = fm.end if fm else 0
    layout = parse_layout(text, body_offset, index)
    newline = "\r\n" if "\r\n" in text else "\n"
    return Article(path, text, fm, body_offset, layout, index, bom=bom, newline=newline)


def load_article(path: str, data: bytes) -> Article:
    if not data.strip():
        raise InputError("file is empty", line=1)
    text, bom = decode(data)
    return parse_article(path, text, bom)
