"""Reporters: one small class per format, each reading only the Run."""

from __future__ import annotations

from .github import GithubReporter
from .html import HtmlReporter
from .json import JsonReporter
from .junit import JunitReporter
from .markdown import MarkdownReporter
from .sarif import SarifReporter
from .text import TextReporter

REPORTERS = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "markdown": MarkdownReporter,
    "html": HtmlReporter,
}

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
