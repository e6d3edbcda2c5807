"""Metadata rules (CL101-CL114): one finding per problem, at the right line, configurable."""

import json

import pytest
from click.testing import CliRunner
from conftest import DISCLAIMER, GOOD_FRONTMATTER

from lint.cli import main
from lint.engine.examples import run_example
from lint.engine.rules import load_registry

REGISTRY = load_registry()
TODAY = "2026-11-21"

# The target format, as in the user's CLINICAL_RESEARCH articles (own wording).
TARGET = (
    """---
title: "Ketamine Infusions for Nerve Pain"
slug: "ketamine-nerve-pain"
excerpt: "How low-dose ketamine infusions are used when nerve pain has not responded to first-line medicines, and what the trials show."
category: "CLINICAL_RESEARCH"
author: "Editorial Team"
publishedAt: "2026-01-08"
featuredImage: "/images/articles/placeholder.jpg"
tags: ["ketamine", "neuropathic pain", "CRPS"]
---

# Ketamine Infusions for Nerve Pain

Nerve pain is hard to treat.

"""
    + DISCLAIMER
)


def findings(code, text, path="example.md", **options):
    return run_example(
        REGISTRY, REGISTRY.rules[code], {"text": text, "path": path, "options": options}
    )


def metadata_findings(text, path="example.md", today=TODAY):
    out = []
    for rule in REGISTRY.sorted_rules():
        if rule.category == "metadata":
            opts = {"today": today} if "today" in REGISTRY.kinds[rule.check].options else {}
            out += run_example(REGISTRY, rule, {"text": text, "path": path, "options": opts})
    return out


def test_no_frontmatter_is_one_error_naming_every_required_field():
    found = findings("CL101", "top of page\n\nKetamine and chronic pain\n\nSome text.\n")
    assert len(found) == 1
    f = found[0]
    assert (f.line, f.column, f.severity) == (1, 1, "error")
    for field in (
        "title",
        "slug",
        "excerpt",
        "category",
        "author",
        "publishedAt",
        "featuredImage",
        "tags",
    ):
        assert field in f.message


def test_target_format_has_no_metadata_error_and_warns_on_placeholder_image():
    found = metadata_findings(TARGET)
    assert [f.severity for f in found if f.severity == "error"] == []
    assert [(f.code, f.line) for f in found] == [("CL111", 8)]
    assert "placeholder" in found[0].message


def test_one_finding_per_problem_at_the_key_or_the_fence():
    text = (
        '---\ntitle: ""\nslug: ketamine-for-crps\nexcerpt: "Enough words to make an excerpt long enough."\n'
        'author: ["A", "B"]\npublishedAt: 2026-03-02\ntags: []\n---\n\nBody.\n'
    )
    found = findings("CL101", text)
    by_message = {f.message: (f.line, f.column) for f in found}
    assert by_message == {
        "Metadata: required field 'category' is missing": (1, 1),
        "Metadata: required field 'featuredImage' is missing": (1, 1),
        "Metadata: 'title' is empty": (2, 1),
        "Metadata: 'author' must be text, not a list": (5, 1),
        "Metadata: 'tags' is an empty list": (7, 1),
    }


def test_yaml_dates_count_as_iso_strings():
    text = (
        GOOD_FRONTMATTER.replace('publishedAt: "2026-03-02"', "publishedAt: 2026-03-02")
        + "\nBody.\n"
    )
    assert findings("CL101", text) == []
    assert findings("CL102", text) == []


def test_blank_and_null_values_are_empty():
    text = (
        GOOD_FRONTMATTER.replace('author: "Editorial Team"', "author:").replace(
            'title: "Ketamine for CRPS"', 'title: "   "'
        )
        + "\nBody.\n"
    )
    assert sorted(f.message for f in findings("CL101", text)) == [
        "Metadata: 'author' is empty",
        "Metadata: 'title' is empty",
    ]


def test_extra_required_adds_fields_without_a_schema():
    text = GOOD_FRONTMATTER + "\nBody.\n"
    found = findings("CL101", text, **{"extra-required": ["medicalReviewer", "lastReviewed"]})
    assert [f.message for f in found] == [
        "Metadata: required field 'medicalReviewer' is missing",
        "Metadata: required field 'lastReviewed' is missing",
    ]


def test_invalid_schema_is_a_finding_not_a_crash():
    found = findings("CL101", GOOD_FRONTMATTER + "\nBody.\n", schema={"type": "no-such-type"})
    assert len(found) == 1 and "not a valid JSON Schema" in found[0].message


