"""The not-claims vocabulary (rules/lexicon/not-claims.yaml) compiled into patterns and sets."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

Vocabulary = dict[str, Any]  # name -> a compiled phrase pattern (or None), or a set of words


def _phrases(words: Iterable[str]) -> re.Pattern | None:
    parts = []
    for phrase in words or []:
        text = re.escape(str(phrase).lower()).replace(r"\#n", r"\d[\d,.]*").replace(r"\ ", r"\s+")
        parts.append(text)
    if not parts:
        return None
    return re.compile(
        r"(?<![\w'’])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w'’])", re.I
    )


def _key_words(words: Iterable[str]) -> re.Pattern | None:
    """A word every match of `_phrases(words)` holds (each phrase's longest), lowercased: where
    this plain pattern finds none in a sentence's lowercased text, the phrase pattern finds
    nothing in the sentence (when its letters fold as str.lower folds them:
    claims.context.folds_plainly)."""
    keys = set()
    for phrase in words or []:
        pieces = [p for p in re.split(r"\s+|#n", str(phrase).lower()) if p and p.isascii()]
        if not pieces:
            return None
        keys.add(max(pieces, key=len))
    return re.compile("|".join(map(re.escape, sorted(keys)))) if keys else None


def vocabulary(data: Mapping[str, Any]) -> Vocabulary:
    """The vocabulary of a `not-claims` option, compiled once per process and content."""
    return _compile(json.dumps(data, sort_keys=True, default=str))


@lru_cache(maxsize=16)
def _compile(text: str) -> Vocabulary:
    data = json.loads(text)
    vocab: Vocabulary = {
        name: _phrases(data.get(name) or [])
        for name in (
            "hypothetical-openers",
            "hypothetical-persons",
            "story-headings",
            "back-references",
            "practice-phrases",
            "one-figure-joiners",
        )
    }
    # the sentence tests search every figure's sentence with these: a cheap test comes first
    vocab["_key-words"] = {
        name: _key_words(data.get(name) or [])
        for name in ("hypothetical-openers", "hypothetical-persons", "back-references")
    }
    for name in ("strength-nouns", "back-reference-determiners", "lifestyle-words", "reader-words"):
        vocab[name] = {str(w).lower() for w in data.get(name) or []}
    return vocab
