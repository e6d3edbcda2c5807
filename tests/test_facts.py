"""Fact extraction: normalised values, subjects, measures and qualifiers.

The value and context logic is tested with hand-built NumericMentions, so it
does not depend on the number grammar's details; the end-to-end tests use
the grammar as `contentlint` does.
"""

import json

import pytest
from click.testing import CliRunner

from lint.analysis.facts import extract_facts
from lint.analysis.facts.values import normalise, overlaps
from lint.analysis.numbers import NumericMention
from lint.cli import main
from lint.model.article import parse_article
from lint.text.nlp import doc_of


def mention(
    article, text, low, high, unit, kind, qualifier="exact", scale=None, occurrence=1, noun=""
):
    """A NumericMention for the n-th occurrence of `text`, with the article's own sentence bounds."""
    start = -1
    for _ in range(occurrence):
        start = article.text.index(text, start + 1)
    end = start + len(text)
    sentence = next(s for s in doc_of(article).sents if s.start_char <= start < s.end_char)
    block = article.block_at(start)
    return NumericMention(
        start,
        end,
        low,
        high,
        unit,
        qualifier,
        scale,
        kind,
        text,
        sentence.start_char,
        sentence.end_char,
        block.index,
        start,
        end,
        noun,
    )


def facts_of(text, *specs):
    article = parse_article("t.md", text)
    return extract_facts(article, mentions=[mention(article, *spec) for spec in specs])


def only(facts):
    assert len(facts) == 1, facts
    return facts[0]


# -- values ------------------------------------------------------------------------
def test_percent_ranges_written_differently_are_equal():
    a = normalise(50, 80, "%", "percentage", numbers="50–80")
    b = normalise(50, 80, "%", "percentage", numbers="50 to 80")
    c = normalise(50, 80, "%", "percentage", numbers="50-80")
    assert (
        (a.low, a.high, a.unit)
        == (b.low, b.high, b.unit)
        == (c.low, c.high, c.unit)
        == (50, 80, "%")
    )
    assert a.display == b.display == c.display == "50–80%"


def test_half_and_ratios_become_percentages():
    half = normalise(0.5, 0.5, "fraction", "ratio")
    fifth = normalise(0.2, 0.2, "fraction", "ratio")
    assert (half.unit, half.low) == ("%", 50)
    assert (fifth.unit, round(fifth.low, 6)) == ("%", 20)
    assert overlaps(half, normalise(50, 60, "%", "percentage"))


def test_durations_convert_between_units():
    weeks = normalise(2, 3, "weeks", "duration")
    days = normalise(14, 21, "days", "duration")
    months = normalise(1, 6, "months", "duration")
    assert (weeks.low, weeks.high) == (days.low, days.high) == (14, 21)
    assert not overlaps(weeks, months)
    assert normalise(40, 40, "minutes", "duration").high == pytest.approx(40 / 1440)


def test_upper_bound_overlaps_anything_below_it():
    up_to = normalise(85, 85, "%", "percentage", "upper")
    assert up_to.bounds() == (0, 85)
    assert overlaps(up_to, normalise(60, 60, "%", "percentage"))
    assert not overlaps(up_to, normalise(95, 99, "%", "percentage"))


def test_dose_units_are_normalised_and_keep_the_writers_digits():
    a = normalise(0.5, 1.0, "mg/kg/hr", "dose", numbers="0.5-1.0")
    b = normalise(0.5, 1.0, "mg/kg per hour", "dose")
    assert a.unit == b.unit == "mg/kg/hour"
    assert a.display == "0.5–1.0 mg/kg/hour"
    assert normalise(200, 200, "mg per session", "dose").unit == "mg"


def test_study_statistics_are_not_facts():
    assert normalise(24, 24, "trials", "study-statistic") is None


def test_scaled_counts():
    value = normalise(5e7, 5e7, "people", "count", "approx", "million")
    assert value.unit == "people" and value.low == 5e7 and value.display == "about 50 million"


# -- subject and measure --------------------------------------------------------------
def test_subject_and_measure_from_the_sentence():
    fact = only(
        facts_of(
            "# Ketamine\n\nKetamine infusions help 50-80% of people with CRPS.\n",
            ("50-80%", 50, 80, "%", "percentage"),
        )
    )
    assert (fact.subject, fact.measure, fact.subject_from) == ("crps", "response-rate", "clause")
    assert fact.qualifiers["treatment"] == "ketamine"


