"""The user's text comes out as the source gave it, and nothing in the outputs runs or breaks:
no spreadsheet formula, no forged CSV row, no invalid XML, no reordered report text."""

from __future__ import annotations

import csv
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from botwatch import score
from botwatch.io import read_dump, write_csv, write_result
from botwatch.io._write import _defuse, csv_chunks
from botwatch.text import normalize

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
PLAIN = [
    "Рахмет әкімге, жол жақсы болды!",
    "Когда дойдёт очередь до нашей улицы?",
    "Спасибо акимату за новые дороги!",
]
# A family and a worker joined by zero-width joiners, a heart with its variation selector, an
# Arabic word between right-to-left marks, and an accent composed (NFC).
TRICKY = "Когда 👨\u200d👩\u200d👧\u200d👦 и 👷\u200d♂\ufe0f \u2764\ufe0f \u200fشكرا\u200f café?"
COMMENT_FILES = sorted(p.name for p in FIXTURES.iterdir() if p.name != "telethon_users.jsonl")


def _plant(name: str, tmp_path: Path, text: str) -> Path:
    """A copy of a fixture (and its companions) with one of its comment texts replaced."""
    for p in FIXTURES.iterdir():
        shutil.copy(p, tmp_path / p.name)
    path = tmp_path / name
    raw = path.read_text(encoding="utf-8")
    mojibake = name == "meta_comments.json"  # Meta writes UTF-8 bytes as Latin-1 characters
    for plain in PLAIN:
        old = plain.encode().decode("latin-1") if mojibake else plain
        if old in raw:
            new = text.encode().decode("latin-1") if mojibake else text
            path.write_text(raw.replace(old, new), encoding="utf-8")
            return path
    raise AssertionError(f"{name} holds none of the fixture texts")


@pytest.mark.parametrize("name", COMMENT_FILES)
def test_every_reader_keeps_joiners_selectors_marks_and_accents(name, tmp_path):
    path = _plant(name, tmp_path, TRICKY)
    texts = set(read_dump(path).comments.table["text"])
    assert TRICKY in texts


def test_text_is_composed_to_nfc_and_compared_without_invisible_characters(tmp_path):
    decomposed = "Когда cafe\u0301 \u200bоткроют?"
    path = _plant("vid01.jsonl", tmp_path, decomposed)
    texts = set(read_dump(path).comments.table["text"])
    assert "Когда café \u200bоткроют?" in texts
    assert normalize("Когда café \u200bоткроют?") == normalize("когда café откроют")


def test_csv_cells_cannot_run_as_formulas_or_forge_rows(tmp_path):
    table = pd.DataFrame(
        {
            "handle": ['=HYPERLINK("http://x","y")', "@SUM(1+1)", "+7 701", "-1", "\tx", "ok"],
            "text": ["a\rforged,row,1", 'say "hi"', "two\nlines", "plain", "=1", "\r=2"],
            "n": [1, -2, 3, 4, 5, 6],
        }
    )
    path = write_csv(table, tmp_path / "t.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 7
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x","y")',
        "'@SUM(1+1)",
        "'+7 701",
        "'-1",
        "'\tx",
        "ok",
    ]
    assert [r[1] for r in rows[1:]] == ["a\rforged,row,1", 'say "hi"', "two\nlines", "plain", "'=1", "'\r=2"]
    assert [r[2] for r in rows[1:]] == ["1", "-2", "3", "4", "5", "6"]  # numbers stay numbers
    raw = write_csv(table, tmp_path / "raw.csv", raw=True)
    assert pd.read_csv(raw, keep_default_na=False)["handle"].tolist() == table["handle"].tolist()


