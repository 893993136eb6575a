"""The Dask engine gives every table of the in-memory path, bit for bit, from Python and the CLI."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import botwatch
from botwatch.cli import main
from botwatch.datasets import agency_world, simulate

distributed = pytest.importorskip("distributed")

TABLES = ("accounts", "clusters", "edges", "reason_terms", "features", "posts", "pages")

SMALL_CHUNK = 400
"""Distinct texts per task in these tests: the small dumps then make a dozen chunks or more per
stage, so that gathering them in order is tested, not only sending one."""


@pytest.fixture(scope="module")
def client():
    """One local cluster for the module: two worker processes, one thread each."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module", params=["simulate", "agency_world"])
def dump(request):
    world = simulate(3) if request.param == "simulate" else agency_world(3)
    return world.comments, world.accounts


def _task_prefixes(tasks: list[dict]) -> pd.Series:
    """How many tasks of each function ran (a task's key is the function's name, a token, and
    the chunk's number)."""
    return pd.Series([t["key"].rsplit("-", 6)[0] for t in tasks]).value_counts()


def test_dask_engine_gives_every_table_of_the_memory_engine(client, dump):
    comments, accounts = dump
    expected = botwatch.score(comments, accounts)
    engine = botwatch.DaskEngine(client, chunk_size=SMALL_CHUNK)
    with distributed.get_task_stream(client=client) as stream, engine:
        got = botwatch.score(comments, accounts, engine=engine)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), check_exact=True)
    # The tables are equal because the chunks ran on the workers and came back in order, not
    # because the work stayed here.
    ran = _task_prefixes(stream.data)
    assert ran.get("_normalize_chunk", 0) >= 10
    assert ran.get("_minhash_block", 0) >= 2
    assert client.status == "running"  # a given client stays open


def test_cli_dask_engine_writes_the_files_of_the_memory_engine(client, tmp_path):
    common = ["score", "--sample", "--no-report", "--no-plots", "--quiet", "--no-progress"]
    assert main([*common, "--out", str(tmp_path / "memory")]) == 0
    address = client.scheduler.address
    with distributed.get_task_stream(client=client) as stream:
        code = main([*common, "--out", str(tmp_path / "dask"), "--engine", "dask", "--scheduler", address])
    assert code == 0
    for name in ("accounts.csv", "clusters.csv", "edges.csv", "posts.csv", "pages.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "memory" / name).read_bytes(), name
    assert {"_normalize_chunk", "_minhash_block"} <= set(_task_prefixes(stream.data).index)
    assert client.status == "running"  # the CLI closes only what it started


def test_a_local_cluster_the_engine_starts_is_closed_after():
    with botwatch.DaskEngine(n_workers=1) as engine:
        assert engine.map_chunks(sum, [[1, 2], [3], [4, 5, 6]], start=10) == [13, 13, 25]
        used = engine.connected_client
        assert used.status == "running"
        assert len(used.scheduler_info()["workers"]) == 1
    assert engine.connected_client is None
    assert used.status == "closed"
    assert used.cluster.status.name == "closed"
    with pytest.raises(RuntimeError, match="start the DaskEngine first"):
        engine.map_chunks(sum, [[1]])


def test_a_failing_chunk_raises_on_the_driver(client):
    with botwatch.DaskEngine(client) as engine, pytest.raises(ValueError, match="math domain error"):
        engine.map_chunks(math.sqrt, [4.0, -1.0, 9.0])
    assert engine.connected_client is client  # a given client is kept
