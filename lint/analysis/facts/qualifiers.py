"""The qualifiers a figure is stated under: regimen, route, population, region, period...

Each dimension (rules/lexicon/qualifiers.yaml) is looked up in the figure's
clause, its sentence and its lead-in, nearest first; some also in the
headings above, when those name exactly one value.
"""

from __future__ import annotations

from .fact import Fact
from .lexicon import Lexicon, Match, Measure
from .patterns import COMPARISON_BEFORE
from .spans import LexiconSpans


class QualifierFinder(LexiconSpans):
    lex: Lexicon  # set by the FactExtractor

    def add_qualifiers(
        self, fact: Fact, m, clause: tuple[int, int], block, spec: Measure | None
    ) -> None:
        """Each dimension that applies to the figure's measure, when the text states it."""
        treatment_related = spec is not None and (
            spec.about == "treatment" or spec.treatment_specific
        )
        # The figure's scopes are the same for every dimension: listed once, and only those
        # where some dimension's phrase occurs (one search each, memoised per span).
        scopes = [clause, self.sentence_span(m)] + [span for _, span in self.table_headers(block)]
        lead = self.lead_in_span(block)
        if lead is not None:
            scopes.append(lead)
        named = [self._span_values(start, end) for start, end in scopes]
        named = [values for values in named if values]
        for dim in self.lex.dimensions:
            applies = self.lex.applies_to.get(dim, "any")
            if (applies == "treatment" and not treatment_related) or (
                applies == "population" and treatment_related
            ):
                continue
            found = self._qualifier(dim, m, named, block)
            if found:
                fact.qualifiers[dim] = found
                if found in self.lex.strict:
                    fact.strict += (dim,)

    def names_a_qualifier(self, start: int, end: int) -> bool:
        """Whether any dimension's phrase occurs in the span (memoised: one search per scope)."""
        memo = self.__dict__.setdefault("_names_a_qualifier", {})
        found = memo.get((start, end))
        if found is None:
            found = memo[(start, end)] = self.names_a_qualifier_at(start, end)
        return found

    def _span_values(self, start: int, end: int) -> dict[str, list[Match]]:
        """Each dimension's values named in start..end (dimensions that name none are left
        out), but not as a point of comparison.

        Memoised per span: the figures of one sentence ask about it for every dimension."""
        memo = self.__dict__.setdefault("_qualifier_values", {})
        out = memo.get((start, end))
        if out is None:
            out = memo[(start, end)] = {}
            if self.names_a_qualifier(start, end):
                may = self.dimensions_in(start, end)
                for dim in self.lex.dimensions:
                    values = self._values(dim, start, end) if dim in may else None
                    if values:
                        out[dim] = values
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

    def _qualifier(self, dim: str, m, named: list[dict[str, list[Match]]], block) -> str | None:
        """The dimension's value nearest the figure in its nearest scope that names one;
        else, for dimensions read from headings, the one value the nearest heading names.

        `named`: the values of the figure's scopes, nearest first (_span_values)."""
        middle = (m.start + m.end) / 2
        for values in named:
            found = values.get(dim)
            if found:
                nearest = min(found, key=lambda f: abs((f.start + f.end) / 2 - middle))
                return nearest.id
        if dim in self.lex.from_heading and block is not None:
            for heading in self.headings(block):
                ids = {f.id for f in self._span_values(heading.start, heading.end).get(dim, ())}
                if len(ids) == 1:
                    return ids.pop()
                if len(ids) > 1:
                    return None
        return None
