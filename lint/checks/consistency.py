"""Consistency of figures: within an article, across the corpus, against the registry.

All three compare facts (lint.analysis.facts): two figures with the same subject,
measure, unit and compatible qualifiers whose intervals do not overlap, even
after a relative tolerance, are in conflict. One kind reports all three, so an
article's facts are extracted and compared once: messages `within` (CL501),
`across` (CL502, gathered per article and compared in the parent) and `registry` (CL503).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..analysis.evidence import (
    Entry,
    load_entries,
    registry_conflict,
    registry_match,
    validate_registry,
)
from ..analysis.facts import Fact, agree, extract_facts, in_conflict
from ..analysis.facts.compact import AnyFact, pack, unpack_all
from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit

LEXICON_OPTIONS: dict[str, Any] = {"subjects": {}, "measures": {}, "qualifiers": {}}
COMPARE_OPTIONS = {"tolerance": 0.1, "percentage_points": 1.0}


def _tolerance(options: Mapping[str, Any]) -> tuple[float, float]:
    return float(options.get("tolerance", 0.1)), float(options.get("percentage_points", 0.0))


def _context(fact: AnyFact) -> str:
    """The qualifiers that made two figures comparable, for the message: " (after a series, IV)"."""
    shown = [
        v
        for k, v in fact.qualifiers.items()
        if k in ("regimen", "population", "route", "period", "region")
    ]
    if fact.timepoint:
        from ..analysis.facts import days_label

        shown.append("at " + days_label(fact.timepoint))
    return f" ({', '.join(shown)})" if shown else ""


def keyed_facts(article: Article, options: Mapping[str, Any]) -> list[Fact]:
    return [f for f in extract_facts(article, options) if f.key is not None]


def side_by_side(a: Fact, b: Fact) -> bool:
    """Figures one sentence, list or table states together are alternatives
    ("56 mg or 84 mg", a dosing schedule, a table of trials), not rivals; so are
    figures under different bold labels of one section (two protocols)."""
    if a.sentence_start == b.sentence_start or (a.group is not None and a.group == b.group):
        return True
    return bool(
        a.subsection
        and b.subsection
        and a.subsection[0] == b.subsection[0]
        and a.subsection[1] != b.subsection[1]
    )


def rivals(a: Fact, b: Fact) -> bool:
    """Whether two figures should agree at all: not side by side, and not two
    results of different named studies (which may differ without either being wrong)."""
    return not_rivals(a, b) is None


def not_rivals(a: Fact, b: Fact) -> str | None:
    """Why two figures of one key need not agree, or None when they must."""
    if a.path != b.path:
        return not_rivals_across(a, b)
    if a.study and b.study:
        if not (a.study_id and a.study_id == b.study_id):
            return "results of different studies (or of studies the article does not tell apart)"
        if a.arm and b.arm and a.arm != b.arm:
            return f"results of different arms of one study ({a.arm} vs {b.arm})"
    if different_sources(a, b):
        return "cited to different sources"
    if a.sentence_start == b.sentence_start:
        return "stated side by side in one sentence"
    if a.group is not None and a.group == b.group:
        return "stated side by side in one list or table"
    if side_by_side(a, b):
        return "under different labels of one section (alternatives)"
    return None


def different_sources(a: Fact, b: Fact) -> bool:
    """Figures an article cites to different sources are different results (EDITORIAL-POLICY §6)."""
    return bool(a.source and b.source and a.source != b.source)


def rivals_across(a: AnyFact, b: AnyFact) -> bool:
    """Across articles the context is not shared, so a figure that names its
    treatment (or condition) is only held against one that names it too."""
    return not_rivals_across(a, b) is None


def not_rivals_across(a: AnyFact, b: AnyFact) -> str | None:
    if a.study and b.study:
        return "both are results of studies or trial arms"
    dims = [
        d
        for d, needed in (("treatment", a.treatment_specific), ("condition", a.condition_specific))
        if needed
    ]
    for dim in dims:
        if (dim in a.qualifiers) != (dim in b.qualifiers):
            return f"only one names the {dim} (the articles do not share context)"
    return None


def _stated_together(
    fact: Fact, other: Fact, facts: Sequence[Fact], tolerance: float, points: float
) -> bool:
    """The article itself names both values as alternatives somewhere ("56 mg or 84 mg").

    `facts` holds the figures of the pair's key (a figure of another key agrees with
    neither): each agreement is tested once, not once per pair of figures."""
    rest = [x for x in facts if x is not fact and x is not other]
    with_fact = [x for x in rest if agree(x, fact, tolerance, points)]
    if any(side_by_side(x, other) for x in with_fact):
        return True  # a table or list gives both values ("50% at week 4, 70% at week 16")
    with_other = [y for y in rest if agree(y, other, tolerance, points)]
    return any(y is not x and side_by_side(x, y) for x in with_fact for y in with_other)


def split_conflicts(
    facts: Sequence[Fact], tolerance: float, points: float
) -> tuple[list[Fact], list[tuple[Fact, Fact]]]:
    """Walk the figures in order: each either agrees with what the article said
    before (accepted) or contradicts an accepted figure (a conflict at the
    later mention). A contradicted figure never becomes the reference, so a
    repeated "50-80%" after a stray "30-40%" is not flagged."""
    accepted: list[Fact] = []
    conflicts: list[tuple[Fact, Fact]] = []
    # Figures of different keys are never in conflict (`comparable`): each figure is held
    # against the accepted figures of its own key only, its key computed once.
    same_key: dict[Any, list[Fact]] = {}
    for fact in facts:
        same_key.setdefault(fact.key, []).append(fact)
    accepted_by_key: dict[Any, list[Fact]] = {}
    for fact in facts:
        key = fact.key
        peers = accepted_by_key.setdefault(key, [])
        clash = [
            a
            for a in peers
            if rivals(fact, a)
            and in_conflict(fact, a, tolerance, points)
            and not _stated_together(fact, a, same_key[key], tolerance, points)
        ]
        if clash:
            # name the figure the article states as general fact, the earliest one first
            conflicts.append((fact, min(clash, key=lambda a: (a.study, a.start))))
        else:
            accepted.append(fact)
            peers.append(fact)
    return accepted, conflicts


# -- (a) within an article and (c) against the registry -----------------------------
_LAST: list = []  # [(article, options, facts, (accepted, conflicts))]: run and collect share it


def _split(article: Article, options: Mapping[str, Any]) -> tuple[list[Fact], tuple]:
    """The article's keyed facts and their split, computed once for run and collect."""
    if _LAST and _LAST[0][0] is article and _LAST[0][1] is options:
        return _LAST[0][2], _LAST[0][3]
    tolerance, points = _tolerance(options)
    facts = keyed_facts(article, options)
    split = split_conflicts(facts, tolerance, points)
    _LAST[:] = [(article, options, facts, split)]
    return facts, split


