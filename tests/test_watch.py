"""`contentlint check --watch`: a saved file's new findings appear; Ctrl-C stops cleanly.

The watcher runs as a real process; every wait is bounded (a minute) and
waits for output, never for a fixed time.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("watchfiles")

from conftest import DISCLAIMER, GOOD_FRONTMATTER

ROOT = Path(__file__).resolve().parent.parent
WAIT = 60.0

CLEAN = GOOD_FRONTMATTER + "\n# Ketamine for CRPS\n\nKetamine is an anaesthetic.\n\n" + DISCLAIMER


def _ctrl_c_as_in_a_terminal() -> None:
    """In the watcher process, SIGINT does what Ctrl-C does in a terminal. A shell runs a
    background job with SIGINT ignored, and a child inherits that, so Python would
    never raise KeyboardInterrupt and the test could not stop the watcher."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watcher:
    def __init__(self, cwd: Path, *args: str) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lint.cli", "check", "--watch", "--no-color", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=_ctrl_c_as_in_a_terminal,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, text: str) -> list[str]:
        """Lines up to and including the first that contains `text`."""
        deadline = time.monotonic() + WAIT
        got = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(
                    f"no line with {text!r} within {WAIT}s; output so far:\n" + "\n".join(self.seen)
                ) from None
            got.append(line)
            self.seen.append(line)
            if text in line:
                return got

    def stop(self) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=WAIT)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return code, "\n".join(self.seen + rest)


@pytest.fixture
def watcher(tmp_path):
    started = []

    def start(*args: str) -> Watcher:
        started.append(Watcher(tmp_path, *args))
        return started[-1]

    yield start
    for w in started:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait(timeout=WAIT)


def test_saving_an_article_shows_its_new_findings(tmp_path, watcher):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(CLEAN, encoding="utf-8")
    w = watcher("articles")
    first = w.expect("watching 1 article for changes")
    assert any("1 article: 0 blocked, 1 publishable" in line for line in first)
    # A new article, then an edit that adds an unsupported figure.
    (articles / "b.md").write_text(CLEAN, encoding="utf-8")
    w.expect("re-linted after a save (articles/b.md)")
    w.expect("all 2 articles: 0 blocked")
    (articles / "b.md").write_text(
        CLEAN.replace("Ketamine is an anaesthetic.", "Up to 85% of patients improve."),
        encoding="utf-8",
    )
    lines = w.expect("all 2 articles: 1 blocked")
    assert any(line.startswith("articles/b.md:14:1 CL301 error") for line in lines)
    assert not any(line.startswith("articles/a.md") for line in lines)  # unchanged: not repeated
    # Cache files written by the re-lint do not wake the watcher, and a fix clears the finding.
    (articles / "b.md").write_text(CLEAN, encoding="utf-8")
    lines = w.expect("all 2 articles: 0 blocked")
    assert any("articles/b.md" in line and "publishable" in line for line in lines)
    code, output = w.stop()
    assert code == 0
    assert "stopped watching" in output and "Traceback" not in output


def test_a_broken_config_while_watching_is_reported_and_the_watch_goes_on(tmp_path, watcher):
    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    config = tmp_path / ".contentlint.toml"
    config.write_text('ignore = ["CL6"]\n', encoding="utf-8")
    w = watcher("a.md")
    w.expect("watching 1 article")
    config.write_text('ignor = ["CL6"]\n', encoding="utf-8")
    w.expect("unknown key 'ignor'")
    w.expect("keeping the last good configuration")
    config.write_text('ignore = ["CL6"]\n', encoding="utf-8")
    w.expect("configuration reloaded")
    (tmp_path / "a.md").write_text(CLEAN + "\nLorem ipsum dolor sit amet.\n", encoding="utf-8")
    lines = w.expect("all 1 articles")
    assert not any("CL603" in line for line in lines)  # the reloaded config's ignore holds
    code, output = w.stop()
    assert code == 0 and "Traceback" not in output


def test_watch_refuses_outputs_it_would_fight_over(tmp_path):
    from click.testing import CliRunner

    from lint.cli import main

    (tmp_path / "a.md").write_text(CLEAN, encoding="utf-8")
    for extra in (["-o", "r.json"], ["--fix"]):
        assert CliRunner().invoke(main, ["check", "--watch", "a.md", *extra]).exit_code == 2
