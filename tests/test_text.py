"""Term flags: pyarrow's matching gives the answers of Python's own regular expressions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from botwatch.text import _PATTERNS, count_terms, normalize_series, term_flags


def test_term_flags_agree_with_python_regular_expressions(world):
    texts = pd.concat(
        [
            world.comments["text"],
            pd.Series(["так держать", "ТАК ДЕРЖАТЬ!!!", "why\u00a0not", "позор акимату", "", None]),
        ],
        ignore_index=True,
    )
    norm = normalize_series(texts)
    flags = term_flags(norm)
    for kind, pattern in _PATTERNS.items():
        expected = np.array([bool(pattern.search(t)) for t in norm], dtype=bool)
        np.testing.assert_array_equal(flags[kind].to_numpy(), expected)
        assert expected.any()  # every kind is present, so agreement is not vacuous
        np.testing.assert_array_equal(count_terms(norm, kind).to_numpy(), expected)
    assert flags.index.equals(norm.index)


def test_term_flags_name_the_unknown_kind():
    with pytest.raises(ValueError, match="unknown kind"):
        term_flags(pd.Series(["x"]), ("praise", "sarcasm"))
    assert term_flags(pd.Series([], dtype=object)).shape == (0, 3)
