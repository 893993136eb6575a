"""Per-account features computed from the comment table, the account table and the account graph."""

from __future__ import annotations

from botwatch.features._account import (
    FEATURE_GROUPS,
    FEATURES,
    PRIOR_COMMENTS,
    WEIGHED_SHARES,
    account_features,
)

__all__ = ["FEATURES", "FEATURE_GROUPS", "PRIOR_COMMENTS", "WEIGHED_SHARES", "account_features"]
