"""CL301 unsupported-numeric-claim, end to end through the engine."""

from dataclasses import replace

import pytest

from lint.engine.pipeline import analyse, finish
from lint.engine.rules import load_registry

REGISTRY = load_registry()

# The figures of the user's CRPS article (seed 003), in its layout: frontmatter with
# figures in it, figures in headings, lists with bold lead-ins, a Key Takeaways summary.
SEED_003_LIKE = """---
title: "Chronic Pain and Ketamine: 50 Years of Use"
excerpt: "Up to 85% of chronic pain patients have depression; ketamine helps 50-80% with CRPS."
category: "CLINICAL_RESEARCH"
---

# Chronic Pain and Ketamine: Beyond Mental Health Applications

For the estimated 50 million Americans living with chronic pain, ketamine represents a different approach.

### The Mind-Body Connection

- Up to 85% of chronic pain patients experience depression
- Depression worsens pain perception

### Complex Regional Pain Syndrome (CRPS)

- A landmark German study using ketamine coma showed dramatic improvements in some patients
- Effects can last weeks to months in responders

A 2018 review found that 50-80% of CRPS patients experience significant improvement with ketamine infusions, with effects lasting 1-6 months.

A 2020 randomized controlled trial found that ketamine infusions produced significant reductions in fibromyalgia pain intensity.

- A Cochrane review found moderate-quality evidence for short-term benefit

**Typical Protocol:**
- **Dose**: Higher than depression protocols, often 0.5-1.0 mg/kg/hour
- **Duration**: 4-6 hours per session (longer than depression infusions)
- **Frequency**: Often a series of daily infusions over 3-5 days

### Effectiveness Numbers

- **CRPS**: 50-80% response rates; effects lasting 1-6 months

## Key Takeaways

- **CRPS shows the strongest evidence** — Response rates of 50-80% with effects lasting months
"""


def findings(text: str, codes=("CL301",), **options):
    rules = [
        REGISTRY.rules[c].with_options(options) if options else REGISTRY.rules[c] for c in codes
    ]
    result = analyse("article.md", text.encode("utf-8"), rules, REGISTRY)
    finish([result], rules, REGISTRY, {})
    return [f for f in result.findings if f.code in codes]


def flagged(text: str, **options) -> list[str]:
    lines = text.split("\n")
    out = []
    for f in findings(text, **options):
        assert f.line == f.end_line
        out.append(lines[f.line - 1][f.column - 1 : f.end_column])
    return out


def test_seed_003_figures_are_flagged():
    spans = flagged(SEED_003_LIKE)
    for expected in [
        "50 million Americans",
        "Up to 85%",
        "50-80% of CRPS patients",
        "0.5-1.0 mg/kg/hour",
        "4-6 hours",
        "3-5 days",
        "50-80% response rates",
    ]:
        assert any(expected in s for s in spans), (expected, spans)
    # the Key Takeaways' repeat of 50-80% is cited nowhere, so it is flagged too
    takeaways = [f for f in findings(SEED_003_LIKE) if "Response rates of" in f.line_text]
    assert len(takeaways) == 1 and "nor is the same figure at line" in takeaways[0].message


def test_seed_003_nothing_in_headings_or_frontmatter():
    body_start = SEED_003_LIKE.index("\n---\n", 4) + 5
    first_body_line = SEED_003_LIKE[:body_start].count("\n") + 1
    for f in findings(SEED_003_LIKE, codes=("CL301", "CL401", "CL402")):
        assert f.line >= first_body_line
        assert not f.line_text.startswith("#"), f.line_text


def test_message_names_the_claim_and_the_missing_support():
    (f,) = findings("# T\n\n- Up to 85% of chronic pain patients experience depression\n")
    assert f.message == (
        "Statistic 'Up to 85% of chronic pain patients' has no citation: "
        "add a link, footnote or reference"
    )
    assert f.severity == "error" and f.category == "numeric-claim"


CITED = [  # one of each citation form
    ("approach.", "approach ([CDC](https://www.cdc.gov/mmwr/volumes/67/wr/mm6736a2.htm))."),
    ("experience depression\n", "experience depression (Bair et al., 2003)\n"),
    ("with effects lasting 1-6 months.", "with effects lasting 1-6 months.[^1]"),
    ("fibromyalgia pain intensity.", "fibromyalgia pain intensity (doi:10.1093/pm/pnaa123)."),
    ("often 0.5-1.0 mg/kg/hour", "often 0.5-1.0 mg/kg/hour [1]"),
    ("(longer than depression infusions)", "(longer than depression infusions) [1]"),
    ("over 3-5 days", "over 3-5 days [1]"),
    ("effects lasting 1-6 months\n", "effects lasting 1-6 months (PMID: 29870457)\n"),
]


