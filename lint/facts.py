"""Facts: numeric mentions with what they are about, what they measure and when.

A fact is a figure from the number grammar (lint.numbers) plus its context:
  subject    the condition or treatment, looked up in the figure's clause, its
             sentence, the sentence before (for "it"/"this"), the list item's
             lead-in, the headings above it, the title, and finally the
             article's dominant subject;
  measure    response rate, prevalence, duration of effect, dose, ... from cue
             words near the figure (rules/lexicon/measures.yaml);
  qualifiers regimen, route, population, region, period (qualifiers.yaml),
             the other of condition/treatment, and a time point ("at 24 hours");
  value      a normalised interval (lint.fact_values).

Two facts are comparable when subject, measure, unit and every qualifier
both state agree. Comparing them is the consistency checks' job.

The extraction itself is in lint.fact_extract (what a figure is about),
lint.fact_structure (where it stands) and lint.fact_patterns (the patterns
both read).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping, Optional, Sequence

from .article import Article
from .fact_lexicon import Lexicon, default_lexicon_data, lexicon_for
from .fact_values import Value, overlaps


@dataclass
class Fact:
    """One figure with its key and qualifiers. Plain data: safe to pickle and to print as JSON."""

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str  # the figure as written
    kind: str  # the number grammar's kind
    dimension: str  # proportion | count | time | dose | sessions | multiplier
    unit: str  # canonical unit compared
    low: float  # normalised interval, before qualifier bounds
    high: float
    qualifier: str  # exact | approx | upper | lower
    value: str  # display: "50–80%", "1–6 months"
    subject: Optional[str] = None  # lexicon id
    subject_label: str = ""
    subject_from: str = ""  # clause | sentence | previous sentence | lead-in | heading | title | article
    measure: Optional[str] = None
    measure_label: str = ""
    measure_from: str = ""
    qualifiers: dict[str, str] = field(default_factory=dict)  # dimension -> value (labels)
    timepoint: Optional[tuple[float, float]] = None  # days
    treatment_specific: bool = False
    condition_specific: bool = False  # a protocol figure (dose, session length) depends on the condition
    cited: Optional[bool] = None  # None when citation detection is unavailable
    sentence_start: int = -1  # figures in one sentence are stated side by side, never in conflict
    group: Optional[int] = None  # one list or table: its figures are side by side too
    study: bool = False  # reported from one named study
    comparator: bool = False  # about a placebo or other comparator arm: never compared
    not_compared: str = ""  # why a figure with a subject and measure is still not compared
    subsection: Optional[tuple[int, int]] = None  # (heading, bold pseudo-heading) it sits under

    @property
    def key(self) -> Optional[tuple[str, str]]:
        if self.comparator or self.not_compared or not (self.subject and self.measure):
            return None
        return self.subject, self.measure

    @property
    def as_value(self) -> Value:
        return Value(self.dimension, self.unit, self.low, self.high, self.qualifier, self.value)

    @property
    def label(self) -> str:
        """"CRPS response rate", "ketamine dose"."""
        return f"{self.subject_label or '?'} {self.measure_label or '?'}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["timepoint"] = list(self.timepoint) if self.timepoint else None
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Fact":
        data = dict(data)
        for name in ("timepoint", "subsection"):
            if data.get(name) is not None:
                data[name] = tuple(data[name])
        return cls(**data)


# -- comparing -------------------------------------------------------------
def comparable(a: Fact, b: Fact, tolerance: float = 0.1) -> bool:
    """Same key, same unit, and no qualifier that both state differs."""
    if a.key is None or a.key != b.key or a.unit != b.unit:
        return False
    if a.treatment_specific and (("treatment" in a.qualifiers) != ("treatment" in b.qualifiers)):
        return False  # a response rate of no named treatment cannot be held against one of ketamine
    if ("section" in a.qualifiers) != ("section" in b.qualifiers):
        return False  # a figure for one step of a breakdown ("Month 3") is not a general claim
    for dim in set(a.qualifiers) & set(b.qualifiers):
        if dim == "treatment" and not a.treatment_specific:
            continue
        if a.qualifiers[dim] != b.qualifiers[dim]:
            return False
    if a.timepoint and b.timepoint:
        ta = Value("time", "days", a.timepoint[0], a.timepoint[1], "exact", "")
        tb = Value("time", "days", b.timepoint[0], b.timepoint[1], "exact", "")
        if not overlaps(ta, tb, tolerance):
            return False
    return True


# Writers round durations loosely ("40 minutes" for a 45-minute infusion), so
# durations get a wider tolerance than rates and doses.
TIME_TOLERANCE_FACTOR = 2.5


def _tolerance_for(fact: Fact, tolerance: float) -> float:
    return tolerance * TIME_TOLERANCE_FACTOR if fact.unit == "days" else tolerance


def in_conflict(a: Fact, b: Fact, tolerance: float = 0.1, points: float = 0.0) -> bool:
    if not comparable(a, b, tolerance):
        return False
    return not overlaps(a.as_value, b.as_value, _tolerance_for(a, tolerance), points if a.unit == "%" else 0.0)


def agree(a: Fact, b: Fact, tolerance: float = 0.1, points: float = 0.0) -> bool:
    return comparable(a, b, tolerance) and overlaps(a.as_value, b.as_value, _tolerance_for(a, tolerance),
                                                    points if a.unit == "%" else 0.0)


# -- extracting ------------------------------------------------------------
def mentions_of(article: Article) -> list:
    """The number grammar's mentions (lint.numbers.extract_mentions)."""
    from . import numbers

    extract = getattr(numbers, "extract_mentions", None)
    if extract is None:
        return []
    return list(extract(article))


def lexicon_from(options: Optional[Mapping[str, Any]]) -> Lexicon:
    data = default_lexicon_data()
    options = options or {}
    return lexicon_for(options.get("subjects") or data["subjects"], options.get("measures") or data["measures"],
                       options.get("qualifiers") or data["qualifiers"])


def extract_facts(article: Article, options: Optional[Mapping[str, Any]] = None,
                  mentions: Optional[Sequence] = None) -> list[Fact]:
    """Every figure in the article that the lexicons can place, in text order.

    Figures whose subject or measure is unknown are still returned (with
    None) so `contentlint facts` can show what was not understood; checks
    compare only facts with a key.
    """
    from .fact_extract import FactExtractor

    lexicon = lexicon_from(options)
    if mentions is not None:
        return FactExtractor(article, lexicon).facts(sorted(mentions, key=lambda m: (m.start, m.end)))
    # Three rules (and CL301's registry hint) ask for the same article's facts.
    cache = article.__dict__.setdefault("_contentlint_cache", {})
    key = ("facts", id(lexicon))
    if key not in cache:
        found = sorted(mentions_of(article), key=lambda m: (m.start, m.end))
        cache[key] = (lexicon, FactExtractor(article, lexicon).facts(found))
    return list(cache[key][1])


def days_label(bounds: tuple[float, float]) -> str:
    low, high = bounds
    if math.isinf(high):
        return "at least " + days_label((low, low))
    for unit, days in (("years", 365.25), ("months", 30.44), ("weeks", 7.0), ("days", 1.0), ("hours", 1 / 24),
                       ("minutes", 1 / 1440)):
        if low >= days * 0.999 or unit == "minutes":
            a, b = low / days, high / days
            if abs(a - round(a)) < 0.05 and abs(b - round(b)) < 0.05:
                a, b = round(a), round(b)
                return f"{a} {unit}" if a == b else f"{a}–{b} {unit}"
    return f"{low:g}–{high:g} days"
