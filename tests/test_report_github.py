"""GitHub workflow commands, escaped exactly as GitHub's toolkit (@actions/core) escapes them."""

from reporting import lint, write_corpus

from lint.model.finding import Finding
from lint.report.github import GithubReporter, annotation, escape_data, escape_property


def finding(**kw) -> Finding:
    base = {
        "path": "corpus/a.md",
        "line": 12,
        "column": 5,
        "code": "CL201",
        "end_line": 12,
        "end_column": 21,
        "name": "missing-disclaimer",
        "category": "disclaimer",
        "severity": "error",
        "message": "Disclaimer missing",
    }
    base.update(kw)
    return Finding(**base)


def test_escaping_matches_the_toolkit():
    # toolkit: escapeData replaces % \r \n; escapeProperty additionally : and ,
    assert escape_data("50% of\r\nreaders: a, b") == "50%25 of%0D%0Areaders: a, b"
    assert escape_property("50% of\r\nreaders: a, b") == "50%25 of%0D%0Areaders%3A a%2C b"
    assert escape_data("%0A") == "%250A"  # the percent sign first, so nothing is escaped twice


def test_error_line_syntax():
    assert annotation(finding()) == (
        "::error file=corpus/a.md,line=12,col=5,endLine=12,endColumn=21,"
        "title=CL201 missing-disclaimer::Disclaimer missing"
    )


def test_warning_and_notice_by_severity():
    assert annotation(finding(severity="warning")).startswith("::warning file=")
    assert annotation(finding(severity="info")).startswith("::notice file=")


def test_properties_and_message_are_escaped():
    line = annotation(finding(path="odd, name:1%.md", message="100%, really:\nyes"))
    assert line.startswith("::error file=odd%2C name%3A1%25.md,line=12,")
    assert line.endswith("::100%25, really:%0Ayes")
    assert "\n" not in line


def test_multi_line_span_has_no_columns():
    line = annotation(finding(end_line=14))
    assert "col=" not in line and "endColumn=" not in line and "endLine=14" in line


def test_one_command_per_finding(tmp_path):
    run = lint([write_corpus(tmp_path / "articles")])
    lines = GithubReporter().render(run).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(run.findings) > 0
    assert all(c.split(" ", 1)[0] in ("::error", "::warning", "::notice") for c in commands)
    assert lines[-1].startswith("6 articles:")
