"""Existence of listed phrases in prose (Vale's `existence`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    tokens = [str(t) for t in options["tokens"] or []]
    if not tokens:
        return
    flags = re.I if options["ignorecase"] else 0
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(tokens) + r")(?!\w)", flags)
    for m in pattern.finditer(article.prose):
        yield Hit(m.start(), m.end(), {"match": m.group(0)})


KIND = CheckKind(name="phrases", options={"tokens": [], "ignorecase": True}, run=run)
