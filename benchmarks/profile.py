"""Where contentlint spends its time: cProfile over the real engine, in one process.

    python benchmarks/profile.py [-n 30] [--top 25] [--save /tmp/lint.prof]

It writes the same generated corpus the benchmarks use (benchmarks/synthetic.py,
fixed seed), warms the process up on one article (imports, the spaCy pipeline,
compiled lexicons: paid once per worker, not per article), then profiles
`contentlint check` on the whole corpus with one job and no cache, so every
check runs in this process and shows up in the profile. It prints the top
entries by cumulative time and by own time.

Run it from a checkout with that checkout on PYTHONPATH (the venv may have
another one installed), e.g. `PYTHONPATH=$PWD python benchmarks/profile.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's `profile`, which cProfile imports: take
# its folder off the path first (Python puts a script's folder there), then import by path.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import cProfile  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import pstats  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", HERE / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lint(target: Path) -> None:
    """`contentlint check` in this process; its report is discarded."""
    from lint.cli import main

    argv = ["check", str(target), "--no-cache", "--jobs", "1", "--format", "json", "--no-progress"]
    # exit 1 when an article is blocked: still a complete run
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main.main(argv, standalone_mode=False)


def show(stats: pstats.Stats, order: str, top: int) -> None:
    print(f"\n== top {top} by {order} time ==")
    stats.sort_stats(order).print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="articles in the corpus")
    parser.add_argument("--seed", type=int, default=7, help="the corpus generator's seed")
    parser.add_argument("--top", type=int, default=25, help="entries to print per ordering")
    parser.add_argument("--save", type=Path, default=None, help="also write the raw profile here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        synthetic = _synthetic()
        words = synthetic.write_corpus(corpus, args.n, seed=args.seed)
        warm = Path(tmp) / "warm"
        synthetic.write_corpus(warm, 1, seed=args.seed + 1)
        lint(warm)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        lint(corpus)
        profiler.disable()
        seconds = time.perf_counter() - start
    import lint as package

    print(f"lint from: {Path(package.__file__).parent}")
    print(f"articles: {args.n}  words: {words}  wall (profiled): {seconds:.2f}s")
    if args.save:
        profiler.dump_stats(str(args.save))
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs()
    show(stats, "cumulative", args.top)
    show(stats, "tottime", args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
