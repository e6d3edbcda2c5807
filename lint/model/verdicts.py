"""The verdicts: what a run says of each article. Reporters read them; the runner decides them."""

# The verdict of one article. Only BLOCKED fails the gate; a draft (status:
# draft in its frontmatter) is reported but never blocks unless drafts-block.
BLOCKED = "blocked"
WARNINGS = "publishable-with-warnings"
PUBLISHABLE = "publishable"
DRAFT = "draft"
VERDICTS = (BLOCKED, WARNINGS, PUBLISHABLE, DRAFT)
VERDICT_LABELS = {
    BLOCKED: "blocked",
    WARNINGS: "publishable with warnings",
    PUBLISHABLE: "publishable",
    DRAFT: "draft",
}