def _hostile_dump() -> pd.DataFrame:
    """A crew of four with hostile ids and handles, meeting within seconds under 30 posts, and a
    crowd of 200 people commenting on two posts each at their own time."""
    t0 = pd.Timestamp("2025-03-03 06:00", tz="UTC")
    handles = ["=cmd|' /C calc'!A0", "ctl\x01x\x0bname", "evil\u202eexe.txt", "@plain"]
    rows = []
    for post in range(30):
        at = t0 + pd.Timedelta(hours=post)
        for k in range(4):
            text = '=HYPERLINK("http://x","see")' if k == 0 else "\u202eмолодцы так держать всегда"
            rows.append((f"p{post}", f"a{k}\x02", handles[k], at + pd.Timedelta(seconds=20 * k), text))
        for j in range(2):
            person = (post * 7 + j * 101) % 200
            rows.append(
                (
                    f"p{post}",
                    f"u{person}",
                    f"user {person}",
                    at + pd.Timedelta(hours=1 + j * 3),
                    f"вопрос {post} {j}",
                )
            )
    return pd.DataFrame(
        {
            "platform": "vk",
            "page_id": "@page",
            "post_id": [r[0] for r in rows],
            "post_created_at": [t0 + pd.Timedelta(hours=int(r[0][1:])) for r in rows],
            "comment_id": [str(i) for i in range(len(rows))],
            "account_id": [r[1] for r in rows],
            "account_handle": [r[2] for r in rows],
            "created_at": [r[3] for r in rows],
            "text": [r[4] for r in rows],
        }
    )


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    result = score(_hostile_dump())
    write_result(result, out, plots=False)
    return out


def test_written_tables_start_no_cell_with_a_formula_character(hostile_outputs):
    for path in hostile_outputs.glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (path.name, cell)
                    if cell.startswith("-"):
                        float(cell)  # only numbers may start with a minus


def test_graph_files_are_well_formed_xml_and_read_back(hostile_outputs):
    for name in ("graph.gexf", "graph.graphml"):
        ET.parse(hostile_outputs / name)  # strict: raises on characters XML forbids
    graph = nx.read_graphml(hostile_outputs / "graph.graphml")
    assert "a1\\x02" in graph.nodes
    assert graph.nodes["a1\\x02"]["handle"] == "ctl\\x01x\\x0bname"
    assert len(nx.read_gexf(hostile_outputs / "graph.gexf")) == len(graph)


def test_report_isolates_bidirectional_text(hostile_outputs):
    html = (hostile_outputs / "report.html").read_text(encoding="utf-8")
    assert "<bdi>evil\u202eexe.txt</bdi>" in html
    assert "\u202e" not in re.sub(r"<bdi>.*?</bdi>", "", html, flags=re.S)
    assert "<script" not in html.lower()


