"""JUnit XML, for CI systems that show test results: one testcase per article.

An article is a test: a blocked article has one <failure> whose text lists
every finding at or above the fail threshold (its `type` is the first one's
rule code), so `failures` counts blocked articles and never exceeds `tests`.
Findings below the threshold are listed in the testcase's <system-out>. A
draft (not gated) is a <skipped> testcase with all of its findings in
<system-out>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..engine.runner import Run
from ..model.finding import Finding
from ..model.verdicts import DRAFT
from .common import gating, verdict_label, verdict_of

# XML 1.0 cannot carry most control characters at all, escaped or not.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def describe(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}:{finding.column} {finding.code} {finding.severity} {finding.message}"


class JunitReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def render(self, run: Run, color: bool = False) -> str:
        suites = ET.Element("testsuites", name="contentlint")
        suite = ET.SubElement(suites, "testsuite", name="contentlint")
        failures = skipped = 0
        for result in run.results:
            verdict = verdict_of(run, result.path)
            case = ET.SubElement(
                suite,
                "testcase",
                classname="contentlint",
                name=clean(result.path),
                file=clean(result.path),
                time="0",
            )
            shown_out = []
            if verdict == DRAFT:
                skipped += 1
                ET.SubElement(case, "skipped", message="draft: reported, not gated")
                shown_out = list(result.findings)
            else:
                gated = [f for f in result.findings if gating(f, run)]
                shown_out = [f for f in result.findings if not gating(f, run)]
                if gated:
                    failures += 1
                    first = gated[0]
                    more = f" (and {len(gated) - 1} more)" if len(gated) > 1 else ""
                    failure = ET.SubElement(
                        case,
                        "failure",
                        type=first.code,
                        message=clean(f"{first.code} {first.message}{more}"),
                    )
                    failure.text = clean(
                        "\n".join(
                            describe(f) + (f"\n    {f.excerpt}" if f.excerpt else "") for f in gated
                        )
                    )
            out = ET.SubElement(case, "system-out")
            out.text = clean(
                "\n".join([f"verdict: {verdict_label(verdict)}", *map(describe, shown_out)]) + "\n"
            )
        for element in (suites, suite):
            element.set("tests", str(len(run.results)))
            element.set("failures", str(failures))
            element.set("errors", "0")
            element.set("time", "0")
        suite.set("skipped", str(skipped))
        ET.indent(suites)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(suites, encoding="unicode")
            + "\n"
        )
