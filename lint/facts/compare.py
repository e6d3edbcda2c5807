"""When two facts are about the same thing (comparable), and whether they then agree or conflict."""

from __future__ import annotations

from .fact import Fact
from .values import Value, overlaps


def comparable(a: Fact, b: Fact, tolerance: float = 0.1) -> bool:
    """Same key, same unit, and no qualifier that both state differs."""
    if a.key is None or a.key != b.key or a.unit != b.unit:
        return False
    if a.treatment_specific and (("treatment" in a.qualifiers) != ("treatment" in b.qualifiers)):
        return False  # a response rate of no named treatment cannot be held against one of ketamine
    if a.qualifiers.get("cohort") != b.qualifiers.get("cohort"):
        return False  # a figure counted within a cohort says nothing about the population, or another cohort
    for dim in set(a.strict) | set(b.strict):
        if a.qualifiers.get(dim) != b.qualifiers.get(dim):
            return False  # a starting dose is one step of a titration, not the usual dose
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


def _values_overlap(a: Fact, b: Fact, tolerance: float, points: float) -> bool:
    """`points`: an absolute slack in percentage points, for percentages only."""
    return overlaps(a.as_value, b.as_value, _tolerance_for(a, tolerance), points if a.unit == "%" else 0.0)


def in_conflict(a: Fact, b: Fact, tolerance: float = 0.1, points: float = 0.0) -> bool:
    return comparable(a, b, tolerance) and not _values_overlap(a, b, tolerance, points)


def agree(a: Fact, b: Fact, tolerance: float = 0.1, points: float = 0.0) -> bool:
    return comparable(a, b, tolerance) and _values_overlap(a, b, tolerance, points)
