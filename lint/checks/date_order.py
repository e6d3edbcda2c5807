"""CL104: a review or update cannot come before publication."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span, parse_date


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    anchor = str(options["published"])
    published, _ = parse_date(article.meta.get(anchor), options.get("formats") or ())
    if published is None:
        return
    for key in options.get("later") or []:
        key = str(key)
        date, _ = parse_date(article.meta.get(key), options.get("formats") or ())
        if date is not None and date < published:
            yield Hit(
                *entry_span(article, key),
                {
                    "field": key,
                    "date": date.isoformat(),
                    "published_field": anchor,
                    "published": published.isoformat(),
                },
            )


KIND = CheckKind(
    name="date-order",
    run=run,
    options={
        "published": "publishedAt",
        "later": ["lastReviewed", "updatedAt", "reviewedAt", "lastUpdated", "modifiedAt"],
        "formats": [],
    },
)
