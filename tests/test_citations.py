"""Citation detection: each form, what it covers, and what does not count."""

import pytest

from lint.analysis.citations import citations_for, is_author_year
from lint.analysis.numbers import extract_mentions
from lint.model.article import parse_article

CLAIM = "Up to 85% of chronic pain patients experience depression"


def supported(text: str, **options) -> list[bool]:
    """For each figure in the article: is it supported?"""
    article = parse_article("a.md", text)
    index = citations_for(article, options)
    mentions = extract_mentions(article)
    return [index.support_for(m, mentions) is not None for m in mentions]


def form_of(text: str, **options) -> str:
    article = parse_article("a.md", text)
    (m,) = extract_mentions(article)
    citation = citations_for(article, options).support_for(m, [m])
    return citation.form if citation else ""


# -- one test per citation form --------------------------------------------------
def test_external_link():
    assert (
        form_of(f"# T\n\n{CLAIM} ([Bair et al.](https://doi.org/10.1001/archinte.163.20.2433)).\n")
        == "link"
    )


def test_bare_url_and_autolink():
    assert (
        form_of(f"# T\n\n{CLAIM}, see https://pubmed.ncbi.nlm.nih.gov/14609780/ for details.\n")
        == "link"
    )
    assert form_of(f"# T\n\n{CLAIM} <https://pubmed.ncbi.nlm.nih.gov/14609780/>.\n") == "link"


def test_footnote_that_resolves():
    assert (
        form_of(f"# T\n\n{CLAIM}.[^1]\n\n[^1]: Bair MJ et al. Arch Intern Med. 2003.\n")
        == "footnote"
    )


def test_numbered_reference_that_resolves():
    text = f"# T\n\n{CLAIM} [2].\n\n## References\n\n1. First source.\n2. Bair MJ et al. 2003.\n"
    assert form_of(text) == "reference"


@pytest.mark.parametrize("marker", ["¹", "<sup>1</sup>", "^1^", "[1, 2]", "[1-2]"])
def test_superscripts_and_marker_lists(marker):
    text = f"# T\n\n{CLAIM}{marker}.\n\n## Sources\n\n- Bair MJ et al. 2003.\n- Second source.\n"
    assert form_of(text) == "reference"


def test_in_page_anchor_with_a_number_is_a_reference_marker():
    text = f"# T\n\n{CLAIM} [[1](#references)].\n\n## References\n\n1. Bair MJ et al. 2003.\n"
    assert form_of(text) == "reference"


@pytest.mark.parametrize(
    "citation",
    [
        "(Bair et al., 2003)",
        "(Bair, Robinson & Katon 2003)",
        "(WHO, 2020; Lee 2019)",
        "(Lincoff and colleagues, 2023)",
        "(Davis et al., JAMA Psychiatry, 2021)",
        "(Smith 2019, p. 12)",
    ],
)
def test_author_year_parenthetical(citation):
    assert form_of(f"# T\n\n{CLAIM} {citation}.\n") == "author-year"


def test_author_year_narrative():
    assert (
        form_of(
            "# T\n\nBair et al. (2003) found that up to 85% of chronic pain patients are depressed.\n"
        )
        == "author-year"
    )


@pytest.mark.parametrize(
    "identifier", ["doi:10.1001/archinte.163.20.2433", "PMID: 14609780", "PMC4711387"]
)
def test_identifiers(identifier):
    assert form_of(f"# T\n\n{CLAIM} ({identifier}).\n") == "identifier"


# -- what does not count ------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        f"# T\n\n{CLAIM}.[^9]\n",  # a footnote with no definition
        f"# T\n\n{CLAIM} [3].\n",  # a numbered marker with no reference list
        f"# T\n\n{CLAIM} ([see our FAQ](/faq/depression)).\n",  # a relative link
        f"# T\n\n{CLAIM} ([more](#below)).\n",  # an in-page anchor
        f"# T\n\n{CLAIM} (n = 120, 2019).\n",  # not an author-year
        f"# T\n\n{CLAIM} (approved in 2019).\n",
        f"# T\n\n{CLAIM} (March 2020).\n",
        f"# T\n\n{CLAIM} ([source](mailto:editor@example.org)).\n",
    ],
)
def test_not_citations(text):
    assert not any(supported(text))


def test_own_domains_do_not_count():
    text = f"# T\n\n{CLAIM} ([our guide](https://www.ketamine-clinic.example/guide)).\n"
    assert supported(text) == [True]
    assert supported(text, **{"own-domains": ["ketamine-clinic.example"]}) == [False]


