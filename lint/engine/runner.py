"""Running rules over many files: selection, the process pool, the cache, verdicts."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__
from ..model.article import InputError
from ..model.errors import ConfigError, RuleError
from ..model.finding import SEVERITY_RANK, at_least
from ..model.suppress import matches_code
from ..model.verdicts import BLOCKED, DRAFT, PUBLISHABLE, WARNINGS
from .cache import Cache
from .config import Settings
from .discover import discover, display_path
from .pipeline import ArticleResult, finish
from .resources import for_project
from .rules import Registry, Rule, check_options, resolve_resource


@dataclass
class Run:
    """Everything reporters need: results in path order, plus the verdicts."""

    results: list[ArticleResult]
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

    @property
    def findings(self):
        return [f for r in self.results for f in r.findings]

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


def _specificity(selectors: Sequence[str], rule: Rule) -> int:
    best = -1
    for sel in selectors:
        if sel == rule.name:
            best = max(best, 99)
        elif matches_code(sel, rule.code, rule.name):
            best = max(best, len(sel))
    return best


def select_rules(registry: Registry, settings: Settings) -> list[Rule]:
    """ruff's rule: the most specific of select/ignore wins; options and severities applied."""
    registry = for_project(registry, settings)  # the project's [resources] (issue 13)
    check_selectors(registry, settings)
    _check_option_tables(registry, settings)
    chosen = []
    for rule in registry.sorted_rules():
        wanted = _specificity(list(settings.select) + list(settings.extend_select), rule)
        dropped = _specificity(settings.ignore, rule)
        if wanted < 0 or dropped >= wanted:
            continue
        overrides = _option_overrides(registry, settings, rule)
        overrides = _with_citation_components(registry, settings, rule, overrides)
        if overrides:
            try:
                roots = [Path(settings.root)]
                rule = rule.with_options(
                    {k: resolve_resource(v, roots) for k, v in overrides.items()}
                )
            except RuleError as err:
                raise ConfigError(f"{settings.source}: rules.{rule.code}: {err}") from None
            try:
                check_options(
                    registry.kinds[rule.check],
                    rule.options,
                    f"{settings.source}: rules.{rule.code}",
                )
            except RuleError as err:
                raise ConfigError(str(err)) from None
        sev = _severity_override(settings.severity, rule)
        if sev:
            rule = replace(rule, severity=sev, severity_forced=True)
        chosen.append(rule)
    return chosen


def unknown_selector(registry: Registry, selector: str) -> str | None:
    """None when `selector` (a code prefix or a rule name) names at least one rule;
    otherwise the error text, with the closest code or name."""
    import difflib

    key = selector.strip()
    if registry.find(key) is not None or (
        key and any(c.startswith(key.upper()) for c in registry.rules)
    ):
        return None
    if key.upper() in ("ALL",):
        return None
    names = list(registry.rules) + [r.name for r in registry.rules.values()]
    close = difflib.get_close_matches(
        key.upper() if key[:1].isalpha() and key[:2].upper() == key[:2] else key,
        names,
        n=1,
        cutoff=0.5,
    )
    hint = f" (did you mean {close[0]!r}?)" if close else "; `contentlint rules` lists them"
    return f"{selector!r} matches no rule{hint}"


def check_selectors(registry: Registry, settings: Settings) -> None:
    """Fail closed: a typo in select/ignore (CL30l) would otherwise run nothing and pass."""
    where = settings.source or "settings"
    groups = [
        ("select", settings.select),
        ("extend-select", settings.extend_select),
        ("ignore", settings.ignore),
        ("severity", tuple(settings.severity)),
        ("rules", tuple(settings.rules)),
    ]
    groups += [
        (f"per-file-ignores.{glob!r}", tuple(codes))
        for glob, codes in settings.per_file_ignores.items()
    ]
    problems = [
        f"{group}: {problem}"
        for group, selectors in groups
        for sel in selectors
        if (problem := unknown_selector(registry, sel))
    ]
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))


