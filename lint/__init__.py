"""contentlint: a content-quality linter for health articles."""

__version__ = "0.2.0.dev0"
