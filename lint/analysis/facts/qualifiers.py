"""The qualifiers a figure is stated under: regimen, route, population, region, period...

Each dimension (rules/lexicon/qualifiers.yaml) is looked up in the figure's
clause, its sentence and its lead-in, nearest first; some also in the
headings above, when those name exactly one value.
"""

from __future__ import annotations

from ...model.article import Article
from .fact import Fact
from .lexicon import Lexicon, Match, Measure
from .patterns import COMPARISON_BEFORE
from .spans import LexiconSpans


class QualifierFinder(LexiconSpans):
    lex: Lexicon  # set by the FactExtractor

    def __init__(self, article: Article) -> None:
        super().__init__(article)
        self._qualifier_values: dict[tuple[int, int], dict[str, list[Match]]] = {}
        self._applicable: dict[bool, list[str]] = {}
        self._heading_values: dict[tuple[str, int], str | None] = {}

    def add_qualifiers(
        self, fact: Fact, m, clause: tuple[int, int], block, spec: Measure | None
    ) -> None:
        """Each dimension that applies to the figure's measure, when the text states it:
        its value nearest the figure in the figure's nearest scope that names one; else, for
        dimensions read from headings, the one value the nearest heading names."""
        treatment_related = spec is not None and (
            spec.about == "treatment" or spec.treatment_specific
        )
        if treatment_related not in self._applicable:
            self._applicable[treatment_related] = self._dimensions_for(treatment_related)
        # The figure's scopes are the same for every dimension: their values are read
        # once per span, for all dimensions (_span_values), and only scopes naming one kept.
        scopes = [clause, self.sentence_span(m)] + [span for _, span in self.table_headers(block)]
        lead = self.lead_in_span(block)
        if lead is not None:
            scopes.append(lead)
        memo = self._qualifier_values
        named = []
        for scope in scopes:
            values = memo[scope] if scope in memo else self._span_values(scope)
            if values:
                named.append(values)
        middle = (m.start + m.end) / 2
        for dim in self._applicable[treatment_related]:
            for values in named:
                if dim in values:
                    found = values[dim]
                    nearest = min(found, key=lambda f: abs((f.start + f.end) / 2 - middle))
                    value: str | None = nearest.id
                    break
            else:
                value = None
                if dim in self.lex.from_heading and block is not None:
                    key = (dim, block.index)  # the same for every figure of the block
                    if key not in self._heading_values:
                        self._heading_values[key] = self._from_headings(dim, block)
                    value = self._heading_values[key]
            if value:
                fact.qualifiers[dim] = value
                if value in self.lex.strict:
                    fact.strict += (dim,)

    def _dimensions_for(self, treatment_related: bool) -> list[str]:
        """The dimensions that apply to a treatment's figures, or to a population's, in order."""
        out = []
        for dim in self.lex.dimensions:
            applies = self.lex.applies_to.get(dim, "any")
            if (applies == "treatment" and not treatment_related) or (
                applies == "population" and treatment_related
            ):
                continue
            out.append(dim)
        return out

    def _from_headings(self, dim: str, block) -> str | None:
        """The one value of the dimension the nearest heading naming any names."""
        memo = self._qualifier_values
        for heading in self.headings(block):
            span = (heading.start, heading.end)
            values = memo[span] if span in memo else self._span_values(span)
            if dim not in values:
                continue
            ids = {f.id for f in values[dim]}
            if len(ids) == 1:
                return ids.pop()
            if len(ids) > 1:
                return None
        return None

    def _span_values(self, span: tuple[int, int]) -> dict[str, list[Match]]:
        """Each dimension's values named in the span (dimensions that name none are left
        out), but not as a point of comparison.

        Memoised per span: the figures of one sentence ask about it for every dimension."""
        memo = self._qualifier_values
        if span in memo:
            return memo[span]
        start, end = span
        out: dict[str, list[Match]] = {}
        if self.names_a_qualifier_at(start, end):
            may = self.dimensions_in(start, end)
            for dim in self.lex.dimensions:
                values = self._values(dim, start, end) if dim in may else None
                if values:
                    out[dim] = values
        memo[span] = out
        return out

    def _values(self, dim: str, start: int, end: int) -> list[Match]:
        out = []
        # a match inside the figure counts too: "six infusions" still says "a series"
        for match in self.qualifier_in_prose(dim, start, end):
            if match.group == "exclude":
                continue
            if COMPARISON_BEFORE.search(self.prose[start : match.start]):
                continue
            out.append(match)
        return out
