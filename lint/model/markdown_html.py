"""The text of an HTML block, read as prose: tags blanked, entities kept in place, each
block-level element (p, li, td, h1-h6, ...) and <br> a block of its own.

HTML here is often not well formed (pages converted from a CMS), so no tree is
built: a regex tokenizer finds the tags, and only the boundaries between runs of
text matter.
"""

from __future__ import annotations

import html
import re
from typing import Any

from .markdown_builder import LayoutBuilder
from .markdown_layout import Block, Link, Span
from .markdown_offsets import ContentMap
from .markdown_syntax import HTML_LINK

HTML_TOKEN = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
  | (?P<special><!\[CDATA\[.*?(?:\]\]>|\Z)|<\?.*?(?:\?>|\Z)|<![A-Za-z][^>]*>)
  | (?P<close></(?P<cname>[A-Za-z][A-Za-z0-9-]*)\s*>)
  | (?P<open><(?P<oname>[A-Za-z][A-Za-z0-9-]*)
        (?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>)
""",
    re.S | re.X,
)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Elements whose boundaries end a run of text: each run between them is a block of its own,
# so "<p>", "<li>", "<td>", "<h2>" and "<br>" are sentence boundaries.
# fmt: off
HTML_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
    "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "meta", "nav",
    "noframes", "ol", "optgroup", "option", "p", "param", "pre", "search", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
})
# Elements whose content is never prose: skipped up to their closing tag.
HTML_RAW_TAGS = frozenset({
    "script", "style", "textarea", "template", "svg", "math", "noscript", "select", "object",
    "title",
})
# fmt: on
HTML_CODE_TAGS = frozenset(["pre", "code", "kbd", "samp"])


def read_html_block(builder: LayoutBuilder, tok: Any) -> None:
    """Blocks for the text runs of an HTML block; a block with no text stays one opaque block."""
    if tok.map is None:
        return
    content = tok.content
    cmap = builder.content_map(content, tok.map, "html")
    _first, _last, start, end = builder.line_range(tok.map)
    reader = _HtmlReader(builder, content, cmap)
    reader.read()
    index: int | None = None
    if not reader.made:
        container = builder.opaque(tok, "html")
        index = container.index if container else None
    else:
        builder.comments_in(start, end)
    for span in reader.leftover_spans:
        builder.out.spans.append(Span(span.start, span.end, span.kind, index, span.value))


class _HtmlReader:
    """One HTML block's text runs; `run_*` and the lists below are the run being read."""

    def __init__(self, builder: LayoutBuilder, content: str, cmap: ContentMap) -> None:
        self.w = builder
        self.content = content
        self.cmap = cmap
        self.made = 0  # blocks created
        self.items: list[int] = []
        self.row: int | None = None
        self.cell = False
        self.level = 0
        self.leftover_spans: list[Span] = []
        self.reset_run()

    def reset_run(self) -> None:
        self.run_start: int | None = None  # content offsets
        self.run_end = 0
        self.has_text = False
        self.texts: list[str] = []
        self.prose: list[tuple[int, int]] = []
        self.entities: list[tuple[int, int, str]] = []
        self.spans: list[tuple[int, int, str, str]] = []
        self.links: list[tuple[int, int, str]] = []
        self.open_links: list[tuple[int, int, str]] = []

    def read(self) -> None:
        content = self.content
        pos = 0
        skip_to: re.Pattern[str] | None = None
        code = 0
        for m in HTML_TOKEN.finditer(content):
            if m.start() < pos:
                continue
            if skip_to is not None:
                if m.group("close") and skip_to.fullmatch(m.group("cname")):
                    skip_to = None
                    pos = m.end()
                continue
            if m.start() > pos and not code:
                self.text(pos, m.start())
            pos = m.end()
            if m.group("comment") or m.group("special"):
                continue
            name = (m.group("oname") or m.group("cname")).lower()
            opening = m.group("open") is not None
            if opening and name in HTML_RAW_TAGS and not m.group(0).endswith("/>"):
                skip_to = re.compile(re.escape(name), re.I)
            elif name in HTML_CODE_TAGS:
                if name == "pre":
                    self.flush()
                code = code + 1 if opening else max(0, code - 1)
            else:
                self.tag(m, name, opening)
        if skip_to is None and not code and pos < len(content):
            self.text(pos, len(content))
        self.flush()

    def tag(self, m: re.Match[str], name: str, opening: bool) -> None:
        if name in HTML_BLOCK_TAGS:
            self.flush()
            self.structure(name, opening)
            span = Span(self.cmap[m.start()], self.cmap[m.end() - 1] + 1, "html", None, m.group(0))
            self.leftover_spans.append(span)
        else:
            self.inline_tag(m, name, opening)

    def structure(self, name: str, opening: bool) -> None:
        w = self.w
        if name == "li":
            if opening:
                self.items.append(w.fresh_id())
            elif self.items:
                self.items.pop()
        elif name == "tr":
            self.row = w.fresh_id() if opening else None
        elif name in ("td", "th"):
            self.cell = opening
        elif len(name) == 2 and name[0] == "h" and name[1] in "123456":
            self.level = int(name[1]) if opening else 0

    def inline_tag(self, m: re.Match[str], name: str, opening: bool) -> None:
        if self.run_start is None:
            self.run_start = m.start()
        self.run_end = m.end()
        self.spans.append((m.start(), m.end(), "html", m.group(0)))
        if name == "a" and opening:
            anchor = HTML_LINK.match(m.group(0))
            if anchor:
                self.open_links.append((m.start(), m.end(), anchor.group(1)))
        elif name == "a" and self.open_links:
            tag_start, text_start, href = self.open_links.pop()
            if m.start() > text_start:
                self.links.append((text_start, m.start(), href))
            else:
                self.links.append((tag_start, text_start, href))

    def text(self, a: int, b: int) -> None:
        chunk = self.content[a:b]
        if not chunk.strip():
            if self.texts:
                self.texts.append(" ")
            return
        lead = len(chunk) - len(chunk.lstrip())
        if self.run_start is None:
            self.run_start = a + lead
        self.run_end = a + len(chunk.rstrip())
        self.has_text = True
        self.texts.append(html.unescape(chunk))
        self.prose.append((a, b))
        for m in ENTITY.finditer(chunk):
            char = html.unescape(m.group(0))
            if char != m.group(0):
                self.entities.append(
                    (self.cmap[a + m.start()], self.cmap[a + m.end() - 1] + 1, char)
                )

    def flush(self) -> None:
        """End the run: a block when it held text, else its tags are left to the container."""
        if self.run_start is None or not self.has_text:
            for s, e, kind, value in self.spans:
                self.leftover_spans.append(
                    Span(self.cmap[s], self.cmap[e - 1] + 1, kind, None, value)
                )
        else:
            self.made += 1
            self.record(self.run_block(self.run_start))
        self.reset_run()

    def run_block(self, run_start: int) -> Block:
        w = self.w
        start = self.cmap[run_start]
        end = self.cmap[max(self.run_end - 1, run_start)] + 1
        kind = (
            "heading" if self.level else ("table_cell" if self.cell and self.row else "paragraph")
        )
        # an <li> of this block, else the Markdown list item the block sits in
        item = self.items[-1] if self.items else (w.item_ids[-1] if w.item_ids else None)
        return Block(
            len(w.out.blocks),
            kind,
            start,
            end,
            w.index.line_of(start),
            w.index.line_of(max(start, end - 1)),
            " ".join("".join(self.texts).split()),
            level=self.level,
            heading=w.heading,
            item=item,
            row=self.row if self.cell else None,
            quote=w.quote_depth > 0,
            footnote=w.footnote,
        )

    def record(self, block: Block) -> None:
        """The run's block, then its tags, links, prose and entities."""
        w, index, cmap = self.w, block.index, self.cmap
        w.add_block(block)
        for s, e, kind, value in self.spans:
            w.out.spans.append(Span(cmap[s], cmap[e - 1] + 1, kind, index, value))
        for s, e, href in self.links + self.open_links:
            w.out.links.append(Link(cmap[s], cmap[max(e - 1, s)] + 1, href, index, "html"))
        if w.footnote is None:
            for a, b in self.prose:
                for s, e in cmap.runs(a, b):
                    w.out.prose_ranges.extend(w.split_bare_urls(s, e, index))
            w.out.entities.extend(self.entities)
