"""Findings' lines, columns and offsets as LSP positions, in the client's units."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types as T

from ..model.finding import Finding, Fix
from ..model.positions import LineIndex


class Positions:
    """1-based character lines/columns and offsets of one text, to LSP positions
    in the client's units (UTF-16 unless it negotiated otherwise)."""

    def __init__(self, text: str, units: Callable[[str], int]) -> None:
        self.index = LineIndex(text)
        self.units = units  # str -> number of client code units

    def at(self, line: int, column: int) -> T.Position:
        """`column` is 1-based and counts characters; LSP lines are 0-based."""
        line = max(1, min(line, self.index.line_count))
        text = self.index.line_text(line)
        return T.Position(line=line - 1, character=self.units(text[: max(0, column - 1)]))

    def offset(self, offset: int) -> T.Position:
        line, column = self.index.position(offset)
        return self.at(line, column)

    def finding_range(self, finding: Finding) -> T.Range:
        # A finding's end column is inclusive; an LSP range's end is exclusive.
        return T.Range(
            start=self.at(finding.line, finding.column),
            end=self.at(finding.end_line, finding.end_column + 1),
        )

    def fix_range(self, fix: Fix) -> T.Range:
        return T.Range(start=self.offset(fix.start), end=self.offset(fix.end))


def unit_counter(encoding: Any) -> Callable[[str], int]:
    """The length of a string in the client's position units, at C speed
    (pygls's own counter walks the string in Python, which costs on long lines)."""
    if encoding == T.PositionEncodingKind.Utf32:
        return len
    if encoding == T.PositionEncodingKind.Utf8:
        return lambda s: len(s.encode("utf-8", "surrogatepass"))
    return lambda s: len(s) if s.isascii() else len(s.encode("utf-16-le", "surrogatepass")) // 2


def range_key(rng: T.Range) -> tuple[int, int, int, int]:
    return rng.start.line, rng.start.character, rng.end.line, rng.end.character


def overlaps(a: T.Range, b: T.Range) -> bool:
    return range_key(a)[:2] <= range_key(b)[2:] and range_key(b)[:2] <= range_key(a)[2:]


def document_start() -> T.Range:
    """Where a diagnostic about the whole document (config, crash) is shown."""
    return T.Range(start=T.Position(line=0, character=0), end=T.Position(line=0, character=0))
