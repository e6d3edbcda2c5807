"""The command line: check, baseline, rules, explain."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .engine.config import Settings, load_settings
from .engine.rules import Registry, load_registry
from .model.errors import ConfigError, RuleError

EXIT_USAGE = 2
EXIT_INTERNAL = (
    3  # a bug in contentlint itself: neither "blocked" (1) nor a mistake of the user's (2)
)
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown", "html")


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """--select CL1,CL2 --select CL3 -> ("CL1", "CL2", "CL3")."""
    out = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return out or None


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"contentlint: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def load(paths: tuple[Path, ...], config: Path | None, **overrides) -> tuple[Settings, Registry]:
    target = paths[0] if paths else Path.cwd()
    force_exclude = overrides.pop("force_exclude", None)
    try:
        settings = load_settings(target, config, overrides)
        registry = load_registry([settings.resolve(p) for p in settings.rule_packs])
    except (ConfigError, RuleError) as err:
        raise _fail(str(err)) from None
    from .engine.project import Project

    ctx = click.get_current_context(silent=True)
    if ctx is not None:  # each file finds its own config (lint.engine.project); _lint uses it
        project = Project(overrides, config, force_exclude)
        project.remember(settings, registry)
        ctx.meta["contentlint.project"] = project
    return settings, registry


def default_paths(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    if paths:
        return paths
    return (Path("corpus"),) if Path("corpus").is_dir() else (Path("."),)


class _Group(click.Group):
    """Exit codes mean one thing each: 0 publishable, 1 blocked, 2 usage or config, 3 internal error.

    An unexpected exception would otherwise leave Python's exit status 1, which
    a CI script cannot tell from "an article is blocked"; it exits 3, with the
    traceback on stderr for the bug report, so that 2 keeps meaning "fix your
    command or config".
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (
            click.exceptions.Exit,
            click.ClickException,
            click.Abort,
            SystemExit,
            KeyboardInterrupt,
        ):
            raise
        except Exception:
            import traceback

            traceback.print_exc()
            click.echo(
                f"contentlint: internal error (contentlint {__version__}); the traceback above is "
                "what to report",
                err=True,
            )
            raise click.exceptions.Exit(EXIT_INTERNAL) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="contentlint")
