"""CL102: date fields hold real ISO-8601 dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import (
    DATE_FIELD_OPTIONS,
    date_keys,
    entry_span,
    is_blank,
    iso_suggestion,
    parse_date,
)


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    for key in date_keys(article, options):
        value = article.meta[key]
        if is_blank(value) or not isinstance(value, (str, dt.date)):
            continue  # empty or not text: the schema rule (CL101) says so
        date, why = parse_date(value, options.get("formats") or ())
        if date is not None:
            continue
        suggestion = iso_suggestion(value)
        hint = f"; write {suggestion}" if suggestion else "; write YYYY-MM-DD, e.g. 2026-03-02"
        yield Hit(
            *entry_span(article, key), {"field": key, "value": value, "problem": f"{why}{hint}"}
        )


KIND = CheckKind(name="date-format", options=dict(DATE_FIELD_OPTIONS), run=run)
