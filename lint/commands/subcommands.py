"""The commands besides `check`: baseline, clean, rules, explain (and rule), server, init, facts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..model.errors import ConfigError
from .cli_support import (
    CONFIG_OPTION,
    GITIGNORE_OPTION,
    JOBS_OPTION,
    NO_CACHE_OPTION,
    _codes,
    _fail,
    _lint,
    _load_baseline,
    _use_color,
    default_paths,
    load,
)


@click.command(name="baseline")
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
@JOBS_OPTION
@CONFIG_OPTION
@NO_CACHE_OPTION
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: automatic)."
)
@GITIGNORE_OPTION
def baseline_command(
    paths, output, prune, select, ignore, jobs, config, no_cache, progress, respect_gitignore
):
    """Record today's findings so that `check --baseline FILE` gates only new ones."""
    from ..engine import baseline as bl

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


@click.command(name="clean")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@CONFIG_OPTION
def clean_command(paths, config):
    """Delete the result cache (only the files contentlint wrote there)."""
    from ..engine.cache import Cache
    from ..engine.files import size_text
    from ..model.display import safe_name

    settings, _ = load(default_paths(paths) if paths else (), config)
    directory = settings.resolve(settings.cache_dir)
    files, size = Cache(directory, "").clean()
    click.echo(
        f"contentlint: removed {files} cache file{'s' if files != 1 else ''} ({size_text(size)}) "
        f"from {safe_name(str(directory))}",
        err=True,
    )


@click.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@CONFIG_OPTION
def rules_command(fmt, config):
    """List every rule: code, name, category, severity and whether it can fix."""
    import json

    _settings, registry = load((), config)
    rows = [
        (r.code, r.name, r.category, r.severity, "yes" if r.fixable else "")
        for r in registry.sorted_rules()
    ]
    if fmt == "json":
        keys = ("code", "name", "category", "severity", "fixable")
        click.echo(
            json.dumps(
                [dict(zip(keys, (*row[:4], bool(row[4])), strict=True)) for row in rows], indent=2
            )
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


@click.command()
@click.argument("code")
@CONFIG_OPTION
def explain(code, config):
    """Show a rule's full documentation and examples (also: `contentlint rule CODE`)."""
    from .explain import render

    _settings, registry = load((), config)
    rule = registry.find(code)
    if rule is None:
        raise _fail(f"no rule {code!r}; `contentlint rules` lists them")
    click.echo(render(rule))


@click.command(name="server")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk LSP over standard input and output (the default; accepted for "
    "editors that pass it).",
)
def server_command(stdio):
    """Run the language server for editors (LSP over stdio); see docs/editors.md."""
    try:
        from .server import serve
    except ImportError as err:
        raise _fail(
            f"the language server needs the 'server' extra ({err.name or err} is not installed): "
            "pip install 'contentlint[server]'"
        ) from None
    serve()


# ruff's spelling: `ruff rule F401`.
rule_command = click.Command(
    "rule",
    params=explain.params,
    callback=explain.callback,
    help="Show a rule's full documentation and examples (same as `explain`).",
)


@click.command(name="init")
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
    from .init import InitError, command

    try:
        code = command(path, preset, force, require, dry_run, preview, click.echo)
    except (InitError, ConfigError) as err:
        raise _fail(str(err)) from None
    sys.exit(code)


@click.command(name="facts")
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
@CONFIG_OPTION
@NO_CACHE_OPTION
@JOBS_OPTION
def facts_command(paths, fmt, keyed, pairs, config, no_cache, jobs):
    """List each figure with its subject, measure, value, qualifiers and citation."""
    from .facts_report import render_facts

    paths = default_paths(paths)
    # facts goes through the runner like check, so its cache and worker settings apply
    settings, registry = load(paths, config, cache=False if no_cache else None, jobs=jobs)
    if pairs:
        from .facts_pairs import render_pairs

        click.echo(
            render_pairs(list(paths), settings, registry, fmt, color=_use_color(None)), nl=False
        )
        return
    click.echo(
        render_facts(list(paths), settings, registry, fmt, keyed, color=_use_color(None)), nl=False
    )


COMMANDS = (
    baseline_command,
    clean_command,
    rules_command,
    explain,
    server_command,
    rule_command,
    init_command,
    facts_command,
)
