"""botwatch: find bot farms and paid inauthentic accounts in the comment sections of agency pages.

Data flows one way: readers -> comment table (+ account table) -> per-account features and the
account graph -> calibrated classifier -> scores, clusters and evidence -> CSV, GEXF and HTML.

>>> import botwatch
>>> from botwatch.datasets import simulate
>>> result = botwatch.score(simulate(seed=7).comments)
>>> {"account_id", "bot_score", "is_suspect", "cluster_id", "reasons"} <= set(result.accounts)
True
"""

from __future__ import annotations

from botwatch._engine import DaskEngine, MemoryEngine
from botwatch._evidence import render_reasons
from botwatch._pipeline import DEFAULT_THRESHOLD, Analysis, ScoreResult, analyze, score
from botwatch._version import __version__
from botwatch.errors import BotwatchError, InputError, ModelError
from botwatch.io import read_accounts, read_comments, write_result
from botwatch.schema import validate_accounts, validate_comments

__all__ = [
    "DEFAULT_THRESHOLD",
    "Analysis",
    "BotwatchError",
    "DaskEngine",
    "InputError",
    "MemoryEngine",
    "ModelError",
    "ScoreResult",
    "__version__",
    "analyze",
    "read_accounts",
    "read_comments",
    "render_reasons",
    "score",
    "validate_accounts",
    "validate_comments",
    "write_result",
]
