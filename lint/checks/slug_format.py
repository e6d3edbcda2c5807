"""CL105: the slug is ASCII kebab-case."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span


def slugify(text: str) -> str:
    """ "Neuropathic_Pain Ketamine!" -> "neuropathic-pain-ketamine"; accents folded to ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", ascii_text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    field = str(options["field"])
    value = article.meta.get(field)
    if not isinstance(value, str) or not value.strip():
        return  # absent, empty or not text: CL101's finding
    if re.fullmatch(str(options["pattern"]), value):
        return
    suggestion = slugify(value)
    hint = f" (try '{suggestion}')" if suggestion and suggestion != value else ""
    yield Hit(*entry_span(article, field), {"field": field, "value": value, "hint": hint})


KIND = CheckKind(
    name="slug-format", run=run, options={"field": "slug", "pattern": r"[a-z0-9]+(?:-[a-z0-9]+)*"}
)
