"""Inline suppression: HTML-comment directives and the frontmatter key.

    <!-- contentlint-disable CL301 CL4 -- reason -->   ... <!-- contentlint-enable CL301 CL4 -->
    <!-- contentlint-disable-next-line CL301 -- reason -->
    frontmatter:  contentlint-disable: [CL301]

Codes may be prefixes ("CL3") or rule names; none means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .article import Article

FRONTMATTER_KEY = "contentlint-disable"
DIRECTIVE = re.compile(
    r"^\s*contentlint-(?P<verb>disable-next-line|disable-line|disable|enable)\b"
    r"(?P<codes>[^-]*(?:-(?!-)[^-]*)*?)\s*(?:--\s*(?P<reason>.*?))?\s*$",
    re.S,
)


@dataclass(frozen=True)
class Directive:
    verb: str
    codes: tuple[str, ...]
    first_line: int
    last_line: int  # inclusive; a huge number for "to the end of the file"
    line: int  # where the directive itself is written
    column: int
    end_line: int
    end_column: int
    reason: str = ""

    def covers(self, code: str, name: str, line: int) -> bool:
        if not self.first_line <= line <= self.last_line:
            return False
        return not self.codes or any(matches_code(c, code, name) for c in self.codes)


def matches_code(selector: str, code: str, name: str) -> bool:
    selector = selector.strip()
    return code.startswith(selector.upper()) or selector == name or selector.upper() == "ALL"


def _codes(raw: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[\s,]+", raw.strip()) if c)


def directives(article: Article) -> list[Directive]:
    found: list[Directive] = []
    open_ranges: list[tuple[tuple[str, ...], int, int, int, int, int, str]] = []
    end_of_file = article.index.line_count + 1
    for comment in sorted(article.layout.comments, key=lambda c: c.start):
        m = DIRECTIVE.match(comment.text)
        if not m:
            continue
        verb, codes, reason = (
            m.group("verb"),
            _codes(m.group("codes") or ""),
            (m.group("reason") or "").strip(),
        )
        line, col = article.position(comment.start)
        end_line, end_col = article.index.end_position(comment.start, comment.end)
        if verb == "disable":
            open_ranges.append((codes, line, line, col, end_line, end_col, reason))
        elif verb == "enable":
            open_ranges = _close_ranges(open_ranges, codes, line, found)
        elif verb == "disable-line":
            found.append(
                Directive(verb, codes, line, end_line, line, col, end_line, end_col, reason)
            )
        else:
            first, last = _next_block_lines(article, end_line)
            found.append(Directive(verb, codes, first, last, line, col, end_line, end_col, reason))
    for codes, first, line, col, end_line, end_col, reason in open_ranges:
        found.append(
            Directive("disable", codes, first, end_of_file, line, col, end_line, end_col, reason)
        )
    found.extend(_frontmatter_directive(article, end_of_file))
    return found


def _close_ranges(
    open_ranges: list[tuple[tuple[str, ...], int, int, int, int, int, str]],
    codes: tuple[str, ...],
    line: int,
    found: list[Directive],
) -> list[tuple[tuple[str, ...], int, int, int, int, int, str]]:
    """An `enable` at `line` ends the open ranges of the same codes (all, without codes);
    the ranges it does not end stay open."""
    still_open = []
    for entry in open_ranges:
        if not codes or set(entry[0]) == set(codes):
            codes_, first, where, col, end_line, end_col, reason = entry
            found.append(
                Directive("disable", codes_, first, line, where, col, end_line, end_col, reason)
            )
        else:
            still_open.append(entry)
    return still_open


def _next_block_lines(article: Article, after_line: int) -> tuple[int, int]:
    """The lines of the block that starts after `after_line` (the next line when none)."""
    for block in article.blocks:
        if block.start_line > after_line:
            return block.start_line, block.end_line
    return after_line + 1, after_line + 1


def _frontmatter_directive(article: Article, end_of_file: int) -> list[Directive]:
    value = article.meta.get(FRONTMATTER_KEY)
    if value is None or article.frontmatter is None:
        return []
    codes = tuple(str(v) for v in value) if isinstance(value, list) else _codes(str(value))
    offset = article.key_offset(FRONTMATTER_KEY)
    line, col = article.position(offset)
    return [
        Directive(
            "frontmatter", codes, 1, end_of_file, line, col, line, col + len(FRONTMATTER_KEY) - 1
        )
    ]


def first_match(found: list[Directive], code: str, name: str, line: int) -> int | None:
    for i, directive in enumerate(found):
        if directive.covers(code, name, line):
            return i
    return None
