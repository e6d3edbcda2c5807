"""Examples are tests: every bad example gives exactly its finding, every good one none."""

import pytest

from lint.engine.examples import expected_count, run_example
from lint.engine.rules import load_registry

REGISTRY = load_registry()
RULES = REGISTRY.sorted_rules()


def _cases(kind):
    for rule in RULES:
        for i, example in enumerate(rule.examples.get(kind, []), 1):
            yield pytest.param(rule, example, id=f"{rule.code}-{kind}-{i}")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_examples(rule):
    assert rule.examples["bad"], f"{rule.code} has no bad example"
    assert rule.examples["good"], f"{rule.code} has no good example"


@pytest.mark.parametrize("rule,example", list(_cases("bad")))
def test_bad_example_is_flagged(rule, example):
    findings = run_example(REGISTRY, rule, example)
    assert len(findings) == expected_count(example), [f.message for f in findings]
    assert all(f.code == rule.code for f in findings)


@pytest.mark.parametrize("rule,example", list(_cases("good")))
def test_good_example_is_clean(rule, example):
    findings = run_example(REGISTRY, rule, example)
    assert findings == [], [f"{f.line}:{f.column} {f.message}" for f in findings]
