"""Tables: a row's cells, its column headers and its text, so a figure in a cell is read with
the words of its row and column ("68 weeks" under "Trial length")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .tokens import Toks

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article


def row_context(article: Article) -> dict[int, str]:
    """Each table row's text, lowercased: cue words for every cell in it."""
    rows: dict[int, list[str]] = {}
    for block in article.blocks:
        if block.row is not None and block.kind == "table_cell":
            rows.setdefault(block.row, []).append(block.text)
    return {row: " ".join(texts).lower() for row, texts in rows.items()}


def _split_row(line: str) -> list[str]:
    """A table line's cell texts, lowercased (escaped pipes stay inside their cell)."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip().lower() for c in re.split(r"(?<!\\)\|", line)]


def table_headers(article: Article) -> dict[int, list[str]]:
    """Each table row's column headers (the first row of its table), so "68 weeks" under
    "Trial length" is read with its header."""
    headers: dict[int, list[str]] = {}
    current: list[str] = []
    last_line = -10
    seen: set[int] = set()
    for block in article.blocks:
        if block.row is None or block.kind != "table_cell" or block.row in seen:
            continue
        seen.add(block.row)
        if block.start_line > last_line + 2:
            current = _split_row(article.index.line_text(block.start_line))
        headers[block.row] = current
        last_line = block.start_line
    return headers


def split_cells(article: Article, toks: Toks) -> list[Toks]:
    """A table row's tokens split at the cell borders (blanked in prose, still in the text)."""
    starts, ends = toks.starts, toks.ends
    firsts = [0]  # the token each cell starts at
    for k in range(1, len(toks)):
        # each border opens a cell: two in a row leave an empty one (the column count stays)
        firsts.extend([k] * article.text.count("|", ends[k - 1], starts[k]))
    cells = [toks.part(a, b) for a, b in zip(firsts, [*firsts[1:], len(toks)], strict=True)]
    line_start = article.text.rfind("\n", 0, starts[0]) + 1 if toks else 0
    lead = article.text[line_start : starts[0]] if toks else ""
    if lead.count("|") > 1:  # the row began with empty cells
        cells = [toks.part(0, 0) for _ in range(lead.count("|") - 1)] + cells
    return cells
