"""Text: what normalisation keeps of a comment, and term flags as Python's own regexes give them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from botwatch import MemoryEngine
from botwatch.text import _PATTERNS, count_terms, normalize_codes, normalize_series, term_flags


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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Спа\u200bсибо аки\u00admату", "спасибо акимату"),  # zero-width space, soft hyphen
        ("\ufeffРахмет\u2060!", "рахмет"),
        ("Cпacибо АКИМАТУ", "спасибо акимату"),  # Latin look-alikes inside Cyrillic words
        ("Rahmet ákimge", "rahmet ákimge"),  # Kazakh in Latin script is kept
        ("Смотрите https://t.me/x и www.gov.kz [id12ab|Асем] @user", "смотрите и"),
        ("STRASSE ß", "strasse ss"),  # case folded, not only lowered
        ("", ""),
    ],
)
def test_normalize_reduces_a_comment_to_its_words(raw, expected):
    from botwatch.text import normalize

    assert normalize(raw) == expected


def test_normalize_series_is_the_same_in_any_chunks():
    # The distinct texts are normalised a chunk at a time (one engine task each); the cut,
    # including chunks of one text, must not change any text or where it lands.
    texts = pd.Series(
        ["Спасибо акимату!!!", None, "Cпacибо АКИМАТУ", "", "Rahmet ákimge", "Спасибо акимату!!!", "ok"] * 3,
        index=np.arange(21)[::-1],
    )
    whole = normalize_series(texts)
    assert whole.tolist()[:7] == [
        "спасибо акимату",
        "",
        "спасибо акимату",
        "",
        "rahmet ákimge",
        "спасибо акимату",
        "ok",
    ]
    for size in (1, 2, 5):
        pd.testing.assert_series_equal(normalize_series(texts, engine=MemoryEngine(chunk_size=size)), whole)
    assert normalize_series(pd.Series([], dtype=object)).empty


def test_normalize_codes_are_the_codes_of_every_comments_text(world):
    # The stages read the texts through these codes instead of factorising each comment's text
    # again: they must be exactly what factorising the comments' raw and normalised texts gives,
    # in the same order, so that nothing downstream can tell the difference.
    texts = pd.concat([world.comments["text"], pd.Series([None, "", "Cпacибо АКИМАТУ", "спасибо акимату!"])])
    texts.index = np.arange(len(texts))[::-1]
    got = normalize_codes(texts)
    normalized = normalize_series(texts)
    norm, norm_distinct = pd.factorize(normalized)
    raw, raw_distinct = pd.factorize(texts.astype("string").fillna(""))
    assert np.array_equal(got.norm, norm) and got.norm_distinct.tolist() == list(norm_distinct)
    assert np.array_equal(got.raw, raw) and got.raw_distinct.tolist() == list(raw_distinct)
    assert len(set(got.norm_distinct)) == len(got.norm_distinct) < len(got.raw_distinct)
    pd.testing.assert_series_equal(got.normalized(texts.index), normalized)
    # Term flags are matched once per distinct normal form, whichever stage asks first.
    flags = got.term_flags(("praise",))["praise"]
    assert flags.sum() > 0 and np.array_equal(flags[got.norm], count_terms(normalized, "praise").to_numpy())
    both = got.term_flags(("attack", "praise"))
    assert both["praise"] is flags and np.array_equal(
        both["attack"][got.norm], count_terms(normalized, "attack")
    )
    empty = normalize_codes(pd.Series([], dtype=object))
    assert len(empty.norm) == len(empty.norm_distinct) == 0 and empty.normalized().empty


def test_normalize_many_gives_normalize_for_every_kind_of_text(world):
    # The Arrow path must give Python's answer for every text: the world's comments and texts that
    # take each Python branch (links, mentions, mixed scripts, zero-width characters), numerals
    # that are not decimal digits, every kind of whitespace, other scripts and lone surrogates.
    from botwatch.text import normalize, normalize_many

    odd = [
        "",
        " \t\n ",
        "  Алматы  ",
        "x\u200by\u00adz",
        "e\u200b\u0301",
        "http://t.co/x Жарайсыз",
        "[id12|Name] рахмет",
        "@user так держать",
        "Сaп АКИМ sаlem",
        "ǅ Ǆ ß ﬁ ΣΑΣ İ K Å",
        "١٢٣ abc ² ½ Ⅷ a_b",
        "a\u3000b\u2028c\x1cd\x85e\xa0f",
        "😀 ✌️ 👍🏽",
        "中文 العربية עברית",
    ]
    texts = [str(t) for t in world.comments["text"].dropna().unique()] + odd
    assert normalize_many(texts).tolist() == [normalize(t) for t in texts]
    assert normalize_many(["a\ud800b", "ok"]).tolist() == [normalize("a\ud800b"), "ok"]
    assert normalize_many([]).tolist() == []


def test_single_spaced_gives_python_split_and_join_for_every_kind_of_space():
    import pyarrow as pa

    from botwatch.text import single_spaced

    texts = ["", " ", "a", "  a  b ", "a\tb\nc", "x\x1cy\x85z", "a\u00a0b\u3000c", "ok so", "Жарайсыз"]
    assert single_spaced(pa.array(texts)).to_pylist() == [" ".join(t.split()) for t in texts]
    assert single_spaced(pa.array(["a b", None])).to_pylist() == ["a b", None]
