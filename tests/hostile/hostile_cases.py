"""The bad-input catalogue, built by code into a folder (no committed binaries).

Each case is one entry: a name, a builder that creates it under the project
folder, and what the linter must make of it:

- ``cl001``: exactly the file is reported with a CL001 finding whose message
  contains ``expect`` (a clear message, not a traceback);
- ``lint``: the file is analysed as an article (reported, no internal-error
  CL001), because the input is odd but readable;
- ``skip``: the entry must not be read at all (reported as CL001 too, under
  the name it was found by).

`build(project, outside)` writes every case and returns the list of cases with
the display path each is reported under.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FM = (
    '---\ntitle: "Ketamine for CRPS"\nslug: "{slug}"\nexcerpt: "What the evidence says."\n'
    'category: "CLINICAL_RESEARCH"\nauthor: "Editorial Team"\npublishedAt: "2026-03-02"\n'
    'featuredImage: "/images/a.jpg"\ntags: ["ketamine"]\n---\n'
)
DISCLAIMER = (
    "*This article is for educational purposes only and is not medical advice. "
    "Consult a qualified healthcare provider about your own care.*\n"
)
SECRET = "SECRET_TOKEN_4f1c9e"


def good(
    slug: str, body: str = "Ketamine is an anaesthetic that some clinics offer for pain.\n"
) -> str:
    return FM.format(slug=slug) + "\n# Ketamine\n\n" + body + "\n" + DISCLAIMER


@dataclass
class Case:
    name: str  # file name inside the hostile folder (str, or bytes for non-UTF-8 names)
    build: Callable[[Path, Path], None]
    outcome: str  # cl001 | lint
    expect: str = ""  # substring of the CL001 message
    shown: str | None = None  # how the path is displayed, when not the plain name


def _text(content: str, encoding: str = "utf-8") -> Callable[[Path, Path], None]:
    return lambda path, outside: path.write_bytes(content.encode(encoding, "surrogatepass"))


def _bytes(content: bytes) -> Callable[[Path, Path], None]:
    return lambda path, outside: path.write_bytes(content)


def _symlink(target: Callable[[Path, Path], str]) -> Callable[[Path, Path], None]:
    return lambda path, outside: os.symlink(target(path, outside), path)


def _fifo(path: Path, outside: Path) -> None:
    os.mkfifo(path)


def _dir(path: Path, outside: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("not an article\n")


def _loop(path: Path, outside: Path) -> None:
    other = path.with_name(path.name + ".other.md")
    os.symlink(other.name, path)
    os.symlink(path.name, other)


def _device(path: Path, outside: Path) -> None:
    os.symlink("/dev/zero", path)


def _big_table(rows: int) -> str:
    head = "| drug | share |\n| --- | --- |\n"
    return head + "".join(f"| drug {i} | {i % 97}% |\n" for i in range(rows))


def _nested_yaml(depth: int) -> str:
    return "---\ntitle: x\nnested: " + "[" * depth + "]" * depth + "\n---\n\nBody.\n"


def _nested_yaml_block(depth: int) -> str:
    lines = ["---", "title: x"]
    for i in range(depth):
        lines.append(" " * i + f"k{i}:")
    lines.append(" " * depth + "leaf: 1")
    return "\n".join(lines) + "\n---\n\nBody.\n"


ALIAS_BOMB = (
    '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n\nBody.\n"
)


SCALE = float(os.environ.get("CONTENTLINT_HOSTILE_SCALE", "1"))


def n(count: int) -> int:
    """The issue's sizes at scale 1; the CI test runs the same shapes smaller (see test_hostile.py)."""
    return max(10, int(count * SCALE))


