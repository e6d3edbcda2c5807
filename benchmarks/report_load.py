"""How heavy the HTML report is: file size, load time in headless Chromium, page height.

    python benchmarks/report_load.py PATHS... [--shots DIR]   # lint PATHS, open their report
    python benchmarks/report_load.py --generate 1000           # the same on N synthetic articles
    python benchmarks/report_load.py --html report.html        # an existing report

Load time is the browser's own navigation timing (start to the end of the load
event), the median of --repeat fresh page loads; the page height is measured
with every article collapsed (the default) and with all of them expanded.
With --shots, saves a screenshot of the report as it opens and one with the
first article expanded. Needs Playwright and a Chromium (the system one at
/usr/bin/chromium, or CONTENTLINT_CHROMIUM).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_article

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]


def build_report(paths: list[str], out: Path) -> float:
    start = time.perf_counter()
    code = subprocess.call(
        [sys.executable, "-m", "lint.cli", "check", *paths, "--no-progress", "-o", str(out)]
    )
    if code not in (0, 1):
        raise SystemExit(f"contentlint exited {code}")
    return time.perf_counter() - start


def measure(html: Path, repeat: int, shots: Path | None) -> dict:
    from playwright.sync_api import sync_playwright

    executable = (
        os.environ.get("CONTENTLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    )
    profile = tempfile.mkdtemp(prefix="report-load-")
    loads, walls = [], []
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                headless=True,
                args=ARGS,
                viewport={"width": 1400, "height": 1000},
            )
            page = context.new_page()
            page.set_default_timeout(120_000)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            for _ in range(repeat):
                page.goto("about:blank")
                start = time.perf_counter()
                page.goto(html.as_uri(), wait_until="load", timeout=120_000)
                walls.append(time.perf_counter() - start)
                loads.append(
                    page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                    / 1000
                )
            collapsed = page.evaluate("document.documentElement.scrollHeight")
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shots / "report-collapsed.png"))
            first = page.locator("#articles tbody tr a").first
            if first.count():
                start = time.perf_counter()
                first.click()
                page.wait_for_timeout(50)
                click = time.perf_counter() - start
                if shots:
                    page.screenshot(path=str(shots / "report-article-expanded.png"))
            else:
                click = 0.0
            # The interactions an editor waits for: a filter, then opening every article.
            start = time.perf_counter()
            page.select_option("#verdict-filter", "blocked")
            page.wait_for_function(
                "() => document.getElementById('status').dataset.shownArticles !== undefined"
            )
            filtering = time.perf_counter() - start
            page.select_option("#verdict-filter", "")
            start = time.perf_counter()
            if page.locator("#expand").count():
                page.click("#expand")
                page.wait_for_function(
                    "() => document.body.dataset.expanded !== 'working'", timeout=600_000
                )
            else:  # a report from before collapsing existed
                page.evaluate(
                    "document.querySelectorAll('details').forEach(d => { d.open = true; })"
                )
            page.evaluate("document.documentElement.scrollHeight")  # wait for the layout
            expand_all = time.perf_counter() - start
            # The real height: lay out every article, even those content-visibility would skip.
            page.add_style_tag(content="article.doc { content-visibility: visible !important; }")
            expanded = page.evaluate("document.documentElement.scrollHeight")
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return {
        "bytes": html.stat().st_size,
        "load_s": statistics.median(loads),
        "wall_s": statistics.median(walls),
        "height_collapsed_px": collapsed,
        "height_expanded_px": expanded,
        "open_article_s": click,
        "expand_all_s": expand_all,
        "filter_s": filtering,
        "js_errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--html", type=Path, help="measure this report instead of writing one")
    parser.add_argument("--generate", type=int, metavar="N", help="lint N synthetic articles")
    parser.add_argument(
        "--articles",
        type=Path,
        metavar="DIR",
        help="with --generate: write the articles here and keep them (a rerun reuses them and "
        "the result cache)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shots", type=Path, help="save screenshots here")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="report-bench-"))
    try:
        html = args.html
        if html is None:
            paths = list(args.paths)
            if args.generate:
                rng = random.Random(7)
                folder = args.articles or workdir / "articles"
                folder.mkdir(parents=True, exist_ok=True)
                for i in range(args.generate):
                    text = synthetic_article(i, rng, 800)
                    target = folder / f"article-{i:04d}.md"
                    if not target.exists() or target.read_text(encoding="utf-8") != text:
                        target.write_text(text, encoding="utf-8")
                paths.append(str(folder))
            if not paths:
                parser.error("give PATHS, --generate N or --html FILE")
            html = workdir / "report.html"
            print(f"report written in {build_report(paths, html):.1f} s")
            if args.shots:
                args.shots.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(html, args.shots / "report.html")
        result = measure(html, args.repeat, args.shots)
        for key, value in result.items():
            shown = (
                f"{value:,.3f}"
                if isinstance(value, float)
                else (f"{value:,}" if isinstance(value, int) else value)
            )
            print(f"{key:>22}: {shown}")
        return 1 if result["js_errors"] else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
