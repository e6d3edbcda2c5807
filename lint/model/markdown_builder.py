"""The layout under construction and the containers open at the current token.

The block walk (markdown.py), the inline walk (markdown_inline.py) and the
HTML block reader (markdown_html.py) all add to one LayoutBuilder: it knows which
heading, list item, table row, quote and footnote the next leaf block sits in,
and maps a token's content to file offsets.
"""

from __future__ import annotations

from typing import Any

from .markdown_layout import Block, Comment, FootnoteDef, Layout, Link, Span
from .markdown_offsets import ContentMap, content_map
from .markdown_syntax import BARE_URL, COMMENT
from .positions import LineIndex


class LayoutBuilder:
    def __init__(self, text: str, body_offset: int, index: LineIndex) -> None:
        self.text = text
        self.index = index
        self.starts = index.starts  # of each line: LineIndex.line_start without the call
        self.line_count = index.line_count
        self.first_line = index.line_of(body_offset)  # 1-based line of body line 0
        self.out = Layout()
        self.heading: int | None = None
        self.item_ids: list[int] = []
        self.row: int | None = None
        self.cell = 0  # 1-based index of the current table cell in its row
        self.quote_depth = 0
        self.footnote: str | None = None
        self.next_id = 0
        self.current_map: list[int] | None = None

    def line_range(self, map_: list[int]) -> tuple[int, int, int, int]:
        """(first line, last line, start offset, end offset) of a token's line map."""
        a, b = map_
        first = self.first_line + a
        last = self.first_line + (b if b > a else a + 1) - 1
        if last > self.line_count:
            last = self.line_count
        return first, last, self.starts[first - 1], self.index.line_end(last)

    def fresh_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def content_map(self, content: str, map_: list[int], kind: str, cell: int = 0) -> ContentMap:
        first = self.first_line + map_[0]
        return content_map(self.text, self.index, first, content, kind, cell)

    def opaque(self, tok: Any, kind: str) -> Block | None:
        """A code or HTML block: one block of its own, never prose."""
        if tok.map is None:
            return None
        first, last, start, end = self.line_range(tok.map)
        block = Block(
            len(self.out.blocks),
            kind,
            start,
            end,
            first,
            last,
            tok.content,
            heading=self.heading,
            quote=self.quote_depth > 0,
        )
        self.out.blocks.append(block)
        if kind == "html":
            self.comments_in(start, end)
        return block

    def comments_in(self, start: int, end: int) -> None:
        for m in COMMENT.finditer(self.text, start, end):
            self.out.comments.append(Comment(m.start(), m.end(), m.group(1)))

    def split_bare_urls(self, start: int, stop: int, index: int) -> list[tuple[int, int]]:
        """The prose of [start, stop) around its bare URLs, which become links and url spans."""
        text = self.text
        if text.find("http", start, stop) < 0 and text.find("www.", start, stop) < 0:
            return [(start, stop)] if start < stop else []  # no URL can start here
        ranges = []
        cursor = start
        for m in BARE_URL.finditer(text, start, stop):
            if m.start() > cursor:
                ranges.append((cursor, m.start()))
            self.out.spans.append(Span(m.start(), m.end(), "url", index))
            self.out.links.append(Link(m.start(), m.end(), m.group(0), index, "bare"))
            cursor = m.end()
        if cursor < stop:
            ranges.append((cursor, stop))
        return ranges

    def add_block(self, block: Block) -> None:
        self.out.blocks.append(block)
        if block.kind == "heading":
            self.heading = block.index

    def add_footnote_text(self, content: str, first: int) -> None:
        """A footnote definition's paragraphs, joined: its text is never the article's prose."""
        assert self.footnote is not None
        label = self.footnote
        prior = self.out.footnotes.get(label)
        body = (prior.text + "\n" if prior else "") + content
        self.out.footnotes[label] = FootnoteDef(label, body, prior.line if prior else first)
