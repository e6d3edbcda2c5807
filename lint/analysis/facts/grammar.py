"""The grammar around the study and cohort vocabularies (qualifiers.yaml), compiled
into the patterns a Lexicon holds (lint.analysis.facts.lexicon)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .phrases import _LEFT, FirstWords, PhraseIndex, WholeWords, _alternatives, _as_list
from .words import word_list


def _union_words(indexes: Iterable[PhraseIndex]) -> FirstWords:
    words = FirstWords()
    for index in indexes:
        words.merge(index.first_words)
    return words


def _study_patterns(
    spec: Mapping[str, Any],
) -> tuple[re.Pattern | None, re.Pattern | None, WholeWords | None, FirstWords]:
    """The grammar around the study vocabulary (qualifiers.yaml `studies`), and the words
    a study's name can start at."""
    nouns = _as_list(spec.get("nouns"))
    arms = _as_list(spec.get("arms"))
    reports = _as_list(spec.get("reports"))
    names = arm = words = None
    report_words = FirstWords()
    if nouns:
        alts = _alternatives(nouns)
        determiners = "|".join(word_list("study_determiners"))
        # each branch below opens with one of these words, whole (a space or hyphen follows)
        words = WholeWords(re.compile(r"(?i:" + determiners + r"|in|from)|[A-Z][A-Z0-9]{2,}"))
        for phrase in reports:  # ... or with a phrase's first word
            report_words.add(phrase, False)
        names = re.compile(
            r"(?i:\b(?:" + determiners + r")\s+"
            r"(?:[\w-]+\s+|\w+-){0,4}?(?:" + alts + r")\b(?!-))"
            r"|\b[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*\s+(?i:" + alts + r")\b"  # "the SUSTAIN-2 trial"
            r"|\b(?i:in|from)\s+[A-Z][A-Z0-9]*-\d+\b"  # "in TRANSFORM-2"
             + (r"|(?i:" + _LEFT + r"(?:" + _alternatives(reports) + r")\b)" if reports else "")
        )
    if arms:
        alts = _alternatives(arms)
        arm = re.compile(
            r"\b(?:of|in|among|for|from)\s+(?:"
            + "|".join(["the"] + [rf"{re.escape(w)}\s+in\s+the" for w in word_list("arm_members")])
            + r")\s+(?:[\w-]+\s+){0,3}?(?:"
            + alts
            + r")\b",
            re.I,
        )
    return names, arm, words, report_words


def _cohort_patterns(
    spec: Mapping[str, Any],
) -> tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None]:
    """The grammar around the cohort vocabulary (qualifiers.yaml `cohorts`)."""
    nouns, links, subgroups = (_as_list(spec.get(k)) for k in ("nouns", "links", "subgroups"))
    link = group = start = None
    if nouns and links:
        # from the figure to the cohort's condition: "% of people with (moderate to severe) "
        link = re.compile(
            r"^\s*(?:%|percent|per\s+cent)?\s*(?:of\s+)?(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:" + _alternatives(nouns) + r")\s+(?:" + _alternatives(links) + r")\s+"
            r"(?:(?:the|a|an|their)\s+)?(?:[\w-]+\s+){0,3}?$",
            re.I,
        )
        start = re.compile(
            r"\s*(?:%|percent|per\s+cent)?\s*(?:(?:of\s+)?(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:" + _alternatives(nouns) + r")\s+)?(?:" + _alternatives(links) + r")\s+\w",
            re.I,
        )
    if subgroups:
        group = re.compile(_LEFT + r"(?:" + _alternatives(subgroups) + r")\b", re.I)
    return link, group, start
