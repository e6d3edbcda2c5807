"""CL113: frontmatter keys nobody reads, usually typos of ones somebody does."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from ..model.suppress import FRONTMATTER_KEY
from .frontmatter_values import key_span


def known_keys(options: Mapping[str, Any]) -> list[str]:
    schema = options.get("schema") or {}
    keys = list((schema.get("properties") or {}).keys()) + list(schema.get("required") or [])
    keys += [str(k) for k in options.get("known") or []]
    keys.append(FRONTMATTER_KEY)
    return list(dict.fromkeys(keys))


def _fold(key: str) -> str:
    return key.casefold().replace("_", "").replace("-", "")


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap neighbours) from a to b."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def suggestion(key: str, known: list[str]) -> str | None:
    """Case and separator slips first (publishedat, published_at -> publishedAt), then typos.

    A typo is a few edits away (one per five letters): "feature_image" is
    featuredImage, but "subtitle" is not "title" and "ogImage" is not "image".
    """
    folded = _fold(key)
    for k in known:
        if _fold(k) == folded:
            return k
    limit = max(1, len(folded) // 5)
    # Only keys of a similar length can be a few edits away (and this keeps a
    # frontmatter of thousands of unknown keys linear).
    scored = sorted(
        (distance(folded, _fold(k)), k) for k in known if abs(len(_fold(k)) - len(folded)) <= limit
    )
    if scored and scored[0][0] <= limit:
        return scored[0][1]
    return None


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    if article.frontmatter is None:
        return
    known = known_keys(options)
    if not known:
        return
    for key in article.meta:
        if key in known:
            continue
        close = suggestion(key, known)
        hint = f"; did you mean '{close}'?" if close else ""
        yield Hit(*key_span(article, key), {"key": key, "hint": hint, "suggestion": close or ""})


KIND = CheckKind(name="unknown-keys", run=run, options={"schema": {}, "known": []})
