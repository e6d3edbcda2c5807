"""The units a citation covers (a sentence, list item, table row or paragraph), and the
block queries citation coverage asks: which sentences a block holds, whether a paragraph
is a quotation, whether a block sits in a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .sections import block_index_at, in_section, names_one_of
from .sentences import sentence_index

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article
    from ..model.markdown import Block

Unit = tuple  # ("sentence", i), ("item", id), ("row", id) or ("block", index)


def unit_of(article: Article, offset: int, paragraph_scope: bool = False) -> Unit | None:
    """The unit holding `offset`: its table row or list item, else its sentence (its
    paragraph with `paragraph_scope`); None outside every block."""
    index = block_index_at(article, offset)
    if index is None:
        return None
    block = article.blocks[index]
    if block.row is not None:
        return ("row", block.row)
    if block.item is not None:
        return ("item", block.item)
    if paragraph_scope:
        return ("block", block.index)
    return ("sentence", sentence_index(article, offset))


def block_sentences(article: Article, block: Block) -> list[Unit]:
    """The sentence units of a block, first to last."""
    first = sentence_index(article, block.start)
    last = sentence_index(article, max(block.start, block.end - 1))
    return [("sentence", i) for i in range(first, last + 1)]


def quoted_paragraph(article: Article, block: Block) -> bool:
    """A plain paragraph set wholly in italics ("_…_", "*…*") or in quotation marks ("“…”")."""
    if block.kind != "paragraph" or block.item is not None or block.row is not None:
        return False
    text = article.text[block.start : block.end].strip()
    if len(text) < 3:
        return False
    for open_, close in (("_", "_"), ("*", "*"), ("“", "”"), ('"', '"')):
        if (
            text.startswith(open_)
            and text.rstrip(".").endswith(close)
            and not text.startswith(open_ * 2)
        ):
            return True
    return False


def in_summary(article: Article, offset: int, headings: tuple[str, ...]) -> bool:
    """Whether `offset` sits in a summary (Key Takeaways, Bottom line...): under such a
    heading, or in a paragraph whose bold label names one."""
    index = block_index_at(article, offset)
    if index is None or not headings:
        return False
    # asked for every figure and its twins: answered once per block
    return article.analyses.memo_by(_SummaryBlocks, tuple(headings))(index)


class _SummaryBlocks:
    """Which blocks of an article sit in a summary, answered block by block."""

    def __init__(self, article: Article, headings: tuple[str, ...]) -> None:
        self.article = article
        self.headings = headings
        self.blocks: dict[int, bool] = {}

    def __call__(self, index: int) -> bool:
        found = self.blocks.get(index)
        if found is None:
            found = self.blocks[index] = self._in_summary(self.article.blocks[index])
        return found

    def _in_summary(self, block: Block) -> bool:
        # "**The short version:** ..." opens a summary as surely as a heading does.
        if block.lead_in and names_one_of(block.lead_in, self.headings):
            return True
        return in_section(self.article, block, self.headings)
