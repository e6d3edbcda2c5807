"""Findings, and the small vocabularies every part of the tool shares."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

# Reporters and users filter on these, so the set is closed.
CATEGORIES = (
    "metadata",
    "disclaimer",
    "numeric-claim",
    "attribution",
    "consistency",
    "artifact",
    "input",
)


def at_least(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with `replacement` (offsets into Article.text)."""

    start: int
    end: int
    replacement: str
    description: str = ""


@dataclass(frozen=True)
class Hit:
    """What a check reports: a character span plus the values for the message.

    Checks stay ignorant of lines, codes and severities; the engine turns a
    hit into a Finding using the rule that ran the check.
    """

    start: int
    end: int
    args: Mapping[str, Any] = field(default_factory=dict)
    severity: str | None = None
    fix: Fix | None = None


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    end_line: int
    end_column: int
    name: str = field(compare=False)
    category: str = field(compare=False)
    severity: str = field(compare=False)
    message: str = field(compare=False)
    excerpt: str = field(compare=False, default="")
    line_text: str = field(compare=False, default="")
    fix: Fix | None = field(compare=False, default=None)
    fingerprint: str = field(compare=False, default="")

    def to_json(self) -> dict:
        return {
            "rule": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "excerpt": self.excerpt,
            "fingerprint": self.fingerprint,
            "fixable": self.fix is not None,
        }
