"""JSON rendered by msgspec, byte for byte what `json.dumps(..., indent=2, ensure_ascii=False)` wrote.

The pure-Python encoder took seconds and held the whole report as one string:
reports are now written piece by piece (one article's entry at a time) and the
pieces are encoded by msgspec. msgspec differs from the json module only where
our reports never go, and those cases fall back to the json module: floats
(`1e16` against `1e+16`, NaN), keys that are not strings, integers beyond 64
bits and strings holding lone surrogates (an encoding error).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import msgspec

_ENCODER = msgspec.json.Encoder()


def _plain(value: Any) -> bool:
    """Whether msgspec writes `value` exactly as the json module does."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return -(1 << 63) <= value < (1 << 64)
    if kind is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if kind is list or kind is tuple:
        return all(_plain(v) for v in value)
    return False


def dumps(value: Any, level: int = 0, checked: bool = False) -> str:
    """`value` as indented JSON, nested `level` deep (every line after the first indented to match).

    `checked`: the caller knows `value` holds only strings, ints, bools, None, lists and
    string-keyed dicts, so the check is skipped."""
    text = None
    if checked or _plain(value):
        try:
            text = msgspec.json.format(_ENCODER.encode(value), indent=2).decode("utf-8")
        except (msgspec.EncodeError, UnicodeEncodeError, OverflowError):
            text = None
    if text is None:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    if level and "\n" in text:
        text = text.replace("\n", "\n" + "  " * level)  # JSON strings never hold a raw newline
    return text


def document(
    head: dict,
    key: str,
    items: Iterable[Any],
    tail: Callable[[], dict],
    level: int = 0,
    checked: bool = False,
) -> Iterator[str]:
    """An object of `head`'s keys, `key`: [each of `items`], then `tail`'s keys, as json.dumps
    indents it, in pieces. `tail` is called once every item was written (it may count them);
    `checked`: the items are of the plain types `dumps` names."""
    pad = "  " * (level + 1)
    opening = dumps(head, level)
    yield (opening[:-1].rstrip() + ",\n" if head else "{\n") + f"{pad}{json.dumps(key)}: ["
    first = True
    for item in items:
        yield ("\n" if first else ",\n") + pad + "  " + dumps(item, level + 2, checked)
        first = False
    yield ("\n" + pad + "]" if not first else "]")
    last = tail()
    closing = dumps(last, level)
    yield ("," + closing[1:] if last else "\n" + "  " * level + "}")