def main() -> None:
    """contentlint: checks health articles before they are published."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option(
    "--format",
    "--output-format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: text, or from --output's extension: .json .sarif .xml .md .html).",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file (atomically). Repeat for several reports from one run, "
    "each in the format its extension names.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings per rule instead of the findings (text, or JSON with --format json).",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when an article is blocked (errors in usage or configuration still exit 2).",
)
@click.option(
    "--select",
    multiple=True,
    help="Enable only rules whose code starts with these (comma-separated).",
)
@click.option("--extend-select", multiple=True, help="Enable these rules on top of the selection.")
@click.option(
    "--ignore", multiple=True, help="Disable rules whose code starts with these (comma-separated)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="Lowest severity that blocks an article (default: error).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: CPU count).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Findings only: no source excerpts, no per-article verdicts.",
)
@click.option(
    "--color/--no-color", default=None, help="Colour output (default: when stdout is a terminal)."
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this config file instead of searching for one.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the fixes that fixable rules offer, then report what remains.",
)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; change no file."
)
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the result cache.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report and gate only findings not recorded in this baseline file.",
)
@click.option(
    "--since",
    metavar="REF",
    help="Lint only files changed since the merge base with git REF (cross-article checks still "
    "compare against every article).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: on a terminal, for runs over a second, never in CI).",
)
@click.option(
    "--stdin-filename",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With `-`: the path standard input stands for (config, per-file ignores, its folder's articles).",
)
@click.option(
    "--watch", is_flag=True, help="Lint, then re-lint whenever an article or the config is saved."
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip files that .gitignore and .ignore files ignore (default: on).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    default=None,
    help="Apply exclude and ignore files to files named on the command line too.",
)
def check(
    paths,
    fmt,
    outputs,
    statistics,
    exit_zero,
    select,
    extend_select,
    ignore,
    fail_on,
    jobs,
    quiet,
    color,
    config,
    fix,
    no_cache,
    baseline_file,
    since,
    progress,
    stdin_filename,
    watch,
    respect_gitignore,
    force_exclude,
    show_diff=False,
):
    """Lint articles and say which may be published (exit 1 when any is blocked).

    `-` reads one article from standard input (name it with --stdin-filename)."""
    from .commands.live import StdinUsage, stdin_paths
    from .report.output import OutputError, plan_outputs, write_reports

    try:
        plan = plan_outputs(fmt, outputs, statistics)
        paths, stdin = stdin_paths(paths, stdin_filename, watch=watch, since=since)
    except (OutputError, StdinUsage) as err:
        raise _fail(str(err)) from None
    paths = paths if stdin else default_paths(paths)
    if watch:
        from .commands.watch import watch as watch_paths

        if outputs or fix or baseline_file or statistics:
            raise _fail(
                "--watch prints to the terminal: it cannot be combined with -o, --fix, --baseline or "
                "--statistics"
            )
        sys.exit(
            watch_paths(
                paths,
                lambda: load(
                    paths,
                    config,
                    select=_codes(select),
                    extend_select=_codes(extend_select),
                    ignore=_codes(ignore),
                    fail_on=fail_on,
                    jobs=jobs,
                    cache=False if no_cache else None,
                    respect_gitignore=respect_gitignore,
                ),
                fmt=fmt,
                quiet=quiet,
                color=_use_color(color),
            )
        )
    settings, registry = load(
        paths,
        config,
        select=_codes(select),
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        fail_on=fail_on,
        jobs=jobs,
        cache=False if no_cache else None,
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude or None,
    )
    known = _load_baseline(baseline_file) if baseline_file is not None else None
    report_only = _changed_since(since) if since else None
    try:
        if stdin:  # with --fix, the fixed article goes to stdout and the report to stderr
            from .commands.live import lint_stdin

            result = lint_stdin(stdin_filename, settings, registry, fix)
        else:
            result = _lint(paths, registry, settings, progress, report_only)
        if show_diff and not stdin:
            from .report.output import apply_fixes

            outcomes = apply_fixes(result, write=False)
            for _, outcome in outcomes:
                click.echo(outcome.diff, nl=False)
            for shown, outcome in outcomes:
                if outcome.refused:
                    click.echo(f"contentlint: would not fix {shown}: {outcome.refused}", err=True)
            sys.exit(result.exit_code)
        if fix and not stdin:
            from .report.output import apply_fixes, refusal_findings

            outcomes = apply_fixes(result)
            _say_fixed(outcomes)
            if any(o.changed for _, o in outcomes):
                result = _lint(paths, registry, settings, progress, report_only)
            refusal_findings(result, outcomes)
    except ConfigError as err:
        raise _fail(str(err)) from None
    if not result.results and not stdin and any(p.is_dir() for p in paths):
        # As ruff warns: a wrong path in CI should not pass in silence.
        click.echo(
            f"contentlint: warning: no article to lint under {', '.join(str(p) for p in paths)} "
            f"(none matches include = {list(settings.include)}, or all are excluded or gitignored)",
            err=True,
        )
    if known is not None:
        from .engine.baseline import apply

        apply(result, known)
    try:
        write_reports(result, plan, quiet=quiet, color=_use_color(color))
    except OutputError as err:
        raise _fail(str(err)) from None
    sys.exit(0 if exit_zero else result.exit_code)


def _say_fixed(outcomes) -> None:
    """Each changed file and what changed, on stderr; then the files left alone and why."""
    from .engine.files import escape_text, safe_name

    changed = [(shown, o) for shown, o in outcomes if o.changed]
    for shown, outcome in changed:
        click.echo(
            f"contentlint: fixed {safe_name(shown)}: {escape_text('; '.join(outcome.descriptions))}",
            err=True,
        )
    for shown, outcome in outcomes:
        if outcome.refused:
            click.echo(
                f"contentlint: not fixed {safe_name(shown)}: {escape_text(outcome.refused)}",
                err=True,
            )
    if changed:
        click.echo(
            f"contentlint: fixed {len(changed)} file{'s' if len(changed) != 1 else ''}", err=True
        )


def _lint(paths, registry, settings, progress, report_only=None):
    """One run with the progress bar and the comparison context the CLI always wants."""
    from .engine.progress import ProgressBar
    from .engine.runner import run, sibling_context

    ctx = click.get_current_context(silent=True)
    project = ctx.meta.get("contentlint.project") if ctx is not None else None
    with ProgressBar(enabled=progress) as bar:
        if project is not None:
            from .engine.project import run_project

            return run_project(
                list(paths),
                project,
                bar,
                report_only=report_only,
                context=sibling_context(list(paths), settings),
            )
        return run(
            list(paths),
            registry,
            settings,
            bar,
            report_only=report_only,
            context=sibling_context(list(paths), settings),
        )


def _load_baseline(path: Path):
    from .engine.baseline import BaselineError
    from .engine.baseline import load as load_baseline

    try:
        return load_baseline(path)
    except BaselineError as err:
        raise _fail(str(err)) from None


def _changed_since(ref: str) -> list[Path]:
    from .engine.vcs import VcsError, changed_files

    try:
        return changed_files(ref)
    except VcsError as err:
        raise _fail(str(err)) from None


@main.command(name="baseline")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=".contentlint-baseline.json",
    show_default=True,
    help="The baseline file to write.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Only remove entries that no longer occur from an existing baseline; never add findings.",
)
@click.option("--select", multiple=True, help="Record only rules whose code starts with these.")
@click.option("--ignore", multiple=True, help="Do not record rules whose code starts with these.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: CPU count).",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this config file instead of searching for one.",
)
@click.option("--no-cache", is_flag=True, help="Ignore and do not write the result cache.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: automatic)."
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip files that .gitignore and .ignore files ignore (default: on).",
)
def baseline_command(
    paths, output, prune, select, ignore, jobs, config, no_cache, progress, respect_gitignore
):
    """Record today's findings so that `check --baseline FILE` gates only new ones."""
    from .engine import baseline as bl

    paths = default_paths(paths)
    settings, registry = load(
        paths,
        config,
        select=_codes(select),
        ignore=_codes(ignore),
        jobs=jobs,
        cache=False if no_cache else None,
        respect_gitignore=respect_gitignore,
    )
    old = _load_baseline(output) if prune else None
    try:
        result = _lint(paths, registry, settings, progress)
    except ConfigError as err:
        raise _fail(str(err)) from None
    if old is not None:
        entries = bl.pruned(old, result)
        what = f"removed {len(old.entries) - len(entries)} stale entries, kept {len(entries)}"
    else:
        entries = [bl.entry_for(f) for f in result.findings]
        articles = len({e.path for e in entries})
        what = (
            f"recorded {len(entries)} finding{'s' if len(entries) != 1 else ''} "
            f"in {articles} article{'s' if articles != 1 else ''}"
        )
    try:
        bl.write(entries, output)
    except OSError as err:
        raise _fail(f"cannot write {output}: {err.strerror or err}") from None
    click.echo(f"contentlint: {what} to {output}", err=True)


