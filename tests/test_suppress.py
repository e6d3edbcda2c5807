"""Inline suppression: ranges, next line, the frontmatter key, reasons and unused ones."""

from conftest import GOOD_FRONTMATTER

from lint.engine.config import Settings
from lint.engine.rules import load_registry
from lint.engine.runner import run


def findings(tmp_path, select=("CL101", "CL201", "CL901")):
    result = run([tmp_path], load_registry(), Settings(select=select, cache=False))
    return [(f.code, f.line) for f in result.findings]


def test_disable_enable_range_hides_only_inside(tmp_path, write):
    write("a.md", "<!-- contentlint-disable CL201 -- stub page -->\n# Stub\n\nText.\n")
    assert findings(tmp_path) == [("CL101", 1)]


def test_frontmatter_key_disables_for_the_article(tmp_path, write):
    fm = GOOD_FRONTMATTER.replace("---\n", "---\ncontentlint-disable: [CL201]\n", 1)
    write("a.md", fm + "\n# T\n\nText.\n")
    assert findings(tmp_path) == []


def test_unused_suppression_is_reported(tmp_path, write):
    write(
        "a.md",
        GOOD_FRONTMATTER + "\n<!-- contentlint-disable-next-line CL101 -- reason -->\nText.\n\n"
        "*For educational purposes only, not medical advice; consult your doctor.*\n",
    )
    assert findings(tmp_path) == [("CL901", 12)]


def test_suppression_of_a_rule_not_running_is_not_judged(tmp_path, write):
    write("a.md", GOOD_FRONTMATTER + "\n<!-- contentlint-disable-next-line CL201 -->\nText.\n")
    assert findings(tmp_path, select=("CL101", "CL901")) == []


def test_suppression_naming_no_rule_at_all_is_reported(tmp_path, write):
    # A typo is not a rule that happens to be switched off: the suppression would hide nothing, ever.
    write(
        "a.md",
        GOOD_FRONTMATTER + "\n<!-- contentlint-disable-next-line CL3O1 -- reason -->\nText.\n",
    )
    assert findings(tmp_path, select=("CL101", "CL901")) == [("CL901", 12)]


def test_next_line_covers_the_next_block(tmp_path, write):
    write("a.md", "# T\n\n<!-- contentlint-disable-next-line CL101 CL201 -->\nText\n")
    assert ("CL201", 4) not in findings(tmp_path)


def test_per_file_ignores(tmp_path, write):
    write("drafts/a.md", "# T\n\nText.\n")
    result = run(
        [tmp_path], load_registry(), Settings(cache=False, per_file_ignores={"drafts/*": ("CL1",)})
    )
    assert [f.code for f in result.findings] == ["CL201"]
