"""Text normalisation and stance vocabulary for Kazakh (both scripts), Russian and English.

Used by the feature and graph stages: ``normalize`` makes near-copies comparable (case, emoji,
punctuation, look-alike letters mixed into one word); the vocabularies mark praise, attacks on other
commenters and complaints. The vocabularies are written for real comment sections, independently of
the simulator's phrases.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from botwatch._engine import Engine, as_engine, engine_chunks

__all__ = [
    "ATTACK_TERMS",
    "COMPLAINT_TERMS",
    "NORMALIZE_CHUNK",
    "PRAISE_TERMS",
    "TextCodes",
    "comparison_keys",
    "count_terms",
    "distinct_term_flags",
    "is_emoji_only",
    "normalize",
    "normalize_codes",
    "normalize_series",
    "single_spaced",
    "term_flags",
    "word_counts",
]

# Latin letters that look like Cyrillic ones; folded only inside words that mix both scripts, so
# Kazakh written in Latin script stays as it is.
_LOOKALIKE = str.maketrans(
    {
        "a": "а",
        "c": "с",
        "e": "е",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у",
        "k": "к",
        "m": "м",
        "t": "т",
        "h": "н",
        "b": "в",
        "i": "і",
    }
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # a regex: str.translate is 15x slower
_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[a-z]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")  # punctuation, emoji, digits and underscores in one pass
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
# VK mentions, also with hashed ids as research dumps carry them: [id123|Name], [id9f3a...|Name].
_MENTION = re.compile(r"\[(?:id|club|public)[0-9a-f]+\|[^\]]*\]|@\w+")


def normalize(text: str) -> str:
    """Reduce a comment to the words that make it, for comparing near-copies.

    Lower-cases, removes links, mentions, emoji, punctuation, digits and zero-width characters, and
    folds Latin look-alike letters inside words that are otherwise Cyrillic.

    Examples
    --------
    >>> normalize("Спасибо акимату!!! 👍👍")
    'спасибо акимату'
    >>> normalize("Cпacибо   АКИМАТУ")  # Latin C and a mixed into Cyrillic words
    'спасибо акимату'
    >>> normalize("Rahmet ákimge!")  # Kazakh in Latin script is left alone
    'rahmet ákimge'
    """
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text)).casefold()
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "[" in text or "@" in text:
        text = _MENTION.sub(" ", text)
    text = _NOT_LETTERS.sub(" ", text)
    if _CYR.search(text) and _LAT.search(text):  # only then can a word mix the two scripts
        text = " ".join(
            w.translate(_LOOKALIKE) if _CYR.search(w) and _LAT.search(w) else w for w in text.split()
        )
    return " ".join(text.split())


NORMALIZE_CHUNK = 50_000
"""Distinct texts normalised in one task: a fraction of a second of work, so that sending a chunk
to a Dask worker costs little beside it and the chunks of a large dump spread over the workers."""


@dataclass(frozen=True)
class TextCodes:
    """A comment table's texts as codes into their distinct values, raw and normalised.

    Each stage that reads texts per distinct text takes them from here instead of hashing every
    comment's text again. Codes are those :func:`pandas.factorize` gives (distinct values in order
    of first appearance), missing texts counting as empty.

    Attributes
    ----------
    raw : ndarray of int
        Per comment, its text's code into ``raw_distinct``.
    raw_distinct : pandas.Series
        The distinct texts as written (a pandas string dtype).
    norm : ndarray of int
        Per comment, its normalised text's code into ``norm_distinct``.
    norm_distinct : ndarray of str
        The distinct normalised texts (object dtype).
    """

    raw: np.ndarray
    raw_distinct: pd.Series
    norm: np.ndarray
    norm_distinct: np.ndarray
    _flags: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def term_flags(self, kinds: tuple[str, ...]) -> dict[str, np.ndarray]:
        """:func:`distinct_term_flags` of ``norm_distinct``; each kind is matched once and kept for
        the next stage that asks."""
        todo = tuple(kind for kind in kinds if kind not in self._flags)
        if todo:
            self._flags.update(distinct_term_flags(self.norm_distinct, todo))
        return {kind: self._flags[kind] for kind in kinds}

    def normalized(self, index: pd.Index | None = None) -> pd.Series:
        """The normalised text of each comment (object dtype), on ``index``."""
        values = self.norm_distinct[self.norm] if len(self.norm) else np.zeros(0, dtype=object)
        return pd.Series(values, index=index, dtype=object)


def normalize_codes(texts: pd.Series, *, engine: Engine | None = None) -> TextCodes:
    """:func:`normalize_series` as codes: each distinct text is normalised once and kept once.

    Parameters and engine as for :func:`normalize_series`.

    Examples
    --------
    >>> t = normalize_codes(pd.Series(["Молодцы!", "молодцы", None, "Молодцы!"]))
    >>> t.norm.tolist(), t.norm_distinct.tolist()
    ([0, 0, 1, 0], ['молодцы', ''])
    """
    # Factorised as stored (Arrow strings stay Arrow strings): only the distinct texts become
    # Python strings, instead of one per comment.
    if not isinstance(texts.dtype, pd.StringDtype):
        texts = texts.astype("string")
    codes, uniques = pd.factorize(texts.fillna(""))
    distinct = np.asarray(uniques, dtype=object)
    run = as_engine(engine)
    parts = run.map_chunks(_normalize_chunk, engine_chunks(run, distinct, NORMALIZE_CHUNK))
    normalized = np.concatenate(parts) if parts else np.zeros(0, dtype=object)
    # The raw texts' distinct values come in order of first appearance, so the first raw text of
    # each normal form is that form's first appearance: factorising the normal forms of the
    # distinct texts gives the codes factorising every comment's normal form would.
    to_norm, norm_distinct = pd.factorize(normalized)
    norm = to_norm[codes] if len(codes) else np.zeros(0, dtype=np.intp)
    return TextCodes(
        raw=codes,
        raw_distinct=pd.Series(uniques, dtype=texts.dtype),
        norm=norm,
        norm_distinct=np.asarray(norm_distinct, dtype=object),
    )


def comparison_keys(text: pd.Series, normalized: pd.Series | np.ndarray) -> pd.Series:
    """What makes two texts the same: the normalised form, or the text as written (stripped) where
    it normalises to nothing (emoji, a bare link); "" for an empty text.

    Examples
    --------
    >>> comparison_keys(pd.Series(["Рахмет!", "👍", " "]), np.array(["рахмет", "", ""])).tolist()
    ['n:рахмет', 'x:👍', '']
    """
    raw = text.astype("string").fillna("").str.strip()
    norm = pd.Series(np.asarray(normalized, dtype=object), index=text.index).fillna("")
    return ("n:" + norm).where(norm != "", ("x:" + raw).where(raw != "", "")).astype(object)


def normalize_series(texts: pd.Series, *, engine: Engine | None = None) -> pd.Series:
    """:func:`normalize` over a Series, computing each distinct text once.

    Parameters
    ----------
    texts : pandas.Series
        Texts; missing ones count as empty.
    engine : MemoryEngine or DaskEngine, optional
        Where the distinct texts are normalised, :data:`NORMALIZE_CHUNK` at a time unless the
        engine sets its ``chunk_size`` (in this process when omitted). A text's normal form
        depends on that text alone, so the result is the same on every engine.

    Returns
    -------
    pandas.Series
        The normalised texts (object dtype), on the index of ``texts``.
    """
    return normalize_codes(texts, engine=engine).normalized(texts.index)


def _normalize_chunk(texts: np.ndarray) -> np.ndarray:
    """:func:`normalize` over one chunk of distinct texts (one engine task)."""
    return normalize_many([str(t) for t in texts])


def normalize_many(texts: list[str]) -> np.ndarray:
    """:func:`normalize` of each text, as an object array; the same strings, made faster.

    Unicode forms and case folding run in Python, text by text; removing zero-width characters,
    punctuation and symbols and trimming run in Arrow over all the texts at once, with the
    character classes Python's own regular expressions use (:func:`_arrow_classes`). The few
    texts with a link or a mention, or with Cyrillic and Latin letters both, take the rest of
    :func:`normalize` in Python.

    Examples
    --------
    >>> normalize_many(["Спасибо акимату!!! 👍👍", "Cпacибо   АКИМАТУ", ""]).tolist()
    ['спасибо акимату', 'спасибо акимату', '']
    """
    folded = [unicodedata.normalize("NFKC", t).casefold() for t in texts]
    try:
        arrow = pa.array(folded, type=pa.large_string())
    except (pa.ArrowException, UnicodeError):  # lone surrogates: no UTF-8 form
        return np.array([normalize(t) for t in texts], dtype=object)
    zero_width, not_letters = _arrow_classes()
    has_zero_width = _matches(arrow, zero_width)
    if has_zero_width.any():
        for i in np.flatnonzero(has_zero_width).tolist():
            folded[i] = _ZERO_WIDTH.sub("", folded[i])
        arrow = pa.array(folded, type=pa.large_string())
    out = np.empty(len(texts), dtype=object)
    # Links and mentions: the whole of normalize, in Python, for the texts that may hold one.
    special = _matches(arrow, r"http|www\.|\[|@")
    for i in np.flatnonzero(special).tolist():
        out[i] = normalize(texts[i])
    words = pc.utf8_trim(pc.replace_substring_regex(arrow, not_letters, " "), " ")
    mixed = _matches(words, "[\\x{400}-\\x{4ff}]") & _matches(words, "[a-z]") & ~special
    plain = np.flatnonzero(~special)
    out[plain] = words.take(pa.array(plain, type=pa.int64())).to_pylist()
    # Words that mix the two scripts get their look-alike letters folded, as in normalize.
    for i in np.flatnonzero(mixed).tolist():
        out[i] = " ".join(
            w.translate(_LOOKALIKE) if _CYR.search(w) and _LAT.search(w) else w for w in out[i].split()
        )
    return out


def single_spaced(texts: pa.Array) -> pa.Array:
    """Each text's words joined by single spaces, as ``" ".join(text.split())`` gives them.

    Texts already so (nearly all normalised ones) are kept as they are; only the others, with a
    leading, trailing or doubled space or any other whitespace Python counts, go through Python.
    Missing texts stay missing.

    Examples
    --------
    >>> single_spaced(pa.array(["так  держать ", "ok", "a\tb"])).to_pylist()
    ['так держать', 'ok', 'a b']
    """
    irregular = pc.match_substring_regex(texts, _irregular_spacing()).fill_null(False)
    if not pc.any(irregular).as_py():
        return texts
    fixed = [" ".join(t.split()) for t in texts.filter(irregular).to_pylist()]
    return pc.replace_with_mask(texts, irregular, pa.array(fixed, type=texts.type))


def word_counts(normalized: np.ndarray) -> np.ndarray:
    """Words in each normalised text (single-spaced), 0 for an empty or missing one.

    Examples
    --------
    >>> word_counts(np.array(["так держать", "", None, "рахмет"], dtype=object)).tolist()
    [2, 0, 0, 1]
    """
    text = pc.fill_null(pa.array(normalized, type=pa.large_string(), from_pandas=True), "")
    words = pc.count_substring(text, " ").to_numpy() + 1
    return np.where(pc.utf8_length(text).to_numpy() > 0, words, 0).astype(np.int64)


@functools.cache
def _irregular_spacing() -> str:
    """An RE2 pattern for texts that are not single spaced: empty, with a leading, trailing or
    doubled space, or with any other whitespace (every character Python counts as one)."""
    spaces = (c for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != ord(" "))
    return "^$|^ | $|  |[" + "".join(f"\\x{{{c:x}}}" for c in spaces) + "]"


def _matches(arrow: pa.Array, pattern: str) -> np.ndarray:
    """Whether each text holds a match of the RE2 ``pattern``."""
    return pc.match_substring_regex(arrow, pattern).to_numpy(zero_copy_only=False).astype(bool)


@functools.cache
def _arrow_classes() -> tuple[str, str]:
    """Arrow (RE2) patterns for :data:`_ZERO_WIDTH` and :data:`_NOT_LETTERS`, the second built
    from every code point Python's ``[\\W\\d_]`` leaves alone (letters and numerals other than
    decimal digits: ``str.isalnum() and not str.isdecimal()``), so that both match exactly the
    same characters as Python's patterns."""
    kept = [c for c in range(sys.maxunicode + 1) if chr(c).isalnum() and not chr(c).isdecimal()]
    runs = []
    start = prev = kept[0]
    for c in kept[1:]:
        if c != prev + 1:
            runs.append((start, prev))
            start = c
        prev = c
    runs.append((start, prev))
    ranges = "".join(f"\\x{{{a:x}}}" if a == b else f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in runs)
    zero_width = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad") + "]"
    return zero_width, f"[^{ranges}]+"


