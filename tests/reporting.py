"""Shared by the report, baseline and --since tests: small corpora and runs over them."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from conftest import DISCLAIMER, GOOD_FRONTMATTER

from lint.engine.config import Settings
from lint.engine.rules import Registry, Rule, load_registry
from lint.engine.runner import Run, run
from lint.model.check_kind import CheckKind
from lint.model.finding import Hit

DRAFT_FRONTMATTER = GOOD_FRONTMATTER.replace('author: "Editorial Team"\n', "status: draft\n")

# A corpus with one article of each kind a report has to show.
CORPUS = {
    "clean.md": GOOD_FRONTMATTER
    + "\n# Ketamine for CRPS\n\nInfusions are given over several days.\n\n"
    + DISCLAIMER,
    "no-frontmatter.md": "# Ketamine and depression\n\nA page with no frontmatter and no disclaimer.\n",
    "draft.md": DRAFT_FRONTMATTER + "\n# Draft\n\nStill being written.\n",
    "hostile.md": GOOD_FRONTMATTER.replace(
        'title: "Ketamine for CRPS"', 'title: "<img src=x onerror=alert(1)>"'
    )
    + "\n# <script>alert('x')</script>\n\n100% of <b>readers</b> & 50%, said: \"yes\"\r\n",
}
BROKEN = {"latin1.md": "caf\xe9 au lait\n".encode("latin-1"), "empty.md": b""}


def write_corpus(folder: Path, articles: dict | None = None, broken: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or CORPUS).items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if broken:
        for name, data in BROKEN.items():
            (folder / name).write_bytes(data)
    return folder


def settings(**overrides) -> Settings:
    base = Settings(cache=False, jobs=1)
    return replace(base, **overrides)


@cache
def builtin_registry() -> Registry:
    """Loading the packs takes a while; the tests only read the registry."""
    return load_registry()


def lint(paths, registry: Registry | None = None, **overrides) -> Run:
    registry = registry or builtin_registry()
    return run([Path(p) for p in paths], registry, settings(**overrides))


# -- test-only rules, so these tests do not depend on other rule families --------
PERCENT = re.compile(r"\b\d+(?:\.\d+)?%")


def _percent_hits(article, options):
    """Every percentage in prose without a bracketed citation after it in the same line."""
    for match in PERCENT.finditer(article.prose):
        rest = article.prose[match.end() : article.prose.find("\n", match.end())]
        if "[" not in rest:
            yield Hit(match.start(), match.end(), {"figure": match.group()})


def _collect_dose(article, options):
    value = article.meta.get("dose")
    if value is None or article.frontmatter is None:
        return None
    return {"value": str(value), "line": article.frontmatter.key_lines.get("dose", 1)}


def _compare_doses(collected, options):
    values = {path: data for path, data in collected.items() if data}
    for path, data in sorted(values.items()):
        others = sorted(p for p, d in values.items() if d["value"] != data["value"])
        if others:
            yield (
                path,
                {
                    "line": data["line"],
                    "column": 1,
                    "end_column": 4,
                    "args": {
                        "value": data["value"],
                        "other": others[0],
                        "other_value": values[others[0]]["value"],
                    },
                },
            )


def _rule(code, name, category, check, message, severity="error") -> Rule:
    docs = {"what": f"Test rule {name}.", "why": "Tests.", "example": "x", "instead": "y"}
    return Rule(
        code=code,
        name=name,
        category=category,
        severity=severity,
        check=check,
        message=message,
        options={},
        docs=docs,
        examples={"bad": [], "good": []},
        source="<test>",
    )


@cache
def test_registry() -> Registry:
    """The built-in registry plus TS301 (uncited percentage) and TS501 (a cross-article dose conflict)."""
    registry = load_registry()
    registry.kinds["test-percent"] = CheckKind(name="test-percent", options={}, run=_percent_hits)
    registry.kinds["test-dose"] = CheckKind(
        name="test-dose", options={}, scope="corpus", collect=_collect_dose, compare=_compare_doses
    )
    registry.add_rule(
        _rule(
            "TS301",
            "test-uncited-percentage",
            "numeric-claim",
            "test-percent",
            "Uncited statistic {figure}",
        )
    )
    registry.add_rule(
        _rule(
            "TS501",
            "test-dose-conflict",
            "consistency",
            "test-dose",
            "Dose {value} conflicts with {other_value} in {other}",
        )
    )
    return registry


test_registry.__test__ = False  # a factory, not a test
