"""The speed work of issue 9 changes how answers are computed, never the answers.

Each fast path is checked against the plain computation it replaces: grouped regex
alternations against the plain alternation, the qualifier union's prefilter against
every dimension's own index, and CL301's twin lookup against the scan it replaced.
"""

import re

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lint.analysis import claims
from lint.analysis.citations import citations_for, same_figure
from lint.analysis.evidence import load_entries, registry_hint
from lint.analysis.facts.extract import article_facts, lexicon_from
from lint.analysis.facts.lexicon import _LEFT, _RIGHT, PhraseIndex, one_of
from lint.analysis.numbers import extract_mentions
from lint.checks.numeric_claim import KIND
from lint.model.article import parse_article

WORDS = ["pain", "Pain", "pains", "a", "as", "depression", "de", "x-ray", "x ray", "rsd", "RSD"]
TEXT = st.text(alphabet="aAdeinprsxyRSD -\n,/", max_size=80)


@hsettings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), TEXT, st.booleans())
def test_grouped_alternation_matches_like_the_plain_one(words, text, fold):
    alts = sorted((re.escape(w).replace(r"\ ", r"[\s\-]+") for w in words), key=len, reverse=True)
    flags = re.I if fold else 0
    plain = re.compile(_LEFT + "(?:" + "|".join(alts) + ")" + _RIGHT, flags)
    grouped = re.compile(_LEFT + "(?:" + one_of(alts, fold) + ")" + _RIGHT, flags)
    for start in (0, len(text) // 2):
        assert [m.span() for m in grouped.finditer(text, start)] == [
            m.span() for m in plain.finditer(text, start)
        ]


def test_one_of_keeps_sources_it_cannot_group():
    assert one_of([r"\d+", "ab"]) == r"\d+|ab"
    assert one_of(["a?b", "ab"]) == "a?b|ab"
    assert one_of(["ab", "ac", "b"]) == "a(?:b|c)|b"


@hsettings(max_examples=100, deadline=None)
@given(TEXT)
def test_phrase_index_overlaps_resolve_as_before(text):
    index = PhraseIndex(
        [("pain", "p", "g", False), ("RSD", "r", "g", True), ("rsd pain", "rp", "g", False)]
    )
    found = [(m.start, m.end, m.id) for m in index.find(text)]
    kept: list[tuple[int, int, str]] = []
    raw = [
        (m.start(), m.end(), index._resolve(cs, m.group(0)))
        for cs, regex in index.regexes
        for m in regex.finditer(text)
    ]
    raw = [(s, e, r[0]) for s, e, r in raw if r is not None]
    for s, e, i in sorted(raw, key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(e <= k[0] or s >= k[1] for k in kept):
            kept.append((s, e, i))
    assert found == sorted(kept)


ARTICLE = """---
title: Ketamine for depression
---
# Ketamine for depression

Ketamine helps 50-70% of people with treatment-resistant depression, and effects last 2 weeks.
In a 2019 trial of 120 adults, 64% responded by week 4 [1]. That trial also found 64% again.
Infusions are given over 40 minutes, six infusions over two weeks, in a clinic setting.
Most patients in the inpatient setting had relief within 24 hours.

[1]: https://example.org/trial
"""


def test_qualifier_union_finds_what_any_dimension_finds():
    lex = lexicon_from(None)
    prose = parse_article("a.md", ARTICLE).prose
    for start in range(0, len(prose), 7):
        for end in (start + 20, start + 90, len(prose)):
            any_found = any(index.find(prose, start, end) for index in lex.dimensions.values())
            union = lex.any_qualifier.search(prose, start, end) is not None
            assert union or not any_found


def test_cited_before_matches_the_scan_it_replaced():
    article = parse_article("a.md", ARTICLE)
    mentions = extract_mentions(article)
    citations = citations_for(article)
    vocab = claims.vocabulary(KIND.options.get("not-claims") or {})

    def scan(mention):
        for other in mentions:
            if other.start >= mention.start:
                return False
            if (
                other.kind == mention.kind
                and same_figure(other, mention)
                and (
                    citations.citation_for(other.start, other.end) is not None
                    or claims._refers_back(article, other, citations, vocab)
                )
            ):
                return True
        return False

    for mention in mentions:
        assert claims._cited_before(article, mention, mentions, citations, vocab) == scan(mention)


def test_registry_hint_skips_figures_no_entry_can_match():
    registry = {
        "facts": [
            {
                "key": "k",
                "subject": "treatment-resistant-depression",
                "measure": "response-rate",
                "unit": "%",
                "low": 50,
                "high": 70,
                "source": {"citation": "X", "url": "https://example.org/x"},
            }
        ]
    }
    durations = "# Ketamine\n\nEffects of ketamine last 2 weeks. Infusions take 40 minutes.\n"
    article = parse_article("a.md", durations)
    assert load_entries(registry)
    mentions = extract_mentions(article)
    assert mentions
    assert all(registry_hint(article, m, {"evidence": registry}) is None for m in mentions)
    # no figure has a unit the registry speaks of: the article's facts were never extracted
    assert not article.analyses.computed(article_facts)
