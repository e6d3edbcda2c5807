"""CL110: a field's value comes from the project's vocabulary (the category, by default)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span

UPPER_SNAKE = r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*"


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    field = str(options["field"])
    value = article.meta.get(field)
    if not isinstance(value, str) or not value.strip():
        return
    vocabulary = [str(v) for v in options.get("vocabulary") or []]
    if vocabulary:
        if value in vocabulary:
            return
        by_key = {_key(v): v for v in vocabulary}
        close = by_key.get(_key(value)) or next(
            iter(difflib.get_close_matches(value, vocabulary, n=1)), None
        )
        hint = f"did you mean '{close}'? " if close else ""
        shown = vocabulary if len(vocabulary) <= 8 else [*vocabulary[:8], "…"]
        problem = f"not in the category list ({hint}allowed: {', '.join(shown)})"
    else:
        if re.fullmatch(str(options["pattern"]), value):
            return
        if options["pattern"] == UPPER_SNAKE:
            problem = f"not an UPPER_SNAKE_CASE identifier (try '{_key(value).upper()}')"
        else:
            problem = f"does not match the pattern {options['pattern']}"
    yield Hit(*entry_span(article, field), {"field": field, "value": value, "problem": problem})


KIND = CheckKind(
    name="vocabulary",
    run=run,
    options={"field": "category", "vocabulary": [], "pattern": UPPER_SNAKE},
)
