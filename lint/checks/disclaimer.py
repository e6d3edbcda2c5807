"""CL201: the article carries a medical disclaimer (and --fix can append one)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis.disclaimer_match import OPTIONS, analyse
from ..model.article import Article, parse_article
from ..model.check_kind import CheckKind
from ..model.finding import Fix, Hit

DEFAULT_TEXT = (
    "*This article is for educational purposes only and is not a substitute for professional "
    "medical advice, diagnosis or treatment. Always consult a qualified healthcare provider about "
    "your own health.*"
)


def _last_line(article: Article) -> tuple[int, int]:
    """The article's last non-blank line: where the missing disclaimer belongs."""
    text = article.text.rstrip()
    if len(text) <= article.body_offset:
        return len(text), len(text)
    start = text.rfind("\n") + 1
    return max(start, article.body_offset), len(text)


def appended(article: Article, disclaimer: str) -> str:
    """The text to add at the very end: a blank line, the disclaimer, a final newline."""
    nl = article.newline
    text = article.text
    if not text or text.endswith(nl + nl) or text.endswith("\n\n"):
        lead = ""
    elif text.endswith("\n"):
        lead = nl
    else:
        lead = nl + nl
    body = nl.join(line.rstrip() for line in disclaimer.strip().splitlines())
    return lead + body + nl


_RECOGNISED: dict[str, bool] = {}


def _recognised_alone(disclaimer: str, options: Mapping[str, Any]) -> bool:
    """Is the standard text, on its own, a complete disclaimer? (Once per text and options.)"""
    key = disclaimer + "\0" + json.dumps(options, sort_keys=True, default=str)
    if key not in _RECOGNISED:
        result = analyse(parse_article("standard-disclaimer.md", disclaimer + "\n"), options)
        _RECOGNISED[key] = result.status == "present" and not result.misplaced
    return _RECOGNISED[key]


def disclaimer_fix(article: Article, options: Mapping[str, Any]) -> Fix | None:
    """Append the standard disclaimer, but only where it will then be recognised.

    That is what makes --fix idempotent: text appended inside an unclosed code
    fence, say, would not be recognised and would be appended again on every
    run, so no fix is offered there. The check is structural (the appended text
    must come out as paragraphs of its own, outside code, quotes, lists and
    footnotes) plus a one-off check that the standard text is a complete
    disclaimer; re-running the whole NLP analysis on every fixed text would
    double the cost of a missing disclaimer.
    """
    standard = str(options.get("standard-text") or DEFAULT_TEXT)
    if options.get("placement", "end") == "start" or not _recognised_alone(standard, options):
        return None
    addition = appended(article, standard)
    offset = len(article.text)
    try:
        fixed = parse_article(article.path, article.text + addition, article.bom)
    except Exception:
        return None
    added = [b for b in fixed.blocks if b.end > offset and b.kind != "html"]
    if not added or any(
        b.start < offset
        or b.kind != "paragraph"
        or b.quote
        or b.item is not None
        or b.footnote is not None
        for b in added
    ):
        return None
    return Fix(offset, offset, addition, "append the standard medical disclaimer")


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    result = analyse(article, options)
    if not result.applies or result.status != "missing":
        return
    start, end = _last_line(article)
    needs = "; ".join(result.labels[n] for n in result.element_names)
    yield Hit(start, end, {"needs": needs}, fix=disclaimer_fix(article, options))


KIND = CheckKind(name="disclaimer", options=OPTIONS, run=run, fixable=True)
