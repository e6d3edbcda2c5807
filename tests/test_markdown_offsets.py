"""Property tests for the content-to-file offset mapping under the Markdown model
(lint/markdown_offsets.py): every character of an inline token's content maps to the
same character in the file, whatever containers (quotes, lists, tables) it sits in."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from lint.model.markdown_offsets import ContentMap, content_map, subtract
from lint.model.positions import LineIndex

WORDS = st.text(alphabet="abcdefgh XYZ019%.,", min_size=1, max_size=30).map(str.strip)
PREFIXES = st.sampled_from(["", "> ", "- ", "1. ", "  ", "> > ", "- > "])


def _mapped(text: str, kind_of: dict[str, str]) -> list[tuple[str, ContentMap]]:
    parser = MarkdownIt("commonmark").enable("table")
    index = LineIndex(text)
    out = []
    heading = row = False
    cell = 0
    for tok in parser.parse(text):
        heading = tok.type == "heading_open" or (heading and tok.type == "inline")
        if tok.type == "tr_open":
            row, cell = True, 0
        elif tok.type in ("th_open", "td_open"):
            cell += 1
        elif tok.type == "inline" and tok.map is not None:
            kind = "heading" if heading else ("table_cell" if row else "paragraph")
            kind_of[tok.content] = kind
            cmap = content_map(text, index, 1 + tok.map[0], tok.content, kind, cell)
            out.append((tok.content, cmap))
    return out


@given(st.lists(st.tuples(PREFIXES, WORDS), min_size=1, max_size=6))
def test_container_paragraphs_map_to_their_own_characters(lines):
    text = "\n".join(prefix + words for prefix, words in lines if words) + "\n"
    for content, cmap in _mapped(text, {}):
        assert len(cmap) == len(content) + 1  # one more: the content's end
        for i, ch in enumerate(content):
            if ch != "\n":
                assert text[cmap[i]] == ch


@given(st.lists(st.lists(WORDS.filter(bool), min_size=2, max_size=2), min_size=1, max_size=4))
def test_table_cells_map_to_their_own_characters(rows):
    text = "| a | b |\n|---|---|\n" + "".join(f"| {x} | {y} |\n" for x, y in rows)
    kinds: dict[str, str] = {}
    for content, cmap in _mapped(text, kinds):
        for i, ch in enumerate(content):
            assert text[cmap[i]] == ch


@given(st.lists(st.integers(0, 60), min_size=1, max_size=40, unique=True).map(sorted))
def test_runs_cover_exactly_the_mapped_offsets(offsets):
    cmap = ContentMap()
    for offset in offsets:
        cmap.add([offset])
    runs = cmap.runs(0, len(offsets))
    covered = [i for s, e in runs for i in range(s, e)]
    assert covered == offsets
    assert all(e < s2 for (_, e), (s2, _) in pairwise(runs))  # maximal: runs never touch


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=6),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_subtract_removes_exactly_the_range(pieces, a, b):
    ranges, cursor = [], 0
    for gap, length in pieces:  # sorted, disjoint ranges
        ranges.append((cursor + gap, cursor + gap + length))
        cursor += gap + length + 1
    points = {i for s, e in ranges for i in range(s, e)}
    left = subtract(ranges, a, b)
    assert {i for s, e in left for i in range(s, e)} == points - set(range(a, b))
    assert all(s < e for s, e in left)
