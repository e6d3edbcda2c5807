"""Precision and recall of CL301 and CL401/CL402 on the labelled set (tests/data/eval/claims.yaml).

The script benchmarks/eval_claims.py prints the full report; this test holds the
targets of the numeric-claims issue.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "eval" / "claims.yaml"


def _evaluator():
    spec = importlib.util.spec_from_file_location(
        "eval_claims", ROOT / "benchmarks" / "eval_claims.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_claims", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report():
    if not DATA.is_file():
        pytest.skip("the labelled set is not in this checkout")
    module = _evaluator()
    return module.evaluate(module.load_items([DATA]))


def test_numeric_claim_targets(report):
    tally = report.categories["numeric-claim"]
    assert tally.precision >= 0.95, report.false_alarms
    assert tally.recall >= 0.90, report.misses


def test_attribution_targets(report):
    tally = report.categories["attribution"]
    assert tally.precision >= 0.90, report.false_alarms
    assert tally.recall >= 0.85, report.misses


def test_every_label_occurs_in_its_text():
    module = _evaluator()
    for item in module.load_items([DATA]):
        for label in item.get("claims") or []:
            assert module._occurrences(item["text"], label["span"]), (item["id"], label)
        for label in (item.get("attributions") or []) + (item.get("ambiguous") or []):
            assert module._occurrences(item["text"], label), (item["id"], label)
