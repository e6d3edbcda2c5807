"""The disclaimer fix parses only the article's tail: the same blocks as a whole parse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.disclaimer import DEFAULT_TEXT, _blocks_of_appended, appended
from lint.model.article import parse_article

PIECES = [
    "Para one.",
    "# Heading",
    "Setext\n===",
    "text\n---",
    "```\ncode",
    "```",
    "~~~\nx",
    "<!-- open comment",
    "-->",
    "<script>\nvar x",
    "<div>\nhtml text",
    "</div>",
    "<?php",
    "- item\n  more",
    "1. one\n\n   two",
    "> quote\nlazy",
    "[^1]: note\n    more",
    "Text [^1].",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "    indented code",
    "[ref]: /url",
    "***",
    "",
]
STANDARD = [
    DEFAULT_TEXT,
    "Disclaimer: not advice.\n\nSecond paragraph.",
    "- an item",
    "Para [^1]\n\n[^1]: foot",
    "<div>x</div>",
    "``` fence",
    "a | b\n--|--\n1|2",
]


def _key(blocks, offset):
    return [
        (b.kind, b.start, b.end, b.item is None, b.quote, b.footnote, b.row is None)
        for b in blocks
        if b.end > offset
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=8),
    st.lists(st.sampled_from(["\n", "\n\n"]), min_size=8, max_size=8),
    st.sampled_from(["", "\n", "\n\n"]),
    st.sampled_from(STANDARD),
)
def test_the_tail_parse_gives_the_whole_parses_blocks(pieces, breaks, end, standard):
    text = "---\ntitle: T\n---\n" + "".join(p + b for p, b in zip(pieces, breaks, strict=False))
    text = text.rstrip("\n") + end
    article = parse_article("a.md", text)
    whole = text + appended(article, standard)
    expected = parse_article("a.md", whole).blocks
    assert _key(_blocks_of_appended(article, whole), len(text)) == _key(expected, len(text))
