"""The explicit registry: unique codes, validated rule files, outside packs and kinds."""

import pytest

from lint.engine import rules as rules_module
from lint.engine.rules import load_registry
from lint.model.check_kind import CheckKind
from lint.model.errors import RuleError
from lint.model.finding import Hit

RULE = """code: {code}
name: {name}
category: artifact
severity: warning
check: {check}
message: "Found {{match}}"
options:
  tokens: ["acme"]
docs: {{what: w, why: y, example: e, instead: i}}
examples:
  bad: ["acme"]
  good: ["fine"]
"""


def pack(tmp_path, code="XY101", name="acme-mention", check="phrases"):
    directory = tmp_path / "pack"
    directory.mkdir(exist_ok=True)
    (directory / f"{code}.yaml").write_text(RULE.format(code=code, name=name, check=check))
    return directory


class FakeEntryPoint:
    def __init__(self, name, value):
        self.name, self._value = name, value

    def load(self):
        return self._value


def test_extra_pack_directory_adds_rules(tmp_path):
    registry = load_registry([pack(tmp_path)])
    assert registry.rules["XY101"].options["tokens"] == ["acme"]


def test_duplicate_code_is_rejected_at_load(tmp_path):
    with pytest.raises(RuleError, match="CL101 is already defined"):
        load_registry([pack(tmp_path, code="CL101", name="other-name")])


def test_unknown_check_kind_is_rejected(tmp_path):
    with pytest.raises(RuleError, match="unknown check kind"):
        load_registry([pack(tmp_path, check="nope")])


def test_packs_and_kinds_from_entry_points(tmp_path, monkeypatch):
    def shout(article, options):
        yield Hit(0, 1, {"match": "!"})

    kind = CheckKind(name="shout", options={"tokens": []}, run=shout)
    directory = pack(tmp_path, check="shout")

    def fake(group):
        return {
            "contentlint.checks": [FakeEntryPoint("shout", kind)],
            "contentlint.packs": [FakeEntryPoint("acme", lambda: str(directory))],
        }.get(group, [])

    monkeypatch.setattr(rules_module, "_entry_points", fake)
    registry = load_registry()
    assert registry.rules["XY101"].check == "shout"


def test_builtin_codes_are_well_formed():
    registry = load_registry()
    names = [r.name for r in registry.rules.values()]
    assert len(names) == len(set(names))
    for rule in registry.rules.values():
        assert rule.source.endswith(f"{rule.code}-{rule.name}.yaml"), rule.source
