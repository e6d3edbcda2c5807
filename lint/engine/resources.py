"""Shared resources: the lexicons, the evidence registry and the citation settings.

A project declares each once, in `[tool.contentlint.resources]` (pyproject.toml) or
`[resources]` (.contentlint.toml); the packaged defaults stand for the rest. Each is
loaded once and the same object handed to every rule that needs it, so the rules
agree with each other (CL301's registry hint reads figures with the same subject
lexicon as CL501-CL503) and an analysis cached on a lexicon is shared too.

A rule receives a resource under an option key. Rules that still set that key
themselves (their YAML, or a `[rules.X]` table, deprecated for resources) keep
their own value.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..model.errors import ConfigError, RuleError
from ..model.suppress import matches_code

FORMS = ("link", "footnote", "reference", "author-year", "identifier")


@dataclass(frozen=True)
class Resource:
    name: str  # its key in the [resources] table
    option: str  # the option key rules receive it under
    default: Any  # "@file" values are relative to the packaged rules folder
    # Who receives it: the kinds named, else every kind that accepts one of these option keys.
    kinds: tuple[str, ...] = ()
    takers: tuple[str, ...] = ()
    is_file: bool = True


# Whoever reads the evidence registry reads figures with the fact lexicons: the
# registry's entries are written in their subject and measure ids.
_FACTS = ("subjects", "evidence")
RESOURCES = (
    Resource("subjects", "subjects", "@lexicon/subjects.yaml", takers=_FACTS),
    Resource("measures", "measures", "@lexicon/measures.yaml", takers=_FACTS),
    Resource("qualifiers", "qualifiers", "@lexicon/qualifiers.yaml", takers=_FACTS),
    Resource("evidence", "evidence", "@evidence.yaml", takers=("evidence",)),
    Resource("not-claims", "not-claims", "@lexicon/not-claims.yaml", takers=("not-claims",)),
    Resource("disclaimer", "lexicon", "@lexicon/disclaimer.yaml", kinds=("disclaimer",)),
    Resource("back-matter", "back-matter", "@lexicon/back-matter.yaml", kinds=("disclaimer",)),
    Resource(
        "citation-forms", "citation-forms", list(FORMS), takers=("citation-forms",), is_file=False
    ),
    Resource("own-domains", "own-domains", [], takers=("own-domains",), is_file=False),
    Resource(
        "citation-scope", "citation-scope", "sentence", takers=("citation-scope",), is_file=False
    ),
)
BY_NAME = {r.name: r for r in RESOURCES}


def _lexicon(name: str) -> Any:
    from ..analysis.facts.lexicon import default_lexicon_data

    return default_lexicon_data()[name]


def _evidence() -> Any:
    from ..analysis.evidence import builtin_data

    return builtin_data()


# Packaged data the analyses also read on their own (a figure read without rule options,
# `extends: builtin`): the same parse, so each file is read once.
PACKAGED = {
    "subjects": lambda: _lexicon("subjects"),
    "measures": lambda: _lexicon("measures"),
    "qualifiers": lambda: _lexicon("qualifiers"),
    "evidence": _evidence,
}


def receives(resource: Resource, kind_name: str, accepted: Mapping[str, Any]) -> bool:
    if resource.kinds:
        return kind_name in resource.kinds
    return any(key in accepted for key in resource.takers)


def resource_option(kind_name: str, accepted: Mapping[str, Any], key: str) -> str | None:
    """The resource a kind's option `key` is, if it is one."""
    for resource in RESOURCES:
        if resource.option == key and receives(resource, kind_name, accepted):
            return resource.name
    return None


def validate_table(value: Any, where: str) -> dict[str, Any]:
    """The [resources] table, checked when the config loads: known names, typed values."""
    if not isinstance(value, dict):
        raise ConfigError(
            f"{where}: 'resources' must be a table, e.g. subjects = \"@subjects.yaml\""
        )
    out: dict[str, Any] = {}
    for name, item in value.items():
        resource = BY_NAME.get(name)
        if resource is None:
            close = difflib.get_close_matches(name, list(BY_NAME), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(BY_NAME)})"
            raise ConfigError(f"{where}: resources: unknown resource '{name}'{hint}")
        problem = _problem(resource, item)
        if problem:
            raise ConfigError(f"{where}: resources.{name} {problem}, got {item!r}")
        out[name] = item
    return out