def _tables_for(registry: Registry, settings: Settings, rule: Rule) -> list[tuple[int, str, dict]]:
    """The [rules.X] tables that speak about `rule`, least specific first."""
    tables = [(_specificity([key], rule), key, opts) for key, opts in settings.rules.items()]
    return sorted((t for t in tables if t[0] >= 0), key=lambda t: t[0])


def _option_overrides(registry: Registry, settings: Settings, rule: Rule) -> dict:
    """A table for a code prefix ([rules.CL2]) sets the options each of its rules
    accepts; a table for one rule (code or name) must only name its options.
    The more specific table wins."""
    accepted = set(registry.kinds[rule.check].options)
    merged: dict = {}
    for _, key, opts in _tables_for(registry, settings, rule):
        exact = registry.find(key) is rule
        merged.update({k: v for k, v in opts.items() if exact or k in accepted})
    return merged


def _with_citation_components(
    registry: Registry, settings: Settings, rule: Rule, overrides: dict
) -> dict:
    """The top-level `citation-components` reach every rule that reads citations; a rule's own
    table may still set them. Either way they are checked here (exit 2 naming the key)."""
    from ..analysis.components import ComponentError, validate_components

    if "citation-components" not in registry.kinds[rule.check].options:
        return overrides
    if "citation-components" in overrides:
        try:
            value = validate_components(
                overrides["citation-components"], f"rules.{rule.code}.citation-components"
            )
        except ComponentError as err:
            raise ConfigError(f"{settings.source or 'settings'}: {err}") from None
        return {**overrides, "citation-components": [list(c) for c in value]}
    if settings.citation_components:
        return {**overrides, "citation-components": [list(c) for c in settings.citation_components]}
    return overrides


def _check_option_tables(registry: Registry, settings: Settings) -> None:
    where = settings.source or "settings"
    for key, opts in settings.rules.items():
        rules = [r for r in registry.rules.values() if _specificity([key], r) >= 0]
        accepted = (
            set().union(*(registry.kinds[r.check].options for r in rules)) if rules else set()
        )
        unknown = set(opts) - accepted
        if unknown:
            raise ConfigError(
                f"{where}: rules.{key}: unknown option(s) {', '.join(sorted(unknown))} "
                f"(accepted: {', '.join(sorted(accepted)) or 'none'})"
            )


def _severity_override(table, rule: Rule) -> str | None:
    best, value = -1, None
    for key, sev in table.items():
        spec = _specificity([key], rule)
        if spec > best:
            best, value = spec, sev
    return value


def _read(path: Path, policy=None) -> bytes | OSError:
    """The file's bytes under the file policy; an InputError (or OSError) says why not."""
    from .files import FilePolicy

    try:
        return (policy or FilePolicy(symlinks="anywhere", max_size=1 << 62)).read(path)
    except InputError as err:
        return err  # type: ignore[return-value]


def analyse_files(
    files: Sequence[Path],
    rules: list[Rule],
    registry: Registry,
    settings: Settings,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    policy=None,
) -> list[ArticleResult]:
    """One result per file, in the order given, whatever the number of jobs.

    Files are read under the file policy (lint/engine/files.py); one that is refused
    or crashes a check becomes a CL001 finding and the run goes on."""
    from .files import FilePolicy
    from .isolation import analyse_all
    from .pipeline import input_finding

    policy = policy or FilePolicy.for_run(settings)
    cache = open_cache(settings, registry, rules)
    results: list[ArticleResult | None] = [None] * len(files)
    todo: list[tuple[int, tuple[str, bytes]]] = []
    for i, path in enumerate(files):
        shown = display_path(path)
        data = _read(path, policy)
        if isinstance(data, (OSError, InputError)):
            err = (
                data
                if isinstance(data, InputError)
                else InputError(f"cannot read file: {data.strerror or data}")
            )
            res = ArticleResult(path=shown, content_hash="")
            res.findings.append(input_finding(shown, registry.rules.get("CL001"), err))
            results[i] = res
            continue
        hit = cache.get(shown, data) if cache else None
        if hit is not None:
            results[i] = hit
        else:
            todo.append((i, (shown, data)))
    count = [len(files) - len(todo)]
    if progress:
        progress(count[0], len(files))

    def done(j: int, result: ArticleResult) -> None:
        i, (shown, data) = todo[j]
        results[i] = result
        if cache is not None:
            cache.put(shown, data, result, source=os.fspath(files[i]))
        count[0] += 1
        if progress:
            progress(count[0], len(files))

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    analyse_all(
        [item for _, item in todo],
        rules,
        registry,
        settings.nlp_model,
        getattr(settings, "time_budget", None),
        jobs,
        done,
    )
    if cache is not None:
        cache.maintain()
    return [r for r in results if r is not None]


