"""Label files, evaluation figures, the reliability diagram, and `botwatch train` / `evaluate`."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score

from botwatch.cli import main
from botwatch.datasets import simulate
from botwatch.errors import InputError
from botwatch.io import write_csv
from botwatch.models import (
    evaluation_figures,
    expected_calibration_error,
    load_model,
    plot_reliability,
    read_labels,
    reliability_table,
)


class TestReadLabels:
    def test_values_and_duplicates(self, tmp_path):
        path = tmp_path / "labels.csv"
        path.write_text(
            "account_id,label,note\n 42 ,Bot,x\n7,human,\n8,1,\n9,FALSE,\n42,yes,again\n", encoding="utf-8"
        )
        labels = read_labels(path)
        assert labels.to_dict() == {"42": True, "7": False, "8": True, "9": False}
        assert labels.dtype == bool

    def test_other_label_column_and_tsv(self, tmp_path):
        path = tmp_path / "labels.tsv"
        path.write_text("account_id\tis_bot\n001\ttrue\n002\tfalse\n", encoding="utf-8")
        assert read_labels(path).to_dict() == {"001": True, "002": False}  # ids stay strings

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("account_id,label\n1,bot\n2,maybe\n", r"line 3: field 'label': 'maybe' is not a label"),
            ("account_id,label\n1,bot\n,human\n", r"line 3: field 'account_id'"),
            ("id,label\n1,bot\n", r"field 'account_id' is missing"),
            ("account_id,score\n1,0.3\n", r"no label field"),
            ("account_id,label\n1,bot\n1,human\n", r"line 3: .*labelled both"),
        ],
    )
    def test_bad_files_name_line_and_field(self, tmp_path, text, message):
        path = tmp_path / "labels.csv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match=message) as err:
            read_labels(path)
        assert str(path) in str(err.value)


def test_figures_match_hand_and_sklearn():
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0], dtype=bool)
    p = np.array([0.95, 0.7, 0.3, 0.6, 0.2, 0.1, 0.05, 0.05])
    f = evaluation_figures(y, p, threshold=0.5)
    # Flagged: 0.95, 0.7, 0.6 -> two of three are inauthentic; two of three inauthentic found.
    assert f["n_flagged"] == 3
    assert f["precision"] == pytest.approx(2 / 3)
    assert f["recall"] == pytest.approx(2 / 3)
    assert f["f1"] == pytest.approx(f1_score(y, p >= 0.5))
    assert f["roc_auc"] == pytest.approx(roc_auc_score(y, p))
    assert f["average_precision"] == pytest.approx(average_precision_score(y, p))
    one_class = evaluation_figures(np.zeros(3, dtype=bool), np.array([0.1, 0.2, 0.9]))
    assert np.isnan(one_class["roc_auc"]) and one_class["n_flagged"] == 1


def test_reliability_table_and_calibration_error():
    y = np.array([0, 0, 1, 1, 1])
    p = np.array([0.05, 0.15, 0.85, 0.95, 0.95])
    table = reliability_table(y, p, n_bins=10)
    assert table["n_accounts"].tolist() == [1, 1, 0, 0, 0, 0, 0, 0, 1, 2]
    assert table.loc[9, "mean_score"] == pytest.approx(0.95)
    # Bin gaps: 0.05, 0.15, 0.15, 0.05 (twice) -> weighted mean 0.09.
    assert expected_calibration_error(y, p) == pytest.approx((0.05 + 0.15 + 0.15 + 0.05 * 2) / 5)


def test_reliability_diagram_is_a_png(tmp_path):
    rng = np.random.default_rng(0)
    p = rng.random(500)
    y = rng.random(500) < p
    path = plot_reliability(y, p, tmp_path / "r.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def labelled_dump(tmp_path_factory):
    out = tmp_path_factory.mktemp("labelled")
    world = simulate(3)
    write_csv(world.comments, out / "comments.csv")
    write_csv(world.accounts, out / "accounts.csv")
    labels = world.truth[["account_id", "is_inauthentic"]].rename(columns={"is_inauthentic": "label"})
    labels = pd.concat([labels, pd.DataFrame({"account_id": ["absent-1"], "label": [True]})])
    write_csv(labels, out / "labels.csv")
    return out, world


def test_evaluate_writes_figures_that_match_the_scores(labelled_dump, tmp_path, caplog):
    src, world = labelled_dump
    out = tmp_path / "ev"
    args = ["evaluate", str(src / "comments.csv"), "--accounts", str(src / "accounts.csv")]
    assert main([*args, "--labels", str(src / "labels.csv"), "--out", str(out)]) == 0
    figures = json.loads((out / "evaluation.json").read_text())
    # The label with no comment in the dump is reported, not silently dropped.
    assert "1 of" in caplog.text and figures["labelled_without_comments"] == ["absent-1"]
    detail = pd.read_csv(out / "labelled_scores.csv", dtype={"account_id": str})
    assert figures["n_accounts"] == len(detail) == world.truth["account_id"].nunique()
    assert figures["roc_auc"] == pytest.approx(roc_auc_score(detail["is_inauthentic"], detail["bot_score"]))
    assert figures["roc_auc"] > 0.95 and figures["ece"] < 0.05
    assert (out / "reliability.png").read_bytes()[:4] == b"\x89PNG"
    table = pd.read_csv(out / "reliability.csv")
    assert table["n_accounts"].sum() == figures["n_accounts"]


def test_train_writes_a_model_that_scores_only_when_trusted(labelled_dump, tmp_path, capsys):
    src, _ = labelled_dump
    model = tmp_path / "mine.joblib"
    args = ["train", str(src / "comments.csv"), "--labels", str(src / "labels.csv"), "-o", str(model)]
    assert main([*args, "--cv", "3", "--quiet"]) == 0
    env = load_model(model, trusted=True)
    cv = env["metrics"]["cross_validation"]
    assert cv["folds"] == 3 and cv["roc_auc"] > 0.9
    assert "labelled accounts" in env["training_data"]
    score = ["score", str(src / "comments.csv"), "--model", str(model), "--no-report", "-q"]
    assert main([*score, "--out", str(tmp_path / "a")]) == 2
    assert "refusing" in capsys.readouterr().err
    assert main([*score, "--trust-model", "--out", str(tmp_path / "b")]) == 0


def test_train_fits_the_default_design_and_writes_data_that_needs_no_trust(labelled_dump, tmp_path):
    src, _ = labelled_dump
    model = tmp_path / "mine.json"
    args = ["train", str(src / "comments.csv"), "--labels", str(src / "labels.csv"), "-o", str(model)]
    assert main([*args, "--cv", "3", "--quiet"]) == 0
    clf = load_model(model)["model"]  # data only: no trust needed
    params = clf.get_params()
    assert params["kind_max"]["behaviour"] == 0.3 and params["monotonic_cst"]["praise_share"] == 1
    assert params["fallback_features"]  # accounts known only by their profile are scored too
    score = ["score", str(src / "comments.csv"), "--model", str(model), "--no-report", "-q"]
    assert main([*score, "--out", str(tmp_path / "c")]) == 0


def test_train_needs_both_kinds(labelled_dump, tmp_path, capsys):
    src, world = labelled_dump
    path = tmp_path / "one.csv"
    path.write_text("account_id,label\n" + "".join(f"{a},0\n" for a in world.truth["account_id"][:20]))
    args = ["train", str(src / "comments.csv"), "--labels", str(path), "-o", str(tmp_path / "m.joblib")]
    assert main(args) == 2
    assert "both kinds are needed" in capsys.readouterr().err


def test_labels_on_a_dump_of_several_platforms(labelled_dump, tmp_path, caplog):
    src, world = labelled_dump
    comments = pd.read_csv(src / "comments.csv", dtype=str)
    other = comments.assign(platform="vk", comment_id="vk" + comments["comment_id"])
    both = tmp_path / "both.csv"
    pd.concat([comments, other]).to_csv(both, index=False)
    truth = world.truth
    # Every id is on two platforms: bare ids are ambiguous and are reported, not guessed.
    bare = tmp_path / "bare.csv"
    labels = pd.DataFrame({"account_id": truth["account_id"], "label": truth["is_inauthentic"]})
    labels.to_csv(bare, index=False)
    assert main(["evaluate", str(both), "--labels", str(bare), "--out", str(tmp_path / "a"), "-q"]) == 2
    assert "have no comment in the input" in caplog.text
    keyed = tmp_path / "keyed.csv"
    platform = comments["platform"].iloc[0]
    labels.assign(account_id=platform + ":" + labels["account_id"]).to_csv(keyed, index=False)
    assert main(["evaluate", str(both), "--labels", str(keyed), "--out", str(tmp_path / "b"), "-q"]) == 0
    figures = json.loads((tmp_path / "b" / "evaluation.json").read_text())
    assert figures["n_accounts"] == truth["account_id"].nunique()