def is_emoji_only(text: str) -> bool:
    """True for a comment with symbols but no letters or digits (emoji, stickers rendered as text).

    Examples
    --------
    >>> is_emoji_only("👏👏🔥"), is_emoji_only("Молодцы 👏"), is_emoji_only("")
    (True, False, False)
    """
    stripped = text.strip()
    return bool(stripped) and not any(ch.isalnum() for ch in stripped)


# Word stems and phrases, matched against normalised text at word starts.
PRAISE_TERMS: tuple[str, ...] = (
    # Russian
    "спасиб",
    "благодар",
    "молодц",
    "отличн",
    "прекрасн",
    "горд",
    "так держать",
    "браво",
    "умниц",
    "супер",
    "класс",
    "лучш",
    "восхищ",
    "респект",
    "замечательн",
    "великолепн",
    "здорово",
    "красот",
    "ура",
    "поздравля",
    "наконец то сделали",
    "достойн",
    "процветан",
    # Kazakh, Cyrillic
    "рахмет",
    "алғыс",
    "жарайсың",
    "керемет",
    "тамаша",
    "мақтан",
    "құттықта",
    "бәрекелді",
    "риза",
    "алға",
    "жасасын",
    "өркендей",
    "гүлден",
    # Kazakh, Latin (2021 alphabet and common informal spellings)
    "rahmet",
    "rakhmet",
    "alǵys",
    "alghys",
    "jaraısyń",
    "zharaisyn",
    "jaraisyn",
    "keremet",
    "tamasha",
    "maqtan",
    "qutty",
    "rıza",
    "riza",
    "alǵa",
    # English
    "thank",
    "great",
    "well done",
    "proud",
    "excellent",
    "amazing",
    "bravo",
    "keep it up",
    "awesome",
    "wonderful",
    "grateful",
    "good job",
    "love",
)
ATTACK_TERMS: tuple[str, ...] = (
    "провокатор",
    "нытик",
    "ныть",
    "нытьё",
    "лишь бы жаловаться",
    "вечно недовольн",
    "кто вам плат",
    "проплачен",
    "не врите",
    "врёте",
    "врете",
    "хватит ныть",
    "бездельник",
    "клоун",
    "тролль",
    "мешают",
    "сами бы",
    "не слушайте",
    "арандатушы",
    "өтірік",
    "жылай берм",
    "шағымдана берм",
    "тек шағым",
    "тыңдамаңыз",
    "arandatýshy",
    "arandatushy",
    "ótirik",
    "tyńdamań",
    "tek shaǵym",
    "stop complaining",
    "who pays you",
    "provocateur",
    "liar",
    "troll",
    "don t listen",
)
COMPLAINT_TERMS: tuple[str, ...] = (
    "когда",
    "почему",
    "нет ",
    "не работает",
    "жалоб",
    "ямы",
    "обещали",
    "невозможно",
    "ужас",
    "позор",
    "сколько можно",
    "не отвечает",
    "куда смотрит",
    "безобраз",
    "қашан",
    "неге",
    "жоқ",
    "нашар",
    "жөнделмеді",
    "уәде",
    "qashan",
    "nege",
    "joq",
    "nashar",
    "when will",
    "why ",
    "broken",
    "nobody answers",
    "no hot water",
    "terrible",
)


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(t.strip()) for t in terms) + ")")