@pytest.mark.parametrize("name", ["cut.jsonl", "cut.json"])
def test_half_a_character_in_json_is_read_as_a_replacement_character(name, tmp_path, caplog):
    record = (
        '{"comment_id": "1", "account_id": "a", "created_at": "2024-05-01T10:00:00Z", '
        '"text": "cut \\ud83d here, whole \\ud83d\\ude00, lone \\udc00"}'
    )
    path = tmp_path / name
    path.write_text(f"[{record}]" if name.endswith(".json") else record + "\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        dump = read_dump(path)
    table, rejected = dump.comments.table, dump.comments.rejected
    assert table["text"].tolist() == ["cut \ufffd here, whole \U0001f600, lone \ufffd"]
    assert "2 unpaired surrogate escape(s)" in caplog.text and name in caplog.text
    assert caplog.text.count("U+FFFD") == 1  # said once, though two readers looked at the file
    assert rejected[["record", "action"]].values.tolist() == [["line 1", "field repaired"]]


# -- encodings ----------------------------------------------------------------------------------

_HEADER = "comment_id,account_id,post_id,created_at,text\n"
_ROWS = [f"c{k},a{k},p1,2024-03-01T10:0{k}:00Z,Алматы әкімдігі {k}\n" for k in range(5)]


def _read(path: Path, **kw):
    dump = read_dump(path, platform="vk", **kw)
    return dump.comments.table.set_index("comment_id"), dump.comments.rejected


def test_one_stray_byte_repairs_its_line_and_keeps_the_rest_utf8(tmp_path):
    path = tmp_path / "stray.csv"
    lines = [r.encode() for r in _ROWS]
    lines[2] = lines[2].replace(b" 2", b" 2\xff")
    path.write_bytes(_HEADER.encode() + b"".join(lines))
    table, rejected = _read(path)
    assert table.loc["c0", "text"] == "Алматы әкімдігі 0"  # not garbled as cp1251
    assert table.loc["c2", "text"] == "Алматы әкімдігі 2\ufffd"
    repaired = rejected[rejected["action"] == "field repaired"]
    assert list(repaired["record"]) == ["line 4"] and "utf-8" in repaired["reason"].iloc[0]
    assert len(table) == 5


def test_cp1251_with_a_byte_it_lacks_is_read_and_repaired(tmp_path):
    path = tmp_path / "excel.csv"
    body = (_HEADER + "".join(_ROWS).replace("әкімдігі", "акимат")).encode("cp1251")
    path.write_bytes(body.replace(b"1\n", b"1\x98\n", 1))
    table, rejected = _read(path)
    assert table.loc["c0", "text"] == "Алматы акимат 0"
    assert table.loc["c1", "text"] == "Алматы акимат 1\ufffd"
    assert list(rejected.loc[rejected["action"] == "field repaired", "record"]) == ["line 3"]


def test_the_encoding_given_is_honoured(tmp_path):
    path = tmp_path / "given.csv"
    path.write_bytes(_HEADER.encode() + "".join(_ROWS).encode() + b"c9,a9,p1,2024-03-01T11:00:00Z,\x98\xc0\n")
    table, rejected = _read(path, encoding="utf-8")
    assert table.loc["c9", "text"] == "\ufffd\ufffd" and table.loc["c3", "text"] == "Алматы әкімдігі 3"
    assert (rejected["action"] == "field repaired").sum() == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_wide_unicode_with_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "wide.csv"
    text = _HEADER + "".join(_ROWS) + "c9,a9,p1,2024-03-01T11:00:00Z,👨‍👩‍👧\n"
    bom = "\ufeff" if encoding.endswith("-be") else ""  # the plain codecs write their own mark
    path.write_bytes((bom + text).encode(encoding))
    table, rejected = _read(path)
    assert table.loc["c4", "text"] == "Алматы әкімдігі 4" and table.loc["c9", "text"] == "👨‍👩‍👧"
    assert rejected.empty


def test_a_dump_format_lists_its_repaired_lines(tmp_path, caplog):
    src = FIXTURES / "telethon_messages.jsonl"
    raw = src.read_bytes().split(b"\n")
    raw[0] = raw[0].replace(b'"message": "', b'"message": "\xff', 1)
    path = tmp_path / "telethon_messages.jsonl"
    path.write_bytes(b"\n".join(raw))
    with caplog.at_level("WARNING"):
        dump = read_dump(path)
    assert caplog.text.count("repaired") == 1
    assert dump.source_format == "telethon_jsonl"
    repaired = dump.comments.rejected[dump.comments.rejected["action"] == "field repaired"]
    assert list(repaired["record"]) == ["line 1"]
    assert dump.comments.table["text"].str.startswith("\ufffd").sum() == 1


def test_a_single_nul_does_not_refuse_the_file(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(_HEADER.encode() + "".join(_ROWS).encode().replace(b" 3", b" 3\x00"))
    table, _ = _read(path)
    assert len(table) == 5 and table.loc["c0", "text"] == "Алматы әкімдігі 0"


def test_the_command_line_honours_the_encoding(tmp_path):
    from botwatch.cli import main

    path = tmp_path / "koi8.csv"
    path.write_bytes((_HEADER + "".join(_ROWS).replace("әкімдігі", "акимат")).encode("koi8-r"))
    out = tmp_path / "comments.csv"
    assert main(["convert", str(path), "--platform", "vk", "--encoding", "koi8-r", "--out", str(out)]) == 0
    text = pd.read_csv(out)["text"]
    assert text.iloc[0] == "Алматы акимат 0"


def test_wide_text_without_a_mark_is_refused_with_a_hint_and_read_when_named(tmp_path):
    from botwatch.errors import InputError

    path = tmp_path / "wide.csv"
    path.write_bytes((_HEADER + "".join(_ROWS)).encode("utf-16-le"))
    with pytest.raises(InputError, match="--encoding"):
        read_dump(path, platform="vk")
    table, _ = _read(path, encoding="utf-16-le")
    assert table.loc["c1", "text"] == "Алматы әкімдігі 1"


@pytest.mark.parametrize("tz", ["UTC", "Asia/Almaty", "Europe/Moscow", "America/New_York", "Africa/Monrovia"])
def test_times_are_written_as_isoformat_writes_them(tz, tmp_path):
    # Whole seconds, fractions, historical offsets with seconds and missing times, in one column.
    import numpy as np

    rng = np.random.default_rng(1)
    ns = rng.integers(pd.Timestamp("1700-01-01").value, pd.Timestamp("2200-01-01").value, 3000)
    ns[::3] = ns[::3] // 10**9 * 10**9
    times = pd.Series(pd.to_datetime(ns, utc=True)).dt.tz_convert(tz)
    times[::17] = pd.NaT
    path = write_csv(pd.DataFrame({"t": times}), tmp_path / "t.csv")
    got = pd.read_csv(path, dtype=str, keep_default_na=False)["t"].tolist()
    assert got == ["" if pd.isna(t) else t.isoformat() for t in times]


_CELL_TEXT = st.text(alphabet=st.sampled_from(list("ab ,\"\r\n'=мә🇰🇿\u200b\t")), max_size=6)


@st.composite
def _tables(draw):
    n = draw(st.integers(0, 7))
    floats = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.sampled_from(
        [1e16, 1e-5, 0.1, -0.0]
    )
    kinds = {
        "float": st.lists(floats, min_size=n, max_size=n),
        "int": st.lists(st.integers(-(2**62), 2**62), min_size=n, max_size=n),
        "bool": st.lists(st.booleans(), min_size=n, max_size=n),
        "text": st.lists(st.none() | _CELL_TEXT, min_size=n, max_size=n),
        "mixed": st.lists(
            st.none() | _CELL_TEXT | st.integers(-5, 5) | floats | st.booleans(), min_size=n, max_size=n
        ),
    }
    dtypes = {
        "text": ["object", "string", "str", "category"],
        "int": ["int64", "Int64"],
        "float": ["float64", "float32"],
    }
    columns = draw(st.lists(st.sampled_from(sorted(kinds)), min_size=1, max_size=4))
    table = {}
    for i, kind in enumerate(columns):
        values = pd.Series(draw(kinds[kind]), dtype=object)
        dtype = draw(st.sampled_from(dtypes.get(kind, ["object"])))
        if kind == "int" and dtype == "Int64":
            values[draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=2)) if n else []] = None
        table[draw(_CELL_TEXT) + str(i)] = values.astype(bool if kind == "bool" else dtype)
    return pd.DataFrame(table)


