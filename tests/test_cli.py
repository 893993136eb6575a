"""The command line's output contract, determinism and errors."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from botwatch.cli import main

ACCOUNT_COLUMNS = ["account_id", "bot_score", "is_suspect", "cluster_id", "n_comments", "reasons"]
CLUSTER_COLUMNS = ["cluster_id", "size", "n_comments", "n_pages", "first_activity", "last_activity"]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    assert main(["score", "--sample", "--out", str(out), "--quiet"]) == 0
    return out


def test_score_writes_the_output_contract(sample_run):
    names = {p.name for p in sample_run.iterdir()}
    assert {
        "accounts.csv",
        "clusters.csv",
        "edges.csv",
        "rejected.csv",
        "report.html",
        "graph.gexf",
        "graph.graphml",
    } <= names
    acc = pd.read_csv(sample_run / "accounts.csv", dtype={"account_id": str})
    assert set(ACCOUNT_COLUMNS) <= set(acc.columns)
    assert acc["account_id"].is_unique
    assert acc["bot_score"].between(0, 1).all()
    assert (acc["is_suspect"] == (acc["bot_score"] >= 0.5)).all()
    clusters = pd.read_csv(sample_run / "clusters.csv")
    assert set(CLUSTER_COLUMNS) <= set(clusters.columns)
    assert len(clusters) >= 1
    # Cluster sizes agree with the accounts table.
    sizes = acc["cluster_id"].dropna().astype(int).value_counts()
    assert dict(zip(clusters["cluster_id"], clusters["size"], strict=True)) == sizes.to_dict()
    # Suspects carry reasons in plain words.
    assert acc.loc[acc["is_suspect"], "reasons"].fillna("").str.len().gt(0).all()


def test_graph_files_carry_scores_and_clusters(sample_run):
    import networkx as nx

    acc = pd.read_csv(sample_run / "accounts.csv", dtype={"account_id": str}).set_index("account_id")
    for graph in (nx.read_gexf(sample_run / "graph.gexf"), nx.read_graphml(sample_run / "graph.graphml")):
        assert graph.number_of_edges() > 0
        node, data = next(iter(graph.nodes(data=True)))
        assert abs(float(data["bot_score"]) - acc.loc[str(node), "bot_score"]) < 1e-6
        clustered = [n for n, d in graph.nodes(data=True) if int(d["cluster_id"]) >= 0]
        assert {str(n) for n in clustered} <= set(acc.index[acc["cluster_id"].notna()])
        _u, _v, edge = next(iter(graph.edges(data=True)))
        assert float(edge["weight"]) > 0 and edge["layers"]


def test_sample_farms_are_found(sample_run):
    from botwatch.datasets import sample_path

    acc = pd.read_csv(sample_run / "accounts.csv", dtype={"account_id": str})
    truth = pd.read_csv(sample_path("truth"), dtype={"account_id": str})
    m = acc.merge(truth, on="account_id")
    assert len(m) == len(acc)
    flagged = m.groupby("is_inauthentic")["is_suspect"].mean()
    # 0.69 with the additive, monotone model: farm accounts with behaviour evidence only stay below.
    assert flagged[True] >= 0.65
    assert flagged[False] <= 0.02


def test_score_is_deterministic(sample_run, tmp_path):
    assert main(["score", "--sample", "--out", str(tmp_path), "--quiet", "--no-report"]) == 0
    for name in ("accounts.csv", "clusters.csv", "edges.csv"):
        assert (tmp_path / name).read_bytes() == (sample_run / name).read_bytes(), name


def test_mapping_and_rejected_rows(tmp_path, capsys):
    dump = tmp_path / "export.csv"
    rows = ["id,author,when,body,post"]
    rows += [f"{i},user{i % 7},2024-05-0{1 + i % 3} 1{i % 10}:00:00,text {i},p{i % 4}" for i in range(60)]
    rows += ["61,,2024-05-01 10:00:00,no author,p1", "62,user1,not a time,bad time,p1"]
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        [
            "score",
            str(dump),
            "--map",
            "comment_id=id",
            "--map",
            "account_id=author",
            "--map",
            "created_at=when",
            "--map",
            "text=body",
            "--map",
            "post_id=post",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "Asia/Almaty" in printed
    rejected = pd.read_csv(out / "rejected.csv")
    assert sorted(rejected["reason"]) == [
        "created_at is not a date or time botwatch can read",
        "missing account_id",
    ]
    assert sorted(rejected["record"]) == [62, 63]  # line numbers in the file, header is line 1
    acc = pd.read_csv(out / "accounts.csv")
    assert acc["n_comments"].sum() == 60


def test_bad_input_is_one_clear_error(tmp_path, capsys):
    dump = tmp_path / "dump.csv"
    dump.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["score", str(dump), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "dump.csv" in err and "required column" in err and "Traceback" not in err
    assert main(["score", "--out", str(tmp_path / "o")]) == 2
    assert "no input" in capsys.readouterr().err


def test_untrusted_model_is_refused(tmp_path, capsys):
    fake = tmp_path / "m.joblib"
    fake.write_bytes(b"not a model")
    assert main(["score", "--sample", "--model", str(fake), "--out", str(tmp_path / "o")]) == 2
    assert "refusing to load" in capsys.readouterr().err


def test_simulate_writes_world(tmp_path):
    assert main(["simulate", "--out", str(tmp_path), "--seed", "5", "--quiet"]) == 0
    with gzip.open(tmp_path / "truth.csv.gz", "rt") as fh:
        truth = pd.read_csv(fh)
    assert truth["is_inauthentic"].any()
    assert (tmp_path / "comments.csv.gz").exists() and (tmp_path / "accounts.csv.gz").exists()


def test_window_option_takes_seconds_or_auto():
    import argparse

    from botwatch.cli import _window

    assert _window("auto") == "auto"
    assert _window("90") == 90.0
    for bad in ("fast", "0", "-5"):
        with pytest.raises(argparse.ArgumentTypeError):
            _window(bad)


def test_progress_on_stderr_and_quiet_is_silent(tmp_path, capsys, caplog):
    import logging

    caplog.set_level(logging.INFO)
    assert main(["score", "--sample", "--out", str(tmp_path / "a"), "--no-plots", "--no-report"]) == 0
    out = capsys.readouterr().out
    assert "Suspects wrote" in out and "praise comments" in out
    stages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("account graph built") for m in stages)
    assert any(m.startswith("features computed") for m in stages)
    assert main(["score", "--sample", "--out", str(tmp_path / "b"), "--no-plots", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_progress_bar_reaches_the_end_and_stays_off_when_not_a_terminal(tiny_world, tmp_path, capsys):
    import botwatch
    from botwatch.io import write_result

    result = botwatch.score(tiny_world.comments, progress=True)
    err = capsys.readouterr().err
    # The bar advanced through every stage, by weight, up to the whole.
    assert "scoring:" in err and "100%" in err and "computing features" in err
    write_result(result, tmp_path, plots=False, progress=True)
    assert "writing:" in capsys.readouterr().err
    botwatch.score(tiny_world.comments, progress=None)  # captured output is no terminal: no bar
    assert "scoring:" not in capsys.readouterr().err


def test_cluster_settings_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "o"
    args = ["score", "--sample", "--out", str(out), "--quiet"]
    assert main([*args, "--cluster-param", "nope__x=1"]) == 2
    assert "--cluster-param" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args, "--cluster-param", "tight"])
    assert "NAME=VALUE" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args, "--cluster-param", "drop_outsiders__tight=nan"])
    capsys.readouterr()
    # Told before the dump is read: a missing input is not what the error is about.
    assert main(["score", str(out / "missing.csv"), "--out", str(out), "--cluster-param", "x=1"]) == 2
    assert "--cluster-param" in capsys.readouterr().err
    base = tmp_path / "b"
    assert main(["score", "--sample", "--out", str(base), "--quiet"]) == 0
    settings = ["--cluster-param", "join_suspects=passthrough", "--cluster-param", "split__min_size=3"]
    assert main([*args, *settings]) == 0
    a, b = pd.read_csv(base / "accounts.csv"), pd.read_csv(out / "accounts.csv")
    assert a["bot_score"].equals(b["bot_score"])


def test_heap_arenas_are_limited_unless_the_environment_says_otherwise(monkeypatch):
    import sys as system

    from botwatch import _progress

    calls: list[tuple[int, int]] = []

    class _C:
        def mallopt(self, param: int, value: int) -> int:
            calls.append((param, value))
            return 1

    monkeypatch.setattr(_progress.ctypes, "CDLL", lambda name: _C())
    monkeypatch.setattr(system, "platform", "linux")
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    _progress.limit_heap_arenas()
    assert calls == [(_progress._M_ARENA_MAX, 2)]
    monkeypatch.setenv("MALLOC_ARENA_MAX", "8")  # the user's own setting wins
    _progress.limit_heap_arenas()
    monkeypatch.setattr(system, "platform", "darwin")
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    _progress.limit_heap_arenas()
    assert len(calls) == 1
