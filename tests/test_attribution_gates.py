"""Attribution patterns are tried only in sentences that hold their other required words:
the same matches as trying every start."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.attribution.find import _candidates
from lint.checks.attribution import compiled
from lint.engine.rules import load_registry
from lint.model.article import parse_article

LEXICON = load_registry().rules["CL401"].options["lexicon"]
WORDS = [
    "studies",
    "show",
    "that",
    "research",
    "has",
    "been",
    "reported",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "experts",
    "agree",
    "the",
    "study",
    "found",
    "a",
    "2019",
    "review",
    "by",
    "Harvard",
    "researchers",
    "in",
    "clinical",
    "trials",
    "doctors",
    "say",
    "it",
    "is",
    "widely",
    "known",
    "evidence",
    "suggests",
    "data",
    "have",
    "shown",
    "scientists",
    "believe",
    "according",
    "to",
    "some",
    "Dr.",
    "Smith",
    "and",
    "colleagues",
    "published",
    "in",
    "Neurology",
    "no",
    "one",
    "why",
    "do",
    "not",
    "who",
    "were",
]
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


def _spans(article, comp):
    return [
        (span.start, span.end, group, priority)
        for span, group, priority in _candidates(article, comp)
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, min_size=1, max_size=3))
def test_gated_patterns_find_what_every_start_finds(paragraphs):
    comp = compiled(LEXICON)
    ungated = dataclasses.replace(comp, gates={})
    article = parse_article("a.md", "\n\n".join(paragraphs) + "\n")
    assert _spans(article, comp) == _spans(article, ungated)
