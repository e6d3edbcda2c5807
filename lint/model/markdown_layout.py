"""What the Markdown parse leaves for the checks: leaf blocks, links, spans, footnotes,
comments, and the ranges of prose, all as file offsets (markdown.py builds it)."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    # Where the last paragraph or heading of the Markdown itself (not in a container, not
    # text read from HTML) starts: a parse from there, no container open, reads the rest
    # as the whole parse does (the disclaimer fix parses only the article's tail).
    last_top_level: int | None = None
