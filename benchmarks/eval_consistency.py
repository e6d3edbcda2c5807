"""Precision and recall of the consistency rules on the labelled sets.

    python benchmarks/eval_consistency.py [SET.yaml ...] [-v]

Without arguments it scores both labelled sets in tests/data/eval/ and their
union: consistency.yaml (conflicts and look-alikes from the rules' own
development) and consistency-mechanisms.yaml (written blind from
EDITORIAL-POLICY.md §6: pairs that must not conflict, one group per mechanism
(arms-, measure-, cohort-, table-, qualifier-), and true conflicts (true-)).

Within-article items run CL501 on one article; corpus items run CL502 over
their articles with the evidence registry switched off, so the majority rule
itself is measured. A within-article finding counts as correct when it flags
the labelled later figure and names the line of the labelled earlier one; a
corpus finding when it flags the labelled figure in the labelled file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "tests" / "data" / "eval" / "consistency.yaml"
MECHANISMS_SET = ROOT / "tests" / "data" / "eval" / "consistency-mechanisms.yaml"
DEFAULT_SETS = (DEFAULT_SET, MECHANISMS_SET)


def _norm(text: str) -> str:
    text = text.replace("–", "-").replace("—", "-").lower()
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.errors += other.errors


def _run(registry, rule, articles: dict[str, str]):
    from lint.engine.pipeline import analyse, finish

    results = [
        analyse(path, text.encode("utf-8"), [rule], registry) for path, text in articles.items()
    ]
    finish(results, [rule], registry, {})
    return results


def _lines_with(text: str, needle: str) -> set[int]:
    needle = _norm(needle)
    return {i for i, line in enumerate(text.split("\n"), 1) if needle in _norm(line)}


def score_within(item: dict, registry, rule) -> Score:
    score = Score()
    text = item["text"]
    (result,) = _run(registry, rule, {"item.md": text})
    findings = [f for f in result.findings if f.code == rule.code]
    expected = list(item.get("conflicts") or [])
    for finding in findings:
        named = re.search(r"at line (\d+)", finding.message)
        match = None
        for label in expected:
            flagged_ok = _norm(label["flagged"]) in _norm(finding.excerpt) or _norm(
                finding.excerpt
            ) in _norm(label["flagged"])
            other_ok = named is not None and int(named.group(1)) in _lines_with(
                text, label["other"]
            )
            if flagged_ok and other_ok:
                match = label
                break
        if match is not None:
            expected.remove(match)
            score.tp += 1
        else:
            score.fp += 1
            score.errors.append(
                f"{item['id']}: false conflict at line {finding.line}: {finding.message}"
            )
    for label in expected:
        score.fn += 1
        score.errors.append(f"{item['id']}: missed {label['flagged']!r} vs {label['other']!r}")
    return score


def score_corpus(item: dict, registry, rule) -> Score:
    score = Score()
    results = _run(registry, rule, dict(item["articles"]))
    expected = list(item.get("conflicts") or [])
    for result in results:
        for finding in (f for f in result.findings if f.code == rule.code):
            match = next(
                (
                    label
                    for label in expected
                    if label["file"] == result.path
                    and (
                        _norm(label["flagged"]) in _norm(finding.excerpt)
                        or _norm(finding.excerpt) in _norm(label["flagged"])
                    )
                ),
                None,
            )
            if match is not None:
                expected.remove(match)
                score.tp += 1
            else:
                score.fp += 1
                score.errors.append(
                    f"{item['id']}: false conflict in {result.path}:{finding.line}: {finding.message}"
                )
    for label in expected:
        score.fn += 1
        score.errors.append(f"{item['id']}: missed {label['flagged']!r} in {label['file']}")
    return score


def evaluate(items: Iterable[dict[str, Any]]) -> dict[str, Score]:
    from lint.engine.rules import load_registry

    registry = load_registry()
    within_rule = registry.rules["CL501"]
    corpus_rule = registry.rules["CL502"].with_options({"evidence": {}})
    scores = {"article": Score(), "corpus": Score()}
    for item in items:
        if item.get("scope") == "corpus":
            scores["corpus"].add(score_corpus(item, registry, corpus_rule))
        else:
            scores["article"].add(score_within(item, registry, within_rule))
    total = Score()
    for s in scores.values():
        total.add(s)
    scores["all"] = total
    return scores


def load_items(path: Path | None = None) -> list[dict[str, Any]]:
    return yaml.safe_load((path or DEFAULT_SET).read_text(encoding="utf-8"))


def _table(title: str, items: list, scores: dict[str, Score]) -> None:
    print(f"{title}: {len(items)} labelled items")
    print(f"  {'scope':8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    for name, s in scores.items():
        print(f"  {name:8} {s.tp:4d} {s.fp:4d} {s.fn:4d} {s.precision:10.3f} {s.recall:8.3f}")


def by_group(items: list[dict[str, Any]]) -> dict[str, Score]:
    """Scores per id prefix ("arms", "cohort", ...): which mechanism still fails."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(str(item["id"]).rsplit("-", 1)[0], []).append(item)
    return {name: evaluate(members)["all"] for name, members in sorted(groups.items())}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    paths = [Path(a) for a in argv if not a.startswith("-")] or list(DEFAULT_SETS)
    union: list[dict[str, Any]] = []
    errors: list[str] = []
    for path in paths:
        items = load_items(path)
        union += items
        scores = evaluate(items)
        _table(path.name, items, scores)
        errors += scores["all"].errors
        if path == MECHANISMS_SET or verbose:
            for name, s in by_group(items).items():
                print(f"    {name:10} tp {s.tp:3d} fp {s.fp:3d} fn {s.fn:3d}")
    if len(paths) > 1:
        _table("all sets", union, evaluate(union))
    if verbose:
        for line in errors:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
