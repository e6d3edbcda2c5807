"""The number grammar's English vocabulary, read from rules/lexicon/numbers-*.yaml.

Each lexicon file is parsed once per process (the parser's word lists are module constants
built at import), through `load_data_file` (libyaml when PyYAML has it): startup stays cheap. The files
sit in the built-in rules directory (lint/_rules in a wheel, rules/ in a checkout).
"""

from __future__ import annotations

from typing import Any

from ...model.errors import RuleError
from ...model.packs import builtin_data


def lexicon(name: str) -> dict[str, Any]:
    """The parsed rules/lexicon/numbers-`name`.yaml."""
    data = builtin_data(f"lexicon/numbers-{name}.yaml")
    if not isinstance(data, dict):
        raise RuleError(f"numbers-{name}.yaml: expected a mapping of word lists")
    return data


def _entry(name: str, key: str) -> Any:
    try:
        return lexicon(name)[key]
    except KeyError:
        raise RuleError(f"numbers-{name}.yaml: no list {key!r}") from None


def words(name: str, key: str) -> frozenset[str]:
    """A word list, as a set to test membership."""
    return frozenset(_entry(name, key))


def ordered(name: str, key: str) -> tuple[str, ...]:
    """A word list in its written order."""
    return tuple(_entry(name, key))


def table(name: str, key: str) -> dict[str, Any]:
    """A mapping: word -> its unit, value or scale."""
    return dict(_entry(name, key))


def phrases(name: str, key: str) -> tuple[tuple[str, ...], ...]:
    """A list of phrases, each split into its tokens ("up to" -> ("up", "to"))."""
    return tuple(tuple(phrase.split()) for phrase in _entry(name, key))
