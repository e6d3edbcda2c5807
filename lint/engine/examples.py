"""Running a rule's own examples: the meta-test and `explain` share this."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from ..model.finding import Finding
from .pipeline import analyse, finish
from .rules import Registry, Rule


def example_fields(example: Any) -> Mapping[str, Any]:
    return example if isinstance(example, dict) else {"text": str(example)}


def example_bytes(example: Mapping[str, Any]) -> bytes:
    if "base64" in example:
        return base64.b64decode(example["base64"])
    return str(example.get("text", "")).encode("utf-8")


def run_example(registry: Registry, rule: Rule, example: Any) -> list[Finding]:
    """Findings of `rule` alone (plus any rules the example names in `also`)."""
    fields = example_fields(example)
    under_test = rule.with_options(fields.get("options", {}))
    rules = [under_test] + [registry.rules[c] for c in fields.get("also", [])]
    path = fields.get("path", "example.md")
    results = [analyse(path, example_bytes(fields), rules, registry)]
    for other_path, text in (fields.get("articles") or {}).items():
        results.append(analyse(other_path, str(text).encode("utf-8"), rules, registry))
    finish(results, rules, registry, {})
    return sorted(f for f in results[0].findings if f.code == rule.code)


def expected_count(example: Any) -> int:
    return int(example_fields(example).get("count", 1))
