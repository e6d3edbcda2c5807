"""The sample corpus gives exactly the findings corpus/MANIFEST.yaml lists.

One run over corpus/ with the settings the CLI loads for it (corpus/.contentlint.toml:
CL106 on, a static root for CL112, the site's evidence registry), with "today" pinned
so that the date rules (CL103, CL114) give the same answer every year. The manifest
is the complete expected output: every finding must be listed there, as a defect or
as a known false positive, and every listed one must be reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from reporting import builtin_registry

from lint.engine.config import load_settings
from lint.engine.runner import Run, run
from lint.model.finding import Finding
from lint.model.verdicts import PUBLISHABLE

CORPUS = ROOT / "corpus"
TODAY = "2026-11-21"  # the corpus's dates (future, stale) are written against this day
DATE_RULES = ("CL103", "CL114")
# Rules a sample corpus cannot show: CL001 needs an unreadable file.
NOT_DEMONSTRABLE = {"CL001"}

if not (CORPUS / "MANIFEST.yaml").is_file():  # pragma: no cover - a checkout without the corpus
    pytest.skip("the repo has no corpus/MANIFEST.yaml", allow_module_level=True)

MANIFEST = yaml.safe_load((CORPUS / "MANIFEST.yaml").read_text(encoding="utf-8"))["files"]
CLEAN = sorted(name for name, entry in MANIFEST.items() if entry["clean"])
FLAWED = sorted(name for name, entry in MANIFEST.items() if not entry["clean"])
Key = tuple[str, int, str | None]  # (rule, line, flagged text or None for a whole-file finding)


def expected(name: str, section: str = "defects") -> list[Key]:
    return [(d["rule"], d["line"], d["text"]) for d in MANIFEST[name].get(section) or []]


def false_positives() -> list[tuple[str, Key, str]]:
    return [
        (name, (fp["rule"], fp["line"], fp["text"]), fp["why"])
        for name, entry in sorted(MANIFEST.items())
        for fp in entry.get("false_positives") or []
    ]


@pytest.fixture(scope="module")
def corpus_run() -> Run:
    settings = load_settings(CORPUS)
    assert settings.source == str(CORPUS / ".contentlint.toml"), (
        "corpus/.contentlint.toml was not found"
    )
    rules = {code: dict(options) for code, options in settings.rules.items()}
    for code in DATE_RULES:
        rules[code] = {**rules.get(code, {}), "today": TODAY}
    settings = replace(settings, rules=rules, cache=False, jobs=1)
    return run([CORPUS], builtin_registry(), settings)


@pytest.fixture(scope="module")
def found(corpus_run) -> dict[str, list[Key]]:
    """Each article's findings as (rule, line, the exact text the finding flags)."""
    out: dict[str, list[Key]] = {}
    for result in corpus_run.results:
        name = Path(result.path).name
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        out[name] = [key_of(finding, lines) for finding in result.findings]
    return out


@pytest.fixture(scope="module")
def verdicts(corpus_run) -> dict[str, str]:
    return {Path(path).name: verdict for path, verdict in corpus_run.verdicts.items()}


def key_of(finding: Finding, lines: list[str]) -> Key:
    if not finding.excerpt:  # a finding about the whole file (no frontmatter at all)
        return finding.code, finding.line, None
    text = lines[finding.line - 1]
    end = finding.end_column if finding.end_line == finding.line else len(text)
    return finding.code, finding.line, text[finding.column - 1 : end]


def show(keys) -> str:
    return (
        "\n".join(f"  {rule} line {line}: {text!r}" for rule, line, text in sorted(keys, key=str))
        or "  (none)"
    )


# -- the manifest itself ------------------------------------------------------------------
def test_manifest_lists_every_article():
    on_disk = {path.name for path in CORPUS.glob("*.md")}
    assert set(MANIFEST) == on_disk
    assert len(CLEAN) == 6


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_manifest_text_is_on_its_line(name):
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    for section in ("defects", "false_positives"):
        for rule, line, text in expected(name, section):
            if text is not None:
                assert text in lines[line - 1], (
                    f"{name}:{line}: {rule} text {text!r} is not on that line"
                )


def test_every_rule_is_shown_at_work():
    """`contentlint check corpus/` is what a new user runs first: every rule fires somewhere."""
    shown = {rule for name in MANIFEST for rule, _, _ in expected(name)}
    missing = {rule.code for rule in builtin_registry().sorted_rules()} - shown - NOT_DEMONSTRABLE
    assert not missing, f"no defect in corpus/ shows {sorted(missing)}"


# -- the run against the manifest ------------------------------------------------------------
@pytest.mark.parametrize("name", FLAWED)
def test_every_listed_defect_is_reported(name, found):
    missing = Counter(expected(name)) - Counter(found[name])
    assert not missing, (
        f"{name}: listed in MANIFEST.yaml but not reported:\n{show(missing.elements())}"
    )


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_no_finding_the_manifest_does_not_list(name, found):
    listed = Counter(expected(name)) + Counter(expected(name, "false_positives"))
    extra = Counter(found[name]) - listed
    assert not extra, f"{name}: reported but not in MANIFEST.yaml:\n{show(extra.elements())}"


@pytest.mark.parametrize("name", FLAWED)
def test_verdict(name, verdicts):
    assert verdicts[name] == MANIFEST[name]["verdict"]


def _clean_params():
    for name in CLEAN:
        known = MANIFEST[name].get("false_positives")
        marks = (
            [
                pytest.mark.xfail(
                    strict=True,
                    reason="rule false positive(s) listed in corpus/MANIFEST.yaml: "
                    + "; ".join(f"{fp['rule']} line {fp['line']}" for fp in known),
                )
            ]
            if known
            else []
        )
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", list(_clean_params()))
def test_clean_article_has_no_findings(name, found, verdicts):
    assert found[name] == [], f"{name} is clean but has findings:\n{show(found[name])}"
    assert verdicts[name] == PUBLISHABLE


@pytest.mark.parametrize(
    "name,key,why", false_positives(), ids=[f"{n}:{k[1]}:{k[0]}" for n, k, _ in false_positives()]
)
def test_known_false_positive_is_still_reported(name, key, why, found):
    """When a rule is fixed, its false positive disappears: then delete the manifest entry."""
    assert key in found[name], (
        f"{name}: {key} is no longer reported; remove it from false_positives"
    )
