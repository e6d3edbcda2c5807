"""Rules as data: loading rule packs and the explicit registry of codes.

A rule is one YAML file: its code, name, category, severity, message, the
check kind it configures, that kind's options, its docs and its examples. A
check kind is generic Python; rules are configured instances of it. A kind may
report several codes (its `emits`): each of its rules names its message.
Shared resources (lint/engine/resources.py) are put into the rules' options last.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from ..model.check_kind import CheckKind
from ..model.errors import RuleError
from ..model.finding import CATEGORIES, SEVERITIES
from ..model.packs import SEEN, builtin_pack_dir
from .options import (  # noqa: F401  (re-exported: the runner and presets import them here)
    CHOICES,
    check_options,
    load_shared,
    option_problem,
    resolve_resource,
)

CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOC_SECTIONS = ("what", "why", "example", "instead")
RULE_KEYS = {
    "code",
    "name",
    "category",
    "severity",
    "check",
    "message",
    "options",
    "docs",
    "examples",
    "fixable",
    "supersedes",
    "emits",
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    check: str
    message: str
    options: Mapping[str, Any]
    docs: Mapping[str, str]
    examples: Mapping[str, list]
    fixable: bool = False
    source: str = ""
    # Set by a config severity override: it then beats the severity a check
    # picks per finding (e.g. per claim kind), because the user asked for it.
    severity_forced: bool = False
    # Codes, code prefixes, names or categories of rules whose findings on the same
    # words this rule's finding replaces: one defect, one finding (an uncited named
    # study is one attribution finding, not also a numeric claim on its year).
    supersedes: tuple[str, ...] = ()
    # Which of its kind's messages this rule reports, for a kind with several (CL202 is the
    # disclaimer kind's `partial`); "" for a kind with one.
    emits: str = ""
    # The option keys its YAML sets itself: shared resources do not replace those.
    given: tuple[str, ...] = ()

    def replaces(self, other: Rule) -> bool:
        """Whether a finding of this rule hides one of `other` on overlapping words."""
        return other.code != self.code and any(
            key in (other.category, other.name) or other.code.startswith(key)
            for key in self.supersedes
        )

    def with_options(self, overrides: Mapping[str, Any]) -> Rule:
        merged = dict(self.options)
        merged.update(overrides)
        return replace(self, options=merged)


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    kinds: dict[str, CheckKind] = field(default_factory=dict)

    def add_rule(self, rule: Rule) -> None:
        if rule.code in self.rules:
            raise RuleError(
                f"{rule.source}: rule code {rule.code} is already defined in "
                f"{self.rules[rule.code].source}"
            )
        for other in self.rules.values():
            if other.name == rule.name:
                raise RuleError(
                    f"{rule.source}: rule name {rule.name!r} is already used by {other.code}"
                )
        self.rules[rule.code] = rule

    def find(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        for rule in self.rules.values():
            if rule.name == key:
                return rule
        return None

    def sorted_rules(self) -> list[Rule]:
        return [self.rules[c] for c in sorted(self.rules)]

    def fingerprint(self) -> str:
        import hashlib

        blob = json.dumps(
            [
                [r.code, r.severity, r.message, _jsonable(r.options), list(r.supersedes)]
                for r in self.sorted_rules()
            ],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    return value


def load_rule_file(path: Path, kinds: Mapping[str, CheckKind], roots: Iterable[Path]) -> Rule:
    data = load_shared(path)
    where = str(path)
    _check_shape(data, where)
    kind = kinds.get(data["check"])
    if kind is None:
        raise RuleError(
            f"{where}: unknown check kind {data['check']!r} (known: {', '.join(sorted(kinds))})"
        )
    emits = _emits(data, kind, where)
    given = data.get("options") or {}
    bad = set(given) - set(kind.options)
    if bad:
        raise RuleError(
            f"{where}: option(s) {', '.join(sorted(bad))} not accepted by check kind "
            f"{kind.name!r} (accepted: {', '.join(sorted(kind.options)) or 'none'})"
        )
    options = dict(kind.options)
    search = [path.parent, *roots]
    for key, value in given.items():
        options[key] = resolve_resource(value, search)
    check_options(kind, options, where)
    examples = data.get("examples") or {}
    docs = data["docs"]
    return Rule(
        code=str(data["code"]),
        name=str(data["name"]),
        category=data["category"],
        severity=data["severity"],
        check=kind.name,
        message=str(data["message"]),
        options=options,
        docs={k: str(v) for k, v in docs.items()},
        examples={"bad": list(examples.get("bad") or []), "good": list(examples.get("good") or [])},
        # A kind's fix belongs to one of its messages, which says so in its YAML.
        fixable=bool(data.get("fixable", kind.fixable and not kind.emits)),
        source=where,
        supersedes=_supersedes(data, where),
        emits=emits,
        given=tuple(sorted(given)),
    )


def _check_shape(data: Any, where: str) -> None:
    """The keys, code, name, category, severity and docs of a rule file."""
    if not isinstance(data, dict):
        raise RuleError(f"{where}: a rule file must be a mapping")
    unknown = set(data) - RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("code", "name", "category", "severity", "check", "message", "docs"):
        if key not in data:
            raise RuleError(f"{where}: missing required key {key!r}")
    code, name = str(data["code"]), str(data["name"])
    if not CODE.match(code):
        raise RuleError(f"{where}: code {code!r} must look like CL101")
    if not NAME.match(name):
        raise RuleError(f"{where}: name {name!r} must be kebab-case")
    if data["category"] not in CATEGORIES:
        raise RuleError(
            f"{where}: category {data['category']!r} is not one of {', '.join(CATEGORIES)}"
        )
    if data["severity"] not in SEVERITIES:
        raise RuleError(
            f"{where}: severity {data['severity']!r} is not one of {', '.join(SEVERITIES)}"
        )
    docs = data["docs"] or {}
    if not isinstance(docs, dict):
        raise RuleError(f"{where}: docs must be a mapping of sections")
    missing = [s for s in DOC_SECTIONS if not str(docs.get(s, "")).strip()]
    if missing:
        raise RuleError(f"{where}: docs lack section(s) {', '.join(missing)}")


def _emits(data: Mapping[str, Any], kind: CheckKind, where: str) -> str:
    """Which of its kind's messages a rule is: required when the kind has several, else absent."""
    emits = data.get("emits")
    if not kind.emits:
        if emits is not None:
            raise RuleError(
                f"{where}: check kind {kind.name!r} reports one message; drop 'emits: {emits}'"
            )
        return ""
    if emits not in kind.emits:
        raise RuleError(
            f"{where}: check kind {kind.name!r} needs 'emits' set to one of "
            f"{', '.join(kind.emits)}, got {emits!r}"
        )
    return str(emits)


