"""Frontmatter validated against a JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Mapping

from ..article import Article
from ..finding import Hit
from ..rules import CheckKind


def _plain(value: Any) -> Any:
    """YAML gives dates as date objects; the schema speaks JSON, so send ISO strings."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    from jsonschema import Draft202012Validator

    schema = options["schema"] or {}
    required = list(schema.get("required", []))
    if article.frontmatter is None:
        if required:
            yield Hit(0, 0, {"problem": "no frontmatter; required fields: " + ", ".join(required)})
        return
    data = _plain(article.meta)
    validator = Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = list(error.absolute_path)
        key = str(path[0]) if path else None
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            key = None
            problem = f"required field '{missing}' is missing"
        else:
            problem = f"field '{'.'.join(str(p) for p in path)}': {error.message}" if path else error.message
        offset = article.key_offset(key) if key else article.frontmatter.start
        yield Hit(offset, offset + (len(key) if key else 3), {"problem": problem, "field": key or ""})


KIND = CheckKind(name="frontmatter-schema", options={"schema": {}}, run=run)
