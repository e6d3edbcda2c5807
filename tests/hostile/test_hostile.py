"""The gate holds on hostile and broken input: no crash, no code execution, no leak, no hang.

The catalogue (hostile_cases.py) is built by code. The shapes that were
quadratic run at a fifth of the issue's sizes here, to keep the suite fast;
CONTENTLINT_HOSTILE_SCALE=1 runs them at full size.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import stat
import subprocess
import sys
from pathlib import Path

import hostile_cases
import pytest

ROOT = Path(__file__).resolve().parents[2]
MEMORY_BOUND = 1024 * 1024 * 1024  # bytes, for the whole run
HANG_GUARD = 600  # seconds: a hang fails the test instead of the CI job


def cli(*args: str, cwd: Path, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "lint.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=timeout,
    )


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    return folder


def test_the_whole_catalogue_is_reported_and_the_run_goes_on(project, monkeypatch):
    monkeypatch.setattr(
        hostile_cases, "SCALE", float(os.environ.get("CONTENTLINT_HOSTILE_SCALE", "0.2"))
    )
    _folder, _outside, cases = hostile_cases.build(project)
    assert len(cases) >= 40
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = cli(
        "check",
        "hostile",
        "good",
        "--no-cache",
        "--jobs",
        "2",
        "--format",
        "json",
        "-o",
        "report.json",
        cwd=project,
    )
    peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    assert done.returncode == 1, done.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in done.stderr
    assert peak_kb * 1024 < MEMORY_BOUND
    raw = (project / "report.json").read_text(encoding="utf-8")
    assert hostile_cases.SECRET not in raw
    report = json.loads(raw)
    by_path = {f["path"]: f for f in report["files"]}
    for name in hostile_cases.GOOD:
        entry = by_path[f"good/{name}"]
        assert not [x for x in entry["findings"] if x["rule"] == "CL001"], entry
    for case in cases:
        shown = hostile_cases.display(case)
        assert shown in by_path, f"{case.name!r} not reported (have {sorted(by_path)[:5]}…)"
        problems = [x["message"] for x in by_path[shown]["findings"] if x["rule"] == "CL001"]
        assert not [m for m in problems if "internal error" in m], (case.name, problems)
        if case.outcome == "cl001":
            assert any(case.expect.lower() in m.lower() for m in problems), (case.name, problems)
        else:
            assert not [m for m in problems if "time budget" in m], (case.name, problems)


def test_text_output_escapes_control_characters_and_workflow_commands(project):
    hostile_cases.build(project)
    done = cli(
        "check",
        "hostile/workflow-title.md",
        "hostile/ansi-title.md",
        "hostile/esc\x1b[31mname.md",
        "hostile/::error::name.md",
        "--no-cache",
        "--jobs",
        "1",
        "--select",
        "CL1,CL3",
        cwd=project,
    )
    out = done.stdout.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]


def _write_good(path: Path, body: str = "Ketamine is an anaesthetic.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(hostile_cases.good(path.stem, body))
    return path


class _Boom:
    def __reduce__(self):
        return (os.system, (f"touch {MARKER}",))


MARKER = "/tmp/contentlint-cache-pwned"


def test_a_crafted_cache_file_cannot_execute_code(project):
    if os.path.exists(MARKER):
        os.unlink(MARKER)
    article = _write_good(project / "a.md")
    (project / ".contentlint.toml").write_text('cache-dir = "cache"\n')
    first = cli("check", "a.md", "--jobs", "1", "--format", "json", cwd=project)
    entries = list((project / "cache").rglob("*.json"))
    assert entries, "the run wrote a cache entry"
    payload = pickle.dumps(_Boom())
    for entry in entries:  # every entry replaced by a pickle bomb, and the legacy layout too
        entry.write_bytes(payload)
    legacy = project / "cache" / "ab"
    legacy.mkdir()
    (legacy / ("c" * 62 + ".pickle")).write_bytes(payload)
    second = cli("check", "a.md", "--jobs", "1", "--format", "json", cwd=project)
    assert not os.path.exists(MARKER)
    assert second.returncode == first.returncode
    assert json.loads(second.stdout)["files"] == json.loads(first.stdout)["files"]
    for entry in entries:  # ignored and rewritten as a valid entry
        assert entry.read_bytes().startswith(b'{"format": "contentlint-cache"')
    cleaned = cli("clean", cwd=project)
    assert cleaned.returncode == 0 and not (project / "cache").exists()
    assert article.exists()


def test_a_corrupt_cache_entry_is_ignored_and_rewritten(project):
    _write_good(project / "a.md", "About 30% of patients improved.\n")
    first = cli("check", "a.md", "--jobs", "1", "--format", "json", cwd=project)
    (entry,) = list((project / ".contentlint_cache").rglob("*.json"))
    head, _, body = entry.read_bytes().partition(b"\n")
    entry.write_bytes(head + b"\n" + body.replace(b"30", b"99"))  # the checksum no longer matches
    second = cli("check", "a.md", "--jobs", "1", "--format", "json", cwd=project)
    assert json.loads(second.stdout)["files"] == json.loads(first.stdout)["files"]


def test_cache_entries_of_deleted_files_are_evicted(project):
    _write_good(project / "a.md")
    _write_good(project / "b.md")
    cli("check", "a.md", "b.md", "--jobs", "1", cwd=project)
    assert len(list((project / ".contentlint_cache").rglob("*.json"))) == 2
    (project / "b.md").unlink()
    _write_good(project / "a.md", "Changed.\n")
    cli("check", "a.md", "--jobs", "1", cwd=project)
    assert len(list((project / ".contentlint_cache").rglob("*.json"))) == 1


def test_a_symlink_to_a_file_outside_the_project_is_not_read(project, tmp_path):
    secret = _write_good(tmp_path / "elsewhere" / "secret.md", f"{hostile_cases.SECRET}\n")
    (project / "content").mkdir()
    os.symlink(secret, project / "content" / "env.md")
    os.symlink("/proc/self/environ", project / "content" / "environ.md")
    done = cli(
        "check", "content", "--no-cache", "--format", "html", "-o", "report.html", cwd=project
    )
    html = (project / "report.html").read_text()
    assert done.returncode == 1
    assert hostile_cases.SECRET not in html and "PYTHONPATH" not in html
    assert "outside the project root" in html


def test_follow_symlinks_anywhere_is_a_choice(project, tmp_path):
    secret = _write_good(tmp_path / "elsewhere" / "shared.md")
    os.symlink(secret, project / "shared.md")
    (project / ".contentlint.toml").write_text('follow-symlinks = "anywhere"\n')
    done = cli("check", "shared.md", "--no-cache", "--format", "json", cwd=project)
    findings = json.loads(done.stdout)["files"][0]["findings"]
    assert not [f for f in findings if f["rule"] == "CL001"]


def test_an_include_of_a_config_resource_outside_the_project_is_refused(project):
    _write_good(project / "a.md")
    (project / ".contentlint.toml").write_text(
        '[rules.CL110]\nvocabulary = "@' + "../" * 30 + 'etc/passwd"\n'
    )
    done = cli("check", "a.md", "--no-cache", cwd=project)
    assert done.returncode == 2
    assert b"outside" in done.stderr and b"root:" not in done.stdout + done.stderr


def test_size_limit_is_configurable(project):
    _write_good(project / "a.md", "word " * 5000)
    (project / ".contentlint.toml").write_text('max-file-size = "10 KB"\n')
    done = cli("check", "a.md", "--no-cache", "--format", "json", cwd=project)
    messages = [f["message"] for f in json.loads(done.stdout)["files"][0]["findings"]]
    assert any("size limit" in m for m in messages)
    (project / ".contentlint.toml").write_text('max-file-size = "lots"\n')
    assert cli("check", "a.md", "--no-cache", cwd=project).returncode == 2


# -- config fails closed ----------------------------------------------------
@pytest.mark.parametrize(
    "config, words",
    [
        ('select = ["CL30l"]\n', [b"CL30l", b"CL301"]),
        ('ignore = ["CLX"]\n', [b"CLX"]),
        ('[per-file-ignores]\n"*.md" = ["CL8"]\n', [b"CL8"]),
        ('[severity]\nCL3O1 = "warning"\n', [b"CL3O1", b"CL301"]),
        ('[rules.CL501]\ntolerance = "ten"\n', [b"tolerance", b"number"]),
        ('[rules.CL114]\nwarn-months = "six"\n', [b"warn-months", b"integer"]),
        ("[rules.CL114]\nerror-months = -3\n", [b"error-months", b"zero or more"]),
        ('[rules.CL301]\ncitation-scope = "chapter"\n', [b"citation-scope", b"paragraph"]),
        ("[rules.CL110]\nvocabulary = 5\n", [b"vocabulary", b"list"]),
        ('[rules.CL105]\npattern = "[a-z"\n', [b"pattern", b"regular expression"]),
        ('follow-symlinks = "sometimes"\n', [b"follow-symlinks"]),
    ],
)
def test_config_mistakes_exit_2_naming_them(project, config, words):
    _write_good(project / "a.md")
    (project / ".contentlint.toml").write_text(config)
    done = cli("check", "a.md", "--no-cache", cwd=project)
    assert done.returncode == 2, done.stdout[-500:]
    assert b"Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


def test_a_select_typo_on_the_command_line_exits_2(project):
    _write_good(project / "a.md")
    done = cli("check", "a.md", "--no-cache", "--select", "CL30l", cwd=project)
    assert done.returncode == 2 and b"CL301" in done.stderr


# -- report output onto special files ---------------------------------------
def test_output_onto_a_symlink_writes_its_target_and_keeps_the_link(project):
    _write_good(project / "a.md")
    (project / "real.json").write_text("old")
    os.symlink("real.json", project / "link.json")
    cli("check", "a.md", "--no-cache", "-o", "link.json", cwd=project)
    assert (project / "link.json").is_symlink()
    assert json.loads((project / "real.json").read_text())["files"]


def test_output_onto_a_fifo_or_device_is_written_in_place(project):
    _write_good(project / "a.md")
    fifo = project / "pipe.json"
    os.mkfifo(fifo)
    # No reader: refused with exit 2, never a hang and never replaced by a regular file.
    done = cli("check", "a.md", "--no-cache", "-o", str(fifo), cwd=project, timeout=120)
    assert done.returncode == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    # A link to the null device: written through, the device untouched.
    os.symlink(os.devnull, project / "null.json")
    done = cli("check", "a.md", "--no-cache", "-o", "null.json", cwd=project)
    assert done.returncode in (0, 1)
    assert (project / "null.json").is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_output_to_dev_null_leaves_it_a_device():
    from lint.engine.files import write_file

    write_file(Path(os.devnull), b"report\n")
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)


# -- --fix safety --------------------------------------------------------------
NO_DISCLAIMER = hostile_cases.FM.format(slug="a") + "\n# Ketamine\n\nKetamine is an anaesthetic.\n"


def _fixable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NO_DISCLAIMER)
    return path


def test_fix_lists_what_it_changed_and_keeps_mode(project):
    article = _fixable(project / "a.md")
    os.chmod(article, 0o640)
    done = cli("check", "a.md", "--no-cache", "--fix", cwd=project)
    assert b"fixed a.md: append the standard medical disclaimer" in done.stderr
    assert "educational purposes" in article.read_text()
    assert stat.S_IMODE(article.stat().st_mode) == 0o640


def test_diff_prints_the_change_without_writing(project):
    article = _fixable(project / "a.md")
    done = cli("check", "a.md", "--no-cache", "--diff", cwd=project)
    assert b"+++ b/a.md" in done.stdout and b"+*This article" in done.stdout
    assert article.read_text() == NO_DISCLAIMER


def test_fix_leaves_utf16_without_bom_alone(project):
    article = project / "u.md"
    data = NO_DISCLAIMER.encode("utf-16-le")
    article.write_bytes(data)
    done = cli("check", "u.md", "--no-cache", "--fix", "--format", "json", cwd=project)
    assert article.read_bytes() == data
    assert "UTF-16" in done.stdout.decode()


def test_fix_writes_through_a_symlink_inside_the_tree(project):
    target = _fixable(project / "real" / "a.md")
    (project / "content").mkdir()
    os.symlink("../real/a.md", project / "content" / "a.md")
    cli("check", "content", "--no-cache", "--fix", cwd=project)
    assert (project / "content" / "a.md").is_symlink()
    assert "educational purposes" in target.read_text()


def test_fix_never_touches_a_symlink_out_of_the_tree(project, tmp_path):
    target = _fixable(tmp_path / "outside" / "a.md")
    os.symlink(target, project / "a.md")
    cli("check", ".", "--no-cache", "--fix", cwd=project)
    assert (project / "a.md").is_symlink()
    assert target.read_text() == NO_DISCLAIMER


def test_fix_refuses_a_read_only_file_with_a_finding(project):
    article = _fixable(project / "a.md")
    os.chmod(article, 0o444)
    done = cli("check", "a.md", "--no-cache", "--fix", "--format", "json", cwd=project)
    assert article.read_text() == NO_DISCLAIMER
    messages = [f["message"] for f in json.loads(done.stdout)["files"][0]["findings"]]
    assert any("read-only" in m for m in messages)


def test_fix_in_a_read_only_folder_or_a_deleted_file_is_no_traceback(project, monkeypatch):
    from lint.engine import fixes

    article = _fixable(project / "a.md")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixes.tempfile, "mkstemp", refuse)
    import hashlib

    from lint.model.finding import Fix

    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    outcome = fixes.fix_file(
        article, digest, [Fix(len(NO_DISCLAIMER), len(NO_DISCLAIMER), "x\n", "add")]
    )
    assert not outcome.changed and "cannot write" in outcome.refused
    article.unlink()
    outcome = fixes.fix_file(article, digest, [Fix(0, 0, "x", "add")])
    assert not outcome.changed and "cannot read" in outcome.refused


def test_a_write_killed_midway_leaves_no_partial_file_and_no_orphan(project, monkeypatch):
    from lint.engine import fixes

    article = _fixable(project / "a.md")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # what SIGINT/SIGTERM turn into mid-write

    monkeypatch.setattr(fixes.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        fixes.write_atomically(article, b"new text")
    assert article.read_text() == NO_DISCLAIMER
    assert [p.name for p in project.iterdir()] == ["a.md"]
    monkeypatch.undo()
    # A SIGKILL leaves the temp file: it is never linted, and the next fix removes it.
    orphan = project / ".a.md.x1y2z3.tmp"
    orphan.write_text("partial")
    os.utime(orphan, (0, 0))
    done = cli("check", ".", "--no-cache", "--fix", "--format", "json", cwd=project)
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == ["a.md"]
    assert not orphan.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_the_owner(project):
    article = _fixable(project / "a.md")
    os.chown(article, 1234, 2345)
    cli("check", "a.md", "--no-cache", "--fix", cwd=project)
    info = article.stat()
    assert (info.st_uid, info.st_gid) == (1234, 2345)
    assert "educational purposes" in article.read_text()


# -- isolation ------------------------------------------------------------------
def _die_on_boom(path, data, rules, registry, budget):
    if path == "boom.md":
        os._exit(9)  # what the OOM killer or a segfault looks like from the parent
    from lint.engine.pipeline import analyse

    return analyse(path, data, rules, registry)


def test_a_killed_worker_costs_one_cl001_finding_and_the_run_goes_on(monkeypatch):
    import multiprocessing

    from lint.engine import isolation
    from lint.engine.config import Settings
    from lint.engine.rules import load_registry
    from lint.engine.runner import select_rules

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched worker reaches the pool only when it forks")
    monkeypatch.setattr(isolation, "timed_analyse", _die_on_boom)
    registry = load_registry()
    rules = [r for r in select_rules(registry, Settings(cache=False)) if r.code.startswith("CL1")]
    items = [(f"a{i}.md", hostile_cases.good(f"a{i}").encode()) for i in range(6)]
    items.insert(3, ("boom.md", b"# boom\n"))
    got: dict = {}
    isolation.analyse_all(items, rules, registry, None, None, 2, lambda i, r: got.__setitem__(i, r))
    assert sorted(got) == list(range(len(items)))
    assert next(f.message for f in got[3].findings if f.code == "CL001").startswith(
        "the worker process"
    )
    assert all(not [f for f in got[i].findings if f.code == "CL001"] for i in got if i != 3)


def test_a_crashing_rule_is_one_cl001_finding_naming_it():
    from lint.engine.config import Settings
    from lint.engine.pipeline import analyse
    from lint.engine.rules import load_registry
    from lint.engine.runner import select_rules

    registry = load_registry()
    rules = select_rules(registry, Settings(cache=False))
    kind = registry.kinds[rules[-1].check]

    def broken(article, options):
        raise MemoryError("simulated")

    from dataclasses import replace

    registry.kinds[kind.name] = replace(kind, run=broken, scope="article")
    result = analyse("a.md", hostile_cases.good("a").encode(), rules, registry)
    messages = [f.message for f in result.findings if f.code == "CL001"]
    assert (
        len(messages) == 1
        and "internal error in rule" in messages[0]
        and "MemoryError" in messages[0]
    )


@pytest.mark.parametrize("figure", ["８５％", "٨٥٪", "۸۵%"])
def test_full_width_and_arabic_indic_figures_are_checked(figure):
    from lint.analysis.numbers.scan import extract_mentions
    from lint.model.article import load_article

    article = load_article(
        "a.md", hostile_cases.good("a", f"About {figure} of patients improved.\n").encode()
    )
    mentions = extract_mentions(article)
    assert [
        article.text[m.start : m.end]
        for m in mentions
        if figure[:2] in article.text[m.start : m.end]
    ]
