"""The lexicons' one token-pattern language (docs/patterns.md), compiled here for the
disclaimer lexicon; lint/analysis/attribution/slots.py compiles it for attribution.

A pattern is a line of space-separated token specs, each matching ONE token
by its lowercase form:

    consult|see|ask with|to? {det}? {mod}* {provider}

- ``a|b|c``      any of these words (lowercase);
- ``{name}``     any word of the class ``name`` (defined under ``classes:``);
- ``_``          any token that is not punctuation;
- a suffix ``?`` (optional), ``*`` (any number), ``+`` (one or more) or
  ``{m,n}`` (between m and n) repeats the spec.

The token shapes ``#year``, ``#proper``, ``#acronym``, ``#word``, ``~`` and a leading
``^`` belong to the language too, but only the attribution engine implements them: here
they are an error that names the pattern, never a literal word.

A spec that is one plain word with no suffix is run through the tokenizer, so
``doctor's`` or ``don't`` may be written as they read. Inside alternatives,
each word must be a single token (``n't`` rather than ``don't``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.errors import ConfigError as RuleError
from .token_match import (
    TokenSpec,
    TokenTable,
    UnsupportedSpec,
    ends,
    expand_repeats,
    starts_of,
    word_positions,
)
from .token_scan import scan_of

QUANTIFIER = re.compile(r"^(?P<body>.+?)(?P<op>\?|\*|\+|\{\d*,\d*\}|\{\d+\})?$")
CLASS_REF = re.compile(r"^\{([A-Za-z_][\w-]*)\}$")
# Specs only the attribution engine implements: rejected here rather than read as words
ATTRIBUTION_ONLY = frozenset({"#year", "#proper", "#acronym", "#word", "~"})


def split_spec(piece: str) -> tuple[str, str | None]:
    """One spec -> (body, repeat op or None); both engines read a spec's suffix this way."""
    m = QUANTIFIER.match(piece)
    body, op = (m.group("body"), m.group("op")) if m else (piece, None)
    # "{det}" is a class reference, not a repeat count.
    if op and op.startswith("{") and CLASS_REF.match(piece):
        body, op = piece, None
    return body, op


def _unsupported(body: str, first: bool) -> str | None:
    """Why the disclaimer engine cannot compile this spec (None: it can)."""
    if first and body == "^":
        return "a leading '^' (label-only) is implemented by the attribution engine only"
    shapes = sorted(ATTRIBUTION_ONLY.intersection(body.split("|")))
    if shapes:
        return f"{shapes[0]} is implemented by the attribution engine only"
    if body.startswith("[") and body.endswith("]") and "|" in body:
        return f"{body!r}: write alternatives without brackets, a|b|{{class}}"
    return None


def _token_spec(body: str, classes: Mapping[str, list[str]], where: str) -> dict[str, Any]:
    if body == "_":
        return {"IS_PUNCT": False, "IS_SPACE": False}
    words: list[str] = []
    for alt in body.split("|"):
        ref = CLASS_REF.match(alt)
        if ref:
            name = ref.group(1)
            if name not in classes:
                raise RuleError(
                    f"{where}: unknown word class {{{name}}} (known: {', '.join(sorted(classes)) or 'none'})"
                )
            words.extend(str(w).lower() for w in classes[name])
        elif alt:
            words.append(alt.lower())
    if not words:
        raise RuleError(f"{where}: empty token spec {body!r}")
    return {"LOWER": {"IN": sorted(set(words))}} if len(words) > 1 else {"LOWER": words[0]}


