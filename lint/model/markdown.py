"""Markdown structure from markdown-it-py, mapped back to exact file offsets.

markdown-it gives block tokens with line maps but inline tokens without
positions. Each inline token's `content` is the block's source with container
markers and indentation removed, so every character of it is first mapped to
its file offset (line by line, or cell by cell in a table row); the inline
children are then walked over that content with a cursor, each child consuming
the source it came from (emphasis markers, `[`, `](url)`, entity and escape
sources), never looked up by string search. Text inside HTML blocks is read
too: tags are blanked, block-level elements become blocks of their own.
Everything the checks need about structure is computed here once; no check
re-parses Markdown.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

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
    heading: int | None = None  # index of the nearest heading above
    item: int | None = None  # id of the enclosing list item
    row: int | None = None  # id of the enclosing table row
    quote: bool = False
    footnote: str | None = None  # label when inside a footnote definition
    lead_in: str | None = None  # "CRPS" in "**CRPS**: 50-80% response"

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
    block: int | None = None
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
    # (start, end, character) of every entity (`&nbsp;`, `&#37;`) and backslash escape (`\\$`)
    # inside prose: the article's prose shows the character the reader sees in its place.
    entities: list[tuple[int, int, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # text_join would merge entities and escapes into the text around them, losing
    # where their source begins and ends; the walker joins them itself.
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin).disable("text_join")


# -- HTML ------------------------------------------------------------------
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
HTML_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "meta",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "pre",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
    ]
)
# Elements whose content is never prose: skipped up to their closing tag.
HTML_RAW_TAGS = frozenset(
    [
        "script",
        "style",
        "textarea",
        "template",
        "svg",
        "math",
        "noscript",
        "select",
        "object",
        "title",
    ]
)
HTML_CODE_TAGS = frozenset(["pre", "code", "kbd", "samp"])
TABLE_SEPARATOR = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def _decode_entity(source: str) -> str:
    return html.unescape(source)


class _Walker:
    def __init__(self, text: str, body_offset: int, index: LineIndex) -> None:
        self.text = text
        self.index = index
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

    # -- offsets ---------------------------------------------------------
    def line_range(self, map_: list[int]) -> tuple[int, int, int, int]:
        first = self.first_line + map_[0]
        last = min(self.first_line + max(map_[1], map_[0] + 1) - 1, self.index.line_count)
        return first, last, self.index.line_start(first), self.index.line_end(last)

    def fresh_id(self) -> int:
        self.next_id += 1
        return self.next_id

    def content_map(self, content: str, map_: list[int], kind: str, cell: int = 0) -> _ContentMap:
        """The file offset of every character of a token's `content`, plus one for its end.

        markdown-it builds `content` from the block's lines with container markers
        (`>`, list indentation, `#`) removed and the whole trimmed, so each content
        line is the tail of its source line; a table cell is one cell of its row.
        """
        first = self.first_line + map_[0]
        offsets = _ContentMap()
        if kind == "table_cell":
            line = min(first, self.index.line_count)
            start = self.index.line_start(line)
            segment = _cell_segment(self.text, start, self.index.line_end(line), cell)
            offsets.add(_align(content, self.text, segment[0], segment[1]))
            offsets.add([offsets[-1] + 1 if offsets else segment[0]])
            return offsets
        lines = content.split("\n")
        for k, part in enumerate(lines):
            line = first + k
            if line > self.index.line_count:
                end = offsets[-1] + 1 if offsets else len(self.text)
                offsets.add([end] * (len(part) + (1 if k < len(lines) - 1 else 0)))
                continue
            start, stop = self.index.line_start(line), self.index.line_end(line)
            mapped = _line_offsets(
                part, self.text, start, stop, kind == "heading" and len(lines) == 1
            )
            offsets.add(mapped)
            tail = mapped[-1] + 1 if mapped else stop
            if k < len(lines) - 1:
                offsets.add([max(tail, stop)])  # the line break
        offsets.add(
            [
                offsets[-1] + 1
                if offsets
                else self.index.line_start(min(first, self.index.line_count))
            ]
        )
        return offsets

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
                self.cell = 0
            elif t == "tr_close":
                self.row = None
            elif t in ("th_open", "td_open"):
                self.cell += 1
            elif t == "footnote_open":
                self.footnote = str(tok.meta.get("label", tok.meta.get("id")))
            elif t == "footnote_close":
                self.footnote = None
            elif t == "inline":
                kind = (
                    "heading"
                    if pending_heading_level
                    else ("table_cell" if self.row else "paragraph")
                )
                self.inline(tok, kind, pending_heading_level)
                pending_heading_level = 0
            elif t in ("fence", "code_block"):
                self.opaque(tok, "code")
            elif t == "html_block":
                self.html_block(tok)
        return self.out

    def opaque(self, tok, kind: str) -> Block | None:
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

    # -- inline ----------------------------------------------------------
    def inline(self, tok, kind: str, level: int) -> None:
        map_ = tok.map or self.current_map
        if map_ is None:
            return
        first, last, start, end = self.line_range(map_)
        index = len(self.out.blocks)
        content = tok.content
        cmap = self.content_map(content, map_, kind, self.cell)
        n = len(content)

        def at(i: int) -> int:
            return cmap[min(max(i, 0), n)]

        def runs(a: int, b: int) -> list[tuple[int, int]]:
            return _runs(cmap, cmap.breaks, a, b)

        def seek(needle: str, p: int) -> int:
            if not needle:
                return p
            if content.startswith(needle, p):
                return p
            return content.find(needle, p)

        prose: list[tuple[int, int]] = []
        entities: list[tuple[int, int, str]] = []
        link_stack: list[tuple[int, str]] = []
        html_links: list[
            tuple[int, int, str]
        ] = []  # open <a href> tags: (tag start, text start, href)
        children = tok.children or []
        p = 0
        i = 0
        while i < len(children):
            child = children[i]
            ct = child.type
            if ct in ("text", "text_special"):
                source = child.markup if ct == "text_special" and child.markup else child.content
                a = seek(source, p)
                if a < 0:
                    i += 1
                    continue
                b = a + len(source)
                if ct == "text_special":
                    if b > a:
                        entities.append((at(a), at(b - 1) + 1, child.content))
                        prose.extend(runs(a, b))
                else:
                    for s, e in runs(a, b):
                        prose.extend(self.split_bare_urls(s, e, index))
                p = b
            elif ct in ("softbreak", "hardbreak"):
                q = p
                if ct == "hardbreak" and content.startswith("\\", q):
                    q += 1
                while q < n and content[q] in " \t":
                    q += 1
                if q < n and content[q] == "\n":
                    q += 1
                while q < n and content[q] in " \t":
                    q += 1
                p = q
            elif ct == "code_inline":
                fence = child.markup or "`"
                a = seek(fence, p)
                if a >= 0:
                    b = _closing_fence(content, fence, a + len(fence))
                    self.out.spans.append(Span(at(a + len(fence)), at(b), "code", index))
                    p = b + len(fence)
            elif ct == "link_open":
                href = str(child.attrs.get("href", ""))
                if child.markup == "autolink" or child.info == "auto":
                    a = seek("<", p)
                    j = i + 1
                    while j < len(children) and children[j].type != "link_close":
                        j += 1
                    if a >= 0:
                        close = content.find(">", a)
                        close = n if close < 0 else close
                        self.out.spans.append(Span(at(a + 1), at(close), "url", index))
                        self.out.links.append(Link(at(a + 1), at(close), href, index, "autolink"))
                        p = close + 1
                    i = j + 1
                    continue
                a = seek("[", p)
                p = a + 1 if a >= 0 else p
                link_stack.append((p, href))
            elif ct == "link_close" and link_stack:
                begin, href = link_stack.pop()
                text_end = seek("]", p)
                text_end = p if text_end < 0 else text_end
                self.out.links.append(
                    Link(
                        at(begin),
                        max(at(begin), at(text_end - 1) + 1 if text_end > begin else at(begin)),
                        href,
                        index,
                        "link",
                    )
                )
                p = _skip_link_tail(content, text_end)
            elif ct == "image":
                src = str(child.attrs.get("src", ""))
                a = seek("![", p)
                if a >= 0:
                    alt_end = a + 2 + len(child.content)
                    if not content.startswith("]", alt_end):
                        alt_end = _matching_bracket(content, a + 1)
                    stop = _skip_link_tail(content, alt_end)
                    self.out.spans.append(Span(at(a), at(stop - 1) + 1, "image", index, src))
                    p = stop
            elif ct == "html_inline":
                raw = child.content
                a = seek(raw, p)
                if a >= 0:
                    b = a + len(raw)
                    s, e = at(a), at(b - 1) + 1
                    self.out.spans.append(Span(s, e, "html", index, raw))
                    self.comments_in(s, e)
                    anchor = HTML_LINK.match(raw)
                    if anchor:
                        html_links.append((s, e, anchor.group(1)))
                    elif re.match(r"</a\s*>", raw, re.I) and html_links:
                        tag_start, text_start, href = html_links.pop()
                        if s > text_start:  # the link's text, as for a Markdown link
                            self.out.links.append(Link(text_start, s, href, index, "html"))
                        else:
                            self.out.links.append(Link(tag_start, text_start, href, index, "html"))
                    p = b
            elif ct == "footnote_ref":
                label = str(child.meta.get("label", child.meta.get("id")))
                a = seek("[^", p)
                if a >= 0:
                    close = content.find("]", a)
                    close = n - 1 if close < 0 else close
                    self.out.spans.append(Span(at(a), at(close) + 1, "footnote_ref", index, label))
                    p = close + 1
            elif child.markup and ct.endswith(("_open", "_close")):  # emphasis: its markers
                a = seek(child.markup, p)
                if a >= 0:
                    p = a + len(child.markup)
            i += 1
        for tag_start, text_start, href in html_links:  # an <a href> never closed: the tag itself
            self.out.links.append(Link(tag_start, text_start, href, index, "html"))
        if "](" in content:
            prose = self.loose_links(content, cmap, prose, index)
        merged = _merge_text(children)
        lead_in = None
        for k, child in enumerate(merged[:2]):
            if child.type == "strong_open":
                lead_in = _lead_in(merged, k)
                break
        text = "".join(
            c.content for c in merged if c.type in ("text", "code_inline", "softbreak")
        ).strip()
        block = Block(
            index,
            kind,
            start,
            end,
            first,
            last,
            content if kind != "heading" else text,
            level=level,
            heading=self.heading,
            item=self.item_ids[-1] if self.item_ids else None,
            row=self.row,
            quote=self.quote_depth > 0,
            footnote=self.footnote,
            lead_in=lead_in,
        )
        self.out.blocks.append(block)
        if kind == "heading":
            self.heading = index
        if self.footnote is not None:
            label = self.footnote
            prior = self.out.footnotes.get(label)
            body = (prior.text + "\n" if prior else "") + content
            self.out.footnotes[label] = FootnoteDef(label, body, prior.line if prior else first)
        else:
            self.out.prose_ranges.extend(prose)
            self.out.entities.extend(entities)

    def loose_links(
        self, content: str, cmap: list[int], prose: list[tuple[int, int]], index: int
    ) -> list[tuple[int, int]]:
        """`![alt](path with spaces.png)` and `[text](url with spaces)`: CommonMark reads them as
        text, but site generators (kramdown, Hugo) render an image and a link. Their destination
        is never prose; the image is an image span and the link a link."""
        for m in LOOSE_LINK.finditer(content):
            start, end = cmap[m.start()], cmap[m.end() - 1] + 1
            if any(
                start <= link.start < end
                for link in self.out.links
                if link.block == index and link.kind != "bare"
            ):
                continue  # markdown-it read it as a link after all
            # a URL inside it was taken for a bare one: it is this link's destination
            self.out.links = [
                k for k in self.out.links if not (k.kind == "bare" and start <= k.start < end)
            ]
            self.out.spans = [
                sp
                for sp in self.out.spans
                if not (sp.kind == "url" and sp.block == index and start <= sp.start < end)
            ]
            href = m.group("href").strip()
            if m.group("bang"):
                self.out.spans.append(Span(start, end, "image", index, href))
                prose = _subtract(prose, start, end)
                continue
            text_start, text_end = (
                cmap[m.start("text")],
                cmap[max(m.end("text") - 1, m.start("text"))] + 1,
            )
            self.out.links.append(Link(text_start, max(text_start, text_end), href, index, "link"))
            prose = _subtract(prose, start, text_start)
            prose = _subtract(prose, cmap[m.end("text")], end)
        return prose

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

    # -- HTML blocks -----------------------------------------------------
    def html_block(self, tok) -> None:
        """Read the text of an HTML block as prose: tags blanked, entities kept in place,
        each block-level element (p, li, td, h1-h6, ...) and <br> a block of its own."""
        if tok.map is None:
            return
        content = tok.content
        cmap = self.content_map(content, tok.map, "html")
        first, last, start, end = self.line_range(tok.map)
        reader = _HtmlReader(self, content, cmap)
        reader.read()
        if not reader.made:
            container = self.opaque(tok, "html")
            index = container.index if container else None
        else:
            self.comments_in(start, end)
            index = None
        for span in reader.leftover_spans:
            self.out.spans.append(Span(span.start, span.end, span.kind, index, span.value))


class _HtmlReader:
    """One HTML block's text runs, read with a regex tokenizer (HTML here is often
    not well formed, so no tree is built: only the boundaries between runs matter)."""

    def __init__(self, walker: _Walker, content: str, cmap: _ContentMap) -> None:
        self.w = walker
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

    def runs(self, a: int, b: int) -> list[tuple[int, int]]:
        return _runs(self.cmap, self.cmap.breaks, a, b)

    def read(self) -> None:
        content = self.content
        pos = 0
        skip_to: re.Pattern | None = None
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
                continue
            if name in HTML_CODE_TAGS:
                if name == "pre":
                    self.flush()
                code = code + 1 if opening else max(0, code - 1)
                continue
            if name in HTML_BLOCK_TAGS:
                self.flush()
                self.structure(name, opening)
                self.leftover_spans.append(
                    Span(self.cmap[m.start()], self.cmap[m.end() - 1] + 1, "html", None, m.group(0))
                )
                continue
            self.inline_tag(m, name, opening)
        if skip_to is None and not code and pos < len(content):
            self.text(pos, len(content))
        self.flush()

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

    def inline_tag(self, m: re.Match, name: str, opening: bool) -> None:
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
            char = _decode_entity(m.group(0))
            if char != m.group(0):
                self.entities.append(
                    (self.cmap[a + m.start()], self.cmap[a + m.end() - 1] + 1, char)
                )

    def flush(self) -> None:
        w = self.w
        if self.run_start is None or not self.has_text:
            for s, e, kind, value in self.spans:
                self.leftover_spans.append(
                    Span(self.cmap[s], self.cmap[e - 1] + 1, kind, None, value)
                )
            self.reset_run()
            return
        index = len(w.out.blocks)
        start, end = self.cmap[self.run_start], self.cmap[max(self.run_end - 1, self.run_start)] + 1
        kind = (
            "heading" if self.level else ("table_cell" if self.cell and self.row else "paragraph")
        )
        text = " ".join("".join(self.texts).split())
        item = self.items[-1] if self.items else (w.item_ids[-1] if w.item_ids else None)
        block = Block(
            index,
            kind,
            start,
            end,
            w.index.line_of(start),
            w.index.line_of(max(start, end - 1)),
            text,
            level=self.level,
            heading=w.heading,
            item=item,
            row=self.row if self.cell else None,
            quote=w.quote_depth > 0,
            footnote=w.footnote,
        )
        w.out.blocks.append(block)
        self.made += 1
        if kind == "heading":
            w.heading = index
        for s, e, kind_, value in self.spans:
            w.out.spans.append(Span(self.cmap[s], self.cmap[e - 1] + 1, kind_, index, value))
        for s, e, href in self.links + self.open_links:
            w.out.links.append(
                Link(self.cmap[s], self.cmap[max(e - 1, s)] + 1, href, index, "html")
            )
        if w.footnote is None:
            for a, b in self.prose:
                for s, e in self.runs(a, b):
                    w.out.prose_ranges.extend(w.split_bare_urls(s, e, index))
            w.out.entities.extend(self.entities)
        self.reset_run()


# A link or image whose destination holds a space: text to CommonMark, a link to site generators.
LOOSE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\[\]\n]*)\]\(\s*(?P<href>(?:https?://|www\.|/|\.{1,2}/)?"
    r"[^()\s\"']+(?:[ \t]+[^()\s\"']+)+)(?:\s+\"[^\"\n]*\")?\s*\)"
)


def _subtract(ranges: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """`ranges` without [a, b)."""
    if a >= b:
        return ranges
    out = []
    for s, e in ranges:
        if e <= a or b <= s:
            out.append((s, e))
            continue
        if s < a:
            out.append((s, a))
        if b < e:
            out.append((b, e))
    return out


# -- content offsets ----------------------------------------------------------
class _ContentMap(list):
    """File offsets of a token's content characters, with `breaks`: the indexes i where
    character i does not follow character i-1 in the file (line starts, skipped markers)."""

    def __init__(self) -> None:
        super().__init__()
        self.breaks: list[int] = []

    def add(self, piece: list[int]) -> None:
        if not piece:
            return
        base = len(self)
        if self and piece[0] != self[-1] + 1:
            self.breaks.append(base)
        if piece[-1] - piece[0] != len(piece) - 1:  # not one contiguous run: find where it jumps
            self.breaks.extend(
                base + i for i in range(1, len(piece)) if piece[i] != piece[i - 1] + 1
            )
        self.extend(piece)


def _runs(cmap: list[int], breaks: list[int], a: int, b: int) -> list[tuple[int, int]]:
    """Content range [a, b) as contiguous file ranges."""
    if a >= b:
        return []
    out = []
    run = a
    for i in breaks[bisect_right(breaks, a) : bisect_left(breaks, b)]:
        out.append((cmap[run], cmap[i - 1] + 1))
        run = i
    out.append((cmap[run], cmap[b - 1] + 1))
    return out


def _line_offsets(part: str, text: str, start: int, stop: int, heading: bool) -> list[int]:
    """File offsets of the characters of one content line, which is the tail of the
    source line [start, stop) (or, in an ATX heading, the text between the markers)."""
    if not part:
        return []
    line = text[start:stop]
    rline, rpart = line.rstrip(" \t"), part.rstrip(" \t")
    if heading:
        hashes = len(line) - len(line.lstrip(" ").lstrip("#"))
        x = line.find(rpart, hashes)
        if x >= 0:
            return list(range(start + x, start + x + len(part)))
    if rline.endswith(rpart):
        x = len(rline) - len(rpart)
        return list(range(start + x, start + x + len(part)))
    bare = rpart.lstrip(" ")
    if bare and rline.endswith(bare):  # a tab in the indentation became spaces
        x = len(rline) - len(bare)
        pad = len(part) - len(part.lstrip(" "))
        return [start + x] * pad + list(range(start + x, start + x + len(part) - pad))
    return _align(part, text, start, stop)


def _align(part: str, text: str, start: int, stop: int) -> list[int]:
    """Greedy character alignment: the last resort when a line was rewritten (a table
    cell's "\\|" read as "|")."""
    out = []
    j = start
    for ch in part:
        k = text.find(ch, j, stop)
        if k < 0:
            out.append(min(j, stop))
            continue
        out.append(k)
        j = k + 1
    return out


def _cell_segment(text: str, start: int, stop: int, cell: int) -> tuple[int, int]:
    """[start, end) of the cell-th (1-based) cell of a table row line, trimmed."""
    line = text[start:stop]
    lead = len(line) - len(line.lstrip())
    body_start = start + lead
    if text.startswith("|", body_start):
        body_start += 1
    cuts = [body_start]
    for m in TABLE_SEPARATOR.finditer(text, body_start, stop):
        cuts.append(m.end())
    cuts.append(stop + 1)
    k = max(1, cell)
    if k >= len(cuts):
        return stop, stop
    a, b = cuts[k - 1], cuts[k] - 1
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t":
        b -= 1
    return a, b


def _closing_fence(content: str, fence: str, start: int) -> int:
    """Start of the backtick run of exactly len(fence) that closes a code span."""
    k = start
    while True:
        k = content.find(fence, k)
        if k < 0:
            return len(content)
        end = k + len(fence)
        if (end >= len(content) or content[end] != "`") and (
            k == 0 or content[k - 1] != "`" or k == start
        ):
            return k
        while end < len(content) and content[end] == "`":
            end += 1
        k = end


def _matching_bracket(content: str, open_at: int) -> int:
    """Index of the `]` closing the `[` at open_at (escapes and nesting respected)."""
    depth = 0
    k = open_at
    while k < len(content):
        ch = content[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return len(content)


def _skip_link_tail(content: str, k: int) -> int:
    """Past the `]` ending a link's text and its destination: `](url "title")`, `][ref]`, `[]`."""
    n = len(content)
    if k < n and content[k] == "]":
        k += 1
    if k < n and content[k] == "(":
        depth = 0
        j = k
        quote = ""
        while j < n:
            ch = content[j]
            if ch == "\\":
                j += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch == "<" and depth == 1 and content[j - 1] in "( \t\n":
                close = content.find(">", j)
                j = close if close >= 0 else j
            elif ch in "\"'" and depth == 1 and content[j - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return k
    if k < n and content[k] == "[":
        close = content.find("]", k)
        return close + 1 if close >= 0 else k
    return k


class _Joined:
    """Adjacent text and entity tokens seen as one text token (what text_join would give)."""

    __slots__ = ("content", "type")

    def __init__(self, type_: str, content: str) -> None:
        self.type = type_
        self.content = content


def _merge_text(children) -> list:
    out: list = []
    for child in children:
        if child.type in ("text", "text_special"):
            if out and isinstance(out[-1], _Joined) and out[-1].type == "text":
                out[-1].content += child.content
            else:
                out.append(_Joined("text", child.content))
        else:
            out.append(child)
    return out


def _lead_in(children, i: int) -> str | None:
    """The bold label that opens a list item or paragraph, when followed by a colon or dash."""
    if i == 1 and children[0].content.strip():
        return None
    try:
        label, close, after = (
            children[i + 1],
            children[i + 2],
            children[i + 3] if i + 3 < len(children) else None,
        )
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
