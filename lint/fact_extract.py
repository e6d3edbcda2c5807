"""From a NumericMention to a Fact: subject, measure, qualifiers, value (see lint.facts).

Each figure's context is read in widening scopes (its clause, its sentence,
the sentence before, the list item's label, the headings above, the title,
the article) with the lexicons in rules/lexicon/; what the figure cannot be
safely compared as is recorded in `Fact.not_compared`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Mapping, Optional, Sequence

from .article import Article
from .fact_lexicon import Lexicon, Match, Measure
from .fact_patterns import (CHANGE_TO, CHECKPOINT_BEFORE, COMPARISON_BEFORE, EXCLUDED_KINDS, FREQUENCY_AFTER,
                            FREQUENCY_IN, HISTORY_BEFORE, LEADING_PREPOSITION, MAGNITUDE_AFTER, MAGNITUDE_BEFORE,
                            NEUTRAL_LABEL, PRONOUN, PRONOUN_NOUN, RELATIVE_AFTER, RESTATED_BEFORE, STRONG_PREVALENCE,
                            STUDY_REPORT, STUDY_SAMPLE, TIMEPOINT_AFTER, TIMEPOINT_BEFORE, TIMEPOINT_START)
from .fact_structure import ArticleStructure
from .fact_values import Value, normalise
from .facts import Fact


def _cited(article: Article, mention, mentions: Sequence) -> Optional[bool]:
    """Whether a citation supports the figure (lint.citations; a summary's repeat of a cited figure counts)."""
    try:
        from .citations import citations_for
    except ImportError:  # pragma: no cover - citation detection is part of the package
        return None
    return citations_for(article).support_for(mention, list(mentions)) is not None


class FactExtractor(ArticleStructure):
    def __init__(self, article: Article, lexicon: Lexicon) -> None:
        super().__init__(article)
        self.lex = lexicon
        self.mentions: Sequence = ()
        self._dominant: dict[str, Optional[Match]] = {}

    def dominant(self, group: str) -> Optional[Match]:
        """The condition (or treatment) most of the article is about, if one clearly is."""
        if group not in self._dominant:
            found = [m for m in self.lex.subjects.find(self.prose) if m.group == group]
            counts = Counter(m.id for m in found)
            best = counts.most_common(2)
            pick = None
            if best and (len(best) == 1 or best[0][1] >= 2 and best[0][1] >= 0.5 * len(found)
                         and best[0][1] > best[1][1]):
                pick = next(m for m in found if m.id == best[0][0])
            self._dominant[group] = pick
        return self._dominant[group]

    def facts(self, mentions: Sequence) -> list[Fact]:
        self.mentions = mentions
        values = []
        for m in mentions:
            if m.kind in EXCLUDED_KINDS or self._in_heading(m):
                continue
            numbers = self.article.text[m.number_start:m.number_end] if 0 <= m.number_start < m.number_end else ""
            value = normalise(m.low, m.high, m.unit, m.kind, m.qualifier, m.scale, numbers)
            if value is None:
                continue
            value = self._adjust_qualifier(m, value)
            values.append((m, value))
        timepoints = self._timepoints(values)
        facts = []
        for m, value in values:
            if id(m) in timepoints["is_timepoint"]:
                continue
            fact = self._fact(m, value)
            fact.timepoint = timepoints["of"].get(id(m))
            facts.append(fact)
        return facts

    def _adjust_qualifier(self, m, value: Value) -> Value:
        """"within 3 days" is at most 3 days; "as little as 2 hours" at least 2."""
        before = self.prose[max(m.sentence_start, m.start - 24):m.start].lower()
        text = m.text.lower()
        if value.dimension == "time" and value.qualifier == "exact":
            if re.search(r"\bwithin\s*$", before) or text.startswith("within"):
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
                before = self.prose[m.sentence_start:m.start]
                after = self.prose[m.end:m.sentence_end]
                if not (TIMEPOINT_BEFORE.search(before) or TIMEPOINT_START.match(m.text)
                        or TIMEPOINT_AFTER.match(after)):
                    continue
                is_timepoint.add(id(m))
                points.append((m, value.bounds() if value.qualifier != "upper" else (value.high, value.high)))
            # each rate takes the nearest time point in its clause, else in its sentence
            for r, _ in rates:
                clause = self.clause(r)
                near = [p for p in points if clause[0] <= p[0].start < clause[1]] or points
                if near:
                    best = min(near, key=lambda p: min(abs(p[0].start - r.end), abs(r.start - p[0].end)))
                    of[id(r)] = best[1]
        return {"is_timepoint": is_timepoint, "of": of}

    def _fact(self, m, value: Value) -> Fact:
        art = self.article
        line, col = art.position(m.start)
        end_line, end_col = art.index.end_position(m.start, m.end)
        fact = Fact(path=art.path, start=m.start, end=m.end, line=line, column=col, end_line=end_line,
                    end_column=end_col, text=art.text[m.start:m.end], kind=m.kind, dimension=value.dimension,
                    unit=value.unit, low=value.low, high=value.high, qualifier=value.qualifier,
                    value=value.display, cited=_cited(art, m, self.mentions), sentence_start=m.sentence_start)
        block = art.blocks[m.block] if 0 <= m.block < len(art.blocks) else art.block_at(m.start)
        fact.group = self.groups().get(block.index) if block is not None else None
        fact.study = bool(STUDY_REPORT.search(self.prose, m.sentence_start, m.sentence_end)
                          or STUDY_SAMPLE.search(getattr(m, "noun", "") or ""))
        fact.subsection = self.subsection(block)
        clause = self.clause(m)
        measure, where = self._measure(m, value, clause, block)
        if measure is not None:
            fact.measure, fact.measure_label = measure[0], measure[1]
            fact.measure_from = where
        about = "condition"
        spec = self._measure_spec(fact.measure)
        if spec is not None:
            about = spec.about
            fact.treatment_specific = spec.treatment_specific
            fact.condition_specific = spec.condition_specific
        other = "treatment" if about == "condition" else "condition"
        cue_end = self._prevalence_verb_end(m, clause) if fact.measure == "prevalence" else None
        subject, where, cohort = self._subject(about, m, clause, block, cue_end)
        if subject is not None:
            fact.subject, fact.subject_label, fact.subject_from = subject.id, self.lex.labels.get(subject.id, subject.id), where
        if other == "condition" or fact.treatment_specific:
            second, _, _ = self._subject(other, m, clause, block, None, exclude=subject)
            if second is not None:
                fact.qualifiers[other] = self.lex.labels.get(second.id, second.id)
        if cohort is not None:
            fact.qualifiers["cohort"] = "people with " + self.lex.labels.get(cohort.id, cohort.id)
        section = self.section(block, m)
        if section is not None:
            fact.qualifiers["section"] = section
        treatment_related = spec is not None and (spec.about == "treatment" or spec.treatment_specific)
        for dim in self.lex.dimensions:
            applies = self.lex.applies_to.get(dim, "any")
            if applies == "treatment" and not treatment_related or applies == "population" and treatment_related:
                continue
            found = self._qualifier(dim, m, clause, block)
            if found:
                fact.qualifiers[dim] = found
        comparators = self.lex.comparators
        fact.comparator = fact.subject in comparators or any(
            self.lex.labels.get(c, c) == fact.qualifiers.get("treatment") for c in comparators)
        fact.not_compared = self._not_compared(fact, spec, m, block)
        if not fact.not_compared and fact.measure == "prevalence" and value.dimension == "proportion":
            noun = getattr(m, "noun", "") or ""
            if PRONOUN_NOUN.match(noun.strip()):
                fact.not_compared = "a share of a group named earlier, not of a population"
            elif not noun and not STRONG_PREVALENCE.search(self.prose, clause[0], clause[1]):
                fact.not_compared = "not stated as a share of people"
        return fact

    def _not_compared(self, fact: Fact, spec: Optional[Measure], m, block) -> str:
        """Figures the lexicons can name but that are too loosely placed to hold against another."""
        if spec is None:
            return ""
        lead = self._lead_in_span(block)
        if spec.requires is not None:
            scope = [self.prose[m.sentence_start:m.sentence_end]]
            if lead is not None:
                scope.append(self.article.text[lead[0]:lead[1]])
            if not any(spec.requires.search(text) for text in scope):
                return f"not stated as the usual {spec.label}"
        if spec.explicit_subject and fact.subject_from not in ("clause", "sentence", "previous sentence", "lead-in"):
            if not (fact.subject_from in ("heading", "title") and PRONOUN.search(self.prose[m.sentence_start:m.start])):
                return f"the {fact.subject_label or 'subject'} is not named with the figure"
        label = self._opening_label(block)
        if label is not None and not self._recognised(label):
            return f"the figure is labelled {label!r}"
        before = self.prose[m.sentence_start:m.start]
        after = self.prose[m.end:m.sentence_end]
        if block is not None and block.quote:
            return "quoted from another source"
        if CHANGE_TO.search(before):
            return "a change to a value, not the usual value"
        if RESTATED_BEFORE.search(before) and any(
                o is not m and o.end <= m.start and m.start - o.end <= 40 and o.sentence_start == m.sentence_start
                for o in self.mentions):
            return "a conversion of the figure before it"
        if fact.dimension == "proportion":
            tail = self.article.text[m.number_end:m.sentence_end] if m.number_end > 0 else after
            tail = re.sub(r"^\s*(?:%|percent|per\s+cent)", "", tail)
            if MAGNITUDE_AFTER.match(tail) or MAGNITUDE_AFTER.match(after) or MAGNITUDE_BEFORE.search(before):
                return "how much something changed, not a share of people"
            if PRONOUN_NOUN.match((getattr(m, "noun", "") or "").strip()):
                return "a share of a group named earlier"
        if fact.dimension == "sessions":
            if CHECKPOINT_BEFORE.search(before) or CHECKPOINT_BEFORE.search(m.text[:12] + " "):
                return "a checkpoint in a course, not its length"
            if FREQUENCY_AFTER.match(after) or FREQUENCY_IN.search(m.text):
                return "a frequency, not a number of sessions"
        if fact.measure == "prevalence" and STUDY_SAMPLE.search(getattr(m, "noun", "") or ""):
            return "a share of a study's participants, not of a population"
        return ""

    def _recognised(self, label: str) -> bool:
        lex = self.lex
        if lex.subjects.find(label) or lex.cues.find(label) or lex.side_effects.find(label):
            return True
        if any(index.find(label) for index in lex.dimensions.values()):
            return True
        if any(p.search(label) for spec in lex.measures.values() for p in spec.patterns):
            return True
        return bool(NEUTRAL_LABEL.search(label))

    def _measure_spec(self, measure_id: Optional[str]) -> Optional[Measure]:
        if measure_id is None:
            return None
        if measure_id.startswith("side-effect:"):
            return self.lex.measures.get("side-effect-rate")
        return self.lex.measures.get(measure_id)

    def _measure(self, m, value: Value, clause: tuple[int, int], block):
        candidates = {mid: spec for mid, spec in self.lex.measures.items() if value.dimension in spec.dimensions}
        if not candidates:
            return None, ""
        # A dose needs no cue: its unit says what it is.
        scopes = [("clause", clause), ("sentence", (m.sentence_start, m.sentence_end))]
        for where, (start, end) in scopes:
            best = self._best_cue(m, candidates, start, end, where == "clause")
            if best is not None:
                if best[0] == "prevalence" and "side-effect-rate" in candidates:
                    # "Nausea is the most common side effect. ... it affected 44% of participants"
                    carried = self._carried_side_effect(m, candidates, block)
                    if carried is not None:
                        return carried, "previous sentence"
                return best, where
        lead = self._lead_in_span(block)
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
        text = self.prose
        scored: list[tuple[int, int, tuple[str, str, str]]] = []

        def distance(a: int, b: int) -> int:
            if b <= m.start:
                return m.start - b
            if a >= m.end:
                return a - m.end
            return 0

        for cue in self.lex.cues.find(text, start, end):
            spec = candidates.get(cue.group)
            if spec is None:
                continue
            chosen = spec
            if self.lex.negations.search(text[start:cue.start]):
                negated = self.lex.measures.get(spec.negated or "")
                if negated is None or not set(negated.dimensions) & set(spec.dimensions):
                    continue
                chosen = negated
            scored.append((chosen.priority, -distance(cue.start, cue.end), (chosen.id, chosen.label, "")))
        for spec in candidates.values():
            for pattern in spec.patterns:
                for found in pattern.finditer(text, start, end):
                    scored.append((spec.priority, -distance(found.start(), found.end()), (spec.id, spec.label, "")))
            if anchored:
                head = text[start:m.start]
                lead = LEADING_PREPOSITION.match(m.text)
                if lead:  # the grammar may keep "over" or "within" inside the figure's span
                    head += lead.group(0)
                tail = text[m.end:end]
                if any(p.search(head) for p in spec.before) or any(p.search(tail) for p in spec.after) or any(
                        p.search(m.text) for p in spec.inside):
                    scored.append((spec.priority, 0, (spec.id, spec.label, "")))
        effect_spec = candidates.get("side-effect-rate")
        if effect_spec is not None:
            for effect in self.lex.side_effects.find(text, start, end):
                if effect.id == "side effects" and not anchored:
                    continue  # "side effects" in a heading does not say which effect a figure counts
                label = f"{effect.id} rate" if effect.id != "side effects" else "side-effect rate"
                scored.append((effect_spec.priority, -distance(effect.start, effect.end),
                               (f"side-effect:{effect.id}", label, "")))
        if "dose" in candidates:
            scored.append((candidates["dose"].priority - 100, -10**6, ("dose", candidates["dose"].label, "")))
        if not scored:
            return None
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        return scored[0][2]

    def _carried_side_effect(self, m, candidates: Mapping[str, Measure], block):
        if block is None or not PRONOUN.search(self.prose[m.sentence_start:m.start]):
            return None
        prev = self.previous_sentence(m.sentence_start, block)
        if prev is None:
            return None
        spec = candidates["side-effect-rate"]
        for effect in self.lex.side_effects.find(self.prose, prev[0], prev[1]):
            if len(self.prose[prev[0]:effect.start].split()) > 2:
                break  # "it" refers to the sentence's subject, which comes first
            label = f"{effect.id} rate" if effect.id != "side effects" else spec.label
            return (f"side-effect:{effect.id}", label, "")
        return None

    def _prevalence_verb_end(self, m, clause: tuple[int, int]) -> Optional[int]:
        """Where "have"/"experience"/"develop" ends, when it follows the figure:
        in "85% of chronic pain patients experience depression" the subject is
        what comes after the verb; what comes before is the cohort."""
        spec = self.lex.measures.get("prevalence")
        if spec is None:
            return None
        for cue in self.lex.cues.find(self.prose, m.end, clause[1]):
            if cue.group == "prevalence" and cue.id == "prevalence":
                word = self.prose[cue.start:cue.end].lower()
                if word.split()[0] in ("have", "has", "had", "having", "develop", "develops", "developed",
                                       "developing", "experience", "experiences", "experienced",
                                       "experiencing", "suffer", "suffers", "suffering", "meet", "meets",
                                       "met", "struggle", "struggling", "live", "lives", "living"):
                    return cue.end
        return None

    def _candidates(self, group: str, start: int, end: int) -> list[Match]:
        out = []
        for match in self.lex.subjects.find(self.prose, start, end):
            if match.group != group:
                continue
            before = self.prose[start:match.start]
            if COMPARISON_BEFORE.search(before) and not RELATIVE_AFTER.match(self.prose, match.end):
                continue
            if group == "treatment" and HISTORY_BEFORE.search(before):
                continue
            out.append(match)
        return out

    def _pick(self, found: list[Match], m, cue_end: Optional[int]) -> tuple[Match, Optional[Match]]:
        """The subject among several, and the cohort ("people with X") if any."""
        if cue_end is not None:
            after = [f for f in found if f.start >= cue_end]
            before = [f for f in found if f.end <= cue_end and f.id != (after[0].id if after else None)]
            if after:
                return after[0], (before[0] if before else None)
        nearest = min(found, key=lambda f: (abs(f.start - m.start) if f.start >= m.end else abs(m.start - f.end)))
        return nearest, None

    def _subject(self, group: str, m, clause: tuple[int, int], block, cue_end: Optional[int],
                 exclude: Optional[Match] = None):
        def usable(found: list[Match]) -> list[Match]:
            return [f for f in found if exclude is None or f.id != exclude.id]

        for where, (start, end) in (("clause", clause), ("sentence", (m.sentence_start, m.sentence_end))):
            found = usable(self._candidates(group, start, end))
            if found:
                subject, cohort = self._pick(found, m, cue_end if where == "clause" else None)
                return subject, where, cohort
        if block is not None and PRONOUN.search(self.prose[m.sentence_start:m.start]):
            prev = self.previous_sentence(m.sentence_start, block)
            if prev is not None:
                found = usable(self._candidates(group, prev[0], prev[1]))
                if found:
                    return found[0], "previous sentence", None
        lead = self._lead_in_span(block)
        if lead is not None:
            found = usable(self._candidates(group, lead[0], lead[1]))
            if found:
                return found[0], "lead-in", None
        if block is not None:
            for heading in self.headings(block):
                found = usable(self._candidates(group, heading.start, heading.end))
                if found:
                    return found[0], "heading", None
        found = usable([x for x in self.lex.subjects.find(self.title) if x.group == group])
        if found:
            return found[0], "title", None
        dominant = self.dominant(group)
        if dominant is not None and (exclude is None or dominant.id != exclude.id):
            return dominant, "article", None
        return None, "", None

    def _qualifier(self, dim: str, m, clause: tuple[int, int], block) -> Optional[str]:
        index = self.lex.dimensions[dim]

        def values(start: int, end: int) -> list[Match]:
            out = []
            for match in index.find(self.prose, start, end):
                if match.group == "exclude":
                    continue
                if m.start <= match.start < m.end and dim in ("regimen",):
                    pass  # "six infusions" inside the figure still says "a series"
                if COMPARISON_BEFORE.search(self.prose[start:match.start]):
                    continue
                out.append(match)
            return out

        scopes = [clause, (m.sentence_start, m.sentence_end)]
        lead = self._lead_in_span(block)
        if lead is not None:
            scopes.append(lead)
        for start, end in scopes:
            found = values(start, end)
            if found:
                nearest = min(found, key=lambda f: abs((f.start + f.end) / 2 - (m.start + m.end) / 2))
                return nearest.id
        if dim in self.lex.from_heading and block is not None:
            for heading in self.headings(block):
                found = {f.id for f in values(heading.start, heading.end)}
                if len(found) == 1:
                    return found.pop()
                if len(found) > 1:
                    return None
        return None
