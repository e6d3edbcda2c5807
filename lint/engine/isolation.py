"""One bad article never stops a run: time budgets and crash-proof worker pools.

`timed_analyse` runs `engine.analyse` under the per-article time budget (a
SIGALRM timer where the platform and thread allow it, and a deadline checked
between rules everywhere). `analyse_all` runs many articles in a process pool
and recovers from a worker that dies (killed by the OOM killer, a signal, a
crash in native code): the articles it held are retried one by one in fresh
single-worker pools, and an article that kills its worker again becomes one
CL001 finding. Results come back in input order whatever happens.
"""

from __future__ import annotations

import gc
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..model.article import InputError
from ..text import nlp
from .pipeline import INPUT_RULE, ArticleResult, TimeBudgetExceeded, analyse, input_finding
from .rules import Registry, Rule

Item = tuple[str, bytes]


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise TimeBudgetExceeded()


def timed_analyse(
    path: str, data: bytes, rules: Sequence[Rule], registry: Registry, budget: float | None
) -> ArticleResult:
    if not budget:
        return analyse(path, data, rules, registry)
    deadline = time.monotonic() + budget
    use_alarm = (
        hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    previous = None
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        return analyse(path, data, rules, registry, deadline)
    except TimeBudgetExceeded:  # fired after analyse's own guard (while packing the result)
        return _failed(
            path,
            data,
            registry,
            "analysis stopped: the article used up its time budget (time-budget)",
        )
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)


def _failed(path: str, data: bytes, registry: Registry, message: str) -> ArticleResult:
    import hashlib

    result = ArticleResult(path=path, content_hash=hashlib.sha256(data).hexdigest())
    result.findings.append(input_finding(path, registry.rules.get(INPUT_RULE), InputError(message)))
    return result


# -- garbage collection ----------------------------------------------------
# After its first article a process holds what it keeps for the run: modules, the spaCy
# pipeline, compiled rules and lexicons (about 100,000 objects). Each full collection
# walked them all again (a tenth of a second each, about 8% of the run in all); frozen
# (gc.freeze), collections walk only what the articles allocate. Young collections are
# also rarer: an article allocates much, and most of it dies with the article.
YOUNG_THRESHOLD = 10_000  # Python's default is 700


def _settle() -> None:
    """Freeze what the process holds after its first article (call it then, once)."""
    gc.freeze()


class _QuietCollector:
    """In this process, for one run: the collector's thresholds raised and, after the
    first article, what is held then frozen; both undone at the end (the process may go
    on: a test suite, a library caller)."""

    def __enter__(self) -> _QuietCollector:
        self._threshold = gc.get_threshold()
        self._froze = False
        # already frozen by the caller: what to freeze, and when to thaw it, is theirs
        self._settled = gc.get_freeze_count() > 0
        if self._threshold[0]:  # 0: collection is off, and stays off
            gc.set_threshold(max(YOUNG_THRESHOLD, self._threshold[0]), *self._threshold[1:])
        return self

    def settle(self) -> None:
        if not self._settled:
            _settle()
            self._settled = self._froze = True

    def __exit__(self, *exc: object) -> None:
        if self._froze:
            gc.unfreeze()
        gc.set_threshold(*self._threshold)


# -- workers ---------------------------------------------------------------
_WORKER: dict = {}


def _init_worker(
    rules: list[Rule], registry: Registry, model: str | None, budget: float | None
) -> None:
    _WORKER.update(rules=rules, registry=registry, budget=budget, settled=False)
    nlp.configure(model)
    # a worker process is ours for the run: its collector is tuned for it (unless it is off)
    young, *older = gc.get_threshold()
    if young:
        gc.set_threshold(max(YOUNG_THRESHOLD, young), *older)


def _work(chunk: list[Item]) -> list[ArticleResult]:
    out = []
    for p, d in chunk:
        out.append(timed_analyse(p, d, _WORKER["rules"], _WORKER["registry"], _WORKER["budget"]))
        if not _WORKER["settled"]:
            _settle()
            _WORKER["settled"] = True
    return out


def analyse_all(
    items: Sequence[Item],
    rules: list[Rule],
    registry: Registry,
    model: str | None,
    budget: float | None,
    jobs: int,
    done: Callable[[int, ArticleResult], None],
) -> None:
    """Analyse every item, calling done(index, result) once per item (in input order when jobs == 1)."""
    if jobs <= 1 or len(items) < 4:
        nlp.configure(model)
        with _QuietCollector() as collector:
            for i in range(len(items)):
                path, data = items[i]
                done(i, timed_analyse(path, data, rules, registry, budget))
                _drop(items, i)
                collector.settle()
        return
    batches = _batches(len(items), jobs)
    lost: list[int] = []
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(rules, registry, model, budget)
    ) as pool:
        _drain(pool, jobs, items, batches, done, lost)
    for i in sorted(lost):
        done(i, _alone(items[i], rules, registry, model, budget))
        _drop(items, i)


def _batches(count: int, jobs: int) -> list[list[int]]:
    """The articles' indexes in batches for the workers, each a share of what is left
    (at most 8, at least 1): large batches first, for few round trips; single articles
    last, so the workers run out of work together instead of one waiting out the
    other's last large batch."""
    batches = []
    start = 0
    while start < count:
        size = max(1, min(8, (count - start) // (jobs * 4)))
        batches.append(list(range(start, start + size)))
        start += size
    return batches


def _drop(items: Sequence[Item], i: int) -> None:
    """An analysed article's bytes can go (the runner's are read lazily: lint.engine.reading)."""
    release = getattr(items, "release", None)
    if release is not None:
        release(i)
    elif isinstance(items, list):
        items[i] = (items[i][0], b"")


def _drain(
    pool: ProcessPoolExecutor,
    jobs: int,
    items: Sequence[Item],
    batches: list[list[int]],
    done: Callable[[int, ArticleResult], None],
    lost: list[int],
) -> None:
    """Keep a few batches per worker in flight, never all of them: each submitted batch
    holds its articles' bytes in the parent (and in the pool's queue) until it is done."""
    waiting = iter(batches)
    futures: dict = {}
    limit = 3 * jobs

    def top_up() -> None:
        while len(futures) < limit:
            batch = next(waiting, None)
            if batch is None:
                return
            try:
                futures[pool.submit(_work, [items[i] for i in batch])] = batch
            except BrokenProcessPool:  # the pool died: what is left is retried one by one
                lost.extend(batch)
                lost.extend(i for rest in waiting for i in rest)
                return

    top_up()
    while futures:
        finished, _ = wait(set(futures), return_when=FIRST_COMPLETED)
        for future in finished:
            batch = futures.pop(future)
            try:
                outputs = future.result()
            except BrokenProcessPool:
                lost.extend(batch)
                continue
            for i, result in zip(batch, outputs, strict=False):
                done(i, result)
                _drop(items, i)
        top_up()


def _alone(
    item: Item, rules: list[Rule], registry: Registry, model: str | None, budget: float | None
) -> ArticleResult:
    """Retry one article in a worker of its own; a second crash is the article's CL001 finding."""
    path, data = item
    try:
        with ProcessPoolExecutor(
            max_workers=1, initializer=_init_worker, initargs=(rules, registry, model, budget)
        ) as pool:
            return pool.submit(_work, [item]).result()[0]
    except BrokenProcessPool:
        return _failed(
            path,
            data,
            registry,
            "the worker process analysing this article died (killed, or out of memory); "
            "it was retried alone and died again. This is a bug in contentlint or a "
            "limit of this machine: please report it with this file",
        )
