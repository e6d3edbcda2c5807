"""The consistency rules: CL501 within an article, CL502 across articles, CL503 against the registry."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.checks.consistency import collect_facts, compare_facts
from lint.cli import main
from lint.engine.config import load_settings
from lint.engine.pipeline import analyse, finish
from lint.engine.rules import load_registry
from lint.engine.runner import run
from lint.model.article import parse_article

REGISTRY = load_registry()
HEAD = '---\ntitle: "{title}"\n---\n\n'


def findings(code, articles, **options):
    """Findings of one rule over {path: text}, the first article's only unless every=True."""
    rule = REGISTRY.rules[code].with_options(options)
    results = [
        analyse(path, text.encode("utf-8"), [rule], REGISTRY) for path, text in articles.items()
    ]
    finish(results, [rule], REGISTRY, {})
    return {r.path: [f for f in r.findings if f.code == code] for r in results}


def within(text):
    return findings("CL501", {"a.md": text})["a.md"]


# -- (a) within an article: the acceptance cases --------------------------------
def test_key_takeaways_contradicting_the_body_is_flagged_at_the_later_figure():
    text = (
        "# Ketamine for CRPS\n\nIn case series, ketamine infusions produce a meaningful response in 50-80% "
        "of people with CRPS.\n\nTreatment is given in a clinic.\n\n## Key Takeaways\n\n"
        "- Roughly 30-40% of CRPS patients respond to ketamine infusions.\n"
    )
    (finding,) = within(text)
    assert finding.line == 9 and "30-40%" in finding.excerpt
    assert finding.message == "CRPS response rate (IV) is about 30–40% here but 50–80% at line 3"
    assert finding.severity == "warning" and finding.category == "consistency"


def test_the_same_range_written_differently_is_not_flagged():
    text = (
        "# Ketamine for CRPS\n\nKetamine infusions help 50-80% of people with CRPS.\n\n## Key Takeaways\n\n"
        "- Response rates in CRPS run from 50 to 80 percent.\n- CRPS response rate: 50–80 %\n"
    )
    assert within(text) == []


def test_durations_of_effect_months_versus_weeks_is_flagged():
    text = (
        "# Ketamine for CRPS\n\nAfter a series of infusions, people with CRPS report effects lasting "
        "1-6 months.\n\n## Bottom Line\n\nAfter a series of infusions, relief in CRPS typically lasts 2-3 weeks.\n"
    )
    (finding,) = within(text)
    assert "2–3 weeks here but 1–6 months at line 3" in finding.message


def test_single_infusion_and_series_are_different_facts():
    text = (
        "# Ketamine for Depression\n\nA single infusion gives relief from depression for days.\n\n"
        "A series gives relief for months.\n\nA single infusion relieves depression for 3-7 days.\n\n"
        "A series of infusions relieves depression for 2-4 months.\n"
    )
    assert within(text) == []


def test_figures_stated_together_are_alternatives():
    text = (
        "# Esketamine\n\nEsketamine is given as 56 mg or 84 mg doses for treatment-resistant depression.\n\n"
        "## Schedule\n\n- Induction: 56 mg or 84 mg twice a week\n- Maintenance: 56 mg or 84 mg weekly\n"
    )
    assert within(text) == []


def test_a_dose_contradicting_the_stated_dose_is_flagged():
    text = (
        "# Esketamine Nasal Spray\n\nEsketamine is approved for treatment-resistant depression. It is given as "
        "56 mg or 84 mg doses in a certified clinic.\n\n## Dosing at a Glance\n\n"
        "- Typical intranasal esketamine dose: 200 mg per session\n"
    )
    (finding,) = within(text)
    assert "200 mg" in finding.excerpt and "esketamine dose" in finding.message


def test_populations_routes_and_time_points_separate_facts():
    text = (
        "# Depression\n\nAbout 8% of US adults had a major depressive episode in the past year, compared with "
        "20% of adolescents.\n\nIn trials of IV ketamine for treatment-resistant depression, response rates "
        "reached about 70%.\n\nIntranasal esketamine produced response rates of 35-40% in treatment-resistant "
        "depression.\n\nA single infusion of ketamine gave response rates for depression of 70% at 24 hours. "
        "By 4 weeks, 35% of patients with depression still responded to ketamine.\n"
    )
    assert within(text) == []


def test_results_of_two_named_studies_may_differ():
    text = (
        "# Ketamine for Treatment-Resistant Depression\n\nA crossover trial reported that 71% of participants "
        "with treatment-resistant depression responded to ketamine.\n\nIn a two-site trial of 73 patients, 64% "
        "of people with treatment-resistant depression responded to ketamine at 24 hours, and a third trial "
        "found 50%.\n"
    )
    assert within(text) == []


def test_tolerance_is_an_option():
    text = (
        "# Migraine\n\nMigraine affects about 12% of people.\n\n## Key Takeaways\n\n"
        "- Migraine affects 15% of people.\n"
    )
    assert len(within(text)) == 1
    assert findings("CL501", {"a.md": text}, tolerance=0.3)["a.md"] == []


# -- (b) across the corpus ------------------------------------------------------------------
FIBRO_A = HEAD.format(title="Ketamine for Chronic Pain") + (
    "### Fibromyalgia\n\nAbout 40-60% of people with fibromyalgia respond to ketamine infusions.\n"
)
FIBRO_B = HEAD.format(title="Fibromyalgia FAQ") + (
    "Fibromyalgia patients do well: 75-90% of fibromyalgia patients respond to ketamine infusions.\n"
)


