"""Figures as comparable intervals: one unit per dimension, bounds from qualifiers.

"50-80%", "50 to 80 percent" and "half" become intervals in percent; "one to
six months" and "2-3 weeks" become intervals in days; "up to 85%" is
[0, 85]. Two intervals conflict when they do not overlap even after widening
each by a relative tolerance.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .words import days_per_unit, figure_words, scale_factors, word_set

# The vocabulary (scale words, units of time, nouns of people and sessions) is in
# rules/lexicon/figures.yaml.
SCALES = scale_factors()
DAYS_PER_UNIT = days_per_unit()  # days per unit; months and years at their calendar averages
UNIT_NAMES = dict(figure_words().get("time_unit_names") or {})  # "hr" is shown as "hour"
PEOPLE = word_set("people")
SESSIONS = word_set("sessions")
SESSION_PLURALS = word_set("session_plurals")
PERCENT_UNITS = word_set("percent_units")
DOSE_UNIT = re.compile(r"^(?:mg|mcg|µg|ug|g|iu|ml|units?|mmol)\b", re.I)


@dataclass(frozen=True)
class Value:
    dimension: str  # proportion | count | time | dose | sessions | multiplier
    unit: str  # the canonical unit compared: "%", "days", "people", "mg/kg/hour", "sessions", "x"
    low: float
    high: float
    qualifier: str  # exact | approx | upper | lower
    display: str  # as a writer would read it: "50–80%", "1–6 months"

    def bounds(self) -> tuple[float, float]:
        """The interval the figure claims, open ends filled in."""
        low, high = self.low, self.high
        if self.qualifier == "upper":
            low = 0.0
        elif self.qualifier == "lower":
            high = 100.0 if self.unit == "%" else math.inf
        return low, high


def _singular(unit: str) -> str:
    unit = unit.strip().lower().rstrip(".")
    return unit[:-1] if len(unit) > 3 and unit.endswith("s") else unit


# The spellings of one dose unit, rewritten in this order (compiled once, not per figure).
_DOSE_SPELLINGS = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\s*per\s*", "/"),
        (r"\s+", ""),
        (r"/(?:hr|h|hours?)$", "/hour"),
        (r"/(?:min|minutes?)$", "/minute"),
        (r"/(?:days?|d)$", "/day"),
        (r"/(?:wk|weeks?)$", "/week"),
        (r"^units?", "units"),
        # A dose is per administration unless it says otherwise: "200 mg per session" is 200 mg.
        (
            r"/(?:sessions?|doses?|infusions?|treatments?|administrations?|injections?|sprays?)$",
            "",
        ),
    )
]


def canonical_dose_unit(unit: str) -> str:
    """mg/kg/hr, mg/kg per hour and mg/kg/h are one unit."""
    unit = unit.strip().lower().replace("µg", "mcg").replace("ug", "mcg")
    for pattern, replacement in _DOSE_SPELLINGS:
        unit = pattern.sub(replacement, unit)
    return unit


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _range(low: float, high: float) -> str:
    return _number(low) if low == high else f"{_number(low)}–{_number(high)}"


def display_of(
    dimension: str, low: float, high: float, unit_word: str, qualifier: str, scale: str | None
) -> str:
    prefix = {"upper": "up to ", "lower": "at least ", "approx": "about "}.get(qualifier, "")
    if dimension == "proportion":
        body = _range(low, high) + "%"
    elif dimension == "count":
        if scale:
            div = SCALES[scale]
            body = f"{_range(low / div, high / div)} {scale}"
        else:
            body = _range(low, high)
    else:
        body = f"{_range(low, high)} {unit_word}".strip()
    return prefix + body


_AS_WRITTEN = re.compile(
    r"\s*(\d[\d,]*(?:\.\d+)?)\s*%?\s*(?:(?:-|–|—|to|and)\s*(\d[\d,]*(?:\.\d+)?))?\s*"
)


_SHOWN_NUMBERS = re.compile(r"^[\d.,]+(?:–[\d.,]+)?")


def written_range(numbers: str) -> str | None:
    """ "0.5-1.0" -> "0.5–1.0": the writer's own digits, so "1.0" stays "1.0"."""
    m = _AS_WRITTEN.fullmatch(numbers or "")
    if m is None:
        return None
    return m.group(1) if m.group(2) is None else f"{m.group(1)}–{m.group(2)}"


def normalise(
    low: float,
    high: float,
    unit: str,
    kind: str,
    qualifier: str = "exact",
    scale: str | None = None,
    numbers: str = "",
) -> Value | None:
    """A figure as a comparable Value, or None. Memoised (a Value is frozen): fact extraction
    and the registry's units ask about every figure, and articles repeat their figures."""
    args = (low, high, unit, kind, qualifier, scale, numbers)
    if not (low and high):  # 0 and -0.0 are equal keys but may be shown apart: not memoised
        return _written.__wrapped__(*args)
    try:
        return _written(*args)
    except TypeError:  # an unhashable argument: nothing to remember it by
        return _written.__wrapped__(*args)


