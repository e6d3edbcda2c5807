"""CL114: health content is reviewed regularly; old reviews warn, then block.

The age of a review depends on the day of the run, so this is a corpus-scope
kind: the date is collected per article (and cached with it), and compared
with today afresh on every run (see frontmatter_values.dated_entry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from .frontmatter_values import dated_entry, months_between, position_of, today


def collect(article: Article, options: Mapping[str, Any]) -> dict | None:
    """The first of `fields` present: lastReviewed, else publishedAt."""
    for field in options.get("fields") or []:
        entry = dated_entry(article, str(field), options.get("formats") or ())
        if entry is not None:
            # An unreadable date is CL102's finding; never fall back to an older field.
            return entry if entry["date"] else None
    return None


def compare(
    collected: Mapping[str, dict | None], options: Mapping[str, Any]
) -> Iterable[tuple[str, dict]]:
    warn, block = int(options["warn-months"]), int(options["error-months"])
    now = today(options)
    for path in sorted(collected):
        entry = collected[path]
        if not entry:
            continue
        age = months_between(dt.date.fromisoformat(entry["date"]), now)
        if age < warn:
            continue
        blocks = bool(options["block"])
        severity = "error" if blocks and age >= block else "warning"
        blocking = (
            f", and blocks after {block}" if blocks else " (this project does not block on it)"
        )
        yield (
            path,
            {
                **position_of(entry),
                "severity": severity,
                "args": {
                    "field": entry["field"],
                    "date": entry["date"],
                    "months": age,
                    "warn": warn,
                    "block": block,
                    "blocking": blocking,
                },
            },
        )


KIND = CheckKind(
    name="currency",
    scope="corpus",
    collect=collect,
    compare=compare,
    options={
        "fields": ["lastReviewed", "publishedAt"],
        "warn-months": 12,
        "error-months": 24,
        "block": True,
        "today": "",
        "formats": [],
    },
)
