"""The medical disclaimer: recognised by meaning, partial, misplaced, applicability."""

import pytest

from lint.analysis.disclaimer_match import analyse
from lint.engine.examples import run_example
from lint.engine.rules import load_registry
from lint.model.article import parse_article

REGISTRY = load_registry()
OPTIONS = REGISTRY.rules["CL201"].options


def status(text, **options):
    result = analyse(parse_article("a.md", text), {**OPTIONS, **options})
    return result.status, sorted(result.chosen.elements) if result.chosen else []


def codes(text, **options):
    out = []
    for code in ("CL201", "CL202", "CL203"):
        out += [
            f.code
            for f in run_example(REGISTRY, REGISTRY.rules[code], {"text": text, "options": options})
        ]
    return out


BODY = "# Ketamine\n\nInfusions are given over several days.\n\n"


@pytest.mark.parametrize(
    "disclaimer",
    [
        "*This article is for educational purposes only and is not medical advice. Consult your doctor.*",
        # The rewording: no "educational", but "not a substitute" and "seek the advice of".
        "The information on this page is not a substitute for professional medical advice, diagnosis or treatment. "
        "It is provided for general information only. Always seek the advice of your physician with any questions.",
        "This guide is intended for informational purposes only and should not be taken as medical advice. "
        "Speak with your physician or another qualified healthcare provider.",
        "*The information in this article is meant for general education and is not medical advice. Please consult "
        "a qualified health care provider who knows your history.*",
        "This article is educational and does not diagnose, treat, or prescribe. See a healthcare provider for "
        "personal concerns.",
        "*This article is for educational purposes and does not constitute medical advice. Treatment should be "
        "individualized by qualified healthcare providers familiar with your condition.*",
        "<small>**[Disclaimer](/disclaimer.html):** This article is for informational purposes only and should not "
        "be considered medical advice. It's always best to consult with a healthcare professional.</small>",
        # "no" negates too (it was a bare YAML `no`, read as False, so never matched).
        "*This article is for educational purposes only and gives no medical advice. Talk to your doctor.*",
        # Emphasis inside the phrases and a line break in the middle.
        "This article is for *educational* purposes\nand is **not** medical advice. Talk to your doctor.",
    ],
)
def test_rewordings_are_recognised(disclaimer):
    assert status(BODY + disclaimer + "\n") == ("present", ["consult", "not_advice", "purpose"])
    assert codes(BODY + disclaimer + "\n") == []


def test_missing_disclaimer_is_an_error_at_the_last_line():
    [f] = run_example(REGISTRY, REGISTRY.rules["CL201"], {"text": BODY + "Last line.\n"})
    assert (f.severity, f.line, f.excerpt) == ("error", 5, "Last line.")
    assert "not medical advice" in f.message


@pytest.mark.parametrize(
    "text,missing",
    [
        (
            BODY + "*Talk to your doctor before starting any treatment.*\n",
            "'for educational or informational purposes' and 'not medical advice'",
        ),
        (
            BODY + "*This article is for educational purposes only. Not medical advice.*\n",
            "'consult a qualified healthcare professional'",
        ),
        (
            BODY
            + "> *Note: This article is not medical advice. Always consult a licensed physician.*\n\n"
            "## More\n\nText.\n",
            "'for educational or informational purposes'",
        ),
    ],
)
def test_partial_disclaimer_names_what_is_missing(text, missing):
    found = run_example(REGISTRY, REGISTRY.rules["CL202"], {"text": text})
    assert len(found) == 1 and found[0].severity == "warning"
    assert f"lacks {missing}" in found[0].message
    assert "CL201" not in codes(text)


def test_elements_scattered_through_the_body_do_not_make_a_disclaimer():
    text = (
        BODY
        + "Consult your doctor before combining ketamine with other medicines, because several interact.\n\n"
        "## Background\n\nKetamine was first used as an anaesthetic in the 1960s and is still used that way "
        "in emergency medicine today, where it is valued for keeping breathing steady.\n"
    )
    # The referral told to the reader is one element of three (policy §7): a partial
    # disclaimer (CL202 warning), not a missing one, and not a misplaced disclaimer either.
    assert codes(text) == ["CL202"]


def test_body_statement_that_is_not_about_the_article_is_not_a_partial_disclaimer():
    text = (
        BODY
        + "Distraction is not a substitute for medical treatment, and anxiety disorders need care.\n\n"
        "## Next steps\n\nResearch continues on how immersive activities change pain perception over time.\n"
    )
    assert codes(text) == ["CL201"]


def test_quotation_and_code_do_not_count_but_callouts_do():
    quoted = (
        BODY
        + '> "This page is for informational purposes only and is not medical advice. Consult your doctor."\n'
    )
    attributed = (
        BODY
        + "> This page is for informational purposes only and is not medical advice. Consult your "
        "doctor.\n>\n> — Another clinic's website\n"
    )
    inline = (
        BODY
        + 'Their site says "this is for educational purposes only, not medical advice; consult your doctor".\n'
    )
    code = (
        BODY + "```\nFor educational purposes only. Not medical advice. Consult your doctor.\n```\n"
    )
    callout = (
        BODY + "> *Note: This article is for educational purposes only and is not medical advice. "
        "Consult your doctor.*\n"
    )
    for text in (quoted, attributed, inline, code):
        assert status(text)[0] == "missing", text
    assert status(callout)[0] == "present"
    assert status(callout, **{"count-callouts": False})[0] == "missing"


