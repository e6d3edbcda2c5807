"""When two facts are about the same thing (comparable), and whether they then agree or conflict."""

from __future__ import annotations

from .compact import AnyFact
from .values import Value, overlaps


def difference(a: AnyFact, b: AnyFact, tolerance: float = 0.1) -> str | None:
    """Why two figures are not about the same thing, or None when they are (EDITORIAL-POLICY §6).

    Asked of every pair of figures of a key: each property is read once."""
    key_a, key_b = a.key, b.key
    if key_a is None or key_b is None:
        return "not both compared"
    if key_a != key_b:
        return "different subject or measure"
    if a.unit != b.unit:
        return f"different units ({a.unit} vs {b.unit})"
    qa, qb = a.qualifiers, b.qualifiers
    if a.treatment_specific and (("treatment" in qa) != ("treatment" in qb)):
        return "only one names the treatment"  # a response rate of no named treatment vs one of ketamine
    if qa.get("cohort") != qb.get("cohort"):
        # a figure counted within a cohort says nothing about the population, or another cohort
        return f"different cohorts ({_shown(a, 'cohort')} vs {_shown(b, 'cohort')})"
    strict_a, strict_b = a.strict, b.strict
    if strict_a or strict_b:
        for dim in sorted(set(strict_a) | set(strict_b)):
            if qa.get(dim) != qb.get(dim):
                # a starting dose is one step of a titration, not the usual dose
                return f"different {dim} ({_shown(a, dim)} vs {_shown(b, dim)})"
    if ("section" in qa) != ("section" in qb):
        return "only one is stated for one step of a breakdown"  # "Month 3" is not a general claim
    for dim in sorted(qa.keys() & qb.keys()):
        if dim == "treatment" and not a.treatment_specific:
            continue
        if qa[dim] != qb[dim]:
            return f"different {dim} ({qa[dim]} vs {qb[dim]})"
    if a.timepoint and b.timepoint:
        ta = Value("time", "days", a.timepoint[0], a.timepoint[1], "exact", "")
        tb = Value("time", "days", b.timepoint[0], b.timepoint[1], "exact", "")
        if not overlaps(ta, tb, tolerance):
            return "different time points"
    return None


def _shown(fact: AnyFact, dim: str) -> str:
    return fact.qualifiers.get(dim) or "none stated"


def comparable(a: AnyFact, b: AnyFact, tolerance: float = 0.1) -> bool:
    """Same key, same unit, and no qualifier that both state differs."""
    return difference(a, b, tolerance) is None


# Writers round durations loosely ("40 minutes" for a 45-minute infusion), so
# durations get a wider tolerance than rates and doses.
TIME_TOLERANCE_FACTOR = 2.5


def _tolerance_for(fact: AnyFact, tolerance: float) -> float:
    return tolerance * TIME_TOLERANCE_FACTOR if fact.unit == "days" else tolerance


def _values_overlap(a: AnyFact, b: AnyFact, tolerance: float, points: float) -> bool:
    """`points`: an absolute slack in percentage points, for percentages only."""
    return overlaps(
        a.as_value, b.as_value, _tolerance_for(a, tolerance), points if a.unit == "%" else 0.0
    )


def in_conflict(a: AnyFact, b: AnyFact, tolerance: float = 0.1, points: float = 0.0) -> bool:
    return comparable(a, b, tolerance) and not _values_overlap(a, b, tolerance, points)


def agree(a: AnyFact, b: AnyFact, tolerance: float = 0.1, points: float = 0.0) -> bool:
    return comparable(a, b, tolerance) and _values_overlap(a, b, tolerance, points)
