"""Reporters: one small class per format, each reading only the Run.

Each is imported when first asked for: a run that prints JSON never pays for
rich (text) or the HTML page's assets."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import Any

_WHERE = {
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "github": ("github", "GithubReporter"),
    "junit": ("junit", "JunitReporter"),
    "markdown": ("markdown", "MarkdownReporter"),
    "html": ("html", "HtmlReporter"),
}


class _Reporters(Mapping[str, Any]):
    """Format name -> reporter class, imported on first use."""

    def __getitem__(self, name: str) -> Any:
        module, cls = _WHERE[name]
        return getattr(import_module(f"{__name__}.{module}"), cls)

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


REPORTERS: Mapping[str, Any] = _Reporters()

# --output report.sarif with no --format picks the format from the extension.
EXTENSIONS = {
    ".txt": "text",
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
