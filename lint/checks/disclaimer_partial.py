"""CL202: a disclaimer that lacks one of its elements (a message of the disclaimer kind)."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis.disclaimer_match import Analysis
from ..model.finding import Hit


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def partial_hits(result: Analysis) -> Iterable[Hit]:
    if not result.applies or result.status != "partial" or result.chosen is None:
        return
    missing = [f"'{result.labels[n]}'" for n in result.missing]
    found = [f"'{result.labels[n]}'" for n in result.element_names if n in result.chosen.elements]
    yield Hit(
        result.chosen.start,
        result.chosen.end,
        {"missing": _and(missing), "found": _and(found) if found else "only a 'Disclaimer' label"},
    )
