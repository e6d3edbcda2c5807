"""Phase timings (lint/engine/timings.py): printed only when asked for, in the form bench.py reads."""

from __future__ import annotations

from lint.engine.timings import ENV, PREFIX, phase


def test_silent_unless_asked(monkeypatch, capsys):
    monkeypatch.delenv(ENV, raising=False)
    with phase("analysis"):
        pass
    assert capsys.readouterr().err == ""


def test_one_line_per_phase_when_asked(monkeypatch, capsys):
    monkeypatch.setenv(ENV, "1")
    with phase("corpus comparison"):
        pass
    err = capsys.readouterr().err
    assert err.startswith(PREFIX + "corpus comparison ") and err.endswith(" s\n")
    assert float(err[len(PREFIX + "corpus comparison ") : -3]) >= 0


def test_a_run_prints_its_phases(monkeypatch, capsys, tmp_path):
    from click.testing import CliRunner

    from lint.cli import main

    article = tmp_path / "a.md"
    article.write_text("---\ntitle: A\n---\n\nAbout 40% of adults sleep badly.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(article), "--no-cache", "--jobs", "1"], env={ENV: "1"}
    )
    assert PREFIX + "analysis " in result.stderr
    assert PREFIX + "corpus comparison " in result.stderr