@main.command(name="clean")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this config file instead of searching for one.",
)
def clean_command(paths, config):
    """Delete the result cache (only the files contentlint wrote there)."""
    from .engine.cache import Cache
    from .engine.files import safe_name, size_text

    settings, _ = load(default_paths(paths) if paths else (), config)
    directory = settings.resolve(settings.cache_dir)
    files, size = Cache(directory, "").clean()
    click.echo(
        f"contentlint: removed {files} cache file{'s' if files != 1 else ''} ({size_text(size)}) "
        f"from {safe_name(str(directory))}",
        err=True,
    )


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def rules_command(fmt, config):
    """List every rule: code, name, category, severity and whether it can fix."""
    import json

    settings, registry = load((), config)
    rows = [
        (r.code, r.name, r.category, r.severity, "yes" if r.fixable else "")
        for r in registry.sorted_rules()
    ]
    if fmt == "json":
        keys = ("code", "name", "category", "severity", "fixable")
        click.echo(
            json.dumps([dict(zip(keys, (*row[:4], bool(row[4])))) for row in rows], indent=2)
        )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("code", "name", "category", "severity", "fixable"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console(width=200, no_color=not _use_color(None), highlight=False).print(table)


@main.command()
@click.argument("code")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def explain(code, config):
    """Show a rule's full documentation and examples (also: `contentlint rule CODE`)."""
    from .commands.explain import render

    settings, registry = load((), config)
    rule = registry.find(code)
    if rule is None:
        raise _fail(f"no rule {code!r}; `contentlint rules` lists them")
    click.echo(render(rule))


@main.command(name="server")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk LSP over standard input and output (the default; accepted for "
    "editors that pass it).",
)
def server_command(stdio):
    """Run the language server for editors (LSP over stdio); see docs/editors.md."""
    try:
        from .commands.server import serve
    except ImportError as err:
        raise _fail(
            f"the language server needs the 'server' extra ({err.name or err} is not installed): "
            "pip install 'contentlint[server]'"
        ) from None
    serve()


# ruff's spelling: `ruff rule F401`.
main.add_command(
    click.Command(
        "rule",
        params=explain.params,
        callback=explain.callback,
        help="Show a rule's full documentation and examples (same as `explain`).",
    )
)


@main.command(name="init")
@click.argument(
    "path",
    required=False,
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--preset",
    metavar="NAME",
    help="Start from a frontmatter convention: hugo, jekyll, astro, nextjs or contentlint "
    "(default: detected from the site's files, else none).",
)
@click.option("--force", is_flag=True, help="Replace an existing contentlint config and schema.")
@click.option(
    "--require",
    "require",
    type=click.FloatRange(0, 1),
    default=0.8,
    show_default=True,
    help="Share of articles that must have a key for it to be required.",
)
@click.option(
    "--dry-run", is_flag=True, help="Print the config and schema instead of writing them."
)
@click.option(
    "--preview/--no-preview",
    default=True,
    show_default=True,
    help="After writing, lint the site with the new config and summarise what it reports.",
)
def init_command(path, preset, force, require, dry_run, preview):
    """Write a starting config inferred from the articles under PATH (default: here)."""
    from .commands.init import InitError, command

    try:
        code = command(path, preset, force, require, dry_run, preview, click.echo)
    except (InitError, ConfigError) as err:
        raise _fail(str(err)) from None
    sys.exit(code)


@main.command(name="facts")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--keyed", is_flag=True, help="Only figures with a subject and a measure (the ones compared)."
)
@click.option(
    "--pairs",
    is_flag=True,
    help="List every pair of figures CL501-CL503 compared, with the verdict and why.",
)
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def facts_command(paths, fmt, keyed, pairs, config):
    """List each figure with its subject, measure, value, qualifiers and citation."""
    from .commands.facts_report import render_facts

    paths = default_paths(paths)
    settings, registry = load(paths, config)
    if pairs:
        from .commands.facts_pairs import render_pairs

        click.echo(
            render_pairs(list(paths), settings, registry, fmt, color=_use_color(None)), nl=False
        )
        return
    click.echo(
        render_facts(list(paths), settings, registry, fmt, keyed, color=_use_color(None)), nl=False
    )


if __name__ == "__main__":  # pragma: no cover
    main()
