"""Start-up cost: `contentlint rules` and a single-file check, side by side.

    python benchmarks/startup.py [--repeat 7] [--against ../base]

Issue 13 asks that loading the rule packs costs no more after a refactor than
before. Each command runs in a fresh interpreter, the way a user or a
pre-commit hook starts it; every YAML parse is counted and timed from inside
that process (PyYAML's `load` and `compose` are wrapped, so CSafeLoader and
SafeLoader alike are seen). With `--against TREE` the same commands run with another checkout
first on `PYTHONPATH`, interleaved with this one so a busy machine slows both
alike. Medians are printed; bytecode caching is left as the environment sets it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs inside the measured interpreter: wraps yaml.load, runs the CLI, and
# prints one JSON line with the wall time and the YAML parses.
PROBE = r"""
import json, sys, time
start = time.perf_counter()
import yaml
parses = {"n": 0, "s": 0.0}
def timed(parse):
    def wrapper(stream, Loader=None):
        t = time.perf_counter()
        try:
            return parse(stream, Loader) if Loader else parse(stream)
        finally:
            parses["n"] += 1
            parses["s"] += time.perf_counter() - t
    return wrapper
yaml.load, yaml.compose = timed(yaml.load), timed(yaml.compose)
from lint.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
except Exception as error:  # a usage error still measures the start-up it paid for
    print(error, file=sys.stderr)
sys.stdout = sys.__stdout__
print("\nSTARTUP " + json.dumps({"wall": time.perf_counter() - start,
                                  "yaml_parses": parses["n"], "yaml_s": parses["s"]}))
"""

COMMANDS = {
    "rules": ["rules"],
    "check one file": ["check", "corpus/crps-ketamine-infusion-guide.md", "--no-cache", "--quiet"],
}


def probe(tree: Path, args: list[str]) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=tree,  # `python -c` puts the working directory first on sys.path
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("STARTUP "):
            return json.loads(line[len("STARTUP ") :])
    raise SystemExit(f"no measurement from {tree}: {proc.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout to time side by side")
    options = parser.parse_args()
    trees = {"this tree": ROOT}
    if options.against:
        trees[f"{options.against.name} (before)"] = options.against.resolve()
    samples: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(options.repeat):
        for command, args in COMMANDS.items():
            for name, tree in trees.items():
                samples.setdefault((command, name), []).append(probe(tree, args))
    print(f"{'command':<16} {'tree':<20} {'wall s':>8} {'YAML parses':>12} {'YAML s':>8}")
    for (command, name), runs in samples.items():
        wall = statistics.median(r["wall"] for r in runs)
        parses = statistics.median(r["yaml_parses"] for r in runs)
        yaml_s = statistics.median(r["yaml_s"] for r in runs)
        print(f"{command:<16} {name:<20} {wall:>8.3f} {parses:>12.0f} {yaml_s:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
