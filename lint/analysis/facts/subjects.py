"""What a figure is about: the condition or treatment it is stated for.

Looked up in widening scopes: the figure's clause, its sentence, the sentence
before (for "it"/"this"), the list item's lead-in, the headings above it, the
title, and finally the article's dominant subject.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...model.article import Article
from .fact import Fact
from .lexicon import Lexicon, Match, Measure
from .patterns import COMPARISON_BEFORE, HISTORY_BEFORE, PREDICATE_AFTER, PRONOUN, RELATIVE_AFTER
from .spans import LexiconSpans
from .words import word_set

_RELATIVE_BEFORE = re.compile(r"\b(?:who|that|which)\s+(?:\w+\s+){0,2}$", re.I)
# "have", "develop", "experience": in rules/lexicon/figures.yaml (see `prevalence_verb_end`).
PREVALENCE_VERBS = word_set("prevalence_verbs")


class SubjectFinder(LexiconSpans):
    lex: Lexicon  # set by the FactExtractor

    def __init__(self, article: Article) -> None:
        super().__init__(article)
        self._dominant: dict[str, Match | None] = {}
        self._candidates_memo: dict[tuple[str, int, int], list[Match]] = {}

    def place_subject(
        self, fact: Fact, m, clause: tuple[int, int], block, spec: Measure | None
    ) -> None:
        """The figure's subject; the other of condition and treatment, and the cohort, as qualifiers."""
        about = "condition"
        if spec is not None:
            about = spec.about
            fact.treatment_specific = spec.treatment_specific
            fact.condition_specific = spec.condition_specific
        other = "treatment" if about == "condition" else "condition"
        cue_end = self.prevalence_verb_end(m, clause) if fact.measure == "prevalence" else None
        subject, where, cohort = self.subject_of(about, m, clause, block, cue_end)
        if (
            fact.measure == "prevalence"
            and cohort is None
            and subject is not None
            and where == "clause"
        ):
            named = self.cohort_named(m, clause)
            if named is not None and named.id == subject.id:
                # "80% of people with sleep apnea have never been diagnosed": sleep apnea is who is
                # counted; what is counted is something else, named before the figure or not at all
                cohort = named
                before = [
                    f for f in self._candidates(about, clause[0], m.start) if f.id != named.id
                ]
                subject = before[-1] if before else None
        if subject is not None:
            self._set_subject(fact, subject, where)
        if other == "condition" or fact.treatment_specific:
            self._place_other(fact, other, m, clause, block, subject)
        self._place_cohort(fact, m, clause, cohort, cue_end)

    def _set_subject(self, fact: Fact, subject: Match, where: str) -> None:
        fact.subject, fact.subject_label, fact.subject_from = (
            subject.id,
            self.lex.labels.get(subject.id, subject.id),
            where,
        )

    def _place_other(
        self, fact: Fact, other: str, m, clause: tuple[int, int], block, subject: Match | None
    ) -> None:
        """The other of condition and treatment, as a qualifier (or as the subject, when none was found)."""
        second, second_from, _ = self.subject_of(other, m, clause, block, None, exclude=subject)
        if second is None:
            return
        fact.qualifiers[other] = self.lex.labels.get(second.id, second.id)
        if (
            fact.subject is None
            and fact.treatment_specific
            and second.id not in self.lex.comparators
        ):
            # an article that names no condition ("zolpidem starts working in 30 minutes"):
            # the outcome is keyed by the treatment it is stated for
            self._set_subject(fact, second, second_from)

    def _place_cohort(
        self, fact: Fact, m, clause: tuple[int, int], cohort: Match | None, cue_end: int | None
    ) -> None:
        """Who the figure counts: "people with X", a cohort the lexicon cannot name, a subgroup."""
        if (
            cohort is None
            and fact.measure == "prevalence"
            and cue_end is not None
            and self.lex.cohort_start
        ):
            # "20% of people who have had a heart attack develop depression": a cohort the lexicon cannot name
            verb = self.prose.rfind(" ", m.end, cue_end - 1)
            gap = self.prose[m.end : cue_end]
            if self.lex.cohort_start.match(gap):
                words = " ".join(self.prose[m.end : verb if verb > m.end else cue_end].split())
                fact.qualifiers["cohort"] = "people " + words
                return
        if cohort is not None:
            fact.qualifiers["cohort"] = "people with " + self.lex.labels.get(cohort.id, cohort.id)
        elif self.lex.subgroup is not None and fact.dimension in ("proportion", "count"):
            subgroup = self._subgroup(fact, m, clause)
            if subgroup:
                fact.qualifiers["cohort"] = subgroup

    def _subgroup(self, fact: Fact, m, clause: tuple[int, int]) -> str:
        """A share counted within a subgroup; how long relief lasts "in those who respond" is the usual measure."""
        subgroup = self.lex.subgroup
        found = subgroup.search(self.prose, clause[0], clause[1]) if subgroup else None
        if found is None and subgroup is not None:
            found = subgroup.search(self.prose, self.sentence_span(m)[0], m.start)
        if found is None:
            return ""
        named = [
            f
            for f in self.in_prose(self.lex.subjects, found.end(), min(found.end() + 40, clause[1]))
            if f.id == fact.subject
        ]
        if named and not self.prose[found.end() : named[0].start].strip(" ,").count(" ") > 2:
            return ""  # "among adults with high blood pressure, 1 in 4 have it under control": the subject itself
        words = self.prose[found.start() : min(found.end() + 40, clause[1])].split()[:6]
        return "a subgroup (" + " ".join(words) + "...)"

    def cohort_named(self, m, clause: tuple[int, int]) -> Match | None:
        """The condition or treatment in "N% of people with X" / "of adults taking X", right after the figure."""
        link = self.lex.cohort_link
        if link is None:
            return None
        for found in self.in_prose(self.lex.subjects, m.end, clause[1]):
            gap = (
                self.article.text[m.number_end : found.start]
                if m.number_end > 0
                else self.prose[m.end : found.start]
            )
            if (
                link.match(self.prose[m.end : found.start]) or link.match(gap)
            ) and PREDICATE_AFTER.match(self.prose, found.end):
                return found
            break
        return None

    def dominant(self, group: str) -> Match | None:
        """The condition (or treatment) most of the article is about, if one clearly is."""
        if group not in self._dominant:
            found = [
                m
                for m in self.in_prose(self.lex.subjects, 0, len(self.prose))
                if m.group == group and m.id not in self.lex.comparators
            ]  # placebo is never what an article is about
            counts = Counter(m.id for m in found)
            best = counts.most_common(2)
            pick = None
            if best and (
                len(best) == 1
                or (best[0][1] >= 2 and best[0][1] >= 0.5 * len(found) and best[0][1] > best[1][1])
            ):
                pick = next(m for m in found if m.id == best[0][0])
            self._dominant[group] = pick
        return self._dominant[group]

    def prevalence_verb_end(self, m, clause: tuple[int, int]) -> int | None:
        """Where "have"/"experience"/"develop" ends, when it follows the figure:
        in "85% of chronic pain patients experience depression" the subject is
        what comes after the verb; what comes before is the cohort."""
        spec = self.lex.measures.get("prevalence")
        if spec is None:
            return None
        for cue in self.in_prose(self.lex.cues, m.end, clause[1]):
            if cue.group == "prevalence" and cue.id == "prevalence":
                if _RELATIVE_BEFORE.search(self.prose[max(m.end, cue.start - 24) : cue.start]):
                    continue  # "people who have had a heart attack": a relative clause names the cohort
                word = self.prose[cue.start : cue.end].lower()
                if word.split()[0] in PREVALENCE_VERBS:
                    return cue.end
        return None

    def _candidates(self, group: str, start: int, end: int) -> list[Match]:
        """Subjects of `group` named in start..end, but not as a point of comparison or as history.

        Memoised per span (callers only read the list): every figure of a sentence asks
        about its sentence, and about the lead-in and headings above it."""
        memo = self._candidates_memo
        key = (group, start, end)
        if key in memo:
            return memo[key]
        found = memo[key] = self._find_candidates(group, start, end)
        return found

    def _find_candidates(self, group: str, start: int, end: int) -> list[Match]:
        out = []
        for match in self.in_prose(self.lex.subjects, start, end):
            if match.group != group:
                continue
            before = self.prose[start : match.start]
            if COMPARISON_BEFORE.search(before) and not RELATIVE_AFTER.match(self.prose, match.end):
                continue
            if group == "treatment" and HISTORY_BEFORE.search(before):
                continue
            out.append(match)
        return out

    def _pick(self, found: list[Match], m, cue_end: int | None) -> tuple[Match, Match | None]:
        """The subject among several, and the cohort ("people with X") if any."""
        if cue_end is not None:
            after = [f for f in found if f.start >= cue_end]
            before = [
                f for f in found if f.end <= cue_end and f.id != (after[0].id if after else None)
            ]
            if after:
                return after[0], (before[0] if before else None)
        nearest = min(
            found,
            key=lambda f: abs(f.start - m.start) if f.start >= m.end else abs(m.start - f.end),
        )
        return nearest, None

    def subject_of(
        self,
        group: str,
        m,
        clause: tuple[int, int],
        block,
        cue_end: int | None,
        exclude: Match | None = None,
    ) -> tuple[Match | None, str, Match | None]:
        """(subject, where it was found, cohort) for the figure `m`; `group` is condition or treatment.

        Most scopes name no subject: their (memoised, read-only) lists are filtered only
        when they hold one."""
        skip = exclude.id if exclude is not None else None
        comparators = self.lex.comparators
        found = self._candidates(group, clause[0], clause[1])
        if found and skip is not None:
            found = [f for f in found if f.id != skip]
        if found:
            subject, cohort = self._pick(found, m, cue_end)
            return subject, "clause", cohort
        # a comparator ("placebo") is a figure's subject only when its own clause names it
        start, end = self.sentence_span(m)
        found = self._candidates(group, start, end)
        if found:
            found = [f for f in found if f.id != skip and f.id not in comparators]
            if found:
                return self._pick(found, m, None)[0], "sentence", None
        for where, (start, end) in self.table_headers(block):
            found = self._candidates(group, start, end)
            for f in found:
                if f.id != skip:
                    return f, where, None
        for where, (start, end) in self._scopes_around(m, block):
            for f in self._candidates(group, start, end):
                if f.id != skip and f.id not in comparators:
                    return f, where, None
        found = [x for x in self.lex.subjects.find(self.title) if x.group == group and x.id != skip]
        if found:
            return found[0], "title", None
        dominant = self.dominant(group)
        if dominant is not None and (exclude is None or dominant.id != exclude.id):
            return dominant, "article", None
        return None, "", None

    def _scopes_around(self, m, block) -> Iterator[tuple[str, tuple[int, int]]]:
        """The scopes beyond the figure's sentence, nearest first: the sentence before (when the
        figure's own sentence says "it" or "this"), the lead-in, the headings above."""
        if block is not None and PRONOUN.search(self.prose[m.sentence_start : m.start]):
            prev = self.previous_sentence(m.sentence_start, block)
            if prev is not None:
                yield "previous sentence", prev
        lead = self.lead_in_span(block)
        if lead is not None:
            yield "lead-in", lead
        if block is not None:
            for heading in self.headings(block):
                yield "heading", (heading.start, heading.end)
