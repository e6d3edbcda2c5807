"""CL203: the disclaimer sits where the project wants it (a message of the disclaimer kind)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis.disclaimer_match import Analysis
from ..model.finding import Hit


def placement_hits(result: Analysis, options: Mapping[str, Any]) -> Iterable[Hit]:
    if not result.applies or result.chosen is None or not result.misplaced:
        return
    where = {"end": "at the end of the article", "start": "at the start of the article"}.get(
        str(options.get("placement", "end")), "in its place"
    )
    yield Hit(
        result.chosen.start, result.chosen.end, {"expected": where, "reason": result.misplaced}
    )