def compile_pattern(
    pattern: str, classes: Mapping[str, list[str]], tokenizer, where: str | None = None
) -> list[dict]:
    """One pattern line -> one Matcher pattern (a list of token dicts)."""
    where = where or f"pattern {pattern!r}"  # every error names the pattern
    tokens: list[dict] = []

    def add(spec: dict) -> None:
        # Blanked markup and line breaks leave whitespace tokens between words
        # ("not *medical* advice"); a pattern must step over them.
        if tokens:
            tokens.append({"IS_SPACE": True, "OP": "*"})
        tokens.append(spec)

    for k, piece in enumerate(pattern.split()):
        body, op = split_spec(piece)
        problem = _unsupported(body, k == 0)
        if problem:
            raise RuleError(f"{where}: {problem}")
        plain = op is None and "|" not in body and not CLASS_REF.match(body) and body != "_"
        if plain:
            for tok in tokenizer(body):
                add({"LOWER": tok.lower_})
            continue
        spec = _token_spec(body, classes, where)
        if op:
            spec["OP"] = op
        add(spec)
    if not tokens:
        raise RuleError(f"{where}: empty pattern")
    return tokens


class PatternMatcher:
    """Drop-in for a spaCy Matcher of these patterns (no greedy filter): `matcher(doc)` gives
    every distinct (label hash, start, end), ordered by start, end and label. A pattern is
    tried only at the tokens its first spec accepts, over the Doc's arrays
    (lint/text/token_match.py), instead of every pattern at every token."""

    def __init__(self, vocab: Any, groups: Mapping[str, list[list[dict]]]) -> None:
        self.patterns: list[tuple[int, list[TokenSpec]]] = []
        for label, patterns in groups.items():
            key = vocab.strings.add(label)
            for tokens in patterns:
                specs = [TokenSpec.compile(t, vocab.strings) for t in expand_repeats(tokens)]
                if specs:
                    self.patterns.append((key, specs))
        self.order = {key: k for k, (key, _) in enumerate(self.patterns)}
        self.first_words = frozenset(
            h for _, specs in self.patterns if specs[0].kind == "lower" for h in specs[0].hashes
        )

        # where each pattern may start, found by one regular expression over the Doc
        self.scan = scan_of([specs for _, specs in self.patterns])

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        return self.matches(TokenTable.of(doc))

    def matches(self, table: TokenTable) -> list[tuple[int, int, int]]:
        """`matcher(doc)` over the Doc's token table (token_match.token_table shares one)."""
        found: set[tuple[int, int, int]] = set()
        coded = self.scan.coded(table) if self.scan is not None else None
        where: dict[int, list[int]] | None = None
        for k, (key, specs) in enumerate(self.patterns):
            starts = coded.starts(k, False) if coded is not None else None
            if starts is None:
                if where is None:
                    where = word_positions(table, self.first_words)
                starts = starts_of(table, specs, where)
            for start in starts:
                found.update((key, start, end) for end in ends(specs, table, start, len(table)))
        return sorted(
            ((key, start, end) for key, start, end in found if end > start),
            key=lambda m: (m[1], m[2], self.order[m[0]]),
        )


def build_matcher(
    vocab,
    tokenizer,
    groups: Mapping[str, Iterable[str]],
    classes: Mapping[str, list[str]],
    where: str = "lexicon",
):
    """A matcher with one label per group; built once per pipeline and lexicon."""
    from .nlp import resources

    key = json.dumps(
        {"g": {k: list(v) for k, v in groups.items()}, "c": classes},
        sort_keys=True,
        default=str,
    )
    return resources().compiled(_matcher, (key, where), vocab, tokenizer, groups, classes, where)


def _matcher(
    vocab,
    tokenizer,
    groups: Mapping[str, Iterable[str]],
    classes: Mapping[str, list[str]],
    where: str,
):
    from spacy.matcher import Matcher

    compiled = {
        label: [
            compile_pattern(str(p), classes, tokenizer, f"{where}: {label}: {p!r}")
            for p in patterns
        ]
        for label, patterns in groups.items()
    }
    try:
        return PatternMatcher(vocab, {k: v for k, v in compiled.items() if v})
    except UnsupportedSpec:  # a spec token_match does not know: spaCy's own Matcher
        matcher = Matcher(vocab)
        for label, patterns in compiled.items():
            if patterns:
                matcher.add(label, patterns)
        return matcher
