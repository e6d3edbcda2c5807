"""git, for `check --since REF`: which files changed since the merge base with REF."""

from __future__ import annotations

import subprocess
from pathlib import Path


class VcsError(Exception):
    """git is missing, this is not a repository, or the ref is unknown: exit 2."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise VcsError("--since needs git, which is not installed") from None
    if done.returncode != 0:
        raise VcsError((done.stderr.strip() or f"git {' '.join(args)} failed").splitlines()[-1])
    return done.stdout


def toplevel(cwd: Path | None = None) -> Path:
    where = Path(cwd or Path.cwd())
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], where).strip())
    except VcsError as err:
        raise VcsError(f"--since: {where} is not inside a git repository ({err})") from None


def merge_base(ref: str, cwd: Path | None = None) -> str:
    top = toplevel(cwd)
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except VcsError:
        raise VcsError(f"--since: unknown git revision {ref!r}") from None
    try:
        return _git(["merge-base", ref, "HEAD"], top).strip()
    except VcsError:
        raise VcsError(
            f"--since: {ref!r} and HEAD have no common ancestor; in a shallow clone, fetch "
            "more history (actions/checkout: fetch-depth: 0)"
        ) from None


def changed_files(ref: str, cwd: Path | None = None) -> list[Path]:
    """Files added, copied, modified, renamed or retyped since the merge base of REF and HEAD.

    The working tree is compared, so committed, staged and unstaged changes all
    count, and so do untracked files that .gitignore does not exclude.
    Deleted files are left out: there is nothing to lint.
    """
    top = toplevel(cwd)
    base = merge_base(ref, top)
    names = _git(
        ["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT", base, "--"], top
    ).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return sorted({(top / name) for name in names if name})
