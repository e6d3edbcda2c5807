"""No visible text is lost before the rules run: every word a reader sees is in `article.prose`,
at its own file offset, and prose keeps the file's length (so offsets are file offsets)."""

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prose_coverage import missing_words, visible_words

from lint.analysis.numbers import extract_mentions
from lint.engine.pipeline import analyse, finish
from lint.engine.rules import load_registry
from lint.model.article import parse_article
from lint.text.sentences import sentence_spans

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".md", ".markdown", ".mdx"))
REGISTRY = load_registry()


def check_coverage(text: str) -> None:
    article = parse_article("a.md", text)
    assert len(article.prose) == len(text)
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(article.prose) if c == "\n"
    ]
    entity_at = {k for s, e, _ in article.layout.entities for k in range(s, e)}
    changed = [
        k for k, c in enumerate(article.prose) if c != text[k] and c != " " and k not in entity_at
    ]
    assert changed == [], "prose holds characters that are not the file's own"
    assert missing_words(article) == [], text


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_articles_lose_no_visible_word(path):
    assert CORPUS
    check_coverage(path.read_text(encoding="utf-8"))


# -- generated Markdown -------------------------------------------------------
WORDS = st.from_regex(r"[A-Za-z][a-z]{0,7}|[1-9][0-9]{0,2}", fullmatch=True)
ENTITIES = st.sampled_from(
    [
        "&nbsp;",
        "&ndash;",
        "&mdash;",
        "&rsquo;",
        "&ldquo;",
        "&rdquo;",
        "&#37;",
        "&amp;",
        "&eacute;",
        "&#x2013;",
        "&lt;",
        "&frac12;",
        "&deg;",
    ]
)
ESCAPES = st.sampled_from(["\\*", "\\$", "\\_", "\\#", "\\[", "\\]", "\\&", "\\`", "\\<", "\\%"])


@st.composite
def inline_piece(draw):
    word = draw(WORDS)
    kind = draw(
        st.sampled_from(
            [
                "word",
                "word",
                "word",
                "em",
                "strong",
                "link",
                "entity",
                "glued-entity",
                "escape",
                "glued-escape",
                "html",
                "code",
                "autolink",
            ]
        )
    )
    if kind == "em":
        return f"*{word}*"
    if kind == "strong":
        return f"**{word} {draw(WORDS)}**"
    if kind == "link":
        return f'[{word} {draw(WORDS)}](https://example.org/{draw(WORDS)} "t")'
    if kind == "entity":
        return draw(ENTITIES)
    if kind == "glued-entity":
        return f"{word}{draw(ENTITIES)}{draw(WORDS)}"
    if kind == "escape":
        return draw(ESCAPES) + word
    if kind == "glued-escape":
        return f"{word}{draw(ESCAPES)}{draw(WORDS)}"
    if kind == "html":
        return f"<b>{word}</b>"
    if kind == "code":
        return f"`{word}`"
    if kind == "autolink":
        return f"<https://example.org/{word}>"
    return word


@st.composite
def inline_line(draw):
    first = draw(WORDS.filter(lambda w: not w[0].isdigit()))
    return " ".join([first, *draw(st.lists(inline_piece(), min_size=0, max_size=8))])


@st.composite
def html_text(draw):
    pieces = draw(
        st.lists(
            st.one_of(
                WORDS,
                ENTITIES,
                WORDS.map(lambda w: f'<a href="https://x.org">{w}</a>'),
                WORDS.map(lambda w: f"<strong>{w}</strong>"),
            ),
            min_size=1,
            max_size=6,
        )
    )
    return " ".join(pieces)


@st.composite
def block(draw):
    kind = draw(
        st.sampled_from(
            [
                "paragraph",
                "paragraph",
                "list",
                "ordered",
                "heading",
                "quote",
                "html-p",
                "html-div",
                "html-list",
                "html-table",
                "table",
                "softbreak",
            ]
        )
    )
    line = draw(inline_line())
    if kind == "list":
        return "\n".join(f"- {draw(inline_line())}" for _ in range(draw(st.integers(1, 3))))
    if kind == "ordered":
        return "\n".join(f"{k + 1}. {draw(inline_line())}" for k in range(draw(st.integers(1, 3))))
    if kind == "heading":
        return f"{'#' * draw(st.integers(1, 4))} {line}"
    if kind == "quote":
        return f"> {line}\n> {draw(inline_line())}"
    if kind == "softbreak":
        return f"{line}\n{draw(inline_line())}  \n{draw(inline_line())}"
    if kind == "html-p":
        return f"<p>{draw(html_text())}</p>\n<p>{draw(html_text())}<br>{draw(html_text())}</p>"
    if kind == "html-div":
        return f'<div class="box">\n<h3>{draw(html_text())}</h3>\n{draw(html_text())}\n<!-- {draw(WORDS)} -->\n</div>'
    if kind == "html-list":
        items = "".join(f"<li>{draw(html_text())}</li>" for _ in range(draw(st.integers(1, 3))))
        return f"<ul>\n{items}\n</ul>"
    if kind == "html-table":
        return (
            f"<table>\n<tr><th>{draw(html_text())}</th><th>{draw(WORDS)}</th></tr>\n"
            f"<tr><td>{draw(html_text())}</td><td>{draw(html_text())}</td></tr>\n</table>"
        )
    if kind == "table":
        return (
            f"| {draw(WORDS)} | {draw(WORDS)} |\n|---|---|\n| {draw(inline_line())} | {draw(WORDS)}&#37; |\n"
            f"| {draw(WORDS)} \\| {draw(WORDS)} | {draw(inline_line())} |"
        )
    return line


