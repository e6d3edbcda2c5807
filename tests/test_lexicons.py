"""The lexicon files in rules/lexicon/ are well-formed data (rules/schema/lexicon.schema.json),
and the number grammar's lexicons hold strings only and are all read by the grammar."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from lint.analysis.numbers import vocab

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = sorted((ROOT / "rules" / "lexicon").glob("*.yaml"))
NUMBERS = [p for p in LEXICONS if p.name.startswith("numbers-")]
SCHEMA = json.loads((ROOT / "rules" / "schema" / "lexicon.schema.json").read_text("utf-8"))
NUMBERS_SCHEMA = {**SCHEMA, "anyOf": [{"$ref": "#/$defs/numbers"}]}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def _walk(value: Any, where: str = ""):
    """(where, key or item) for every mapping key and list item, depth first."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{where}.{key}", key
            yield from _walk(item, f"{where}.{key}")
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield f"{where}[{k}]", item
            yield from _walk(item, f"{where}[{k}]")


def test_the_numbers_lexicons_exist():
    assert {p.name for p in NUMBERS} >= {
        "numbers-cues.yaml",
        "numbers-exclusions.yaml",
        "numbers-nouns.yaml",
        "numbers-units.yaml",
        "numbers-words.yaml",
    }


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, id=p.name) for p in LEXICONS],
)
def test_every_lexicon_matches_the_schema(path):
    data = _load(path)
    for where, key in _walk(data):
        if where.endswith("]"):
            continue
        assert isinstance(key, str), f"{path.name}{where}: a key that is not a string"
    jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize("path", NUMBERS, ids=lambda p: p.name)
def test_every_entry_of_the_numbers_lexicons_is_a_string(path):
    """A bare yes/no/on/off (or y/n to some readers) is a boolean in YAML 1.1: quote it."""
    data = _load(path)
    jsonschema.validate(data, NUMBERS_SCHEMA)
    for where, entry in _walk(data):
        if not isinstance(entry, (dict, list)):
            assert isinstance(entry, str), f"{path.name}{where}: {entry!r} is not a word"
            assert entry and entry == entry.strip(), f"{path.name}{where}: {entry!r}"
    for key, table in data.items():  # a table's values: a unit, a number or phrases
        for word, value in table.items() if isinstance(table, dict) else ():
            assert not isinstance(value, bool), f"{path.name}.{key}.{word}: {value!r}"


@pytest.mark.parametrize("path", NUMBERS, ids=lambda p: p.name)
def test_the_numbers_lexicons_quote_yaml_booleans(path):
    """Even where PyYAML would read a word as a string (y, n), a YAML 1.1 reader would not."""
    boolish = re.compile(r"(?<![\w\"'-])(?:y|n|yes|no|on|off|true|false)(?![\w\"'-])", re.I)
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        assert not boolish.search(line), f"{path.name}:{number}: quote {line.strip()!r}"


def test_every_numbers_list_is_read_by_the_grammar():
    """A list no code reads is dead vocabulary: each key appears in lint/analysis/numbers/."""
    source = "\n".join(
        p.read_text("utf-8") for p in (ROOT / "lint" / "analysis" / "numbers").glob("*.py")
    )
    for path in NUMBERS:
        name = path.stem.removeprefix("numbers-")
        for key in _load(path):
            assert f'"{key}"' in source or f"'{key}'" in source, f"{path.name}: {key} is unread"
            assert vocab.lexicon(name)[key] is not None


def test_the_vocabulary_is_read_once():
    assert vocab.lexicon("cues") is vocab.lexicon("cues")
    assert vocab.words("cues", "effect-cues") == frozenset(vocab.lexicon("cues")["effect-cues"])


def test_a_missing_list_is_named():
    from lint.model.errors import RuleError

    with pytest.raises(RuleError, match="no-such-list"):
        vocab.words("cues", "no-such-list")
