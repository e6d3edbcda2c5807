"""What a figure measures: response rate, prevalence, duration of effect, dose, a side effect's rate...

Read from the cue words nearest the figure (rules/lexicon/measures.yaml), in
its clause, its sentence, the list item's lead-in and the heading above.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...model.article import Article
from .lexicon import Lexicon, Measure
from .patterns import LEADING_PREPOSITION, PRONOUN
from .spans import LexiconSpans
from .values import Value


class MeasureFinder(LexiconSpans):
    lex: Lexicon  # set by the FactExtractor

    def __init__(self, article: Article) -> None:
        super().__init__(article)
        # per article: every figure of a sentence asks about its sentence and clause again
        self._by_dimension: dict[str, dict[str, Measure]] = {}  # candidates, one dict each
        self._patterned_of: dict[int, list[Measure]] = {}  # by id() of those dicts
        self._span_cues_of: dict[tuple, tuple[list, list]] = {}
        self._regex_hits_of: dict[tuple[str, int, int], list[tuple[int, int]]] = {}

    def measure_spec(self, measure_id: str | None) -> Measure | None:
        if measure_id is None:
            return None
        if measure_id.startswith("side-effect:"):
            return self.lex.measures.get("side-effect-rate")
        return self.lex.measures.get(measure_id)

    def measure_of(self, m, value: Value, clause: tuple[int, int], block):
        """((id, label), where it was found) for the figure `m`, or (None, "")."""
        by_dimension = self._by_dimension
        candidates = by_dimension.get(value.dimension)
        if candidates is None:
            candidates = by_dimension[value.dimension] = {
                mid: spec
                for mid, spec in self.lex.measures.items()
                if value.dimension in spec.dimensions
            }
        if not candidates:
            return None, ""
        scopes = [("clause", clause), ("sentence", self.sentence_span(m))]
        for where, (start, end) in scopes + self.table_headers(block):
            best = self._best_cue(m, candidates, start, end, where == "clause")
            if best is not None:
                if (
                    best[0] == "prevalence"
                    and "side-effect-rate" in candidates
                    and where in ("clause", "sentence")
                ):
                    # "Nausea is the most common side effect. ... it affected 44% of participants"
                    carried = self._carried_side_effect(m, candidates, block)
                    if carried is not None:
                        return carried, "previous sentence"
                return best, where
        lead = self.lead_in_span(block)
        if lead is not None:
            best = self._best_cue(m, candidates, lead[0], lead[1], False)
            if best is not None:
                return best, "lead-in"
        for heading in self.headings(block)[:1]:
            best = self._best_cue(m, candidates, heading.start, heading.end, False)
            if best is not None:
                return best, "heading"
        return None, ""

    def _best_cue(self, m, candidates: Mapping[str, Measure], start: int, end: int, anchored: bool):
        """The measure whose cue in start..end is strongest (priority) and nearest the figure.

        What a span's cues and side effects select is the same for every figure of the span
        (_span_cues, memoised); only their distance to the figure is the figure's own."""
        cues, effects = self._span_cues(candidates, start, end, anchored)
        scored = [(p, -_distance(m, a, b), ident) for p, a, b, ident in cues]
        scored += self._pattern_scores(m, candidates, start, end, anchored)
        scored += [(p, -_distance(m, a, b), ident) for p, a, b, ident in effects]
        if "dose" in candidates:  # a dose needs no cue: its unit says what it is
            scored.append(
                (candidates["dose"].priority - 100, -(10**6), ("dose", candidates["dose"].label))
            )
        if not scored:
            return None
        # the first of the highest (priority, -distance): what a stable sort, highest
        # first, puts first
        return max(scored, key=lambda s: (s[0], s[1]))[2]

    def _span_cues(
        self, candidates: Mapping[str, Measure], start: int, end: int, anchored: bool
    ) -> tuple[list, list]:
        """(priority, start, end, (id, label)) of each cue phrase, and of each side effect, in
        start..end: every figure of a sentence asks about its sentence and clause."""
        memo = self._span_cues_of
        key = (id(candidates), start, end, anchored)  # candidates: one dict per dimension
        found = memo.get(key)
        if found is None:
            found = memo[key] = (
                self._cue_scores(candidates, start, end),
                self._effect_scores(candidates, start, end, anchored),
            )
        return found

    def _cue_scores(self, candidates: Mapping[str, Measure], start: int, end: int) -> list:
        """(priority, start, end, (id, label)) of each cue phrase in start..end."""
        scored: list[tuple[int, int, int, tuple[str, str]]] = []
        for cue in self.in_prose(self.lex.cues, start, end):
            spec = candidates.get(cue.group)
            if spec is None:
                continue
            chosen = self._cued_form(spec, cue, start, end)
            if self.lex.negations.search(self.prose[start : cue.start]):
                negated = self.lex.measures.get(spec.negated or "")
                if negated is None or not set(negated.dimensions) & set(spec.dimensions):
                    continue
                chosen = negated
            scored.append((chosen.priority, cue.start, cue.end, (chosen.id, chosen.label)))
        return scored

    def _effect_scores(
        self, candidates: Mapping[str, Measure], start: int, end: int, anchored: bool
    ) -> list:
        """(priority, start, end, (id, label)) of each side effect named in start..end."""
        scored: list[tuple[int, int, int, tuple[str, str]]] = []
        effect_spec = candidates.get("side-effect-rate")
        if effect_spec is None:
            return scored
        for effect in self.in_prose(self.lex.side_effects, start, end):
            if effect.id == "side effects" and not anchored:
                continue  # "side effects" in a heading does not say which effect a figure counts
            label = f"{effect.id} rate" if effect.id != "side effects" else "side-effect rate"
            scored.append(
                (
                    effect_spec.priority,
                    effect.start,
                    effect.end,
                    (f"side-effect:{effect.id}", label),
                )
            )
        return scored

    def _cued_form(self, spec: Measure, cue, start: int, end: int) -> Measure:
        """The measure a cue selects: its own, its inceptive form, or a side effect's."""
        text = self.prose
        lex = self.lex
        if (
            spec.inceptive
            and lex.inceptives is not None
            and (
                lex.inceptives.search(text, max(start, cue.start - 24), cue.start)
                or (
                    lex.inceptive_after is not None
                    and lex.inceptive_after.match(text, cue.end, end)
                )
            )
        ):
            inceptive = lex.measures.get(spec.inceptive)
            if inceptive is not None and set(inceptive.dimensions) & set(spec.dimensions):
                return (
                    inceptive  # "start to relieve a migraine within 30 minutes": when relief begins
                )
        elif spec.of_side_effect and self.in_prose(lex.side_effects, start, cue.start):
            lasting = lex.measures.get(spec.of_side_effect)
            if lasting is not None and set(lasting.dimensions) & set(spec.dimensions):
                return lasting  # "a headache usually lasts 2 to 3 days": how long the side effect lasts
        return spec

    def _pattern_scores(
        self, m, candidates: Mapping[str, Measure], start: int, end: int, anchored: bool
    ) -> list:
        """(priority, -distance, (id, label)) of each measure's regexes around the figure."""
        patterned = self._patterned(candidates)
        if not patterned:
            return []
        text = self.prose
        scored: list[tuple[int, int, tuple[str, str]]] = []
        head = tail = ""
        if anchored:  # the same for every measure: sliced once
            head = text[start : m.start]
            lead = LEADING_PREPOSITION.match(m.text)
            if lead:  # the grammar may keep "over" or "within" inside the figure's span
                head += lead.group(0)
            tail = text[m.end : end]
        for spec in patterned:
            if spec.regexes:
                for found_start, found_end in self._regex_hits(spec, start, end):
                    scored.append(
                        (
                            spec.priority,
                            -_distance(m, found_start, found_end),
                            (spec.id, spec.label),
                        )
                    )
            if anchored and (
                (spec.before and any(p.search(head) for p in spec.before))
                or (spec.after and any(p.search(tail) for p in spec.after))
                or (spec.inside and any(p.search(m.text) for p in spec.inside))
            ):
                scored.append((spec.priority, 0, (spec.id, spec.label)))
        return scored

    def _patterned(self, candidates: Mapping[str, Measure]) -> list[Measure]:
        """The candidates with regexes or before/after/inside patterns, in order: most
        measures have none, and a figure's span is asked about them all."""
        memo = self._patterned_of
        found = memo.get(id(candidates))  # candidates: one dict per dimension, kept
        if found is None:
            found = memo[id(candidates)] = [
                spec
                for spec in candidates.values()
                if spec.regexes or spec.before or spec.after or spec.inside
            ]
        return found

    def _regex_hits(self, spec: Measure, start: int, end: int) -> list[tuple[int, int]]:
        """Where a measure's regexes match in start..end. Memoised: every figure of a
        sentence asks about its sentence (and most about one clause) again."""
        if not spec.regexes:
            return []
        memo = self._regex_hits_of
        key = (spec.id, start, end)
        found = memo.get(key)
        if found is None:
            found = memo[key] = [
                hit.span()
                for pattern in spec.regexes
                for hit in pattern.finditer(self.prose, start, end)
            ]
        return found

    def _carried_side_effect(self, m, candidates: Mapping[str, Measure], block):
        """The side effect the sentence before named, when this one says only "it affected 44%"."""
        if block is None or not PRONOUN.search(self.prose[m.sentence_start : m.start]):
            return None
        prev = self.previous_sentence(m.sentence_start, block)
        if prev is None:
            return None
        spec = candidates["side-effect-rate"]
        for effect in self.in_prose(self.lex.side_effects, prev[0], prev[1]):
            if len(self.prose[prev[0] : effect.start].split()) > 2:
                break  # "it" refers to the sentence's subject, which comes first
            label = f"{effect.id} rate" if effect.id != "side effects" else spec.label
            return (f"side-effect:{effect.id}", label)
        return None


def _distance(m, a: int, b: int) -> int:
    """How far the span a..b is from the figure `m` (0 when they overlap)."""
    if b <= m.start:
        return m.start - b
    if a >= m.end:
        return a - m.end
    return 0
