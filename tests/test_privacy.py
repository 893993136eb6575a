"""Pseudonymisation: no original account id or handle left in any output file."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import botwatch
from botwatch.cli import main
from botwatch.datasets import sample_path
from botwatch.graph import account_keys
from botwatch.io import write_result
from botwatch.privacy import pseudonym, pseudonym_key


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


@pytest.fixture(scope="module")
def world2():
    return botwatch.datasets.simulate(2)


def test_scores_and_clusters_are_unchanged_and_pseudonyms_stable(world2):
    result = botwatch.score(world2.comments, world2.accounts)
    shared = botwatch.score(world2.comments, world2.accounts, salt="salt-a")
    other = botwatch.score(world2.comments, world2.accounts, salt="salt-b")
    key = pseudonym_key(result.comments, world2.accounts, "salt-a")
    assert not set(shared.accounts["account_id"]) & set(other.accounts["account_id"])
    assert shared.clusters["size"].tolist() == result.clusters["size"].tolist()
    # Every account keeps its score under its pseudonym, made from its key.
    original = account_keys(result.accounts).astype(str)
    by_alias = dict(zip(shared.accounts["account_id"], shared.accounts["bot_score"], strict=True))
    assert len(by_alias) == len(original)
    for k, score in zip(original, result.accounts["bot_score"], strict=True):
        assert by_alias[pseudonym(k, "salt-a")] == score
    assert shared.meta["pseudonymized"] and "pseudonymized" not in result.meta
    # Members of a cluster map through the same key.
    back = dict(zip(key["pseudonym"], key["account_id"], strict=True))
    members = shared.clusters["members"].iloc[0].split(";")
    assert sorted(back[m] for m in members) == sorted(result.clusters["members"].iloc[0].split(";"))


def test_handles_in_texts_are_replaced(tmp_path, world2):
    comments = world2.comments.copy()
    target = str(world2.accounts["handle"].iloc[0])
    comments.loc[comments.index[0], "text"] = f"@{target} you are wrong, {target}."
    shared = botwatch.score(comments, world2.accounts, salt="k")
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


def test_rejected_rows_keep_their_place_and_reason_but_not_their_raw_value(world2):
    comments = world2.comments.copy()
    comments["created_at"] = comments["created_at"].astype(object)
    comments.loc[comments.index[:3], "created_at"] = "not a time by secret_handle_42"
    result = botwatch.score(comments, world2.accounts)
    assert result.rejected["value"].astype(str).str.contains("secret_handle_42").any()
    shared = botwatch.score(comments, world2.accounts, salt="k")
    assert len(shared.rejected) == len(result.rejected)
    assert (shared.rejected["value"] == "").all()
    kept = ["record", "field", "reason"]
    assert (
        shared.rejected[kept].astype(str).values.tolist() == result.rejected[kept].astype(str).values.tolist()
    )


# Ids and handles of every shape, planted in a farm that gets flagged, clustered, linked and quoted
# in the evidence: none may appear anywhere in a pseudonymised run's folder.
PLANTED = [
    ("4242", "Zq Vortex"),  # a short numeric id; a handle with a space
    ("6161", "+7Qx"),  # a handle starting with +
    ("3737", "q(zx)"),  # brackets
    ("8080", "@@qzw@"),  # at signs inside
    ("tr_qxz", "Qz"),  # a handle under three characters
    ("5150", "zéqø.x-"),  # accents, dots and dashes
]


def _planted_dump(tmp_path, registered=True):
    rng = np.random.default_rng(3)
    t0 = pd.Timestamp("2024-05-01T05:00:00Z")
    rows = []
    for p in range(30):
        post_time = t0 + pd.Timedelta(hours=6 * p)
        for k, (aid, handle) in enumerate(PLANTED):
            other = PLANTED[(k + 1) % len(PLANTED)][1]
            rows.append(
                {
                    "comment_id": f"f{p}_{k}",
                    "account_id": aid,
                    "account_handle": handle,
                    "post_id": f"p{p}",
                    "post_created_at": post_time,
                    "created_at": post_time + pd.Timedelta(seconds=60 + 20 * k + int(rng.integers(0, 20))),
                    "text": f"{other} Рахмет әкімге! Молодцы, так держать @{other}",
                }
            )
        for j in range(40):
            person = int(rng.integers(0, 400))
            rows.append(
                {
                    "comment_id": f"g{p}_{j}",
                    "account_id": f"person{person}",
                    "account_handle": f"person{person}",
                    "post_id": f"p{p}",
                    "post_created_at": post_time,
                    "created_at": post_time + pd.Timedelta(minutes=int(rng.integers(1, 2000))),
                    "text": f"Когда починят дорогу на улице {int(rng.integers(1, 99))}?",
                }
            )
    table = pd.DataFrame(rows).assign(platform="vk", page_id="akimat")
    accounts = pd.DataFrame(
        {
            "platform": "vk",
            "account_id": [a for a, _ in PLANTED],
            "handle": [h for _, h in PLANTED],
            "display_name": [f"Name {h}" for _, h in PLANTED],
            "bio": [f"friend of {PLANTED[0][1]}" for _ in PLANTED],
        }
    )
    if registered:
        # Registered together days before they start, so that they are flagged and quoted: with one
        # text each, their meetings and copies alone stay below the threshold (the test below).
        accounts["created_at"] = "2024-04-28T09:00:00Z"
    path, acc_path = tmp_path / "comments.csv", tmp_path / "accounts.csv"
    table.to_csv(path, index=False)
    accounts.to_csv(acc_path, index=False)
    return path, acc_path


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="six accounts meeting within minutes under every post of a page, each repeating one text, "
    "score 0.35 to 0.46: the model gives meeting in time little weight (decision records 0012, 0013)",
)
def test_a_crew_meeting_under_every_post_with_one_text_each_is_flagged(tmp_path):
    path, acc_path = _planted_dump(tmp_path, registered=False)
    farm = _planted_scores(path, acc_path, tmp_path / "out")
    assert (farm["bot_score"] >= 0.5).sum() >= 4


def _planted_scores(path, acc_path, out):
    """The planted accounts' rows of ``accounts.csv`` from a run of ``botwatch score``."""
    assert main(["score", str(path), "--accounts", str(acc_path), "-q", "--no-plots", "--out", str(out)]) == 0
    accounts = pd.read_csv(out / "accounts.csv", dtype={"account_id": str})
    return accounts[accounts["account_id"].isin([a for a, _ in PLANTED])]