def test_cited_versions_give_no_finding():
    cited = SEED_003_LIKE
    for old, new in CITED:
        assert old in cited
        cited = cited.replace(old, new)
    cited += (
        "\n## References\n\n1. Cohen SP et al. Consensus guidelines on intravenous ketamine. "
        "Reg Anesth Pain Med. 2018.\n\n[^1]: Zhao J et al. Reg Anesth Pain Med. 2018.\n"
    )
    assert flagged(cited) == []


@pytest.mark.parametrize(
    "body",
    [
        "COVID-19 and type 2 diabetes raise the risk, as do low vitamin B12 and omega-3.",
        "Step 2: call 555-123-4567, open 24/7, for adults 18 and older, on March 3, 2021.",
        "The 5-HT2A receptor and CYP3A4 matter; a Phase 3 trial is under way.",
    ],
)
def test_not_claims_are_not_flagged(body):
    assert flagged(f"# T\n\n{body}\n") == []


def test_seed_000_plain_text_millions_of_individuals():
    text = (
        "top of page\n\nKetamine and Chronic Pain Management\n\nChronic pain, a complex and often debilitating "
        "condition, affects millions of individuals worldwide, significantly impacting quality of life.\n"
    )
    assert flagged(text) == ["millions of individuals"]


def test_severity_per_kind():
    text = "# T\n\nUp to 85% of patients respond, with effects lasting 1-6 months.\n"
    by_kind = {f.message.split(" '")[0]: f.severity for f in findings(text)}
    assert by_kind == {"Statistic": "error", "Duration": "warning"}
    quiet = findings(text, **{"severity-by-kind": {"duration": "off", "percentage": "info"}})
    assert [(f.severity, f.message.split(" '")[0]) for f in quiet] == [("info", "Statistic")]


def test_default_severity_follows_a_user_override_of_the_rule():
    rule = replace(REGISTRY.rules["CL301"], severity="warning")
    result = analyse("a.md", b"# T\n\nUp to 85% of patients respond.\n", [rule], REGISTRY)
    assert [f.severity for f in result.findings] == ["warning"]


def test_dated_study_is_a_claim_only_without_figures():
    with_figures = flagged("# T\n\nA 2018 review found that 50-80% of patients improve.\n")
    assert with_figures == ["50-80% of patients"]
    alone = findings(
        "# T\n\nA 2020 randomized controlled trial found that infusions reduce pain.\n"
    )
    assert [f.message for f in alone] == [
        "Dated study 'A 2020 randomized controlled trial' has no citation: add a link, footnote or reference"
    ]


def test_a_list_of_doses_is_one_finding():
    (f,) = findings("# T\n\n- Doses: 0.25mg, 0.5mg, 1mg or 2mg weekly\n")
    assert "'0.25mg, 0.5mg, 1mg or 2mg weekly'" in f.message


def test_a_share_of_people_and_its_outcome_threshold_are_one_finding():
    # One claim, two numbers: the finding spans both instead of reporting the cut-off twice.
    assert flagged("# T\n\nAbout 10-15% of people lose less than 5% of their weight.\n") == [
        "About 10-15% of people lose less than 5% of their weight"
    ]


def test_unrelated_figures_in_one_sentence_stay_separate():
    assert flagged("# T\n\n60% of patients responded, and 30% of patients relapsed.\n") == [
        "60% of patients",
        "30% of patients",
    ]


@pytest.mark.parametrize(
    "text, claim",
    [
        # one regimen or one study size: one defect (policy §1, "eight sessions over four weeks")
        (
            "A usual course is five infusions over two weeks at most clinics.",
            "five infusions over two weeks",
        ),
        ("Patients get 6 doses of 25 mg each before the review.", "6 doses of 25 mg"),
        (
            "An analysis of four trials that included 120 patients who received a total of 300 infusions "
            "found little change.",
            "four trials that included 120 patients who received a total of 300 infusions",
        ),
        # a restatement or conversion in parentheses is the same figure (policy §2)
        ("Only 1 in 3 adults (33%) reach the goal.", "1 in 3 adults (33%)"),
        ("Take two puffs (= 20 mg) at bedtime.", "two puffs (= 20 mg)"),
    ],
)
def test_one_fact_in_a_sentence_is_one_finding(text, claim):
    (f,) = findings("# T\n\n" + text + "\n")
    assert f"'{claim}'" in f.message


def test_the_same_figure_twice_in_a_sentence_is_one_finding():
    assert flagged(
        "# T\n\nTake one spray, wait 15 minutes, then take another spray and wait 15 minutes before the next dose.\n"
    ) == ["15 minutes"]


@pytest.mark.parametrize(
    "text",
    [
        "- **Example**: 100 mg/week total = 50 mg Monday + 50 mg Thursday\n",
        "Example: a 220-pound person who loses 15% loses 33 pounds.\n",
    ],
)
def test_worked_examples_are_not_claims(text):
    assert flagged(text) == []


def test_for_example_sentence_is_still_a_claim():
    assert flagged("For example, 30% of patients stop treatment early.\n") == ["30% of patients"]