def test_canonical_url_host_is_an_own_domain():
    text = (
        f'---\ntitle: T\ncanonicalUrl: "https://ketamine-clinic.example/blog/t"\n---\n\n# T\n\n'
        f"{CLAIM} ([our guide](https://blog.ketamine-clinic.example/guide)).\n"
    )
    assert supported(text) == [False]


def test_forms_can_be_switched_off():
    text = f"# T\n\n{CLAIM} (Bair et al., 2003).\n"
    assert supported(text, **{"citation-forms": ["link", "footnote"]}) == [False]


def test_author_year_helper():
    assert is_author_year("Smith et al., 2021") and is_author_year("CDC, 2022; Lee 2019")
    assert not is_author_year("Phase 3, 2019") and not is_author_year("approved in 2019")


# -- what a citation covers ---------------------------------------------------------
def test_citation_covers_its_sentence_only_by_default():
    text = (
        f"# T\n\n{CLAIM} ([Bair](https://doi.org/10.1/x)). About 30% of them also have anxiety.\n"
    )
    assert supported(text) == [True, False]


def test_paragraph_scope_is_an_option():
    text = (
        f"# T\n\n{CLAIM} ([Bair](https://doi.org/10.1/x)). About 30% of them also have anxiety.\n"
    )
    assert supported(text, **{"citation-scope": "paragraph"}) == [True, True]


def test_citation_covers_its_list_item():
    text = (
        "# T\n\n- Up to 85% of patients are depressed. About 30% are anxious "
        "([Bair](https://doi.org/10.1/x)).\n- About 10% of them are neither.\n"
    )
    assert supported(text) == [True, True, False]


def test_citation_covers_its_table_row():
    text = (
        "# T\n\n| Condition | Rate | Source |\n|---|---|---|\n"
        "| Depression | 85% | [Bair](https://doi.org/10.1/x) |\n| Anxiety | 30% | none |\n"
    )
    assert supported(text) == [True, False]


def test_marker_glued_after_a_full_stop_cites_the_sentence_before():
    text = (
        "# T\n\nUp to 85% of patients are depressed.[1] About 30% are anxious.\n\n"
        "## References\n\n1. Bair MJ. 2003.\n"
    )
    assert supported(text) == [True, False]


def test_link_marker_glued_after_a_full_stop_cites_the_sentence_before():
    text = "# T\n\nUp to 85% of patients are depressed.[1](https://doi.org/10.1/x) About 30% are anxious.\n"
    assert supported(text) == [True, False]


def test_lead_in_with_a_citation_covers_the_list_it_introduces():
    text = (
        "# T\n\nA review of 22 studies found ([Lev-Ran](https://doi.org/10.1/x)):\n\n"
        "- Up to 85% of patients were depressed\n- About 30% were anxious\n\nAbout 10% of others.\n"
    )
    assert supported(text) == [True, True, True, False]


def test_heading_that_cites_a_study_covers_its_section():
    text = (
        "# T\n\n### Carlini and Cunha (1981)\n\n- Participants: 15 insomnia patients\n\n"
        "## Other\n\n- Up to 85% of patients sleep badly\n"
    )
    assert supported(text) == [True, False]


# -- summaries --------------------------------------------------------------------------
def test_summary_repeat_of_a_cited_figure_is_supported():
    text = (
        "# T\n\nResponse rates reach 50-80% in CRPS ([Zhao](https://doi.org/10.1/x)).\n\n"
        "## Key Takeaways\n\n- CRPS responds in 50-80% of cases\n"
    )
    assert supported(text) == [True, True]


def test_summary_repeat_of_an_uncited_figure_is_not():
    text = "# T\n\nResponse rates reach 50-80% in CRPS.\n\n## Key Takeaways\n\n- CRPS responds in 50-80% of cases\n"
    assert supported(text) == [False, False]


def test_a_different_figure_in_a_summary_is_not_supported_by_a_cited_one():
    text = (
        "# T\n\nResponse rates reach 50-80% in CRPS ([Zhao](https://doi.org/10.1/x)).\n\n"
        "## Bottom line\n\n- CRPS responds in 30-40% of cases\n"
    )
    assert supported(text) == [True, False]


def test_summary_line_repeating_a_cited_finding_is_supported_as_a_whole():
    text = (
        "# T\n\nTwo series found responses of 71% ([Smith](https://doi.org/10.1/x)).\n\n"
        "## Key Takeaways\n\n- High short-term response: 71% in two centres\n"
    )
    assert supported(text) == [True, True, True]


