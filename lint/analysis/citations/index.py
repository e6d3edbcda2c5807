"""The citation index of one article: which spans a citation supports."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...text.sections import block_index_at
from ...text.units import Unit, in_summary, unit_of
from ..components import citing_spans
from .coverage import section_of_heading, units_of_citation
from .markers import Citation, is_external, marker_spans, numbers_in, own_domains
from .markers import reference_entries as _reference_entries
from .options import CITATION_OPTIONS

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article
    from ..numbers import NumericMention


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
        self._summary_key = tuple(self.summary_headings)
        self._citation_at: dict[int, Citation | None] = {}  # start -> citation_for(start)
        self._summary_at: dict[int, bool] = {}  # offset -> in_summary(offset)
        self._by_unit: dict[Unit, Citation] = {}
        # whole sections under a heading that cites its study
        self._by_block: dict[int, Citation] = {}
        for citation in self.citations:
            units = units_of_citation(
                article, citation, self.paragraph_scope, self.lead_in_covers_list
            )
            for unit in units:
                self._by_unit.setdefault(unit, citation)
            for index in section_of_heading(article, citation, self.citations):
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
        found.extend(self._markers())
        for start, end, target in citing_spans(
            article, self.options.get("citation-components") or ()
        ):
            found.append(Citation(start, end, "component", target))
        found.sort(key=lambda c: (c.start, c.end))
        return found

    def _markers(self) -> list[Citation]:
        """The markers that count: a numbered one only when every number resolves."""
        entries = (
            _reference_entries(self.article, self.reference_headings)
            if "reference" in self.forms
            else set()
        )
        found = []
        for start, end, form, target in marker_spans(self.article):
            if form == "reference":
                numbers = numbers_in(target)
                if "reference" in self.forms and numbers and all(n in entries for n in numbers):
                    found.append(Citation(start, end, form, target))
            elif form in self.forms:
                found.append(Citation(start, end, form, target))
        return found

    # -- queries --------------------------------------------------------
    def unit_of(self, offset: int) -> Unit | None:
        return unit_of(self.article, offset, self.paragraph_scope)

    def citation_for(self, start: int, end: int | None = None) -> Citation | None:
        """The citation that supports the span starting at `start`, if any (asked again and
        again of the same figures when summaries are matched to their cited twins)."""
        if start not in self._citation_at:
            self._citation_at[start] = self._citation_for(start)
        return self._citation_at[start]

    def _citation_for(self, start: int) -> Citation | None:
        unit = self.unit_of(start)
        if unit is None:
            return None
        found = self._by_unit.get(unit)
        if found is None and self._by_block:
            index = block_index_at(self.article, start)
            found = self._by_block.get(index) if index is not None else None
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
        if offset not in self._summary_at:
            self._summary_at[offset] = in_summary(self.article, offset, self._summary_key)
        return self._summary_at[offset]

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


@dataclass(frozen=True)
class CitationOptions:
    """A rule's citation options as a hashable value: equal when their text is equal."""

    text: str
    values: dict[str, Any] = field(compare=False, hash=False)

    @classmethod
    def of(cls, options: Mapping[str, Any] | None) -> CitationOptions:
        values = {k: (options or {}).get(k, v) for k, v in CITATION_OPTIONS.items()}
        return cls(repr(sorted((k, repr(v)) for k, v in values.items())), values)


def _index(article: Article, options: CitationOptions) -> Citations:
    return Citations(article, options.values)


def citations_for(article: Article, options: Mapping[str, Any] | None = None) -> Citations:
    """One `Citations` per article and option set (two rules usually share it)."""
    return article.analyses.memo_by(_index, CitationOptions.of(options))


def citation_index(article: Article, options: Mapping[str, Any] | None = None) -> Citations:
    """The name the issue uses; same as `citations_for`."""
    return citations_for(article, options)