def open_cache(settings: Settings, registry: Registry, rules: Sequence[Rule]) -> Cache | None:
    """The result cache for this rule set, or None when caching is off."""
    if not settings.cache:
        return None
    from .cache import code_fingerprint

    salt = (
        registry.fingerprint()
        + __version__
        + code_fingerprint()
        + repr([(r.code, r.severity, sorted(map(str, r.options.items()))) for r in rules])
        + str(settings.nlp_model)
        + str(settings.source)
        + repr((getattr(settings, "max_file_size", None), getattr(settings, "time_budget", None)))
    )
    return Cache(
        settings.resolve(settings.cache_dir),
        salt,
        max_size=getattr(settings, "cache_max_size", 256 * 1024 * 1024),
    )


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


def sibling_context(paths: Sequence[Path], settings: Settings) -> list[Path]:
    """The articles next to each file named explicitly (what pre-commit passes).

    Cross-article checks compare a changed article against the rest of its
    folder even when only that article is being linted.
    """
    from fnmatch import fnmatch

    out: list[Path] = []
    for path in paths:
        if not path.is_file():
            continue
        for sibling in sorted(path.resolve().parent.iterdir()):
            if sibling.is_file() and any(fnmatch(sibling.name, p) for p in settings.include):
                out.append(sibling)
    return out


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
    excludes = tuple(settings.exclude) + tuple(settings.extend_exclude)
    if targets is None:
        files = discover(
            paths, settings.include, excludes, respect_gitignore=settings.respect_gitignore
        )
    else:
        files = list(paths)
    reported, compare_only = files, []
    if report_only is not None:
        wanted = {display_path(Path(p)) for p in report_only}
        reported = [f for f in files if display_path(f) in wanted]
        compare_only = [f for f in files if display_path(f) not in wanted]
    corpus_rules = [r for r in rules if registry.kinds[r.check].scope == "corpus"]
    if corpus_rules:
        seen = {display_path(f) for f in files}
        for extra in discover(context, settings.include, excludes) if context else ():
            if display_path(extra) not in seen:
                seen.add(display_path(extra))
                compare_only.append(extra)
    else:
        compare_only = []  # nothing compares across articles: no need to read the others
    total = len(reported) + len(compare_only)
    from .files import FilePolicy

    policy = FilePolicy.for_run(settings, paths if targets is None else targets)
    results = analyse_files(
        reported,
        rules,
        registry,
        settings,
        settings.jobs,
        _offset(progress, 0, total),
        policy=policy,
    )
    compare_only = _needed_for_comparison(results, compare_only, corpus_rules, registry)
    background = (
        analyse_files(
            compare_only,
            corpus_rules,
            registry,
            settings,
            settings.jobs,
            _offset(progress, len(reported), total),
            policy=policy,
        )
        if compare_only
        else []
    )
    finish(results + background, rules, registry, settings.per_file_ignores, settings.root)
    for result in results:
        result.findings.sort()
    outcome = Run(
        results, registry, rules, settings, verdicts(results, settings), compared=len(background)
    )
    outcome.sources = {display_path(f): os.fspath(f) for f in reported}
    return outcome


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
