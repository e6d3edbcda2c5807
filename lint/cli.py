"""The command line: the `contentlint` group and `check`; the other commands are in lint/commands/subcommands.py."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import click

from . import __version__
from .commands import replaying
from .commands.cli_support import (  # noqa: F401  (EXIT_*, load: callers import them from here)
    CONFIG_OPTION,
    EXIT_INTERNAL,
    EXIT_USAGE,
    GITIGNORE_OPTION,
    JOBS_OPTION,
    NO_CACHE_OPTION,
    _codes,
    _fail,
    _Group,
    _lint,
    _load_baseline,
    _say_fixed,
    _use_color,
    default_paths,
    load,
)
from .commands.subcommands import COMMANDS
from .model.errors import ConfigError

FORMATS = ("text", "json", "sarif", "github", "junit", "markdown", "html")


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
@JOBS_OPTION
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Findings only: no source excerpts, no per-article verdicts.",
)
@click.option(
    "--color/--no-color", default=None, help="Colour output (default: when stdout is a terminal)."
)
@CONFIG_OPTION
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the fixes that fixable rules offer, then report what remains.",
)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; change no file."
)
@NO_CACHE_OPTION
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
@GITIGNORE_OPTION
@click.option(
    "--force-exclude",
    is_flag=True,
    default=None,
    help="Apply exclude and ignore files to files named on the command line too.",
)
def check(paths, **options):
    """Lint articles and say which may be published (exit 1 when any is blocked).

    `-` reads one article from standard input (name it with --stdin-filename)."""
    o = SimpleNamespace(**{"show_diff": False, **options})  # the options above, by name
    overrides = {
        "select": _codes(o.select),
        "extend_select": _codes(o.extend_select),
        "ignore": _codes(o.ignore),
        "fail_on": o.fail_on,
        "jobs": o.jobs,
        "cache": False if o.no_cache else None,
        "respect_gitignore": o.respect_gitignore,
    }
    color = _use_color(o.color)
    found = replaying.attempt(paths, o, overrides, color)  # exits when the stored output stands
    from .commands.live import StdinUsage, stdin_paths
    from .report.output import OutputError, plan_outputs

    try:
        plan = plan_outputs(o.fmt, o.outputs, o.statistics)
        paths, stdin = stdin_paths(paths, o.stdin_filename, watch=o.watch, since=o.since)
    except (OutputError, StdinUsage) as err:
        raise _fail(str(err)) from None
    paths = paths if stdin else default_paths(paths)
    if o.watch:
        _watch(paths, o, overrides)
    capture = replaying.Capture(found)
    try:
        result = _run(paths, o, overrides, stdin)
        _report(result, plan, o.quiet, color)
        capture.done(result)
    finally:
        capture.release()
    sys.exit(0 if o.exit_zero else result.exit_code)


def _run(paths, o: SimpleNamespace, overrides: dict, stdin: bool):
    settings, registry = load(paths, o.config, **overrides, force_exclude=o.force_exclude or None)
    known = _load_baseline(o.baseline_file) if o.baseline_file is not None else None
    report_only = _changed_since(o.since) if o.since else None
    try:
        if stdin:  # with --fix, the fixed article goes to stdout and the report to stderr
            result = _lint_stdin(o.stdin_filename, settings, registry, o.fix)
        else:
            result = _lint_and_fix(
                paths, registry, settings, o.progress, report_only, o.fix, o.show_diff
            )
    except ConfigError as err:
        raise _fail(str(err)) from None
    _warn_if_nothing(result, paths, settings, stdin)
    if known is not None:
        _apply_baseline(result, known)
    return result


def _report(result, plan, quiet: bool, color: bool) -> None:
    from .report.output import OutputError, write_reports

    try:
        write_reports(result, plan, quiet=quiet, color=color)
    except OutputError as err:
        raise _fail(str(err)) from None


def _watch(paths, o: SimpleNamespace, overrides: dict) -> None:
    from .commands.watch import watch as watch_paths

    if o.outputs or o.fix or o.baseline_file or o.statistics:
        raise _fail(
            "--watch prints to the terminal: it cannot be combined with -o, --fix, --baseline or "
            "--statistics"
        )
    sys.exit(
        watch_paths(
            paths,
            lambda: load(paths, o.config, **overrides),
            fmt=o.fmt,
            quiet=o.quiet,
            color=_use_color(o.color),
        )
    )


def _lint_and_fix(paths, registry, settings, progress, report_only, fix: bool, show_diff: bool):
    """The run; with --diff, print the fixes and exit; with --fix, apply them and lint again."""
    result = _lint(paths, registry, settings, progress, report_only)
    if show_diff:
        from .report.output import apply_fixes

        outcomes = apply_fixes(result, write=False)
        for _, outcome in outcomes:
            click.echo(outcome.diff, nl=False)
        for shown, outcome in outcomes:
            if outcome.refused:
                click.echo(f"contentlint: would not fix {shown}: {outcome.refused}", err=True)
        sys.exit(result.exit_code)
    if fix:
        from .report.output import apply_fixes, refusal_findings

        outcomes = apply_fixes(result)
        _say_fixed(outcomes)
        if any(o.changed for _, o in outcomes):
            result = _lint(paths, registry, settings, progress, report_only)
        refusal_findings(result, outcomes)
    return result


def _lint_stdin(stdin_filename, settings, registry, fix: bool):
    from .commands.live import lint_stdin

    return lint_stdin(stdin_filename, settings, registry, fix)


def _apply_baseline(result, known) -> None:
    from .engine.baseline import apply

    apply(result, known)


def _warn_if_nothing(result, paths, settings, stdin) -> None:
    if not result.results and not stdin and any(p.is_dir() for p in paths):
        # As ruff warns: a wrong path in CI should not pass in silence.
        click.echo(
            f"contentlint: warning: no article to lint under {', '.join(str(p) for p in paths)} "
            f"(none matches include = {list(settings.include)}, or all are excluded or gitignored)",
            err=True,
        )


def _changed_since(ref: str) -> list[Path]:
    from .engine.vcs import VcsError, changed_files

    try:
        return changed_files(ref)
    except VcsError as err:
        raise _fail(str(err)) from None


for _command in COMMANDS:
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