def test_planted_ids_and_handles_of_every_shape_leave_no_trace(tmp_path):
    path, acc_path = _planted_dump(tmp_path)
    plain, shared = tmp_path / "plain", tmp_path / "shared"
    base = ["score", str(path), "--accounts", str(acc_path), "-q", "--no-plots"]
    farm = _planted_scores(path, acc_path, plain)
    assert farm["cluster_id"].notna().sum() >= 4  # the farm is linked, clustered and quoted
    evidence = " ".join(farm["evidence"].dropna())
    assert sum(f"partner {aid}" in evidence for aid, _ in PLANTED) >= 2
    plain_text = "\n".join(p.read_text(encoding="utf-8") for p in plain.rglob("*") if p.is_file())
    assert all(handle in plain_text for _, handle in PLANTED)  # without pseudonyms, all are there
    assert main([*base, "--out", str(shared), "--pseudonymize", "--salt", "s"]) == 0
    text = "\n".join(p.read_text(encoding="utf-8") for p in shared.rglob("*") if p.is_file())
    for aid, handle in PLANTED:
        assert handle not in text and handle.lower() not in text, handle
        assert f"Name {handle}" not in text
        # Short numeric ids: never as a word of their own (digits inside numbers are no id).
        assert not re.search(rf"(?<![\w.:-]){re.escape(aid)}(?![\w.:-])", text), aid


def test_a_pseudonymised_rerun_leaves_no_earlier_output_behind(tmp_path):
    path, acc_path = _planted_dump(tmp_path)
    out = tmp_path / "out"
    base = ["score", str(path), "--accounts", str(acc_path), "-q", "--out", str(out)]
    assert main(base) == 0
    assert (out / "report.html").exists() and (out / "plots" / "scores.png").exists()
    assert main([*base, "--pseudonymize", "--salt", "s", "--no-report", "--no-plots"]) == 0
    assert not (out / "report.html").exists() and not list((out / "plots").glob("*.png"))
    assert "Zq Vortex" not in "".join(p.read_text(encoding="utf-8") for p in out.glob("*.csv"))


