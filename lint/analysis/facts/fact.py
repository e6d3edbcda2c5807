"""Fact: one figure with what it is about, what it measures and when. Plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .values import Value


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
    subject: str | None = None  # lexicon id
    subject_label: str = ""
    subject_from: str = (
        ""  # clause | sentence | previous sentence | lead-in | heading | title | article
    )
    measure: str | None = None
    measure_label: str = ""
    measure_from: str = ""
    qualifiers: dict[str, str] = field(default_factory=dict)  # dimension -> value (labels)
    timepoint: tuple[float, float] | None = None  # days
    treatment_specific: bool = False
    condition_specific: bool = (
        False  # a protocol figure (dose, session length) depends on the condition
    )
    cited: bool | None = None  # None when citation detection is unavailable
    sentence_start: int = -1  # figures in one sentence are stated side by side, never in conflict
    group: int | None = None  # one list or table: its figures are side by side too
    study: bool = False  # reported from one named study (or one arm of a trial)
    study_id: str = ""  # which study: its citation, or where it is named ("" when unknown)
    arm: str = ""  # which arm of it: "drug group", "placebo arm"
    study_from: str = ""  # how: "sentence" (it names the study), "context" (an earlier sentence did), "arm", "sample"
    source: str = ""  # the citation that supports it ("footnote:1", "link:https://..."): different sources, different results
    comparator: bool = False  # about a placebo or other comparator arm: never compared
    not_compared: str = ""  # why a figure with a subject and measure is still not compared
    strict: tuple[
        str, ...
    ] = ()  # qualifier dimensions whose value a figure without it never matches ("starting")
    subsection: tuple[int, int] | None = None  # (heading, bold pseudo-heading) it sits under

    @property
    def key(self) -> tuple[str, str] | None:
        if self.comparator or self.not_compared or not (self.subject and self.measure):
            return None
        return self.subject, self.measure

    @property
    def as_value(self) -> Value:
        return Value(self.dimension, self.unit, self.low, self.high, self.qualifier, self.value)

    @property
    def label(self) -> str:
        """ "CRPS response rate", "ketamine dose"."""
        return f"{self.subject_label or '?'} {self.measure_label or '?'}"

    # Tuple fields travel as JSON lists (the result cache stores plain JSON and keeps only
    # results that read back equal, so a tuple left here silently turned the cache off).
    TUPLE_FIELDS = ("timepoint", "subsection", "strict")

    def to_json(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies every field, and every field is a scalar
        # but these four (a dict of strings and three tuples); same keys, same order.
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["qualifiers"] = dict(self.qualifiers)
        data["timepoint"] = list(self.timepoint) if self.timepoint else None
        data["subsection"] = list(self.subsection) if self.subsection is not None else None
        data["strict"] = list(self.strict)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fact:
        data = dict(data)
        for name in cls.TUPLE_FIELDS:
            if data.get(name) is not None:
                data[name] = tuple(data[name])
        return cls(**data)


_FIELD_NAMES = tuple(f.name for f in fields(Fact))
