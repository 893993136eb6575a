"""Pseudonymisation: no original account id or handle left in any output file."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import botwatch
from botwatch.cli import main
from botwatch.datasets import sample_path
from botwatch.io import write_result
from botwatch.privacy import pseudonym, pseudonymize


@pytest.fixture(scope="module")
def sample_originals():
    comments = pd.read_csv(sample_path("comments"), dtype=str)
    accounts = pd.read_csv(sample_path("accounts"), dtype=str)
    ids = set(comments["account_id"]) | set(accounts["account_id"])
    handles = set(comments["account_handle"].dropna()) | set(accounts["handle"].dropna())
    return ids, handles


def _words(folder):
    found = set()
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix != ".png":  # figures show cluster numbers, never ids
            found |= set(re.findall(r"[\w.\-]+", path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_original_id_or_handle_in_any_output(tmp_path, sample_originals, lang):
    ids, handles = sample_originals
    out, key_path = tmp_path / "shared", tmp_path / "private" / "key.csv"
    args = [
        "score",
        "--sample",
        "--out",
        str(out),
        "--pseudonymize",
        "--salt",
        "s3cret",
        "-q",
        "--lang",
        lang,
    ]
    assert main([*args, "--pseudonym-key", str(key_path)]) == 0
    assert {p.name for p in out.iterdir()} >= {"accounts.csv", "report.html", "graph.gexf", "edges.csv"}
    words = _words(out)
    assert not (ids & words), sorted(ids & words)[:5]
    assert not ({h for h in handles if len(h) >= 3} & words)
    # The key, kept apart, turns the pseudonyms back into accounts.
    key = pd.read_csv(key_path, dtype=str)
    accounts = pd.read_csv(out / "accounts.csv", dtype={"account_id": str})
    assert set(accounts["account_id"]) <= set(key["pseudonym"])
    assert set(key["account_id"]) == ids & set(key["account_id"])


def test_scores_and_clusters_are_unchanged_and_pseudonyms_stable():
    world = botwatch.datasets.simulate(2)
    result = botwatch.score(world.comments, world.accounts)
    shared, key = pseudonymize(result, "salt-a")
    again, _ = pseudonymize(result, "salt-a")
    other, _ = pseudonymize(result, "salt-b")
    assert shared.accounts["account_id"].tolist() == again.accounts["account_id"].tolist()
    assert not set(shared.accounts["account_id"]) & set(other.accounts["account_id"])
    assert shared.accounts["bot_score"].tolist() == result.accounts["bot_score"].tolist()
    assert shared.clusters["size"].tolist() == result.clusters["size"].tolist()
    one = result.accounts.iloc[0]
    assert shared.accounts.iloc[0]["account_id"] == pseudonym(str(one["account_id"]), "salt-a")
    # Members of a cluster map through the same key.
    back = dict(zip(key["pseudonym"], key["account_id"], strict=True))
    members = shared.clusters["members"].iloc[0].split(";")
    assert sorted(back[m] for m in members) == sorted(result.clusters["members"].iloc[0].split(";"))


def test_handles_in_texts_are_replaced(tmp_path):
    world = botwatch.datasets.simulate(2)
    comments = world.comments.copy()
    target = str(world.accounts["handle"].iloc[0])
    comments.loc[comments.index[0], "text"] = f"@{target} you are wrong, {target}."
    result = botwatch.score(comments, world.accounts)
    shared, _ = pseudonymize(result, "k")
    assert target not in shared.comments.loc[comments.index[0], "text"]
    write_result(shared, tmp_path)
    assert target not in _words(tmp_path)


def test_salt_options_need_pseudonymize(tmp_path, capsys):
    assert main(["score", "--sample", "--out", str(tmp_path), "--salt", "x", "-q"]) == 2
    assert "--pseudonymize" in capsys.readouterr().err
    key_beside = ["--pseudonymize", "--salt", "x", "--pseudonym-key", str(tmp_path / "key.csv")]
    assert main(["score", "--sample", "--out", str(tmp_path), *key_beside, "-q"]) == 2
    assert "among the shared outputs" in capsys.readouterr().err
    key_deep = [
        "--pseudonymize",
        "--salt",
        "x",
        "--pseudonym-key",
        str(tmp_path / "private" / "a" / "key.csv"),
    ]
    assert main(["score", "--sample", "--out", str(tmp_path), *key_deep, "-q"]) == 2
    assert "among the shared outputs" in capsys.readouterr().err
    assert not (tmp_path / "private").exists()


def test_rejected_rows_keep_their_place_and_reason_but_not_their_raw_value():
    world = botwatch.datasets.simulate(2)
    comments = world.comments.copy()
    comments["created_at"] = comments["created_at"].astype(object)
    comments.loc[comments.index[:3], "created_at"] = "not a time by secret_handle_42"
    result = botwatch.score(comments, world.accounts)
    assert result.rejected["value"].astype(str).str.contains("secret_handle_42").any()
    shared, _ = pseudonymize(result, "k")
    assert len(shared.rejected) == len(result.rejected)
    assert (shared.rejected["value"] == "").all()
    kept = ["record", "field", "reason"]
    assert (
        shared.rejected[kept].astype(str).values.tolist() == result.rejected[kept].astype(str).values.tolist()
    )
