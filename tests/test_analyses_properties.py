"""Properties of the per-article analyses: prose offsets (snap, sentences) and the citation
scanner (markers, numbered references, author-year, the memoised index)."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.analysis.citations import citations_for, is_author_year, marker_spans
from lint.model.article import parse_article
from lint.text.sentences import sentence_index, sentence_spans

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORD = st.from_regex(r"[a-z]{2,8}", fullmatch=True)
ENTITY = st.sampled_from(["&nbsp;", "&#37;", "&ndash;", "&amp;", "\\%", "\\$", "&eacute;"])
FORMS = {"reference", "raw-footnote", "author-year", "identifier"}


@st.composite
def entity_text(draw):
    pieces = draw(st.lists(st.one_of(WORD, ENTITY, st.just(" "), st.just("\n\n")), max_size=30))
    return "# Title\n\n" + "".join(pieces) + " end.\n"


@SETTINGS
@given(entity_text(), st.data())
def test_snap_widens_over_whole_entities_only(text, data):
    article = parse_article("a.md", text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = article.snap(start, end)
    assert s <= start and end <= e
    for es, ee, _ in article.layout.entities:
        assert not (es < s < ee), "the start cuts an entity"
        assert not (es < e < ee), "the end cuts an entity"


@st.composite
def paragraphs(draw):
    sentences = draw(
        st.lists(
            st.lists(WORD, min_size=2, max_size=8).map(lambda w: " ".join(w).capitalize() + "."),
            min_size=1,
            max_size=8,
        )
    )
    joiners = draw(st.lists(st.sampled_from([" ", "\n\n"]), min_size=len(sentences)))
    return "# Title\n\n" + "".join(s + j for s, j in zip(sentences, joiners, strict=False))


@SETTINGS
@given(paragraphs())
def test_sentences_are_ordered_disjoint_and_found_by_offset(text):
    article = parse_article("a.md", text)
    spans = sentence_spans(article)
    assert spans and all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for k, (s, e) in enumerate(spans):
        assert sentence_index(article, s) == k
        assert sentence_index(article, e - 1) == k
    assert sentence_spans(article) is spans  # computed once


@SETTINGS
@given(st.text(alphabet="ab1 2.[]()^¹²,-;:\n#*", max_size=120))
def test_marker_spans_are_sorted_in_bounds_and_of_known_forms(body):
    article = parse_article("a.md", "# T\n\n" + body + "\n")
    markers = marker_spans(article)
    assert markers == sorted(markers)
    assert all(0 <= s < e <= len(article.text) for s, e, _, _ in markers)
    assert {form for _, _, form, _ in markers} <= FORMS
    index = citations_for(article)
    assert all(0 <= c.start < c.end <= len(article.text) for c in index.citations)


@st.composite
def cited_article(draw):
    """Paragraphs of one sentence each, some citing a numbered reference mid-sentence, and a
    References list with `n` entries; returns (text, [(sentence offset, cited?)])."""
    n = draw(st.integers(1, 5))
    rows = draw(
        st.lists(
            st.tuples(st.lists(WORD, min_size=4, max_size=8), st.none() | st.integers(1, n)),
            min_size=1,
            max_size=6,
        )
    )
    text = "# Title\n\n"
    where = []
    for words, ref in rows:
        where.append((len(text), ref is not None))
        if ref is not None:
            words = [*words[:2], f"[{ref}]", *words[2:]]
        text += " ".join(words).capitalize() + ".\n\n"
    text += "## References\n\n" + "".join(
        f"{k}. Author A. A title of the study. 2020.\n" for k in range(1, n + 1)
    )
    return text, where


@SETTINGS
@given(cited_article())
def test_a_resolved_numbered_marker_covers_its_sentence_and_no_other(case):
    text, where = case
    index = citations_for(parse_article("a.md", text))
    for offset, cited in where:
        assert index.covers(offset) == cited, (text, offset)


@SETTINGS
@given(cited_article())
def test_a_marker_without_its_reference_entry_cites_nothing(case):
    text, where = case
    text = text[: text.index("## References")]
    index = citations_for(parse_article("a.md", text))
    assert not any(index.covers(offset) for offset, _ in where)


NAME = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
YEAR = st.integers(1950, 2029).map(str)
MONTH = st.sampled_from(["January", "March", "Sept", "Winter"])


@given(NAME, YEAR, st.sampled_from(["{n} et al., {y}", "{n}, {y}", "{n} and colleagues, {y}"]))
def test_author_year_reads_a_name_and_a_year(name, year, form):
    assert is_author_year(form.format(n=name, y=year))


@given(NAME, YEAR, MONTH)
def test_a_month_or_a_second_number_is_not_an_author_year(name, year, month):
    assert not is_author_year(f"{month} {year}")
    assert not is_author_year(f"{name}, n = 120, {year}")


def test_the_citation_index_is_memoised_by_option_value():
    article = parse_article("a.md", "# T\n\nA sentence [1].\n\n## References\n\n1. A ref.\n")
    first = citations_for(article, {"citation-scope": "sentence"})
    assert citations_for(article, {"citation-scope": "sentence"}) is first
    assert citations_for(article, {}) is first  # the defaults, spelled out or not
    assert citations_for(article, {"citation-scope": "paragraph"}) is not first
