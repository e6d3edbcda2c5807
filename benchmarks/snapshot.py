"""Record contentlint's output in every format, or check it is unchanged.

Refactors and speed work promise byte-identical output. This script makes the
promise checkable: it runs the real CLI (no cache, fixed job count) on each
target in every report format, plus `--statistics` and `facts`, and writes one
file per run. With `--against DIR` it compares the new outputs with an earlier
recording and prints the first differing lines of each file that changed.

    python benchmarks/snapshot.py /tmp/before corpus ../shared/real-articles
    python benchmarks/snapshot.py /tmp/after corpus ../shared/real-articles --against /tmp/before

Exit status: 0 when every output matches (or nothing was compared), 1 otherwise.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from pathlib import Path

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown", "html")


def runs(target: str) -> dict[str, list[str]]:
    """The CLI argument lists to record for one target, by output name."""
    check = ["check", target, "--no-cache", "-j", "2", "--no-color", "--no-progress"]
    named = {f"check.{fmt}": [*check, "--format", fmt] for fmt in FORMATS}
    named["check.quiet.text"] = [*check, "--quiet"]
    named["check.statistics.json"] = [*check, "--statistics", "--format", "json"]
    named["facts.text"] = ["facts", target]
    return named


def slug(target: str) -> str:
    return target.strip("./").replace("/", "_").replace(".", "_") or "root"


def record(outdir: Path, targets: list[str]) -> list[Path]:
    written = []
    for target in targets:
        for name, args in runs(target).items():
            proc = subprocess.run(
                [sys.executable, "-m", "lint.cli", *args], capture_output=True, check=False
            )
            path = outdir / f"{slug(target)}.{name}"
            path.write_bytes(proc.stdout + f"\n[exit {proc.returncode}]\n".encode())
            if proc.stderr:
                path.with_suffix(path.suffix + ".stderr").write_bytes(proc.stderr)
            written.append(path)
    return written


def compare(new: Path, old: Path) -> bool:
    if not old.exists():
        print(f"new output, nothing to compare: {new.name}")
        return True
    if new.read_bytes() == old.read_bytes():
        return True
    before = old.read_text(errors="replace").splitlines()
    after = new.read_text(errors="replace").splitlines()
    diff = list(difflib.unified_diff(before, after, str(old), str(new), lineterm="", n=1))
    print("\n".join(diff[:40]))
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("targets", nargs="+")
    parser.add_argument("--against", type=Path, help="an earlier recording to compare with")
    options = parser.parse_args()
    options.outdir.mkdir(parents=True, exist_ok=True)
    written = record(options.outdir, options.targets)
    if options.against is None:
        print(f"recorded {len(written)} outputs in {options.outdir}")
        return 0
    changed = [p.name for p in written if not compare(p, options.against / p.name)]
    print(f"{len(written) - len(changed)} of {len(written)} outputs identical")
    for name in changed:
        print(f"changed: {name}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
