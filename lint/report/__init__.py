"""Reporters: one small class per format, each reading only the Run."""

from __future__ import annotations

from .json import JsonReporter
from .text import TextReporter

REPORTERS = {
    "text": TextReporter,
    "json": JsonReporter,
}

# --output report.sarif with no --format picks the format from the extension.
EXTENSIONS = {".txt": "text", ".json": "json"}
