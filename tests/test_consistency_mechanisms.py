"""Two figures conflict only when they are about the same thing (EDITORIAL-POLICY.md §6).

One test per mechanism behind false conflicts: different studies and arms,
what is measured, cohorts read as prevalence, tables, qualifiers that differ;
plus the audit of every compared pair (`facts --pairs`) and a registry
conflict reported once. All sentences are invented.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.analysis.facts import extract_facts
from lint.cli import main
from lint.engine.pipeline import analyse, finish
from lint.engine.rules import load_registry
from lint.model.article import load_article

REGISTRY = load_registry()


def within(text):
    rule = REGISTRY.rules["CL501"]
    result = analyse("a.md", text.encode("utf-8"), [rule], REGISTRY)
    finish([result], [rule], REGISTRY, {})
    return [f for f in result.findings if f.code == "CL501"]


def facts_of(text):
    return {f.text: f for f in extract_facts(load_article("a.md", text.encode("utf-8")))}


# -- 1. different studies, different arms ----------------------------------------------
def test_study_context_carries_to_the_sentence_reporting_its_results():
    text = (
        "# Ketamine for Depression\n\nA 2019 study of ketamine in depression followed 120 adults. "
        "Response at one week was 62%.\n\nA separate 2021 study found that 38% of people with depression "
        "responded to ketamine at one week.\n"
    )
    assert facts_of(text)["62%"].study_from == "context"
    assert within(text) == []


def test_results_of_one_arm_are_not_a_general_rate():
    text = (
        "# Drug Z for Migraine\n\nThe first trial enrolled 400 adults with migraine. After 12 weeks, 58% of "
        "the drug group responded.\n\nA later comparison trial tested Drug Z against topiramate. In that "
        "trial, 47% of people on Drug Z responded.\n"
    )
    assert facts_of(text)["58% of the drug group"].study
    assert within(text) == []


def test_figures_cited_to_different_sources_are_different_results():
    text = (
        "# Ketamine for Depression\n\nKetamine helps about 60% of people with depression [^1].\n\n"
        "## Summary\n\nKetamine helps about 30% of people with depression [^2].\n\n"
        "[^1]: Smith J. A review. J Psych. 2020.\n[^2]: Jones K. Another review. J Psych. 2021.\n"
    )
    assert within(text) == []


def test_one_study_contradicting_itself_is_still_flagged():
    text = (
        "# Drug Z for Migraine\n\n## The main trial\n\nIn a 12-week randomized trial of Drug Z in migraine, 50% "
        "of people in the drug group responded by week 12.\n\n## Is it worth it?\n\nIn that trial, only 15% "
        "of people with migraine responded to Drug Z by week 12.\n"
    )
    facts = facts_of(text)
    assert facts["50% of people"].study_id == facts["15% of people"].study_id
    (finding,) = within(text)
    assert "15%" in finding.excerpt


def test_two_arms_of_one_study_are_different_results():
    text = (
        "# Ketamine for Depression\n\nA 2020 trial compared ketamine with ECT. In the trial, 55% of people "
        "with depression in the ketamine arm responded.\n\nIn the same trial, 41% of people with depression "
        "in the ECT arm responded.\n"
    )
    assert within(text) == []


def test_placebo_is_never_the_articles_treatment():
    text = (
        "# Drug Z for Migraine\n\nIn the trial, 58% of the drug group responded to Drug Z, compared with "
        "31% of the placebo group.\n\n## Summary\n\nAbout 58% of people with migraine respond to Drug Z.\n"
    )
    assert "treatment" not in facts_of(text)["About 58% of people"].qualifiers


# -- 2. what is measured -----------------------------------------------------------------
@pytest.mark.parametrize(
    "protocol",
    [
        "A typical course of ketamine infusions for CRPS lasts ten days.",
        "Each ketamine infusion for CRPS lasts 4 hours.",
        "The full protocol lasts 5 days.",
    ],
)
def test_a_protocol_noun_that_lasts_is_how_long_treatment_runs(protocol):
    text = f"# Ketamine for CRPS\n\nRelief from ketamine in CRPS lasts 1-3 months.\n\n## Schedule\n\n{protocol}\n"
    assert within(text) == []


def test_when_relief_starts_is_not_how_long_it_lasts():
    text = (
        "# Sumatriptan\n\nSumatriptan tablets usually start to relieve a migraine within 30 to 60 minutes. "
        "The relief typically lasts 4 to 6 hours.\n"
    )
    assert facts_of(text)["30 to 60 minutes"].measure == "onset"
    assert within(text) == []


# -- 3. cohorts read as prevalence ---------------------------------------------------------
def test_a_cohort_with_an_unknown_outcome_has_no_subject():
    text = (
        "# Sleep Apnea\n\nSleep apnea affects about 25% of adults.\n\n"
        "About 80% of people with sleep apnea have never been diagnosed.\n"
    )
    fact = facts_of(text)["About 80% of people"]
    assert fact.key is None and fact.qualifiers["cohort"] == "people with sleep apnea"
    assert within(text) == []


def test_people_living_with_a_condition_are_its_prevalence():
    fact = facts_of(
        "# Chronic Pain\n\nFor the estimated 50 million Americans living with chronic pain, "
        "options matter.\n"
    )["estimated 50 million Americans"]
    assert fact.subject == "chronic-pain" and "cohort" not in fact.qualifiers


def test_a_subgroup_is_compared_only_with_the_same_subgroup():
    text = (
        "# Type 2 Diabetes Remission\n\nIn the program, 46% of people with type 2 diabetes were in "
        "remission after a year.\n\nRemission was most likely in those who lost 15 kg or more, among whom "
        "86% were in remission.\n"
    )
    assert within(text) == []


def test_parallel_figures_share_the_cohort():
    text = (
        "# High Blood Pressure\n\nAbout 50% of men have high blood pressure.\n\n"
        "80% of women with high blood pressure are aware of it, against 72% of men.\n"
    )
    assert within(text) == []


def test_a_cohort_the_lexicon_cannot_name_is_still_a_cohort():
    text = (
        "# Depression\n\nDepression affects about 8% of US adults each year.\n\n"
        "About 20% of people who have had a heart attack develop depression.\n"
    )
    assert (
        facts_of(text)["About 20% of people"].qualifiers["cohort"]
        == "people who have had a heart attack"
    )
    assert within(text) == []


def test_a_treatment_outcome_is_never_a_prevalence():
    text = (
        "# Migraine Prevention\n\nErenumab halved monthly migraine days for about 50% of people with migraine.\n"
        "Topiramate did the same for about 40% of people with migraine.\n"
    )
    assert within(text) == []


def test_symptoms_and_the_disorder_are_different_counts():
    text = "# Insomnia\n\nAbout 30% of adults have symptoms of insomnia.\nAbout 10% of adults have insomnia disorder.\n"
    assert within(text) == []


# -- 4. tables ----------------------------------------------------------------------------
def test_a_table_cell_takes_its_treatment_from_the_column_header():
    text = (
        "# Ketamine vs Esketamine for Depression\n\n| Measure | Ketamine | Esketamine |\n|---|---|---|\n"
        "| Response rate in depression | 60% | 35% |\n\nOverall, about 60% of people with depression respond "
        "to ketamine.\n"
    )
    facts = [f for f in extract_facts(load_article("a.md", text.encode())) if f.text == "35%"]
    assert (
        facts[0].qualifiers["treatment"] == "esketamine" and facts[0].subject_from == "row header"
    )
    assert within(text) == []


def test_a_table_cell_under_an_unknown_header_is_not_compared():
    text = (
        "# Ketamine for Depression\n\nAbout 60% of people with depression respond to ketamine.\n\n"
        "| Outcome | Trial A | Trial B |\n|---|---|---|\n| Response to ketamine | 60% | 20% |\n"
    )
    cell = next(f for f in extract_facts(load_article("a.md", text.encode())) if f.text == "20%")
    assert "Trial B" in cell.not_compared
    assert within(text) == []


def test_a_table_that_contradicts_the_prose_is_still_flagged():
    text = (
        "# Triptans\n\n| Drug | Pain-free at 2 hours |\n|---|---|\n| Rizatriptan | 40% |\n\n"
        "## In short\n\nRizatriptan leaves only about 12% of people pain-free at 2 hours.\n"
    )
    (finding,) = within(text)
    assert "12%" in finding.excerpt


def test_a_time_point_header_dates_its_cells():
    text = (
        "# Ketamine for Depression\n\n| Time after infusion | Response rate |\n|---|---|\n| 24 hours | 60% |\n"
        "| 4 weeks | 15% |\n\nAbout 60% of people with depression respond to ketamine within 24 hours.\n"
    )
    cells = {
        f.text: f for f in extract_facts(load_article("a.md", text.encode())) if f.group is not None
    }
    assert cells["60%"].timepoint == (1.0, 1.0) and cells["15%"].timepoint == (28.0, 28.0)
    assert within(text) == []


# -- 5. qualifiers that differ -----------------------------------------------------------
def test_a_starting_dose_is_not_the_usual_dose():
    text = (
        "# Ketamine Dosing\n\nThe standard IV dose of ketamine is 0.5 mg/kg.\n\n## Older adults\n\n"
        "- Start at 0.3 mg/kg IV\n- Extend the infusion\n"
    )
    assert within(text) == []


def test_different_time_points_are_kept_apart_and_the_same_one_conflicts():
    apart = (
        "# Ketamine for Depression\n\nAt 24 hours, 60% of people with depression respond to IV ketamine.\n\n"
        "At 4 weeks, about 25% of people with depression still respond to IV ketamine.\n"
    )
    assert within(apart) == []
    same = (
        "# Ketamine for Depression\n\nAbout 60% of people with depression respond to IV ketamine.\n\n"
        "## Key points\n\n- Only 20% of people with depression respond to IV ketamine.\n"
    )
    assert len(within(same)) == 1


# -- the audit, and one finding per defect -------------------------------------------------
ARTICLE = '---\ntitle: "{title}"\n---\n\n# {title}\n\n{body}\n'


def test_facts_pairs_lists_every_compared_pair_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(
        ARTICLE.format(
            title="Ketamine for CRPS",
            body=(
                "Ketamine infusions help 50-80% of people with CRPS.\n\nA typical course of ketamine infusions for CRPS "
                "lasts ten days, and relief from ketamine in CRPS lasts 1-3 months.\n\n## Key points\n\n"
                "- Only 20-30% of people with CRPS respond to ketamine infusions.\n"
            ),
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["facts", "--pairs", "--format", "json", "a.md"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.output)["pairs"]
    (conflict,) = [p for p in pairs if p["verdict"] == "conflict"]
    assert conflict["rule"] == "CL501" and conflict["reported"] == "CL501"
    assert {conflict["a"]["value"], conflict["b"]["value"]} == {"50–80%", "20–30%"}
    assert "cannot both be true" in conflict["why"]
    text = CliRunner().invoke(main, ["facts", "--pairs", "a.md"]).output
    assert "pairs compared" in text and "conflict (CL501)" in text


def test_a_registry_conflict_is_reported_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(
        ARTICLE.format(
            title="Chronic Pain", body=("Chronic pain affects about 20 million US adults.\n")
        ),
        encoding="utf-8",
    )
    Path("b.md").write_text(
        ARTICLE.format(
            title="Chronic Pain Facts",
            body=("Chronic pain affects about 51.6 million US adults.\n"),
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["check", "a.md", "b.md", "--select", "CL502,CL503", "--no-cache", "--format", "json"]
    )
    found = {
        f["path"]: [x["rule"] for x in f["findings"]] for f in json.loads(result.output)["files"]
    }
    assert found == {"a.md": ["CL503"], "b.md": []}
