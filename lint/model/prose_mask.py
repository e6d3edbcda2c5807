"""The prose of an article: its text with everything but prose blanked out, offsets kept."""

from __future__ import annotations

import re
import unicodedata

from .markdown import Layout

NON_NEWLINE = re.compile(r"[^\n]")


def mask_prose(text: str, layout: Layout) -> str:
    """`text` with everything outside the layout's prose ranges blanked, newlines kept."""
    pieces = []
    cursor = 0
    for start, end in sorted(layout.prose_ranges):
        if start < cursor:
            start = cursor
        if start >= end:
            continue
        pieces.append(NON_NEWLINE.sub(" ", text[cursor:start]))
        pieces.append(text[start:end])
        cursor = end
    pieces.append(NON_NEWLINE.sub(" ", text[cursor:]))
    prose = "".join(pieces)
    if layout.entities:
        prose = _show_entities(prose, text, layout.entities)
    return prose


def _show_entities(prose: str, text: str, entities: list[tuple[int, int, str]]) -> str:
    """Each entity or escape as the character it displays, padded with blanks to its length.

    The character sits against the word before it when there is one ("85%   ",
    "10–     20%"), else against the word after it ("   $80", "      “coat"), so
    the number grammar, the lexicons and spaCy read the figure the reader sees.
    A whitespace entity (`&nbsp;`) is all blanks; an invisible one (`&shy;`) too.
    """
    out: list[str] = []
    cursor = 0
    for start, end, char in sorted(entities):
        if start < cursor or prose[start:end] != text[start:end]:
            continue  # blanked (a citation marker, a code span) or overlapping
        out.append(prose[cursor:start])
        width = end - start
        shown = "".join(
            c for c in char if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc")
        )
        if not shown or len(shown) > width:
            shown = "" if not shown else shown[:width]
        before = out[-1][-1:] if out and out[-1] else (prose[start - 1] if start else "")
        pad = " " * (width - len(shown))
        out.append(shown + pad if before and not before.isspace() else pad + shown)
        cursor = end
    out.append(prose[cursor:])
    return "".join(out)
