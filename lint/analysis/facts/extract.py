"""From NumericMentions to Facts: each figure with its subject, measure, qualifiers and value.

Each figure's context is read in widening scopes (its clause, its sentence,
the sentence before, the list item's label, the headings above, the title,
the article) with the lexicons in rules/lexicon/; what the figure cannot be
safely compared as is recorded in `Fact.not_compared`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ...model.article import Article
from ..numbers import extract_mentions
from .fact import Fact
from .lexicon import Lexicon, default_lexicon_data, lexicon_for
from .measures import MeasureFinder
from .not_compared import NotComparedRules
from .patterns import EXCLUDED_KINDS, TIMEPOINT_AFTER, TIMEPOINT_BEFORE, TIMEPOINT_START
from .qualifiers import QualifierFinder
from .studies import StudyFinder
from .subjects import SubjectFinder
from .values import Value, normalise

# Characters of prose per figure below which the prose's words are listed (spans.LexiconSpans).
WORDS_PAY_OFF = 600
_WITHIN_BEFORE = re.compile(r"\bwithin\s*$")


def lexicon_from(options: Mapping[str, Any] | None) -> Lexicon:
    """The lexicons a rule's options name, or the packaged ones."""
    data = default_lexicon_data()
    options = options or {}
    return lexicon_for(
        options.get("subjects") or data["subjects"],
        options.get("measures") or data["measures"],
        options.get("qualifiers") or data["qualifiers"],
    )


def extract_facts(
    article: Article, options: Mapping[str, Any] | None = None, mentions: Sequence | None = None
) -> list[Fact]:
    """Every figure in the article that the lexicons can place, in text order.

    Figures whose subject or measure is unknown are still returned (with
    None) so `contentlint facts` can show what was not understood; checks
    compare only facts with a key. `mentions` replaces the number grammar's
    (tests use it); those are not cached.
    """
    lexicon = lexicon_from(options)
    if mentions is not None:
        return FactExtractor(article, lexicon).facts(
            sorted(mentions, key=lambda m: (m.start, m.end))
        )
    # Three rules (and CL301's registry hint) ask for the same article's facts; the
    # compiled lexicon is one object per content (lexicon_for), kept with its facts.
    return list(article.analyses.memo_for(article_facts, lexicon))


def article_facts(article: Article, lexicon: Lexicon) -> list:
    """The facts of all the article's figures under one compiled lexicon."""
    found = sorted(extract_mentions(article), key=lambda m: (m.start, m.end))
    return FactExtractor(article, lexicon).facts(found)


