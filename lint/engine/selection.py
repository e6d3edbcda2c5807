"""Which rules run, with which options and severities: ruff's select/ignore, fail closed.

A typo in select/ignore, an unknown option or a badly typed value is a config
error (exit 2) naming the closest code, never a run that silently checks less."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model.errors import ConfigError, RuleError
from ..model.suppress import matches_code
from .config import Settings
from .resources import for_project
from .rules import Registry, Rule, check_options, resolve_resource


def _specificity(selectors: Sequence[str], rule: Rule) -> int:
    best = -1
    for sel in selectors:
        if sel == rule.name:
            best = max(best, 99)
        elif matches_code(sel, rule.code, rule.name):
            best = max(best, len(sel))
    return best


def select_rules(registry: Registry, settings: Settings) -> list[Rule]:
    """ruff's rule: the most specific of select/ignore wins; options and severities applied."""
    registry = for_project(registry, settings)  # the project's [resources] (issue 13)
    check_selectors(registry, settings)
    _check_option_tables(registry, settings)
    chosen = []
    for rule in registry.sorted_rules():
        wanted = _specificity(list(settings.select) + list(settings.extend_select), rule)
        dropped = _specificity(settings.ignore, rule)
        if wanted < 0 or dropped >= wanted:
            continue
        overrides = _option_overrides(registry, settings, rule)
        overrides = _with_citation_components(registry, settings, rule, overrides)
        if overrides:
            try:
                roots = [Path(settings.root)]
                rule = rule.with_options(
                    {k: resolve_resource(v, roots) for k, v in overrides.items()}
                )
            except RuleError as err:
                raise ConfigError(f"{settings.source}: rules.{rule.code}: {err}") from None
            try:
                check_options(
                    registry.kinds[rule.check],
                    rule.options,
                    f"{settings.source}: rules.{rule.code}",
                )
            except RuleError as err:
                raise ConfigError(str(err)) from None
        sev = _severity_override(settings.severity, rule)
        if sev:
            rule = replace(rule, severity=sev, severity_forced=True)
        chosen.append(rule)
    return chosen


def unknown_selector(registry: Registry, selector: str) -> str | None:
    """None when `selector` (a code prefix or a rule name) names at least one rule;
    otherwise the error text, with the closest code or name."""
    import difflib

    key = selector.strip()
    if registry.find(key) is not None or (
        key and any(c.startswith(key.upper()) for c in registry.rules)
    ):
        return None
    if key.upper() in ("ALL",):
        return None
    names = list(registry.rules) + [r.name for r in registry.rules.values()]
    close = difflib.get_close_matches(
        key.upper() if key[:1].isalpha() and key[:2].upper() == key[:2] else key,
        names,
        n=1,
        cutoff=0.5,
    )
    hint = f" (did you mean {close[0]!r}?)" if close else "; `contentlint rules` lists them"
    return f"{selector!r} matches no rule{hint}"


def check_selectors(registry: Registry, settings: Settings) -> None:
    """Fail closed: a typo in select/ignore (CL30l) would otherwise run nothing and pass."""
    where = settings.source or "settings"
    groups = [
        ("select", settings.select),
        ("extend-select", settings.extend_select),
        ("ignore", settings.ignore),
        ("severity", tuple(settings.severity)),
        ("rules", tuple(settings.rules)),
    ]
    groups += [
        (f"per-file-ignores.{glob!r}", tuple(codes))
        for glob, codes in settings.per_file_ignores.items()
    ]
    problems = [
        f"{group}: {problem}"
        for group, selectors in groups
        for sel in selectors
        if (problem := unknown_selector(registry, sel))
    ]
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))


def _tables_for(
    registry: Registry, settings: Settings, rule: Rule
) -> list[tuple[int, str, Mapping[str, Any]]]:
    """The [rules.X] tables that speak about `rule`, least specific first."""
    tables = [(_specificity([key], rule), key, opts) for key, opts in settings.rules.items()]
    return sorted((t for t in tables if t[0] >= 0), key=lambda t: t[0])


def _option_overrides(registry: Registry, settings: Settings, rule: Rule) -> dict:
    """A table for a code prefix ([rules.CL2]) sets the options each of its rules
    accepts; a table for one rule (code or name) must only name its options.
    The more specific table wins."""
    accepted = set(registry.kinds[rule.check].options)
    merged: dict = {}
    for _, key, opts in _tables_for(registry, settings, rule):
        exact = registry.find(key) is rule
        merged.update({k: v for k, v in opts.items() if exact or k in accepted})
    return merged


def _with_citation_components(
    registry: Registry, settings: Settings, rule: Rule, overrides: dict
) -> dict:
    """The top-level `citation-components` reach every rule that reads citations; a rule's own
    table may still set them. Either way they are checked here (exit 2 naming the key)."""
    from ..analysis.components import ComponentError, validate_components

    if "citation-components" not in registry.kinds[rule.check].options:
        return overrides
    if "citation-components" in overrides:
        try:
            value = validate_components(
                overrides["citation-components"], f"rules.{rule.code}.citation-components"
            )
        except ComponentError as err:
            raise ConfigError(f"{settings.source or 'settings'}: {err}") from None
        return {**overrides, "citation-components": [list(c) for c in value]}
    if settings.citation_components:
        return {**overrides, "citation-components": [list(c) for c in settings.citation_components]}
    return overrides


def _check_option_tables(registry: Registry, settings: Settings) -> None:
    where = settings.source or "settings"
    for key, opts in settings.rules.items():
        rules = [r for r in registry.rules.values() if _specificity([key], r) >= 0]
        accepted = (
            set().union(*(registry.kinds[r.check].options for r in rules)) if rules else set()
        )
        unknown = set(opts) - accepted
        if unknown:
            raise ConfigError(
                f"{where}: rules.{key}: unknown option(s) {', '.join(sorted(unknown))} "
                f"(accepted: {', '.join(sorted(accepted)) or 'none'})"
            )


def _severity_override(table, rule: Rule) -> str | None:
    best, value = -1, None
    for key, sev in table.items():
        spec = _specificity([key], rule)
        if spec > best:
            best, value = spec, sev
    return value
