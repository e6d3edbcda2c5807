"""CL603: placeholder text (lorem ipsum, TODO, TK, [insert …]) left in the article."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .prose_text import as_tuple, compiled, pattern_validator, phrase_regex


@lru_cache(maxsize=16)
def _token_regex(tokens: tuple[str, ...]) -> re.Pattern:
    """Case-sensitive and standalone: "TK" but not "tk", "TKI" or "UK-TK". A match starts
    with one of the tokens' first characters: that lookahead spares trying every token at
    every character, and changes no match."""
    firsts = "".join(sorted({re.escape(t[0]) for t in tokens if t}))
    lead = f"(?=[{firsts}])" if all(tokens) else ""  # an empty token matches anywhere
    return re.compile(lead + r"(?<![\w-])(?:" + "|".join(map(re.escape, tokens)) + r")(?![\w-])")


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    lexicon = options.get("lexicon") or {}
    prose = article.prose
    found: list[tuple[int, int]] = []
    tokens = as_tuple(lexicon.get("tokens"))
    if tokens:
        token_re = _token_regex(tokens)
        found += [(m.start(), m.end()) for m in token_re.finditer(prose, article.body_offset)]
    regex = phrase_regex(as_tuple(lexicon.get("phrases")))
    if regex:
        found += [(m.start(), m.end()) for m in regex.finditer(prose, article.body_offset)]
    for pattern in compiled(as_tuple(lexicon.get("patterns"))):
        found += [(m.start(), m.end()) for m in pattern.finditer(prose, article.body_offset)]
    merged: list[list[int]] = []
    for start, end in sorted(set(found)):
        # "[insert TODO here]", "Lorem ipsum dolor sit amet": one placeholder, one finding.
        if (
            merged
            and start <= merged[-1][1] + 2
            and not prose[merged[-1][1] : start].strip(" ,.;:")
        ):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield Hit(start, end, {"text": " ".join(article.text[start:end].split())})


KIND = CheckKind(
    name="placeholder-text", options={"lexicon": {}}, run=run, validate=pattern_validator("lexicon")
)