class FactExtractor(SubjectFinder, MeasureFinder, QualifierFinder, NotComparedRules, StudyFinder):
    def __init__(self, article: Article, lexicon: Lexicon) -> None:
        super().__init__(article)
        self.lex = lexicon
        self.mentions: Sequence = ()
        self._all_mentions: list = []
        # the labels a treatment qualifier shows for a comparator ("placebo"), once
        self._comparator_labels = {lexicon.labels.get(c, c) for c in lexicon.comparators}

    def facts(self, mentions: Sequence) -> list[Fact]:
        self.mentions = mentions
        self._all_mentions = list(mentions)
        values = []
        for m in mentions:
            if m.kind in EXCLUDED_KINDS or self.in_heading(m):
                continue
            numbers = (
                self.article.text[m.number_start : m.number_end]
                if 0 <= m.number_start < m.number_end
                else ""
            )
            value = normalise(m.low, m.high, m.unit, m.kind, m.qualifier, m.scale, numbers)
            if value is None:
                continue
            value = self._adjust_qualifier(m, value)
            values.append((m, value))
        # each figure asks about a few spans of its sentence: with figures enough to cover
        # much of the prose, listing its words once is cheaper than scanning each span
        self.by_words = len(values) * WORDS_PAY_OFF >= len(self.prose)
        timepoints = self._timepoints(values)
        facts = []
        for m, value in values:
            if id(m) in timepoints["is_timepoint"]:
                continue
            fact = self._fact(m, value)
            fact.timepoint = timepoints["of"].get(id(m)) or self.header_timepoint(self.block_of(m))
            facts.append(fact)
        self._share_cohorts(facts)
        return facts

    @staticmethod
    def _share_cohorts(facts: list[Fact]) -> None:
        """ "80% of women with high blood pressure are aware of it, against 72% of men": figures
        of one measure stated side by side in a sentence share the cohort the first one names."""
        by_sentence: dict[int, list[Fact]] = {}
        for fact in facts:
            by_sentence.setdefault(fact.sentence_start, []).append(fact)
        for group in by_sentence.values():
            named = [f for f in group if "cohort" in f.qualifiers]
            for fact in group:
                if "cohort" in fact.qualifiers:
                    continue
                model = next(
                    (f for f in named if f.measure == fact.measure and f.start < fact.start), None
                )
                if model is None:
                    continue
                fact.qualifiers["cohort"] = model.qualifiers["cohort"]
                if model.subject is None:
                    fact.subject, fact.subject_label, fact.subject_from = None, "", ""
                    fact.not_compared = fact.not_compared or model.not_compared

    def _adjust_qualifier(self, m, value: Value) -> Value:
        """ "within 3 days" is at most 3 days."""
        if (
            value.dimension == "time"
            and value.qualifier == "exact"
            and (
                _WITHIN_BEFORE.search(
                    self.prose[max(m.sentence_start, m.start - 24) : m.start].lower()
                )
                or m.text.lower().startswith("within")
            )
        ):
            return Value(value.dimension, value.unit, value.low, value.high, "upper", value.display)
        return value

    def _timepoints(self, values: list[tuple[Any, Value]]) -> dict[str, Any]:
        """Durations that date another figure ("50-70% at 24 hours") are qualifiers, not facts."""
        is_timepoint: set[int] = set()
        of: dict[int, tuple[float, float]] = {}
        by_sentence: dict[int, list] = {}
        for m, value in values:
            by_sentence.setdefault(m.sentence_start, []).append((m, value))
        for group in by_sentence.values():
            rates = [(m, v) for m, v in group if v.dimension in ("proportion", "count")]
            if not rates:
                continue
            points = []
            for m, value in group:
                if value.dimension != "time":
                    continue
                before = self.prose[m.sentence_start : m.start]
                after = self.prose[m.end : m.sentence_end]
                if not (
                    TIMEPOINT_BEFORE.search(before)
                    or TIMEPOINT_START.match(m.text)
                    or TIMEPOINT_AFTER.match(after)
                ):
                    continue
                is_timepoint.add(id(m))
                points.append(
                    (m, value.bounds() if value.qualifier != "upper" else (value.high, value.high))
                )
            # each rate takes the nearest time point in its clause, else in its sentence
            for r, _ in rates:
                clause = self.clause(r)
                near = [p for p in points if clause[0] <= p[0].start < clause[1]] or points
                if near:
                    best = min(
                        near, key=lambda p: min(abs(p[0].start - r.end), abs(r.start - p[0].end))
                    )
                    of[id(r)] = best[1]
        return {"is_timepoint": is_timepoint, "of": of}

    def _fact(self, m, value: Value) -> Fact:
        self.at_figure(m)
        art = self.article
        line, col = art.position(m.start)
        end_line, end_col = art.index.end_position(m.start, m.end)
        support = self.citations().support_for(
            m, self._all_mentions
        )  # a cited summary's repeat counts
        cited = support is not None
        fact = Fact(
            path=art.path,
            start=m.start,
            end=m.end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            text=art.text[m.start : m.end],
            kind=m.kind,
            dimension=value.dimension,
            unit=value.unit,
            low=value.low,
            high=value.high,
            qualifier=value.qualifier,
            value=value.display,
            cited=cited,
            sentence_start=m.sentence_start,
        )
        block = self.block_of(m)
        fact.group = self.groups().get(block.index) if block is not None else None
        if support is not None:
            fact.source = f"{support.form}:{support.target}"
        fact.subsection = self.subsection(block)
        clause = self.clause(m)
        fact.study_from, fact.study_id, fact.arm = self.study_context(m, block, clause)
        fact.study = bool(fact.study_from)
        measure, where = self.measure_of(m, value, clause, block)
        if measure is not None:
            fact.measure, fact.measure_label = measure
            fact.measure_from = where
        spec = self.measure_spec(fact.measure)
        self.place_subject(fact, m, clause, block, spec)
        section = self.section(block, m)
        if section is not None:
            fact.qualifiers["section"] = section
        self.add_qualifiers(fact, m, clause, block, spec)
        fact.comparator = (
            fact.subject in self.lex.comparators
            or fact.qualifiers.get("treatment") in self._comparator_labels
        )
        fact.not_compared = self.not_compared_reason(fact, spec, m, block, clause)
        return fact
