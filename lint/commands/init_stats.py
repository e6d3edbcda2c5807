"""What one frontmatter key looks like across a site's articles, for `contentlint init`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..checks.frontmatter_values import ISO_DATE, ISO_DATETIME, LOOSE_FORMATS

DATE_SHARE = 0.8  # share of a key's values that must read as dates


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, (str, dt.date)):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def date_style(value: Any) -> str | None:
    """'iso-date', 'iso-datetime', a strptime format from LOOSE_FORMATS, or None (not a date)."""
    if isinstance(value, dt.datetime):
        return "iso-datetime"
    if isinstance(value, dt.date):
        return "iso-date"
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.strip().split())
    if ISO_DATE.match(text):
        return "iso-date"
    if ISO_DATETIME.match(text):
        return "iso-datetime"
    for fmt in LOOSE_FORMATS:
        try:
            dt.datetime.strptime(text, fmt)
            return fmt
        except ValueError:
            continue
    return None


def _empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or value == []
        or value == {}
    )


@dataclass
class KeyStats:
    name: str
    count: int = 0
    types: Counter = field(default_factory=Counter)
    empty: int = 0
    strings: Counter = field(default_factory=Counter)  # text values (dates excluded)
    items: Counter = field(default_factory=Counter)  # items of lists of text
    item_types: Counter = field(default_factory=Counter)
    lists: int = 0
    empty_lists: int = 0
    empty_strings: int = 0
    dates: Counter = field(default_factory=Counter)  # date_style -> count
    subkeys: Counter = field(default_factory=Counter)

    def add(self, value: Any) -> None:
        self.count += 1
        self.types[json_type(value)] += 1
        if _empty(value):
            self.empty += 1
        style = date_style(value)
        if style:
            self.dates[style] += 1
        if isinstance(value, str):
            if not value.strip():
                self.empty_strings += 1
            else:
                self.strings[value] += 1  # as written: enums and vocabularies compare exactly
        elif isinstance(value, list):
            self.add_list(value)
        elif isinstance(value, dict):
            self.subkeys.update(str(k) for k in value)

    def add_list(self, value: list[Any]) -> None:
        self.lists += 1
        if not value:
            self.empty_lists += 1
        for item in value:
            self.item_types[json_type(item)] += 1
            if isinstance(item, str) and item.strip():
                self.items[item] += 1

    @property
    def present(self) -> int:
        """Articles where the key has a value."""
        return self.count - self.empty

    def date_kind(self) -> str | None:
        """The date style the key is written in, when its values are dates."""
        dated = sum(self.dates.values())
        filled = self.present
        if not filled or dated < DATE_SHARE * filled:
            return None
        return self.dates.most_common(1)[0][0]


def category_like(counts: Counter, articles: int) -> bool:
    """Few distinct values, each used repeatedly: a category, a layout, a section."""
    distinct, uses = len(counts), sum(counts.values())
    if distinct < 1 or uses < 4:
        return False
    if sum(1 for v in counts if any(c.isdigit() for c in v)) * 2 > distinct:
        return False  # "11 min read", "v2.1": measurements and versions, not categories
    return distinct <= 12 and uses >= 2 * distinct and max(len(v) for v in counts) <= 60


def collect(metas: list[Any]) -> dict[str, KeyStats]:
    """Every key's stats, in the order keys were first seen (the suppression key aside)."""
    stats: dict[str, KeyStats] = {}
    for meta in metas:
        for key, value in (meta or {}).items():
            if str(key) == "contentlint-disable":
                continue
            stats.setdefault(str(key), KeyStats(str(key))).add(value)
    return stats


def style_example(kind: str) -> str:
    """A date written in the strptime format `kind`, to show the writer what was seen."""
    return dt.date(2026, 3, 2).strftime(kind)
