"""Running rules over many files: selection, the process pool, the cache, verdicts."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model.finding import SEVERITY_RANK, at_least
from ..model.verdicts import BLOCKED, DRAFT, PUBLISHABLE, WARNINGS
from .batch import _slimmed, analyse_each, analyse_files
from .cache import Cache
from .config import Settings
from .corpus_pass import add_corpus_findings, corpus_items
from .discover import discover, display_path
from .pipeline import ArticleResult, Finisher
from .results import FindingsView, FindingTally, ResultStore, as_list
from .rules import Registry, Rule
from .runcache import open_cache
from .selection import (  # noqa: F401  (callers import them from here)
    check_selectors,
    select_rules,
    unknown_selector,
)
from .siblings import (
    comparison_rules,
    sibling_context,  # noqa: F401  (callers import it from here)
)
from .timings import phase


@dataclass
class Run:
    """Everything reporters need: results in path order, plus the verdicts.

    `results` is a list, or a ResultStore (lint.engine.results) that hands out a copy of
    each result on access: a caller that changes one writes it back (`results[i] = r`)."""

    results: Sequence[ArticleResult]
    registry: Registry
    rules: list[Rule]
    settings: Settings
    verdicts: dict[str, str] = field(default_factory=dict)
    stale: list[dict] = field(default_factory=list)  # baseline entries that no longer match
    baseline: str | None = None  # the baseline file applied, if any
    baselined: int = 0  # findings hidden because the baseline already holds them
    compared: int = 0  # articles read only for cross-article comparison (not reported)
    # With nested configs (lint.engine.project), each article's own settings decide its verdict.
    settings_by_path: dict = field(default_factory=dict)
    sources: dict = field(
        default_factory=dict
    )  # shown path -> the path on disk (names are escaped)

    # Counted once per state of the results: `put` (every change to a result goes through it) clears it.
    _tally: FindingTally | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def tally(self) -> FindingTally:
        """The findings' counts by code, name, category and severity, taken in one pass."""
        if self._tally is None:
            self._tally = FindingTally(self.results)
        return self._tally

    @property
    def findings(self) -> FindingsView:
        """Every finding, article by article, read as it is iterated (not held as one list)."""
        return FindingsView(self.results)

    def put(self, index: int, result: ArticleResult) -> None:
        """Keep a changed result (results[index] hands out a copy when they are stored)."""
        self.results[index] = result  # type: ignore[index]
        self._tally = None

    @property
    def blocked(self) -> int:
        return sum(1 for v in self.verdicts.values() if v == BLOCKED)

    def count(self, verdict: str) -> int:
        return sum(1 for v in self.verdicts.values() if v == verdict)

    def refresh_verdicts(self) -> None:
        """Recompute the verdicts after findings were dropped (a baseline, say)."""
        self.verdicts = {
            r.path: verdict_of(r, self.settings_by_path.get(r.path, self.settings))
            for r in self.results
        }

    @property
    def exit_code(self) -> int:
        return 1 if self.blocked else 0


def is_draft(meta: dict, settings: Settings) -> bool:
    status = str(meta.get("status", "")).strip().lower()
    return bool(status) and status in {s.lower() for s in settings.draft_statuses}


def verdict_of(result: ArticleResult, settings: Settings) -> str:
    if is_draft(result.meta, settings) and not settings.drafts_block:
        return DRAFT
    if any(at_least(f.severity, settings.fail_on) for f in result.findings):
        return BLOCKED
    if any(at_least(f.severity, "warning") for f in result.findings):
        return WARNINGS
    return PUBLISHABLE


def verdicts(results: Sequence[ArticleResult], settings: Settings) -> dict[str, str]:
    return {result.path: verdict_of(result, settings) for result in results}