def test_subject_from_heading_and_from_lead_in():
    text = (
        "# Ketamine for Pain\n\n### Fibromyalgia\n\nResponse rates in small trials are 30-40%.\n\n"
        "## Summary\n\n- **CRPS**: 50-80% response rates\n"
    )
    heading, lead = facts_of(
        text, ("30-40%", 30, 40, "%", "percentage"), ("50-80%", 50, 80, "%", "percentage")
    )
    assert (heading.subject, heading.subject_from) == ("fibromyalgia", "heading")
    assert lead.subject == "crps" and lead.measure == "response-rate"


def test_subject_falls_back_to_the_title():
    fact = only(
        facts_of(
            "---\ntitle: Ketamine for CRPS\n---\n\nAbout 60% of patients respond.\n",
            ("60%", 60, 60, "%", "percentage"),
        )
    )
    assert (fact.subject, fact.subject_from) == ("crps", "title")


def test_prevalence_subject_is_what_people_have_and_the_rest_is_the_cohort():
    fact = only(
        facts_of(
            "# Pain\n\nUp to 85% of chronic pain patients experience depression.\n",
            ("Up to 85%", 85, 85, "%", "percentage", "upper", None, 1, "chronic pain patients"),
        )
    )
    assert (fact.subject, fact.measure, fact.value) == ("depression", "prevalence", "up to 85%")
    assert fact.qualifiers["cohort"] == "people with chronic pain"


def test_response_and_remission_in_one_sentence_are_different_measures():
    text = (
        "# Ketamine for Depression\n\nKetamine produces a response in 50-70% of people with depression, "
        "but remission in only 25-30%.\n"
    )
    response, remission = facts_of(
        text, ("50-70%", 50, 70, "%", "percentage"), ("25-30%", 25, 30, "%", "percentage")
    )
    assert response.measure == "response-rate" and remission.measure == "remission-rate"


def test_figures_in_clauses_take_their_own_subject():
    text = "# Ketamine\n\nResponse rates are about 50-80% in CRPS, compared with 30-40% in fibromyalgia.\n"
    crps, fibro = facts_of(
        text, ("50-80%", 50, 80, "%", "percentage", "approx"), ("30-40%", 30, 40, "%", "percentage")
    )
    assert (crps.subject, fibro.subject) == ("crps", "fibromyalgia")
    assert fibro.measure == "response-rate"


def test_dose_and_session_length_are_keyed_by_treatment():
    text = (
        "# Ketamine for Chronic Pain\n\n## Protocols\n\n- **Dose**: typically 0.5-1.0 mg/kg/hour\n"
        "- **Duration**: 4-6 hours per session\n"
    )
    dose, session = facts_of(
        text,
        ("0.5-1.0 mg/kg/hour", 0.5, 1.0, "mg/kg/hour", "dose"),
        ("4-6 hours per session", 4, 6, "hours", "dose"),
    )
    assert (dose.subject, dose.measure, dose.qualifiers["condition"]) == (
        "ketamine",
        "dose",
        "chronic pain",
    )
    assert (session.subject, session.measure) == ("ketamine", "session-length")


def test_a_side_effect_names_the_measure():
    fact = only(
        facts_of(
            "# Ketamine Side Effects\n\nNausea affects 5-10% of patients during an infusion.\n",
            ("5-10%", 5, 10, "%", "percentage"),
        )
    )
    assert (fact.subject, fact.measure, fact.measure_label) == (
        "ketamine",
        "side-effect:nausea",
        "nausea rate",
    )


def test_it_refers_to_the_previous_sentences_subject():
    text = (
        "# Semaglutide: Side Effects\n\nNausea is the most common side effect of semaglutide. "
        "In trials it affected 44% of participants.\n"
    )
    fact = only(facts_of(text, ("44%", 44, 44, "%", "percentage")))
    assert fact.measure == "side-effect:nausea" and fact.subject == "semaglutide"


# -- qualifiers ------------------------------------------------------------------------
def test_regimen_population_route_and_time_point():
    text = (
        "# Ketamine for Depression\n\nA single IV infusion produced response rates of 50-70% at 24 hours "
        "in adults with depression.\n"
    )
    fact = only(
        facts_of(
            text, ("50-70%", 50, 70, "%", "percentage"), ("24 hours", 24, 24, "hours", "duration")
        )
    )
    assert fact.qualifiers["regimen"] == "single"
    assert fact.qualifiers["route"] == "IV"
    assert fact.qualifiers["population"] == "adults"
    assert fact.timepoint == pytest.approx((1.0, 1.0))


