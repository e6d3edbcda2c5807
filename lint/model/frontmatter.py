"""The frontmatter block: where it is, what it holds, and where each key sits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .positions import LineIndex
from .yaml_load import MAX_FRONTMATTER, _clean_text, load_yaml

# The fence python-frontmatter uses, kept to one line so offsets stay exact.
FENCE = re.compile(r"(?:^|(?<=\r))-{3,}[ \t]*(?=\r|\n|\Z)", re.M)


class InputError(Exception):
    """A file that cannot be linted; becomes one `input` finding."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Frontmatter:
    data: dict[str, Any]
    start: int  # offset of the opening fence
    end: int  # offset just past the closing fence's line
    key_lines: dict[str, int]  # 1-based line of each top-level key
    key_offsets: dict[str, int]
    problems: list = field(default_factory=list)  # InputErrors that do not stop the analysis


def split_frontmatter(text: str, index: LineIndex) -> Frontmatter | None:
    """The frontmatter at the top of `text`, if it opens with a fence; raises InputError."""
    if not text.startswith("---"):
        return None
    opening = FENCE.match(text)
    if opening is None:
        return None
    closing = FENCE.search(text, opening.end())
    if closing is None:
        raise InputError("frontmatter opened with '---' at line 1 is never closed", line=1)
    fm_text = text[opening.end() : closing.start()]
    if len(fm_text) > MAX_FRONTMATTER:
        raise InputError(
            f"frontmatter is {len(fm_text) // 1024} KB, over the {MAX_FRONTMATTER // 1024} KB "
            "limit for frontmatter; not analysed",
            line=1,
        )
    data, node = _read_yaml(fm_text)
    key_lines, key_offsets, problems = _key_positions(node, index)
    end = closing.end()
    if text.startswith("\r\n", end):
        end += 2
    elif end < len(text) and text[end] in "\r\n":
        end += 1
    found = Frontmatter(
        {str(k): v for k, v in data.items()}, opening.start(), end, key_lines, key_offsets
    )
    found.problems = problems
    return found


# fm_text begins with the fence line's own line break, so YAML's line 0 is file line 1.
FIRST_LINE = 1


def _read_yaml(fm_text: str) -> tuple[dict, Any]:
    """(mapping, node) of the frontmatter's YAML; InputError where it is broken or not a mapping."""
    try:
        data, node = load_yaml(fm_text)
    except yaml.YAMLError as err:
        # The context mark is where the broken construct began (an unclosed
        # quote, say), which is where a writer has to look.
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = FIRST_LINE + mark.line if mark is not None else 1
        detail = "; ".join(
            p for p in (getattr(err, "context", None), getattr(err, "problem", None)) if p
        )
        detail = detail or str(err).splitlines()[0]
        raise InputError(
            f"frontmatter YAML error at line {line}: {detail}",
            line=line,
            column=(mark.column + 1) if mark is not None else 1,
        ) from None
    if data is None or not isinstance(data, dict):
        if fm_text.strip():
            raise InputError("frontmatter is not a mapping of keys to values", line=FIRST_LINE)
        data = {}
    return data, node


def _key_positions(
    node: Any, index: LineIndex
) -> tuple[dict[str, int], dict[str, int], list[InputError]]:
    """(line, offset) of each top-level key, and a problem for each key given twice."""
    key_lines: dict[str, int] = {}
    key_offsets: dict[str, int] = {}
    problems: list[InputError] = []
    if not isinstance(node, yaml.MappingNode):
        return key_lines, key_offsets, problems
    for key_node, _ in node.value:
        key = _clean_text(str(key_node.value))
        line = FIRST_LINE + key_node.start_mark.line
        if key in key_lines and isinstance(key_node, yaml.ScalarNode):
            problems.append(
                InputError(
                    f"duplicate frontmatter key {key!r} at line {line} (first at line {key_lines[key]}); "
                    "YAML keeps only the last one",
                    line=line,
                    column=key_node.start_mark.column + 1,
                )
            )
            continue
        key_lines[key] = line
        key_offsets[key] = index.line_start(line) + key_node.start_mark.column
    return key_lines, key_offsets, problems
