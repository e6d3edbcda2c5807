"""One inline token (a paragraph, heading or table cell) read into the layout.

markdown-it's inline children carry no positions, so they are walked over the
token's content with a cursor, each child consuming the source it came from
(emphasis markers, `[`, `](url)`, entity and escape sources), never looked up by
string search over the file. What the walk finds becomes links, spans, prose
ranges and entities at exact file offsets.
"""

from __future__ import annotations

import re
from typing import Any

from .markdown_builder import LayoutBuilder
from .markdown_layout import Block, Link, Span
from .markdown_offsets import ContentMap, content_map, subtract
from .markdown_syntax import (
    HTML_LINK,
    LOOSE_LINK,
    closing_fence,
    lead_in,
    matching_bracket,
    merge_text,
    skip_link_tail,
)


def read_inline(builder: LayoutBuilder, tok: Any, kind: str, level: int) -> None:
    """Add the leaf block of an inline token, with its links, spans and prose."""
    map_ = tok.map or builder.current_map
    if map_ is None:
        return
    first, last, start, end = builder.line_range(map_)
    content = tok.content
    # builder.content_map, called directly: `first` is the token's first line
    cmap = content_map(builder.text, builder.index, first, content, kind, builder.cell)
    reader = _InlineReader(builder, content, cmap, len(builder.out.blocks))
    reader.read(tok.children or [])
    prose = reader.prose
    if "](" in content:
        prose = _loose_links(builder, content, cmap, prose, reader.index)
    children = tok.children or []
    block = Block(
        reader.index,
        kind,
        start,
        end,
        first,
        last,
        content if kind != "heading" else _heading_text(children),
        level=level,
        heading=builder.heading,
        item=builder.item_ids[-1] if builder.item_ids else None,
        row=builder.row,
        quote=builder.quote_depth > 0,
        footnote=builder.footnote,
        lead_in=_lead_in(children),
    )
    builder.add_block(block)
    if builder.footnote is not None:
        builder.add_footnote_text(content, first)
    else:
        builder.out.prose_ranges.extend(prose)
        builder.out.entities.extend(reader.entities)


def _heading_text(children: list[Any]) -> str:
    merged = merge_text(children)
    text = "".join(c.content for c in merged if c.type in ("text", "code_inline", "softbreak"))
    return text.strip()


TEXT_TYPES = ("text", "text_special")


def _lead_in(children: list[Any]) -> str | None:
    """The lead-in of the first two children once text runs are joined: only when one of
    them opens bold (the first child, or the first after a leading run of text) are the
    children joined and read."""
    if not children:
        return None
    first = children[0].type
    if first in TEXT_TYPES:
        second = next((c.type for c in children if c.type not in TEXT_TYPES), None)
    else:
        second = children[1].type if len(children) > 1 else None
    if first != "strong_open" and second != "strong_open":
        return None
    merged = merge_text(children)
    for k, child in enumerate(merged[:2]):
        if child.type == "strong_open":
            return lead_in(merged, k)
    return None


