"""`contentlint init` on invented sites: the inferred schema, the options, never clobbering a config."""

import json

import pytest
import yaml
from click.testing import CliRunner
from conftest import DISCLAIMER
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lint.checks import date_format, frontmatter_schema, unknown_keys, vocabulary
from lint.cli import main
from lint.commands.init_infer import infer
from lint.commands.init_stats import category_like, date_style
from lint.engine.config import tomllib


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def post(title, date, category, tags, extra=""):
    return (
        f'---\nlayout: post\ntitle: "{title}"\ndate: {date}\ncategory: "{category}"\n'
        f'tags: [{", ".join(tags)}]\nauthor: "Sam Writer"\n{extra}---\n\n# {title}\n\n'
        "A short plain paragraph about sleep habits.\n\n" + DISCLAIMER
    )


@pytest.fixture
def site(write):
    """Six posts in one invented format: snake-free keys, two categories, one optional key."""
    write(
        "site/one.md",
        post("Sleep and light", "2026-01-05", "Habits", ["sleep"], 'subtitle: "Evening"\n'),
    )
    write("site/two.md", post("Naps at work", "2026-02-11", "Habits", ["sleep", "work"]))
    write("site/three.md", post("Caffeine timing", "2026-03-02", "Nutrition", ["coffee"]))
    write("site/four.md", post("Warm milk myths", "2026-04-20", "Nutrition", ["milk"]))
    write("site/five.md", post("Screens at night", "2026-05-14", "Habits", ["screens"]))
    write("site/six.md", post("Weekend lie-ins", "2026-06-01", "Nutrition", ["sleep"]))
    return "site"


def metadata_codes(output):
    return {
        line.split()[1] for line in output.splitlines() if " CL1" in line and ":" in line.split()[0]
    }


def test_defaults_block_the_site_and_init_fixes_that(site, tmp_path):
    before = invoke("check", site, "--no-cache", "--select", "CL1", "--format", "json")
    assert {f["rule"] for e in json.loads(before.output)["files"] for f in e["findings"]} & {
        "CL101",
        "CL113",
    }

    result = invoke("init", site, "--no-preview")
    assert result.exit_code == 0, result.output
    assert "required: layout (6/6), title (6/6), date (6/6)" in result.output
    config = tomllib.loads((tmp_path / "site/.contentlint.toml").read_text())
    schema = json.loads((tmp_path / "site/contentlint.schema.json").read_text())

    assert config["rules"]["CL101"]["schema"] == "@contentlint.schema.json"
    assert config["rules"]["CL113"]["schema"] == "@contentlint.schema.json"
    assert set(schema["required"]) == {"layout", "title", "date", "category", "tags", "author"}
    assert "subtitle" in schema["properties"] and "subtitle" not in schema["required"]
    assert schema["properties"]["date"]["format"] == "date"
    assert schema["properties"]["tags"]["type"] == "array"
    assert schema["properties"]["layout"]["enum"] == ["post"]  # one value, used six times
    assert "enum" not in schema["properties"]["title"]
    assert config["rules"]["CL110"]["vocabulary"] == ["Habits", "Nutrition"]
    assert config["rules"]["CL104"]["published"] == "date"

    after = invoke(
        "check",
        site,
        "--no-cache",
        "--select",
        "CL1",
        "--ignore",
        "CL103,CL114",
        "--format",
        "json",
    )
    findings = [f for e in json.loads(after.output)["files"] for f in e["findings"]]
    assert findings == [], findings
    assert after.exit_code == 0


def test_an_archive_without_review_dates_warns_but_is_not_blocked_for_age(write):
    for i, year in enumerate((2015, 2016, 2017)):
        write(f"old/p{i}.md", post(f"Post {i}", f"{year}-03-02", "Habits", ["sleep"]))
    assert invoke("init", "old", "--no-preview").exit_code == 0
    after = invoke("check", "old", "--no-cache", "--select", "CL114", "--format", "json")
    findings = [f for e in json.loads(after.output)["files"] for f in e["findings"]]
    assert [f["severity"] for f in findings] == ["warning"] * 3
    assert "does not block" in findings[0]["message"]
    assert after.exit_code == 0


