"""The consistency rules meet their targets on the labelled set (tests/data/eval/consistency.yaml).

A false conflict is worse than a miss: precision >= 0.90, recall >= 0.80.
benchmarks/eval_consistency.py prints the same figures per scope.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scores():
    spec = importlib.util.spec_from_file_location("eval_consistency", ROOT / "benchmarks" / "eval_consistency.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.evaluate(module.load_items())


def test_the_labelled_set_has_both_scopes_and_both_answers():
    import yaml

    items = yaml.safe_load((ROOT / "tests" / "data" / "eval" / "consistency.yaml").read_text(encoding="utf-8"))
    scopes = {item["scope"] for item in items}
    assert scopes == {"article", "corpus"}
    assert any(item["conflicts"] for item in items) and any(not item["conflicts"] for item in items)


@pytest.mark.parametrize("scope", ["article", "corpus", "all"])
def test_precision_and_recall_targets(scores, scope):
    score = scores[scope]
    assert score.precision >= 0.90, score.errors
    assert score.recall >= 0.80, score.errors
