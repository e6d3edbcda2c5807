"""Throughput, scaling and pre-commit latency of contentlint, measured side by side.

    python benchmarks/bench.py [full] [-n 200] [--jobs N] [--repeat 3]
    python benchmarks/bench.py compare [-n 1000] [--repeat 3]
    python benchmarks/bench.py full -n 60 --jobs 2 --against ../wt/base   # before/after
    python benchmarks/bench.py scale [--sizes 1000,5000,10000]
    python benchmarks/bench.py precommit [--repo-size 1000] [--repeat 3] [--warm 3] [--changes 3]
    python benchmarks/bench.py cached -n 1000 --against /work/main   # an unchanged, cached run

Every tool runs as a separate command on the same generated corpus, the way a
user runs it, and the runs are interleaved so that a busy machine slows each
tool alike. Memory is sampled from the whole process tree (psutil): the peak of
the largest single process and the peak of all of them together.

- full: contentlint (no cache) against the spaCy floor (frontmatter +
  spacy.blank("en") + sentencizer, one process), the least any spaCy-based
  linter pays.
- compare: the same, plus proselint when it is installed.
- scale: contentlint alone at growing corpus sizes; articles/s at each size
  and its ratio to the smallest, peak memory, and the share of the run the
  cross-article comparison took (contentlint's CONTENTLINT_TIMINGS lines).
- precommit: one staged file in a repository of --repo-size articles, as the
  pre-commit hook runs it, with an empty cache (cold), a warm one, and the
  first run after a configuration change to another corpus rule (a new review
  period for CL114 each time: the staged file's stored result is stale, the
  siblings' figures are not).
- cached: a second run over an unchanged corpus with the cache on (what CI and
  pre-commit see most of the time); the first, cache-filling run is not timed.

Bytecode: every tool runs with PYTHONDONTWRITEBYTECODE unset and its bytecode
kept under one PYTHONPYCACHEPREFIX (a folder in the temporary directory, kept
between runs), and each contentlint checkout is byte-compiled and its imports
warmed before it is timed. A user's `pip install` precompiles the installed
code; a shell that sets PYTHONDONTWRITEBYTECODE=1 would otherwise make every run
compile contentlint's source again (about 0.2 s of a pre-commit run) while
spaCy, installed by pip, starts from bytecode. The same rule for every tool
keeps the comparison fair, and the prefix keeps the checkouts themselves (other
people's baselines among them) free of __pycache__ folders.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_article, write_corpus  # noqa: F401  (synthetic_article: older callers)

ROOT = Path(__file__).resolve().parent.parent

# The cross-article comparison's share of a run (issue 15: under 5% at 10,000 articles), from
# the phase timings contentlint prints with CONTENTLINT_TIMINGS set (checkouts without them: 0).
TIMING_PREFIX = "contentlint timing: "
COMPARISON = "corpus comparison"

FLOOR_SCRIPT = """
import sys
from pathlib import Path
import frontmatter, spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
texts = (frontmatter.loads(p.read_text(encoding="utf-8")).content
         for p in sorted(Path(sys.argv[1]).glob("*.md")))
for _doc in nlp.pipe(texts, batch_size=32):
    pass
"""


@dataclass
class Sample:
    seconds: float
    peak_process_mb: float
    peak_total_mb: float
    exit_code: int
    peak_parent_mb: float = 0.0  # the contentlint process itself (its workers aside)
    # Phase timings contentlint printed (CONTENTLINT_TIMINGS, lint/engine/timings.py).
    phases: dict[str, float] = field(default_factory=dict)


@dataclass
class Tool:
    name: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0, 1)
    samples: list[Sample] = field(default_factory=list)
    # Another checkout to import `lint` from (the "before" of a side-by-side run).
    tree: Path | None = None
    env: dict[str, str] = field(default_factory=dict)  # set for this tool's runs only
    cwd: Path | None = None  # its own working folder (and so its own cache), if not the shared one

    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    def peak_process(self) -> float:
        return max(s.peak_process_mb for s in self.samples)

    def peak_total(self) -> float:
        return max(s.peak_total_mb for s in self.samples)

    def peak_parent(self) -> float:
        return max(s.peak_parent_mb for s in self.samples)

    def phase_share(self, name: str) -> float:
        """The median share of the run's wall time the named phase took."""
        return statistics.median(s.phases.get(name, 0.0) / s.seconds for s in self.samples)


