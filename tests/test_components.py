"""A site's own citation markup, declared in config (`citation-components`)."""

import json

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.engine.config import load_settings
from lint.engine.pipeline import analyse, finish
from lint.engine.rules import load_registry
from lint.engine.runner import select_rules
from lint.model.errors import ConfigError

REGISTRY = load_registry()

ARTICLE = """# Ketamine for CRPS

Up to 85% of patients respond to infusions <Cite id="okafor2020" />.

Relief lasts 3 to 6 weeks after a series.<Cite source={refs.lee} />

<Citation source="Lee 2021">About 40% of people with CRPS improve within a month. Half relapse within a year.</Citation>

Roughly 30% of adults report pain {{< cite "zhao2018" >}}.

A series of 6 infusions is typical {% cite cohen2018 %}.

Between 10% and 20% of people have no response.

`<Cite id="x" />` in code cites nothing: 25% of readers.
"""

COMPONENTS = [
    ["tag", "Cite"],
    ["tag", "Citation"],
    ["shortcode", "cite"],
    ["pattern", r"\{%\s*cite\s[^%]*%\}"],
]


def flagged(text, components):
    rules = [
        REGISTRY.rules[c].with_options({"citation-components": components})
        for c in ("CL301", "CL402")
    ]
    result = analyse("a.mdx", text.encode("utf-8"), rules, REGISTRY)
    finish([result], rules, REGISTRY, {})
    return [f.line_text[f.column - 1 : f.end_column] for f in result.findings]


def test_figures_a_component_wraps_or_follows_are_cited():
    assert flagged(ARTICLE, COMPONENTS) == ["Between 10% and 20% of people", "25% of readers"]


def test_without_components_the_figures_are_uncited():
    spans = flagged(ARTICLE, [])
    for figure in (
        "Up to 85% of patients",
        "About 40% of people",
        "Roughly 30% of adults",
        "6 infusions",
    ):
        assert any(figure in s for s in spans), (figure, spans)


def test_a_component_cites_only_its_own_sentence():
    text = (
        '# T\n\nUp to 85% of patients respond <Cite id="a" />. About 40% relapse within a year.\n'
    )
    assert flagged(text, COMPONENTS) == ["About 40% relapse"]


def test_a_named_study_with_a_component_is_cited():
    text = '# T\n\nA 2019 trial found that most patients improved {{< cite "abc2019" >}}.\n'
    assert flagged(text, COMPONENTS) == []


@pytest.mark.parametrize(
    "toml,expected",
    [
        (
            'citation-components = [{pattern = "(unclosed"}]',
            "'citation-components[0].pattern' is not a valid regular",
        ),
        ('citation-components = "Cite"', "'citation-components' must be a list of tables"),
        (
            'citation-components = [{tag = "Cite", shortcode = "cite"}]',
            "'citation-components[0]' must have exactly one",
        ),
        ('citation-components = [{tg = "Cite"}]', "'citation-components[0]' has unknown key(s) tg"),
        ('citation-components = [{pattern = "x*"}]', "matches the empty string"),
        (
            'citation-components = [{tag = "<Cite>"}]',
            "'citation-components[0].tag' must be a component name",
        ),
        ("citation-components = [3]", "'citation-components[0]' must be a table"),
    ],
)
def test_bad_components_fail_at_config_load(tmp_path, toml, expected):
    (tmp_path / ".contentlint.toml").write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path)
    assert expected in str(err.value) and ".contentlint.toml" in str(err.value)


def test_top_level_components_reach_every_rule_that_reads_citations(tmp_path):
    (tmp_path / ".contentlint.toml").write_text(
        'citation-components = [{tag = "Cite"}, "Ref"]\n', encoding="utf-8"
    )
    rules = {r.code: r for r in select_rules(REGISTRY, load_settings(tmp_path))}
    for code in ("CL301", "CL401", "CL402"):
        assert rules[code].options["citation-components"] == [["tag", "Cite"], ["tag", "Ref"]]
    assert "citation-components" not in rules["CL101"].options


def test_a_bad_rule_table_value_is_a_config_error(tmp_path):
    (tmp_path / ".contentlint.toml").write_text(
        '[rules.CL301]\ncitation-components = [{pattern = "["}]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"rules\.CL301\.citation-components\[0\]\.pattern"):
        select_rules(REGISTRY, load_settings(tmp_path))


def test_cli_end_to_end(tmp_path):
    (tmp_path / ".contentlint.toml").write_text(
        'citation-components = [{tag = "Cite"}, {tag = "Citation"}, {shortcode = "cite"}, '
        "{pattern = '\\{%\\s*cite\\s[^%]*%\\}'}]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.mdx").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "check",
            "--no-cache",
            "--format",
            "json",
            "--select",
            "CL301,CL402",
            str(tmp_path / "a.mdx"),
        ],
    )
    report = json.loads(result.output)
    lines = sorted(f["line"] for f in report["files"][0]["findings"])
    assert lines == [13, 15]
    (tmp_path / ".contentlint.toml").write_text(
        'citation-components = [{pattern = "("}]\n', encoding="utf-8"
    )
    bad = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path / "a.mdx")])
    assert bad.exit_code == 2 and "citation-components[0].pattern" in bad.output
