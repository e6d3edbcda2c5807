"""JUnit XML: one testcase per article; a blocked article is one failure listing its gating findings."""

import xml.etree.ElementTree as ET

from conftest import DISCLAIMER, GOOD_FRONTMATTER
from reporting import lint, write_corpus

from lint.model.finding import at_least
from lint.report.junit import JunitReporter


def parse(run):
    return ET.fromstring(JunitReporter().render(run).encode("utf-8"))


def test_one_testcase_per_article_and_one_failure_per_blocked_article(tmp_path):
    run = lint([write_corpus(tmp_path / "articles")])
    root = parse(run)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {r.path for r in run.results}
    assert len(list(root.iter("testcase"))) == len(run.results)
    for result in run.results:
        failures = cases[result.path].findall("failure")
        if run.verdicts[result.path] == "draft":
            assert not failures and cases[result.path].find("skipped") is not None
            continue
        gating = [f for f in result.findings if at_least(f.severity, run.settings.fail_on)]
        assert len(failures) == (1 if gating else 0)
        assert (run.verdicts[result.path] == "blocked") == bool(gating)
        if gating:
            assert failures[0].get("type") == gating[0].code
            text = failures[0].text
            assert all(f"{f.line}:{f.column} {f.code}" in text for f in gating)
    suite = root.find("testsuite")
    assert int(suite.get("tests")) == len(run.results)
    assert (
        int(suite.get("failures"))
        == run.blocked
        == sum(len(c.findall("failure")) for c in cases.values())
    )
    assert int(root.get("failures")) == int(suite.get("failures"))


def test_counts_are_consistent_however_many_findings(write):
    """`tests` >= `failures` + `skipped`, even for an article with dozens of errors."""
    write(
        "many.md",
        "# No frontmatter\n\n" + "".join(f"{n}0% of patients improved.\n\n" for n in range(1, 9)),
    )
    write("ok.md", GOOD_FRONTMATTER + "\n# Title\n\nText.\n\n" + DISCLAIMER)
    run = lint(["many.md", "ok.md"])
    assert len(run.findings) > 5
    for element in (parse(run), parse(run).find("testsuite")):
        tests, failures = int(element.get("tests")), int(element.get("failures"))
        assert tests == 2 and failures == 1 and tests >= failures + int(element.get("skipped", 0))


def test_findings_below_threshold_are_not_failures(write):
    write("w.md", GOOD_FRONTMATTER + "\n# Title\n\nNo disclaimer here.\n")
    root = parse(lint(["w.md"], severity={"CL201": "warning"}, select=("CL201",)))
    case = root.find(".//testcase")
    assert case.find("failure") is None
    assert "CL201 warning" in case.find("system-out").text
    root = parse(
        lint(["w.md"], severity={"CL201": "warning"}, select=("CL201",), fail_on="warning")
    )
    assert root.find(".//testcase/failure").get("type") == "CL201"


def test_control_characters_do_not_break_the_xml(write):
    write("ctl.md", "# Title \x01\x0b with <b> & control characters\n")
    root = parse(lint(["ctl.md"]))
    assert root.find(".//testcase").get("name") == "ctl.md"
