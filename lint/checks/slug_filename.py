"""CL106: the slug matches the file name, so the URL and the file agree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
INDEX_NAMES = {"index", "_index", "readme"}


def expected_slug(path: str, strip_date: bool) -> str | None:
    """What the file name says the slug is; None when the name is not slug-like.

    `2024-01-31-turmeric.md` -> `turmeric` (Jekyll), `turmeric/index.md` ->
    `turmeric` (page bundles). A name such as `003_14450ec7.txt` is not a slug
    at all, so the site cannot be deriving URLs from it: nothing to compare.
    """
    pure = PurePosixPath(path.replace("\\", "/"))
    stem = pure.stem
    if stem.lower() in INDEX_NAMES:
        stem = pure.parent.name
    if strip_date:
        stem = DATE_PREFIX.sub("", stem)
    return stem if KEBAB.fullmatch(stem) else None


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    if not options["match-filename"]:
        return
    field = str(options["field"])
    value = article.meta.get(field)
    if not isinstance(value, str) or not value.strip():
        return
    expected = expected_slug(article.path, bool(options["strip-date-prefix"]))
    if expected is None or value.strip() == expected:
        return
    yield Hit(*entry_span(article, field), {"field": field, "value": value, "expected": expected})


KIND = CheckKind(
    name="slug-filename",
    run=run,
    options={"match-filename": False, "field": "slug", "strip-date-prefix": True},
)
