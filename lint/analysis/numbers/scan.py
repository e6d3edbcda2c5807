"""extract_mentions: every figure in an article's prose, sentence by sentence and cell by cell."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...text.sections import block_index_at, reference_blocks
from ...text.sentences import sentence_spans
from ..citations import CITATION_OPTIONS, marker_spans
from .grammar import SentenceParser
from .mention import NumericMention
from .number_words import NUMBER_WORDS
from .tables import row_context, split_cells, table_headers
from .timeline import rank_mentions, timeline_mentions
from .tokens import DIGIT, NUMBER_WORD, NUMBER_WORD_REACH, Toks, tokenize

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article


def _masked_prose(article: Article) -> str:
    """Prose with citation markers blanked, so "[12]" or "(Smith, 2021)" never reads as a figure."""
    prose = article.prose
    spans = marker_spans(article)
    if not spans:
        return prose
    pieces, cursor = [], 0
    for start, end, _, _ in spans:
        if start < cursor:
            start = cursor
        if start >= end:
            continue
        pieces.append(prose[cursor:start])
        pieces.append(re.sub(r"[^\n]", " ", prose[start:end]))
        cursor = end
    pieces.append(prose[cursor:])
    return "".join(pieces)


# Full-width (８５％) and Arabic-Indic (٨٥٪, ۸۵) digits and signs read as their ASCII
# forms, one character for one, so offsets do not move: such figures are claims too.
DIGIT_FORMS = {
    **{0xFF10 + i: str(i) for i in range(10)},
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    0xFF05: "%",
    0x066A: "%",
    0xFF0E: ".",
    0xFF0C: ",",
    0x066B: ".",
    0x066C: ",",
}

FORMS = re.compile("[" + "".join(re.escape(chr(c)) for c in DIGIT_FORMS) + "]")


def extract_mentions(article: Article) -> list[NumericMention]:
    """Every numeric mention in the article's prose that is a claim candidate, in order (cached)."""
    return article.analyses.memo(_scan_mentions)


def _scan_mentions(article: Article) -> list[NumericMention]:
    masked = _masked_prose(article)
    if FORMS.search(masked):  # translating maps every character: only when one needs it
        masked = masked.translate(DIGIT_FORMS)
    lowered = masked.lower()
    if len(lowered) != len(masked):  # a few characters change length when lowercased ("İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in masked)
    skip_blocks = {
        b.index for b in reference_blocks(article, CITATION_OPTIONS["reference-headings"])
    }
    tables = _Tables(article)
    mentions: list[NumericMention] = []
    for s_start, s_end in sentence_spans(article):
        if not _has_trigger(lowered, s_start, s_end):
            continue  # no digit and no number word in this sentence
        mentions.extend(_read_sentence(article, masked, s_start, s_end, skip_blocks, tables))
    titles = [
        (link.start, link.end)
        for link in article.layout.links
        if not re.match(r"^(?:https?:|www\.|mailto:)", link.href.strip(), re.I)
    ]
    if (
        titles
    ):  # "[Why 80% of patients respond](/blog/why)": another article's title, not a claim here
        mentions = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in titles)]
    extra = [
        m
        for m in timeline_mentions(article, mentions) + rank_mentions(article, mentions)
        if m.block not in skip_blocks
    ]
    if extra:
        mentions = sorted(mentions + extra, key=lambda m: (m.start, m.end))
    return mentions


def _has_trigger(lowered: str, start: int, end: int) -> bool:
    """Whether a digit or a number word starts in lowered[start:end] (the number words read
    in the whole text: a word ending past `end` is found as it would be there)."""
    if DIGIT.search(lowered, start, end):
        return True
    found = NUMBER_WORD.search(lowered, start, min(len(lowered), end + NUMBER_WORD_REACH))
    return found is not None and found.start() < end


class _Tables:
    """Each table row's text and column headers, read on the first table cell (lazily)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.rows: dict[int, str] | None = None
        self.headers: dict[int, list[str]] = {}

    def row(self, row: int) -> tuple[str, list[str]]:
        """(the row's text, its column headers)."""
        if self.rows is None:
            self.rows, self.headers = row_context(self.article), table_headers(self.article)
        return self.rows.get(row, ""), self.headers.get(row, [])


def _read_sentence(
    article: Article,
    masked: str,
    s_start: int,
    s_end: int,
    skip_blocks: set[int],
    tables: _Tables,
) -> list[NumericMention]:
    """The mentions in one sentence of prose (each table cell of a row read on its own)."""
    text = masked[s_start:s_end]
    stripped = len(text) - len(text.lstrip())
    index = block_index_at(article, s_start + stripped)
    if index is None:
        return []
    block = article.blocks[index]
    if not block.is_prose or index in skip_blocks:
        return []
    sentence = (s_start + stripped, s_start + len(text.rstrip()))
    toks = tokenize(text, s_start)
    context = ""
    header: list[str] = []
    if block.row is not None:
        context, header = tables.row(block.row)
    if block.lead_in:
        context += " " + block.lead_in.lower()
    cell = block.row is not None
    mentions: list[NumericMention] = []
    for column, segment in enumerate(split_cells(article, toks) if cell else [toks]):
        if not segment.texts:
            continue
        words = (
            " " + " ".join(re.findall(r"[^\W\d_]+", header[column])) if column < len(header) else ""
        )
        mentions.extend(_read_segment(article, segment, context + words, sentence, index, cell))
    return mentions


NUMBER_OPENERS = frozenset(NUMBER_WORDS | {"a", "an"})


def _read_segment(
    article: Article,
    toks: Toks,
    context: str,
    sentence: tuple[int, int],
    index: int,
    cell: bool = False,
) -> list[NumericMention]:
    """The mentions in one sentence (or one table cell of it), read number by number."""
    mentions: list[NumericMention] = []
    parser = SentenceParser(toks, context, cell)
    # where a number may start: found in one pass, then read from the left
    lows, offsets, ends = toks.lows, toks.starts, toks.ends
    starts = [
        k
        for k, (digit, low) in enumerate(zip(toks.digit, lows, strict=True))
        if digit or low in NUMBER_OPENERS
    ]
    i = 0
    for k in starts:
        if k < i:
            continue  # inside what the last number read
        i = k
        if lows[i] in ("a", "an") and parser.read_quantity(i) is None:
            continue
        claim, i = parser.parse(i)
        if claim is None:
            continue
        start, end = article.snap(offsets[claim.start_tok], ends[min(claim.end_tok, len(lows)) - 1])
        mentions.append(
            NumericMention(
                start=start,
                end=end,
                low=float(claim.low),
                high=float(claim.high),
                unit=claim.unit,
                qualifier=claim.qualifier,
                scale=claim.scale,
                kind=claim.kind,
                text=article.text[start:end],
                sentence_start=sentence[0],
                sentence_end=sentence[1],
                block=index,
                number_start=offsets[claim.num_start],
                number_end=ends[claim.num_end - 1],
                noun=claim.noun,
            )
        )
    return mentions
