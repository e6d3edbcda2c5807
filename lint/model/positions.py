"""Character offsets to exact 1-based lines and columns."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, count
from operator import add

LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """The offset where each line starts. CR LF, LF and a lone CR all end a line, as in
    CommonMark and YAML; without a CR, the lines' lengths are summed in C (a tenth of
    the regex scan's time)."""
    if "\r" in text:
        return [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    lines = text.split("\n")
    lines.pop()  # the text after the last break starts a line but ends none
    # start of line k = the lengths of the k lines before it + their k line breaks
    return list(map(add, accumulate(map(len, lines), initial=0), count()))


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def line_of(self, offset: int) -> int:
        """1-based line holding `offset`."""
        return bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """Inclusive end of the half-open span [start, end)."""
        last = max(start, end - 1)
        # A span ending with a newline ends on the line it closes.
        while last > start and self.text[last] in "\r\n":
            last -= 1
        return self.position(last)

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset of the end of `line`, excluding its line break."""
        if line >= len(self.starts):
            return len(self.text)
        end = self.starts[line]
        if self.text[end - 1] == "\n":
            end -= 1
        if end > self.starts[line - 1] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    @property
    def line_count(self) -> int:
        return len(self.starts)
