"""Precision and recall of the numeric-claim and attribution rules on a labelled set.

    python benchmarks/eval_claims.py [PATH.yaml ...] [--show fp,fn] [--rules CL301,CL401,CL402]

Each item of a labelled set is {id, text, claims: [{span, kind}], attributions:
[str], ambiguous: [str]}. The item's text is linted as an article with the
rules of the numeric-claim category (scored against `claims`) and of the
attribution category (scored against `attributions`). A finding matches a label
when their spans overlap; a finding that overlaps only an ambiguous span counts
neither way. Prints precision and recall per category, per rule and per kind.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.engine.pipeline import analyse, finish  # noqa: E402
from lint.engine.rules import load_registry  # noqa: E402

DEFAULT_SET = ROOT / "tests" / "data" / "eval" / "claims.yaml"
CATEGORIES = {"numeric-claim": "claims", "attribution": "attributions"}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    hit: int = 0  # labels found (recall numerator)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        total = self.hit + self.fn
        return self.hit / total if total else 1.0


@dataclass
class Report:
    categories: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    rules: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kinds: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    items: int = 0


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    needle = needle.strip()
    if not needle:
        return spans
    while True:
        pos = text.find(needle, start)
        if pos < 0:
            break
        spans.append((pos, pos + len(needle)))
        start = pos + 1
    if not spans:  # labels are written without Markdown emphasis
        plain = text.replace("**", "").replace("__", "")
        if needle in plain:
            raise ValueError(f"label {needle!r} only matches once Markdown emphasis is removed")
        raise ValueError(f"label {needle!r} does not occur in the text")
    return spans


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _offsets(finding, text: str) -> tuple[int, int]:
    """Character offsets of a finding (1-based line/column, inclusive end column)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: finding.line - 1]) + finding.column - 1
    end = sum(len(line) + 1 for line in lines[: finding.end_line - 1]) + finding.end_column
    return start, max(end, start + 1)


def load_items(paths: Iterable[Path]) -> list[dict]:
    items: list[dict] = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
        items.extend(data)
    return items


def evaluate(items: list[dict], codes: set[str] | None = None, registry=None) -> Report:
    registry = registry or load_registry()
    rules = [
        r
        for r in registry.sorted_rules()
        if r.category in CATEGORIES and (codes is None or r.code in codes)
    ]
    report = Report()
    for item in items:
        report.items += 1
        text = str(item.get("text", ""))
        result = analyse(f"{item.get('id', 'item')}.md", text.encode("utf-8"), rules, registry)
        finish([result], rules, registry, {})
        kinds = _mention_kinds(text)
        ambiguous = [s for a in item.get("ambiguous") or [] for s in _occurrences(text, str(a))]
        for category, key in CATEGORIES.items():
            labels = []
            for label in item.get(key) or []:
                span, kind = (
                    (label.get("span"), label.get("kind", ""))
                    if isinstance(label, dict)
                    else (label, "")
                )
                labels.append(
                    (str(span), str(kind).replace("_", "-"), _occurrences(text, str(span)))
                )
            found = [(f, _offsets(f, text)) for f in result.findings if f.category == category]
            tally = report.categories[category]
            for finding, span in found:
                matched = [lab for lab in labels if _overlaps(span, lab[2])]
                rule_tally = report.rules[finding.code]
                kind = kinds.get(span[0], "") if finding.category == "numeric-claim" else ""
                if matched:
                    tally.tp += 1
                    rule_tally.tp += 1
                    report.kinds[matched[0][1] or category].tp += 1
                elif _overlaps(span, ambiguous):
                    continue
                else:
                    tally.fp += 1
                    rule_tally.fp += 1
                    report.kinds[kind or category].fp += 1
                    report.false_alarms.append(
                        f"{item.get('id')}: {finding.code} {text[span[0] : span[1]]!r} "
                        f"-- {finding.message}"
                    )
            # Policy 5: a figure inside an uncited named study ("A 2019 review of 24 trials found") is
            # one defect, reported once by the attribution rule, so that finding meets the label.
            superseding = [
                (f, _offsets(f, text)) for f in result.findings if f.category == "attribution"
            ]
            for span_text, kind, occurrences in labels:
                candidates = found + superseding if category == "numeric-claim" else found
                hit = [f for f, span in candidates if _overlaps(span, occurrences)]
                target = report.kinds[kind or category]
                if hit:
                    tally.hit += 1
                    target.hit += 1
                    for f in {f.code for f in hit}:
                        report.rules[f].hit += 1
                else:
                    tally.fn += 1
                    target.fn += 1
                    report.misses.append(f"{item.get('id')}: {category} {kind or ''} {span_text!r}")
    return report


def _mention_kinds(text: str) -> dict[int, str]:
    """The grammar's kind for each mention start, to break false alarms down by kind."""
    from lint.analysis.numbers import extract_mentions
    from lint.model.article import parse_article

    return {m.start: m.kind for m in extract_mentions(parse_article("item.md", text))}


def print_report(report: Report, show: set[str], out=sys.stdout) -> None:
    print(f"{report.items} labelled items", file=out)
    print(f"{'':24}{'precision':>10}{'recall':>9}{'tp':>6}{'fp':>5}{'fn':>5}", file=out)
    for name, tally in sorted(report.categories.items()):
        print(
            f"{name:24}{tally.precision:10.3f}{tally.recall:9.3f}{tally.tp:6}{tally.fp:5}{tally.fn:5}",
            file=out,
        )
    print("per rule (recall: labels of its category it found)", file=out)
    for name, tally in sorted(report.rules.items()):
        print(
            f"  {name:22}{tally.precision:10.3f}{'':9}{tally.tp:6}{tally.fp:5}{'':5}  found {tally.hit}",
            file=out,
        )
    print("per labelled kind", file=out)
    for name, tally in sorted(report.kinds.items()):
        print(
            f"  {name:22}{tally.precision:10.3f}{tally.recall:9.3f}{tally.tp:6}{tally.fp:5}{tally.fn:5}",
            file=out,
        )
    if "fp" in show:
        print("\nfalse alarms:", file=out)
        for line in report.false_alarms:
            print("  " + line, file=out)
    if "fn" in show:
        print("\nmisses:", file=out)
        for line in report.misses:
            print("  " + line, file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_SET])
    parser.add_argument("--show", default="", help="fp,fn: list false alarms and/or misses")
    parser.add_argument("--rules", default="", help="only these rule codes (comma-separated)")
    args = parser.parse_args(argv)
    codes = {c.strip().upper() for c in args.rules.split(",") if c.strip()} or None
    report = evaluate(load_items(args.paths), codes)
    print_report(report, {s.strip() for s in args.show.split(",") if s.strip()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