@lru_cache(maxsize=16384, typed=True)  # about 5 MB at most; typed: 1 and 1.0 show apart
def _written(
    low: float,
    high: float,
    unit: str,
    kind: str,
    qualifier: str,
    scale: str | None,
    numbers: str,
) -> Value | None:
    """normalise, shown with the writer's own digits."""
    value = _normalise(low, high, unit, kind, qualifier, scale)
    written = written_range(numbers)
    if (
        value is None
        or written is None
        or value.dimension not in ("proportion", "time", "dose", "sessions")
    ):
        return value
    if value.dimension == "proportion" and unit.lower() not in PERCENT_UNITS:
        return value  # "one in five" is shown as 20%, not as "1"
    prefix = {"upper": "up to ", "lower": "at least ", "approx": "about "}.get(value.qualifier, "")
    shown = value.display[len(prefix) :]
    body = _SHOWN_NUMBERS.sub(written, shown, count=1)
    return Value(value.dimension, value.unit, value.low, value.high, value.qualifier, prefix + body)


def _normalise(
    low: float,
    high: float,
    unit: str,
    kind: str,
    qualifier: str = "exact",
    scale: str | None = None,
) -> Value | None:
    """A NumericMention's numbers as a comparable Value, or None when it is not a fact figure."""
    if low is None or high is None or kind in ("study-statistic", "year-finding"):
        return None
    low, high = float(min(low, high)), float(max(low, high))
    unit = (unit or "").strip()
    word = unit.lower()
    qualifier = qualifier if qualifier in ("exact", "approx", "upper", "lower") else "exact"
    # The grammar reports "50 million" as 50 with scale million, or as 5e7.
    factor = SCALES.get(scale or "", 1.0)
    if factor > 1 and high < 1e4:
        low, high = low * factor, high * factor
    if word in PERCENT_UNITS or (kind == "percentage" and word in ("", "%")):
        return _value("proportion", "%", low, high, qualifier)
    if word in ("fraction", "ratio", "proportion") or kind == "ratio":
        if high <= 1.0:
            return _value("proportion", "%", low * 100, high * 100, qualifier)
        return None
    single = _singular(word)
    if single in DAYS_PER_UNIT:
        return _time(low, high, single, qualifier)
    if DOSE_UNIT.match(word):
        canon = canonical_dose_unit(unit)
        return _value("dose", canon, low, high, qualifier, canon)
    if single in SESSIONS or word in SESSION_PLURALS:
        return _value("sessions", "sessions", low, high, qualifier, word or "sessions")
    if word in PEOPLE or (kind == "count" and word in ("",)):
        scale_name = scale if scale in SCALES else None
        return _value("count", "people", low, high, qualifier, scale=scale_name)
    if word in ("x", "times", "fold") or kind == "multiplier":
        return _value("multiplier", "x", low, high, qualifier, "x")
    return None


def _value(
    dimension: str,
    unit: str,
    low: float,
    high: float,
    qualifier: str,
    unit_word: str = "",
    scale: str | None = None,
) -> Value:
    """A Value in its own unit, shown as written."""
    shown = display_of(dimension, low, high, unit_word, qualifier, scale)
    return Value(dimension, unit, low, high, qualifier, shown)


def _time(low: float, high: float, single: str, qualifier: str) -> Value:
    """A duration in days, shown in the unit it was written in ("1–6 months")."""
    days = DAYS_PER_UNIT[single]
    name = UNIT_NAMES.get(single, single)
    shown = name if low == high == 1 else name + "s"
    return Value(
        "time",
        "days",
        low * days,
        high * days,
        qualifier,
        display_of("time", low, high, shown, qualifier, None),
    )


def overlaps(a: Value, b: Value, tolerance: float = 0.1, absolute: float = 0.0) -> bool:
    """Whether two figures of one unit can both be true, within a relative tolerance.

    Approximate figures ("about 30%") get the tolerance twice: "about" is
    itself a promise of imprecision.
    """
    if a.unit != b.unit:
        return True  # not comparable, so never a conflict
    (al, ah), (bl, bh) = a.bounds(), b.bounds()
    ta = tolerance * (2 if a.qualifier == "approx" else 1)
    tb = tolerance * (2 if b.qualifier == "approx" else 1)
    reach_a = max(ah * (1 + ta), ah + absolute)
    reach_b = max(bh * (1 + tb), bh + absolute)
    return bl <= reach_a and al <= reach_b


def days_label(bounds: tuple[float, float]) -> str:
    """A span of days as a writer would put it: (7, 14) -> "1–2 weeks", (1, 3) -> "1–3 days"."""
    low, high = bounds
    if math.isinf(high):
        return "at least " + days_label((low, low))
    for unit, days in (
        ("years", 365.25),
        ("months", 30.44),
        ("weeks", 7.0),
        ("days", 1.0),
        ("hours", 1 / 24),
        ("minutes", 1 / 1440),
    ):
        if low >= days * 0.999 or unit == "minutes":
            a, b = low / days, high / days
            if abs(a - round(a)) < 0.05 and abs(b - round(b)) < 0.05:
                a, b = round(a), round(b)
                if a == b:
                    return f"{a} {unit[:-1] if a == 1 else unit}"
                return f"{a}–{b} {unit}"
    return f"{low:g}–{high:g} days"
