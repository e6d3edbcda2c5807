"""The fact lexicons (subjects, measures, qualifiers) compiled into matchers.

The lexicons are YAML data in rules/lexicon/. Each is compiled once per
process into phrase matchers: one regular expression per case mode, longest
phrase first, so "treatment-resistant depression" wins over "depression".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...model.packs import builtin_data
from .grammar import _cohort_patterns, _study_patterns, _union_words
from .phrases import (
    _LEFT,
    _RIGHT,
    FirstWords,
    Match,
    PhraseIndex,
    WholeWords,
    _alternatives,
    _any_phrase,
    _as_list,
    _entries_for,
    _phrase_pattern,
    one_of,
    union_of,
)

# Re-exported: callers (lint.engine.siblings, tests) import them from here.
__all__ = [
    "_LEFT",
    "_RIGHT",
    "Lexicon",
    "Match",
    "Measure",
    "PhraseIndex",
    "_entries_for",
    "one_of",
]


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    dimensions: tuple[str, ...]
    about: str  # condition | treatment
    priority: int
    treatment_specific: bool = False
    condition_specific: bool = False
    negated: str | None = None
    inceptive: str | None = (
        None  # the measure a cue selects right after "start to" (duration -> onset)
    )
    of_side_effect: str | None = (
        None  # the measure a cue selects when a side effect is what it is about
    )
    regexes: tuple[re.Pattern, ...] = ()  # select the measure wherever they match
    before: tuple[re.Pattern, ...] = ()
    after: tuple[re.Pattern, ...] = ()
    inside: tuple[re.Pattern, ...] = ()
    requires: re.Pattern | None = (
        None  # the sentence must say one of these for the figure to be compared
    )
    explicit_subject: bool = False  # the subject must be named with the figure, not inherited


@dataclass
class Lexicon:
    subjects: PhraseIndex
    labels: dict[str, str]  # subject id -> display label
    measures: dict[str, Measure]
    cues: PhraseIndex  # measure cue phrases; group = measure id
    side_effects: PhraseIndex  # id = the effect's name
    negations: re.Pattern
    inceptives: re.Pattern | None = None
    inceptive_after: re.Pattern | None = (
        None  # "protection starts to build": the verb after the cue
    )
    dimensions: dict[str, PhraseIndex] = field(default_factory=dict)
    from_heading: set[str] = field(default_factory=set)
    applies_to: dict[str, str] = field(
        default_factory=dict
    )  # dimension -> treatment | population | any
    strict: set[str] = field(
        default_factory=set
    )  # qualifier values ("starting") a figure without them never matches
    comparators: set[str] = field(default_factory=set)  # placebo, saline: never a fact's subject
    study_names: re.Pattern | None = (
        None  # "a 2019 trial", "the same study": a sentence names a study
    )
    # the words study_names can start at: whole words (`name_words`), or the first words
    # of the `reports` phrases (FactExtractor.names_study searches only where one stands)
    name_words: WholeWords | None = None
    report_words: FirstWords = field(default_factory=FirstWords)
    arms: re.Pattern | None = None  # "58% of the drug group": a result of one arm
    cohort_link: re.Pattern | None = (
        None  # "(of) people with", "of adults taking": a cohort follows
    )
    cohort_start: re.Pattern | None = (
        None  # the same at the start of any text: "who have had a heart attack"
    )
    subgroup: re.Pattern | None = None  # "among those who": the figure counts within a subgroup
    # Any phrase of any qualifier dimension: where it finds nothing, no dimension's index will,
    # so most scopes cost one search instead of one per dimension.
    any_qualifier: re.Pattern | None = None
    # The words a phrase of any qualifier dimension may start at (spans.LexiconSpans).
    qualifier_words: FirstWords = field(default_factory=FirstWords)
    # Labels and table headers already judged (NotComparedRules._recognised): articles of a
    # run share them, and judging one tries every lexicon on it.
    recognised: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)


Entry = tuple[str, str, str, bool]  # (phrase, id, group, case_sensitive)


def compile_lexicon(
    subjects: Mapping[str, Any], measures: Mapping[str, Any], qualifiers: Mapping[str, Any]
) -> Lexicon:
    entries, labels, comparators = _subject_entries(subjects)
    compiled, cue_entries = _measures(measures)
    effects = [
        (phrase, str(name), "side-effect", False)
        for name, phrases in (measures.get("side_effects") or {}).items()
        for phrase in _as_list(phrases)
    ]
    inceptives, inceptive_after = _inceptive_patterns(_as_list(measures.get("inceptives")))
    dims, from_heading, strict, applies_to = _dimensions(qualifiers)
    study_names, arms, name_words, report_words = _study_patterns(qualifiers.get("studies") or {})
    cohort_link, subgroup, cohort_start = _cohort_patterns(qualifiers.get("cohorts") or {})
    return Lexicon(
        subjects=PhraseIndex(entries),
        labels=labels,
        measures=compiled,
        study_names=study_names,
        name_words=name_words,
        report_words=report_words,
        arms=arms,
        cohort_link=cohort_link,
        subgroup=subgroup,
        cohort_start=cohort_start,
        cues=PhraseIndex(cue_entries, plural=False),
        side_effects=PhraseIndex(effects, plural=False),
        negations=_negation_pattern(_as_list(measures.get("negations")) or ["not"]),
        inceptives=inceptives,
        inceptive_after=inceptive_after,
        dimensions=dims,
        any_qualifier=union_of(dims.values()),
        qualifier_words=_union_words(dims.values()),
        from_heading=from_heading,
        applies_to=applies_to,
        comparators=comparators,
        strict=strict,
    )


def _subject_entries(
    subjects: Mapping[str, Any],
) -> tuple[list[Entry], dict[str, str], set[str]]:
    """The subjects lexicon: its phrases, each id's display label, and the comparators."""
    entries: list[Entry] = []
    labels: dict[str, str] = {}
    comparators: set[str] = set()
    for group, key in (("condition", "conditions"), ("treatment", "treatments")):
        for id_, spec in (subjects.get(key) or {}).items():
            entries += _entries_for(str(id_), group, spec)
            labels[str(id_)] = (
                str(spec.get("label", id_)) if isinstance(spec, Mapping) else str(id_)
            )
            if isinstance(spec, Mapping) and spec.get("comparator"):
                comparators.add(str(id_))
    entries += [(g, "", "generic", False) for g in _as_list(subjects.get("generic"))]
    return entries, labels, comparators


