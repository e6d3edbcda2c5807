"""CL103: dates that have not happened yet.

Judged against the day of the run, so it is a corpus-scope kind: the dates are
collected per article (and cached with it); the comparison with today runs
afresh every time (see frontmatter_values.dated_entry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from .frontmatter_values import DATE_FIELD_OPTIONS, date_keys, dated_entry, position_of, today


def collect(article: Article, options: Mapping[str, Any]) -> list[dict]:
    allowed = {str(f) for f in options.get("allow-future") or []}
    entries = [
        dated_entry(article, key, options.get("formats") or ())
        for key in date_keys(article, options)
        if key not in allowed
    ]
    return [e for e in entries if e and e["date"]]


def compare(
    collected: Mapping[str, list], options: Mapping[str, Any]
) -> Iterable[tuple[str, dict]]:
    now = today(options)
    limit = now + dt.timedelta(days=int(options.get("grace-days") or 0))
    for path in sorted(collected):
        for entry in collected[path]:
            if dt.date.fromisoformat(entry["date"]) > limit:
                yield (
                    path,
                    {
                        **position_of(entry),
                        "args": {
                            "field": entry["field"],
                            "date": entry["date"],
                            "today": now.isoformat(),
                        },
                    },
                )


KIND = CheckKind(
    name="future-date",
    scope="corpus",
    collect=collect,
    compare=compare,
    options={
        **DATE_FIELD_OPTIONS,
        "today": "",
        # Fields that are meant to lie ahead, such as a scheduled review.
        "allow-future": [
            "nextReview",
            "nextReviewAt",
            "reviewDue",
            "reviewDueAt",
            "expiresAt",
            "expires",
        ],
        "grace-days": 0,
    },
)
