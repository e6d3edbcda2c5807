"""Latency of the language server: from a didChange to the published diagnostics.

    python benchmarks/server_latency.py [-n 40] [--article PATH | --synthetic] [--debounce-ms 30]

Starts `contentlint server` as an editor would (a real process over stdio,
driven by pygls's client), opens a ~2,000-word article in a folder with the
sample corpus (so the cross-article rules have 15 neighbours to compare
against), and times:

- cold: didOpen to the first diagnostics (spaCy loaded, nothing cached), and
  to the diagnostics that include the cross-article findings;
- warm: `-n` edits, one at a time, each an incremental didChange that changes
  a figure, to the diagnostics published for that version (the server's
  debounce is included), and the server process's CPU time for each (psutil),
  which the load of a shared machine does not inflate.

The default article joins two articles of the sample corpus (2,033 words of
ordinary prose: figures, citations, lists); `--synthetic` uses the figure-dense
generator of bench.py instead, the worst case. The load average before and
after is printed, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_article() -> str:
    first = (ROOT / "corpus" / "ketamine-for-chronic-pain-overview.md").read_text(encoding="utf-8")
    second = (ROOT / "corpus" / "ketamine-treatment-resistant-depression.md").read_text(
        encoding="utf-8"
    )
    body = second.split("\n---\n", 1)[1] if second.startswith("---") else second
    return first.rstrip("\n") + "\n\n" + body.lstrip("\n")


def synthetic() -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import synthetic_article

    return synthetic_article(1, random.Random(7), words=1400)


async def measure(text: str, edits: int, debounce_ms: int) -> dict:
    from lsprotocol import types as T
    from pygls.lsp.client import LanguageClient

    published: list[T.PublishDiagnosticsParams] = []
    client = LanguageClient("bench", "1")
    client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: published.append(params))

    async def until(predicate, since: int) -> T.PublishDiagnosticsParams:
        while True:
            for params in published[since:]:
                if predicate(params):
                    return params
            await asyncio.sleep(0.001)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        shutil.copytree(
            ROOT / "corpus", folder, ignore=shutil.ignore_patterns(".contentlint_cache")
        )  # cold
        article = folder / "zz-benchmark-article.md"
        article.write_text(text, encoding="utf-8")
        uri = article.as_uri()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        await client.start_io(sys.executable, "-m", "lint.cli", "server", env=env)
        await client.initialize_async(
            T.InitializeParams(
                capabilities=T.ClientCapabilities(),
                root_uri=Path(tmp).as_uri(),
                initialization_options={"debounceMs": debounce_ms},
            )
        )
        client.initialized(T.InitializedParams())

        start = time.perf_counter()
        client.text_document_did_open(
            T.DidOpenTextDocumentParams(
                T.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        first = await asyncio.wait_for(until(lambda p: p.uri == uri, 0), 300)
        cold = time.perf_counter() - start
        mark = len(published)
        # The folder's other articles are read once in the background, then the
        # diagnostics are published again with the cross-article findings.
        await asyncio.wait_for(until(lambda p: p.uri == uri, mark), 300)
        cold_full = time.perf_counter() - start
        try:
            import psutil  # optional: the server's CPU time per edit

            server = psutil.Process(client._server.pid)
        except ImportError:
            server = None

        lines = text.split("\n")
        targets = [
            i
            for i, line in enumerate(lines)
            if any(ch.isdigit() for ch in line)
            and not line.startswith(
                ("---", "title", "slug", "publishedAt", "lastReviewed", "updatedAt")
            )
        ][5:]
        rng = random.Random(11)
        timings = []
        cpu = []
        findings = []
        for version in range(2, edits + 2 + 3):  # 3 unmeasured edits first
            line_no = rng.choice(targets)
            line = lines[line_no]
            col = next(i for i, ch in enumerate(line) if ch.isdigit())
            new = str((int(line[col]) + 1) % 10)
            lines[line_no] = line[:col] + new + line[col + 1 :]
            units = len(line[:col].encode("utf-16-le")) // 2
            since = len(published)
            used = server.cpu_times() if server else None
            start = time.perf_counter()
            client.text_document_did_change(
                T.DidChangeTextDocumentParams(
                    T.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    [
                        T.TextDocumentContentChangePartial(
                            range=T.Range(
                                T.Position(line_no, units), T.Position(line_no, units + 1)
                            ),
                            text=new,
                        )
                    ],
                )
            )
            got = await asyncio.wait_for(
                until(lambda p, v=version: p.uri == uri and p.version == v, since), 120
            )
            if version >= 5:
                timings.append(time.perf_counter() - start)
                if server:
                    after = server.cpu_times()
                    cpu.append(after.user + after.system - used.user - used.system)
                findings.append(len(got.diagnostics))
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return {
        "cold": cold,
        "cold_full": cold_full,
        "first_count": len(first.diagnostics),
        "timings": timings,
        "findings": findings,
        "cpu": cpu,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="measured edits")
    parser.add_argument(
        "--article", type=Path, help="a Markdown article to edit (default: two corpus articles)"
    )
    parser.add_argument(
        "--synthetic", action="store_true", help="the figure-dense synthetic article of bench.py"
    )
    parser.add_argument(
        "--debounce-ms", type=int, default=30, help="the server's debounce (default: its default)"
    )
    args = parser.parse_args()
    text = (
        args.article.read_text(encoding="utf-8")
        if args.article
        else synthetic()
        if args.synthetic
        else default_article()
    )
    words = len(text.split())
    load_before = os.getloadavg()
    result = asyncio.run(measure(text, args.n, args.debounce_ms))
    load_after = os.getloadavg()
    t = sorted(result["timings"])
    ms = [x * 1000 for x in t]
    print(
        f"article: {words} words, {result['findings'][-1]} findings; cpus: {os.cpu_count()}; "
        f"debounce: {args.debounce_ms} ms"
    )
    print(
        f"cold open: first diagnostics {result['cold']:.2f}s ({result['first_count']} findings), "
        f"with cross-article findings {result['cold_full']:.2f}s"
    )
    print(
        f"didChange -> diagnostics, {len(ms)} edits: median {statistics.median(ms):.0f} ms, "
        f"p90 {ms[int(len(ms) * 0.9) - 1]:.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms"
    )
    if result["cpu"]:
        # psutil's CPU clock ticks in 10 ms steps: the mean over every edit is the figure to read.
        mean = sum(result["cpu"]) / len(result["cpu"]) * 1000
        print(
            f"server CPU time per edit: mean {mean:.0f} ms (about what an edit takes on an idle machine, "
            "less the pipe)"
        )
    print(
        "load average (1, 5, 15 min) before: "
        + ", ".join(f"{x:.2f}" for x in load_before)
        + "; after: "
        + ", ".join(f"{x:.2f}" for x in load_after)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
