"""YAML, read safely.

Two kinds of YAML come in. Our own data files (rule packs, lexicons, the evidence
registry) are tens of thousands of trusted lines read on every run: `safe_load` reads
them through libyaml (`CSafeLoader`) when PyYAML has it, a tenth of the pure-Python
scanner's time, with the same safe constructors and so the same data. Frontmatter is
untrusted input: `load_yaml` bounds it in depth, size and alias expansion, is lenient
about impossible dates and huge integers, and repairs JSON-style surrogate escapes. The
bounds are enforced on the pure-Python loader's events; frontmatter that is plainly
inside them (no alias, shallow, small) and free of what libyaml reads differently is
composed by libyaml instead, with the same constructors and the same result.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

DataLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """`yaml.safe_load` for our own data files, through libyaml when available."""
    return yaml.load(text, Loader=DataLoader)  # a safe loader, libyaml's or PyYAML's


class _LenientDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible unquoted date (2026-13-01) as its text.

    PyYAML raises a bare ValueError for those, which would make one bad date
    unreadable as a whole file; as a string, the date rules can name it.
    """


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LenientDateLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

# Frontmatter is untrusted input: bounds on what one YAML document may cost.
MAX_YAML_DEPTH = 40  # nested collections
MAX_YAML_NODES = 10_000  # values after alias expansion (a 376-byte "billion laughs" is 10^9)
MAX_FRONTMATTER = 128 * 1024  # characters
MAX_YAML_ALIASES = 200


class _BoundedLoader(_LenientDateLoader):
    """The lenient SafeLoader, refusing deep nesting and alias expansion beyond a small budget.

    Composing is recursive in PyYAML (deep nesting is a RecursionError, not a
    YAMLError), and aliases let a few hundred bytes stand for a billion values
    that any later walk over the data would expand. Each node's expanded size
    is tracked while composing, so a bomb is refused before anything walks it.
    """

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._sizes: dict[int, int] = {}

    def _limit(self, problem: str) -> yaml.composer.ComposerError:
        return yaml.composer.ComposerError(None, None, problem, self.peek_event().start_mark)

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise self._limit(
                    f"more than {MAX_YAML_ALIASES} aliases (refused: alias expansion budget)"
                )
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            raise self._limit(
                f"collections nested more than {MAX_YAML_DEPTH} levels deep (refused)"
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._sizes.get(id(child), 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(
                self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1) for k, v in node.value
            )
        if size > MAX_YAML_NODES:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"more than {MAX_YAML_NODES} values, counting each alias expanded (refused: "
                "frontmatter size and alias expansion budget)",
                node.start_mark,
            )
        self._sizes[id(node)] = size
        return node


def _int_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:  # more digits than int() accepts: keep the text
        return loader.construct_scalar(node)


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _int_or_text)
SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_text(value: str) -> str:
    """JSON-style escapes in YAML ("\\ud83d\\udc8a") give surrogates: join pairs, replace lone ones."""
    if not LONE_SURROGATE.search(value):
        return value
    value = SURROGATE_PAIR.sub(
        lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), value
    )
    return LONE_SURROGATE.sub("\ufffd", value)


def _clean_data(value: Any, seen: dict | None = None) -> Any:
    if isinstance(value, str):
        return _clean_text(value)
    seen = {} if seen is None else seen
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, dict):
        out: dict = {}
        seen[id(value)] = out
        for key, item in value.items():
            out[_clean_data(key, seen) if isinstance(key, str) else key] = _clean_data(item, seen)
        return out
    if isinstance(value, list):
        items: list = []
        seen[id(value)] = items
        items.extend(_clean_data(item, seen) for item in value)
        return items
    return value


def load_yaml(text: str) -> tuple[Any, Any]:
    """(data, node) of one YAML document, under the bounds above; raises yaml.YAMLError."""
    fast = load_plain_yaml(text)
    if fast is not None:
        return fast
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return _clean_data(data), node


# -- the fast path -----------------------------------------------------------------
# Most frontmatter is a dozen plain keys: libyaml composes it in a tenth of the time.
# Its nodes go through the same constructors; whatever it cannot read exactly as the
# pure-Python loader would (an error, aliases, anything near a bound) returns None and
# is read by `_BoundedLoader`, which gives the error, its mark and the refusals.
try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # PyYAML without libyaml: the pure loader reads everything
    _CParser = None
# libyaml composes recursively in C: only text that cannot nest deeper than this is given
# to it (each level takes a line, a `[`, `{`, `-` or `?`).
C_NESTING_BOUND = 1000
# Where libyaml reads what the pure scanner refuses (found by tests/test_load_speedups.py):
# tabs (`a\t`), block scalar headers (`|#`), Unicode line breaks and byte order marks, tags
# (a lone `!` is "" to libyaml, null to PyYAML).
UNSAFE_FOR_C = re.compile("[\t|>\x85\u2028\u2029\ufeff]|(?<![^\\s\\[{,])!")


if _CParser is not None:

    class _FastLoader(_CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's composer, with the bounded loader's constructors and resolver."""

        yaml_constructors = _BoundedLoader.yaml_constructors
        yaml_multi_constructors = _BoundedLoader.yaml_multi_constructors

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def load_plain_yaml(text: str) -> tuple[Any, Any] | None:
    """(data, node) read through libyaml, or None when the bounded loader must read it."""
    if _CParser is None or UNSAFE_FOR_C.search(text) or _nesting_bound(text) > C_NESTING_BOUND:
        return None
    try:
        loader = _FastLoader(text)
    except Exception:  # text libyaml cannot take (lone surrogates): the pure loader says why
        return None
    try:
        node = loader.get_single_node()
        if node is not None and not _within_bounds(node):
            return None
        data = loader.construct_document(node) if node is not None else None
    except Exception:  # the pure loader gives the error, with its own marks and words
        return None
    finally:
        loader.dispose()
    return _clean_data(data), node


def _nesting_bound(text: str) -> int:
    return text.count("\n") + text.count("\r") + sum(text.count(c) for c in "[{-?") + 1


def _within_bounds(root: yaml.Node) -> bool:
    """A tree (no alias: no node reached twice) well inside the depth and size bounds."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth >= MAX_YAML_DEPTH or len(seen) >= MAX_YAML_NODES // 2:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
    return True
