"""Engines: chunks go through the engine given and come back in order; the Dask engine is an
optional dependency, asked for by name and imported only when used."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import botwatch
from botwatch import DaskEngine, MemoryEngine
from botwatch._engine import split_chunks
from botwatch.cli import main
from botwatch.graph._layers import minhash_signatures
from botwatch.text import normalize_series


class RecordingEngine(MemoryEngine):
    """A memory engine that notes the function and the sizes of the chunks it was given."""

    def __init__(self, *, chunk_size=None):
        super().__init__(chunk_size=chunk_size)
        self.calls = []

    def map_chunks(self, func, chunks, /, **kwargs):
        self.calls.append((func.__name__, [len(c) for c in chunks]))
        return super().map_chunks(func, chunks, **kwargs)


def test_split_chunks_keeps_every_item_in_order():
    items = list(range(10))
    assert split_chunks(items, 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert split_chunks(items, 10) == [items]
    assert split_chunks(items, 0) == [[i] for i in items]  # a size below 1 is 1


def test_stages_send_their_chunks_through_the_engine_given(world):
    comments = world.comments.head(3000)
    engine = RecordingEngine(chunk_size=250)
    expected = botwatch.analyze(comments)
    got = botwatch.analyze(comments, engine=engine)
    names = [name for name, _ in engine.calls]
    assert names == ["_normalize_chunk", "_minhash_block"]
    for _, sizes in engine.calls:
        assert len(sizes) > 2 and set(sizes[:-1]) == {250} and 0 < sizes[-1] <= 250
    # Distinct texts: as many as the chunks hold.
    assert sum(engine.calls[0][1]) == comments["text"].fillna("").nunique()
    pd.testing.assert_series_equal(got.normalized, expected.normalized)
    pd.testing.assert_frame_equal(got.features, expected.features, check_exact=True)
    pd.testing.assert_frame_equal(got.graph.edges, expected.graph.edges, check_exact=True)


def test_each_stage_keeps_its_own_chunk_size_unless_the_engine_sets_one():
    engine = RecordingEngine()
    normalize_series(pd.Series(["a b"] * 3 + [f"text {i}" for i in range(120)]), engine=engine)
    minhash_signatures([f"text {i}" for i in range(120)], n_hashes=4, chunk=50, engine=engine)
    assert engine.calls == [("_normalize_chunk", [121]), ("_minhash_block", [50, 50, 20])]


def test_importing_botwatch_does_not_import_dask():
    code = (
        "import sys, botwatch, botwatch.cli, botwatch.graph\n"
        "e = botwatch.DaskEngine(n_workers=1)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_dask_engine_without_dask_names_the_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    with pytest.raises(ImportError, match=r'pip install "botwatch\[dask\]"'):
        DaskEngine(n_workers=1).start()
    code = main(["score", "--sample", "--out", str(tmp_path / "out"), "--engine", "dask", "--quiet"])
    assert code == 2
    err = capsys.readouterr().err
    assert 'needs dask.distributed, which is not installed: pip install "botwatch[dask]"' in err
    assert not (tmp_path / "out" / "accounts.csv").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--workers", "2"], "--scheduler and --workers need --engine dask"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler and --workers need --engine dask"),
        (
            ["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"],
            "with --scheduler, the cluster has its own",
        ),
        (["--engine", "dask", "--workers", "0"], "--workers must be at least 1, got 0"),
    ],
)
def test_engine_options_that_do_not_go_together_are_refused_before_any_work(
    options, message, tmp_path, capsys
):
    pytest.importorskip("distributed")
    code = main(["score", "--sample", "--out", str(tmp_path / "out"), "--quiet", *options])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "accounts.csv").exists()


def test_a_client_and_a_scheduler_are_not_both_taken():
    with pytest.raises(ValueError, match="a client or a scheduler address, not both"):
        DaskEngine(object(), scheduler="tcp://127.0.0.1:8786")


def test_memory_engine_maps_in_order():
    assert MemoryEngine().map_chunks(np.sum, [[1, 2], [3], []]) == [3, 3, 0]
    assert MemoryEngine().map_chunks(np.sum, []) == []