def cases() -> list[Case]:
    big = "9" * 5000
    return [
        # -- encodings and line endings ------------------------------------
        Case("lone-cr.md", _bytes(b"\r0"), "lint"),
        Case("cr-only.md", _text(good("cr-only").replace("\n", "\r")), "lint"),
        Case(
            "mixed-newlines.md",
            _text(good("mixed").replace("\n", "\r\n", 3).replace("\n\n", "\r\r")),
            "lint",
        ),
        Case("not-utf8.md", _bytes(good("x").encode() + b"\xff\xfe bad"), "cl001", "not UTF-8"),
        Case("utf16-bom.md", _text("\ufeff" + good("utf16"), "utf-16-le"), "cl001", "UTF-16"),
        Case("utf16-no-bom.md", _text(good("utf16nb"), "utf-16-le"), "cl001", "UTF-16"),
        Case("utf32.md", _text(good("utf32"), "utf-32"), "cl001", "UTF-32"),
        Case("empty.md", _bytes(b""), "cl001", "empty"),
        Case("whitespace.md", _bytes(b" \n\t\n\r\n"), "cl001", "empty"),
        Case(
            "nul-bytes.md",
            _bytes(good("nul").encode().replace(b"Ketamine is", b"Ketamine\x00\x00 is")),
            "lint",
        ),
        Case("encoded-surrogate.md", _bytes(b"Text \xed\xa0\xbd here.\n"), "cl001", "not UTF-8"),
        Case(
            "line-separators.md",
            _text(good("ls").replace("pain.", "pain.\u2028Half of 40% of\x85people.")),
            "lint",
        ),
        # -- frontmatter -----------------------------------------------------
        Case(
            "yaml-surrogate-pair.md",
            _text('---\ntitle: "\\ud83d\\udc8a pills"\n---\n\nBody 30% here.\n'),
            "lint",
        ),
        Case(
            "yaml-lone-surrogate.md", _text('---\ntitle: "\\ud83d alone"\n---\n\nBody.\n'), "lint"
        ),
        Case("yaml-deep-flow.md", _text(_nested_yaml(5000)), "cl001", "nest"),
        Case("yaml-deep-block.md", _text(_nested_yaml_block(400)), "cl001", "nest"),
        Case("yaml-alias-bomb.md", _text(ALIAS_BOMB), "cl001", "alias expan"),
        Case("yaml-big-int.md", _text(f"---\ntitle: x\nviews: {big}\n---\n\nBody.\n"), "lint"),
        Case(
            "yaml-python-tag.md",
            _text('---\ntitle: !!python/object/apply:os.system ["id"]\n---\n\nB.\n'),
            "cl001",
            "YAML",
        ),
        Case(
            "yaml-unclosed.md", _text('---\ntitle: "never closed\n---\n\nBody.\n'), "cl001", "YAML"
        ),
        Case("yaml-no-close.md", _text("---\ntitle: x\n\nBody.\n"), "cl001", "never closed"),
        Case("yaml-list.md", _text("---\n- a\n- b\n---\n\nBody.\n"), "cl001", "mapping"),
        Case(
            "yaml-duplicate-key.md",
            _text(
                good("dup").replace('title: "Ketamine for CRPS"\n', 'title: "One"\ntitle: "Two"\n')
            ),
            "cl001",
            "duplicate",
        ),
        Case(
            "yaml-huge-string.md",
            _text("---\ntitle: " + "x" * 200_000 + "\n---\n\nBody.\n"),
            "cl001",
            "limit for frontmatter",
        ),
        Case(
            "yaml-long-string.md", _text("---\ntitle: " + "x" * 60_000 + "\n---\n\nBody.\n"), "lint"
        ),
        Case(
            "yaml-many-keys.md",
            _text("---\n" + "".join(f"k{i}: {i}\n" for i in range(6000)) + "---\n\nB.\n"),
            "cl001",
            "values",
        ),
        Case(
            "yaml-some-keys.md",
            _text("---\n" + "".join(f"k{i}: {i}\n" for i in range(2000)) + "---\n\nB.\n"),
            "lint",
        ),
        Case(
            "yaml-nonstring-keys.md", _text("---\n2: two\nnull: x\n1.5: y\n---\n\nBody.\n"), "lint"
        ),
        Case(
            "yaml-unhashable-key.md", _text("---\n? [a, b]\n: 1\n---\n\nBody.\n"), "cl001", "YAML"
        ),
        # -- injection through content -----------------------------------------
        Case(
            "workflow-title.md",
            _text(
                good("wf").replace(
                    'title: "Ketamine for CRPS"',
                    'title: "x\\n::error file=a.md::pwned\\n::set-env"',
                )
            ),
            "lint",
        ),
        Case(
            "ansi-title.md",
            _text(good("ansi").replace("# Ketamine", "# Ketamine \x1b[2J\x1b]0;owned\x07 42% of")),
            "lint",
        ),
        Case("bidi.md", _text(good("bidi").replace("pain.", "pain \u202e%05 fo\u202c.")), "lint"),
        # -- size and shape ------------------------------------------------------
        Case(
            "over-spacy-limit.md",
            _text(
                good("big").replace(
                    "# Ketamine", "```\n" + ("code line\n" * 100_500) + "```\n\n# Ketamine"
                )
            ),
            "lint",
        ),
        Case(
            "over-size-limit.md",
            _text(good("huge") + ("filler text. " * 250_000)),
            "cl001",
            "size limit",
        ),
        Case(
            "long-line.md",
            _text(good("long").replace("pain.", "pain " + "a" * 300_000 + ".")),
            "lint",
        ),
        Case(
            "punctuation-run.md",
            _text(good("punct").replace("pain.", "pain" + "!" * 20_000)),
            "lint",
        ),
        Case(
            "dots-run.md",
            _text(good("dots").replace("pain.", "pain" + ".,;" * 7000 + "(" * 3000)),
            "lint",
        ),
        Case("big-table.md", _text(good("table", _big_table(n(10_000)))), "lint"),
        Case(
            "dense-percentages.md",
            _text(good("dense", " ".join(f"{i % 100}% of" for i in range(n(4000))) + ".\n")),
            "lint",
        ),
        Case(
            "many-headings.md",
            _text(good("heads", "".join(f"## H {i}\n" for i in range(n(60_000))))),
            "lint",
        ),
        Case(
            "deep-quotes.md",
            _text(good("quotes", "> " * 120 + "Half of patients (50%) improve.\n")),
            "lint",
        ),
        Case(
            "deep-lists.md",
            _text(good("lists", "".join("  " * i + "- item 40% of\n" for i in range(120)))),
            "lint",
        ),
        Case(
            "emphasis-run.md",
            _text(good("emph", "*" * 30_000 + " 30% " + "_" * 30_000 + "\n")),
            "lint",
        ),
        Case("link-brackets.md", _text(good("links", "[x](" * 10_000 + "\n")), "lint"),
        Case(
            "big-int-body.md",
            _text(good("bigint", f"About {big}% of people and {big} patients.\n")),
            "lint",
        ),
        Case(
            "many-footnotes.md",
            _text(
                good(
                    "fn",
                    "".join(f"Fact {i}% here.[^{i}]\n\n" for i in range(n(3000)))
                    + "".join(f"[^{i}]: Source {i}.\n" for i in range(n(3000))),
                )
            ),
            "lint",
        ),
        Case(
            "html-blob.md",
            _text(good("html", "<div>" * 20_000 + "40% of" + "</div>" * 20_000 + "\n")),
            "lint",
        ),
        # -- the file system -----------------------------------------------------
        Case("fifo.md", _fifo, "cl001", "not a regular file"),
        Case("folder.md", _dir, "cl001", "directory"),
        Case("loop.md", _loop, "cl001", "symlink"),
        Case("dangling.md", _symlink(lambda p, o: "does-not-exist.md"), "cl001", "symlink"),
        Case("outside-link.md", _symlink(lambda p, o: str(o / "secret.md")), "cl001", "outside"),
        Case("proc-environ.md", _symlink(lambda p, o: "/proc/self/environ"), "cl001", "outside"),
        Case("device.md", _device, "cl001", "outside"),
        Case("inside-link.md", _symlink(lambda p, o: "../good/one.md"), "lint"),
        Case(b"caf\xe9-latin1.md", _text(good("latin1")), "lint", shown="caf\\xe9-latin1.md"),
        Case("new\nline.md", _text(good("newline")), "lint", shown="new\\nline.md"),
        Case("::error::name.md", _text(good("cmdname")), "lint"),
        Case("esc\x1b[31mname.md", _text(good("escname")), "lint", shown="esc\\x1b[31mname.md"),
    ]


GOOD = {
    "one.md": good("one"),
    "two.md": good("two", "About 30% of patients improved within a week.\n"),
    "three.md": good("three", "Half of patients report less pain after an infusion.\n"),
}


def build(project: Path) -> tuple[Path, Path, list[Case]]:
    """The project folder with `hostile/`, `good/` and a secret outside it."""
    outside = project.parent / (project.name + "-outside")
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.md").write_text(good("secret", f"The token is {SECRET}.\n"))
    folder = project / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    (project / "good").mkdir(exist_ok=True)
    for name, text in GOOD.items():
        (project / "good" / name).write_text(text)
    made = []
    for case in cases():
        name = case.name
        path = Path(
            os.fsdecode(
                os.path.join(
                    os.fsencode(folder), name if isinstance(name, bytes) else name.encode()
                )
            )
        )
        case.build(path, outside)
        made.append(case)
    return folder, outside, made


def display(case: Case) -> str:
    if case.shown is not None:
        return "hostile/" + case.shown
    return "hostile/" + (case.name if isinstance(case.name, str) else os.fsdecode(case.name))
