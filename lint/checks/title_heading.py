"""CL107: the frontmatter title and the article's first H1 say the same thing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit

QUOTES = str.maketrans({"‘": "'", "’": "'", "\u00a0": " "})


def normalise(text: str) -> str:
    """Compare the words a reader sees: case, punctuation, quotes, dashes and markup aside."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = text.replace("&", " and ").replace("'", "")
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    field = str(options["field"])
    title = article.meta.get(field)
    if not isinstance(title, str) or not title.strip():
        return
    headings = [b for b in article.blocks if b.kind == "heading"]
    h1s = [b for b in headings if b.level == 1]
    # Only a title heading is compared: the one H1, above every other heading.
    # Blogs that use "#" for sections (several H1s) render the title themselves.
    if len(h1s) != 1 or headings[0] is not h1s[0]:
        return
    h1 = h1s[0]
    if any(b.is_prose and b.kind != "heading" for b in article.blocks[: h1.index]):
        return  # body text comes first: this H1 heads an embedded page or a section, not the article
    if normalise(h1.text) == normalise(title):
        return
    yield Hit(h1.start, h1.end, {"field": field, "title": title.strip(), "heading": h1.text})


KIND = CheckKind(name="title-heading", run=run, options={"field": "title"})
