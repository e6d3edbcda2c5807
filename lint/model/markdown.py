"""Markdown structure from markdown-it-py, mapped back to exact file offsets.

markdown-it gives block tokens with line maps but inline tokens without
positions. Each inline token's `content` is the block's source with container
markers and indentation removed, so every character of it is first mapped to
its file offset (markdown_offsets.py); the inline children are then walked over
that content with a cursor (markdown_inline.py). Text inside HTML blocks is read
too (markdown_html.py). This module walks the block tokens, keeping track of
the containers each leaf block sits in. Everything the checks need about
structure is computed here once; no check re-parses Markdown.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from .markdown_builder import LayoutBuilder
from .markdown_dispatch import dispatch_block_rules, dispatch_inline_rules, text_only_inline
from .markdown_html import read_html_block
from .markdown_inline import read_inline
from .markdown_layout import Block, Comment, FootnoteDef, Layout, Link, Span
from .positions import LineIndex

__all__ = ["Block", "Comment", "FootnoteDef", "Layout", "Link", "Span", "parse_layout"]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # text_join would merge entities and escapes into the text around them, losing
    # where their source begins and ends; the walker joins them itself.
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin).disable("text_join")
    dispatch_inline_rules(md)  # the same tokens, with far fewer rule calls
    text_only_inline(md)
    dispatch_block_rules(md)
    # A pure function of the URL (percent-encoding, punycode), and pages cite the same
    # sources over and over: remembered, not recomputed for every link.
    md.normalizeLink = lru_cache(maxsize=4096)(md.normalizeLink)  # type: ignore[method-assign]
    md.normalizeLinkText = lru_cache(maxsize=4096)(md.normalizeLinkText)  # type: ignore[method-assign]
    return md


def parse_layout(text: str, body_offset: int, index: LineIndex) -> Layout:
    tokens = _parser().parse(text[body_offset:])
    return _BlockWalker(LayoutBuilder(text, body_offset, index)).walk(tokens)


# The tokens `container` tracks and the code and HTML blocks `leaf` reads; the others (paragraph_open,
# bullet_list_open, ...) say nothing the layout needs.
CONTAINER_TOKENS = frozenset(
    {
        "heading_open", "list_item_open", "list_item_close", "blockquote_open",
        "blockquote_close", "tr_open", "tr_close", "th_open", "td_open", "footnote_open",
        "footnote_close",
    }
)  # fmt: skip
LEAF_TOKENS = frozenset({"fence", "code_block", "html_block"})


class _BlockWalker:
    """The block tokens in order: containers open and close, leaves become blocks."""

    def __init__(self, builder: LayoutBuilder) -> None:
        self.b = builder
        self.heading_level = 0  # of the heading whose inline token comes next

    def walk(self, tokens: list[Any]) -> Layout:
        for tok in tokens:
            t = tok.type
            if tok.map is not None:
                self.b.current_map = tok.map
                if tok.level == 0 and t in ("paragraph_open", "heading_open"):
                    self.b.out.last_top_level = self.b.line_range(tok.map)[2]
            if t == "inline":  # most tokens that matter: read here, not through leaf()
                level = self.heading_level
                kind = "heading" if level else ("table_cell" if self.b.row else "paragraph")
                read_inline(self.b, tok, kind, level)
                self.heading_level = 0
            elif t in CONTAINER_TOKENS:
                self.container(tok)
            elif t in LEAF_TOKENS:
                self.leaf(tok)
        return self.b.out

    def container(self, tok: Any) -> bool:
        """Track the containers a token opens or closes; False when it is not one."""
        b, t = self.b, tok.type
        if t == "heading_open":
            self.heading_level = int(tok.tag[1])
        elif t == "list_item_open":
            b.item_ids.append(b.fresh_id())
        elif t == "list_item_close":
            b.item_ids.pop()
        elif t == "blockquote_open":
            b.quote_depth += 1
        elif t == "blockquote_close":
            b.quote_depth -= 1
        elif t == "tr_open":
            b.row = b.fresh_id()
            b.cell = 0
        elif t == "tr_close":
            b.row = None
        elif t in ("th_open", "td_open"):
            b.cell += 1
        elif t == "footnote_open":
            b.footnote = str(tok.meta.get("label", tok.meta.get("id")))
        elif t == "footnote_close":
            b.footnote = None
        else:
            return False
        return True

    def leaf(self, tok: Any) -> None:
        """A code or HTML block (walk() reads inline tokens itself)."""
        t = tok.type
        if t in ("fence", "code_block"):
            self.b.opaque(tok, "code")
        elif t == "html_block":
            read_html_block(self.b, tok)
