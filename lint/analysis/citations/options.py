"""The options every check that asks "is this cited?" accepts."""

from __future__ import annotations

from typing import Any

FORMS = ("link", "footnote", "reference", "author-year", "identifier")

# Options every check that asks "is this cited?" accepts (merged into their kinds' options).
CITATION_OPTIONS: dict[str, Any] = {
    "citation-forms": list(FORMS),
    "own-domains": [],
    "own-domain-keys": ["canonicalUrl", "canonical_url", "canonical", "siteUrl", "site_url"],
    "citation-scope": "sentence",
    # The site's own citation markup (lint/analysis/components.py): set by the top-level config key
    # `citation-components`, e.g. [{tag = "Cite"}, {shortcode = "cite"}, {pattern = "…"}].
    "citation-components": [],
    "lead-in-covers-list": True,
    "reference-headings": [
        "references",
        "reference list",
        "sources",
        "source",
        "bibliography",
        "citations",
        "works cited",
        "literature cited",
        "studies cited",
        "research cited",
        "scientific references",
        "footnotes",
        "notes",
        "endnotes",
    ],
    "summary-headings": [
        "key takeaways",
        "takeaways",
        "key takeaway",
        "summary",
        "in summary",
        "quick summary",
        "bottom line",
        "tl;dr",
        "tldr",
        "key points",
        "at a glance",
        "highlights",
        "conclusion",
        "conclusions",
        "in conclusion",
        "quick facts",
        "key facts",
        "recap",
        "what to remember",
        "the short version",
    ],
}