class _InlineReader:
    """The cursor walk over one inline token's children (`p` is the content offset)."""

    def __init__(self, builder: LayoutBuilder, content: str, cmap: ContentMap, index: int) -> None:
        self.b = builder
        self.out = builder.out
        self.content = content
        self.cmap = cmap
        self.index = index  # of the block being read
        self.n = len(content)
        self.p = 0
        self.prose: list[tuple[int, int]] = []
        self.entities: list[tuple[int, int, str]] = []
        self.link_stack: list[tuple[int, str]] = []
        self.html_links: list[tuple[int, int, str]] = []  # open <a href>: (tag, text start, href)

    def at(self, i: int) -> int:
        return self.cmap[min(max(i, 0), self.n)]

    def seek(self, needle: str, p: int) -> int:
        if not needle:
            return p
        if self.content.startswith(needle, p):
            return p
        return self.content.find(needle, p)

    def read(self, children: list[Any]) -> None:
        i = 0
        n = len(children)
        while i < n:
            child = children[i]
            if child.type == "text":  # most children: straight to it
                self.text(child)
                i += 1
                continue
            if child.type == "link_open" and (child.markup == "autolink" or child.info == "auto"):
                i = self.autolink(children, i)
                continue
            self.child(child)
            i += 1
        for tag_start, text_start, href in self.html_links:  # never closed: the tag itself
            self.out.links.append(Link(tag_start, text_start, href, self.index, "html"))

    def child(self, child: Any) -> None:
        ct = child.type
        if ct in ("text", "text_special"):
            self.text(child)
        elif ct in ("softbreak", "hardbreak"):
            self.line_break(ct)
        elif ct == "code_inline":
            self.code(child)
        elif ct == "link_open":
            a = self.seek("[", self.p)
            self.p = a + 1 if a >= 0 else self.p
            self.link_stack.append((self.p, str(child.attrs.get("href", ""))))
        elif ct == "link_close" and self.link_stack:
            self.link_close()
        elif ct == "image":
            self.image(child)
        elif ct == "html_inline":
            self.html_inline(child.content)
        elif ct == "footnote_ref":
            self.footnote_ref(child)
        elif child.markup and ct.endswith(("_open", "_close")):  # emphasis: its markers
            a = self.seek(child.markup, self.p)
            if a >= 0:
                self.p = a + len(child.markup)

    def text(self, child: Any) -> None:
        special = child.type == "text_special"
        source = child.markup if special and child.markup else child.content
        a = self.p
        if source and not self.content.startswith(source, a):  # self.seek, inlined
            a = self.content.find(source, a)
            if a < 0:
                return
        b = a + len(source)
        if special:
            # an entity or escape: the reader sees child.content where its source stands
            if b > a:
                self.entities.append((self.at(a), self.at(b - 1) + 1, child.content))
                self.prose.extend(self.cmap.runs(a, b))
        else:
            cmap = self.cmap
            # one run when the content maps to one stretch of the file (cmap.runs, inlined)
            runs = cmap.runs(a, b) if cmap.breaks or a >= b else ((cmap[a], cmap[b - 1] + 1),)
            for s, e in runs:
                self.prose.extend(self.b.split_bare_urls(s, e, self.index))
        self.p = b

    def line_break(self, ct: str) -> None:
        """Past the break's source: a hard break's backslash, the newline, the indentation."""
        content, n, q = self.content, self.n, self.p
        if ct == "hardbreak" and content.startswith("\\", q):
            q += 1
        while q < n and content[q] in " \t":
            q += 1
        if q < n and content[q] == "\n":
            q += 1
        while q < n and content[q] in " \t":
            q += 1
        self.p = q

    def code(self, child: Any) -> None:
        fence = child.markup or "`"
        a = self.seek(fence, self.p)
        if a >= 0:
            b = closing_fence(self.content, fence, a + len(fence))
            self.out.spans.append(Span(self.at(a + len(fence)), self.at(b), "code", self.index))
            self.p = b + len(fence)

    def autolink(self, children: list[Any], i: int) -> int:
        """`<https://…>`: a url span and a link; returns the index past its link_close."""
        href = str(children[i].attrs.get("href", ""))
        a = self.seek("<", self.p)
        j = i + 1
        while j < len(children) and children[j].type != "link_close":
            j += 1
        if a >= 0:
            close = self.content.find(">", a)
            close = self.n if close < 0 else close
            start, end = self.at(a + 1), self.at(close)
            self.out.spans.append(Span(start, end, "url", self.index))
            self.out.links.append(Link(start, end, href, self.index, "autolink"))
            self.p = close + 1
        return j + 1

    def link_close(self) -> None:
        begin, href = self.link_stack.pop()
        text_end = self.seek("]", self.p)
        text_end = self.p if text_end < 0 else text_end
        start = self.at(begin)
        end = max(start, self.at(text_end - 1) + 1 if text_end > begin else start)
        self.out.links.append(Link(start, end, href, self.index, "link"))
        self.p = skip_link_tail(self.content, text_end)

    def image(self, child: Any) -> None:
        src = str(child.attrs.get("src", ""))
        a = self.seek("![", self.p)
        if a >= 0:
            alt_end = a + 2 + len(child.content)
            if not self.content.startswith("]", alt_end):
                alt_end = matching_bracket(self.content, a + 1)
            stop = skip_link_tail(self.content, alt_end)
            self.out.spans.append(Span(self.at(a), self.at(stop - 1) + 1, "image", self.index, src))
            self.p = stop

    def html_inline(self, raw: str) -> None:
        a = self.seek(raw, self.p)
        if a < 0:
            return
        b = a + len(raw)
        s, e = self.at(a), self.at(b - 1) + 1
        self.out.spans.append(Span(s, e, "html", self.index, raw))
        self.b.comments_in(s, e)
        anchor = HTML_LINK.match(raw)
        if anchor:
            self.html_links.append((s, e, anchor.group(1)))
        elif re.match(r"</a\s*>", raw, re.I) and self.html_links:
            tag_start, text_start, href = self.html_links.pop()
            if s > text_start:  # the link's text, as for a Markdown link
                self.out.links.append(Link(text_start, s, href, self.index, "html"))
            else:
                self.out.links.append(Link(tag_start, text_start, href, self.index, "html"))
        self.p = b

    def footnote_ref(self, child: Any) -> None:
        label = str(child.meta.get("label", child.meta.get("id")))
        a = self.seek("[^", self.p)
        if a >= 0:
            close = self.content.find("]", a)
            close = self.n - 1 if close < 0 else close
            span = Span(self.at(a), self.at(close) + 1, "footnote_ref", self.index, label)
            self.out.spans.append(span)
            self.p = close + 1


def _loose_links(
    builder: LayoutBuilder,
    content: str,
    cmap: ContentMap,
    prose: list[tuple[int, int]],
    index: int,
) -> list[tuple[int, int]]:
    """`![alt](path with spaces.png)` and `[text](url with spaces)`: CommonMark reads them as
    text, but site generators (kramdown, Hugo) render an image and a link. Their destination
    is never prose; the image is an image span and the link a link."""
    out = builder.out
    for m in LOOSE_LINK.finditer(content):
        start, end = cmap[m.start()], cmap[m.end() - 1] + 1
        if any(
            start <= link.start < end
            for link in out.links
            if link.block == index and link.kind != "bare"
        ):
            continue  # markdown-it read it as a link after all
        # a URL inside it was taken for a bare one: it is this link's destination
        out.links = [k for k in out.links if not (k.kind == "bare" and start <= k.start < end)]
        out.spans = [
            sp
            for sp in out.spans
            if not (sp.kind == "url" and sp.block == index and start <= sp.start < end)
        ]
        href = m.group("href").strip()
        if m.group("bang"):
            out.spans.append(Span(start, end, "image", index, href))
            prose = subtract(prose, start, end)
            continue
        text_start = cmap[m.start("text")]
        text_end = cmap[max(m.end("text") - 1, m.start("text"))] + 1
        out.links.append(Link(text_start, max(text_start, text_end), href, index, "link"))
        prose = subtract(prose, start, text_start)
        prose = subtract(prose, cmap[m.end("text")], end)
    return prose
