"""Citation detection: which spans of an article are supported by a source.

A citation is one of five forms (each can be switched off with the
`citation-forms` option):

- ``link``: a link to an external source; links to the publisher's own domains
  (`own-domains`, plus the host of the frontmatter's canonical URL) do not count;
- ``footnote``: a ``[^n]`` marker that resolves to a footnote definition;
- ``reference``: a numbered marker ``[3]``, ``[1, 4-6]``, ``<sup>3</sup>``, ``¹`` or
  ``^3^`` that resolves to an entry of a References / Sources section;
- ``author-year``: ``(Smith et al., 2021)``, ``(WHO, 2020; Lee 2019)``,
  ``Berman et al. (2000)``;
- ``identifier``: a DOI, PMID, PMCID or arXiv id written in the text.

A citation covers its *unit*: its sentence, or its whole list item or table row
when it is in one. With ``citation-scope: paragraph`` it covers its paragraph.
A figure repeated in a summary section (Key Takeaways, Summary, Bottom line...)
is supported when the same figure is cited elsewhere in the article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from ..text.sections import (
    _normalise_heading,
    _phrase_pattern,
    block_index_at,
    in_section,
    reference_blocks,
)
from ..text.sentences import sentence_spans
from .components import citing_spans

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article
    from .numbers import NumericMention

FORMS = ("link", "footnote", "reference", "author-year", "identifier")

# Options every check that asks "is this cited?" accepts (merged into their kinds' options).
CITATION_OPTIONS: dict[str, Any] = {
    "citation-forms": list(FORMS),
    "own-domains": [],
    "own-domain-keys": ["canonicalUrl", "canonical_url", "canonical", "siteUrl", "site_url"],
    "citation-scope": "sentence",
    # The site's own citation markup (lint/analysis/components.py): set by the top-level config key
    # `citation-components`, e.g. [{tag = "Cite"}, {shortcode = "cite"}, {pattern = "…"}].
    "citation-components": [],
    "lead-in-covers-list": True,
    "reference-headings": [
        "references",
        "reference list",
        "sources",
        "source",
        "bibliography",
        "citations",
        "works cited",
        "literature cited",
        "studies cited",
        "research cited",
        "scientific references",
        "footnotes",
        "notes",
        "endnotes",
    ],
    "summary-headings": [
        "key takeaways",
        "takeaways",
        "key takeaway",
        "summary",
        "in summary",
        "quick summary",
        "bottom line",
        "tl;dr",
        "tldr",
        "key points",
        "at a glance",
        "highlights",
        "conclusion",
        "conclusions",
        "in conclusion",
        "quick facts",
        "key facts",
        "recap",
        "what to remember",
        "the short version",
    ],
}

# -- marker patterns (also used by the number grammar to skip their digits) -----
NUMBERED = re.compile(r"\[\s*(\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*)\s*\](?![(:\[])")
ANCHOR_MARKER = re.compile(r"^\s*\[?\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*\]?\s*$")
RAW_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,20}\]")
SUPERSCRIPT = re.compile(r"(?<=[^\s\d])([¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,⁻–-][¹²³⁴⁵⁶⁷⁸⁹⁰]+)*)")
CARET_SUP = re.compile(r"\^(\d{1,3}(?:[,–-]\d{1,3})*)\^")
HTML_SUP = re.compile(r"<sup>\s*\[?(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]?\s*</sup>", re.I)
DOI = re.compile(r"\b10\.\d{4,9}/[-._;()/:A-Za-z0-9]*[A-Za-z0-9]")
DOI_PREFIX = re.compile(r"doi:?\s*$", re.I)
PMID = re.compile(r"\bPMID:?\s*\d{1,9}\b", re.I)
PMCID = re.compile(r"\bPMC\s?\d{4,9}\b")
ARXIV = re.compile(r"\barXiv:\s?\d{4}\.\d{4,5}(?:v\d+)?\b", re.I)
PARENS = re.compile(r"\(([^()\n]{4,240})\)")
YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d{2}[a-z]?(?!\d)")
PAGES = re.compile(r"\bpp?\.\s*\d+(?:\s*[-–]\s*\d+)?")
CITATION_WORDS = {
    "et",
    "al",
    "and",
    "colleagues",
    "coworkers",
    "co-workers",
    "see",
    "e.g",
    "eg",
    "cf",
    "in",
    "press",
    "of",
    "the",
    "for",
    "p",
    "pp",
    "also",
    "von",
    "van",
    "de",
    "der",
    "den",
    "da",
    "di",
    "le",
    "la",
    "du",
    "y",
    "reviewed",
    "by",
    "as",
    "ed",
    "eds",
    "n.d",
    "nd",
    "accessed",
    "updated",
    "team",
    "group",
    "investigators",
    "study",
    "on",
    "behalf",
    "writing",
    "committee",
}
MONTHS_CAP = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Spring",
    "Summer",
    "Autumn",
    "Fall",
    "Winter",
}


def is_author_year(content: str) -> bool:
    """ "Smith et al., 2021", "Lincoff and colleagues, 2023", "Davis et al., JAMA Psychiatry, 2021; WHO 2020"."""
    parts = [p.strip() for p in content.split(";") if p.strip()]
    if not parts:
        return False
    for part in parts:
        if not YEAR_IN.search(part):
            return False
        if re.search(r"\d", PAGES.sub("", YEAR_IN.sub("", part))):
            return False  # "(n = 120, 2019)", "(Phase 3, 2019)": other numbers are not a citation
        words = re.findall(r"[^\W\d_][\w'’.&-]*", part)
        named = False
        for word in words:
            bare = word.rstrip(".,").lower()
            if word in MONTHS_CAP or word.rstrip(".") in MONTHS_CAP:
                return False
            if word[:1].isupper():
                named = True
            elif bare not in CITATION_WORDS:
                return False
        if not named:
            return False
    return True


NARRATIVE_YEAR = re.compile(r"\(((?:19|20)\d{2}[a-z]?)\)")
NARRATIVE_NAME = re.compile(
    r"\b([A-Z][\w'’\-]+)(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'’\-]+))?\s+$"
)
NARRATIVE_STOP = {
    "In",
    "The",
    "A",
    "An",
    "From",
    "Since",
    "Study",
    "Studies",
    "Update",
    "Published",
    "Updated",
    "By",
    "Of",
    "On",
    "At",
    "Until",
    "Before",
    "After",
    "During",
    "Year",
}
LINK_TEXT_MARKER = re.compile(
    r"^\s*(?:\[?\d{1,3}\]?|source|sources|ref|reference|link|here|study|pdf)\s*$", re.I
)


TITLED = re.compile(r"([A-Z][\w'’\-]*)[ \t]+$")
NAME_TITLES = {"Dr.", "Dr", "Prof.", "Prof", "Professor", "Drs.", "Mr.", "Ms.", "Mrs."}


def _title_before(prose: str, name: re.Match) -> bool:
    """ "Ketamine Guide (2025)", "Standards of Care (2022)": a capitalised title before a year is not an
    author, so the year alone cites nothing (policy §3). "Zarate et al. (2006)" and "Dr. Berman
    (2000)" name one."""
    if "et al" in name.group(0) or re.search(r"\s(?:and|&)\s", name.group(0)):
        return False
    before = TITLED.search(prose, max(0, name.start() - 40), name.start())
    if before is None or before.group(1) in NAME_TITLES:
        return False
    k = before.start() - 1
    while k >= 0 and prose[k] in " \t":
        k -= 1
    return not (k < 0 or prose[k] in ".!?\n:") or before.group(1) not in NARRATIVE_STOP


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    form: str  # link | footnote | reference | author-year | identifier
    target: str  # the href, footnote label, reference number(s) or identifier text