@st.composite
def document(draw):
    front = draw(st.sampled_from(["", '---\ntitle: "T"\n---\n', "---\r\ntitle: T\r\n---\r\n"]))
    body = "\n\n".join(draw(st.lists(block(), min_size=1, max_size=6))) + "\n"
    if front.endswith("\r\n"):
        body = body.replace("\n", "\r\n")
    return front + body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_generated_markdown_loses_no_visible_word(text):
    check_coverage(text)


# -- what a rule sees -----------------------------------------------------------
def mentions(body: str):
    article = parse_article("a.md", f"# T\n\n{body}\n")
    return [(m.text, m.low, m.high, m.unit, m.kind) for m in extract_mentions(article)]


@pytest.mark.parametrize(
    "body,plain",
    [
        ("About 85&#37; of adults have it.", "About 85% of adults have it."),
        ("Between 10&ndash;20% of adults have it.", "Between 10–20% of adults have it."),
        ("Take 5&nbsp;mg twice daily.", "Take 5 mg twice daily."),
        ("Remission was 40&#37;.", "Remission was 40%."),
        ("It fell by 30&thinsp;&#37; in 2&nbsp;weeks.", "It fell by 30 % in 2 weeks."),
        ("1\\. Up to 85\\% of patients respond.", "1. Up to 85% of patients respond."),
    ],
)
def test_entities_and_escapes_read_as_the_figure_they_display(body, plain):
    found, expected = mentions(body), mentions(plain)
    assert expected and [m[1:] for m in found] == [m[1:] for m in expected]
    for text, *_ in found:  # the finding's text never stops inside an entity or escape
        assert not re.search(r"&[#\w]*$|\\$", text), text


def test_prose_shows_the_character_in_place():
    text = "# T\n\nIt costs \\$80 and 30&#37; don&rsquo;t&nbsp;stop.\n"
    article = parse_article("a.md", text)
    assert article.prose.split("\n")[2] == "It costs  $80 and 30%     don’      t      stop."


def flagged(text: str, codes=("CL301", "CL401", "CL402")) -> list[tuple[str, str]]:
    rules = [REGISTRY.rules[c] for c in codes]
    result = analyse("a.md", text.encode("utf-8"), rules, REGISTRY)
    finish([result], rules, REGISTRY, {})
    lines = text.split("\n")
    return [(f.code, lines[f.line - 1][f.column - 1 : f.end_column]) for f in result.findings]


def test_a_paragraph_with_an_entity_is_still_checked():
    text = "# T\n\nStudies show that up to 85% of patients respond&nbsp;within a week.\n"
    assert [code for code, _ in flagged(text)] == ["CL401", "CL301"] or sorted(
        code for code, _ in flagged(text)
    ) == ["CL301", "CL401"]


def test_a_finding_never_ends_inside_an_entity():
    spans = [
        span for code, span in flagged("# T\n\nRemission was 40&#37; in adults.\n", ("CL301",))
    ]
    assert spans and all(span.endswith("&#37;") or "&#37;" in span for span in spans)


def test_html_blocks_are_read_as_prose():
    text = (
        '# T\n\n<div class="box">\n<p>Roughly 2 million adults in the region have asthma.</p>\n'
        "<ul><li>Studies show that exercise helps.</li></ul>\n<script>var share = '85% of users';</script>\n"
        "<!-- 90% of readers -->\n</div>\n"
    )
    found = flagged(text)
    assert any(code == "CL301" and "2 million adults" in span for code, span in found), found
    assert ("CL401", "Studies show") in found
    assert not any("85%" in span or "90%" in span for _, span in found)


def test_html_block_boundaries_are_sentence_boundaries():
    text = (
        "# T\n\n<p>First line without a stop<br>second line</p><ul><li>one</li><li>two</li></ul>\n"
    )
    article = parse_article("a.md", text)
    sentences = [article.prose[s:e].strip() for s, e in sentence_spans(article)]
    for expected in ("First line without a stop", "second line", "one", "two"):
        assert expected in sentences, sentences
    items = [b for b in article.blocks if b.text in ("one", "two")]
    assert len({b.item for b in items}) == 2 and all(b.item is not None for b in items)


def test_html_table_cells_and_headings_keep_their_structure():
    text = (
        "# T\n\n<h2>Results</h2>\n<table><tr><th>Outcome</th><th>Rate</th></tr>"
        "<tr><td>Remission</td><td>40&#37;</td></tr></table>\n"
    )
    article = parse_article("a.md", text)
    heading = next(b for b in article.blocks if b.text == "Results")
    assert heading.kind == "heading" and heading.level == 2
    cells = [b for b in article.blocks if b.kind == "table_cell"]
    assert [b.text for b in cells] == ["Outcome", "Rate", "Remission", "40%"]
    assert cells[2].row == cells[3].row != cells[0].row
    assert all(b.heading == heading.index for b in cells)


def test_html_links_cite_their_sentence():
    text = (
        "# T\n\n<p>Up to 85% of patients respond "
        '(<a href="https://doi.org/10.1000/xyz">Smith</a>).</p>\n'
    )
    assert flagged(text, ("CL301",)) == []


def test_visible_words_leave_code_and_urls_out():
    assert visible_words("A `code` and <https://x.org/y> and *b*&nbsp;c <script>s</script>\n") == [
        "A",
        "and",
        "and",
        "b",
        "c",
    ]


def test_links_and_images_with_spaces_in_the_destination():
    text = (
        "# T\n\n![Chart](/img/placebo chart@2x.png)\n\n"
        "Up to 40% respond ([the review](https://example.org/a review.pdf)).\n"
    )
    article = parse_article("a.md", text)
    assert "2x" not in article.prose and "review.pdf" not in article.prose
    assert any(link.href == "https://example.org/a review.pdf" for link in article.layout.links)
    assert flagged(text, ("CL301",)) == []
