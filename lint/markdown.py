"""Markdown structure from markdown-it-py, mapped back to exact file offsets.

markdown-it gives block tokens with line maps but inline tokens without
positions, so each inline token's children are located in the block's source
lines with a moving cursor. Everything the checks need about structure is
computed here once; no check re-parses Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .positions import LineIndex

BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# Pages converted from HTML keep their links as <a href="...">: those cite too.
HTML_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.I)


@dataclass(frozen=True)
class Block:
    """One leaf block of text: a heading, a paragraph or a table cell.

    Container blocks (lists, quotes, tables) are recorded as attributes of the
    leaves they hold, which is what checks ask about ("is this sentence in a
    list item, under which heading?").
    """

    index: int
    kind: str  # heading | paragraph | table_cell | code | html
    start: int
    end: int
    start_line: int
    end_line: int
    text: str = ""
    level: int = 0  # heading level
    heading: Optional[int] = None  # index of the nearest heading above
    item: Optional[int] = None  # id of the enclosing list item
    row: Optional[int] = None  # id of the enclosing table row
    quote: bool = False
    footnote: Optional[str] = None  # label when inside a footnote definition
    lead_in: Optional[str] = None  # "CRPS" in "**CRPS**: 50-80% response"

    @property
    def is_prose(self) -> bool:
        return self.kind in ("heading", "paragraph", "table_cell") and self.footnote is None


@dataclass(frozen=True)
class Link:
    start: int  # span of the link text (or of the URL for bare links)
    end: int
    href: str
    block: int
    kind: str = "link"  # link | autolink | bare | html


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # code | url | image | html | footnote_ref
    block: Optional[int] = None
    value: str = ""  # footnote label, image src, comment text


@dataclass(frozen=True)
class FootnoteDef:
    label: str
    text: str
    line: int


@dataclass(frozen=True)
class Comment:
    start: int
    end: int
    text: str  # between <!-- and -->


@dataclass
class Layout:
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    footnotes: dict[str, FootnoteDef] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    prose_ranges: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


class _Walker:
    def __init__(self, text: str, body_offset: int, index: LineIndex) -> None:
        self.text = text
        self.index = index
        self.first_line = index.line_of(body_offset)  # 1-based line of body line 0
        self.out = Layout()
        self.heading: Optional[int] = None
        self.item_ids: list[int] = []
        self.row: Optional[int] = None
        self.quote_depth = 0
        self.footnote: Optional[str] = None
        self.next_id = 0
        self.current_map: Optional[list[int]] = None

    # -- offsets ---------------------------------------------------------
    def line_range(self, map_: list[int]) -> tuple[int, int, int, int]:
        first = self.first_line + map_[0]
        last = min(self.first_line + max(map_[1], map_[0] + 1) - 1, self.index.line_count)
        return first, last, self.index.line_start(first), self.index.line_end(last)

    def fresh_id(self) -> int:
        self.next_id += 1
        return self.next_id

    # -- blocks ----------------------------------------------------------
    def walk(self, tokens) -> Layout:
        pending_heading_level = 0
        for tok in tokens:
            if tok.map is not None:
                self.current_map = tok.map
            t = tok.type
            if t == "heading_open":
                pending_heading_level = int(tok.tag[1])
            elif t == "list_item_open":
                self.item_ids.append(self.fresh_id())
            elif t == "list_item_close":
                self.item_ids.pop()
            elif t == "blockquote_open":
                self.quote_depth += 1
            elif t == "blockquote_close":
                self.quote_depth -= 1
            elif t == "tr_open":
                self.row = self.fresh_id()
            elif t == "tr_close":
                self.row = None
            elif t == "footnote_open":
                self.footnote = str(tok.meta.get("label", tok.meta.get("id")))
            elif t == "footnote_close":
                self.footnote = None
            elif t == "inline":
                kind = "heading" if pending_heading_level else ("table_cell" if self.row else "paragraph")
                self.inline(tok, kind, pending_heading_level)
                pending_heading_level = 0
            elif t in ("fence", "code_block"):
                self.opaque(tok, "code")
            elif t == "html_block":
                self.opaque(tok, "html")
        return self.out

    def opaque(self, tok, kind: str) -> None:
        if tok.map is None:
            return
        first, last, start, end = self.line_range(tok.map)
        block = Block(len(self.out.blocks), kind, start, end, first, last, tok.content,
                      heading=self.heading, quote=self.quote_depth > 0)
        self.out.blocks.append(block)
        if kind == "html":
            self.comments_in(start, end)

    def comments_in(self, start: int, end: int) -> None:
        for m in COMMENT.finditer(self.text, start, end):
            self.out.comments.append(Comment(m.start(), m.end(), m.group(1)))

    # -- inline ----------------------------------------------------------
    def inline(self, tok, kind: str, level: int) -> None:
        map_ = tok.map or self.current_map
        if map_ is None:
            return
        first, last, start, end = self.line_range(map_)
        index = len(self.out.blocks)
        cursor = start
        prose: list[tuple[int, int]] = []
        link_stack: list[tuple[int, str, bool]] = []
        lead_in = None
        children = tok.children or []
        for i, child in enumerate(children):
            ct = child.type
            if ct == "text":
                pos = self.find(child.content, cursor, end)
                if pos < 0:
                    continue
                stop = pos + len(child.content)
                if link_stack and link_stack[-1][2]:  # autolink text is the URL itself
                    self.out.spans.append(Span(pos, stop, "url", index))
                else:
                    prose.extend(self.split_bare_urls(pos, stop, index))
                cursor = stop
            elif ct == "code_inline":
                pos = self.find(child.content, cursor, end)
                if pos >= 0:
                    self.out.spans.append(Span(pos, pos + len(child.content), "code", index))
                    cursor = pos + len(child.content)
            elif ct == "link_open":
                autolink = child.markup == "autolink" or child.info == "auto"
                link_stack.append((cursor, child.attrs.get("href", ""), autolink))
            elif ct == "link_close" and link_stack:
                begin, href, autolink = link_stack.pop()
                text_start = self.text.find("[", begin, end) + 1 if not autolink else begin
                link = Link(max(begin, text_start), cursor, str(href), index,
                            "autolink" if autolink else "link")
                self.out.links.append(link)
                cursor = self.skip_destination(str(href), cursor, end)
            elif ct == "image":
                src = str(child.attrs.get("src", ""))
                bang = self.text.find("![", cursor, end)
                stop = self.skip_destination(src, max(cursor, bang), end)
                if bang >= 0:
                    self.out.spans.append(Span(bang, stop, "image", index, src))
                cursor = stop
            elif ct == "html_inline":
                pos = self.find(child.content, cursor, end)
                if pos >= 0:
                    stop = pos + len(child.content)
                    self.out.spans.append(Span(pos, stop, "html", index, child.content))
                    self.comments_in(pos, stop)
                    anchor = HTML_LINK.match(child.content)
                    if anchor:
                        self.out.links.append(Link(pos, stop, anchor.group(1), index, "html"))
                    cursor = stop
            elif ct == "footnote_ref":
                label = str(child.meta.get("label", child.meta.get("id")))
                marker = f"[^{label}]"
                pos = self.find(marker, cursor, end)
                if pos >= 0:
                    self.out.spans.append(Span(pos, pos + len(marker), "footnote_ref", index, label))
                    cursor = pos + len(marker)
            elif ct == "strong_open" and i <= 1 and lead_in is None:
                lead_in = _lead_in(children, i)
        text = "".join(c.content for c in children if c.type in ("text", "code_inline", "softbreak")
                       or c.type == "softbreak").strip()
        block = Block(index, kind, start, end, first, last, tok.content if kind != "heading" else text,
                      level=level, heading=self.heading,
                      item=self.item_ids[-1] if self.item_ids else None, row=self.row,
                      quote=self.quote_depth > 0, footnote=self.footnote, lead_in=lead_in)
        self.out.blocks.append(block)
        if kind == "heading":
            self.heading = index
        if self.footnote is not None:
            label = self.footnote
            prior = self.out.footnotes.get(label)
            body = (prior.text + "\n" if prior else "") + tok.content
            self.out.footnotes[label] = FootnoteDef(label, body, prior.line if prior else first)
        else:
            self.out.prose_ranges.extend(prose)

    def find(self, needle: str, start: int, end: int) -> int:
        if not needle:
            return -1
        return self.text.find(needle, start, end)

    def skip_destination(self, href: str, cursor: int, end: int) -> int:
        """Move past `](href)` so URL characters are never taken for prose."""
        if not href:
            close = self.text.find(")", cursor, end)
            return close + 1 if close >= 0 else cursor
        pos = self.text.find(href, cursor, end)
        if pos < 0:
            return cursor
        close = self.text.find(")", pos + len(href), end)
        gt = self.text.find(">", pos + len(href), pos + len(href) + 1)
        if close >= 0:
            return close + 1
        return (gt + 1) if gt >= 0 else pos + len(href)

    def split_bare_urls(self, start: int, stop: int, index: int) -> list[tuple[int, int]]:
        ranges = []
        cursor = start
        for m in BARE_URL.finditer(self.text, start, stop):
            if m.start() > cursor:
                ranges.append((cursor, m.start()))
            self.out.spans.append(Span(m.start(), m.end(), "url", index))
            self.out.links.append(Link(m.start(), m.end(), m.group(0), index, "bare"))
            cursor = m.end()
        if cursor < stop:
            ranges.append((cursor, stop))
        return ranges


def _lead_in(children, i: int) -> Optional[str]:
    """The bold label that opens a list item or paragraph, when followed by a colon or dash."""
    if i == 1 and children[0].content.strip():
        return None
    try:
        label, close, after = children[i + 1], children[i + 2], children[i + 3] if i + 3 < len(children) else None
    except IndexError:
        return None
    if label.type != "text" or close.type != "strong_close":
        return None
    rest = after.content.lstrip() if after is not None and after.type == "text" else ""
    name = label.content.strip()
    if name.endswith(":") or rest[:1] in (":", "—", "–", "-"):
        return name.rstrip(":").strip() or None
    return None


def parse_layout(text: str, body_offset: int, index: LineIndex) -> Layout:
    tokens = _parser().parse(text[body_offset:])
    return _Walker(text, body_offset, index).walk(tokens)
