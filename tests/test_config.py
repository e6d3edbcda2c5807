"""Config layers, validation, selection and per-file ignores."""

import pytest

from lint.engine.config import load_settings
from lint.engine.rules import load_registry
from lint.engine.runner import select_rules
from lint.model.errors import ConfigError


def codes(settings):
    return [r.code for r in select_rules(load_registry(), settings)]


def test_defaults_without_config(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.fail_on == "error" and settings.source is None
    assert "CL101" in codes(settings)


def test_dedicated_file_found_walking_up(tmp_path, write):
    write(".contentlint.toml", 'ignore = ["CL2"]\nfail-on = "warning"\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    settings = load_settings(nested)
    assert settings.fail_on == "warning"
    assert "CL201" not in codes(settings) and "CL101" in codes(settings)


def test_pyproject_table(tmp_path, write):
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.contentlint]\nselect = ["CL1"]\n')
    assert codes(load_settings(tmp_path)) == [
        c for c in codes(load_settings(tmp_path)) if c.startswith("CL1")
    ]


def test_pyproject_without_table_is_skipped(tmp_path, write):
    write("pyproject.toml", '[project]\nname = "x"\n')
    assert load_settings(tmp_path).source is None


def test_cli_flags_override_file(tmp_path, write):
    write(".contentlint.toml", 'fail-on = "warning"\n')
    assert load_settings(tmp_path, overrides={"fail_on": "error"}).fail_on == "error"


def test_unknown_key_is_rejected_with_suggestion(tmp_path, write):
    path = write(".contentlint.toml", 'selct = ["CL1"]\n')
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert (
        str(path) in str(info.value)
        and "'selct'" in str(info.value)
        and "select" in str(info.value)
    )


@pytest.mark.parametrize(
    "content,fragment",
    [
        ('fail-on = "sometimes"', "fail-on"),
        ("jobs = 0", "jobs"),
        ('select = "CL1"\nignore = 3', "ignore"),
        ('[severity]\nCL101 = "fatal"', "severity.CL101"),
        ('[per-file-ignores]\n"*.md" = 5', "per-file-ignores"),
        ("this is not toml", "invalid TOML"),
    ],
)
def test_bad_values_name_the_key(tmp_path, write, content, fragment):
    write(".contentlint.toml", content + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert fragment in str(info.value)


def test_most_specific_selector_wins(tmp_path, write):
    write(".contentlint.toml", 'select = ["CL"]\nignore = ["CL1"]\nextend-select = ["CL101"]\n')
    selected = codes(load_settings(tmp_path))
    assert "CL101" in selected


def test_select_by_rule_name(tmp_path, write):
    write(".contentlint.toml", 'select = ["missing-disclaimer"]\n')
    assert codes(load_settings(tmp_path)) == ["CL201"]


def test_severity_override_and_rule_options(tmp_path, write):
    write(
        ".contentlint.toml",
        '[severity]\nCL201 = "warning"\n\n[rules.missing-disclaimer]\nelements = {purpose = ["for your information"]}\n',
    )
    rules = {r.code: r for r in select_rules(load_registry(), load_settings(tmp_path))}
    assert rules["CL201"].severity == "warning"
    assert rules["CL201"].options["elements"] == {"purpose": ["for your information"]}


def test_unknown_rule_option_is_rejected(tmp_path, write):
    write(".contentlint.toml", "[rules.CL201]\nbogus = 1\n")
    with pytest.raises(ConfigError, match="bogus"):
        select_rules(load_registry(), load_settings(tmp_path))


def test_unknown_rule_in_config_is_rejected(tmp_path, write):
    write(".contentlint.toml", '[severity]\nCL999 = "error"\n')
    with pytest.raises(ConfigError, match="CL999"):
        select_rules(load_registry(), load_settings(tmp_path))


def test_config_severity_beats_the_severity_a_check_picks(tmp_path, write):
    from lint.engine.pipeline import make_finding
    from lint.model.article import parse_article
    from lint.model.finding import Hit

    write(".contentlint.toml", '[severity]\nCL101 = "info"\n')
    rule = {r.code: r for r in select_rules(load_registry(), load_settings(tmp_path))}["CL101"]
    finding = make_finding(parse_article("a.md", "text\n"), rule, Hit(0, 1, severity="error"))
    assert finding.severity == "info"


def test_prefix_table_sets_the_option_on_every_rule_that_accepts_it(tmp_path, write):
    write(
        ".contentlint.toml",
        '[rules.CL2]\nplacement = "anywhere"\n\n[rules.CL203]\nplacement = "start"\n',
    )
    rules = {r.code: r for r in select_rules(load_registry(), load_settings(tmp_path))}
    assert rules["CL201"].options["placement"] == "anywhere"
    assert rules["CL203"].options["placement"] == "start"  # the more specific table wins


def test_prefix_table_with_an_option_no_rule_accepts_is_rejected(tmp_path, write):
    write(".contentlint.toml", "[rules.CL2]\nbogus = 1\n")
    with pytest.raises(ConfigError, match=r"rules.CL2: unknown option\(s\) bogus"):
        select_rules(load_registry(), load_settings(tmp_path))


@pytest.mark.parametrize(
    "table,fragment",
    [
        (
            '[rules.CL301]\nseverity-by-kind = {percentage = "loud"}\n',
            "severity-by-kind.percentage: 'loud'",
        ),
        ('[rules.CL301]\nseverity-by-kind = {vibes = "error"}\n', "unknown kind 'vibes'"),
        ('[rules.CL503]\nevidence = "@ev.yaml"\n', "evidence entry 1 (x): missing 'measure'"),
    ],
)
def test_bad_option_values_are_config_errors_not_crashes(tmp_path, write, table, fragment):
    write("ev.yaml", "facts:\n  - key: x\n    subject: crps\n")
    write(".contentlint.toml", table)
    with pytest.raises(ConfigError) as info:
        select_rules(load_registry(), load_settings(tmp_path))
    assert fragment in str(info.value) and ".contentlint.toml" in str(info.value)


def test_registry_extends_the_packaged_one(tmp_path, write):
    write(
        "ev.yaml",
        "extends: builtin\nfacts:\n  - key: fibro\n    subject: fibromyalgia\n"
        "    measure: response-rate\n    low: 40\n    high: 60\n    unit: '%'\n"
        "    source: {citation: 'Example', doi: 10.1000/x}\n",
    )
    write(".contentlint.toml", '[rules.CL503]\nevidence = "@ev.yaml"\n')
    from lint.analysis.evidence import load_entries

    rule = {r.code: r for r in select_rules(load_registry(), load_settings(tmp_path))}["CL503"]
    keys = [e.key for e in load_entries(rule.options["evidence"])]
    assert "fibro" in keys and "us-adults-chronic-pain" in keys