def run(
    paths: Sequence[Path],
    registry: Registry,
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    *,
    report_only: Collection[str | Path] | None = None,
    context: Sequence[Path] = (),
    targets: Sequence[Path] | None = None,
) -> Run:
    """Lint `paths`. With `report_only`, only those files are reported; every
    other discovered file, and every file under `context`, is still read by
    corpus-scope rules (cross-article comparison) but never reported.

    `targets`, when given, are what the user named and `paths` the files already
    discovered from them (lint.engine.project): they set the file policy's roots, and
    `paths` are taken as they are (a folder named like an article stays one, for
    the policy to report)."""
    rules = select_rules(registry, settings)
    reported, compare_only = _partition(paths, settings, report_only, targets)
    corpus_rules = [r for r in rules if registry.kinds[r.check].scope == "corpus"]
    if corpus_rules:
        compare_only += _context_files(context, settings, reported + compare_only)
    else:
        compare_only = []  # nothing compares across articles: no need to read the others
    from . import runcache
    from .files import FilePolicy

    policy = FilePolicy.for_run(settings, paths if targets is None else targets)
    cache = open_cache(settings, registry, rules)
    content = runcache.content_key(cache, settings, policy, reported, compare_only)
    others = _comparison_cache(settings, registry, corpus_rules) if compare_only else None
    entries = [(cache, reported), (others, compare_only)]
    key = runcache.run_key(content, entries)
    stored = runcache.load(cache, key, reported, rules, registry)
    results: Sequence[ArticleResult]
    if stored is not None:  # nothing changed since the last run: its results stand
        results, compared = stored
    else:
        results, compared, live = _analyse_and_compare(
            reported,
            (compare_only, others),
            rules,
            corpus_rules,
            registry,
            settings,
            progress,
            policy,
        )
        # A large run's results live in a file (lint.engine.results): storing the whole run
        # as one entry would bring them all back into memory. Its article entries still
        # stand, and an unchanged check is replayed from its output (lint.engine.replay).
        if key is not None and not getattr(results, "spilled", False):
            key = runcache.run_key(content, entries)  # the entries this run wrote
            runcache.store(cache, key, reported, as_list(results), compared, live)
    outcome = Run(
        results, registry, rules, settings, verdicts(results, settings), compared=compared
    )
    outcome.sources = {display_path(f): os.fspath(f) for f in reported}
    return outcome


def _comparison_cache(settings: Settings, registry: Registry, corpus_rules: list[Rule]):
    """The cache of the comparison-only articles' results. When they run only the fact rule
    (lint.engine.siblings.comparison_rules), its salt covers that rule alone: changing another
    corpus rule's options or a rule pack does not send pre-commit back through every sibling."""
    rules = comparison_rules(corpus_rules)
    return open_cache(settings, registry, rules, whole_registry=len(rules) == len(corpus_rules))


def _analyse_and_compare(
    reported: list[Path],
    others: tuple[list[Path], Cache | None],
    rules: list[Rule],
    corpus_rules: list[Rule],
    registry: Registry,
    settings: Settings,
    progress: Callable[[int, int], None] | None,
    policy,
) -> tuple[ResultStore, int, tuple[dict, str]]:
    """Analyse the reported articles, then the others the comparison needs; the corpus pass.
    Also what the live corpus rules read, for the run cache (lint.engine.runcache).

    Each reported result goes to a ResultStore as it comes in; only what the corpus
    pass compares (its `collected` data, in `slim`) stays in memory."""
    compare_only, others_cache = others
    total = len(reported) + len(compare_only)
    jobs = settings.jobs
    results = ResultStore(len(reported))
    slim: list[ArticleResult | None] = [None] * len(reported)

    def keep(i: int, result: ArticleResult) -> None:
        slim[i] = _slimmed(result)
        result.collected = {}  # read by the corpus pass only, from `slim`
        results[i] = result

    step = _offset(progress, 0, total)
    with phase("analysis"):
        analyse_each(reported, rules, registry, settings, keep, jobs, step, policy=policy)
    own = [r for r in slim if r is not None]
    compare_only = _needed_for_comparison(own, compare_only, corpus_rules, registry)
    background = []
    if compare_only:
        step = _offset(progress, len(reported), total)
        with phase("analysis of articles compared only"):
            background = analyse_files(
                compare_only,
                comparison_rules(corpus_rules),
                registry,
                settings,
                jobs,
                step,
                policy=policy,
                slim=True,
                cache=others_cache,
            )
    from .runcache import live_probe, live_rules

    live_codes = [rule.code for rule in live_rules(rules, registry)]
    live = {
        code: {r.path: r.collected[code] for r in own if code in r.collected} for code in live_codes
    }
    _corpus_pass(results, own + background, rules, registry, settings)
    return results, len(background), (live, live_probe(live, rules, registry))