def _json(*args):
    result = CliRunner().invoke(
        main, ["check", *args, "--no-cache", "--format", "json"], catch_exceptions=False
    )
    return json.loads(result.output)


def test_schema_is_replaced_from_config_relative_to_the_config_file(tmp_path, write, monkeypatch):
    write("site/.contentlint.toml", '[rules.CL101]\nschema = "@schemas/mine.json"\n')
    write(
        "site/schemas/mine.json",
        json.dumps(
            {
                "type": "object",
                "required": ["title", "reviewer"],
                "properties": {"title": {"type": "string"}},
            }
        ),
    )
    write("site/articles/a.md", "---\ntitle: A\n---\n\nBody.\n")
    monkeypatch.chdir(tmp_path / "site" / "articles")
    doc = _json("a.md", "--select", "CL101")
    messages = [f["message"] for f in doc["files"][0]["findings"]]
    assert messages == ["Metadata: required field 'reviewer' is missing"]


def test_invalid_and_future_dates():
    text = '---\npublishedAt: "January 8, 2026"\nupdatedAt: "2026-02-30"\nlastReviewed: "2027-01-01"\n---\n\nB.\n'
    invalid = findings("CL102", text)
    assert [(f.line, f.message) for f in invalid] == [
        (2, "'publishedAt: January 8, 2026' is not an ISO-8601 date; write 2026-01-08"),
        (
            3,
            "'updatedAt: 2026-02-30' is not a real date (day is out of range for month); write YYYY-MM-DD, e.g. 2026-03-02",
        ),
    ]
    future = findings("CL103", text, today=TODAY)
    assert [(f.line, f.code) for f in future] == [(4, "CL103")]
    assert findings("CL103", text, today="2027-01-01") == []


def test_review_before_publication():
    text = '---\npublishedAt: "2026-03-01"\nlastReviewed: "2026-02-01"\nupdatedAt: "2026-04-01"\n---\n\nB.\n'
    found = findings("CL104", text)
    assert [(f.line, f.message) for f in found] == [
        (3, "'lastReviewed' (2026-02-01) is before 'publishedAt' (2026-03-01)")
    ]


def test_slug_format_and_file_name():
    assert (
        "try 'neuropathic-pain-ketamine'"
        in findings("CL105", '---\nslug: "Neuropathic_Pain_Ketamine"\n---\n')[0].message
    )
    text = '---\nslug: "ketamine-neuropathy"\n---\n\nB.\n'
    assert (
        findings("CL106", text, path="neuropathic-pain-ketamine.md") == []
    )  # off until configured
    found = findings("CL106", text, path="neuropathic-pain-ketamine.md", **{"match-filename": True})
    assert "neuropathic-pain-ketamine" in found[0].message
    assert (
        findings(
            "CL106", text, path="2024-01-02-ketamine-neuropathy.md", **{"match-filename": True}
        )
        == []
    )


def test_title_and_first_h1():
    text = '---\ntitle: "Fibromyalgia and Ketamine"\n---\n\n# Ketamine for Fibromyalgia\n\nB.\n'
    found = findings("CL107", text)
    assert [(f.line, f.severity) for f in found] == [(5, "warning")]


def test_excerpt_bounds_are_configurable():
    text = '---\nexcerpt: "Ketamine and migraine: the basics."\n---\n\nB.\n'
    assert "34 characters, fewer than 50" in findings("CL108", text)[0].message
    assert findings("CL108", text, min=20) == []


def test_duplicate_tag_points_at_the_repeat():
    text = '---\ntags: ["ketamine", "CRPS", "crps"]\n---\n\nB.\n'
    [f] = findings("CL109", text)
    assert (f.line, f.column, f.excerpt) == (2, 29, "crps")


def test_category_vocabulary_and_default_pattern():
    text = '---\ncategory: "clinical research"\n---\n\nB.\n'
    assert "try 'CLINICAL_RESEARCH'" in findings("CL110", text)[0].message
    found = findings("CL110", text, vocabulary=["CLINICAL_RESEARCH", "PATIENT_GUIDE"])
    assert "did you mean 'CLINICAL_RESEARCH'?" in found[0].message
    assert (
        findings("CL110", "---\ncategory: PATIENT_GUIDE\n---\n", vocabulary=["PATIENT_GUIDE"]) == []
    )


@pytest.mark.parametrize(
    "src,placeholder",
    [
        ("/images/articles/placeholder.jpg", True),
        ("/img/default.png", True),
        ("/img/no-image.webp", True),
        ("https://via.placeholder.com/600", True),
        ("/images/default-mode-network.png", False),
        ("/images/articles/crps.jpg", False),
        ("/images/test-results-chart.png", False),
    ],
)
def test_placeholder_featured_image(src, placeholder):
    assert bool(findings("CL111", f'---\nfeaturedImage: "{src}"\n---\n\nB.\n')) is placeholder


