"""Where each table cell's own text sits in its row (a cell's block spans the whole row)."""

from __future__ import annotations

from ...model.article import Article


def cell_spans(article: Article) -> dict[int, tuple[int, int, int]]:
    """Table cell block index -> (start, end, column)."""
    out: dict[int, tuple[int, int, int]] = {}
    rows: dict[int, list] = {}
    for block in article.blocks:
        if block.kind == "table_cell" and block.row is not None:
            rows.setdefault(block.row, []).append(block)
    text = article.text
    for row in rows.values():
        start, end = row[0].start, row[0].end
        pipes = [i for i in range(start, end) if text[i] == "|" and (i == 0 or text[i - 1] != "\\")]
        bounds = [start] + [p + 1 for p in pipes]
        stops = [*pipes, end]
        spans = list(zip(bounds, stops, strict=True))
        if (
            spans
            and not text[spans[0][0] : spans[0][1]].strip()
            and pipes
            and text[start : pipes[0]].strip() == ""
        ):
            spans = spans[1:]  # the row opens with a pipe
        if spans and not text[spans[-1][0] : spans[-1][1]].strip():
            spans = spans[:-1]  # ... and closes with one
        for column, block in enumerate(row):
            if column < len(spans):
                out[block.index] = (spans[column][0], spans[column][1], column)
    return out
