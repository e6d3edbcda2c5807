"""The file offset of every character of a markdown-it token's `content`.

markdown-it builds `content` from the block's lines with container markers
(`>`, list indentation, `#`) removed and the whole trimmed, so each content
line is the tail of its source line; a table cell is one cell of its row.
Mapping each character once lets the inline walk and the HTML reader report
exact file offsets without searching the file for strings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .positions import LineIndex

TABLE_SEPARATOR = re.compile(r"(?<!\\)((?:\\\\)*)\|")


class ContentMap(list):
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

    def runs(self, a: int, b: int) -> list[tuple[int, int]]:
        """Content range [a, b) as contiguous file ranges."""
        if a >= b:
            return []
        out = []
        run = a
        breaks = self.breaks
        for i in breaks[bisect_right(breaks, a) : bisect_left(breaks, b)]:
            out.append((self[run], self[i - 1] + 1))
            run = i
        out.append((self[run], self[b - 1] + 1))
        return out


def content_map(
    text: str, index: LineIndex, first: int, content: str, kind: str, cell: int = 0
) -> ContentMap:
    """The offsets of `content`, whose first line is file line `first`, plus one for its end."""
    if kind == "table_cell":
        return _cell_map(text, index, first, content, cell)
    if "\n" not in content and first <= index.line_count:  # one line: most blocks
        start, stop = index.line_start(first), index.line_end(first)
        mapped = _line_offsets(content, text, start, stop, kind == "heading")
        offsets = ContentMap()
        offsets.add(mapped)
        offsets.append(mapped[-1] + 1 if mapped else start)
        return offsets
    offsets = ContentMap()
    lines = content.split("\n")
    for k, part in enumerate(lines):
        line = first + k
        last_line = k == len(lines) - 1
        if line > index.line_count:
            # markdown-it's content can run past the file's end (a final line without "\n")
            end = offsets[-1] + 1 if offsets else len(text)
            offsets.add([end] * (len(part) + (0 if last_line else 1)))
            continue
        start, stop = index.line_start(line), index.line_end(line)
        mapped = _line_offsets(part, text, start, stop, kind == "heading" and len(lines) == 1)
        offsets.add(mapped)
        tail = mapped[-1] + 1 if mapped else stop
        if not last_line:
            offsets.add([max(tail, stop)])  # the line break
    offsets.add([offsets[-1] + 1 if offsets else index.line_start(min(first, index.line_count))])
    return offsets


def _cell_map(text: str, index: LineIndex, first: int, content: str, cell: int) -> ContentMap:
    line = min(first, index.line_count)
    segment = _cell_segment(text, index.line_start(line), index.line_end(line), cell)
    offsets = ContentMap()
    offsets.add(_align(content, text, segment[0], segment[1]))
    offsets.add([offsets[-1] + 1 if offsets else segment[0]])
    return offsets


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


def subtract(ranges: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
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
