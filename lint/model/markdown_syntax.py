"""Small scanners over Markdown source that markdown-it does not expose: where a code
span, a link's text and its destination end, bare URLs, loose links, a bold lead-in."""

from __future__ import annotations

import re
from typing import Any

BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# Pages converted from HTML keep their links as <a href="...">: those cite too.
HTML_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.I)
# A link or image whose destination holds a space: text to CommonMark, a link to site generators.
LOOSE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>[^\[\]\n]*)\]\(\s*(?P<href>(?:https?://|www\.|/|\.{1,2}/)?"
    r"[^()\s\"']+(?:[ \t]+[^()\s\"']+)+)(?:\s+\"[^\"\n]*\")?\s*\)"
)


def closing_fence(content: str, fence: str, start: int) -> int:
    """Start of the backtick run of exactly len(fence) that closes a code span."""
    k = start
    while True:
        k = content.find(fence, k)
        if k < 0:
            return len(content)
        end = k + len(fence)
        if (end >= len(content) or content[end] != "`") and (
            k == 0 or content[k - 1] != "`" or k == start
        ):
            return k
        while end < len(content) and content[end] == "`":
            end += 1
        k = end


def matching_bracket(content: str, open_at: int) -> int:
    """Index of the `]` closing the `[` at open_at (escapes and nesting respected)."""
    depth = 0
    k = open_at
    while k < len(content):
        ch = content[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return len(content)


def skip_link_tail(content: str, k: int) -> int:
    """Past the `]` ending a link's text and its destination: `](url "title")`, `][ref]`, `[]`."""
    n = len(content)
    if k < n and content[k] == "]":
        k += 1
    if k < n and content[k] == "(":
        end = _destination_end(content, k)
        return end if end is not None else k
    if k < n and content[k] == "[":
        close = content.find("]", k)
        return close + 1 if close >= 0 else k
    return k


def _destination_end(content: str, k: int) -> int | None:
    """Past the `)` closing the destination that opens at `(` k, or None when unclosed.
    Parentheses nest; `<...>` destinations and quoted titles may hold `)`."""
    n = len(content)
    depth = 0
    j = k
    quote = ""
    while j < n:
        ch = content[j]
        if ch == "\\":
            j += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch == "<" and depth == 1 and content[j - 1] in "( \t\n":
            close = content.find(">", j)
            j = close if close >= 0 else j
        elif ch in "\"'" and depth == 1 and content[j - 1] in " \t\n":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return None


class Joined:
    """Adjacent text and entity tokens seen as one text token (what text_join would give)."""

    __slots__ = ("content", "type")

    def __init__(self, type_: str, content: str) -> None:
        self.type = type_
        self.content = content


def merge_text(children: list[Any]) -> list[Any]:
    out: list[Any] = []
    for child in children:
        if child.type in ("text", "text_special"):
            if out and isinstance(out[-1], Joined) and out[-1].type == "text":
                out[-1].content += child.content
            else:
                out.append(Joined("text", child.content))
        else:
            out.append(child)
    return out


def lead_in(children: list[Any], i: int) -> str | None:
    """The bold label that opens a list item or paragraph, when followed by a colon or dash."""
    if i == 1 and children[0].content.strip():
        return None
    try:
        label, close, after = (
            children[i + 1],
            children[i + 2],
            children[i + 3] if i + 3 < len(children) else None,
        )
    except IndexError:
        return None
    if label.type != "text" or close.type != "strong_close":
        return None
    rest = after.content.lstrip() if after is not None and after.type == "text" else ""
    name = label.content.strip()
    if name.endswith(":") or rest[:1] in (":", "—", "–", "-"):
        return name.rstrip(":").strip() or None
    return None