def _supersedes(data: Mapping[str, Any], where: str) -> tuple[str, ...]:
    supersedes = data.get("supersedes") or []
    if not isinstance(supersedes, list) or not all(
        isinstance(k, str) and k.strip() for k in supersedes
    ):
        raise RuleError(
            f"{where}: supersedes must be a list of rule codes, names or categories, "
            f"not {supersedes!r}"
        )
    return tuple(k.strip() for k in supersedes)


def load_pack(directory: Path, registry: Registry) -> None:
    """Every *.yaml file in `directory` (not recursive) that defines a `code`."""
    if not directory.is_dir():
        raise RuleError(f"rule pack {directory} is not a directory")
    roots = [directory, directory.parent]
    found = sorted(directory.glob("*.yaml"))
    SEEN[f"list:{os.path.abspath(directory)}"] = repr([p.name for p in found])  # lint.engine.replay
    for path in found:
        registry.add_rule(load_rule_file(path, registry.kinds, roots))


def _entry_points(group: str) -> list:
    try:
        return list(metadata.entry_points(group=group))
    except TypeError:  # Python < 3.10 API shape; kept for odd environments
        return list(metadata.entry_points().get(group, []))


def builtin_kinds() -> dict[str, CheckKind]:
    from ..checks import BUILTIN_KINDS

    return {kind.name: kind for kind in BUILTIN_KINDS}


def load_registry(extra_packs: Iterable[Path] = ()) -> Registry:
    registry = Registry(kinds=builtin_kinds())
    for ep in _entry_points("contentlint.checks"):
        kind = ep.load()
        kind = kind() if callable(kind) and not isinstance(kind, CheckKind) else kind
        if not isinstance(kind, CheckKind):
            raise RuleError(f"entry point {ep.name!r} in contentlint.checks is not a CheckKind")
        if kind.name in registry.kinds:
            raise RuleError(
                f"check kind {kind.name!r} from entry point {ep.name!r} is already defined"
            )
        registry.kinds[kind.name] = kind
    load_pack(builtin_pack_dir() / "default", registry)
    for ep in _entry_points("contentlint.packs"):
        target = ep.load()
        target = target() if callable(target) else target
        load_pack(Path(str(target)), registry)
    for directory in extra_packs:
        load_pack(Path(directory), registry)
    from .resources import load_values, share

    # The packaged shared resources; a project's [resources] table replaces them per project.
    where = "packaged resources"
    return share(registry, load_values({}, builtin_pack_dir(), where), where)
