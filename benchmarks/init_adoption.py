"""Adopting contentlint on existing sites: blocked articles before and after `contentlint init`.

    python benchmarks/init_adoption.py PATH/TO/real-articles [--keep DIR]

Each site folder under PATH is copied to a temporary folder (never into the
repository), checked with the defaults, given a config by `contentlint init`,
and checked again. Per site it prints the articles blocked before and after,
how many of them are blocked by a metadata rule (CL1xx at a blocking
severity), and which metadata rules block after init. CL103 (future date) and
CL114 (stale review) judge the dates' values, not whether the site uses its
metadata consistently, so they are counted apart ("dated").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATE_VALUE_RULES = {"CL103", "CL114"}


def contentlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "lint.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def measure(site: Path) -> dict:
    result = contentlint(
        "check", site.name, "--format", "json", "--no-cache", "--no-progress", cwd=site.parent
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"{site}: check failed ({result.returncode}): {result.stderr}")
    report = json.loads(result.stdout)
    fail_on = report.get("fail_on", "error")
    blocking = {"error"} if fail_on == "error" else {"error", "warning"}
    blocked = meta = schema_meta = 0
    rules: Counter = Counter()
    findings = Counter(f["rule"] for entry in report["files"] for f in entry["findings"])
    for entry in report["files"]:
        if entry.get("outcome", entry.get("verdict")) != "blocked":
            continue
        blocked += 1
        codes = {
            f["rule"]
            for f in entry["findings"]
            if f["rule"].startswith("CL1") and f["severity"] in blocking
        }
        if codes:
            meta += 1
            rules.update(codes)
        if codes - DATE_VALUE_RULES:
            schema_meta += 1
    return {
        "articles": len(report["files"]),
        "blocked": blocked,
        "metadata": meta,
        "schema": schema_meta,
        "rules": dict(sorted(rules.items())),
        "findings": findings,
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    source = Path(argv[0])
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    work = keep or Path(tempfile.mkdtemp(prefix="contentlint-init-"))
    rows = []
    for site in sorted(p for p in source.iterdir() if p.is_dir()):
        copy = work / site.name
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(site, copy)
        before = measure(copy)
        init = contentlint("init", site.name, "--no-preview", cwd=work)
        if init.returncode != 0:
            raise SystemExit(f"{site.name}: init failed: {init.stderr}")
        after = measure(copy)
        rows.append((site.name, before, after))
    print(
        f"{'site':45} {'n':>3} | {'blocked':>7} {'meta':>4} | {'blocked':>7} {'meta':>4} {'schema':>6}  "
        "metadata rules blocking after"
    )
    print(f"{'':45} {'':>3} | {'before':>12} | {'after init':>19}")
    totals = Counter()
    for name, before, after in rows:
        print(
            f"{name:45} {before['articles']:3d} | {before['blocked']:7d} {before['metadata']:4d} | "
            f"{after['blocked']:7d} {after['metadata']:4d} {after['schema']:6d}  "
            + (", ".join(f"{k}×{v}" for k, v in after["rules"].items()) or "-")
        )
        for key in ("articles", "blocked", "metadata"):
            totals["b_" + key] += before[key]
            totals["a_" + key] += after[key]
        totals["a_schema"] += after["schema"]
        for when, data in (("before", before), ("after", after)):
            for code, count in data["findings"].items():
                if code.startswith("CL1"):
                    totals[f"{when} {code}"] += count
                totals[f"{when} all"] += count
    print(
        f"{'total':45} {totals['b_articles']:3d} | {totals['b_blocked']:7d} {totals['b_metadata']:4d} | "
        f"{totals['a_blocked']:7d} {totals['a_metadata']:4d} {totals['a_schema']:6d}"
    )
    print()
    print("metadata findings (all severities), before -> after init:")
    codes = sorted({k.split()[1] for k in totals if k.startswith(("before CL", "after CL"))})
    for code in codes:
        print(f"  {code}: {totals['before ' + code]} -> {totals['after ' + code]}")
    print(f"  all rules: {totals['before all']} -> {totals['after all']}")
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