def test_a_folder_holding_other_files_is_refused_unless_overwrite(tmp_path, capsys):
    path, acc_path = _planted_dump(tmp_path)
    (tmp_path / "out").mkdir()
    notes = tmp_path / "out" / "my notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    base = [
        "score",
        str(path),
        "--accounts",
        str(acc_path),
        "-q",
        "--no-plots",
        "--out",
        str(tmp_path / "out"),
    ]
    assert main(base) == 2
    assert "my notes.txt" in capsys.readouterr().err and not (tmp_path / "out" / "accounts.csv").exists()
    assert main([*base, "--overwrite"]) == 0
    assert notes.read_text(encoding="utf-8") == "keep me" and (tmp_path / "out" / "accounts.csv").exists()


def test_mentions_of_every_shape_are_replaced_where_they_stand_alone():
    from botwatch.privacy import _replacer

    words = {"Zq Vortex": "A1", "+7Qx": "A2", "q(zx)": "A3", "Qz": "A5", "4242": "A6", "@@@": "A8"}
    replace = _replacer({**words, **{w.lower(): a for w, a in words.items()}})
    texts = pd.Series(["@Zq Vortex, zq vortex!", "+7Qx and q(zx)", "Qz, qz, Qzz", "4242 but 42420", "@@@"])
    assert replace(texts).tolist() == ["@A1, A1!", "A2 and A3", "A5, A5, Qzz", "A6 but 42420", "A8"]


def test_ids_with_colons_renamed_handles_and_account_pages_leave_no_trace(tmp_path):
    # Two platforms (keys are "platform:id"), an id holding ":" itself, an account that changes
    # its handle mid-dump, and a page that is an account (as on X): none may reach an output.
    t0 = pd.Timestamp("2024-05-01T05:00:00Z")
    rows = []
    for p in range(12):
        for k, (platform, aid, handle) in enumerate(
            [("vk", "secret:9001", "farmA"), ("vk", "v2", "farmB"), ("x", "86753", "pagefan")]
        ):
            rows.append(
                {
                    "platform": platform,
                    "page_id": "86753" if platform == "x" else "akimat",
                    "post_id": f"p{p}",
                    "comment_id": f"{platform}{p}_{k}",
                    "account_id": aid,
                    "account_handle": "renamedA" if handle == "farmA" and p >= 6 else handle,
                    "created_at": t0 + pd.Timedelta(hours=p, seconds=30 * k),
                    "text": "ask @renamedA or @farmA",
                }
            )
    shared = botwatch.score(pd.DataFrame(rows), salt="s")
    out = tmp_path / "shared"
    write_result(shared, out, plots=False)
    text = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    for secret in ("secret", "9001", "renamedA", "farmA", "86753", "pagefan"):
        assert secret not in text, secret


def test_only_what_botwatch_listed_is_removed_and_refusal_comes_first(tmp_path, capsys):
    path, acc_path = _planted_dump(tmp_path)
    out, key = tmp_path / "out", tmp_path / "k" / "key.csv"
    out.mkdir()
    own = out / "posts.csv"
    own.write_text("mine", encoding="utf-8")  # a user's file that only shares an output's name
    base = ["score", str(path), "--accounts", str(acc_path), "-q", "--no-plots", "--out", str(out)]
    assert main([*base, "--pseudonymize", "--salt", "s", "--pseudonym-key", str(key)]) == 2
    assert "posts.csv" in capsys.readouterr().err
    assert own.read_text(encoding="utf-8") == "mine" and not key.exists()  # refused before any work
    # A plots folder that links elsewhere is never emptied.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "scores.png").write_bytes(b"png")
    own.unlink()
    (out / "plots").symlink_to(elsewhere, target_is_directory=True)
    assert main(base) == 2
    assert main([*base, "--overwrite"]) == 0
    assert (elsewhere / "scores.png").read_bytes() == b"png"


def test_short_names_are_replaced_where_written_as_mentions_only():
    from botwatch.privacy import _replacer

    replace = _replacer({"a": "A1", "12": "A2", "Qz": "A3"})
    texts = pd.Series(["ask @a and @12: I have 12 questions, a cat; Qz"])
    assert replace(texts).tolist() == ["ask @A1 and @A2: I have 12 questions, a cat; A3"]
