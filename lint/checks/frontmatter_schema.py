"""CL101: frontmatter validated against a JSON Schema, one finding per problem."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from .frontmatter_values import entry_span, key_span

TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _key_line(article: Article, key: str) -> int:
    """The line of a top-level frontmatter key, 0 when there is none (sorts first)."""
    fm = article.frontmatter
    return fm.key_lines.get(key, 0) if fm else 0


def _plain(value: Any) -> Any:
    """YAML gives dates as date objects; the schema speaks JSON, so send ISO strings."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_VALIDATORS: dict[str, Any] = {}


def validator_for(schema: Mapping[str, Any]):
    """One validator per schema per process; an invalid schema is reported, not raised."""
    from jsonschema import FormatChecker, validators
    from jsonschema.exceptions import SchemaError

    key = json.dumps(schema, sort_keys=True, default=str)
    if key not in _VALIDATORS:
        cls = validators.validator_for(schema)
        try:
            cls.check_schema(schema)
            _VALIDATORS[key] = cls(schema, format_checker=FormatChecker())
        except SchemaError as err:
            _VALIDATORS[key] = f"the metadata schema is not a valid JSON Schema: {err.message}"
    return _VALIDATORS[key]


def with_extra_required(schema: Mapping[str, Any], extra: Iterable[str]) -> dict[str, Any]:
    merged = dict(schema)
    required = list(merged.get("required", []))
    required += [str(f) for f in extra if str(f) not in required]
    if required:
        merged["required"] = required
    return merged


def _where(path: list) -> str:
    """tags/2 -> "tags (item 3)"."""
    out = str(path[0])
    for part in path[1:]:
        out += f" (item {part + 1})" if isinstance(part, int) else f".{part}"
    return out


def describe(error) -> str | None:
    """A jsonschema error in an editor's words; None when another finding already says it."""
    path = list(error.absolute_path)
    value = error.instance
    name = _where(path) if path else "frontmatter"
    v = error.validator
    if v == "required":
        return None  # reported per field by the caller
    if v == "type":
        if value is None or value == "":
            return f"'{name}' is empty"
        expected = error.validator_value
        expected = " or ".join(
            str(TYPE_NAMES.get(t, t))
            for t in (expected if isinstance(expected, list) else [expected])
        )
        return f"'{name}' must be {expected}, not {_kind_of(value)}"
    if v == "minLength" or (v == "pattern" and error.validator_value in (r"\S", r"[^\s]")):
        if isinstance(value, str) and not value.strip():
            return f"'{name}' is empty"
        return f"'{name}' must be at least {error.validator_value} characters long"
    if v == "minItems" and value == []:
        return f"'{name}' is an empty list"
    if v == "enum":
        return f"'{name}' must be one of: {', '.join(map(str, error.validator_value))}"
    if v == "additionalProperties":
        return error.message
    template = PLAIN_MESSAGES.get(v)
    if template is not None:
        return template.format(name=name, limit=error.validator_value)
    return f"'{name}': {error.message}" if path else error.message


# jsonschema's own wording names JSON types and Python reprs; editors get these.
PLAIN_MESSAGES = {
    "maxLength": "'{name}' must be at most {limit} characters long",
    "minItems": "'{name}' needs at least {limit} items",
    "maxItems": "'{name}' may have at most {limit} items",
    "const": "'{name}' must be {limit!r}",
    "pattern": "'{name}' does not match the pattern {limit}",
    "format": "'{name}' is not a valid {limit}",
    "uniqueItems": "'{name}' has duplicate items",
}


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    schema = with_extra_required(options["schema"] or {}, options.get("extra-required") or [])
    required = [str(f) for f in schema.get("required", [])]
    if article.frontmatter is None:
        if required:
            yield Hit(
                0,
                0,
                {
                    "problem": "the file has no frontmatter; required fields: "
                    + ", ".join(required),
                    "field": "",
                },
            )
        return
    validator = validator_for(schema)
    if isinstance(validator, str):
        yield Hit(*key_span(article, ""), {"problem": validator, "field": ""})
        return
    data = _plain(article.meta)
    for field in required:
        if field not in data:
            yield Hit(
                *key_span(article, field),
                {"problem": f"required field '{field}' is missing", "field": field},
            )
    seen: set[tuple[str, str]] = set()
    errors = sorted(
        validator.iter_errors(data),
        key=lambda e: (
            _key_line(article, str(e.absolute_path[0])) if e.absolute_path else 0,
            [str(p) for p in e.absolute_path],
        ),
    )
    for error in errors:
        problem = describe(error)
        if problem is None:
            continue
        key = str(error.absolute_path[0]) if error.absolute_path else ""
        if (key, problem) in seen:
            continue
        seen.add((key, problem))
        span = entry_span(article, key) if key else key_span(article, "")
        yield Hit(*span, {"problem": problem, "field": key})


KIND = CheckKind(name="frontmatter-schema", options={"schema": {}, "extra-required": []}, run=run)
