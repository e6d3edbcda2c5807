"""GitHub Actions workflow commands: one annotation per finding on the pull request.

    ::error file=corpus/a.md,line=12,col=5,endLine=12,endColumn=21,title=CL301 uncited-statistic::message

Escaping is the one in GitHub's toolkit (@actions/core, command.ts): in the
message `%`, CR and LF become %25, %0D and %0A; in property values `:` and
`,` also become %3A and %2C.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.runner import Run
from ..model.finding import Finding
from .common import verdict_summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    from ..model.display import UNSAFE

    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    # Other control characters (terminal escapes) are shown, not obeyed, in the log.
    return UNSAFE.sub(
        lambda m: f"%{ord(m.group()):02X}" if ord(m.group()) < 0x100 else "\ufffd", value
    )


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return (
        f"::{name} {props}::{escape_data(message)}"
        if props
        else f"::{name}::{escape_data(message)}"
    )


def annotation(finding: Finding) -> str:
    props: dict[str, object] = {"file": finding.path, "line": finding.line}
    # GitHub accepts columns only for a span on one line.
    if finding.end_line == finding.line:
        props.update(col=finding.column, endLine=finding.end_line, endColumn=finding.end_column)
    else:
        props["endLine"] = finding.end_line
    props["title"] = f"{finding.code} {finding.name}"
    return command(COMMANDS.get(finding.severity, "warning"), props, finding.message)


class GithubReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def render(self, run: Run, color: bool = False) -> str:
        return "".join(self.stream(run, color))

    def stream(self, run: Run, color: bool = False) -> Iterator[str]:
        """One annotation per line, as the findings are read (a long run's are never all held)."""
        written = False
        for line in self._lines(run):
            yield line + "\n"
            written = True
        if not written:
            yield "\n"

    def _lines(self, run: Run) -> Iterator[str]:
        for finding in run.findings:
            yield annotation(finding)
        for entry in run.stale:
            yield command(
                "notice",
                {"file": entry["path"], "title": "stale baseline entry"},
                f"{entry['rule']} no longer occurs (was: {entry['message']}); "
                "remove it with `contentlint baseline --prune`",
            )
        if not self.quiet:
            yield verdict_summary(run)