def test_a_site_that_records_reviews_still_blocks_when_they_lapse(write):
    for i in range(3):
        write(
            f"kept/p{i}.md",
            post(f"Post {i}", "2015-03-02", "Habits", ["sleep"], 'lastReviewed: "2016-01-10"\n'),
        )
    assert invoke("init", "kept", "--no-preview").exit_code == 0
    after = invoke("check", "kept", "--no-cache", "--select", "CL114", "--format", "json")
    assert {f["severity"] for e in json.loads(after.output)["files"] for f in e["findings"]} == {
        "error"
    }


def test_new_values_are_reported_after_init(site, write):
    assert invoke("init", site, "--no-preview").exit_code == 0
    write("site/seven.md", post("Cold rooms", "2026-07-01", "Habitz", ["sleep"], 'layout2: "x"\n'))
    result = invoke(
        "check", "site/seven.md", "--no-cache", "--select", "CL1", "--ignore", "CL103,CL114"
    )
    assert "CL110" in result.output and "did you mean 'Habits'" in result.output
    assert "CL113" in result.output and "layout2" in result.output


def test_preview_summarises_the_first_run(site):
    result = invoke("init", site)
    assert result.exit_code == 0
    assert "A first `contentlint check` with this config reports:" in result.output
    assert "6 article(s):" in result.output


def test_existing_config_is_kept_without_force(site, write, tmp_path):
    existing = write("site/.contentlint.toml", 'ignore = ["CL6"]\n')
    result = invoke("init", site)
    assert result.exit_code == 2
    assert "site/.contentlint.toml" in result.output and "--force" in result.output
    assert existing.read_text() == 'ignore = ["CL6"]\n'
    assert not (tmp_path / "site/contentlint.schema.json").exists()

    forced = invoke("init", site, "--force", "--no-preview")
    assert forced.exit_code == 0
    assert "schema" in tomllib.loads(existing.read_text())["rules"]["CL101"]


def test_existing_schema_file_is_kept_without_force(site, write):
    schema = write("site/contentlint.schema.json", "{}\n")
    result = invoke("init", site, "--no-preview")
    assert result.exit_code == 2 and "contentlint.schema.json" in result.output
    assert schema.read_text() == "{}\n"


def test_pyproject_gets_a_table_and_keeps_its_formatting(site, write):
    original = '[project]\nname = "site"   # our docs\n\n[tool.other]\nkey = 1\n'
    pyproject = write("site/pyproject.toml", original)
    assert invoke("init", site, "--no-preview").exit_code == 0
    text = pyproject.read_text()
    assert text.startswith(original)  # untouched, comment and spacing included
    data = tomllib.loads(text)
    assert data["tool"]["contentlint"]["rules"]["CL101"]["schema"] == "@contentlint.schema.json"
    assert data["tool"]["other"] == {"key": 1}
    again = invoke("init", site, "--no-preview")
    assert again.exit_code == 2 and "pyproject.toml" in again.output


def test_dry_run_writes_nothing(site, tmp_path):
    result = invoke("init", site, "--dry-run")
    assert result.exit_code == 0 and "[rules.CL101]" in result.output
    assert not (tmp_path / "site/.contentlint.toml").exists()


def test_a_consistent_non_iso_date_format_is_accepted(write):
    for i, day in enumerate(["March 2, 2026", "April 8, 2026", "May 1, 2026"]):
        write(
            f"blog/p{i}.md",
            f'---\ntitle: "Post {i}"\npublishedAt: "{day}"\n---\n\n# Post {i}\n\nText.\n',
        )
    assert invoke("check", "blog", "--no-cache", "--select", "CL102").exit_code == 1
    result = invoke("init", "blog", "--no-preview")
    assert "%B %d, %Y" in result.output
    after = invoke("check", "blog", "--no-cache", "--select", "CL102")
    assert "CL102" not in after.output and after.exit_code == 0
    write("blog/bad.md", '---\ntitle: "Bad"\npublishedAt: "2026/13/45"\n---\n\n# Bad\n\nText.\n')
    assert "CL102" in invoke("check", "blog/bad.md", "--no-cache", "--select", "CL102").output


def test_site_without_frontmatter_requires_nothing(write):
    write("plain/a.md", "# A\n\nText.\n")
    write("plain/b.md", "# B\n\nText.\n")
    result = invoke("init", "plain", "--no-preview")
    assert result.exit_code == 0 and "nothing is required" in result.output
    assert "CL101" not in invoke("check", "plain", "--no-cache", "--select", "CL101").output


