"""Issue 9: figures that are claims but read as labels, and figures that are not claims.

Every sentence here is invented for the test."""

import pytest

from lint.engine.pipeline import analyse, finish
from lint.engine.rules import load_registry

REGISTRY = load_registry()


def flagged(text: str, code: str = "CL301") -> list[str]:
    rules = [REGISTRY.rules[code]]
    result = analyse("a.md", text.encode("utf-8"), rules, REGISTRY)
    finish([result], rules, REGISTRY, {})
    lines = text.split("\n")
    return [
        lines[f.line - 1][f.column - 1 : f.end_column] for f in result.findings if f.code == code
    ]


@pytest.mark.parametrize(
    "body,figure",
    [
        ("**Days 2-5**: most people notice less stiffness.", "Days 2-5"),
        ("- Month 4: First visible regrowth", "Month 4"),
        ("- **Weeks 3-6:** Cravings fade, sleep improves", "Weeks 3-6"),
        ("**Beyond 10 Days:**\n\n- Mood keeps improving", "Beyond 10 Days"),
        ("Joint pain peaks on days 3-4 after the first dose.", "days 3-4"),
        ("By week 10, most people feel normal again.", "By week 10"),
    ],
)
def test_onset_timelines_are_timing_claims(body, figure):
    assert figure in " ".join(flagged(f"# T\n\n{body}\n"))


@pytest.mark.parametrize(
    "body",
    [
        "- Week 2-3: Acute Series",
        "- Week 1: Assessment and Planning",
        "Plan a quiet weekend for days 2-3 after the dose.",
        "If you're at week 5 and still sore, call us.",
    ],
)
def test_plans_phases_and_advice_are_not(body):
    assert flagged(f"# T\n\n{body}\n") == []


@pytest.mark.parametrize(
    "body",
    [
        # hypotheticals and the writer's arithmetic
        "If you weigh 180 pounds and lose 5%, that is 9 pounds.",
        "For a 150-pound person, that works out to 12-15 pounds.",
        "**Worked out**: For a 90 kg adult:\n\n- Half of people lose 9 kg\n- A quarter lose 14 kg",
        # a strength used as a name, or stated again
        "Ask whether the 10 mg tablet is right for you.",
        # a bold pseudo-heading
        "**The 120 Threshold**",
    ],
)
def test_figures_that_are_not_claims(body):
    assert flagged(f"# T\n\n{body}\n") == []


def test_a_strength_stated_again_refers_back():
    text = (
        "# T\n\nThe usual starting dose is 5 mg daily.\n\nMost people stay at 5 mg for a month.\n"
    )
    assert flagged(text) == ["5 mg daily"]


def test_a_patient_story_section_states_no_claims():
    text = (
        "# Knee pain\n\nAbout 25% of adults report knee pain.\n\n## Case Example\n\n"
        "Her pain fell by 60% after 6 sessions, and she walked 5 km by week 8.\n"
    )
    assert flagged(text) == ["About 25% of adults"]


def test_a_sentence_that_refers_back_to_the_cited_study_is_covered():
    text = (
        "# T\n\nA trial ([Okoro et al., 2021](https://example.org/t)) enrolled adults with gout.\n\n"
        "In that study, 41% of the placebo group had a flare.\n\n"
        "Elsewhere, 30% of adults have joint pain.\n"
    )
    assert flagged(text) == ["30% of adults"]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a year alone cites nothing, in a title or in a heading
        (
            "# Knee Pain Guide (2025)\n\nUp to 30% of adults have knee pain.\n",
            ["Up to 30% of adults"],
        ),
        (
            "# T\n\n## Knee pain (2024 update)\n\nUp to 30% of adults have knee pain.\n",
            ["Up to 30% of adults"],
        ),
        (
            "# T\n\nThe Knee Pain Guide (2025) says 30% of adults have knee pain.\n",
            ["30% of adults"],
        ),
        # a heading with a link, not an author and a year, covers nothing below it
        (
            "# T\n\n## [A knee trial](https://example.org/k)\n\nUp to 30% of adults improved.\n",
            ["Up to 30% of adults"],
        ),
        # a heading that names and cites one study covers its section, and only that
        (
            "# T\n\n## Osei et al. (2019)\n\nUp to 30% of adults improved.\n\n## Other\n\nAbout 20% of adults relapse.\n",
            ["About 20% of adults"],
        ),
        # an author and a year in prose are a citation
        ("# T\n\nOsei (2019) found that 30% of adults improved.\n", []),
    ],
)
def test_citation_scope(text, expected):
    assert flagged(text) == expected


@pytest.mark.parametrize(
    "body,expected",
    [
        ("Most people notice relief within 10+ days.", ["10+ days"]),
        ("Over 40+ trials have tested it.", ["Over 40+ trials"]),
        ("Best results come with 90%+ adherence.", ["90%"]),
        ("Adults 65+ should ask about the vaccine.", []),
    ],
)
def test_lower_bounds_are_not_ages(body, expected):
    assert flagged(f"# T\n\n{body}\n") == expected


@pytest.mark.parametrize(
    "body",
    [
        "The numbers from these three studies are striking.",
        "I usually start patients at about 25 mg.",
        "Going from 10 mg to 15 mg (15 mg = 50% more) is a big step.",
        "Walk briskly for 30 minutes on most days, and lift weights 2-3x/week.",
    ],
)
def test_more_figures_that_are_not_claims(body):
    assert flagged(f"# T\n\n{body}\n") == []


def test_an_outcome_in_our_clinic_is_still_a_claim():
    assert flagged("# T\n\nIn our clinic, 4 out of 5 patients feel better.\n") == [
        "4 out of 5 patients"
    ]


def test_a_figure_repeated_from_a_cited_sentence_refers_back():
    text = (
        "# T\n\nScores fell 12 points ([Ade et al., 2020](https://example.org/a)).\n\n"
        "In the control group it was also 12 points.\n"
    )
    assert flagged(text) == []


@pytest.mark.parametrize(
    "body,expected",
    [
        ("Falls are the second leading cause of injury death.", ["second leading cause"]),
        ("Stroke is the 5th leading cause of death.", ["5th leading cause"]),
        ("Growth cycles are 2-6 months long.", ["2-6 months"]),
    ],
)
def test_ranks_and_timelines_are_claims(body, expected):
    assert flagged(f"# T\n\n{body}\n") == expected


def test_a_citation_in_a_link_after_et_al_covers_its_sentence():
    text = "# T\n\nA review by [Osei et al.](https://example.org/r) found 40 relevant trials.\n"
    assert flagged(text) == []


def test_a_timeline_label_yields_to_the_figure_after_it():
    assert flagged("# T\n\n- **Month 2**: 0.5 mg weekly\n") == ["0.5 mg weekly"]
