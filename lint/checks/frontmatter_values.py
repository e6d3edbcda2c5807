"""Helpers the metadata checks share: where a key is, what a value means, today's date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..model.article import Article

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
# Formats writers actually use instead of ISO, to suggest the ISO spelling.
LOOSE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%B %d %Y",
    "%b. %d, %Y",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S",
)


def key_span(article: Article, key: str) -> tuple[int, int]:
    """The key's name in the frontmatter, or the opening fence when it is absent."""
    fm = article.frontmatter
    if fm is None:
        return 0, 0
    if key in fm.key_offsets:
        start = fm.key_offsets[key]
        return start, start + len(key)
    return fm.start, fm.start + 3


def entry_span(article: Article, key: str) -> tuple[int, int]:
    """`key: value` on the key's line, for findings about the value."""
    start, end = key_span(article, key)
    if article.frontmatter is None or key not in article.frontmatter.key_offsets:
        return start, end
    line_end = article.text.find("\n", start)
    line_end = len(article.text) if line_end < 0 else line_end
    return start, max(end, len(article.text[start:line_end].rstrip()) + start)


def today(options: Mapping[str, Any]) -> dt.date:
    """`today` is an option so that tests and reproducible CI runs can pin it."""
    value = options.get("today")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            from ..model.errors import ConfigError

            raise ConfigError(
                f"option 'today' must be an ISO date such as 2026-11-21, got {value!r}"
            ) from None
    return system_today()


def system_today() -> dt.date:
    return dt.date.today()


def parse_date(value: Any, formats: Sequence[str] = ()) -> tuple[dt.date | None, str | None]:
    """(date, None) for a valid ISO-8601 date or datetime; (None, why) otherwise.

    YAML turns an unquoted 2026-03-02 into a date object: that is valid too.
    `formats` are strptime formats a project accepts besides ISO (the `formats`
    option, which `contentlint init` fills with what the site writes).
    """
    if formats and isinstance(value, str):
        for fmt in formats:
            try:
                return dt.datetime.strptime(" ".join(value.strip().split()), str(fmt)).date(), None
            except ValueError:
                continue
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if not isinstance(value, str):
        return None, "not a date"
    text = value.strip()
    m = ISO_DATE.match(text) or ISO_DATETIME.match(text)
    if not m:
        return None, "not an ISO-8601 date"
    year, month, day = (int(g) for g in m.groups()[:3])
    try:
        date = dt.date(year, month, day)
    except ValueError as err:
        return None, f"not a real date ({err})"
    if len(m.groups()) > 3:
        hour, minute = int(m.group(4)), int(m.group(5))
        second = int(m.group(6) or 0)
        if hour > 23 or minute > 59 or second > 60:
            return None, "not a real time of day"
    return date, None


def iso_suggestion(value: Any) -> str | None:
    """'January 8, 2026' -> '2026-01-08', when the writer's intent is unambiguous."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().split())
    for fmt in LOOSE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (negative when `later` is before)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    if later.day < earlier.day:
        months -= 1
    return months


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


DATE_FIELD_OPTIONS: dict[str, Any] = {
    "fields": [
        "publishedAt",
        "updatedAt",
        "lastReviewed",
        "reviewedAt",
        "lastUpdated",
        "date",
        "createdAt",
        "modifiedAt",
    ],
    # Any other key whose name reads as a date: "expiresAt", "reviewDate", "created_at".
    "key-pattern": r"^(?:date|.+(?:At|Date|_at|_date))$",
    # strptime formats accepted besides ISO-8601, e.g. ["%B %d, %Y"] for "March 2, 2026".
    "formats": [],
}


def date_keys(article: Article, options: Mapping[str, Any]) -> list[str]:
    """The frontmatter keys that hold dates, in file order."""
    fields = {str(f) for f in options.get("fields") or []}
    pattern = options.get("key-pattern")
    regex = re.compile(str(pattern)) if pattern else None
    return [
        key for key in article.meta if key in fields or (regex is not None and regex.match(key))
    ]


def dated_entry(article: Article, key: str, formats: Sequence[str] = ()) -> dict | None:
    """A date field as plain, picklable data with its position, for checks judged at run time.

    Whether a date is "in the future" or "too old" depends on the day the
    linter runs, not on the file, so those checks must not be served from the
    per-article cache. They collect this (cacheable) record in the worker and
    compare it with today in the corpus pass, which runs every time.
    """
    if key not in article.meta:
        return None
    date, _ = parse_date(article.meta[key], formats)
    start, end = entry_span(article, key)
    line, col = article.position(start)
    end_line, end_col = article.index.end_position(start, end) if end > start else (line, col)
    return {
        "field": key,
        "date": date.isoformat() if date else None,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "excerpt": article.text[start:end],
    }


def position_of(entry: Mapping[str, Any]) -> dict:
    return {k: entry[k] for k in ("line", "column", "end_line", "end_column", "excerpt")}
