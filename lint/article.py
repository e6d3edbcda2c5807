"""The article model: one file, parsed once, shared by every check."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Optional

import yaml
from frontmatter.default_handlers import YAMLHandler

from .markdown import Block, Layout, parse_layout
from .positions import LineIndex

# The fence python-frontmatter uses, kept to one line so offsets stay exact.
FENCE = re.compile(r"^-{3,}[ \t]*\r?$", re.M)
NON_NEWLINE = re.compile(r"[^\n]")
YAML_HANDLER = YAMLHandler()


class _LenientDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible unquoted date (2026-13-01) as its text.

    PyYAML raises a bare ValueError for those, which would make one bad date
    unreadable as a whole file; as a string, the date rules can name it.
    """


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LenientDateLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


class InputError(Exception):
    """A file that cannot be linted; becomes one `input` finding."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Frontmatter:
    data: dict[str, Any]
    start: int  # offset of the opening fence
    end: int  # offset just past the closing fence's line
    key_lines: dict[str, int]  # 1-based line of each top-level key
    key_offsets: dict[str, int]


@dataclass
class Article:
    path: str
    text: str
    frontmatter: Optional[Frontmatter]
    body_offset: int
    layout: Layout
    index: LineIndex
    bom: bool = False
    newline: str = "\n"
    _doc: Any = field(default=None, repr=False)

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
        return self.text[self.body_offset:]

    def block_at(self, offset: int) -> Optional[Block]:
        """The leaf block holding `offset` (blocks are in document order and do not overlap)."""
        starts = self._block_starts
        i = bisect_right(starts, offset) - 1
        if i >= 0:
            block = self.layout.blocks[i]
            if offset < block.end or (offset == block.end == len(self.text)):
                return block
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.layout.blocks]

    def heading_of(self, block: Block) -> Optional[Block]:
        return self.layout.blocks[block.heading] if block.heading is not None else None

    @cached_property
    def prose(self) -> str:
        """The file's text with everything but prose blanked out.

        Same length as `text` and with every newline kept, so an offset in
        the spaCy Doc is an offset in the file: no mapping tables needed.
        An HTML entity or backslash escape in prose reads as the character it
        displays, in its own place: `85&#37;` is `85%` followed by blanks,
        `\\$80` is a blank then `$80`, `&nbsp;` is blanks (see `_show_entities`).
        """
        pieces = []
        cursor = 0
        for start, end in sorted(self.layout.prose_ranges):
            if start < cursor:
                start = cursor
            if start >= end:
                continue
            pieces.append(NON_NEWLINE.sub(" ", self.text[cursor:start]))
            pieces.append(self.text[start:end])
            cursor = end
        pieces.append(NON_NEWLINE.sub(" ", self.text[cursor:]))
        prose = "".join(pieces)
        if self.layout.entities:
            prose = _show_entities(prose, self.text, self.layout.entities)
        return prose

    @cached_property
    def _entity_spans(self) -> tuple[list[int], list[int]]:
        spans = sorted((s, e) for s, e, _ in self.layout.entities)
        return [s for s, _ in spans], [e for _, e in spans]

    def snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen [start, end) so it never cuts an entity or escape in two: a figure read
        from `40&#37;` ends after the `;`, not at the `&` where its `%` shows in prose."""
        starts, ends = self._entity_spans
        if not starts:
            return start, end
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < ends[i]:
            start = starts[i]
        j = bisect_right(starts, max(start, end - 1)) - 1
        if j >= 0 and starts[j] < end < ends[j]:
            end = ends[j]
        return start, end

    @property
    def doc(self):
        """The one spaCy Doc over the prose, built on first use."""
        if self._doc is None:
            from .nlp import make_doc  # spaCy is imported only when a check needs it

            starts = [b.start for b in self.layout.blocks if b.is_prose]
            self._doc = make_doc(self.prose, starts)
        return self._doc

    @cached_property
    def cache(self) -> dict:
        """Derived data several checks share (mentions, citations, facts): computed
        by the first check that needs it, reused by the rest, gone with the article."""
        return {}

    def position(self, offset: int) -> tuple[int, int]:
        return self.index.position(offset)


def _show_entities(prose: str, text: str, entities: list[tuple[int, int, str]]) -> str:
    """Each entity or escape as the character it displays, padded with blanks to its length.

    The character sits against the word before it when there is one ("85%   ",
    "10–     20%"), else against the word after it ("   $80", "      “coat"), so
    the number grammar, the lexicons and spaCy read the figure the reader sees.
    A whitespace entity (`&nbsp;`) is all blanks; an invisible one (`&shy;`) too.
    """
    out: list[str] = []
    cursor = 0
    for start, end, char in sorted(entities):
        if start < cursor or prose[start:end] != text[start:end]:
            continue  # blanked (a citation marker, a code span) or overlapping
        out.append(prose[cursor:start])
        width = end - start
        shown = "".join(c for c in char if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc"))
        if not shown or len(shown) > width:
            shown = "" if not shown else shown[:width]
        before = out[-1][-1:] if out and out[-1] else (prose[start - 1] if start else "")
        pad = " " * (width - len(shown))
        out.append(shown + pad if before and not before.isspace() else pad + shown)
        cursor = end
    out.append(prose[cursor:])
    return "".join(out)


def decode(data: bytes) -> tuple[str, bool]:
    """Strict UTF-8, with the byte offset of the first bad byte on failure."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(f"not UTF-8 at byte {err.start + (3 if bom else 0)}", line=line) from None
    return text, bom


def _split_frontmatter(text: str, index: LineIndex) -> Optional[Frontmatter]:
    if not text.startswith("---"):
        return None
    opening = FENCE.match(text)
    if opening is None:
        return None
    closing = FENCE.search(text, opening.end())
    if closing is None:
        raise InputError("frontmatter opened with '---' at line 1 is never closed", line=1)
    fm_text = text[opening.end() : closing.start()]
    # fm_text begins with the fence line's own line break, so YAML's line 0 is file line 1.
    first_line = 1
    try:
        data = YAML_HANDLER.load(fm_text, Loader=_LenientDateLoader)
        node = yaml.compose(fm_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        # The context mark is where the broken construct began (an unclosed
        # quote, say), which is where a writer has to look.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = first_line + mark.line if mark is not None else 1
        detail = "; ".join(p for p in (getattr(err, "context", None), getattr(err, "problem", None)) if p)
        detail = detail or str(err).splitlines()[0]
        raise InputError(f"frontmatter YAML error at line {line}: {detail}", line=line,
                         column=(mark.column + 1) if mark is not None else 1) from None
    if data is None or not isinstance(data, dict):
        if fm_text.strip():
            raise InputError("frontmatter is not a mapping of keys to values", line=first_line)
        data = {}
    key_lines: dict[str, int] = {}
    key_offsets: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            key_lines[key] = line
            key_offsets[key] = index.line_start(line) + key_node.start_mark.column
    end = closing.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    return Frontmatter({str(k): v for k, v in data.items()}, opening.start(), end, key_lines, key_offsets)


def parse_article(path: str, text: str, bom: bool = False) -> Article:
    """Build the article model from decoded text; raises InputError."""
    index = LineIndex(text)
    fm = _split_frontmatter(text, index)
    body_offset = fm.end if fm else 0
    layout = parse_layout(text, body_offset, index)
    newline = "\r\n" if "\r\n" in text else "\n"
    return Article(path, text, fm, body_offset, layout, index, bom=bom, newline=newline)


def load_article(path: str, data: bytes) -> Article:
    if not data.strip():
        raise InputError("file is empty", line=1)
    text, bom = decode(data)
    return parse_article(path, text, bom)
