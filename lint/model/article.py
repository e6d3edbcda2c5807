"""The article model: one file, parsed once, shared by every check."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .markdown import Block, Layout, parse_layout
from .positions import LineIndex

# The fence python-frontmatter uses, kept to one line so offsets stay exact.
FENCE = re.compile(r"(?:^|(?<=\r))-{3,}[ \t]*(?=\r|\n|\Z)", re.M)
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

# Frontmatter is untrusted input: bounds on what one YAML document may cost.
MAX_YAML_DEPTH = 40  # nested collections
MAX_YAML_NODES = 10_000  # values after alias expansion (a 376-byte "billion laughs" is 10^9)
MAX_FRONTMATTER = 128 * 1024  # characters
MAX_YAML_ALIASES = 200


class _BoundedLoader(_LenientDateLoader):
    """The lenient SafeLoader, refusing deep nesting and alias expansion beyond a small budget.

    Composing is recursive in PyYAML (deep nesting is a RecursionError, not a
    YAMLError), and aliases let a few hundred bytes stand for a billion values
    that any later walk over the data would expand. Each node's expanded size
    is tracked while composing, so a bomb is refused before anything walks it.
    """

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._sizes: dict[int, int] = {}

    def _limit(self, problem: str) -> yaml.composer.ComposerError:
        return yaml.composer.ComposerError(None, None, problem, self.peek_event().start_mark)

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise self._limit(
                    f"more than {MAX_YAML_ALIASES} aliases (refused: alias expansion budget)"
                )
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            raise self._limit(
                f"collections nested more than {MAX_YAML_DEPTH} levels deep (refused)"
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._sizes.get(id(child), 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(
                self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1) for k, v in node.value
            )
        if size > MAX_YAML_NODES:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"more than {MAX_YAML_NODES} values, counting each alias expanded (refused: "
                "frontmatter size and alias expansion budget)",
                node.start_mark,
            )
        self._sizes[id(node)] = size
        return node

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than int() accepts: keep the text
            return self.construct_scalar(node)


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)
SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_text(value: str) -> str:
    """JSON-style escapes in YAML ("\\ud83d\\udc8a") give surrogates: join pairs, replace lone ones."""
    if not LONE_SURROGATE.search(value):
        return value
    value = SURROGATE_PAIR.sub(
        lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), value
    )
    return LONE_SURROGATE.sub("\ufffd", value)


def _clean_data(value: Any, seen: dict | None = None) -> Any:
    if isinstance(value, str):
        return _clean_text(value)
    seen = {} if seen is None else seen
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, dict):
        out: dict = {}
        seen[id(value)] = out
        for key, item in value.items():
            out[_clean_data(key, seen) if isinstance(key, str) else key] = _clean_data(item, seen)
        return out
    if isinstance(value, list):
        items: list = []
        seen[id(value)] = items
        items.extend(_clean_data(item, seen) for item in value)
        return items
    return value


def load_yaml(text: str) -> tuple[Any, Any]:
    """(data, node) of one YAML document, under the bounds above; raises yaml.YAMLError."""
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return _clean_data(data), node


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
    problems: list = field(default_factory=list)  # InputErrors that do not stop the analysis


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
    _doc: Any = field(default=None, repr=False)

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

    def heading_of(self, block: Block) -> Block | None:
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
            from ..text.nlp import make_doc  # spaCy is imported only when a check needs it

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


def wide_encoding(data: bytes) -> str | None:
    """ "UTF-16 (little-endian, with a BOM)" and the like, or None for a byte-oriented file.

    Without a BOM, ASCII text in UTF-16 or UTF-32 is mostly NUL bytes in fixed
    positions, which is also valid UTF-8: read as such, --fix would append
    UTF-8 to a UTF-16 file."""
    for bom, name in (
        (b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with a BOM)"),
        (b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with a BOM)"),
        (b"\xfe\xff", "UTF-16 (big-endian, with a BOM)"),
        (b"\xff\xfe", "UTF-16 (little-endian, with a BOM)"),
    ):
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) * 4 < len(sample):
        return None
    for width, label in ((4, "UTF-32"), (2, "UTF-16")):
        usable = len(sample) - len(sample) % width
        if not usable:
            continue
        units = [sample[i : i + width] for i in range(0, usable, width)]
        for order, where in (("little", "little-endian"), ("big", "big-endian")):
            text_pos = 0 if order == "little" else width - 1
            zero = [j for j in range(width) if j != text_pos]
            if sum(1 for u in units if all(u[j] == 0 for j in zero)) >= len(units) * 0.9:
                return f"{label} ({where}, without a BOM)"
    return None


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
        shown = "".join(
            c for c in char if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc")
        )
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
    wide = wide_encoding(data)
    if wide is not None:
        raise InputError(
            f"encoded as {wide}: contentlint reads UTF-8 only; convert the file to UTF-8 "
            "(it is left untouched, also by --fix)"
        )
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(f"not UTF-8 at byte {err.start + (3 if bom else 0)}", line=line) from None
    return text, bom


def _split_frontmatter(text: str, index: LineIndex) -> Frontmatter | None:
    if not text.startswith("---"):
        return None
    opening = FENCE.match(text)
    if opening is None:
        return None
    closing = FENCE.search(text, opening.end())
    if closing is None:
        raise InputError("frontmatter opened with '---' at line 1 is never closed", line=1)
    fm_text = text[opening.end() : closing.start()]
    if len(fm_text) > MAX_FRONTMATTER:
        raise InputError(
            f"frontmatter is {len(fm_text) // 1024} KB, over the {MAX_FRONTMATTER // 1024} KB "
            "limit for frontmatter; not analysed",
            line=1,
        )
    # fm_text begins with the fence line's own line break, so YAML's line 0 is file line 1.
    first_line = 1
    try:
        data, node = load_yaml(fm_text)
    except yaml.YAMLError as err:
        # The context mark is where the broken construct began (an unclosed
        # quote, say), which is where a writer has to look.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = first_line + mark.line if mark is not None else 1
        detail = "; ".join(
            p for p in (getattr(err, "context", None), getattr(err, "problem", None)) if p
        )
        detail = detail or str(err).splitlines()[0]
        raise InputError(
            f"frontmatter YAML error at line {line}: {detail}",
            line=line,
            column=(mark.column + 1) if mark is not None else 1,
        ) from None
    if data is None or not isinstance(data, dict):
        if fm_text.strip():
            raise InputError("frontmatter is not a mapping of keys to values", line=first_line)
        data = {}
    key_lines: dict[str, int] = {}
    key_offsets: dict[str, int] = {}
    problems: list[InputError] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = _clean_text(str(key_node.value))
            line = first_line + key_node.start_mark.line
            if key in key_lines and isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    InputError(
                        f"duplicate frontmatter key {key!r} at line {line} (first at line {key_lines[key]}); "
                        "YAML keeps only the last one",
                        line=line,
                        column=key_node.start_mark.column + 1,
                    )
                )
                continue
            key_lines[key] = line
            key_offsets[key] = index.line_start(line) + key_node.start_mark.column
    end = closing.end()
    if text.startswith("\r\n", end):
        end += 2
    elif end < len(text) and text[end] in "\r\n":
        end += 1
    found = Frontmatter(
        {str(k): v for k, v in data.items()}, opening.start(), end, key_lines, key_offsets
    )
    found.problems = problems
    return found


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
