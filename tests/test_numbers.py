"""The number grammar: what is a claim candidate, its kind, values, qualifier and span."""

import pytest
from conftest import GOOD_FRONTMATTER

from lint.analysis.numbers import KINDS, NumericMention, extract_mentions
from lint.model.article import parse_article


def mentions(body: str) -> list[NumericMention]:
    return extract_mentions(parse_article("a.md", GOOD_FRONTMATTER + "\n# Title\n\n" + body + "\n"))


def kinds_and_spans(body: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in mentions(body)]


@pytest.mark.parametrize(
    "body,kind,span",
    [
        # percentages, in every way of writing them
        ("About 50-80% of patients respond.", "percentage", "About 50-80% of patients"),
        ("Response was 50–80 % in the trials.", "percentage", "50–80 %"),
        ("Rates ranged from 50% to 80% overall.", "percentage", "50% to 80%"),
        (
            "Some 50 to 80 percent of people respond.",
            "percentage",
            "Some 50 to 80 percent of people",
        ),
        ("Between 50 and 80 per cent respond.", "percentage", "Between 50 and 80 per cent"),
        (
            "Up to 85% of chronic pain patients experience depression.",
            "percentage",
            "Up to 85% of chronic pain patients",
        ),
        # counts of people or cases
        (
            "For the estimated 50 million Americans with pain.",
            "count",
            "estimated 50 million Americans",
        ),
        (
            "Chronic pain affects millions of individuals worldwide.",
            "count",
            "millions of individuals",
        ),
        ("Over 20,000 men were screened.", "count", "Over 20,000 men"),
        ("There are roughly 20 million of them.", "count", "roughly 20 million of them"),
        # ratios and fractions
        ("One in five adults has chronic pain.", "ratio", "One in five adults"),
        ("Two-thirds of patients improve.", "ratio", "Two-thirds of patients"),
        ("Nearly half of all adults are affected.", "ratio", "Nearly half of all adults"),
        ("A third of patients relapse.", "ratio", "A third of patients"),
        ("1 out of 4 people stop treatment.", "ratio", "1 out of 4 people"),
        # multipliers
        (
            "Smokers are three times more likely to develop it.",
            "multiplier",
            "three times more likely",
        ),
        ("It works 2x faster.", "multiplier", "2x faster"),
        ("The risk rose 3-fold after surgery.", "multiplier", "3-fold"),
        ("The number of prescriptions doubled.", "multiplier", "doubled"),
        ("Depression is twice as common in women.", "multiplier", "twice as common"),
        # risk changes
        (
            "Exercise was linked to a 28% lower risk of death.",
            "risk-change",
            "28% lower risk of death",
        ),
        ("Statins reduce the risk of stroke by 30%.", "risk-change", "30%"),
        ("Quitting cuts your excess risk of heart disease in half.", "risk-change", "in half"),
        ("The rate fell 1.5 percentage points.", "risk-change", "1.5 percentage points"),
        # durations of effect
        ("Effects lasting 1-6 months were reported.", "duration", "1-6 months"),
        ("Relief typically lasts 2-3 weeks.", "duration", "2-3 weeks"),
        ("Attacks can last up to 72 hours.", "duration", "up to 72 hours"),
        ("The benefit had faded by week 12.", "duration", "by week 12"),
        # doses and protocols
        ("The dose is 0.5-1.0 mg/kg/hour.", "dose", "0.5-1.0 mg/kg/hour"),
        ("Infusions run 4-6 hours per session.", "dose", "4-6 hours per session"),
        ("A series of daily infusions over 3-5 days.", "dose", "3-5 days"),
        ("Take 40mg twice daily.", "dose", "40mg"),
        ("Sessions are given 3 times a week.", "dose", "3 times a week"),
        ("Most patients need 6 infusions.", "dose", "6 infusions"),
        ("The average adult needs 7 to 9 hours of sleep.", "dose", "7 to 9 hours"),
        # study statistics
        ("A meta-analysis of 24 trials found benefit.", "study-statistic", "24 trials"),
        ("Patients were enrolled (n = 120).", "study-statistic", "n = 120"),
        ("The difference was significant (p < 0.05).", "study-statistic", "p < 0.05"),
        ("Men were followed for a median of 9 years.", "study-statistic", "a median of 9 years"),
        ("Of the patients, 41 dropped out.", "study-statistic", "41 dropped out"),
        # year-dated studies
        ("A 2018 review found benefit.", "year-finding", "A 2018 review"),
        (
            "A 2020 randomized controlled trial found relief.",
            "year-finding",
            "A 2020 randomized controlled trial",
        ),
        # measurements
        ("Participants lost 15.3 kg on average.", "measurement", "15.3 kg"),
        ("A fasting glucose above 126 mg/dL means diabetes.", "measurement", "above 126 mg/dL"),
        ("Readings above 130/80 mmHg count as hypertension.", "measurement", "above 130/80 mmHg"),
    ],
)
def test_kind_and_span(body, kind, span):
    assert (kind, span) in kinds_and_spans(body), kinds_and_spans(body)


