"""YAML through libyaml when PyYAML was built with it.

Rule packs and lexicons are tens of thousands of YAML lines read on every run;
the pure-Python scanner spent seconds on them where libyaml (`CSafeLoader`)
takes a fraction. Both build the same data with the same safe constructors, so
which one is used never changes a result; a PyYAML without libyaml still works.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """`yaml.safe_load`, with libyaml's loader when available."""
    return yaml.load(text, Loader=SafeLoader)  # a safe loader (libyaml or not)
