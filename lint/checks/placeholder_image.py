"""Placeholder images: in frontmatter fields (CL111) and in the body (CL604)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span


def is_placeholder(src: str, lexicon: Mapping[str, Any]) -> bool:
    src = src.strip()
    if not src:
        return False
    parts = urlsplit(src if "://" in src or src.startswith("//") else "file:///" + src.lstrip("/"))
    host_path = (parts.netloc + parts.path).lower()
    if any(host_path.startswith(str(h).lower()) for h in lexicon.get("hosts") or []):
        return True
    name = parts.path.rsplit("/", 1)[-1].lower()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if any(str(c).lower() in stem for c in lexicon.get("contains") or []):
        return True
    names = {str(n).lower() for n in lexicon.get("names") or []}
    around = {str(a).lower() for a in lexicon.get("around") or []}
    words = [w for w in re.split(r"[-_.\s]+", stem) if w and not w.isdigit()]
    core = [w for w in words if w not in around]
    for candidate in ("-".join(words), "-".join(core)):
        if candidate and (candidate in names or candidate.replace("-", "") in names):
            return True
    return False


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    lexicon = options.get("lexicon") or {}
    for field in options.get("fields") or []:
        value = article.meta.get(str(field))
        if isinstance(value, str) and is_placeholder(value, lexicon):
            yield Hit(
                *entry_span(article, str(field)),
                {"field": field, "src": value, "where": f"'{field}'"},
            )
    if options.get("body"):
        for span in article.layout.spans:
            if span.kind == "image" and is_placeholder(span.value, lexicon):
                yield Hit(span.start, span.end, {"field": "", "src": span.value, "where": "image"})


KIND = CheckKind(
    name="placeholder-image", run=run, options={"lexicon": {}, "fields": [], "body": False}
)
