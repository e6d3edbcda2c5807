"""Why a figure the lexicons can place is still not compared with another.

A figure that is a change ("increase to 1 mg"), a conversion ("(roughly 35
mg)"), a checkpoint or frequency, a quote, a share of a study's sample, or
whose label or subject is too loosely tied to it, is listed but never
reported as a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model.article import Article
from .fact import Fact
from .lexicon import Lexicon, Measure
from .patterns import (
    CHANGE_TO,
    CHECKPOINT_BEFORE,
    FREQUENCY_AFTER,
    FREQUENCY_IN,
    MAGNITUDE_AFTER,
    MAGNITUDE_BEFORE,
    NEUTRAL_LABEL,
    PRONOUN,
    PRONOUN_NOUN,
    RESTATED_BEFORE,
    STRONG_PREVALENCE,
    STUDY_SAMPLE,
    TIME_HEADER,
)
from .spans import LexiconSpans

_LETTER = re.compile(r"[A-Za-z]")
_PERCENT_SIGN = re.compile(r"^\s*(?:%|percent|per\s+cent)")
# Where a subject found for a figure counts as named with it (Fact.subject_from).
NAMED_WITH_THE_FIGURE = (
    "clause",
    "sentence",
    "previous sentence",
    "lead-in",
    "row header",
    "column header",
)


class NotComparedRules(LexiconSpans):
    lex: Lexicon  # set by the FactExtractor
    mentions: Sequence

    def __init__(self, article: Article) -> None:
        super().__init__(article)
        self._labels: dict[int | None, str] = {}

    def not_compared_reason(
        self, fact: Fact, spec: Measure | None, m, block, clause: tuple[int, int]
    ) -> str:
        """Why the figure is not compared, or "" when it is."""
        reason = self._loosely_placed(fact, spec, m, block)
        if reason or not (fact.measure == "prevalence" and fact.dimension == "proportion"):
            return reason
        if PRONOUN_NOUN.match(m.noun.strip()):
            return "a share of a group named earlier, not of a population"
        if any(
            f.group == "treatment" for f in self.in_prose(self.lex.subjects, clause[0], clause[1])
        ):
            # "Erenumab halved migraine days for 50% of people with migraine"
            return "a treatment outcome, not a prevalence"
        if not m.noun and not STRONG_PREVALENCE.search(self.prose, clause[0], clause[1]):
            return "not stated as a share of people"
        return ""

    def _loosely_placed(self, fact: Fact, spec: Measure | None, m, block) -> str:
        """Figures the lexicons can name but that are too loosely placed to hold against another."""
        if spec is None:
            return ""
        reason = self._not_stated_with(fact, spec, m, block) or self._unrecognised_label(block)
        if reason:
            return reason
        before = self.prose[m.sentence_start : m.start]
        after = self.prose[m.end : m.sentence_end]
        if block is not None and block.quote:
            return "quoted from another source"
        if CHANGE_TO.search(before):
            return "a change to a value, not the usual value"
        if RESTATED_BEFORE.search(before) and any(
            o is not m
            and o.end <= m.start
            and m.start - o.end <= 40
            and o.sentence_start == m.sentence_start
            for o in self.mentions
        ):
            return "a conversion of the figure before it"
        return self._not_the_usual_figure(fact, m, before, after)

    def _not_stated_with(self, fact: Fact, spec: Measure, m, block) -> str:
        """The measure's required words, or its subject, are not stated with the figure."""
        if spec.requires is not None:
            lead = self.lead_in_span(block)
            scope = [self.prose[m.sentence_start : m.sentence_end]]
            if lead is not None:
                scope.append(self.article.text[lead[0] : lead[1]])
            if not any(spec.requires.search(text) for text in scope):
                return f"not stated as the usual {spec.label}"
        if (
            spec.explicit_subject
            and fact.subject_from not in NAMED_WITH_THE_FIGURE
            and not (
                fact.subject_from in ("heading", "title")
                and PRONOUN.search(self.prose[m.sentence_start : m.start])
            )
        ):
            return f"the {fact.subject_label or 'subject'} is not named with the figure"
        return ""

    def _unrecognised_label(self, block) -> str:
        """The list item's label, or a table header, names something the lexicons do not know.

        The same for every figure of the block: once per block."""
        key = block.index if block is not None else None
        memo = self._labels
        if key not in memo:
            memo[key] = self._block_label(block)
        return memo[key]

    def _block_label(self, block) -> str:
        label = self.opening_label(block)
        if label is not None and not self._recognised(label):
            return f"the figure is labelled {label!r}"
        for where, (start, end) in self.table_headers(block):
            header = " ".join(self.article.text[start:end].strip(" *_`").split())
            if TIME_HEADER.fullmatch(header):
                continue  # a time point: it dates the cell (see `header_timepoint`)
            if _LETTER.search(header) and not self._recognised(header):
                return f"the table's {where} is {header!r}"
        return ""

    def _not_the_usual_figure(self, fact: Fact, m, before: str, after: str) -> str:
        """A change, a checkpoint, a frequency or a study's sample, by the figure's dimension."""
        if fact.dimension == "proportion":
            tail = self.article.text[m.number_end : m.sentence_end] if m.number_end > 0 else after
            tail = _PERCENT_SIGN.sub("", tail)
            if (
                MAGNITUDE_AFTER.match(tail)
                or MAGNITUDE_AFTER.match(after)
                or MAGNITUDE_BEFORE.search(before)
            ):
                return "how much something changed, not a share of people"
            if PRONOUN_NOUN.match(m.noun.strip()):
                return "a share of a group named earlier"
        if fact.dimension == "sessions":
            if CHECKPOINT_BEFORE.search(before) or CHECKPOINT_BEFORE.search(m.text[:12] + " "):
                return "a checkpoint in a course, not its length"
            if FREQUENCY_AFTER.match(after) or FREQUENCY_IN.search(m.text):
                return "a frequency, not a number of sessions"
        if fact.measure == "prevalence" and STUDY_SAMPLE.search(m.noun):
            return "a share of a study's participants, not of a population"
        return ""

    def _recognised(self, label: str) -> bool:
        """Whether a label names something the lexicons know, or says nothing about the figure.

        Memoised with the lexicon (bounded): the articles of a run repeat their labels."""
        memo = self.lex.recognised
        found = memo.get(label)
        if found is None:
            if len(memo) > 4096:
                memo.clear()
            found = memo[label] = self._judge_label(label)
        return found

    def _judge_label(self, label: str) -> bool:
        lex = self.lex
        if lex.subjects.find(label) or lex.cues.find(label) or lex.side_effects.find(label):
            return True
        if any(index.find(label) for index in lex.dimensions.values()):
            return True
        if any(p.search(label) for spec in lex.measures.values() for p in spec.regexes):
            return True
        return bool(NEUTRAL_LABEL.search(label))