def test_no_articles_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = invoke("init", "empty")
    assert result.exit_code == 2 and "no articles" in result.output


def test_preset_by_name_and_unknown_preset(site, tmp_path):
    result = invoke("init", site, "--preset", "hugo", "--no-preview")
    assert result.exit_code == 0
    config = tomllib.loads((tmp_path / "site/.contentlint.toml").read_text())
    assert config["preset"] == "hugo"
    schema = json.loads((tmp_path / "site/contentlint.schema.json").read_text())
    assert "lastmod" in schema["properties"]  # the preset's keys are known too
    bad = invoke("init", site, "--preset", "hugoo", "--force")
    assert bad.exit_code == 2 and "did you mean 'hugo'" in bad.output


def test_preset_detected_from_the_generator_files(site, write, tmp_path):
    write("site/astro.config.mjs", "export default {}\n")
    result = invoke("init", site, "--no-preview")
    assert "astro" in result.output
    assert tomllib.loads((tmp_path / "site/.contentlint.toml").read_text())["preset"] == "astro"


@pytest.mark.parametrize(
    "preset,good,missing",
    [
        (
            "hugo",
            'title: "T"\ndate: 2026-01-02\ndraft: false\ndescription: "d"\ncategories: [a]\n',
            "date",
        ),
        ("jekyll", 'layout: post\ntitle: "T"\npermalink: /t/\npublished: true\n', "title"),
        (
            "astro",
            'title: "T"\ndescription: "D"\npubDate: 2026-01-02\nheroImage: "/h.png"\n',
            "pubDate",
        ),
        ("nextjs", 'title: "T"\ndate: "2026-01-02"\ncoverImage: "/c.png"\nexcerpt: "E"\n', "date"),
        (
            "contentlint",
            (
                'title: "T"\nslug: t\nexcerpt: "E"\ncategory: X\nauthor: A\npublishedAt: 2026-01-02\n'
                "featuredImage: /f.png\ntags: [a]\n"
            ),
            "publishedAt",
        ),
    ],
)
def test_preset_config_key_without_init(write, preset, good, missing):
    write(
        ".contentlint.toml",
        f'preset = "{preset}"\n[rules.CL114]\ntoday = "2026-03-01"\n'
        '[rules.CL103]\ntoday = "2026-03-01"\n',
    )
    write("good.md", f"---\n{good}---\n\n# T\n\nText.\n")
    lines = [line for line in good.splitlines() if not line.startswith(missing + ":")]
    write("bad.md", "---\n" + "\n".join(lines) + "\n---\n\n# T\n\nText.\n")
    ok = invoke("check", "good.md", "--no-cache", "--select", "CL101,CL113")
    assert ok.exit_code == 0 and "CL11" not in ok.output, ok.output
    bad = invoke("check", "bad.md", "--no-cache", "--select", "CL101")
    assert f"required field '{missing}' is missing" in bad.output


def test_unknown_preset_in_config_fails_closed(write):
    path = write(".contentlint.toml", 'preset = "gatsby"\n')
    write("a.md", "# A\n")
    result = invoke("check", "a.md")
    assert result.exit_code == 2 and str(path) in result.output and "'preset'" in result.output


def test_inference_helpers():
    assert date_style("2026-03-02") == "iso-date"
    assert date_style("March 2, 2026") == "%B %d, %Y"
    assert date_style("soon") is None
    from collections import Counter

    assert category_like(Counter({"A": 3, "B": 2}), 5)
    assert not category_like(Counter({"A": 1, "B": 1, "C": 1, "D": 1}), 4)  # never repeated
    plan = infer(
        [
            {"k": "x", "n": 1},
            {"k": "y", "n": 2.5, "e": None},
            {"k": "x", "e": "v"},
            None,
            {"k": "x"},
        ]
    )
    assert plan.required == ["k"]  # 4 of 5 articles have it: 80%
    assert plan.schema["properties"]["n"]["type"] == "number"
    assert plan.schema["properties"]["e"]["type"] == [
        "string",
        "null",
    ]  # optional, sometimes left empty
    assert plan.with_frontmatter == 4


