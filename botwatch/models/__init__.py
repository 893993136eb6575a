"""The account classifier, its persistence, and the training of the default model."""

from __future__ import annotations

from botwatch.models._classifier import DEFAULT_PARAMS, BotClassifier, default_classifier
from botwatch.models._evaluation import (
    evaluation_figures,
    expected_calibration_error,
    plot_reliability,
    read_labels,
    reliability_table,
)
from botwatch.models._persist import DEFAULT_MODEL_PATH, feature_schema_hash, load_model, save_model

__all__ = [
    "DEFAULT_MODEL_PATH",
    "DEFAULT_PARAMS",
    "BotClassifier",
    "default_classifier",
    "evaluation_figures",
    "expected_calibration_error",
    "feature_schema_hash",
    "load_model",
    "plot_reliability",
    "read_labels",
    "reliability_table",
    "save_model",
]
