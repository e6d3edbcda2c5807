"""An attribution lexicon compiled into token patterns, once per pipeline and lexicon."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ...text.token_match import TokenSpec
from ...text.token_scan import TokenScan, scan_of
from .slots import Slot, anchor_words, class_words, compile_pattern


@dataclass(frozen=True)
class Pattern:
    """A pattern's part from its anchor on, as token specs with blanks allowed between slots."""

    name: str  # the match key: "group#n"
    specs: list[TokenSpec]
    in_sentence: bool  # anchored patterns match within a sentence; the rest across the Doc


@dataclass(frozen=True)
class Compiled:
    patterns: list[Pattern]
    groups: dict[str, str]  # match key -> group
    advice: dict[str, str]
    filters: dict[str, set[str]]
    classes: dict[str, set[str]]
    leading: dict[str, list[Slot]]  # match key -> the slots before its anchor, matched leftwards
    triggers: frozenset | None  # a sentence without any of these words cannot match
    first_hashes: frozenset = frozenset()  # the words (LOWER hashes) patterns may start with
    label_only: frozenset = (
        frozenset()
    )  # match keys of "^ ..." patterns: only a block's opening label
    # match key -> the word sets (LOWER hashes) of its required word slots past the anchor
    # and before it: a sentence must hold a word of each for the pattern to match there
    gates: dict[str, tuple[frozenset, ...]] = field(default_factory=dict)

    @cached_property
    def gate_words(self) -> frozenset:
        """Every word of the gates (LOWER hashes)."""
        return frozenset(h for sets in self.gates.values() for words in sets for h in words)

    @cached_property
    def scan(self) -> TokenScan | None:
        """The patterns' regular expressions over a Doc's token codes (None: too many words)."""
        return scan_of([p.specs for p in self.patterns], self.gate_words)

    @cached_property
    def back_reference_words(self) -> re.Pattern:
        """A source named before a back-reference ("the study found"): one of the
        back-reference nouns or evidence words, "et al", or a citation's markup."""
        words = set(self.filters.get("back-reference-nouns", set()))
        for name in ("evidence", "study", "authority"):
            words |= self.classes.get(name, set())
        return re.compile(
            r"\b(?:{})\b|et al|\[\^|\]\(|\[\d".format(
                "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w.isalpha())
            )
        )


SPACES = {"IS_SPACE": True, "OP": "*"}


def compiled(lexicon: Mapping[str, Any]) -> Compiled:
    """The patterns of a lexicon, compiled once per pipeline (lint/text/nlp.py) and lexicon."""
    from ...text.nlp import resources

    digest = hashlib.sha256(json.dumps(lexicon, sort_keys=True, default=str).encode()).hexdigest()
    pipeline = resources()
    return pipeline.compiled(_compile, digest, lexicon, pipeline.nlp.vocab)


def _compile(lexicon: Mapping[str, Any], vocab: Any) -> Compiled:
    patterns: list[Pattern] = []
    groups: dict[str, str] = {}
    advice: dict[str, str] = {}
    leading: dict[str, list[Slot]] = {}
    triggers: set | None = set()
    label_only: set = set()
    gates: dict[str, tuple[frozenset, ...]] = {}
    for group, spec in (lexicon.get("groups") or {}).items():
        advice[group] = str((spec or {}).get("advice", ""))
        for n, pattern in enumerate((spec or {}).get("patterns") or []):
            name = f"{group}#{n}"
            pattern = str(pattern).strip()
            if pattern.startswith("^ "):
                label_only.add(name)
                pattern = pattern[2:]
            lead, core = compile_pattern(pattern, lexicon)
            groups[name] = group
            leading[name] = lead
            anchor = anchor_words(core)
            patterns.append(Pattern(name, _specs(core, vocab), anchor is not None))
            gates[name] = _gates(lead, patterns[-1].specs)
            if anchor is None:
                triggers = None
            elif triggers is not None:
                triggers |= anchor
    filters = {
        k: {str(w).lower() for w in v or []} for k, v in (lexicon.get("filters") or {}).items()
    }
    classes = {name: set(class_words(lexicon, name)) for name in (lexicon.get("classes") or {})}
    return Compiled(
        patterns,
        groups,
        advice,
        filters,
        classes,
        leading,
        frozenset(triggers) if triggers is not None else None,
        frozenset(h for p in patterns if p.specs[0].kind == "lower" for h in p.specs[0].hashes),
        frozenset(label_only),
        gates,
    )


def _gates(lead: list[Slot], specs: list[TokenSpec]) -> tuple[frozenset, ...]:
    """The word sets a match needs besides its anchor: each required slot of plain words
    before the anchor (matched within the sentence, `match_left`) and after it."""
    from spacy.strings import get_string_id

    words = [
        frozenset(get_string_id(w) for w in slot.words)
        for slot in lead
        if slot.op in ("", "+") and slot.words and slot.regex is None and not slot.any_word
    ]
    words += [spec.hashes for spec in specs[1:] if spec.kind == "lower" and spec.op in (None, "+")]
    return tuple(words)


def _specs(core: list[Slot], vocab: Any) -> list[TokenSpec]:
    """The slots from the anchor on as token specs. Before whole-Doc matching, a pattern
    with an anchor word ran sentence by sentence, and one without over the whole Doc: each
    keeps its reach (Pattern.in_sentence)."""
    tokens: list[dict] = []
    for slot in core:
        if tokens:
            tokens.append(SPACES)  # the blanks emphasis marks leave ("in *Neurology* found")
        tokens.append(slot.token)
    return [TokenSpec.compile(t, vocab.strings) for t in tokens]
