"""Progress of long runs: each step logged with its time, and optionally a progress bar.

The bar advances by each step's weight (its usual share of the run's time, measured on a
883k-comment dump in ``bench/``), so that its percentage and remaining-time estimate mean
something. tqdm draws it in a terminal and, through ``tqdm.auto``, as a widget in Jupyter.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys
import time
from typing import Any

import pyarrow as pa

__all__ = ["Steps", "limit_heap_arenas", "release_memory"]


def release_memory() -> None:
    """Hand memory that a step freed back to the system: Arrow's pool and, with glibc, the C heap.

    Both allocators keep freed blocks for reuse, which the next step, allocating through the
    other one or through numpy, cannot use: without this a run's peak is the sum of its steps'
    leftovers rather than its largest step.
    """
    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(AttributeError, OSError):  # a C library other than glibc
            ctypes.CDLL(None).malloc_trim(0)


_M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter for the most heap arenas."""


def limit_heap_arenas(n: int = 2) -> None:
    """Let the C heap keep at most ``n`` arenas (glibc only; ``MALLOC_ARENA_MAX``, when set, wins).

    glibc gives threads heaps of their own, up to eight per core: the graph's layers, built side
    by side in threads, each leave freed blocks in their own heap that the others cannot reuse,
    and a million comments' run ends about 0.2 GB higher than with two heaps, for no gain in speed.
    """
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    with contextlib.suppress(AttributeError, OSError):  # a C library other than glibc
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, n)


class Steps:
    """Log each finished step with its duration; advance a progress bar if one is shown.

    Parameters
    ----------
    logger : logging.Logger
        Where the step lines go (INFO).
    weights : dict of str to float
        Step name to its expected share of the run; the bar's total is their sum.
    desc : str
        Label in front of the bar.
    progress : bool or None, default False
        Show a bar: True always, None only when the output is a terminal (tqdm's rule),
        False never.
    """

    def __init__(
        self,
        logger: logging.Logger,
        weights: dict[str, float],
        *,
        desc: str = "",
        progress: bool | None = False,
    ) -> None:
        self.logger = logger
        self.weights = weights
        self.started = self.last = time.perf_counter()
        self.bar: Any = None
        if progress is not False:
            from tqdm.auto import tqdm

            self.bar = tqdm(
                total=sum(weights.values()),
                desc=desc,
                disable=None if progress is None else False,
                leave=False,
                bar_format="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}]{postfix}",
            )

    def start(self, step: str) -> None:
        """Name the step now running beside the bar."""
        if self.bar is not None:
            self.bar.set_postfix_str(step, refresh=True)

    def done(self, step: str, message: str) -> None:
        """Log ``message`` with the time since the last step, advance by ``step``'s weight, and
        release the memory the step freed (:func:`release_memory`)."""
        release_memory()
        now = time.perf_counter()
        self.logger.info("%s (%.1f s)", message, now - self.last)
        self.last = now
        if self.bar is not None:
            self.bar.update(self.weights.get(step, 0.0))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.refresh()  # the final state is drawn once, however fast the last step was
            self.bar.close()
            self.bar = None
