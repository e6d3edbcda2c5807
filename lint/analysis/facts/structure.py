"""Where a figure stands in its article: clause, sentence, list, headings, labels.

The fact extractor asks these questions of every figure; the answers depend
only on the article's layout, not on the lexicons.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise
from typing import Any

from ...model.article import Article
from ...text.sections import section_headings
from ...text.sentences import sentence_spans
from .cells import cell_spans
from .patterns import CLAUSE_BREAK, NUMBERED, OPENING_BOLD, PLAIN_LABEL, PSEUDO_HEADING, TIME_HEADER


class ArticleStructure:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.prose = article.prose
        self._sentences: list[tuple[int, int]] | None = None
        self._groups: dict[int, int] | None = None
        self._pseudo: list | None = None
        self._ends: list[int] | None = None
        self._starts: list[int] | None = None
        # per figure (by id, with the figure): its block, sentence span and clause
        self._figure_blocks: dict[int, tuple[Any, Any]] = {}
        self._figure_sentences: dict[int, tuple[Any, tuple[int, int]]] = {}
        self._figure_clauses: dict[int, tuple[Any, tuple[int, int]]] = {}
        self._cells: dict[int, tuple[int, int, int]] | None = None
        # the figure asked about last, with its block, sentence and clause: every finder asks
        # about the figure at hand, and a comparison of identity is cheaper than a lookup
        self._last: tuple[Any, Any, Any, Any] = (None, None, None, None)
        # per block index: its headings, table headers and lead-in
        self._headings: dict[int, list] = {}
        self._headers: dict[int, list[tuple[str, tuple[int, int]]]] = {}
        self._lead_ins: dict[int, tuple[int, int] | None] = {}
        self._sections: dict[int, str | None] = {}
        self._clause_cuts: dict[tuple[int, int], list[int]] = {}
        self.title = self._title()

    def _title(self) -> str:
        title = self.article.meta.get("title")
        if isinstance(title, str) and title.strip():
            return title
        for block in self.article.blocks:
            if block.kind == "heading" and block.level == 1:
                return self.article.text[block.start : block.end]
        return ""

    def sentences(self) -> list[tuple[int, int]]:
        """The same sentences the number grammar reads."""
        if self._sentences is None:
            self._sentences = list(sentence_spans(self.article))
        return self._sentences

    def first_sentence_from(self, offset: int) -> int:
        """The index of the first sentence that starts at or after `offset`."""
        if self._starts is None:
            self._starts = [s[0] for s in self.sentences()]
        return bisect_left(self._starts, offset)

    def previous_sentence(self, start: int, block) -> tuple[int, int] | None:
        """The sentence before `start` within the same block, if any."""
        # Sentences are in text order and do not overlap: bisect, not a scan (linear articles).
        sentences = self.sentences()
        if self._ends is None:
            self._ends = [s[1] for s in sentences]
        i = bisect_right(self._ends, start) - 1
        return sentences[i] if i >= 0 and sentences[i][0] >= block.start else None

    def headings(self, block) -> list:
        """The headings above a block, nearest first, each of a higher level than the last.

        A paragraph that is nothing but bold text ("**Results at 24 months:**")
        heads the paragraphs and lists after it, up to the next heading.
        """
        memo = self._headings
        if block.index in memo:  # asked for every figure, scope and qualifier: once per block
            return memo[block.index]  # callers only read it
        if block.kind == "heading":
            found = section_headings(self.article, block)[1:]  # the chain starts with itself
        else:
            pseudo = self.pseudo_heading(block)
            found = ([pseudo] if pseudo is not None else []) + section_headings(self.article, block)
        memo[block.index] = found
        return found

    def is_pseudo_heading(self, block) -> bool:
        """A paragraph that is nothing but bold text: "**Results at 24 months:**"."""
        return (
            block.kind == "paragraph"
            and block.item is None
            and bool(PSEUDO_HEADING.fullmatch(self.article.text, block.start, block.end))
        )

    def pseudo_heading(self, block):
        """The nearest bold-only paragraph above a block, under the same heading."""
        if self._pseudo is None:  # one pass over the blocks, not one per block
            nearest: list = []
            last = None
            for candidate in self.article.blocks:
                nearest.append(last)
                if candidate.kind == "heading":
                    last = None
                elif self.is_pseudo_heading(candidate):
                    last = candidate
            self._pseudo = nearest
        found = self._pseudo[block.index] if 0 <= block.index < len(self._pseudo) else None
        first = (block.heading + 1) if block.heading is not None else 0
        return found if found is not None and found.index >= first else None

    def section(self, block, m) -> str | None:
        """The nearest heading when it is one step of a breakdown ("Month 3", "Age 30-40",
        "Weeks 5-8"): figures under it hold only for that step (once per block)."""
        if block is None:
            return None
        if block.index not in self._sections:
            self._sections[block.index] = self._section(block)
        return self._sections[block.index]

    def _section(self, block) -> str | None:
        for heading in self.headings(block):
            if heading.kind == "heading" and heading.level <= 1:
                return None
            text = self.article.text[heading.start : heading.end]
            if NUMBERED.search(text):
                return " ".join(text.strip("#*_: \t").split()).lower()
            if heading.kind == "heading":
                return None  # only the nearest real heading and the bold labels under it
        return None

    def subsection(self, block) -> tuple[int, int] | None:
        """Bold labels in one section ("**Standard Protocol**:", "**Conservative Protocol**:")
        introduce parallel variants: figures under different ones are alternatives."""
        if block is None or block.kind == "heading":
            return None
        pseudo = self.pseudo_heading(block)
        if pseudo is None:
            return None
        return (block.heading if block.heading is not None else -1, pseudo.index)

    def groups(self) -> dict[int, int]:
        """Block index -> id of the list or table it belongs to (a run of items or cells)."""
        if self._groups is None:
            out: dict[int, int] = {}
            run_id, run_kind, run_heading = None, None, None
            for block in self.article.blocks:
                if not block.is_prose or block.kind == "heading":
                    if block.kind == "heading":
                        run_id = None
                    continue
                kind = (
                    "table"
                    if block.kind == "table_cell"
                    else ("list" if block.item is not None else None)
                )
                if kind is None:
                    run_id = None
                    continue
                if run_id is None or kind != run_kind or block.heading != run_heading:
                    run_id, run_kind, run_heading = block.index, kind, block.heading
                out[block.index] = run_id
            self._groups = out
        return self._groups

    def in_heading(self, m) -> bool:
        """Figures in headings ("Results at 24 months") label a section; they state nothing."""
        if not 0 <= m.block < len(self.article.blocks):
            return False
        block = self.article.blocks[m.block]
        return block.kind == "heading" or self.is_pseudo_heading(block)

    # -- tables ------------------------------------------------------------
    def cells(self) -> dict[int, tuple[int, int, int]]:
        """Table cell block index -> (start, end, column): where each cell's own text sits in its row."""
        if self._cells is None:
            self._cells = cell_spans(self.article)
        return self._cells

    def cell_span(self, block) -> tuple[int, int] | None:
        """The span of a table cell's own text (its block spans the whole row)."""
        if block is None or block.kind != "table_cell":
            return None
        found = self.cells().get(block.index)
        return (found[0], found[1]) if found else None

    def table_headers(self, block) -> list[tuple[str, tuple[int, int]]]:
        """A table cell's row header (the row's first cell) and column header (the same
        column in the table's first row): its subject and qualifiers come from them."""
        if block is None or block.kind != "table_cell":
            return []
        memo = self._headers
        if block.index not in memo:
            memo[block.index] = self._table_headers(block)
        return list(memo[block.index])

    def _table_headers(self, block) -> list[tuple[str, tuple[int, int]]]:
        cells = self.cells()
        own = cells.get(block.index)
        if own is None:
            return []
        run = self.groups().get(block.index)
        table = [
            b
            for b in self.article.blocks
            if b.kind == "table_cell" and self.groups().get(b.index) == run
        ]
        out = []
        row_first = next((b for b in table if b.row == block.row), None)
        if row_first is not None and row_first.index != block.index and row_first.index in cells:
            out.append(("row header", cells[row_first.index][:2]))
        header_row = table[0].row if table else None
        if header_row is not None and block.row != header_row:
            head = next(
                (
                    b
                    for b in table
                    if b.row == header_row and cells.get(b.index, (0, 0, -1))[2] == own[2]
                ),
                None,
            )
            if head is not None:
                out.append(("column header", cells[head.index][:2]))
        return out

    def header_timepoint(self, block) -> tuple[float, float] | None:
        """ "24 hours", "Week 4", "At 6 months": a row or column header that dates the cell (in days)."""
        from .values import DAYS_PER_UNIT

        for _, (start, end) in self.table_headers(block):
            found = TIME_HEADER.fullmatch(
                " ".join(self.article.text[start:end].strip(" *_`").split())
            )
            if found is None:
                continue
            number = float(found.group("n1") or found.group("n2"))
            unit = (found.group("u1") or found.group("u2")).lower().rstrip("s")
            days = number * DAYS_PER_UNIT.get(unit, 1.0)
            return days, days
        return None

    def block_of(self, m):
        """The figure's block; in a table, its own cell (every cell's block spans the whole row)."""
        if m is self._last[0]:
            return self._last[1]
        # asked by every finder about every figure: once per figure (the memo keeps the
        # figure, so its id is not reused while the memo stands)
        hit = self._figure_blocks.get(id(m))
        if hit is None:
            hit = self._figure_blocks[id(m)] = (m, self._block_of(m))
        return hit[1]

    def _block_of(self, m):
        blocks = self.article.blocks
        block = blocks[m.block] if 0 <= m.block < len(blocks) else self.article.block_at(m.start)
        if block is not None and block.kind == "table_cell":
            rows = self.__dict__.get("_rows")
            if rows is None:
                rows = self.__dict__["_rows"] = {}
                for index in self.cells():
                    rows.setdefault(blocks[index].row, []).append(index)
            for index in rows.get(block.row, ()):
                start, end, _ = self.cells()[index]
                if start <= m.start < end:
                    return blocks[index]
        return block

    def sentence_span(self, m) -> tuple[int, int]:
        """The figure's sentence; in a table, its cell."""
        if m is self._last[0]:
            return self._last[2]
        hit = self._figure_sentences.get(id(m))
        if hit is None:
            hit = self._figure_sentences[id(m)] = (m, self._sentence_span(m))
        return hit[1]

    def _sentence_span(self, m) -> tuple[int, int]:
        cell = self.cell_span(self.block_of(m))
        if cell is not None and cell[0] <= m.start < cell[1]:
            return cell
        return m.sentence_start, m.sentence_end

    def clause(self, m) -> tuple[int, int]:
        """The span of the clause the figure sits in (a sentence cut at "but", "while", ";", ...)."""
        if m is self._last[0]:
            return self._last[3]
        hit = self._figure_clauses.get(id(m))
        if hit is None:
            hit = self._figure_clauses[id(m)] = (m, self._clause(m))
        return hit[1]

    def at_figure(self, m) -> None:
        """Make `m` the figure at hand: its block, sentence and clause are then answered
        without a lookup."""
        self._last = (None, None, None, None)
        self._last = (m, self.block_of(m), self.sentence_span(m), self.clause(m))

    def _clause(self, m) -> tuple[int, int]:
        start, end = self.sentence_span(m)
        cuts = self._clause_cuts.get((start, end))
        if cuts is None:  # the same for every figure of the sentence
            cuts = self._clause_cuts[(start, end)] = (
                [start] + [c.start() for c in CLAUSE_BREAK.finditer(self.prose, start, end)] + [end]
            )
        for a, b in pairwise(cuts):
            if a <= m.start < b or (m.start == b == end):
                return a, b
        return start, end

    def lead_in_span(self, block) -> tuple[int, int] | None:
        """The label that opens a list item or paragraph: "**CRPS**:" or a plain "Maintenance:"."""
        if block is None or block.kind == "heading":
            return None
        memo = self._lead_ins
        if block.index not in memo:  # every finder asks, for every figure: once per block
            memo[block.index] = self._lead_in_span(block)
        return memo[block.index]

    def _lead_in_span(self, block) -> tuple[int, int] | None:
        if block.lead_in:
            at = self.article.text.find(block.lead_in, block.start, block.end)
            return (at, at + len(block.lead_in)) if at >= 0 else None
        m = PLAIN_LABEL.match(self.article.text, block.start, block.end)
        return (m.start(1), m.end(1)) if m else None

    def opening_label(self, block) -> str | None:
        """ "Testicular shrinkage" in "- **Testicular shrinkage** (65-70%): ...": what the figure is about."""
        if block is None or block.kind == "heading":
            return None
        if block.lead_in:
            return block.lead_in
        m = OPENING_BOLD.match(self.article.text, block.start, block.end)
        if m:
            return m.group(1).strip()
        m = PLAIN_LABEL.match(self.article.text, block.start, block.end)
        return m.group(1).strip() if m else None
