"""CL108: a text field's length stays within bounds (the excerpt, by default)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    field = str(options["field"])
    value = article.meta.get(field)
    if not isinstance(value, str) or not value.strip():
        return
    length = len(" ".join(value.split()))
    low, high = int(options["min"]), int(options["max"])
    if low <= length <= high:
        return
    problem = (
        f"{length} characters, fewer than {low}"
        if length < low
        else f"{length} characters, more than {high}"
    )
    yield Hit(
        *entry_span(article, field),
        {"field": field, "length": length, "min": low, "max": high, "problem": problem},
    )


KIND = CheckKind(name="field-length", run=run, options={"field": "excerpt", "min": 50, "max": 300})
