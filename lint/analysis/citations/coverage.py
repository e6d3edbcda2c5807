"""Which units one citation covers: its own, or the sentence before when it trails a full
stop, and what it introduces (a list, a table, a quotation), the paragraphs of a study
named in bold, or the section under a heading that cites one study."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...text.sections import block_index_at
from ...text.sentences import sentence_index, sentence_spans
from ...text.units import Unit, block_sentences, quoted_paragraph, unit_of
from .markers import Citation

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article

LINK_TEXT_MARKER = re.compile(
    r"^\s*(?:\[?\d{1,3}\]?|source|sources|ref|reference|link|here|study|pdf)\s*$", re.I
)


def units_of_citation(
    article: Article, citation: Citation, paragraph_scope: bool, lead_in_covers_list: bool
) -> list[Unit]:
    unit = unit_of(article, citation.start, paragraph_scope)
    if unit is None:
        return []
    units = [unit]
    if unit[0] == "sentence" and belongs_to_previous(article, citation, unit[1]):
        units = [("sentence", unit[1] - 1)]
    if lead_in_covers_list:
        units.extend(list_after_lead_in(article, citation))
    units.extend(paragraph_of_labelled_study(article, citation))
    return units


def paragraph_of_labelled_study(article: Article, citation: Citation) -> list[Unit]:
    """ "**Zarate et al. (2012)**: In a study of 15 patients..." names its source in the
    paragraph's bold label, so the citation covers the whole paragraph, and the
    line that introduces such paragraphs ("Several trials support ketamine:")."""
    index = block_index_at(article, citation.start)
    if index is None:
        return []
    block = article.blocks[index]
    if not block.lead_in or block.kind != "paragraph" or block.item is not None:
        return []
    label_end = article.text.find(block.lead_in, block.start, block.end)
    if label_end < 0 or citation.start > label_end + len(block.lead_in) + 4:
        return []
    units = block_sentences(article, block)
    previous = article.blocks[index - 1] if index > 0 else None
    while (
        previous is not None
        and previous.kind == "paragraph"
        and previous.lead_in
        and previous.item is None
    ):
        previous = article.blocks[previous.index - 1] if previous.index > 0 else None
    if (
        previous is not None
        and previous.kind == "paragraph"
        and previous.item is None
        and article.text[previous.start : previous.end].rstrip().rstrip("*_ ").endswith(":")
    ):
        offset = max(previous.start, previous.end - 1)
        units.append(("sentence", sentence_index(article, offset)))
    return units


def section_of_heading(article: Article, citation: Citation, found: list[Citation]) -> list[int]:
    """ "### Carlini and Cunha (1981)": a heading that names and cites one study (an author and a
    year) covers the section below it (policy §4); a link, a year or several sources do not."""
    index = block_index_at(article, citation.start)
    if index is None or article.blocks[index].kind != "heading":
        return []
    heading = article.blocks[index]
    inside = [c for c in found if heading.start <= c.start < heading.end]
    if citation.form != "author-year" or len(inside) != 1:
        return []
    level = article.blocks[index].level
    covered = []
    for block in article.blocks[index + 1 :]:
        if block.kind == "heading" and block.level <= level:
            break
        covered.append(block.index)
    return covered


def list_after_lead_in(article: Article, citation: Citation) -> list[Unit]:
    """ "A review of 22 studies found [2]:" followed by a list, a table or a quotation:
    the citation covers what it introduces ("[Atkin et al.](url) explain:" then a quote)."""
    blocks = article.blocks
    index = block_index_at(article, citation.start)
    if index is None:
        return []
    block = blocks[index]
    body = article.text[citation.start : block.end].rstrip().rstrip("*_ ")
    if not body.endswith(":") or re.search(r"[.!?]\s", article.text[citation.end : block.end]):
        return []  # not the block's last sentence, or it does not introduce what follows
    units: list[Unit] = []
    quoting = None
    for following in blocks[index + 1 :]:
        if quoting is None and not block.quote and quoted_paragraph(article, following):
            # "From [the review](url):" then a paragraph set wholly in italics or quotation marks:
            # a quotation attributed to the cited source (policy §2), like a blockquote
            units.extend(_quoted_paragraphs(article, following.index))
            break
        if quoting is None:
            quoting = following.quote and not block.quote
        if quoting:
            if not following.quote or following.kind == "heading":
                break
            units.extend(block_sentences(article, following))
            continue
        if following.kind == "heading" or (following.item is None and following.row is None):
            break
        if following.item is not None and following.item == block.item:
            continue
        unit = ("row", following.row) if following.row is not None else ("item", following.item)
        if unit not in units:
            units.append(unit)
    return units


def _quoted_paragraphs(article: Article, index: int) -> list[Unit]:
    """The sentences of the run of quoted paragraphs from block `index` on."""
    blocks = article.blocks
    units: list[Unit] = []
    following = blocks[index] if index < len(blocks) else None
    while following is not None and quoted_paragraph(article, following):
        units.extend(block_sentences(article, following))
        following = blocks[following.index + 1] if following.index + 1 < len(blocks) else None
    return units


def belongs_to_previous(article: Article, citation: Citation, sentence: int) -> bool:
    """A marker right after a full stop ("…patients.[1](url) Next") cites the sentence before."""
    if sentence == 0:
        return False
    start, _ = sentence_spans(article)[sentence]
    if article.prose[start : citation.start].strip():
        return False  # the citation is not at the start of its sentence
    text = article.text
    j = citation.start
    while j > 0 and text[j - 1] in "[^(":  # the marker's own opening bracket
        j -= 1
    k = j
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] not in ".!?":
        return False
    if block_index_at(article, k - 1) != block_index_at(article, citation.start):
        return False
    glued = k == j
    if citation.form == "link":
        return glued or bool(LINK_TEXT_MARKER.match(text[citation.start : citation.end]))
    return glued or citation.form in ("reference", "footnote", "identifier", "component")