_PATTERNS = {
    "praise": _pattern(PRAISE_TERMS),
    "attack": _pattern(ATTACK_TERMS),
    "complaint": _pattern(COMPLAINT_TERMS),
}


def count_terms(normalized: pd.Series, kind: str) -> pd.Series:
    """Whether each normalised text contains a term of ``kind`` (praise, attack or complaint).

    Examples
    --------
    >>> s = pd.Series([normalize("Рахмет әкімге!"), normalize("Когда починят дорогу?")])
    >>> count_terms(s, "praise").tolist(), count_terms(s, "complaint").tolist()
    ([True, False], [False, True])
    """
    return term_flags(normalized, (kind,))[kind]


def term_flags(normalized: pd.Series, kinds: tuple[str, ...] = tuple(_PATTERNS)) -> pd.DataFrame:
    """:func:`count_terms` for several kinds at once, one boolean column per kind.

    Each distinct text is matched once per kind, by pyarrow's regular expressions (RE2, in C++;
    ten times faster than Python's ``re`` text by text, with the same answers on normalised texts,
    whose only spaces are single ASCII spaces).

    Examples
    --------
    >>> s = pd.Series([normalize("Так держать, молодцы!"), normalize("Когда починят дорогу?")])
    >>> term_flags(s).to_dict(orient="list")
    {'praise': [True, False], 'attack': [False, False], 'complaint': [False, True]}
    """
    codes, uniques = pd.factorize(normalized.fillna(""))
    flags = distinct_term_flags(np.asarray(uniques, dtype=object), kinds)
    return pd.DataFrame(
        {kind: hits[codes] if len(codes) else np.zeros(0, dtype=bool) for kind, hits in flags.items()},
        index=normalized.index,
    )


def distinct_term_flags(
    distinct: np.ndarray, kinds: tuple[str, ...] = tuple(_PATTERNS)
) -> dict[str, np.ndarray]:
    """:func:`term_flags` of distinct normalised texts, as one boolean array per kind.

    For callers that already hold the texts factorised; anything but a string counts as empty.

    Examples
    --------
    >>> flags = distinct_term_flags(np.array(["так держать молодцы", None], dtype=object))
    >>> flags["praise"].tolist()
    [True, False]
    """
    unknown = [k for k in kinds if k not in _PATTERNS]
    if unknown:
        raise ValueError(f"unknown kind(s) {unknown}; choose from {list(_PATTERNS)}")
    arrow = pa.array([t if isinstance(t, str) else "" for t in distinct], type=pa.string())
    hits = {kind: pc.match_substring_regex(arrow, _PATTERNS[kind].pattern) for kind in kinds}
    return {kind: found.to_numpy(zero_copy_only=False).astype(bool) for kind, found in hits.items()}
