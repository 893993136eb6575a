"""Where the per-chunk stages run: in this process, or as tasks on a Dask cluster.

The pipeline hands the stages whose work is per item and pure (normalising the distinct texts,
their MinHash signatures) to an engine as a list of chunks and gets every chunk's result back in
chunk order; every other stage runs in the calling process, which holds the comment table.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Protocol, TypeVar

import numpy as np

from botwatch._version import __version__

__all__ = ["DaskEngine", "Engine", "MemoryEngine", "as_engine", "engine_chunks", "split_chunks"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

DASK_INSTALL = 'pip install "botwatch[dask]"'
"""The install command named when the Dask engine is asked for without dask.distributed."""


class Engine(Protocol):
    """What the pipeline asks of an engine: run one function over chunks, results in order."""

    chunk_size: int | None
    """Items per chunk; None for each stage's own size."""

    def map_chunks(self, func: Callable[..., T], chunks: Sequence[Any], /, **kwargs: Any) -> list[T]:
        """``[func(chunk, **kwargs) for chunk in chunks]``, wherever the engine runs it."""
        ...


def split_chunks(items: Sequence[Any] | np.ndarray, size: int) -> list[Any]:
    """``items`` cut into consecutive slices of ``size`` (the last one shorter).

    Examples
    --------
    >>> split_chunks(["a", "b", "c", "d", "e"], 2)
    [['a', 'b'], ['c', 'd'], ['e']]
    >>> split_chunks([], 2)
    []
    """
    step = max(int(size), 1)
    return [items[start : start + step] for start in range(0, len(items), step)]


def as_engine(engine: Engine | None) -> Engine:
    """The engine to use: ``engine``, or a :class:`MemoryEngine` when it is None."""
    return MemoryEngine() if engine is None else engine


def engine_chunks(engine: Engine, items: Sequence[Any] | np.ndarray, size: int) -> list[Any]:
    """``items`` cut into the engine's chunks: ``engine.chunk_size`` items each, else ``size``."""
    return split_chunks(items, engine.chunk_size or size)


class MemoryEngine:
    """Run every chunk in this process, one after the other: botwatch's default engine.

    Parameters
    ----------
    chunk_size : int, optional
        Items per chunk; each stage's own size when omitted. Results do not depend on it.

    Examples
    --------
    >>> MemoryEngine().map_chunks(sum, [[1, 2], [3]], start=10)
    [13, 13]
    """

    def __init__(self, *, chunk_size: int | None = None) -> None:
        self.chunk_size = chunk_size

    def map_chunks(self, func: Callable[..., T], chunks: Sequence[Any], /, **kwargs: Any) -> list[T]:
        """``[func(chunk, **kwargs) for chunk in chunks]``."""
        return [func(chunk, **kwargs) for chunk in chunks]

    def __repr__(self) -> str:
        return "MemoryEngine()" if self.chunk_size is None else f"MemoryEngine(chunk_size={self.chunk_size})"


