"""The artifact checks' faster regexes match exactly what the plain ones matched."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.placeholder_text import _token_regex
from lint.checks.prose_text import line_key, phrase_regex

PLAIN_LINE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
PHRASES = ("skip to main content", "ſtop it", "Kelvin", "-dash", "*star", "0 comments", "[x] y")
TOKENS = ("TODO", "TK", "TKTK", "XXX")
texts = st.lists(
    st.sampled_from(["skip to", "main", "content", "ſkip", "K", "İ", "TK", "TODO", "x", "-", "_"])
    | st.sampled_from(["*", ".", "!", " ", "\n", "\t", "0", "comments", "stop", "it", "[x]", "y"]),
    max_size=20,
).map("".join)


def _plain_phrase_regex(phrases, ignorecase):
    parts = sorted(
        (r"\s+".join(re.escape(w) for w in p.split()) for p in phrases), key=len, reverse=True
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I if ignorecase else 0)


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_phrase_regex_matches_what_the_plain_alternation_matches(text, ignorecase):
    ours, plain = phrase_regex(PHRASES, ignorecase), _plain_phrase_regex(PHRASES, ignorecase)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_line_key_strips_what_the_edge_regex_strips(text):
    assert line_key(text) == " ".join(PLAIN_LINE_PUNCT.sub("", text).lower().split())


@settings(max_examples=200, deadline=None)
@given(texts)
def test_token_regex_matches_what_the_plain_alternation_matches(text):
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, TOKENS)) + r")(?![\w-])")
    assert [m.span() for m in _token_regex(TOKENS).finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