@pytest.mark.filterwarnings("ignore:overflow encountered in cast:RuntimeWarning")
@settings(max_examples=300, deadline=None)
@given(_tables(), st.integers(1, 3), st.booleans())
def test_csv_chunks_write_what_pandas_writes(table, chunk_rows, with_times):
    # The chunked Arrow writer formats and quotes every cell as pandas and the csv module do;
    # a table with naive times is written by pandas itself. Defused, every text column is as
    # the pandas-side defusing makes it.
    if with_times:
        table["when"] = pd.Timestamp("2025-01-01") + pd.to_timedelta(range(len(table)), unit="h")
    expected = table.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
    assert b"".join(csv_chunks(table, chunk_rows=chunk_rows)) == expected
    texts = [
        c for c in table.columns if table[c].dtype == object or not pd.api.types.is_numeric_dtype(table[c])
    ]
    defused = table.assign(**{c: _defuse(table[c]) for c in texts if c != "when"})
    expected = defused.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
    assert b"".join(csv_chunks(table, chunk_rows=chunk_rows, defuse=True)) == expected


def test_a_lone_empty_header_and_cell_are_quoted_as_pandas_quotes_them():
    table = pd.DataFrame({"": ["a", "", None]})
    assert b"".join(csv_chunks(table)) == table.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".csv.bz2", ".csv.xz", ".csv.zip"])
def test_write_csv_compresses_by_suffix_as_pandas_does(suffix, tmp_path):
    table = pd.DataFrame({"handle": ["=1+1", "ok, fine", 'say "hi"'], "n": [1, 2, 3], "x": [0.5, None, 1e-5]})
    path = write_csv(table, tmp_path / f"t{suffix}")
    back = pd.read_csv(path, keep_default_na=False, dtype=str)
    assert back["handle"].tolist() == ["'=1+1", "ok, fine", 'say "hi"']
    assert back["n"].tolist() == ["1", "2", "3"] and back["x"].tolist() == ["0.5", "", "1e-05"]