def measure(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run a command and sample the resident memory of its whole process tree."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peaks = [0.0, 0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                sizes = []
                for p in tree:
                    with contextlib.suppress(psutil.Error):
                        sizes.append(p.memory_info().rss)
                if sizes:
                    peaks[0] = max(peaks[0], max(sizes) / 2**20)
                    peaks[1] = max(peaks[1], sum(sizes) / 2**20)
                    with contextlib.suppress(psutil.Error):
                        peaks[2] = max(peaks[2], root.memory_info().rss / 2**20)
            except psutil.Error:
                pass
            done.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    thread.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return Sample(seconds, peaks[0], peaks[1], proc.returncode, peaks[2], phase_timings(err))


def phase_timings(stderr: bytes) -> dict[str, float]:
    """`contentlint timing: <phase> <seconds> s` lines, summed by phase."""
    phases: dict[str, float] = {}
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.startswith(TIMING_PREFIX) and line.endswith(" s"):
            name, _, seconds = line[len(TIMING_PREFIX) : -2].rpartition(" ")
            with contextlib.suppress(ValueError):
                phases[name] = phases.get(name, 0.0) + float(seconds)
    return phases


def contentlint_argv(target: Path, jobs: int | None, cache: bool = False) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "lint.cli",
        "check",
        str(target),
        "--format",
        "json",
        "--no-progress",
    ]
    if not cache:
        argv.append("--no-cache")
    if jobs:
        argv += ["--jobs", str(jobs)]
    return argv