def test_every_kind_is_documented():
    assert {
        "percentage",
        "count",
        "ratio",
        "multiplier",
        "risk-change",
        "duration",
        "dose",
        "study-statistic",
        "year-finding",
    } <= set(KINDS)


@pytest.mark.parametrize(
    "body,low,high,unit,qualifier,scale",
    [
        ("Up to 85% of patients respond.", 85, 85, "%", "upper", None),
        ("More than 20,000 men took part.", 20000, 20000, "people", "lower", None),
        ("About 50 million Americans live with pain.", 5e7, 5e7, "people", "approx", "million"),
        ("Between 2 and 3 million adults use it.", 2e6, 3e6, "people", "exact", "million"),
        ("One in five adults has chronic pain.", 0.2, 0.2, "fraction", "exact", None),
        ("Nearly half of all adults are affected.", 0.5, 0.5, "fraction", "approx", None),
        ("Two-thirds of patients improve.", 2 / 3, 2 / 3, "fraction", "exact", None),
        ("It is three times more likely.", 3, 3, "x", "exact", None),
        ("Effects lasting one to six months were seen.", 1, 6, "months", "exact", None),
        ("The dose is 0.5-1.0 mg/kg/hr.", 0.5, 1.0, "mg/kg/hour", "exact", None),
        (
            "The weight change was −13.4 to −11.5 percentage points.",
            -13.4,
            -11.5,
            "percentage points",
            "exact",
            None,
        ),
    ],
)
def test_values(body, low, high, unit, qualifier, scale):
    found = mentions(body)
    assert found, body
    m = found[0]
    assert (m.low, m.high, m.unit, m.qualifier, m.scale) == (
        pytest.approx(low),
        pytest.approx(high),
        unit,
        qualifier,
        scale,
    )


# -- not claims: every case the issue lists, and their cousins ------------------
@pytest.mark.parametrize(
    "body",
    [
        # numbers inside names
        "COVID-19 changed how clinics work.",
        "People with type 2 diabetes need regular checks.",
        "Vitamin B12 and omega-3 matter for nerves.",
        "It acts on 5-HT2A receptors and is broken down by CYP3A4.",
        "A Phase 3 trial is under way.",
        "Norwood 2-4 is early hair loss.",
        "- ➤ Our Zone 2 plan is gentle.",
        "The PHQ-9 and GAD-7 are short questionnaires.",
        # list numbering, ordinals, steps
        "Five strategies: 1) add minoxidil 2) sleep more.",
        "This is the 3rd time and the second visit.",
        "Step 2 is to call your doctor.",
        # dates, times, phone numbers, 24/7
        "The clinic opened on March 3, 2021 at 10:30 am.",
        "It was approved on 12/03/2019.",
        "In 2019 the FDA approved esketamine.",
        "The 1990s saw new antidepressants.",
        "Call us on 555-123-4567 or 1-800-273-8255.",
        "Our nurses are available 24/7.",
        "We answer calls 24 hours a day, 7 days a week.",
        # ages in eligibility statements
        "The study is open to adults 18 and older.",
        "Patients aged 18-65 years were eligible.",
        "Adults 65 years and older should ask first.",
        "She was a 45-year-old teacher.",
        # money, narrative, background time, things that are not figures
        "It costs $400 per infusion.",
        "Over the past 20 years, research has grown.",
        "I have lived with pain for 15 years.",
        "Dr. Smith has practiced for 20 years.",
        "The two conditions share circuits.",
        "One of the options is ketamine.",
        "Two patients told me it helped.",
        "Half-life matters, and double-blind trials are the gold standard.",
        "Ask about the 12-week program.",
        "Patients have often failed at least two adequate antidepressant trials.",
        "Switch to the 2.4mg dose pen when your provider says so.",
    ],
)
def test_not_a_claim(body):
    assert kinds_and_spans(body) == []


