"""The usage errors every layer may raise (exit code 2).

Checks and analyses validate their options too, so these live at the bottom.
"""


class RuleError(Exception):
    """A rule pack that cannot be loaded: a usage/config error (exit 2)."""


class ConfigError(Exception):
    """Bad configuration: exit code 2."""
