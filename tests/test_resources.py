"""Issue 13: check kinds that emit several codes, and shared resources declared once."""

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lint.analysis import disclaimer_match
from lint.cli import main
from lint.engine.pipeline import analyse, finish, groups_of
from lint.engine.rules import load_registry
from lint.model.errors import RuleError

REGISTRY = load_registry()
ROOT = Path(__file__).resolve().parents[1]
HEAD = '---\ntitle: "{title}"\n---\n\n'
HOUSE = (
    "facts:\n  - key: fibro-response\n    subject: fibromyalgia\n    measure: response-rate\n"
    '    low: 40\n    high: 60\n    unit: "%"\n    source:\n      citation: House figure\n'
    "      url: https://example.org/fibro\n"
)


def _check(args, **kw):
    return CliRunner().invoke(main, ["check", *args, "--no-cache", "--format", "json"], **kw)


# -- one kind, several codes ---------------------------------------------------------
def test_codes_are_tied_to_their_kinds_messages():
    emitted = {c: (REGISTRY.rules[c].check, REGISTRY.rules[c].emits) for c in REGISTRY.rules}
    assert emitted["CL201"] == ("disclaimer", "missing")
    assert emitted["CL202"] == ("disclaimer", "partial")
    assert emitted["CL203"] == ("disclaimer", "misplaced")
    assert emitted["CL501"] == ("fact-consistency", "within")
    assert emitted["CL502"] == ("fact-consistency", "across")
    assert emitted["CL503"] == ("fact-consistency", "registry")
    assert REGISTRY.rules["CL201"].fixable and not REGISTRY.rules["CL202"].fixable


def test_the_analysis_runs_once_for_all_codes_of_a_kind(monkeypatch):
    calls = []
    real = disclaimer_match.analyse

    def counting(article, options):
        calls.append(article.path)
        return real(article, options)

    monkeypatch.setattr("lint.checks.disclaimer.analyse", counting)
    rules = [REGISTRY.rules[c] for c in ("CL201", "CL202", "CL203")]
    assert len(groups_of(rules, REGISTRY)) == 1
    result = analyse("a.md", b"# Ginger\n\n*Talk to your doctor first.*\n", rules, REGISTRY)
    assert calls == ["a.md"]
    assert [f.code for f in result.findings] == ["CL202"]


def test_a_code_with_its_own_options_runs_apart_and_keeps_them():
    partial = REGISTRY.rules["CL202"].with_options({"categories": ["NEWS"]})
    rules = [REGISTRY.rules["CL201"], partial, REGISTRY.rules["CL203"]]
    assert [len(m) for _, m in groups_of(rules, REGISTRY)] == [2, 1]
    text = b"# Ginger\n\n*Talk to your doctor first.*\n"
    result = analyse("a.md", text, rules, REGISTRY)
    finish([result], rules, REGISTRY, {})
    assert result.findings == []  # CL202 only for NEWS articles now


RULE = """code: XY201
name: extra-disclaimer
category: disclaimer
severity: warning
check: {check}
{emits}message: "m"
docs: {{what: w, why: y, example: e, instead: i}}
"""


@pytest.mark.parametrize(
    ("check", "emits", "problem"),
    [
        ("disclaimer", "", "needs 'emits' set to one of missing, partial, misplaced"),
        ("disclaimer", "emits: absent\n", "got 'absent'"),
        ("phrases", "emits: missing\n", "reports one message"),
    ],
)
def test_emits_is_validated_at_load(tmp_path, check, emits, problem):
    (tmp_path / "XY201.yaml").write_text(RULE.format(check=check, emits=emits))
    with pytest.raises(RuleError, match=problem):
        load_registry([tmp_path])


# -- shared resources -------------------------------------------------------------
def test_resources_are_shared_objects():
    rules = REGISTRY.rules
    subjects = rules["CL501"].options["subjects"]
    assert rules["CL502"].options["subjects"] is subjects
    assert rules["CL301"].options["subjects"] is subjects  # the registry hint reads with them
    assert rules["CL301"].options["evidence"] is rules["CL503"].options["evidence"]
    assert rules["CL201"].options["lexicon"] is rules["CL203"].options["lexicon"]


def _widgetalgia(tmp_path):
    """A project whose subject lexicon calls fibromyalgia 'widgetalgia'."""
    subjects = yaml.safe_load((ROOT / "rules/lexicon/subjects.yaml").read_text(encoding="utf-8"))
    subjects["conditions"]["fibromyalgia"]["names"].append("widgetalgia")
    (tmp_path / "subjects.yaml").write_text(yaml.safe_dump(subjects), encoding="utf-8")
    (tmp_path / "evidence.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "a.md").write_text(
        HEAD.format(title="Widgetalgia")
        + "About 50% of widgetalgia patients respond to ketamine infusions.\n",
        encoding="utf-8",
    )