def test_numbers_in_code_urls_images_and_footnote_markers_are_skipped():
    body = (
        "Run `dose = 50%` in code, see https://example.org/50-percent-of-people and "
        "![chart of 80% of patients](img/80-percent.png). A note[^12] here.\n\n"
        "```\n60% of patients\n```\n\n[^12]: 70% of patients, Smith 2020."
    )
    assert kinds_and_spans(body) == []


def test_citation_markers_are_not_figures():
    body = (
        "Pain fell (Smith et al., 2021) [12] in most cases¹ (doi:10.1000/182, PMID: 12345678).\n\n"
        "## References\n\n1. Smith J. 2021. Pain 12(3):45-67, 40% of people."
    )
    assert kinds_and_spans(body) == []


def test_frontmatter_is_never_read():
    text = '---\ntitle: "50% of patients"\nexcerpt: "Up to 85% of people"\n---\n\n# Title\n\nNo figures.\n'
    assert extract_mentions(parse_article("a.md", text)) == []


def test_headings_are_extracted_with_their_block():
    article = parse_article("a.md", "# Title\n\n## 50% of patients respond\n\nText.\n")
    found = extract_mentions(article)
    assert [m.text for m in found] == ["50% of patients"]
    assert article.blocks[found[0].block].kind == "heading"


def test_offsets_point_into_the_file():
    text = (
        GOOD_FRONTMATTER + "\n# Title\n\nFirst sentence. Up to 85% of patients respond. Last one.\n"
    )
    article = parse_article("a.md", text)
    (m,) = extract_mentions(article)
    assert text[m.start : m.end] == m.text == "Up to 85% of patients"
    assert text[m.number_start : m.number_end] == "85%"
    assert text[m.sentence_start : m.sentence_end] == "Up to 85% of patients respond."
    assert article.blocks[m.block].start <= m.start < article.blocks[m.block].end
    assert m.noun == "patients"


def test_table_cells_are_read_one_by_one_with_their_header():
    body = (
        "| Drug | Weight loss | Trial length |\n|---|---|---|\n"
        "| Semaglutide | 15% | 68 weeks |\n| Tirzepatide | 21% | 72 weeks |"
    )
    assert kinds_and_spans(body) == [
        ("percentage", "15%"),
        ("duration", "68 weeks"),
        ("percentage", "21%"),
        ("duration", "72 weeks"),
    ]


def test_internal_link_titles_are_not_claims():
    assert kinds_and_spans("Read [why 80% of patients respond](/blog/why-patients-respond).") == []


def test_result_is_cached_on_the_article():
    article = parse_article("a.md", "# T\n\nUp to 85% of patients respond.\n")
    assert extract_mentions(article) is extract_mentions(article)


def test_a_capitalised_word_after_a_bullet_symbol_opens_the_sentence():
    # "Only 1 in 5" after a CMS bullet (➤, •) is not a name with a number ("Windows 10").
    found = mentions("- ➤ Only 1 in 5 adults with high blood pressure have it under control.")
    assert [(m.text, m.unit) for m in found] == [("1 in 5 adults", "fraction")]
