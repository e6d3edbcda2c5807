"""CL203: the disclaimer sits where the project wants it (by default, at the end)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis.disclaimer_match import OPTIONS, analyse
from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    result = analyse(article, options)
    if not result.applies or result.chosen is None or not result.misplaced:
        return
    where = {"end": "at the end of the article", "start": "at the start of the article"}.get(
        str(options.get("placement", "end")), "in its place"
    )
    yield Hit(
        result.chosen.start, result.chosen.end, {"expected": where, "reason": result.misplaced}
    )


KIND = CheckKind(name="disclaimer-placement", options=OPTIONS, run=run)
