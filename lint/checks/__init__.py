"""The built-in check kinds, listed explicitly: no metaclasses, no scanning."""

from . import disclaimer, engine_kinds, frontmatter_schema, phrases

BUILTIN_KINDS = [
    engine_kinds.INPUT,
    engine_kinds.UNUSED_SUPPRESSION,
    frontmatter_schema.KIND,
    disclaimer.KIND,
    phrases.KIND,
]
