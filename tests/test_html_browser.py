"""The HTML report in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Opens the report of the repo's corpus/, checks that the counts shown equal the
JSON report's, clicks filters and checks what is visible, and saves
screenshots under tests/artifacts/. Skipped, with the reason shown by -ra,
when Playwright or Chromium is missing or cannot start; never silently.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT
from reporting import lint, write_corpus

from lint.report.html import HtmlReporter
from lint.report.json import JsonReporter

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    for candidate in (
        os.environ.get("CONTENTLINT_CHROMIUM"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def playwright_session():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if chromium_path() is None:
        pytest.skip(
            "chromium not found: install Debian's package (apt-get install chromium) or set CONTENTLINT_CHROMIUM"
        )
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser_page(playwright_session):
    executable = chromium_path()
    profile = tempfile.mkdtemp(prefix="contentlint-chromium-")
    try:
        context = playwright_session.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
    except Exception as err:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium at {executable} could not be launched: {str(err).splitlines()[0]}")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report of corpus/ (or, in a checkout without one, of articles made here) and its JSON twin."""
    previous = Path.cwd()
    if (ROOT / "corpus").is_dir() and any((ROOT / "corpus").glob("*.md")):
        os.chdir(ROOT)
        target = Path("corpus")
    else:
        os.chdir(tmp_path_factory.mktemp("report"))
        target = write_corpus(Path("articles"))
    try:
        run = lint([target])
    finally:
        os.chdir(previous)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    html_file = ARTIFACTS / "report.html"
    html_file.write_text(HtmlReporter().render(run), encoding="utf-8")
    return html_file, json.loads(JsonReporter().render(run))


@pytest.fixture
def page(browser_page, report):
    html_file, _ = report
    requests, errors = [], []
    browser_page.on("request", lambda r: requests.append(r.url))
    browser_page.on("pageerror", lambda e: errors.append(str(e)))
    browser_page.goto(html_file.as_uri())
    browser_page.wait_for_selector("#status:not(:empty)")
    yield browser_page
    assert not errors, f"JavaScript errors: {errors}"
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests


def number(page, stat):
    return int(page.inner_text(f'[data-stat="{stat}"] .num'))


def test_counts_shown_equal_the_json(page, report):
    _, doc = report
    summary, files = doc["summary"], doc["files"]
    assert number(page, "articles") == summary["files"] == len(files)
    assert number(page, "blocked") == summary["blocked"]
    assert number(page, "errors") == summary["errors"]
    assert number(page, "warnings") == summary["warnings"]
    assert number(page, "infos") == sum(
        x["severity"] == "info" for f in files for x in f["findings"]
    )
    assert number(page, "publishable") == sum(f["outcome"] == "publishable" for f in files)
    total = sum(len(f["findings"]) for f in files)
    assert page.locator(".note").count() == 0  # article bodies become elements only when opened
    page.click("#expand")
    assert page.locator(".note").count() == total
    assert page.inner_text("#status") == (
        f"Showing {total} of {total} problem{'' if total == 1 else 's'} in "
        f"{len(files)} of {len(files)} article{'' if len(files) == 1 else 's'}."
    )
    rows = page.locator("#articles tbody tr")
    assert rows.count() == len(files)
    by_path = {f["path"]: f for f in files}
    for i in range(rows.count()):
        row = rows.nth(i)
        path = row.get_attribute("data-path")
        assert page.locator(f"#{row.get_attribute('data-doc')}").get_attribute("data-path") == path
        entry = by_path[path]
        for severity in ("error", "warning", "info"):
            shown = int(row.locator(f"td.c-{severity}").inner_text())
            assert shown == sum(x["severity"] == severity for x in entry["findings"]), (
                path,
                severity,
            )
        assert row.get_attribute("data-verdict") == entry["outcome"]
    page.screenshot(path=str(ARTIFACTS / "html-report.png"))


def test_severity_filter_hides_and_shows(page, report):
    _, doc = report
    findings = [x for f in doc["files"] for x in f["findings"]]
    if not findings:
        pytest.skip("the corpus has no findings to filter")
    severity = max(
        ("error", "warning", "info"), key=lambda s: sum(x["severity"] == s for x in findings)
    )
    hidden = sum(x["severity"] == severity for x in findings)
    page.click("#expand")  # articles arrive collapsed
    page.click(f'input[data-filter="severity"][value="{severity}"]')
    assert page.locator(f'.note[data-severity="{severity}"]:visible').count() == 0
    assert page.locator(".note:visible").count() == len(findings) - hidden
    assert page.locator(f"mark.hl.s-{severity}:visible").count() == 0
    assert int(page.get_attribute("#status", "data-shown-findings")) == len(findings) - hidden
    # An article left with nothing matching drops out of the table.
    expected = sum(1 for f in doc["files"] if any(x["severity"] != severity for x in f["findings"]))
    assert page.locator("#articles tbody tr:visible").count() == expected
    page.click("#reset")
    assert page.locator(".note:visible").count() == len(findings)


