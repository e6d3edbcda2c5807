"""Issue 9: figures that are claims but read as labels, and figures that are not claims.

Every sentence here is invented for the test."""

import pytest

from lint.engine import analyse, finish
from lint.rules import load_registry

REGISTRY = load_registry()


def flagged(text: str, code: str = "CL301") -> list[str]:
    rules = [REGISTRY.rules[code]]
    result = analyse("a.md", text.encode("utf-8"), rules, REGISTRY)
    finish([result], rules, REGISTRY, {})
    lines = text.split("\n")
    return [lines[f.line - 1][f.column - 1:f.end_column] for f in result.findings if f.code == code]


@pytest.mark.parametrize("body,figure", [
    ("**Days 2-5**: most people notice less stiffness.", "Days 2-5"),
    ("- Month 4: First visible regrowth", "Month 4"),
    ("- **Weeks 3-6:** Cravings fade, sleep improves", "Weeks 3-6"),
    ("**Beyond 10 Days:**\n\n- Mood keeps improving", "Beyond 10 Days"),
    ("Joint pain peaks on days 3-4 after the first dose.", "days 3-4"),
    ("By week 10, most people feel normal again.", "By week 10"),
])
def test_onset_timelines_are_timing_claims(body, figure):
    assert figure in " ".join(flagged(f"# T\n\n{body}\n"))


@pytest.mark.parametrize("body", [
    "- Week 2-3: Acute Series",
    "- Week 1: Assessment and Planning",
    "Plan a quiet weekend for days 2-3 after the dose.",
    "If you're at week 5 and still sore, call us.",
])
def test_plans_phases_and_advice_are_not(body):
    assert flagged(f"# T\n\n{body}\n") == []