def _corpus_pass(
    results: ResultStore,
    compared: list[ArticleResult],
    rules: list[Rule],
    registry: Registry,
    settings: Settings,
) -> None:
    """`pipeline.finish` over stored results, one article at a time: the comparison runs
    on the collected data (`compared`: the reported articles' first, in order), then each
    reported article takes its corpus findings, suppressions and fingerprints."""
    # Only the reported articles take findings: with others read for comparison only,
    # what the comparison says about those others is never asked for.
    about = {r.path for r in compared[: len(results)]} if len(compared) > len(results) else None
    with phase("corpus comparison"):
        pending = corpus_items(((r.path, r.collected) for r in compared), rules, registry, about)
    # A path listed twice takes its findings once, on its last entry (as `finish` does).
    owner = {r.path: i for i, r in enumerate(compared)}
    last = Finisher(rules, registry, settings.per_file_ignores, settings.root)
    with phase("corpus findings, suppressions and fingerprints"):
        for i in range(len(results)):
            result = results[i]
            if owner.get(result.path) == i and result.path in pending:
                add_corpus_findings(result, pending[result.path])
            last(result)
            result.findings.sort()
            results[i] = result


def _partition(
    paths: Sequence[Path],
    settings: Settings,
    report_only: Collection[str | Path] | None,
    targets: Sequence[Path] | None,
) -> tuple[list[Path], list[Path]]:
    """(the files to report, the other files found), in discovery order."""
    if targets is None:
        excludes = tuple(settings.exclude) + tuple(settings.extend_exclude)
        files = discover(
            paths, settings.include, excludes, respect_gitignore=settings.respect_gitignore
        )
    else:
        files = list(paths)
    if report_only is None:
        return files, []
    wanted = {display_path(Path(p)) for p in report_only}
    reported = [f for f in files if display_path(f) in wanted]
    return reported, [f for f in files if display_path(f) not in wanted]


def _context_files(context: Sequence[Path], settings: Settings, known: list[Path]) -> list[Path]:
    """The articles under `context` not already among `known` (comparison only)."""
    if not context:
        return []
    excludes = tuple(settings.exclude) + tuple(settings.extend_exclude)
    seen = {display_path(f) for f in known}
    extra = []
    for path in discover(context, settings.include, excludes):
        shown = display_path(path)
        if shown not in seen:
            seen.add(shown)
            extra.append(path)
    return extra


def _needed_for_comparison(
    results: list[ArticleResult], compare_only: list[Path], rules: list[Rule], registry: Registry
) -> list[Path]:
    """Only the unreported articles that can change a reported one's findings (lint.engine.siblings)."""
    if not compare_only:
        return compare_only
    from .siblings import needed_siblings

    return needed_siblings(results, compare_only, rules, registry)


def _offset(progress: Callable[[int, int], None] | None, before: int, total: int):
    """Two passes, one progress bar."""
    if progress is None:
        return None
    return lambda done, _count: progress(before + done, total)


def worst(severities) -> str | None:
    ranked = sorted(severities, key=lambda s: SEVERITY_RANK[s])
    return ranked[-1] if ranked else None
