"""NumericMention: one figure the number grammar found, with its span, value and kind."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = (
    "percentage",
    "count",
    "ratio",
    "multiplier",
    "risk-change",
    "duration",
    "dose",
    "study-statistic",
    "year-finding",
    "measurement",
)
QUALIFIERS = ("exact", "approx", "upper", "lower")


@dataclass(frozen=True)
class NumericMention:
    start: int  # file offsets of the claim span: the numbers with their unit or noun
    end: int
    low: float
    high: float
    unit: str  # "%", "fraction", "people", "mg/kg/hour", "hours", "days", "weeks", "months", "x", "trials", ...
    qualifier: str  # exact | approx | upper | lower
    scale: str | None  # thousand | million | billion
    kind: str  # one of KINDS
    text: str  # the span's text
    sentence_start: int
    sentence_end: int
    block: int  # index into article.blocks
    number_start: int = -1  # the numbers alone ("50-80" in "Up to 50-80% of patients")
    number_end: int = -1
    noun: str = ""  # what is counted or measured, when the grammar saw it ("chronic pain patients")