def _problem(resource: Resource, item: Any) -> str | None:
    if resource.is_file:
        if isinstance(item, str) and item.startswith("@") and len(item) > 1:
            return None
        if isinstance(item, (dict, list)):
            return None  # the data written inline
        return 'must be "@path/to/file.yaml" (relative to the config file) or a table'
    if resource.name == "citation-scope":
        return None if item in ("sentence", "paragraph") else "must be 'sentence' or 'paragraph'"
    if not isinstance(item, list) or not all(isinstance(v, str) for v in item):
        return "must be a list of strings"
    if resource.name == "citation-forms" and not set(item) <= set(FORMS):
        return f"must list only {', '.join(FORMS)}"
    return None


def load_values(table: Mapping[str, Any], root: Path, where: str) -> dict[str, Any]:
    """Every resource's value: the project's (files read relative to `root`) over the defaults."""
    from ..model.packs import builtin_pack_dir
    from .options import resolve_resource

    values: dict[str, Any] = {}
    for resource in RESOURCES:
        if resource.name not in table and resource.name in PACKAGED:
            values[resource.name] = PACKAGED[resource.name]()
            continue
        if resource.name in table:
            value, roots = table[resource.name], [root]
        else:
            value, roots = resource.default, [builtin_pack_dir()]
        try:
            values[resource.name] = resolve_resource(value, roots)
        except RuleError as err:
            raise ConfigError(f"{where}: resources.{resource.name}: {err}") from None
    return values


def share(registry: Any, values: Mapping[str, Any], where: str) -> Any:
    """A registry whose rules hold the shared resources (their own YAML values kept);
    `where` (the config file) is named when a resource does not suit a rule."""
    from .options import check_options

    rules = {}
    for code, rule in registry.rules.items():
        kind = registry.kinds[rule.check]
        extra = {
            r.option: values[r.name]
            for r in RESOURCES
            if r.name in values
            and r.option not in rule.given
            and receives(r, kind.name, kind.options)
        }
        if extra:
            rule = rule.with_options(extra)
            try:
                check_options(kind, rule.options, f"{where}: resources (as {rule.code} reads them)")
            except RuleError as err:
                raise ConfigError(str(err)) from None
        rules[code] = rule
    return replace(registry, rules=rules)


def deprecated_keys(
    tables: Mapping[str, Mapping[str, Any]], registry: Any, where: str, seen: set
) -> None:
    """Warn (stderr, once per file and key) about resources set in a [rules.X] table."""
    for selector, opts in tables.items():
        for key in opts:
            name = _resource_named(selector, key, registry.rules.values(), registry.kinds)
            if name is None or (where, selector, key) in seen:
                continue
            seen.add((where, selector, key))
            print(
                f"contentlint: warning: {where}: rules.{selector}.{key} is deprecated (it is "
                f"a shared resource): set it once as `{name} = ...` in the resources table "
                "([tool.contentlint.resources] or [resources]); the rule's own key will be "
                "removed in the next release",
                file=sys.stderr,
            )


def _resource_named(
    selector: str, key: str, rules: Sequence[Any] | Any, kinds: Mapping
) -> str | None:
    for rule in rules:
        if selector == rule.name or matches_code(selector, rule.code, rule.name):
            kind = kinds[rule.check]
            if key in kind.options:
                name = resource_option(kind.name, kind.options, key)
                if name is not None:
                    return name
    return None


_SHARED: dict[tuple, tuple[Any, Any]] = {}
_WARNED: set = set()


def for_project(registry: Any, settings: Any) -> Any:
    """The registry with the project's [resources] shared into its rules (cached per
    registry and table), after warning about resources still set per rule."""
    where = settings.source or "settings"
    deprecated_keys(settings.rules, registry, where, _WARNED)
    if not settings.resources:
        return registry
    key = (id(registry), settings.root, repr(sorted(settings.resources.items())))
    hit = _SHARED.get(key)
    if hit is None or hit[0] is not registry:
        if len(_SHARED) > 8:
            _SHARED.clear()
        shared = share(registry, load_values(settings.resources, Path(settings.root), where), where)
        hit = _SHARED[key] = (registry, shared)
    return hit[1]
