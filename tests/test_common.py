"""Contract checks: the estimators, the canonical schema and the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from botwatch.cli import main
from botwatch.models import BotClassifier
from botwatch.schema import ACCOUNT_COLUMNS, COMMENT_COLUMNS


@parametrize_with_checks(
    [
        BotClassifier(max_iter=10, calibration_folds=2),
        BotClassifier(max_iter=10, calibration_folds=2, fallback_features=[0]),
    ],
    expected_failed_checks=lambda est: {
        # As for scikit-learn's own HistGradientBoostingClassifier: weights act on the binned
        # trees and the calibration folds, which repeated rows change.
        "check_sample_weight_equivalence_on_dense_data": "weights are not repeated rows here",
    },
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)


def test_schema_names_are_unique_and_documented():
    for columns in (COMMENT_COLUMNS, ACCOUNT_COLUMNS):
        names = [c.name for c in columns]
        assert len(names) == len(set(names))
    required = {c.name for c in COMMENT_COLUMNS if c.required}
    assert required == {"comment_id", "account_id", "created_at"}


@pytest.mark.parametrize("command", [[], ["score"], ["simulate"]])
def test_cli_help(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    assert "usage: botwatch" in capsys.readouterr().out


def test_python_dash_m_runs_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "botwatch", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("botwatch ")
