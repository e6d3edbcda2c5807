"""Score the real CLI on a labelled set of real articles.

    python benchmarks/eval_real.py LABELS.yaml [--articles DIR] [--scorer score.py]
                                   [--show] [--min CATEGORY=P,R ...] [--skip CATEGORY ...]
                                   [--keep FINDINGS.json]

LABELS.yaml is a labelled set in the format of `eval/README.md` of the shared
evaluation folder: a list of `articles`, each naming its `file` relative to the
articles folder. The articles folder defaults to `real-articles/` beside the
labels' parent folder (`eval/real-dev/labels.yaml` -> `real-articles/`), and
the scorer to `score.py` in the labels' parent folder (`eval/score.py`).

The script runs the real command line, `python -m lint.cli check --no-cache
--format json FILES...`, from this checkout (file names may hold spaces: they
are passed as separate arguments, never through a shell), writes its JSON to a
temporary file and runs the scorer on it. Metadata and consistency are skipped
unless `--score-all` is given, as the evaluation README does. The exit code is
the scorer's: 1 when a `--min` target is not met.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("labels", type=Path, help="the labelled set (labels.yaml)")
    ap.add_argument(
        "--articles",
        type=Path,
        default=None,
        help="folder the labels' file names are relative to "
        "(default: real-articles/ beside the labels' parent folder)",
    )
    ap.add_argument(
        "--scorer",
        type=Path,
        default=None,
        help="the scoring script (default: score.py in the labels' parent folder)",
    )
    ap.add_argument("--show", action="store_true", help="list every miss and every false alarm")
    ap.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="CATEGORY=P,R",
        help="exit 1 when CATEGORY falls below precision P or recall R",
    )
    ap.add_argument(
        "--skip",
        action="append",
        default=None,
        metavar="CATEGORY",
        help="a category not to score (default: metadata and consistency)",
    )
    ap.add_argument(
        "--score-all", action="store_true", help="score every category the scorer knows"
    )
    ap.add_argument("--keep", type=Path, default=None, help="also write the CLI's JSON report here")
    return ap.parse_args(argv)


def files_of(labels: Path, articles: Path) -> list[str]:
    data = yaml.safe_load(labels.read_text(encoding="utf-8")) or {}
    names = [
        str(a["file"]) for a in data.get("articles") or [] if isinstance(a, dict) and a.get("file")
    ]
    missing = [n for n in names if not (articles / n).is_file()]
    if missing:
        raise SystemExit(
            f"eval_real: {len(missing)} labelled article(s) not under {articles}: {missing[0]!r}"
        )
    # Several labels may name the same file; lint each once, in the labels' order.
    return list(dict.fromkeys(str(articles / n) for n in names))


def run_cli(files: list[str], out: Path) -> None:
    cmd = [sys.executable, "-m", "lint.cli", "check", "--no-cache", "--format", "json", *files]
    env_path = str(ROOT)
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = env_path + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with out.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"eval_real: contentlint exited {proc.returncode}")
    json.loads(out.read_text(encoding="utf-8"))  # a broken report fails here, not in the scorer


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    labels = args.labels.resolve()
    if not labels.is_file():
        raise SystemExit(f"eval_real: no labels file at {labels}")
    set_dir = labels.parent.parent  # eval/real-dev/labels.yaml -> eval/
    articles = (args.articles or set_dir.parent / "real-articles").resolve()
    scorer = (args.scorer or set_dir / "score.py").resolve()
    if not scorer.is_file():
        raise SystemExit(f"eval_real: no scorer at {scorer} (give --scorer)")
    files = files_of(labels, articles)
    with tempfile.TemporaryDirectory() as tmp:
        report = args.keep.resolve() if args.keep else Path(tmp) / "findings.json"
        run_cli(files, report)
        cmd = [sys.executable, str(scorer), str(labels), str(report), "--articles", str(articles)]
        skip = (
            []
            if args.score_all
            else (args.skip if args.skip is not None else ["metadata", "consistency"])
        )
        for cat in skip:
            cmd += ["--skip", cat]
        for target in args.min:
            cmd += ["--min", target]
        if args.show:
            cmd.append("--show")
        print(f"{len(files)} articles from {articles}", flush=True)
        return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