FULL = "*This article is for educational purposes only and is not medical advice. Consult your doctor.*\n"


def test_placement_end_start_and_back_matter():
    top = (
        "# FAQ\n\n"
        + FULL
        + "\n## Relief\n\nUsually weeks.\n\n## Key takeaways\n\n- Relief varies.\n"
    )
    [f] = run_example(REGISTRY, REGISTRY.rules["CL203"], {"text": top})
    assert f.line == 3 and "'Relief' (line 5) follows it" in f.message
    bottom = (
        "# FAQ\n\n## Relief\n\nUsually weeks.\n\n" + FULL + "\n## References\n\n1. Zhao 2018.\n"
    )
    assert codes(bottom) == []
    assert codes(top, placement="start") == []
    assert codes(bottom, placement="start") == ["CL203"]
    assert codes(top, placement="anywhere") == []


def test_a_well_placed_copy_makes_a_top_note_fine():
    text = "# FAQ\n\n" + FULL + "\n## Relief\n\nUsually weeks.\n\n" + FULL
    assert codes(text) == []


def test_headingless_article_needs_it_after_the_last_paragraph():
    late = "Intro paragraph.\n\n" + FULL + "\n" + "More text. " * 40 + "\n"
    assert codes(late) == ["CL203"]
    assert codes("Intro paragraph.\n\n" + FULL + "\nWritten by the team.\n") == []


def test_applicability_by_category_and_flag():
    news = "---\ncategory: NEWS\n---\n\nOpening hours change in May.\n"
    research = "---\ncategory: CLINICAL_RESEARCH\n---\n\nA trial of ketamine.\n"
    only = {"categories": ["CLINICAL_RESEARCH"]}
    assert codes(news, **only) == []
    assert codes(research, **only) == ["CL201"]
    assert codes("---\nrequiresDisclaimer: false\n---\n\nText.\n") == []
    assert codes("---\ncategory: NEWS\nrequiresDisclaimer: true\n---\n\nText.\n", **only) == [
        "CL201"
    ]


def test_projects_extend_or_replace_the_phrase_sets():
    text = BODY + "*Educational content. Not medical advice. Consult your doctor.*\n"
    assert status(text)[0] == "partial"
    assert status(text, extend={"purpose": ["educational content"]})[0] == "present"
    own = {"purpose": ["for your information"]}
    assert status(BODY + FULL, elements=own)[0] == "partial"
    assert (
        status(
            BODY + "For your information: not medical advice. Consult your doctor.\n", elements=own
        )[0]
        == "present"
    )


def test_bad_placement_option_is_a_config_error():
    from lint.model.errors import ConfigError

    with pytest.raises(ConfigError, match="placement"):
        status(BODY, placement="bottom")


@pytest.mark.parametrize(
    "referral",
    [
        "Always check with a pharmacist before adding an herbal product to your medicines.",
        "Please speak with your nurse before you begin the balance routine.",
        "- **Work with an experienced clinician** on a plan that fits you.",
        "If the pain persists for more than a week, call your doctor.",
        "It's important to talk to your doctor before you stop any medicine.",
        "You should consult a pharmacist before combining these products.",
    ],
)
def test_a_referral_told_to_the_reader_anywhere_is_a_partial_disclaimer(referral):
    text = (
        BODY
        + referral
        + "\n\n## Background\n\nKetamine was first used as an anaesthetic in the 1960s and is "
        "still used that way in emergency medicine today, where it keeps breathing steady.\n"
    )
    assert status(text) == ("partial", ["consult"])
    assert codes(text) == ["CL202"]


@pytest.mark.parametrize(
    "mention",
    [
        "After a week she was calling her doctor every day.",
        "- A written plan for calling the clinic out of hours",
        "- **Follow-up matters.** Talking with your care team about timing keeps costs down.",
        "Few patients know the brand names their physician prescribes.",
    ],
)
def test_a_referral_told_as_a_story_or_description_is_not_a_disclaimer(mention):
    text = (
        BODY
        + mention
        + "\n\n## Background\n\nKetamine was first used as an anaesthetic in the 1960s and is "
        "still used that way in emergency medicine today, where it keeps breathing steady.\n"
    )
    assert status(text)[0] == "missing"


def test_referral_told_to_the_reader_before_a_short_last_section_is_not_misplaced():
    # Advice has no place to be in: a short section after it must not make it a misplaced disclaimer.
    text = (
        "# Knee pain\n\nIce the knee for a few minutes after a run. If the swelling stays, see your doctor.\n\n"
        "## Shoes\n\nA softer shoe may help some runners.\n"
    )
    assert codes(text) == ["CL202"]