def test_featured_image_existence_is_checked_afresh_on_every_run(tmp_path, write, monkeypatch):
    write(".contentlint.toml", '[rules.CL112]\nstatic-root = "public"\n')
    write("content/articles/a.md", '---\nfeaturedImage: "/images/a.jpg"\n---\n\nBody.\n')
    write(
        "content/articles/b.md",
        '---\nfeaturedImage: "https://cdn.example.org/b.jpg"\n---\n\nBody.\n',
    )
    (tmp_path / "public" / "images").mkdir(parents=True)

    def missing():  # with the cache on: the image check must not be cached with the article
        result = CliRunner().invoke(main, ["check", ".", "--select", "CL112", "--format", "json"])
        files = json.loads(result.output)["files"]
        return [(file["path"], f["line"]) for file in files for f in file["findings"]]

    assert missing() == [("content/articles/a.md", 2)]
    (tmp_path / "public" / "images" / "a.jpg").write_bytes(b"\xff\xd8")
    assert missing() == []


def test_missing_static_root_is_reported():
    found = findings(
        "CL112",
        '---\nfeaturedImage: "/images/a.jpg"\n---\n\nBody.\n',
        **{"static-root": "no-such-folder-3f9"},
    )
    assert "static root 'no-such-folder-3f9' was not found" in found[0].message


@pytest.mark.parametrize(
    "key,hint",
    [
        ("publishedat", "publishedAt"),
        ("feature_image", "featuredImage"),
        ("catgory", "category"),
        ("subtitle", None),
        ("ogImage", None),
    ],
)
def test_unknown_key_suggests_the_closest_known_key(key, hint):
    [f] = findings("CL113", f"---\n{key}: x\n---\n\nB.\n")
    assert (f.line, f.column) == (2, 1)
    assert (f"did you mean '{hint}'?" in f.message) if hint else ("did you mean" not in f.message)


def test_suppression_key_is_known():
    assert findings("CL113", "---\ncontentlint-disable: [CL201]\n---\n\nB.\n") == []


@pytest.mark.parametrize(
    "reviewed,severity",
    [
        ("2026-01-01", None),
        ("2025-11-21", "warning"),  # 12 months to the day
        ("2024-11-22", "warning"),
        ("2024-11-21", "error"),  # 24 months
    ],
)
def test_currency_thresholds(reviewed, severity):
    text = f'---\npublishedAt: "2020-01-01"\nlastReviewed: "{reviewed}"\n---\n\nB.\n'
    found = findings("CL114", text, today=TODAY)
    assert [f.severity for f in found] == ([severity] if severity else [])
    if found:
        assert found[0].line == 3  # lastReviewed wins over the older publishedAt


def test_date_judgements_are_not_served_stale_from_the_cache(write, monkeypatch):
    """The cache keys on the file; the day of the run must still count."""
    import datetime as dt

    from lint.checks import frontmatter_values

    write("a.md", '---\npublishedAt: "2026-12-01"\nlastReviewed: "2026-12-01"\n---\n\nBody.\n')

    def codes_on(day):
        monkeypatch.setattr(frontmatter_values, "system_today", lambda: dt.date.fromisoformat(day))
        result = CliRunner().invoke(
            main, ["check", "a.md", "--select", "CL103,CL114", "--format", "json", "-j", "1"]
        )
        return [
            (f["rule"], f["severity"]) for f in json.loads(result.stdout)["files"][0]["findings"]
        ]

    assert codes_on("2026-11-21") == [("CL103", "error"), ("CL103", "error")]
    assert codes_on("2027-01-01") == []
    assert codes_on("2028-01-15") == [("CL114", "warning")]
    assert codes_on("2029-01-15") == [("CL114", "error")]


def test_currency_falls_back_to_publication_and_skips_undated():
    assert (
        findings("CL114", '---\npublishedAt: "2023-01-01"\n---\n', today=TODAY)[0].severity
        == "error"
    )
    assert findings("CL114", "---\ntitle: x\n---\n", today=TODAY) == []


def test_h1_after_body_text_is_not_the_title():
    text = (
        '---\ntitle: "Peer review request"\n---\n\nThis post shares a draft for comment.\n\n'
        "# **Depression**\n\nThe draft starts here.\n"
    )
    assert findings("CL107", text) == []
