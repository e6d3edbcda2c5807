"""The figure vocabulary (rules/lexicon/figures.yaml), loaded once per process.

English words stay in the lexicon files; this module only reads them and gives
them the shapes the fact finders use (sets, a table of days per unit).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...model.packs import builtin_data


def figure_words() -> Mapping[str, Any]:
    """rules/lexicon/figures.yaml, read on first use."""
    return builtin_data("lexicon/figures.yaml") or {}


def word_set(key: str) -> frozenset[str]:
    """One list of the figure vocabulary, as a set of lower-case words."""
    return frozenset(str(w).lower() for w in figure_words().get(key) or ())


def word_list(key: str) -> list[str]:
    """One list of the figure vocabulary, in its order."""
    return [str(w) for w in figure_words().get(key) or ()]


def alternatives(key: str, spaces: str = r"\s+") -> str:
    """One list of the figure vocabulary as regex alternatives: each phrase's words
    escaped, joined by `spaces` (any whitespace, unless told otherwise)."""
    return "|".join(spaces.join(re.escape(w) for w in phrase.split()) for phrase in word_list(key))


def _days(value: Any) -> float:
    """A number of days, or a fraction of a day written "1/24"."""
    text = str(value)
    if "/" in text:
        numerator, denominator = text.split("/", 1)
        return int(numerator) / int(denominator)
    return float(text)


def days_per_unit() -> dict[str, float]:
    """Units of time (singular) and their length in days."""
    return {str(k): _days(v) for k, v in (figure_words().get("time_units") or {}).items()}


def scale_factors() -> dict[str, float]:
    """Scale words and their factors ("million": 1e6)."""
    return {str(k): float(v) for k, v in (figure_words().get("scales") or {}).items()}