def test_rule_filter_and_verdict_card(page, report):
    _, doc = report
    findings = [x for f in doc["files"] for x in f["findings"]]
    if not findings:
        pytest.skip("the corpus has no findings to filter")
    rule = findings[0]["rule"]
    page.click("#expand")
    page.select_option("#rule-filter", rule)
    assert page.locator(".note:visible").count() == sum(x["rule"] == rule for x in findings)
    assert all(
        r == rule
        for r in page.locator(".note:visible").evaluate_all("els => els.map(e => e.dataset.rule)")
    )
    page.click("#reset")
    page.click('[data-stat="blocked"]')
    assert page.locator("#articles tbody tr:visible").count() == doc["summary"]["blocked"]
    page.click("#reset")


def test_sorting_by_errors(page, report):
    _, doc = report
    page.click("#articles thead th:nth-child(3) button")  # Errors, ascending
    page.click("#articles thead th:nth-child(3) button")  # descending
    first = int(page.locator("#articles tbody tr").first.locator("td.c-error").inner_text())
    assert first == max(sum(x["severity"] == "error" for x in f["findings"]) for f in doc["files"])


def test_an_article_with_its_findings_in_place(page, report):
    _, doc = report
    flagged = [f for f in doc["files"] if f["findings"]]
    if not flagged:
        pytest.skip("the corpus has no findings to show")
    article = page.locator("article.doc").first
    notes = article.locator(".note")
    # Articles arrive collapsed; the table's link opens one.
    assert not article.locator("details").get_attribute("open") and notes.count() == 0
    page.locator(f'#articles a[href="#{article.get_attribute("id")}"]').click()
    assert notes.count() >= 1 and notes.first.is_visible()
    assert article.locator("mark.hl").count() >= 1
    # The first flagged line of prose (past the frontmatter), under the sticky filter bar.
    page.evaluate("""() => {
        const doc = document.querySelector('article.doc');
        const line = doc.querySelector('.ln.has:not(.fm)') || doc;
        window.scrollTo(0, line.getBoundingClientRect().top + window.scrollY - 260);
    }""")
    page.screenshot(path=str(ARTIFACTS / "html-report-article.png"))


def test_articles_are_collapsed_and_open_together(page, report):
    _, doc = report
    docs = page.locator("article.doc")
    assert docs.count() == len(doc["files"])
    assert page.locator("article.doc details[open]").count() == 0
    # The summary line carries the counts, so a closed article still says what is wrong with it.
    flagged = next((f for f in doc["files"] if f["findings"]), None)
    if flagged is not None:
        summary = page.locator(f'article.doc[data-path="{flagged["path"]}"] summary').inner_text()
        assert any(word in summary for word in ("error", "warning", "note"))
    page.click("#expand")
    assert page.locator("article.doc details[open]").count() == len(doc["files"])
    page.click("#collapse")
    assert page.locator("article.doc details[open]").count() == 0
    page.screenshot(path=str(ARTIFACTS / "html-report-collapsed.png"))


def test_a_link_to_a_line_opens_its_article(page, report, browser_page):
    html_file, doc = report
    flagged = next((f for f in doc["files"] if f["findings"]), None)
    if flagged is None:
        pytest.skip("the corpus has no findings to link to")
    doc_id = page.locator(f'#articles tr[data-path="{flagged["path"]}"]').get_attribute("data-doc")
    target = f"{doc_id}-L{flagged['findings'][0]['line']}"
    browser_page.goto(html_file.as_uri() + "#" + target)
    assert browser_page.locator(f"#{target}").is_visible()


def test_filters_apply_to_articles_opened_later(page, report):
    _, doc = report
    findings = [x for f in doc["files"] for x in f["findings"]]
    if not findings:
        pytest.skip("the corpus has no findings to filter")
    rule = findings[0]["rule"]
    page.select_option("#rule-filter", rule)
    assert int(page.get_attribute("#status", "data-shown-findings")) == sum(
        x["rule"] == rule for x in findings
    )
    page.click("#expand")  # opened after the filter was set
    assert page.locator(".note:visible").count() == sum(x["rule"] == rule for x in findings)
    page.click("#reset")


def test_articles_open_without_javascript(report, playwright_session):
    """<details> needs no script: with JavaScript off, an opened article shows its findings."""
    html_file, doc = report
    flagged = next((f for f in doc["files"] if f["findings"]), None)
    if flagged is None:
        pytest.skip("the corpus has no findings to show")
    profile = tempfile.mkdtemp(prefix="contentlint-chromium-nojs-")
    try:
        context = playwright_session.chromium.launch_persistent_context(
            profile,
            executable_path=chromium_path(),
            headless=True,
            args=CHROMIUM_ARGS,
            java_script_enabled=False,
            viewport={"width": 1400, "height": 1000},
        )
        page = context.new_page()
        page.goto(html_file.as_uri())
        article = page.locator(f'article.doc[data-path="{flagged["path"]}"]')
        assert article.locator(".note").count() == len(
            flagged["findings"]
        )  # ordinary markup without scripts
        assert not article.locator(".note").first.is_visible()
        article.locator("summary").click()
        assert article.locator(".note").first.is_visible()
        page.screenshot(path=str(ARTIFACTS / "html-report-no-javascript.png"))
        context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
