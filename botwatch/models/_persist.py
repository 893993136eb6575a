"""Saving and loading models in an envelope that says what they are.

A saved model carries the versions it was made with, its feature names, a hash of the feature
schema and the id of its training data. A :class:`~botwatch.models.BotClassifier` saved as
``.json`` is data only (its step tables, scaling and caps as numbers), so a model file shared
between newsrooms carries no code and loads without trust. Any other estimator is saved with
joblib; loading that runs pickle, which can run code, so such a file that did not ship with
botwatch is refused unless the caller says it trusts it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn

from botwatch._version import __version__
from botwatch.errors import ModelError
from botwatch.features import FEATURES

__all__ = ["DEFAULT_MODEL_PATH", "feature_schema_hash", "load_model", "save_model"]

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = Path(__file__).with_name("default.json")
_FORMAT = "botwatch-model"
_FORMAT_VERSION = 1
_DATA_SUFFIXES = (".json", ".json.gz")


def feature_schema_hash(names: list[str] | None = None) -> str:
    """Short hash of the feature names, in order; a model fits only the schema it was trained on."""
    names = list(FEATURES) if names is None else list(names)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def save_model(
    model: Any,
    path: str | os.PathLike[str],
    *,
    feature_names: list[str],
    training_data: str,
    metrics: dict[str, Any] | None = None,
) -> Path:
    """Write ``model`` with its envelope to ``path``.

    A path ending in ``.json`` (or ``.json.gz``) gets the data-only format, for a
    :class:`~botwatch.models.BotClassifier`; any other path gets joblib (compressed), which
    loading runs as pickle.

    Parameters
    ----------
    model : estimator
        A fitted classifier.
    path : path-like
        Where to write.
    feature_names : list of str
        The columns of X, in order.
    training_data : str
        What the model was trained on (for example the simulator seeds).
    metrics : dict, optional
        Validation figures to keep beside the model.
    """
    path = Path(path)
    envelope = {
        "format": _FORMAT,
        "format_version": _FORMAT_VERSION,
        "botwatch_version": __version__,
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "feature_names": list(feature_names),
        "schema_hash": feature_schema_hash(feature_names),
        "training_data": training_data,
        "metrics": metrics or {},
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": model,
    }
    if path.name.endswith(_DATA_SUFFIXES):
        from botwatch.models._classifier import BotClassifier, plain_json

        if not isinstance(model, BotClassifier):
            raise ModelError(
                f"{path}: only a BotClassifier can be saved as data; save a {type(model).__name__} as .joblib"
            )
        data = {
            **envelope,
            "metrics": plain_json(envelope["metrics"]),
            "encoding": "data",
            "model": model.to_dict(),
        }
        text = json.dumps(data, indent=1)
        if path.name.endswith(".gz"):
            import gzip

            path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        else:
            path.write_text(text, encoding="utf-8")
        return path
    joblib.dump(envelope, path, compress=3)
    return path


def _is_shipped(path: Path) -> bool:
    shipped = DEFAULT_MODEL_PATH.parent.resolve()
    try:
        return path.resolve().parent == shipped and path.suffix in (".joblib", ".json")
    except OSError:
        return False


def _load_data(p: Path) -> dict[str, Any]:
    from botwatch.models._classifier import BotClassifier

    try:
        raw = p.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            import gzip

            raw = gzip.decompress(raw)
        envelope = json.loads(raw.decode("utf-8"))
        if not isinstance(envelope, dict) or envelope.get("format") != _FORMAT:
            raise ModelError(f"{p}: not a botwatch model file")
        envelope["model"] = BotClassifier.from_dict(envelope["model"])
    except ModelError:
        raise
    except Exception as exc:  # a damaged or foreign file: any shape of JSON can be met
        raise ModelError(f"{p}: not a readable model file ({exc!r})") from None
    return envelope


def load_model(path: str | os.PathLike[str] | None = None, *, trusted: bool = False) -> dict[str, Any]:
    """Load a model envelope.

    Parameters
    ----------
    path : path-like, optional
        Model file; the default model shipped with botwatch when omitted.
    trusted : bool, default False
        Required for a joblib file that did not ship with botwatch: loading runs pickle, which
        can run arbitrary code. Pass ``True`` only for files you made yourself. A ``.json``
        model is data only and needs no trust.

    Returns
    -------
    dict
        The envelope; ``envelope["model"]`` is the estimator.

    Raises
    ------
    ModelError
        If the file is untrusted, missing, not a botwatch model, or built for other features.
    """
    p = DEFAULT_MODEL_PATH if path is None else Path(path)
    if not p.exists():
        hint = " (the default model is built by `python -m botwatch.models.train`)" if path is None else ""
        raise ModelError(f"{p}: model file not found{hint}")
    if p.name.endswith(_DATA_SUFFIXES):
        envelope = _load_data(p)
        return _checked(envelope, p)
    if not (trusted or _is_shipped(p)):
        raise ModelError(
            f"{p}: refusing to load a model file that did not ship with botwatch; loading runs "
            "pickle, which can run code. If you made this file yourself, pass trusted=True "
            "(--trust-model on the command line); a model saved as .json needs no trust."
        )
    if not _is_shipped(p):
        logger.warning("loading %s with pickle: only a model file you made yourself is safe to load", p)
    try:
        envelope = joblib.load(p)
    except Exception as exc:  # a damaged file can raise almost anything from pickle
        raise ModelError(f"{p}: not a readable model file ({exc})") from None
    if not isinstance(envelope, dict) or envelope.get("format") != _FORMAT:
        raise ModelError(f"{p}: not a botwatch model file")
    return _checked(envelope, p)


def _checked(envelope: dict[str, Any], p: Path) -> dict[str, Any]:
    if envelope.get("schema_hash") != feature_schema_hash():
        raise ModelError(
            f"{p}: built for another feature schema (hash {envelope.get('schema_hash')}, this "
            f"botwatch computes {feature_schema_hash()}); retrain it with `botwatch train`."
        )
    if envelope.get("sklearn_version") != sklearn.__version__:
        logger.warning(
            "%s was saved with scikit-learn %s, running %s; scores may differ slightly",
            p,
            envelope.get("sklearn_version"),
            sklearn.__version__,
        )
    return envelope
