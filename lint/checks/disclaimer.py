"""CL201-CL203: the article carries a complete medical disclaimer, in its place.

One kind, three messages: `missing` (CL201, and --fix can append one), `partial`
(CL202) and `misplaced` (CL203). The article is analysed once for all three.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..analysis.disclaimer_match import OPTIONS, PLACEMENTS, analyse
from ..model.article import Article, parse_article
from ..model.check_kind import CheckKind
from ..model.finding import Fix, Hit
from ..model.markdown import Block, parse_layout
from ..model.positions import LineIndex
from .disclaimer_partial import partial_hits
from .disclaimer_placement import placement_hits

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
        blocks = _blocks_of_appended(article, article.text + addition)
    except Exception:
        return None
    added = [b for b in blocks if b.end > offset and b.kind != "html"]
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


def _blocks_of_appended(article: Article, text: str) -> list[Block]:
    """The blocks of `text`, the article's text with more appended, from the article's
    last top-level Markdown paragraph or heading on (the blocks before it cannot change).

    A parse that starts where a top-level block starts, no container open, reads the
    lines from there as the whole text's parse does: only link and footnote definitions
    carry over, and they change inline text, not blocks (but a footnote definition's
    blocks are kept only when referenced: an appended "[^" gets the whole parse)."""
    restart = article.layout.last_top_level
    if restart is None or "[^" in text[len(article.text) :]:
        return parse_article(article.path, text, article.bom).blocks
    return parse_layout(text, restart, LineIndex(text)).blocks


def run(article: Article, options: Mapping[str, Any]) -> Iterable[tuple[str, Hit]]:
    result = analyse(article, options)
    if result.applies and result.status == "missing":
        start, end = _last_line(article)
        needs = "; ".join(result.labels[n] for n in result.element_names)
        yield "missing", Hit(start, end, {"needs": needs}, fix=disclaimer_fix(article, options))
    for hit in partial_hits(result):
        yield "partial", hit
    for hit in placement_hits(result, options):
        yield "misplaced", hit


@dataclass(frozen=True)
class DisclaimerOptions:
    """The kind's options, typed: built (and so checked) when the rule or config loads."""

    categories: tuple[str, ...]
    flag: str
    placement: str
    max_words_after: int
    count_callouts: bool
    standard_text: str

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> DisclaimerOptions:
        for key in ("lexicon", "elements", "extend"):
            value = options.get(key) or {}
            if not isinstance(value, Mapping):
                raise ValueError(f"option {key!r} must be a table (mapping), got {value!r}")
        for key in ("elements", "extend"):
            for element, patterns in (options.get(key) or {}).items():
                if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                    raise ValueError(
                        f"option '{key}.{element}' must be a list of patterns, got {patterns!r}"
                    )
        categories = options.get("categories") or []
        if not all(isinstance(c, str) for c in categories):
            raise ValueError(f"option 'categories' must be a list of strings, got {categories!r}")
        placement = str(options.get("placement", "end"))
        if placement not in PLACEMENTS:
            raise ValueError(
                f"option 'placement' must be one of {', '.join(PLACEMENTS)}, got {placement!r}"
            )
        return cls(
            tuple(categories),
            str(options.get("flag") or ""),
            placement,
            int(options.get("max-words-after", 60)),
            bool(options.get("count-callouts", True)),
            str(options.get("standard-text") or ""),
        )


def validate(options: Mapping[str, Any]) -> None:
    DisclaimerOptions.of(options)


KIND = CheckKind(
    name="disclaimer",
    options=OPTIONS,
    run=run,
    fixable=True,
    validate=validate,
    emits=("missing", "partial", "misplaced"),
)