def _regexes(spec: Mapping[str, Any], key: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in _as_list(spec.get(key)))


def _measures(measures: Mapping[str, Any]) -> tuple[dict[str, Measure], list[Entry]]:
    """The measures lexicon: each measure's spec, and the cue phrases that select it."""
    compiled: dict[str, Measure] = {}
    cue_entries: list[Entry] = []
    for id_, spec in (measures.get("measures") or {}).items():
        compiled[id_] = Measure(
            id=str(id_),
            label=str(spec.get("label", id_)),
            dimensions=tuple(_as_list(spec.get("dimension", "proportion"))),
            about=str(spec.get("about", "condition")),
            priority=int(spec.get("priority", 50)),
            treatment_specific=bool(spec.get("treatment_specific")),
            condition_specific=bool(spec.get("condition_specific")),
            negated=spec.get("negated"),
            inceptive=spec.get("inceptive"),
            of_side_effect=spec.get("of_side_effect"),
            # `patterns` is the deprecated name of `regexes` (both are read; a lexicon may
            # still use the old one)
            regexes=_regexes(spec, "regexes") + _regexes(spec, "patterns"),
            before=_regexes(spec, "before"),
            after=_regexes(spec, "after"),
            inside=_regexes(spec, "inside"),
            requires=_any_phrase(_as_list(spec.get("requires"))),
            explicit_subject=bool(spec.get("explicit_subject")),
        )
        cue_entries += [(c, str(id_), str(id_), False) for c in _as_list(spec.get("cues"))]
    return compiled, cue_entries


def _negation_pattern(negations: list[str]) -> re.Pattern:
    """A negation shortly before a cue ("do not respond")."""
    words = [_phrase_pattern(n, False) for n in negations if n.replace(" ", "").isalpha()]
    marks = [
        re.escape(n) for n in negations if not n.replace(" ", "").isalpha()
    ]  # "n't" sits inside "don't"
    return re.compile(
        r"(?:" + "|".join([r"\b(?:" + "|".join(words) + r")\b", *marks]) + r")\W*(?:\w+\W+){0,2}$",
        re.I,
    )


def _inceptive_patterns(words: list[str]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """ "start to" right before a cue, or "starts to build" right after it."""
    if not words:
        return None, None
    return (
        re.compile(r"\b(?:" + _alternatives(words) + r")\s+$", re.I),
        re.compile(r"\s+(?:\w+ly\s+)?(?:" + _alternatives(words) + r")\b", re.I),
    )


def _dimensions(
    qualifiers: Mapping[str, Any],
) -> tuple[dict[str, PhraseIndex], set[str], set[str], dict[str, str]]:
    """The qualifier dimensions: each one's phrase index, which are read from headings,
    the strict values, and what each applies to."""
    dims: dict[str, PhraseIndex] = {}
    from_heading: set[str] = set()
    strict: set[str] = set()
    applies_to: dict[str, str] = {}
    for name, spec in (qualifiers.get("dimensions") or {}).items():
        applies_to[str(name)] = str(spec.get("applies_to", "any"))
        items: list[Entry] = []
        for value, phrases in (spec.get("values") or {}).items():
            items += _entries_for(str(value), str(name), phrases)
        items += [(x, "", "exclude", False) for x in _as_list(spec.get("exclude"))]
        dims[str(name)] = PhraseIndex(items, plural=False)
        if spec.get("from_heading"):
            from_heading.add(str(name))
        strict.update(str(v) for v in _as_list(spec.get("strict")))
    return dims, from_heading, strict, applies_to


# Each rule loads its own copy of the lexicon files, and every article asks
# again; the compiled lexicon is shared by content, fingerprinted once per
# option object.
_BY_ID: dict[int, tuple[Any, str]] = {}
_BY_CONTENT: dict[str, Lexicon] = {}


def _fingerprint(data: Any) -> str:
    hit = _BY_ID.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    if len(_BY_ID) > 64:
        _BY_ID.clear()
    _BY_ID[id(data)] = (data, digest)
    return digest


def lexicon_for(
    subjects: Mapping[str, Any], measures: Mapping[str, Any], qualifiers: Mapping[str, Any]
) -> Lexicon:
    key = "|".join(_fingerprint(d) for d in (subjects, measures, qualifiers))
    lexicon = _BY_CONTENT.get(key)
    if lexicon is None:
        if len(_BY_CONTENT) > 8:
            _BY_CONTENT.clear()
        lexicon = _BY_CONTENT[key] = compile_lexicon(subjects, measures, qualifiers)
    return lexicon


def default_lexicon_data() -> dict[str, Any]:
    """The packaged lexicons, for callers without rule options (tests, `facts`)."""
    return {
        name: builtin_data(f"lexicon/{name}.yaml")
        for name in ("subjects", "measures", "qualifiers")
    }