def _cache(article: Article) -> dict:
    return article.cache


# -- markers ------------------------------------------------------------------
def _author_year_spans(prose: str) -> list[tuple[int, int]]:
    spans = []
    for m in PARENS.finditer(prose):
        if is_author_year(m.group(1)):
            spans.append((m.start(), m.end()))
    for m in NARRATIVE_YEAR.finditer(
        prose
    ):  # "Berman et al. (2000)": find the year, then look back for the name
        name = NARRATIVE_NAME.search(prose, max(0, m.start() - 80), m.start())
        if name and name.group(1) not in NARRATIVE_STOP and not _title_before(prose, name):
            spans.append((m.start(), m.end()))
    return spans


def marker_spans(article: Article) -> list[tuple[int, int, str, str]]:
    """Every citation-like marker in prose: (start, end, form, target), resolved or not.

    The number grammar skips the digits inside these; `Citations` decides which count.
    """
    cache = _cache(article)
    if "markers" in cache:
        return cache["markers"]
    prose = article.prose
    found: list[tuple[int, int, str, str]] = []
    for m in NUMBERED.finditer(prose):
        found.append((m.start(), m.end(), "reference", m.group(1)))
    for m in RAW_FOOTNOTE.finditer(prose):
        found.append((m.start(), m.end(), "raw-footnote", m.group(0)))
    patterns = [CARET_SUP] if "^" in prose else []
    if any(ch in prose for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰"):
        patterns.append(SUPERSCRIPT)
    for pattern in patterns:
        for m in pattern.finditer(prose):
            found.append((m.start(), m.end(), "reference", _desuperscript(m.group(1))))
    html_starts = {s.start for s in article.layout.spans if s.kind == "html"}
    for m in HTML_SUP.finditer(article.text, article.body_offset):
        if m.start() in html_starts:
            found.append((m.start(), m.end(), "reference", m.group(1)))
    for link in article.layout.links:
        # "[4](#References)", "[[12]](#ref-12)": an in-page link whose text is a number is a reference marker
        if link.href.startswith("#"):
            m = ANCHOR_MARKER.match(article.text[link.start : link.end])
            if m:
                found.append((link.start, link.end, "reference", m.group(1)))
    for start, end in _author_year_spans(prose):
        found.append((start, end, "author-year", prose[start:end]))
    lowered = prose.lower()
    if "10." in prose:
        for m in DOI.finditer(prose):
            prefix = DOI_PREFIX.search(prose, max(0, m.start() - 6), m.start())
            found.append(
                (prefix.start() if prefix else m.start(), m.end(), "identifier", m.group(0))
            )
    for pattern, needle in ((PMID, "pmid"), (PMCID, "pmc"), (ARXIV, "arxiv")):
        if needle in lowered:
            for m in pattern.finditer(prose):
                found.append((m.start(), m.end(), "identifier", m.group(0)))
    found.sort()
    cache["markers"] = found
    return found


_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁻", "1234567890-")


def _desuperscript(text: str) -> str:
    return text.translate(_SUPERSCRIPTS)


def _numbers_in(marker: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", marker.strip()):
        bounds = re.split(r"\s*[–—-]\s*", part)
        try:
            values = [int(b) for b in bounds if b]
        except ValueError:
            return []
        if len(values) == 2 and values[0] <= values[1] <= values[0] + 50:
            numbers.extend(range(values[0], values[1] + 1))
        else:
            numbers.extend(values)
    return numbers


ENTRY_NUMBER = re.compile(r"^\s{0,3}(?:[-*+]\s+)?(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s")
ENTRY_BRACKET = re.compile(r"^\s{0,3}\[(\d{1,3})\]\s+\S.{15,}")


def reference_entries(article: Article, phrases: Iterable[str]) -> set[int]:
    """The entry numbers of the article's reference list(s)."""
    key = ("reference_entries", tuple(phrases))
    cache = _cache(article)
    if key in cache:
        return cache[key]
    entries: set[int] = set()
    blocks = reference_blocks(article, phrases)
    counted = 0
    seen_items: set = set()
    for block in blocks:
        line = article.index.line_text(block.start_line)
        m = ENTRY_NUMBER.match(line)
        if m:
            entries.add(int(m.group(1) or m.group(2)))
        unit = block.item if block.item is not None else ("b", block.index)
        if unit not in seen_items:
            seen_items.add(unit)
            counted += 1
    entries.update(range(1, counted + 1))  # unnumbered lists: the n-th entry is [n]
    # A "[n] Author. Title..." list with no heading above it still resolves.
    for block in article.blocks:
        if block.kind == "paragraph":
            m = ENTRY_BRACKET.match(article.index.line_text(block.start_line))
            if m:
                entries.add(int(m.group(1)))
    cache[key] = entries
    return entries


# -- the index ----------------------------------------------------------------
def _host(href: str) -> str:
    href = href.strip()
    if href.lower().startswith("www."):
        href = "http://" + href
    try:
        return (urlparse(href).hostname or "").lower()
    except ValueError:
        return ""


def own_domains(article: Article, options: Mapping[str, Any]) -> list[str]:
    domains = [str(d).lower().lstrip(".") for d in options.get("own-domains") or []]
    for key in options.get("own-domain-keys") or []:
        value = article.meta.get(key)
        if isinstance(value, str) and value.strip():
            host = _host(value)
            if host:
                domains.append(host[4:] if host.startswith("www.") else host)
    return [d for d in domains if d]


def is_external(href: str, own: Iterable[str]) -> bool:
    host = _host(href)
    if not host or "." not in host:
        return False
    if not re.match(r"^(?:https?://|www\.)", href.strip(), re.I):
        return False
    bare = host[4:] if host.startswith("www.") else host
    return not any(bare == d or bare.endswith("." + d) for d in own)


class Citations:
    """Which spans of one article a citation supports."""

    def __init__(self, article: Article, options: Mapping[str, Any] | None = None) -> None:
        opts = dict(CITATION_OPTIONS)
        opts.update({k: v for k, v in (options or {}).items() if k in CITATION_OPTIONS})
        self.article = article
        self.options = opts
        self.forms = set(opts["citation-forms"] or [])
        self.paragraph_scope = str(opts["citation-scope"]).lower() == "paragraph"
        self.lead_in_covers_list = bool(opts["lead-in-covers-list"])
        self.summary_headings = list(opts["summary-headings"] or [])
        self.reference_headings = list(opts["reference-headings"] or [])
        self.citations = self._find()
        self._by_unit: dict[tuple, Citation] = {}
        self._by_block: dict[
            int, Citation
        ] = {}  # whole sections under a heading that cites its study
        for citation in self.citations:
            for unit in self._units_of_citation(citation):
                self._by_unit.setdefault(unit, citation)
            for index in self._section_of_heading(citation):
                self._by_block.setdefault(index, citation)

    # -- finding --------------------------------------------------------
    def _find(self) -> list[Citation]:
        article = self.article
        found: list[Citation] = []
        if "link" in self.forms:
            own = own_domains(article, self.options)
            for link in article.layout.links:
                if is_external(link.href, own):
                    found.append(
                        Citation(link.start, max(link.end, link.start + 1), "link", link.href)
                    )
        if "footnote" in self.forms:
            for span in article.layout.spans:
                if span.kind == "footnote_ref" and span.value in article.layout.footnotes:
                    found.append(Citation(span.start, span.end, "footnote", span.value))
        entries = (
            reference_entries(article, self.reference_headings)
            if "reference" in self.forms
            else set()
        )
        for start, end, form, target in marker_spans(article):
            if form == "reference":
                numbers = _numbers_in(target)
                if "reference" in self.forms and numbers and all(n in entries for n in numbers):
                    found.append(Citation(start, end, form, target))
            elif form in self.forms:
                found.append(Citation(start, end, form, target))
        for start, end, target in citing_spans(article, self.options.get("citation-components")):
            found.append(Citation(start, end, "component", target))
        found.sort(key=lambda c: (c.start, c.end))
        return found

    # -- units ----------------------------------------------------------
    def _sentence_index(self, offset: int) -> int:
        spans = sentence_spans(self.article)
        starts = self.article.cache.get("sentence_starts")
        if starts is None:  # not rebuilt on every call: asked once per figure
            starts = self.article.cache["sentence_starts"] = [s for s, _ in spans]
        return max(0, bisect_right(starts, offset) - 1)

    def unit_of(self, offset: int) -> tuple | None:
        index = block_index_at(self.article, offset)
        if index is None:
            return None
        block = self.article.blocks[index]
        if block.row is not None:
            return ("row", block.row)
        if block.item is not None:
            return ("item", block.item)
        if self.paragraph_scope:
            return ("block", block.index)
        return ("sentence", self._sentence_index(offset))

    def _units_of_citation(self, citation: Citation) -> list[tuple]:
        unit = self.unit_of(citation.start)
        if unit is None:
            return []
        units = [unit]
        if unit[0] == "sentence" and self._belongs_to_previous(citation, unit[1]):
            units = [("sentence", unit[1] - 1)]
        if self.lead_in_covers_list:
            units.extend(self._list_after_lead_in(citation))
        units.extend(self._paragraph_of_labelled_study(citation))
        return units

    def _paragraph_of_labelled_study(self, citation: Citation) -> list[tuple]:
        """ "**Zarate et al. (2012)**: In a study of 15 patients..." names its source in the
        paragraph's bold label, so the citation covers the whole paragraph, and the
        line that introduces such paragraphs ("Several trials support ketamine:")."""
        index = block_index_at(self.article, citation.start)
        if index is None:
            return []
        block = self.article.blocks[index]
        if not block.lead_in or block.kind != "paragraph" or block.item is not None:
            return []
        label_end = self.article.text.find(block.lead_in, block.start, block.end)
        if label_end < 0 or citation.start > label_end + len(block.lead_in) + 4:
            return []
        first, last = (
            self._sentence_index(block.start),
            self._sentence_index(max(block.start, block.end - 1)),
        )
        units = [("sentence", i) for i in range(first, last + 1)]
        previous = self.article.blocks[index - 1] if index > 0 else None
        while (
            previous is not None
            and previous.kind == "paragraph"
            and previous.lead_in
            and previous.item is None
        ):
            previous = self.article.blocks[previous.index - 1] if previous.index > 0 else None
        if (
            previous is not None
            and previous.kind == "paragraph"
            and previous.item is None
            and self.article.text[previous.start : previous.end]
            .rstrip()
            .rstrip("*_ ")
            .endswith(":")
        ):
            units.append(("sentence", self._sentence_index(max(previous.start, previous.end - 1))))
        return units

    def _section_of_heading(self, citation: Citation) -> list[int]:
        """ "### Carlini and Cunha (1981)": a heading that names and cites one study (an author and a
        year) covers the section below it (policy §4); a link, a year or several sources do not."""
        index = block_index_at(self.article, citation.start)
        if index is None or self.article.blocks[index].kind != "heading":
            return []
        heading = self.article.blocks[index]
        inside = [c for c in self.citations if heading.start <= c.start < heading.end]
        if citation.form != "author-year" or len(inside) != 1:
            return []
        level = self.article.blocks[index].level
        covered = []
        for block in self.article.blocks[index + 1 :]:
            if block.kind == "heading" and block.level <= level:
                break
            covered.append(block.index)
        return covered

    def _list_after_lead_in(self, citation: Citation) -> list[tuple]:
        """ "A review of 22 studies found [2]:" followed by a list, a table or a quotation:
        the citation covers what it introduces ("[Atkin et al.](url) explain:" then a quote)."""
        blocks = self.article.blocks
        index = block_index_at(self.article, citation.start)
        if index is None:
            return []
        block = blocks[index]
        body = self.article.text[citation.start : block.end].rstrip().rstrip("*_ ")
        if not body.endswith(":") or re.search(
            r"[.!?]\s", self.article.text[citation.end : block.end]
        ):
            return []  # not the block's last sentence, or it does not introduce what follows
        units = []
        quoting = None
        for following in blocks[index + 1 :]:
            if quoting is None and not block.quote and self._quoted_paragraph(following):
                # "From [the review](url):" then a paragraph set wholly in italics or quotation marks:
                # a quotation attributed to the cited source (policy §2), like a blockquote
                while following is not None and self._quoted_paragraph(following):
                    first = self._sentence_index(following.start)
                    last = self._sentence_index(max(following.start, following.end - 1))
                    units.extend(("sentence", i) for i in range(first, last + 1))
                    following = (
                        blocks[following.index + 1] if following.index + 1 < len(blocks) else None
                    )
                break
            if quoting is None:
                quoting = following.quote and not block.quote
            if quoting:
                if not following.quote or following.kind == "heading":
                    break
                first = self._sentence_index(following.start)
                last = self._sentence_index(max(following.start, following.end - 1))
                units.extend(("sentence", i) for i in range(first, last + 1))
                continue
            if following.kind == "heading" or (following.item is None and following.row is None):
                break
            if following.item is not None and following.item == block.item:
                continue
            unit = ("row", following.row) if following.row is not None else ("item", following.item)
            if unit not in units:
                units.append(unit)
        return units

    def _quoted_paragraph(self, block) -> bool:
        """A plain paragraph set wholly in italics ("_…_", "*…*") or in quotation marks ("“…”")."""
        if block.kind != "paragraph" or block.item is not None or block.row is not None:
            return False
        text = self.article.text[block.start : block.end].strip()
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

    def _belongs_to_previous(self, citation: Citation, sentence: int) -> bool:
        """A marker right after a full stop ("…patients.[1](url) Next") cites the sentence before."""
        if sentence == 0:
            return False
        spans = sentence_spans(self.article)
        start, _ = spans[sentence]
        prose = self.article.prose
        if prose[start : citation.start].strip():
            return False  # the citation is not at the start of its sentence
        text = self.article.text
        j = citation.start
        while j > 0 and text[j - 1] in "[^(":  # the marker's own opening bracket
            j -= 1
        k = j
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k == 0 or text[k - 1] not in ".!?":
            return False
        if block_index_at(self.article, k - 1) != block_index_at(self.article, citation.start):
            return False
        glued = k == j
        if citation.form == "link":
            return glued or bool(LINK_TEXT_MARKER.match(text[citation.start : citation.end]))
        return glued or citation.form in ("reference", "footnote", "identifier", "component")

    # -- queries --------------------------------------------------------
    def citation_for(self, start: int, end: int | None = None) -> Citation | None:
        """The citation that supports the span starting at `start`, if any."""
        unit = self.unit_of(start)
        if unit is None:
            return None
        found = self._by_unit.get(unit)
        if found is None and self._by_block:
            found = self._by_block.get(block_index_at(self.article, start))
        return found

    def covers(self, start: int, end: int | None = None) -> bool:
        return self.citation_for(start, end) is not None

    def cited_before(self, phrase: str, offset: int) -> bool:
        """ "the 2022 ADA guidelines" after a cited mention of the 2022 criteria: a definite "the" +
        year refers back to a source the article already cited with that year (policy 4)."""
        m = re.match(r"^the\s+((?:19|20)\d{2})\b", phrase.strip(), re.I)
        if not m:
            return False
        prose = self.article.prose
        for found in re.finditer(rf"(?<!\d){m.group(1)}(?!\d)", prose, 0):
            if found.start() >= offset:
                break
            if self.covers(found.start()):
                return True
        return False

    def in_summary(self, offset: int) -> bool:
        index = block_index_at(self.article, offset)
        if index is None or not self.summary_headings:
            return False
        block = self.article.blocks[index]
        # "**The short version:** ..." opens a summary as surely as a heading does.
        if block.lead_in and _phrase_pattern(tuple(self.summary_headings)).search(
            _normalise_heading(block.lead_in)
        ):
            return True
        return in_section(self.article, block, self.summary_headings)

    def support_for(
        self, mention: NumericMention, mentions: list[NumericMention]
    ) -> Citation | None:
        """A mention's citation, or, for a figure repeated in a summary, the cited twin's.

        `mentions` are the article's (`extract_mentions`): the caller passes them because the
        number grammar sits above citations (it reads citation markers), not below."""
        direct = self.citation_for(mention.start, mention.end)
        if direct is not None or not self.in_summary(mention.start):
            return direct
        twin = self._cited_twin(mention, mentions)
        if twin is not None:
            return twin
        # "71.4% and 77% in two centres": a summary line that repeats a cited finding is
        # supported as a whole, including the figures that only describe it
        for other in mentions:
            if other is not mention and other.sentence_start == mention.sentence_start:
                twin = self._cited_twin(other, mentions)
                if twin is not None:
                    return twin
        return None

    def _cited_twin(
        self, mention: NumericMention, mentions: list[NumericMention]
    ) -> Citation | None:
        for other in mentions:
            if other is mention or not same_figure(other, mention) or self.in_summary(other.start):
                continue
            twin = self.citation_for(other.start, other.end)
            if twin is not None:
                return twin
        return None


def same_figure(a: NumericMention, b: NumericMention) -> bool:
    return a.unit == b.unit and abs(a.low - b.low) < 1e-9 and abs(a.high - b.high) < 1e-9


def citations_for(article: Article, options: Mapping[str, Any] | None = None) -> Citations:
    """One `Citations` per article and option set (two rules usually share it)."""
    opts = {k: (options or {}).get(k, v) for k, v in CITATION_OPTIONS.items()}
    key = ("citations", repr(sorted((k, repr(v)) for k, v in opts.items())))
    cache = _cache(article)
    if key not in cache:
        cache[key] = Citations(article, opts)
    return cache[key]


def citation_index(article: Article, options: Mapping[str, Any] | None = None) -> Citations:
    """The name the issue uses; same as `citations_for`."""
    return citations_for(article, options)