def tool_env(tree: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: from bytecode (see the docstring)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    return env


PYCACHE = os.path.join(tempfile.gettempdir(), "contentlint-bench-pycache")
WARM = "import lint.cli, lint.checks, lint.engine.runner, lint.report.output, spacy, msgspec"


def precompile(*trees: Path | None) -> None:
    """Byte-compile each checkout's package (as `pip install` does) and what it imports."""
    for tree in {t or ROOT for t in trees}:
        for argv in (["-m", "compileall", "-q", str(tree / "lint")], ["-c", WARM]):
            subprocess.run(
                [sys.executable, *argv],
                cwd=tree,
                env=tool_env(tree),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )


def run_interleaved(tools: list[Tool], repeat: int, cwd: Path) -> None:
    precompile(*(tool.tree for tool in tools))
    for _ in range(repeat):
        for tool in tools:
            sample = measure(
                tool.argv, tool.cwd or cwd, {**tool_env(tool.tree or ROOT), **tool.env}
            )
            if sample.exit_code not in tool.ok_codes:
                raise SystemExit(f"{tool.name} exited {sample.exit_code}: {' '.join(tool.argv)}")
            tool.samples.append(sample)


def print_table(tools: list[Tool], articles: int, words: int) -> None:
    base = tools[0].median()
    print(
        f"{'tool':<34} {'median s':>9} {'articles/s':>11} {'words/s':>10} "
        f"{'peak proc MB':>13} {'peak all MB':>12} {'vs ' + tools[0].name:>16}"
    )
    for tool in tools:
        med = tool.median()
        print(
            f"{tool.name:<34} {med:>9.2f} {articles / med:>11.1f} {words / med:>10,.0f} "
            f"{tool.peak_process():>13.0f} {tool.peak_total():>12.0f} {base / med:>15.2f}x"
        )
    print(
        "runs: "
        + "; ".join(f"{t.name}: " + ", ".join(f"{s.seconds:.2f}" for s in t.samples) for t in tools)
    )


def side_by_side(args: argparse.Namespace, with_proselint: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        words = write_corpus(corpus, args.n)
        floor_py = Path(tmp) / "floor.py"
        floor_py.write_text(FLOOR_SCRIPT, encoding="utf-8")
        tools = [
            Tool(
                f"contentlint (jobs={args.jobs or 'cpu'}, no cache)",
                contentlint_argv(corpus, args.jobs),
            )
        ]
        if args.against:
            tools.append(
                Tool(
                    f"contentlint @{args.against.name} (before)",
                    contentlint_argv(corpus, args.jobs),
                    tree=args.against.resolve(),
                )
            )
        if with_proselint:
            if shutil.which("proselint"):
                tools.append(Tool("proselint (1 process)", ["proselint", "check", str(corpus)]))
            else:
                print("proselint is not installed: `pip install proselint` to compare with it")
        tools.append(
            Tool(
                "spaCy floor (1 process)",
                [sys.executable, str(floor_py), str(corpus)],
                ok_codes=(0,),
            )
        )
        run_interleaved(tools, args.repeat, Path(tmp))
    print(
        f"articles: {args.n}  words: {words} ({words / args.n:.0f} per article)  repeat: {args.repeat}"
    )
    print_table(tools, args.n, words)
    return 0


def scale(args: argparse.Namespace) -> int:
    """articles/s and peak memory at each size; with --against, the other checkout's run on
    the same corpus too (interleaved). Memory grows linearly with the corpus: the slope
    between the two largest sizes, per 1,000 articles, projects the peaks at 10,000."""
    sizes = [int(s) for s in args.sizes.split(",")]
    trees = [("", ROOT)] + (
        [(f" @{args.against.name}", args.against.resolve())] if args.against else []
    )
    rows: dict[str, list[tuple[int, Tool]]] = {label: [] for label, _ in trees}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, n)
            tools = [
                Tool(
                    f"contentlint{label} n={n}",
                    contentlint_argv(corpus, args.jobs),
                    tree=tree,
                    env={"CONTENTLINT_TIMINGS": "1"},
                )
                for label, tree in trees
            ]
            run_interleaved(tools, args.repeat, Path(tmp))
            for (label, _), tool in zip(trees, tools, strict=True):
                rows[label].append((n, tool))
    for label, _ in trees:
        print(f"contentlint{label}:")
        print(
            f"{'articles':>9} {'median s':>9} {'articles/s':>11} {'vs first':>9} "
            f"{'parent MB':>10} {'peak proc MB':>13} {'peak all MB':>12} {'comparison':>11}"
        )
        first_rate = rows[label][0][0] / rows[label][0][1].median()
        for n, tool in rows[label]:
            rate = n / tool.median()
            print(
                f"{n:>9} {tool.median():>9.2f} {rate:>11.1f} {rate / first_rate:>8.2f}x "
                f"{tool.peak_parent():>10.0f} {tool.peak_process():>13.0f} {tool.peak_total():>12.0f} "
                f"{tool.phase_share(COMPARISON):>10.1%}"
            )
        if len(sizes) > 1:
            (n0, t0), (n1, t1) = rows[label][-2], rows[label][-1]
            slopes = [
                (get(t1) - get(t0)) / (n1 - n0) * 1000
                for get in (Tool.peak_parent, Tool.peak_process, Tool.peak_total)
            ]
            ends = [Tool.peak_parent(t1), Tool.peak_process(t1), Tool.peak_total(t1)]
            at10k = [
                end + slope * (10_000 - n1) / 1000 for end, slope in zip(ends, slopes, strict=True)
            ]
            print(
                "MB per 1,000 articles: parent {:.0f}, largest {:.0f}, all {:.0f}; ".format(*slopes)
                + "projected at 10,000: parent {:.0f}, largest {:.0f}, all {:.0f} MB".format(*at10k)
            )
    return 0


def cached(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        words = write_corpus(corpus, args.n)
        tools = [Tool("contentlint, warm cache", contentlint_argv(corpus, args.jobs, cache=True))]
        if args.against:
            tools.append(
                Tool(
                    f"contentlint @{args.against.name}, warm cache",
                    contentlint_argv(corpus, args.jobs, cache=True),
                    tree=args.against.resolve(),
                )
            )
        # Each checkout in its own working folder, so its own cache: a run of one would
        # otherwise change the cache folder the other's stored output depends on, and
        # neither would ever be replayed.
        for i, tool in enumerate(tools):
            tool.cwd = Path(tmp) / f"work-{i}"
            tool.cwd.mkdir()
            measure(tool.argv, tool.cwd, tool_env(tool.tree or ROOT))  # fill its cache
        run_interleaved(tools, args.repeat, Path(tmp))
    print(f"articles: {args.n}  words: {words}  repeat: {args.repeat}  (cache filled first)")
    print_table(tools, args.n, words)
    return 0


def precommit(args: argparse.Namespace) -> int:
    trees = [("", ROOT)] + (
        [(f" @{args.against.name}", args.against.resolve())] if args.against else []
    )
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "site"
        write_corpus(repo / "articles", args.repo_size)
        staged = sorted((repo / "articles").glob("*.md"))[0]
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        cache_dir = repo / ".contentlint_cache"
        config = repo / ".contentlint.toml"
        changes = itertools.count()

        def change_a_rule() -> None:
            """A review period never used before for CL114 (stale review): a corpus rule, so
            a change that kept no cached sibling before the narrowed sibling cache."""
            k = next(changes)
            config.write_text(f"[rules.CL114]\nwarn-months = {100 + k}\nerror-months = {200 + k}\n")

        change_a_rule()
        # The hook's own command line: `contentlint check` with the staged file names.
        argv = [
            sys.executable,
            "-m",
            "lint.cli",
            "check",
            str(staged.relative_to(repo)),
            "--no-progress",
        ]
        precompile(*(tree for _, tree in trees))
        tools = []
        for label, tree in trees:
            cold = Tool(f"one staged file, empty cache{label}", argv, tree=tree)
            warm = Tool(f"one staged file, warm cache{label}", argv, tree=tree)
            changed = Tool(f"one staged file, after a rule change{label}", argv, tree=tree)
            tools += [cold, warm, changed]
        for _ in range(args.repeat):
            for i in range(0, len(tools), 3):  # interleaved: each tree cold, warm, then changed
                cold, warm, changed = tools[i : i + 3]
                shutil.rmtree(cache_dir, ignore_errors=True)
                cold.samples.append(measure(argv, repo, tool_env(cold.tree or ROOT)))
                for _ in range(args.warm):  # warm runs are short and noisy: several per cold one
                    warm.samples.append(measure(argv, repo, tool_env(warm.tree or ROOT)))
                for _ in range(args.changes):
                    change_a_rule()
                    changed.samples.append(measure(argv, repo, tool_env(changed.tree or ROOT)))
    print(f"repository: {args.repo_size} articles; one staged file; repeat: {args.repeat}")
    for tool in tools:
        print(
            f"{tool.name:<42} median {tool.median():.2f}s  peak proc {tool.peak_process():.0f} MB  "
            f"peak all {tool.peak_total():.0f} MB  runs: "
            + ", ".join(f"{s.seconds:.2f}" for s in tool.samples)
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "mode",
        nargs="?",
        default="full",
        choices=["full", "compare", "scale", "precommit", "cached"],
    )
    parser.add_argument("-n", type=int, default=None, help="articles (full: 200, compare: 1000)")
    parser.add_argument(
        "--jobs", type=int, default=None, help="contentlint worker processes (default: CPU count)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each tool to take the median of"
    )
    parser.add_argument(
        "--sizes", default="1000,5000,10000", help="scale: corpus sizes, comma-separated"
    )
    parser.add_argument(
        "--repo-size", type=int, default=1000, help="precommit: articles in the repository"
    )
    parser.add_argument(
        "--warm", type=int, default=3, help="precommit: warm runs after each cold one"
    )
    parser.add_argument(
        "--changes",
        type=int,
        default=3,
        help="precommit: runs after each cold one, each after changing another rule's option",
    )
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="full/compare/cached/precommit/scale: also time the contentlint of this other checkout (a git worktree)",
    )
    args = parser.parse_args()
    if args.mode == "scale":
        return scale(args)
    if args.mode == "precommit":
        return precommit(args)
    args.n = args.n or (1000 if args.mode in ("compare", "cached") else 200)
    if args.mode == "cached":
        return cached(args)
    return side_by_side(args, with_proselint=args.mode == "compare")


if __name__ == "__main__":
    sys.exit(main())