def test_sentences_do_not_split_after_abbreviations_or_before_glued_markers():
    from lint.text.sentences import sentence_spans

    text = (
        "# T\n\nIt works (Smith et al., 2021). Use it, e.g. daily, vs. weekly. "
        "Pain fell 30%.[1] Next one here. Pain fell 20%.¹ Last.\n"
    )
    article = parse_article("a.md", text)
    sentences = [
        article.prose[s:e].strip() for s, e in sentence_spans(article) if article.prose[s:e].strip()
    ]
    assert sentences[1:] == [
        "It works (Smith et al., 2021).",
        "Use it, e.g. daily, vs. weekly.",
        "Pain fell 30%.[1]",
        "Next one here.",
        "Pain fell 20%.¹",
        "Last.",
    ]


def test_html_anchor_link_is_a_citation():
    from lint.analysis.citations import citations_for
    from lint.model.article import parse_article

    text = (
        "A trial of 64 subjects found lower cortisol "
        '(<a href="https://pubmed.ncbi.nlm.nih.gov/23439798/">study</a>).\n'
    )
    article = parse_article("a.md", text)
    start = text.index("64 subjects")
    assert citations_for(article, {}).covers(start, start + 11)


def test_bold_summary_label_opens_a_summary():
    from lint.analysis.citations import citations_for
    from lint.model.article import parse_article

    text = (
        "# Depression\n\n**The short version:** About 60% of patients improve.\n\n"
        "## Evidence\n\nAbout 60% of patients improve ([trial](https://doi.org/10.1000/x)).\n"
    )
    article = parse_article("a.md", text)
    assert citations_for(article, {}).in_summary(text.index("About 60%"))
    assert not citations_for(article, {}).in_summary(text.rindex("About 60%"))


def test_study_named_in_a_bold_label_covers_its_paragraph_and_the_intro():
    from lint.analysis.citations import citations_for
    from lint.model.article import parse_article

    text = (
        "# Bipolar depression\n\nSeveral well-designed trials support ketamine:\n\n"
        "**Zarate et al. (2012)**: In a study of 15 patients, 79% responded at day 1. "
        "Effects lasted 3 days.\n\n**Unlabelled**: Another 40% improved.\n"
    )
    index = citations_for(parse_article("a.md", text), {})
    for phrase in ("Several well-designed trials", "15 patients", "79%", "3 days"):
        start = text.index(phrase)
        assert index.covers(start, start + len(phrase)), phrase
    start = text.index("40%")
    assert not index.covers(start, start + 3)


def test_cited_lead_in_covers_the_quotation_it_introduces():
    from lint.analysis.citations import citations_for
    from lint.model.article import parse_article

    text = (
        "# A1c\n\n[Atkin et al. 2021](https://doi.org/10.1000/x) explain:\n\n"
        "> An A1c of 6.5% misses many cases. Up to 30% of people are missed.\n\n"
        "Afterwards, 40% of clinics changed nothing.\n"
    )
    index = citations_for(parse_article("a.md", text), {})
    for phrase in ("6.5%", "Up to 30%"):
        start = text.index(phrase)
        assert index.covers(start, start + len(phrase)), phrase
    start = text.index("40%")
    assert not index.covers(start, start + 3)


def test_cited_lead_in_covers_a_quotation_set_in_italics_or_quotation_marks():
    # policy §2: a figure in a quotation attributed to a cited source is not a claim; a plain paragraph
    # wholly in italics or in quotation marks after "From [source]:" is that quotation
    from lint.analysis.citations import citations_for
    from lint.model.article import parse_article

    for open_, close in (("_", "_"), ("*", "*"), ("“", "”")):
        text = (
            "# Sleep\n\nFrom [a review of melatonin trials](https://example.org/r):\n\n"
            f"{open_}In one trial, 18% of patients slept longer at 4 weeks.{close}\n\n"
            "Afterwards, 40% of clinics changed nothing.\n"
        )
        index = citations_for(parse_article("a.md", text), {})
        for phrase in ("18%", "4 weeks"):
            start = text.index(phrase)
            assert index.covers(start, start + len(phrase)), (open_, phrase)
        start = text.index("40%")
        assert not index.covers(start, start + 3)


def test_an_italic_paragraph_after_an_uncited_colon_is_not_covered():
    from lint.analysis.citations import citations_for
    from lint.model.article import parse_article

    text = "# Sleep\n\nOne reader wrote:\n\n_In one trial, 18% of patients slept longer._\n"
    index = citations_for(parse_article("a.md", text), {})
    start = text.index("18%")
    assert not index.covers(start, start + 3)
