"""Generated Markdown, frontmatter and raw bytes through analysis and every reporter.

A bounded number of examples by default; CONTENTLINT_FUZZ_EXAMPLES=2000 for a
long run. Asserts: no exception, every position inside the file, output
identical between runs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.engine.config import Settings
from lint.engine.rules import load_registry
from lint.engine.runner import run
from lint.model.positions import LineIndex
from lint.report import REPORTERS

EXAMPLES = int(os.environ.get("CONTENTLINT_FUZZ_EXAMPLES", "20"))

PIECES = [
    "# Heading\n",
    "## 30% of cases\n",
    "Half of patients (50%) improve.[^1]\n",
    "[^1]: Smith 2020.\n",
    "| a | b |\n| --- | --- |\n| 40% | 2 mg |\n",
    "> quoted 3 in 10\n",
    "- item 12%\n",
    "  - nested\n",
    "```\ncode 99%\n```\n",
    "<!-- contentlint-disable CL301 -->\n",
    "<div>\n",
    "**Bold:** 85&#37; of\n",
    "\r",
    "\r\n",
    "\n",
    "\u2028",
    "\x00",
    "\x1b[31m",
    "::error::x\n",
    "８５％",
    "٨٥٪ ",
    "&amp;",
    "*",
    "_",
    "[link](http://example.com) ",
    "studies show ",
    "1e5 ",
    "9" * 30,
    "!" * 300,
    "\ufeff",
    "\u202e",
]
FRONT = [
    "title: x\n",
    'title: "\\ud83d"\n',
    "tags: [a, b]\n",
    "a: &a [1]\nb: *a\n",
    "publishedAt: 2026-13-40\n",
    "title: [\n",
    "x: 1\nx: 2\n",
    ": bad\n",
    "status: draft\n",
    "n: " + "9" * 50 + "\n",
]

markdown = st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=25).map("".join)
frontmatter = st.lists(st.sampled_from(FRONT), max_size=5).map(
    lambda xs: "---\n" + "".join(xs) + "---\n"
)
article = st.one_of(
    st.tuples(frontmatter, markdown).map(lambda t: (t[0] + t[1]).encode("utf-8", "surrogatepass")),
    markdown.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)


@cache
def _registry():
    return load_registry()


def _render_all(folder: Path) -> dict[str, str]:
    result = run([folder], _registry(), Settings(cache=False, jobs=1, root=str(folder)))
    out = {name: cls(quiet=False).render(result, color=False) for name, cls in REPORTERS.items()}
    for res in result.results:
        data = (folder / Path(res.path).name).read_bytes()
        text = data.decode("utf-8", "replace")
        lines = LineIndex(text).line_count
        for finding in res.findings:
            assert 1 <= finding.line <= lines + 1, finding
            assert finding.column >= 1 and finding.end_line >= finding.line, finding
    return out


@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
@given(st.lists(article, min_size=1, max_size=3))
def test_generated_input_never_crashes_and_reports_the_same_twice(articles):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-", dir=os.getcwd()))
    try:
        for i, data in enumerate(articles):
            (folder / f"a{i}.md").write_bytes(data)
        first = _render_all(folder)
        second = _render_all(folder)
        assert first == second
        for text in (first["text"], first["json"], first["markdown"]):
            assert "\x1b" not in first["text"]
            assert not [line for line in text.splitlines() if line.startswith("::")]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


JOBS_EXAMPLES = int(
    os.environ.get("CONTENTLINT_FUZZ_JOBS_EXAMPLES", "3")
)  # each starts a worker pool


@settings(
    max_examples=JOBS_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@given(
    st.lists(article, min_size=4, max_size=8)
)  # 4 or more: the pool is used (lint.engine.isolation)
def test_generated_input_reports_the_same_with_one_or_two_workers(articles):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-jobs-", dir=os.getcwd()))
    try:
        for i, data in enumerate(articles):
            (folder / f"a{i}.md").write_bytes(data)
        rendered = []
        for jobs in (1, 2):
            result = run([folder], _registry(), Settings(cache=False, jobs=jobs, root=str(folder)))
            rendered.append(
                {
                    name: REPORTERS[name](quiet=False).render(result, color=False)
                    for name in ("json", "sarif", "text")
                }
            )
        assert rendered[0] == rendered[1]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