def test_cl301_reads_figures_with_the_projects_subject_lexicon(tmp_path, monkeypatch):
    """Issue 13 (4): the registry hint used the packaged lexicon whatever the project said."""
    monkeypatch.chdir(tmp_path)
    _widgetalgia(tmp_path)
    Path(".contentlint.toml").write_text(
        '[resources]\nsubjects = "@subjects.yaml"\nevidence = "@evidence.yaml"\n',
        encoding="utf-8",
    )
    result = _check(["a.md", "--select", "CL301,CL503"])
    assert result.exit_code == 1, result.output
    assert "the evidence registry cites House figure" in result.stdout
    assert "CL503" not in result.stdout  # 50% agrees with the registry's 40-60%


def test_deprecated_rule_keys_still_work_and_warn(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evidence.yaml").write_text(HOUSE, encoding="utf-8")
    Path(".contentlint.toml").write_text('[rules.CL5]\nevidence = "@evidence.yaml"\n')
    (tmp_path / "a.md").write_text(
        HEAD.format(title="Fibromyalgia") + "75-90% of fibromyalgia patients respond.\n"
    )
    result = _check(["a.md", "--select", "CL503"])
    assert "House figure" in result.stdout
    assert "contentlint: warning:" in result.stderr
    assert ".contentlint.toml: rules.CL5.evidence is deprecated" in result.stderr
    assert result.stderr.count("is deprecated") == 1


def test_facts_reads_the_registry_set_on_cl503_alone(tmp_path, monkeypatch):
    """The deprecated per-rule key still reaches `facts` (CL503's registry, not CL501's)."""
    import json

    monkeypatch.chdir(tmp_path)
    (tmp_path / "evidence.yaml").write_text(HOUSE, encoding="utf-8")
    Path(".contentlint.toml").write_text('[rules.CL503]\nevidence = "@evidence.yaml"\n')
    Path("a.md").write_text(
        HEAD.format(title="Fibro")
        + "# Fibromyalgia\n\nKetamine helps about 90% of people with fibromyalgia.\n"
    )
    result = CliRunner().invoke(main, ["facts", "a.md", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["facts"]
    assert [r["registry"]["key"] for r in rows if r.get("registry")] == ["fibro-response"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('subject = "@s.yaml"', "resources: unknown resource 'subject' (did you mean 'subjects'?)"),
        ("evidence = 3", "resources.evidence must be"),
        ('citation-scope = "page"', "resources.citation-scope must be 'sentence' or 'paragraph'"),
        ('citation-forms = ["link", "tweet"]', "resources.citation-forms must list only"),
        ("own-domains = 1", "resources.own-domains must be a list of strings, got 1"),
        ('evidence = "@missing.yaml"', "resources.evidence: resource 'missing.yaml' not found"),
    ],
)
def test_resource_mistakes_exit_2_naming_file_key_and_value(tmp_path, monkeypatch, table, message):
    monkeypatch.chdir(tmp_path)
    Path(".contentlint.toml").write_text(f"[resources]\n{table}\n", encoding="utf-8")
    Path("a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = _check(["a.md"])
    assert result.exit_code == 2
    assert ".contentlint.toml" in result.output and message in result.output
    assert "Traceback" not in result.output


def test_resources_in_pyproject(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _widgetalgia(tmp_path)
    Path("pyproject.toml").write_text(
        '[tool.contentlint.resources]\nsubjects = "@subjects.yaml"\nevidence = "@evidence.yaml"\n',
        encoding="utf-8",
    )
    result = _check(["a.md", "--select", "CL301"])
    assert "the evidence registry cites House figure" in result.stdout


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[rules.CL501]\ntolerance = -1", "option 'tolerance' must be a number, zero or more"),
        (
            '[rules.CL202]\ncategories = ["NEWS", 3]',
            "option 'categories' must be a list of strings",
        ),
        ('[rules.CL201]\nextend = {consult = "call"}', "option 'extend.consult' must be a list"),
    ],
)
def test_typed_kind_options_exit_2(tmp_path, monkeypatch, table, message):
    monkeypatch.chdir(tmp_path)
    Path(".contentlint.toml").write_text(table + "\n", encoding="utf-8")
    Path("a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = _check(["a.md"])
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output


def test_a_registry_that_does_not_load_exits_2_naming_the_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("figures.yaml").write_text("facts:\n  - key: x\n    subject: crps\n", encoding="utf-8")
    Path(".contentlint.toml").write_text('[resources]\nevidence = "@figures.yaml"\n')
    Path("a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = _check(["a.md"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert (
        ".contentlint.toml: resources (as CL301 reads them): evidence entry 1 (x)" in result.output
    )