class DaskEngine:
    """Run every chunk as a task on a Dask cluster; results come back in chunk order.

    Either give a connected ``distributed.Client``, or let the engine connect to ``scheduler`` or
    start a ``distributed.LocalCluster`` on this machine, in a ``with`` block (or between
    :meth:`start` and :meth:`close`): what the engine started, it closes. The functions it runs
    are pure and per item, so the results are those of :class:`MemoryEngine`, bit for bit.

    Parameters
    ----------
    client : distributed.Client, optional
        A client already connected to a cluster; the engine uses it and leaves it open.
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``) to connect to.
    n_workers : int, default 2
        Worker processes of the local cluster started when neither ``client`` nor ``scheduler``
        is given.
    threads_per_worker : int, default 1
        Threads of each local worker: the stages hold Python's interpreter lock most of the time,
        so workers are processes, one thread each.
    memory_limit : str or int, default "auto"
        Memory of each local worker, as ``distributed.LocalCluster`` takes it ("auto" shares the
        machine's memory among the workers).
    chunk_size : int, optional
        Items per task; each stage's own size when omitted (50,000 distinct texts). Smaller
        chunks spread a dump over more workers at a higher cost of sending. Results do not
        depend on it.

    Notes
    -----
    Every worker must run the same botwatch and the same Unicode tables (the Python version) as
    the driver: on starting, the engine asks the workers present and refuses to run otherwise.
    dask.distributed is an optional dependency (``pip install "botwatch[dask]"``), imported only
    when the engine starts.

    Examples
    --------
    >>> import botwatch
    >>> from botwatch.datasets import simulate
    >>> world = simulate(seed=3)
    >>> with DaskEngine(n_workers=2) as engine:  # doctest: +SKIP
    ...     result = botwatch.score(world.comments, world.accounts, engine=engine)
    """

    def __init__(
        self,
        client: Any = None,
        *,
        scheduler: str | None = None,
        n_workers: int = 2,
        threads_per_worker: int = 1,
        memory_limit: str | int = "auto",
        chunk_size: int | None = None,
    ) -> None:
        if client is not None and scheduler is not None:
            raise ValueError("give a client or a scheduler address, not both")
        self.client = client
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.threads_per_worker = threads_per_worker
        self.memory_limit = memory_limit
        self.chunk_size = chunk_size
        self._client: Any = client  # the client in use while started
        self._started: list[Any] = []  # what start() opened, closed by close() in reverse

    def __repr__(self) -> str:
        if self.client is not None:
            return "DaskEngine(client=...)"
        if self.scheduler is not None:
            return f"DaskEngine(scheduler={self.scheduler!r})"
        return f"DaskEngine(n_workers={self.n_workers}, threads_per_worker={self.threads_per_worker})"

    @property
    def connected_client(self) -> Any:
        """The ``distributed.Client`` in use: the given one, or the one :meth:`start` opened
        (None before it and after :meth:`close`)."""
        return self._client

    def start(self) -> DaskEngine:
        """Connect to the scheduler or start the local cluster (unless a client was given), then
        check that the workers run this botwatch.

        Returns
        -------
        DaskEngine
            This engine, started.
        """
        if self._started:
            return self
        if self._client is None:
            self._connect(_import_distributed())
        try:
            _check_workers(self._client)
        except BaseException:
            self.close()
            raise
        return self

    def _connect(self, distributed: Any) -> None:
        if self.scheduler is None and (self.n_workers < 1 or self.threads_per_worker < 1):
            raise ValueError(
                "a local cluster needs at least one worker and one thread each, got "
                f"n_workers={self.n_workers}, threads_per_worker={self.threads_per_worker}"
            )
        try:
            if self.scheduler is not None:
                self._client = distributed.Client(self.scheduler)
                self._started.append(self._client)
            else:
                cluster = distributed.LocalCluster(
                    n_workers=self.n_workers,
                    threads_per_worker=self.threads_per_worker,
                    processes=True,
                    memory_limit=self.memory_limit,
                    # Any free port: two runs on one machine do not fight over the usual 8787.
                    dashboard_address=":0",
                )
                self._started.append(cluster)
                self._client = distributed.Client(cluster)
                self._started.append(self._client)
        except BaseException:
            self.close()
            raise
        logger.info(
            "Dask scheduler at %s, dashboard at %s",
            self._client.scheduler.address,
            self._client.dashboard_link,
        )

    def close(self) -> None:
        """Close the client and the cluster this engine started (a given client stays open)."""
        if self._started:
            self._client = None
        while self._started:
            self._started.pop().close()

    def __enter__(self) -> DaskEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map_chunks(self, func: Callable[..., T], chunks: Sequence[Any], /, **kwargs: Any) -> list[T]:
        """``[func(chunk, **kwargs) for chunk in chunks]``, one task per chunk, gathered in order.

        ``func`` must be importable on the workers (a module-level function of botwatch).
        """
        client = self._client
        if client is None:
            raise RuntimeError("start the DaskEngine first: `with DaskEngine(...) as engine:`")
        if not len(chunks):
            return []
        # Not keyed by content: tokenising every chunk costs the driver time for nothing, as no
        # chunk is submitted twice.
        futures = client.map(partial(func, **kwargs), list(chunks), pure=False)
        try:
            return list(client.gather(futures))
        except BaseException:
            client.cancel(futures)  # the chunks still waiting are of no use now
            raise


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ImportError(
            f"the Dask engine needs dask.distributed, which is not installed: {DASK_INSTALL}"
        ) from err
    return distributed


def _versions() -> tuple[str, str]:
    """What a process's results depend on besides its input: botwatch's version and Python's
    Unicode tables (text normalisation)."""
    return __version__, unicodedata.unidata_version


def _check_workers(client: Any) -> None:
    """Refuse workers whose botwatch or Unicode tables differ from this process's."""
    mine = _versions()
    theirs = client.run(_versions)
    wrong = {w: v for w, v in theirs.items() if tuple(v) != mine}
    if wrong:
        listed = ", ".join(f"{w} (botwatch {v[0]}, Unicode {v[1]})" for w, v in sorted(wrong.items()))
        raise RuntimeError(
            f"Dask workers differ from this process (botwatch {mine[0]}, Unicode {mine[1]}): {listed}; "
            "install the same botwatch and Python on every worker"
        )
