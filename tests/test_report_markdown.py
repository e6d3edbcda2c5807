"""The Markdown summary for pull-request comments."""

from reporting import lint, write_corpus

from lint.report.markdown import MarkdownReporter, escape


def render(run, environ=None):
    return MarkdownReporter(environ=environ or {}).render(run)


def test_verdicts_categories_and_linked_findings(tmp_path):
    run = lint([write_corpus(tmp_path / "articles")])
    out = render(run)
    assert out.startswith(
        f"## contentlint: {run.blocked} of 6 articles are blocked from publishing"
    )
    assert "| ⛔ blocked | [articles/no-frontmatter.md](articles/no-frontmatter.md) |" in out
    assert "| 📝 draft | [articles/draft.md](articles/draft.md) |" in out
    assert "### Findings by category" in out and "| metadata |" in out
    first = min(
        (f for f in run.findings if f.path == "articles/no-frontmatter.md"), key=lambda f: f.line
    )
    assert (
        f"[articles/no-frontmatter.md:{first.line}](articles/no-frontmatter.md#L{first.line})"
        in out
    )


def test_links_point_at_the_commit_inside_github_actions(tmp_path):
    run = lint([write_corpus(tmp_path / "articles")])
    env = {
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "acme/site",
        "GITHUB_SHA": "abc123",
    }
    out = render(run, env)
    assert "(https://github.com/acme/site/blob/abc123/articles/no-frontmatter.md#L1)" in out


def test_article_text_cannot_inject_markdown_html_or_mentions():
    assert (
        escape("<script>x</script> | *a* [l](u) @team")
        == "&lt;script&gt;x&lt;/script&gt; \\| \\*a\\* \\[l\\](u) @\u2060team"
    )
    assert "\n" not in escape("two\nlines")


def test_a_clean_run():
    from lint.engine.config import Settings
    from lint.engine.rules import load_registry
    from lint.engine.runner import Run

    out = render(Run([], load_registry(), [], Settings()))
    assert out.startswith("## contentlint: No articles were checked")
