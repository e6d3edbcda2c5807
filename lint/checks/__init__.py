"""The built-in check kinds, listed explicitly: no metaclasses, no scanning."""

from . import disclaimer, engine_kinds, frontmatter_schema, phrases
from . import disclaimer_partial, disclaimer_placement
from . import (asset_exists, currency, date_format, date_future, date_order, field_length, placeholder_image,
               slug_filename, slug_format, title_heading, unique_list, unknown_keys, vocabulary)
from . import orphan_line, placeholder_text, scrape_residue
from . import consistency
from . import attribution, numeric_claim

BUILTIN_KINDS = [
    engine_kinds.INPUT,
    engine_kinds.UNUSED_SUPPRESSION,
    frontmatter_schema.KIND,
    disclaimer.KIND,
    disclaimer_partial.KIND,
    disclaimer_placement.KIND,
    date_format.KIND,
    date_future.KIND,
    date_order.KIND,
    slug_format.KIND,
    slug_filename.KIND,
    title_heading.KIND,
    field_length.KIND,
    unique_list.KIND,
    vocabulary.KIND,
    placeholder_image.KIND,
    asset_exists.KIND,
    unknown_keys.KIND,
    currency.KIND,
    scrape_residue.KIND,
    orphan_line.KIND,
    placeholder_text.KIND,
    phrases.KIND,
    consistency.WITHIN,
    consistency.CORPUS,
    consistency.REGISTRY,
    numeric_claim.KIND,
    attribution.KIND,
]