def test_case_series_is_not_a_series_of_infusions():
    fact = only(
        facts_of(
            "# CRPS\n\nIn case series, 50-80% of people with CRPS respond to ketamine.\n",
            ("50-80%", 50, 80, "%", "percentage"),
        )
    )
    assert "regimen" not in fact.qualifiers


def test_placebo_arms_are_never_compared():
    text = "# Ketamine\n\nDissociation was reported by 41% of patients on ketamine versus 9% on placebo.\n"
    drug, placebo = facts_of(
        text, ("41%", 41, 41, "%", "percentage"), ("9%", 9, 9, "%", "percentage")
    )
    assert drug.key is not None
    assert placebo.comparator and placebo.key is None


def test_a_change_is_not_a_rate():
    text = (
        "# Ketamine for Depression\n\nResponse is defined as a 50% reduction in symptom scores.\n"
    )
    fact = only(facts_of(text, ("50%", 50, 50, "%", "percentage")))
    assert fact.key is None and "changed" in fact.not_compared


def test_a_titration_step_is_not_the_usual_dose():
    text = "# Semaglutide Dosing\n\n- Weeks 1-4: 0.25 mg once weekly\n"
    fact = only(facts_of(text, ("0.25 mg", 0.25, 0.25, "mg", "dose")))
    assert fact.measure == "dose" and fact.key is None


def test_a_named_study_is_marked():
    text = "# Ketamine\n\nIn a two-site trial of 73 patients, 64% of people with depression responded to ketamine.\n"
    assert only(facts_of(text, ("64%", 64, 64, "%", "percentage"))).study


# -- end to end, with the number grammar --------------------------------------------------
ARTICLE = """---
title: "Ketamine and Chronic Pain"
---

# Ketamine and Chronic Pain

An estimated 50 million Americans live with chronic pain, and many have tried several treatments.

Up to 85% of chronic pain patients experience depression at some point.

### CRPS

A review reported that 50-80% of CRPS patients improve with ketamine infusions, with effects lasting 1-6 months.

### Outpatient Protocols

- **Dose**: typically 0.5-1.0 mg/kg/hour
- **Duration**: 4-6 hours per session

## Key Takeaways

- **CRPS**: 50-80% response rates; effects lasting 1-6 months
"""


def _listed(facts, subject, measure):
    return [f for f in facts if f.subject == subject and f.measure == measure]


def test_end_to_end_facts_of_a_typical_article():
    facts = extract_facts(parse_article("a.md", ARTICLE))
    assert {f.value for f in _listed(facts, "crps", "response-rate")} == {"50–80%"}
    assert {f.value for f in _listed(facts, "crps", "duration-of-effect")} == {"1–6 months"}
    (count,) = _listed(facts, "chronic-pain", "prevalence")
    assert count.value == "about 50 million" and count.qualifiers["region"] == "US"
    (depression,) = _listed(facts, "depression", "prevalence")
    assert depression.value == "up to 85%"
    (dose,) = _listed(facts, "ketamine", "dose")
    assert dose.value == "0.5–1.0 mg/kg/hour"
    assert all(f.cited is False for f in facts)


def test_facts_command_text_and_json(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(main, ["facts", str(path)])
    assert text.exit_code == 0, text.output
    assert "CRPS" in text.output and "response rate" in text.output and "50–80%" in text.output
    assert "agrees registry us-adults-chronic-pain" in text.output
    assert "not compared" not in text.output or "not stated" in text.output
    result = runner.invoke(main, ["facts", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["facts"]
    crps = [r for r in rows if r["subject_id"] == "crps" and r["measure_id"] == "response-rate"]
    assert (
        crps and crps[0]["value"] == "50–80%" and crps[0]["cited"] is False and crps[0]["compared"]
    )
    assert {"file", "line", "subject", "measure", "value", "qualifiers", "cited"} <= set(crps[0])


def test_facts_command_keyed_only(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Notes\n\nWe saw 12 people last week and 3 of them came back.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["facts", str(path), "--keyed", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["facts"] == []