def run(article: Article, options: Mapping[str, Any]) -> Iterable[tuple[str, Hit]]:
    facts, (_, conflicts) = _split(article, options)
    for fact, other in conflicts:
        yield (
            "within",
            Hit(
                fact.start,
                fact.end,
                {
                    "subject": fact.subject_label,
                    "measure": fact.measure_label,
                    "value": fact.value,
                    "other_value": other.value,
                    "other_line": other.line,
                    "context": _context(fact),
                },
            ),
        )
    for hit in registry_hits(facts, options):
        yield "registry", hit


# -- (b) across the corpus ----------------------------------------------------------
def collect_facts(article: Article, options: Mapping[str, Any]) -> str:
    """The article's own consistent figures, packed for the parent process: only what the
    comparison reads, in one string (lint.analysis.facts.compact)."""
    _, (accepted, _) = _split(article, options)
    return pack(accepted)


def corpus_conflicts(
    collected: Mapping[str, Sequence[AnyFact]],
    entries: Sequence[Entry],
    tolerance: float,
    points: float,
    about: Collection[str] | None = None,
) -> Iterator[tuple[AnyFact, Sequence[AnyFact]]]:
    """Each figure that other articles contradict, when it is the outlier (with `about`:
    only the figures of those articles).

    The registry decides where it has an entry: a figure it agrees with is
    never the outlier, one it contradicts always is. Elsewhere the majority
    decides: the article counts as one vote for its own figure, so when two
    articles disagree both are flagged, and when three agree against a
    fourth only the fourth is. (lint.analysis.facts.corpus: by key, context and value,
    linear in the corpus.)
    """
    from ..analysis.facts.corpus import corpus_conflicts as bucketed

    def registry(fact: AnyFact) -> tuple[bool, bool]:
        if not entries:
            return False, False
        agrees = registry_match(fact, entries, tolerance) is not None
        return agrees, registry_conflict(fact, entries, tolerance) is not None

    return bucketed(collected, registry, rivals_across, tolerance, points, about)


