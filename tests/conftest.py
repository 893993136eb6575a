"""Shared fixtures: small simulated worlds and the real data beside the checkout, if present."""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path

import pytest
from hypothesis import settings

from botwatch.datasets import WorldConfig, simulate

# The suite replays the same examples every run (no flaky CI); `--hypothesis-profile=explore`
# searches far wider, by hand, for new ways to break the readers.
settings.register_profile("default", derandomize=True, max_examples=60)
settings.register_profile("explore", derandomize=False, max_examples=2000)
settings.load_profile("default")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_DATA = SHARED / "data"
SHARED_FORMATS = SHARED / "formats"
BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(name: str) -> types.ModuleType:
    """The script ``bench/<name>.py``, imported as a module (the bench folder is no package)."""
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


needs_shared = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason="../shared/data is not beside this checkout"
)


@pytest.fixture(scope="session")
def world():
    """A small world with every farm strategy and both traps (seed 1, never used in training)."""
    return simulate(1)


@pytest.fixture(scope="session")
def tiny_world():
    """A very small world for tests that run the whole pipeline many times."""
    return simulate(
        4,
        WorldConfig(
            n_pages=2,
            days=10,
            n_genuine=600,
            superfans_per_page=2,
            n_viral_posts=1,
            viral_size=(60, 90),
        ),
    )


@pytest.fixture(params=[0, 17, 42])
def seed(request):
    """Seeds for randomised tests; they must pass for any seed from 0 to 99."""
    return request.param
