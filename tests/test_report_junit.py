"""JUnit XML: one testcase per article, one failure per finding at or above the threshold."""

import xml.etree.ElementTree as ET

from lint.report.junit import JunitReporter
from lint.finding import at_least

from conftest import GOOD_FRONTMATTER
from reporting import lint, write_corpus


def parse(run):
    return ET.fromstring(JunitReporter().render(run).encode("utf-8"))


def test_one_testcase_per_article_and_one_failure_per_gating_finding(tmp_path):
    run = lint([write_corpus(tmp_path / "articles")])
    root = parse(run)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {r.path for r in run.results}
    for result in run.results:
        failures = cases[result.path].findall("failure")
        if run.verdicts[result.path] == "draft":
            assert not failures and cases[result.path].find("skipped") is not None
            continue
        gating = [f for f in result.findings if at_least(f.severity, run.settings.fail_on)]
        assert [f.get("type") for f in failures] == [f.code for f in gating]
    suite = root.find("testsuite")
    assert int(suite.get("tests")) == len(run.results)
    assert int(suite.get("failures")) == sum(len(c.findall("failure")) for c in cases.values())
    assert int(root.get("failures")) == int(suite.get("failures"))


def test_findings_below_threshold_are_not_failures(write):
    write("w.md", GOOD_FRONTMATTER + "\n# Title\n\nNo disclaimer here.\n")
    root = parse(lint(["w.md"], severity={"CL201": "warning"}, select=("CL201",)))
    case = root.find(".//testcase")
    assert case.find("failure") is None
    assert "CL201 warning" in case.find("system-out").text
    root = parse(lint(["w.md"], severity={"CL201": "warning"}, select=("CL201",), fail_on="warning"))
    assert root.find(".//testcase/failure").get("type") == "CL201"


def test_control_characters_do_not_break_the_xml(write):
    write("ctl.md", "# Title \x01\x0b with <b> & control characters\n")
    root = parse(lint(["ctl.md"]))
    assert root.find(".//testcase").get("name") == "ctl.md"