def compare_facts(
    collected: Mapping[str, Any], options: Mapping[str, Any], about: Collection[str] | None = None
) -> Iterator[tuple[str, dict]]:
    """CL502's findings; with `about`, only those on the figures of those articles (the
    same ones, in the same order), for a run that reports a few articles of a corpus."""
    tolerance, points = _tolerance(options)
    facts = unpack_all(collected)
    entries = load_entries(options.get("evidence"))
    for fact, others in corpus_conflicts(facts, entries, tolerance, points, about):
        named = "; ".join(f"{o.value} in {o.path}:{o.line}" for o in others[:3])
        if len(others) > 3:
            named += f" and {len(others) - 3} more"
        yield (
            fact.path,
            {
                "line": fact.line,
                "column": fact.column,
                "end_line": fact.end_line,
                "end_column": fact.end_column,
                "excerpt": fact.text,
                "args": {
                    "subject": fact.subject_label,
                    "measure": fact.measure_label,
                    "value": fact.value,
                    "others": named,
                    "other_path": others[0].path,
                    "other_line": others[0].line,
                    "other_value": others[0].value,
                    "context": _context(fact),
                },
            },
        )


# -- (c) against the registry ---------------------------------------------------------
def registry_hits(facts: Sequence[Fact], options: Mapping[str, Any]) -> Iterable[Hit]:
    entries = load_entries(options.get("evidence"))
    if not entries:
        return
    tolerance, _ = _tolerance(options)
    for fact in facts:
        entry: Entry | None = registry_conflict(fact, entries, tolerance)
        if entry is None:
            continue
        yield Hit(
            fact.start,
            fact.end,
            {
                "subject": fact.subject_label,
                "measure": fact.measure_label,
                "value": fact.value,
                "canonical": entry.value.display,
                "source": entry.source,
                "key": entry.key,
                "note": f" [{entry.note}]" if entry.note else "",
                "context": _context(fact),
            },
        )


@dataclass(frozen=True)
class ConsistencyOptions:
    """The kind's options, typed: built (and so checked) when the rule or config loads."""

    tolerance: float
    percentage_points: float

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> ConsistencyOptions:
        numbers = []
        for key in ("tolerance", "percentage_points"):
            value = options.get(key, COMPARE_OPTIONS[key])
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"option {key!r} must be a number, zero or more, got {value!r}")
            numbers.append(float(value))
        for key in LEXICON_OPTIONS:
            if not isinstance(options.get(key) or {}, Mapping):
                raise ValueError(f"option {key!r} must be a lexicon table (mapping)")
        return cls(*numbers)


def validate(options: Mapping[str, Any]) -> None:
    """Checked when the rule or the config loads (never in a worker)."""
    ConsistencyOptions.of(options)
    validate_registry(options)


KIND = CheckKind(
    name="fact-consistency",
    scope="corpus",
    options={**LEXICON_OPTIONS, **COMPARE_OPTIONS, "evidence": {}},
    run=run,
    collect=collect_facts,
    compare=compare_facts,
    compares_about=True,
    collect_ignores=("evidence",),  # the registry is read by run (CL503) and compare only
    validate=validate,
    # CL502 yields to CL503: a figure the registry contradicts is reported once.
    yields_to=("registry",),
    emits=("within", "across", "registry"),
    collects_for="across",
    compares_articles_only=True,
)
# The name checks/__init__.py lists.
WITHIN = KIND
