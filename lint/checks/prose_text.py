"""Regex matching over the article's prose, shared by the artifact checks.

`article.prose` has the same length as the file with everything that is not
prose blanked to spaces, so a match offset is a file offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..model.article import Article

LINE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
EDGE_PUNCT = re.compile(r"[\W_]*")


@lru_cache(maxsize=64)
def phrase_regex(phrases: tuple[str, ...], ignorecase: bool = True) -> re.Pattern | None:
    """Whole-word phrases, any whitespace (line breaks, blanked markup) between the words."""
    parts = [r"\s+".join(re.escape(w) for w in str(p).split()) for p in phrases if str(p).split()]
    if not parts:
        return None
    parts.sort(key=len, reverse=True)  # longest first, so "skip to main content" beats "skip to"
    # A match starts with one of the phrases' first characters: testing that first, as a
    # lookahead that changes no match, spares trying every phrase at every character.
    firsts = sorted({str(p).split()[0][0] for p in phrases if str(p).split()})
    lead = "(?=[" + "".join(re.escape(c) for c in firsts) + "])"
    return re.compile(
        lead + r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I if ignorecase else 0
    )


@lru_cache(maxsize=64)
def compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(_one_line(p), re.I | re.M) for p in patterns)


def pattern_validator(*path: str):
    """A kind's `validate` hook: the regular expressions at options[path...]["patterns"] compile.

    Only the kinds that compile `patterns` as regexes say so; elsewhere (the attribution
    lexicon) `patterns` are token patterns, which their own kind checks."""

    def validate(options) -> None:
        table = options
        for key in path:
            table = table.get(key) or {} if hasattr(table, "get") else {}
        for pattern in as_tuple(table.get("patterns") if hasattr(table, "get") else None):
            try:
                re.compile(_one_line(str(pattern)), re.I | re.M)
            except re.error as err:
                where = ".".join((*path, "patterns"))
                raise ValueError(
                    f"option {where} holds an invalid regular expression {pattern!r} ({err})"
                ) from None

    return validate


def _one_line(pattern: str) -> str:
    """A line pattern's edge `^\\s*` / `\\s*$` padding stays on its line.

    Over masked prose (code and markup are blanked to spaces, newlines kept)
    a leading `^\\s*` tried at every line start would scan all the blank lines
    that follow: quadratic in a long code block. Padding within the line is
    what such patterns mean."""
    if pattern.startswith("^\\s*"):
        pattern = "^[^\\S\\n]*" + pattern[len("^\\s*") :]
    if pattern.endswith("\\s*$") and not pattern.endswith("\\\\s*$"):
        pattern = pattern[: -len("\\s*$")] + "[^\\S\\n]*$"
    return pattern


def prose_lines(article: Article) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each non-blank prose line, trimmed, offsets in the file."""
    prose = article.prose
    pos = article.body_offset
    while pos < len(prose):
        nl = prose.find("\n", pos)
        end = len(prose) if nl < 0 else nl
        line = prose[pos:end]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + lead + len(stripped), stripped
        pos = end + 1


def line_key(text: str) -> str:
    """ "**Share this post!**" -> "share this post": what a line says, markup aside."""
    # LINE_PUNCT.sub("", text), without trying its "[\W_]+$" at every character: the
    # punctuation run at each end, the one at the end read from the reversed text
    lead = EDGE_PUNCT.match(text).end()  # type: ignore[union-attr]
    trail = EDGE_PUNCT.match(text[::-1]).end()  # type: ignore[union-attr]
    return " ".join(text[lead : max(lead, len(text) - trail)].lower().split())


def as_tuple(values: Iterable | None) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())
