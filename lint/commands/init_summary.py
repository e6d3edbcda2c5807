"""What `contentlint init` tells the writer: the plan in a few lines, and what a first
`contentlint check` with the new config reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from .init_infer import Plan


def describe_plan(plan: Plan, folder: str) -> list[str]:
    lines = [
        f"contentlint init: {plan.articles} article(s) under {folder}, "
        f"{plan.with_frontmatter} with frontmatter"
        + (f", {len(plan.unreadable)} unreadable (skipped)" if plan.unreadable else "")
    ]
    if plan.preset:
        lines.append(f"  preset: {plan.preset}")
    if not plan.stats:
        lines.append("  no frontmatter keys: nothing is required")
    lines += _keys(plan)
    lines += _vocabularies(plan)
    for code in sorted(plan.rules):
        if code != "CL110":
            lines.append(
                f"  {code}: " + ", ".join(f"{k} = {v!r}" for k, v in plan.rules[code].items())
            )
    lines += [f"  note: {note}" for note in plan.notes]
    lines += [f"  unreadable: {item}" for item in plan.unreadable]
    return lines


def _keys(plan: Plan) -> list[str]:
    """Required and optional keys with how many articles fill them, and their types."""
    lines = []
    n = max(plan.articles, 1)
    if plan.required:
        lines.append(
            "  required: "
            + ", ".join(
                f"{k} ({plan.stats[k].present}/{n})" if k in plan.stats else k
                for k in plan.required
            )
        )
    optional = [k for k in plan.stats if k not in plan.required]
    if optional:
        lines.append(
            "  optional: " + ", ".join(f"{k} ({plan.stats[k].present}/{n})" for k in optional)
        )
    props = plan.schema["properties"]
    typed = [f"{k}: {_type_words(props.get(k, {}))}" for k in plan.stats if props.get(k)]
    if typed:
        lines.append("  types: " + "; ".join(typed))
    return lines


def _vocabularies(plan: Plan) -> list[str]:
    props = plan.schema["properties"]
    vocab: list[tuple[str, list[Any]]] = []
    for k in plan.stats:
        values = props.get(k) and (
            props[k].get("enum") or (props[k].get("items") or {}).get("enum")
        )
        if values:
            vocab.append((k, values))
    if "CL110" in plan.rules:
        vocab.append(("category (CL110)", plan.rules["CL110"]["vocabulary"]))
    lines = []
    for key, values in vocab:
        shown = ", ".join(map(str, values[:8])) + (", …" if len(values) > 8 else "")
        lines.append(f"  vocabulary of {key}: {shown}")
    return lines


def _type_words(prop: Mapping[str, Any]) -> str:
    kind = prop.get("type", "any")
    words = "/".join(kind) if isinstance(kind, list) else str(kind)
    if prop.get("description", "").startswith("a date"):
        words = prop["description"]
    if kind == "array" and isinstance(prop.get("items"), dict) and "type" in prop["items"]:
        words += f" of {prop['items']['type']}"
    return words


def first_run_summary(run: Any) -> list[str]:
    """What `check` reports with the new config: counts per rule, verdicts, metadata blocks."""
    from ..model.finding import at_least
    from ..model.verdicts import BLOCKED

    counts = Counter((f.code, f.name, f.severity) for f in run.findings)
    lines = ["", "A first `contentlint check` with this config reports:"]
    for (code, name, severity), count in sorted(counts.items()):
        lines.append(f"  {count:5d}  {code} {name} ({severity})")
    if not counts:
        lines.append("  nothing")
    blocked = [r for r in run.results if run.verdicts.get(r.path) == BLOCKED]
    fail_on = run.settings.fail_on

    def metadata_codes(result: Any) -> list[str]:
        """The metadata rules that block this article."""
        return sorted(
            {
                f.code
                for f in result.findings
                if f.category == "metadata" and at_least(f.severity, fail_on)
            }
        )

    meta = [r for r in blocked if metadata_codes(r)]
    lines.append(
        f"  {len(run.results)} article(s): {len(blocked)} blocked, {len(meta)} of them for metadata"
    )
    stale = 0
    for result in meta:
        codes = metadata_codes(result)
        lines.append(f"    {result.path}: {', '.join(codes)}")
        stale += codes == ["CL114"]
    if stale:
        lines.append(
            f"  {stale} of them only because their newest date is older than CL114 allows (health "
            "content is reviewed regularly); set error-months in [rules.CL114] if your policy differs"
        )
    return lines
