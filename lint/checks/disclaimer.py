"""The medical disclaimer: present and recognisable."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ..article import Article
from ..finding import Hit
from ..rules import CheckKind


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    prose = " ".join(article.prose.lower().split())
    elements = options["elements"] or {}
    found = [name for name, phrases in elements.items() if any(p.lower() in prose for p in phrases)]
    if not found:
        end = len(article.text.rstrip())
        yield Hit(max(0, end - 1), end, {"problem": "no medical disclaimer found"})


KIND = CheckKind(name="disclaimer", options={"elements": {}}, run=run, fixable=True)
