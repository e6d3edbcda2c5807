"""The article model: offsets, blocks, prose masking and exact positions."""

import pytest
from conftest import GOOD_FRONTMATTER

from lint.model.article import InputError, load_article, parse_article
from lint.model.positions import LineIndex
from lint.text.nlp import doc_of

BODY = """
# Ketamine for CRPS

Some **bold** text with a [link](https://example.org/a5) and `code 42` here.

- **CRPS**: 50-80% respond
- second item ![chart](img/fig-3.png)

| Measure | Value |
|---------|-------|
| Response | 60% |

> A quoted 12% figure.

```
code block 99%
```

<!-- a comment 7 -->

Text with a note[^1].

[^1]: Smith et al. 2021, doi:10.1000/abc.
"""


@pytest.fixture
def article():
    return parse_article("a.md", GOOD_FRONTMATTER + BODY)


def test_frontmatter_keys_and_lines(article):
    assert article.meta["slug"] == "ketamine-for-crps"
    assert article.frontmatter.key_lines["title"] == 2
    assert article.frontmatter.key_lines["tags"] == 9
    assert article.body_offset == len(GOOD_FRONTMATTER)


def test_prose_is_same_length_and_masks_non_prose(article):
    prose = article.prose
    assert len(prose) == len(article.text)
    assert prose.count("\n") == article.text.count("\n")
    assert "slug" not in prose  # frontmatter
    assert "example.org" not in prose  # URL
    assert "code 42" not in prose and "99%" not in prose  # code span and block
    assert "fig-3" not in prose  # image
    assert "comment 7" not in prose  # HTML comment
    assert "[^1]" not in prose and "Smith et al" not in prose  # footnote marker and definition
    assert "link" in prose and "50-80% respond" in prose and "Response" in prose


def test_blocks_have_lines_and_structure(article):
    kinds = [(b.kind, b.start_line) for b in article.blocks]
    first_body_line = GOOD_FRONTMATTER.count("\n") + 1
    assert kinds[0] == ("heading", first_body_line + 1)
    item = next(b for b in article.blocks if "50-80%" in b.text)
    assert item.item is not None and item.lead_in == "CRPS"
    cell = next(b for b in article.blocks if b.kind == "table_cell" and "60%" in b.text)
    assert cell.row is not None
    quote = next(b for b in article.blocks if "12%" in b.text)
    assert quote.quote
    assert "1" in article.layout.footnotes
    assert any(link.href == "https://example.org/a5" for link in article.layout.links)


def test_offsets_map_to_exact_line_and_column(article):
    offset = article.text.index("50-80%")
    line, col = article.position(offset)
    assert article.index.line_text(line)[col - 1 : col + 5] == "50-80%"


def test_line_index_end_is_inclusive():
    index = LineIndex("ab\ncdef\n")
    assert index.position(3) == (2, 1)
    assert index.end_position(3, 7) == (2, 4)


def test_doc_is_built_once_with_block_sentences(article):
    doc = doc_of(article)
    assert doc_of(article) is doc
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert "Ketamine for CRPS" in sentences  # the heading does not run into the next paragraph
    for tok in doc:
        assert article.text[tok.idx : tok.idx + len(tok)] == tok.text or tok.is_space


def test_file_without_frontmatter_loads():
    art = load_article("p.txt", b"top of page\n\nJust text.\n")
    assert art.frontmatter is None and art.meta == {}


@pytest.mark.parametrize(
    "data,message,line",
    [
        (b"", "file is empty", 1),
        (b"ok\n\xff\xfe", "not UTF-8 at byte 3", 2),
        (b'---\ntitle: "x\nslug: a\n---\nbody\n', "frontmatter YAML error at line 2", 2),
        (b"---\ntitle: x\n", "never closed", 1),
    ],
)
def test_input_errors_are_clear(data, message, line):
    with pytest.raises(InputError) as info:
        load_article("bad.md", data)
    assert message in info.value.message
    assert info.value.line == line


def test_bom_and_crlf_are_kept():
    art = load_article("w.md", "\ufeff---\r\ntitle: x\r\n---\r\n\r\nHello\r\n".encode("utf-8"))
    assert art.bom and art.newline == "\r\n"
    assert art.meta["title"] == "x"


def test_impossible_unquoted_date_is_kept_as_text():
    art = load_article("d.md", b"---\ntitle: x\npublishedAt: 2026-13-01\n---\n\nText.\n")
    assert art.meta["publishedAt"] == "2026-13-01"