def test_two_articles_that_disagree_are_each_flagged_with_the_others_path():
    out = findings("CL502", {"overview.md": FIBRO_A, "faq.md": FIBRO_B})
    (a,), (b,) = out["overview.md"], out["faq.md"]
    assert "faq.md:" in a.message and "75–90%" in a.message
    assert "overview.md:" in b.message and "about 40–60%" in b.message
    assert a.category == "consistency"


def test_the_majority_decides_the_outlier():
    third = (
        HEAD.format(title="Fibromyalgia Treatments")
        + "Between 40 and 60 percent of people with fibromyalgia "
        "respond to ketamine infusions.\n"
    )
    out = findings("CL502", {"overview.md": FIBRO_A, "faq.md": FIBRO_B, "treatments.md": third})
    assert out["overview.md"] == [] and out["treatments.md"] == []
    (outlier,) = out["faq.md"]
    assert "overview.md" in outlier.message and "treatments.md" in outlier.message


def test_collected_facts_are_plain_data():
    rule = REGISTRY.rules["CL502"]
    data = {
        path: json.loads(json.dumps(collect_facts(parse_article(path, text), rule.options)))
        for path, text in (("overview.md", FIBRO_A), ("faq.md", FIBRO_B))
    }
    flagged = {path for path, _ in compare_facts(data, rule.options)}
    assert flagged == {"overview.md", "faq.md"}


def test_only_the_reported_file_gets_findings_but_the_rest_is_compared(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("overview.md").write_text(FIBRO_A, encoding="utf-8")
    Path("faq.md").write_text(FIBRO_B, encoding="utf-8")
    settings = load_settings(tmp_path, None, {"select": ("CL502",), "cache": False, "jobs": 1})
    result = run([Path(".")], REGISTRY, settings, report_only=["faq.md"])
    assert [r.path for r in result.results] == ["faq.md"]
    (finding,) = result.results[0].findings
    assert "overview.md" in finding.message


def test_where_the_registry_has_an_entry_it_decides_the_outlier():
    a = HEAD.format(title="Chronic Pain") + "About 20 million US adults live with chronic pain.\n"
    b = HEAD.format(title="Pain Facts") + "About 50 million US adults live with chronic pain.\n"
    out = findings("CL502", {"a.md": a, "b.md": b})
    assert out["b.md"] == []  # a tie, but the registry agrees with b
    (outlier,) = out["a.md"]
    assert "b.md:" in outlier.message
    assert (
        len(findings("CL502", {"a.md": a, "b.md": b}, evidence={})["b.md"]) == 1
    )  # without it: a tie


# -- (c) against the registry -------------------------------------------------------------------
def test_a_figure_contradicting_the_registry_is_an_error_quoting_value_and_source():
    text = HEAD.format(title="Living with Chronic Pain") + (
        "According to national survey data, about 20 million US adults live with chronic pain.\n"
    )
    (finding,) = findings("CL503", {"a.md": text})["a.md"]
    assert finding.severity == "error"
    assert "about 20 million here" in finding.message and "50–51.6 million" in finding.message
    assert "doi:10.15585/mmwr.mm7215a1" in finding.message and "Rikard" in finding.message


def test_agreeing_or_unplaced_figures_are_not_registry_conflicts():
    agree = "About 51.6 million US adults live with chronic pain. About 20% of US adults have chronic pain.\n"
    elsewhere = "About 20 million adults in Australia live with chronic pain.\n"
    for body in (agree, elsewhere):
        assert findings("CL503", {"a.md": HEAD.format(title="Pain") + body})["a.md"] == []


def test_the_registry_path_is_configurable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("evidence.yaml").write_text(
        "facts:\n  - key: fibro-response\n    subject: fibromyalgia\n    measure: response-rate\n"
        '    low: 40\n    high: 60\n    unit: "%"\n    source:\n      citation: House figure\n'
        "      url: https://example.org/fibro\n",
        encoding="utf-8",
    )
    Path(".contentlint.toml").write_text(
        '[rules.CL503]\nevidence = "@evidence.yaml"\n', encoding="utf-8"
    )
    Path("faq.md").write_text(FIBRO_B, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "faq.md", "--select", "CL503", "--no-cache", "--format", "json"]
    )
    report = json.loads(result.stdout)  # stderr: the deprecation warning
    (finding,) = report["files"][0]["findings"]
    assert "40–60%" in finding["message"] and "https://example.org/fibro" in finding["message"]


def test_an_uncited_figure_the_registry_knows_gets_its_citation_and_a_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        HEAD.format(title="Chronic Pain")
        + "For the estimated 50 million Americans living with chronic pain, "
        "options matter.\n\nMore text follows here.\n"
    )
    Path("a.md").write_text(text, encoding="utf-8")
    runner = CliRunner()
    before = json.loads(
        runner.invoke(
            main, ["check", "a.md", "--select", "CL301", "--no-cache", "--format", "json"]
        ).output
    )
    (finding,) = before["files"][0]["findings"]
    assert "evidence registry cites" in finding["message"] and finding["fixable"]
    runner.invoke(main, ["check", "a.md", "--select", "CL301", "--no-cache", "--fix"])
    fixed = Path("a.md").read_text(encoding="utf-8")
    assert (
        "options matter.[^us-adults-chronic-pain]\n\n[^us-adults-chronic-pain]: Rikard SM" in fixed
    )
    assert "More text follows here." in fixed
    after = json.loads(
        runner.invoke(
            main, ["check", "a.md", "--select", "CL301", "--no-cache", "--format", "json"]
        ).output
    )
    assert after["files"][0]["findings"] == []


@pytest.mark.parametrize("code", ["CL501", "CL502", "CL503"])
def test_rules_are_listed_and_explained(code):
    result = CliRunner().invoke(main, ["explain", code])
    assert result.exit_code == 0 and code in result.output
