"""Where reports go (stdout or an atomically written file) and applying --fix."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..engine.files import guard_commands, write_file
from ..engine.fixes import fix_file
from ..engine.runner import Run
from . import EXTENSIONS, REPORTERS


def pick_format(fmt: str | None, output: Path | None) -> str:
    if fmt:
        return fmt
    if output is not None:
        return format_from_extension(output) or "text"
    return "text"


class OutputError(Exception):
    """A report that cannot be planned or written: a usage error (exit 2)."""


@dataclass(frozen=True)
class Output:
    format: str  # a reporter's name, or "statistics" / "statistics-json"
    path: Path | None = None  # None: stdout


STATISTICS_FORMATS = ("text", "json")


def plan_outputs(
    fmt: str | None, outputs: Sequence[Path], statistics: bool = False
) -> list[Output]:
    """What one run writes where.

    No --output: the report goes to stdout in --format (default text). One
    --output: that file gets --format, or the format its extension names (the
    historical behaviour). Several: each file gets the format its extension
    names, so an unknown extension or --format is a usage error. --statistics
    puts the per-rule counts on stdout (as JSON with --format json and no file).
    """
    plan: list[Output] = []
    if len(outputs) == 1:
        plan.append(Output(pick_format(fmt, outputs[0]), outputs[0]))
    elif outputs:
        if fmt:
            raise OutputError(
                "--format applies to a single --output; with several, each report's format "
                "comes from its file's extension"
            )
        seen: set[str] = set()
        for path in outputs:
            name = format_from_extension(path)
            if name is None:
                known = ", ".join(sorted(set(EXTENSIONS) | {".sarif.json"}))
                raise OutputError(
                    f"cannot tell the format of {path} from its extension (one of {known}); "
                    "with several --output files each must name its format"
                )
            key = str(path.resolve()) if path.name else str(path)
            if key in seen:
                raise OutputError(f"{path} is given twice as --output")
            seen.add(key)
            plan.append(Output(name, path))
    if statistics:
        if not outputs and fmt not in (None, *STATISTICS_FORMATS):
            raise OutputError(
                f"--statistics prints text or json, not {fmt}; write the {fmt} report with --output"
            )
        plan.append(Output("statistics-json" if (fmt == "json" and not outputs) else "statistics"))
    elif not outputs:
        plan.append(Output(fmt or "text"))
    return plan


def format_from_extension(path: Path) -> str | None:
    if path.name.lower().endswith(".sarif.json"):
        return "sarif"
    return EXTENSIONS.get(path.suffix.lower())


def render(run: Run, fmt: str, quiet: bool = False, color: bool = False) -> str:
    return "".join(pieces(run, fmt, quiet=quiet, color=color))


def pieces(run: Run, fmt: str, quiet: bool = False, color: bool = False) -> Iterator[str]:
    """The report in pieces: JSON and SARIF one article or finding at a time, others whole."""
    if fmt.startswith("statistics"):
        from .statistics import render_statistics

        yield render_statistics(run, "json" if fmt == "statistics-json" else "text")
        return
    reporter = REPORTERS[fmt](quiet=quiet)
    stream = getattr(reporter, "stream", None)
    if stream is not None:
        yield from stream(run, color=color)
    else:
        yield reporter.render(run, color=color)


def write_reports(
    run: Run, plan: Sequence[Output], quiet: bool = False, color: bool = False
) -> None:
    """Write each report as it is rendered; colour only ever goes to stdout."""
    for out in plan:
        use_color = color and out.path is None
        report = pieces(run, out.format, quiet=quiet, color=use_color)
        if out.path is None:
            guard = (
                out.format != "github"
            )  # no line of a CI log printed from input may start with "::"
            for text in report:
                sys.stdout.write(guard_commands(text) if guard else text)
            sys.stdout.flush()
            continue
        try:
            write_file(out.path, (text.encode("utf-8") for text in report))
        except OSError as err:
            raise OutputError(f"cannot write {out.path}: {err.strerror or err}") from None


def write_report(
    run: Run, fmt: str | None, output: Path | None, quiet: bool = False, color: bool = False
) -> None:
    """One report (kept for callers of the single-output API)."""
    write_reports(
        run,
        plan_outputs(fmt, [output] if output is not None else []),
        quiet=quiet,
        color=color and output is None,
    )


def apply_fixes(run: Run, write: bool = True) -> list:
    """Apply every fix the run found. Returns [(shown path, FixOutcome)] for each file with fixes."""
    by_path = defaultdict(list)
    for result in run.results:
        for finding in result.findings:
            if finding.fix is not None:
                by_path[result.path].append(finding.fix)
    hashes = {r.path: r.content_hash for r in run.results}
    sources = getattr(run, "sources", {}) or {}
    out = []
    for shown, fixes in sorted(by_path.items()):
        outcome = fix_file(
            Path(sources.get(shown, shown)), hashes[shown], fixes, write=write, shown=shown
        )
        out.append((shown, outcome))
    return out


def refusal_findings(run: Run, outcomes: list) -> None:
    """A file --fix had to leave alone gets a warning finding saying why (after the re-lint)."""
    from ..model.finding import Finding

    refused = {shown: o.refused for shown, o in outcomes if o.refused}
    for i, result in enumerate(run.results):
        if result.path in refused:
            result.findings.append(
                Finding(
                    path=result.path,
                    line=1,
                    column=1,
                    code="CL001",
                    end_line=1,
                    end_column=1,
                    name="unreadable-file",
                    category="input",
                    severity="warning",
                    message=f"--fix left this file unchanged: {refused[result.path]}",
                )
            )
            result.findings.sort()
            run.put(i, result)
    if refused:
        run.refresh_verdicts()
