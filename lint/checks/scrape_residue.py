"""CL601: web-page residue (navigation, counters, share widgets, cookie banners)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .prose_text import as_tuple, compiled, line_key, pattern_validator, phrase_regex, prose_lines


def residue_spans(article: Article, lexicon: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Every residue span, each reported once, in file order."""
    spans: dict[tuple[int, int], None] = {}
    lines = {line_key(str(p)) for p in lexicon.get("lines") or []}
    for start, end, text in prose_lines(article):
        if line_key(text) in lines:
            spans[(start, end)] = None
    prose = article.prose
    regex = phrase_regex(as_tuple(lexicon.get("phrases")))
    matches = list(regex.finditer(prose, article.body_offset)) if regex else []
    for pattern in compiled(as_tuple(lexicon.get("patterns"))):
        matches.extend(pattern.finditer(prose, article.body_offset))
    for m in matches:
        if m.end() > m.start():
            spans[(m.start(), m.end())] = None
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        trimmed = start + len(prose[start:end]) - len(prose[start:end].lstrip())
        end = trimmed + len(prose[trimmed:end].rstrip())
        if out and trimmed < out[-1][1]:  # overlapping: keep the wider span
            out[-1] = (out[-1][0], max(out[-1][1], end))
            continue
        out.append((trimmed, end))
    return out


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    for start, end in residue_spans(article, options.get("lexicon") or {}):
        yield Hit(start, end, {"text": " ".join(article.text[start:end].split())})


KIND = CheckKind(
    name="scrape-residue", options={"lexicon": {}}, run=run, validate=pattern_validator("lexicon")
)
