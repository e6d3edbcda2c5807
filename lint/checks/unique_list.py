"""CL109: a list field (tags) has no repeated items."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span


def _item_span(article: Article, key: str, item: str, occurrence: int) -> tuple[int, int]:
    """The `occurrence`-th appearance of `item` as a whole list item after the key."""
    fm = article.frontmatter
    start = fm.key_offsets.get(key) if fm else None
    if fm is None or start is None:
        return entry_span(article, key)
    pattern = re.compile(r"(?:(?<=[\[,\"'\s-])|^)" + re.escape(item) + r"(?=[\"',\]\s]|$)", re.M)
    matches = list(pattern.finditer(article.text, start + len(key) + 1, fm.end))
    if occurrence < len(matches):
        m = matches[occurrence]
        return m.start(), m.end()
    return entry_span(article, key)


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    field = str(options["field"])
    items = article.meta.get(field)
    if not isinstance(items, list):
        return
    first: dict[str, str] = {}
    seen_exact: dict[str, int] = {}
    for item in items:
        if not isinstance(item, str):
            continue  # the schema rule reports non-text items
        occurrence = seen_exact.get(item, 0)
        seen_exact[item] = occurrence + 1
        norm = (
            " ".join(item.split()).casefold() if options["ignore-case"] else " ".join(item.split())
        )
        if not norm:
            continue
        if norm in first:
            yield Hit(
                *_item_span(article, field, item, occurrence),
                {"field": field, "item": item, "first": first[norm]},
            )
        else:
            first[norm] = item


KIND = CheckKind(name="unique-list", run=run, options={"field": "tags", "ignore-case": True})
