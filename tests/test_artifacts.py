"""Artifacts (CL601-CL604): scrape residue, stray lines and placeholders, in prose only."""

import pytest

from lint.engine.examples import run_example
from lint.engine.rules import load_registry

REGISTRY = load_registry()

# A page pasted from a website builder, in the style of the user's seed 000 (own wording).
SCRAPED = """top of page
  • Jane Q. Doe, MD

Ketamine and Migraine

Migraine is common and often disabling. Ketamine is one option that clinics now offer.

What Is Ketamine?

Ketamine is an anaesthetic that is also used at low doses for pain.

road to relief

Looking Ahead

Research on ketamine for migraine continues, and results so far are mixed.

8 views0 comments


bottom of page
"""


def findings(code, text, **options):
    return run_example(REGISTRY, REGISTRY.rules[code], {"text": text, "options": options})


def test_scraped_page_residue_lines():
    found = findings("CL601", SCRAPED)
    assert [(f.line, f.excerpt) for f in found] == [
        (1, "top of page"),
        (2, "• Jane Q. Doe, MD"),
        (18, "8 views0 comments"),
        (21, "bottom of page"),
    ]
    assert all(f.category == "artifact" for f in found)


def test_orphan_line_is_only_the_lowercase_fragment():
    found = findings("CL602", SCRAPED)
    assert [(f.line, f.excerpt) for f in found] == [(12, "road to relief")]


@pytest.mark.parametrize(
    "text",
    [
        "# Ketamine\n\n- road to recovery\n- less pain\n",  # list items
        "| step | note |\n| --- | --- |\n| one | road to recovery |\n",  # table cells
        "# Ketamine\n\n> road to recovery\n",  # quotation
        "# Ketamine\n\n**road to recovery**\n\nText follows here.\n",  # bold pseudo-heading
        "# Ketamine\n\n![room](/img/room.jpg)\n\ninfusion room at the clinic\n",  # caption under its image
        "# Ketamine\n\nsee [the trial](https://example.org)\n",  # a link line
        "# Ketamine\n\nroad to recovery is long, and\nit has many steps.\n",  # part of a paragraph
    ],
)
def test_orphan_line_false_positive_guards(text):
    assert findings("CL602", text) == []


def test_residue_in_a_sentence_or_in_code_is_not_reported():
    text = (
        "# Sharing\n\nShare this post with someone who needs it; the top of page two has the table.\n\n"
        "```\nbottom of page\n5 views0 comments\n```\n\n`Skip to content` is a link label.\n"
    )
    assert findings("CL601", text) == []


def test_cookie_banner_text_anywhere_in_prose():
    [f] = findings(
        "CL601", "# Pain\n\nWe use cookies to improve your experience. Pain is common.\n"
    )
    assert f.excerpt == "We use cookies to"


def test_unicode_bulleted_sentences_are_not_bylines():
    assert (
        findings("CL601", "# Sleep\n\n• Avoid daytime sleeping\n• Exercise early in the day\n")
        == []
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("It helped [insert statistic here] of patients.", "[insert statistic here]"),
        ("It helped most patients. TODO: add source", "TODO"),
        ("Relief lasted the last TK hours.", "TK"),
        ("Results are TBD.", "TBD"),
        ("Lorem ipsum dolor sit amet, consectetur.", "Lorem ipsum dolor sit amet"),
        ("About XX% responded.", "XX%"),
        ("Written by {{author_name}}.", "{{author_name}}"),
    ],
)
def test_placeholder_text(text, expected):
    [f] = findings("CL603", "# Ketamine\n\n" + text + "\n")
    assert f.excerpt == expected and f.severity == "error"


@pytest.mark.parametrize(
    "text",
    [
        "Tyrosine kinase inhibitors (TKIs) are different; the UK-TK cohort and tk genes too.",
        "The site footer links to {{ site.url }} for details.",
        "<!-- TODO: add a figure -->",
        "`TODO` is a word programmers use.",
        "A todo list helps patients keep track of doses.",
    ],
)
def test_placeholder_text_false_positive_guards(text):
    assert findings("CL603", "# Ketamine\n\n" + text + "\n") == []


def test_placeholder_images_in_body_and_frontmatter_are_separate_rules():
    text = (
        '---\nfeaturedImage: "/images/placeholder.jpg"\n---\n\n# K\n\n![room](/img/default-image.png)\n\n'
        "![brain](/img/default-mode-network.png)\n"
    )
    assert [f.line for f in findings("CL604", text)] == [7]
    assert [f.line for f in findings("CL111", text)] == [2]
