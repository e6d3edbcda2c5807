"""The baseline: findings a team has accepted, so that only new ones gate merges.

`contentlint baseline PATHS -o .contentlint-baseline.json` records every
finding; `check --baseline FILE` hides the recorded ones and lists entries
that no longer match anything as stale, so the file can only shrink.

An entry is matched by what it is about, not where: the rule, the file, and
the normalised text of the flagged span. When an article holds the same span
several times (the same figure twice, say), entries and findings are paired
first by the line they sit on (its normalised text, so moving paragraphs
around does not matter) and then in reading order. The engine's fingerprint
(rule, file, flagged text, occurrence index) is stored as well, for tools that
only compare fingerprints.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..model.finding import Finding
from .discover import display_path
from .files import resolved
from .pipeline import flagged_text, normalise_text

VERSION = 1
DEFAULT_FILE = ".contentlint-baseline.json"


class BaselineError(Exception):
    """A baseline that cannot be used: a usage error (exit 2)."""


@dataclass(frozen=True)
class Entry:
    path: str  # display path (relative to the working directory), like Finding.path
    rule: str
    key: str  # rule + flagged text, without position
    context: str  # the text of the line it was on
    fingerprint: str = ""
    line: int = 0  # informative only: where it was when recorded
    message: str = ""

    def stale_record(self) -> dict:
        return {
            "path": self.path,
            "rule": self.rule,
            "line": self.line,
            "message": self.message,
            "fingerprint": self.fingerprint,
        }


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


def finding_key(finding: Finding) -> str:
    return _digest(finding.code, flagged_text(finding))


def finding_context(finding: Finding) -> str:
    return _digest(normalise_text(finding.line_text))


def entry_for(finding: Finding) -> Entry:
    return Entry(
        path=finding.path,
        rule=finding.code,
        key=finding_key(finding),
        context=finding_context(finding),
        fingerprint=finding.fingerprint,
        line=finding.line,
        message=finding.message,
    )


@dataclass
class Baseline:
    path: str
    entries: list[Entry]


def match(
    findings: Sequence[Finding], entries: Sequence[Entry]
) -> tuple[list[Finding], list[Entry], list[Entry]]:
    """(new findings, matched entries, unmatched entries) for one article."""
    pool: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        pool.setdefault((entry.rule, entry.key), []).append(entry)
    keyed = [(f, (f.code, finding_key(f)), finding_context(f)) for f in findings]
    claimed: dict[int, Entry] = {}
    # Pass 1: same flagged text on the same line text. Pass 2: same flagged text anywhere.
    for same_line in (True, False):
        for i, (_finding, key, context) in enumerate(keyed):
            if i in claimed:
                continue
            candidates = pool.get(key, [])
            for j, entry in enumerate(candidates):
                if not same_line or entry.context == context:
                    claimed[i] = candidates.pop(j)
                    break
    new = [f for i, (f, _, _) in enumerate(keyed) if i not in claimed]
    left = [e for group in pool.values() for e in group]
    left.sort(key=lambda e: (e.line, e.rule))
    return new, list(claimed.values()), left


# -- the file ---------------------------------------------------------------
def _relative_to(path: str, folder: Path) -> str:
    """A finding's path as stored: relative to the baseline file's folder."""
    absolute = resolved(path)
    try:
        return absolute.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def render(entries: Iterable[Entry], target: Path) -> str:
    folder = target.resolve().parent
    rows = [
        {
            "path": _relative_to(e.path, folder),
            "rule": e.rule,
            "key": e.key,
            "context": e.context,
            "fingerprint": e.fingerprint,
            "line": e.line,
            "message": e.message,
        }
        for e in sorted(entries, key=lambda e: (e.path, e.line, e.rule, e.key))
    ]
    doc = {
        "version": VERSION,
        "tool": {"name": "contentlint", "version": __version__},
        "findings": rows,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def write(entries: Iterable[Entry], target: Path) -> None:
    from .files import write_file

    write_file(target, render(entries, target).encode("utf-8"))


def load(target: Path) -> Baseline:
    if not target.is_file():
        raise BaselineError(
            f"baseline file {target} not found "
            f"(create it with `contentlint baseline PATHS -o {target}`)"
        )
    try:
        doc = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise BaselineError(f"cannot read baseline file {target}: {err}") from None
    except ValueError as err:
        raise BaselineError(f"baseline file {target} is not valid JSON: {err}") from None
    if (
        not isinstance(doc, dict)
        or doc.get("version") != VERSION
        or not isinstance(doc.get("findings"), list)
    ):
        raise BaselineError(
            f"baseline file {target} is not a contentlint baseline (version {VERSION}): "
            'expected {"version": 1, "findings": [...]}'
        )
    folder = target.resolve().parent
    entries = [_entry(target, folder, i, row) for i, row in enumerate(doc["findings"])]
    return Baseline(path=str(target), entries=entries)


def _entry(target: Path, folder: Path, i: int, row: Any) -> Entry:
    """One stored finding; its path is relative to the baseline file's folder."""
    if not isinstance(row, dict) or not all(
        isinstance(row.get(k), str) for k in ("path", "rule", "key")
    ):
        raise BaselineError(f"baseline file {target}: entry {i} lacks path, rule or key")
    stored = Path(row["path"])
    line = row.get("line", 0)
    return Entry(
        path=display_path(stored if stored.is_absolute() else folder / stored),
        rule=row["rule"],
        key=row["key"],
        context=str(row.get("context", "")),
        fingerprint=str(row.get("fingerprint", "")),
        line=line if isinstance(line, int) else 0,
        message=str(row.get("message", "")),
    )


# -- applying it to a run ---------------------------------------------------
def apply(run, baseline: Baseline) -> None:
    """Hide baselined findings, list stale entries and recompute the verdicts.

    Entries for files this run did not lint are neither matched nor stale,
    unless the file is gone altogether (deleting an article fixes its findings).
    """
    linted = {result.path for result in run.results}
    hidden = 0
    stale: list[Entry] = []
    by_path: dict[str, list[Entry]] = {}
    for entry in baseline.entries:
        by_path.setdefault(entry.path, []).append(entry)
    for i, result in enumerate(run.results):
        new, matched, left = match(result.findings, by_path.get(result.path, []))
        hidden += len(matched)
        result.findings = sorted(new)
        run.put(i, result)
        stale.extend(left)
    for path, entries in by_path.items():
        if path not in linted and not Path(path).exists():
            stale.extend(entries)
    run.baseline = baseline.path
    run.baselined = hidden
    run.stale = [e.stale_record() for e in sorted(stale, key=lambda e: (e.path, e.line, e.rule))]
    run.refresh_verdicts()


def pruned(baseline: Baseline, run) -> list[Entry]:
    """The old baseline minus its stale entries, never adding a finding it did not hold.

    Matched entries are re-recorded from today's findings (so their lines are
    current); entries for files this run did not lint are kept as they are.
    """
    by_path: dict[str, list[Entry]] = {}
    for entry in baseline.entries:
        by_path.setdefault(entry.path, []).append(entry)
    linted = {result.path for result in run.results}
    kept: list[Entry] = []
    for result in run.results:
        new, _, _ = match(result.findings, by_path.get(result.path, []))
        fresh = {id(f) for f in new}
        kept.extend(entry_for(f) for f in result.findings if id(f) not in fresh)
    for path, entries in by_path.items():
        if path not in linted and Path(path).exists():
            kept.extend(entries)
    return kept