# -- the acceptance property, on generated sites --------------------------------
from lint.model.article import load_article  # noqa: E402

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12).filter(
    lambda t: t.strip()
)
VALUE_KINDS = {
    "text": WORDS,
    "number": st.integers(min_value=0, max_value=5000),
    "flag": st.booleans(),
    "list": st.lists(WORDS, min_size=1, max_size=3),
    "date": st.dates(
        min_value=__import__("datetime").date(2000, 1, 1),
        max_value=__import__("datetime").date(2030, 12, 31),
    ).map(lambda d: d.isoformat()),
    "long-date": st.dates(
        min_value=__import__("datetime").date(2000, 1, 1),
        max_value=__import__("datetime").date(2030, 12, 31),
    ).map(lambda d: d.strftime("%B %d, %Y").replace(" 0", " ")),
}


@st.composite
def consistent_sites(draw):
    """Articles that all carry the same keys, each key always of one kind."""
    keys = draw(
        st.lists(
            st.sampled_from(
                [
                    "title",
                    "category",
                    "when",
                    "tags",
                    "score",
                    "draft",
                    "kind",
                    "publishedAt",
                    "section",
                ]
            ),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    kinds = {k: draw(st.sampled_from(sorted(VALUE_KINDS))) for k in keys}
    count = draw(st.integers(min_value=1, max_value=6))
    return [{k: draw(VALUE_KINDS[kinds[k]]) for k in keys} for _ in range(count)]


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_sites())
def test_init_never_blocks_a_site_for_metadata_it_uses_consistently(metas):
    articles = [
        load_article(
            f"a{i}.md", ("---\n" + yaml.safe_dump(m, sort_keys=False) + "---\n\nBody.\n").encode()
        )
        for i, m in enumerate(metas)
    ]
    plan = infer([dict(a.meta) for a in articles])
    assert set(plan.required) == set(metas[0])
    for article in articles:
        assert list(frontmatter_schema.run(article, {"schema": plan.schema})) == []
        assert list(unknown_keys.run(article, {"schema": plan.schema})) == []
        dates = {
            "fields": ["publishedAt"],
            "key-pattern": r"^(?:date|.+(?:At|Date|_at|_date))$",
            "formats": [],
        }
        dates.update(plan.rules.get("CL102", {}))
        assert list(date_format.run(article, dates)) == []
        vocab = {"field": "category", "vocabulary": [], "pattern": vocabulary.UPPER_SNAKE}
        vocab.update(plan.rules.get("CL110", {}))
        assert list(vocabulary.run(article, vocab)) == []


@st.composite
def uneven_sites(draw):
    """Keys that come and go, and a key's kind that may change between articles."""
    keys = ["title", "category", "when", "tags", "score", "kind"]
    count = draw(st.integers(min_value=1, max_value=6))
    return [
        {
            k: draw(st.one_of(*VALUE_KINDS.values(), st.none()))
            for k in draw(st.lists(st.sampled_from(keys), max_size=6, unique=True))
        }
        for _ in range(count)
    ]


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uneven_sites())
def test_init_only_blocks_an_article_for_a_key_most_articles_fill_and_it_lacks(metas):
    articles = [
        load_article(
            f"a{i}.md", ("---\n" + yaml.safe_dump(m, sort_keys=False) + "---\n\nBody.\n").encode()
        )
        for i, m in enumerate(metas)
    ]
    plan = infer([dict(a.meta) for a in articles])
    for article in articles:
        for hit in frontmatter_schema.run(article, {"schema": plan.schema}):
            key = hit.args["field"]
            assert key in plan.required and (
                key not in article.meta or article.meta[key] in (None, "", [])
            ), hit
        assert list(unknown_keys.run(article, {"schema": plan.schema})) == []


@hsettings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=20).filter(lambda t: t.strip()), min_size=1, max_size=5)
)
def test_written_config_is_valid_toml_whatever_the_values(tmp_path_factory, values):
    """Quotes, backslashes, newlines and non-ASCII in vocabularies survive the round trip."""
    from lint.commands.init_write import render

    plan = infer([{"category": v, "date": "March 2, 2026"} for v in values])
    folder = tmp_path_factory.mktemp("site")
    text = render(plan, folder / ".contentlint.toml")
    data = tomllib.loads(text)
    assert data["rules"]["CL110"]["vocabulary"] == sorted(set(values))
    assert data["rules"]["CL102"]["formats"] == ["%B %d, %Y"]
