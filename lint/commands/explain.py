"""`contentlint explain CODE`: a rule's docs in ruff's four sections, with examples."""

from __future__ import annotations

import json

from ..engine.rules import Rule

SECTIONS = (
    ("what", "What it checks"),
    ("why", "Why it matters"),
    ("example", "Example"),
    ("instead", "Use instead"),
)


def _example_text(example) -> str:
    if not isinstance(example, dict):
        return str(example)
    if "base64" in example:
        return f"(bytes, base64: {example['base64']})"
    return str(example.get("text", ""))


def render(rule: Rule) -> str:
    lines = [
        f"{rule.code} {rule.name}",
        "",
        f"Category: {rule.category}    Default severity: {rule.severity}    "
        f"Fixable: {'yes' if rule.fixable else 'no'}    Check kind: {rule.check}",
        "",
    ]
    for key, title in SECTIONS:
        lines += [f"## {title}", "", str(rule.docs.get(key, "")).rstrip(), ""]
    if rule.options:
        lines += ["## Options (defaults)", ""]
        for key, value in rule.options.items():
            shown = json.dumps(value, default=str)
            lines.append(f"- {key} = {shown if len(shown) <= 100 else shown[:97] + '...'}")
        lines.append("")
    for label, key in (("Flagged", "bad"), ("Not flagged", "good")):
        for i, example in enumerate(rule.examples.get(key, []), 1):
            lines += [
                f"## {label} example {i}",
                "",
                "```markdown",
                _example_text(example).rstrip(),
                "```",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"
