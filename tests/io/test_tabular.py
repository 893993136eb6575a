"""The tabular reader: formats, encodings, mapping, compression and bad files."""

from __future__ import annotations

import codecs
import gzip
import json

import pandas as pd
import pytest

from botwatch.errors import InputError
from botwatch.io import combine, detect_encoding, read_accounts, read_comments, read_raw

HEADER = "comment_id,account_id,created_at,text,post_id,page_id\n"
ROWS = (
    "1,u1,2024-05-01T10:00:00Z,Спасибо акимату,p1,akimat\n"
    "2,u2,2024-05-01T10:01:00Z,Қашан жөндейсіздер?,p1,akimat\n"
    "3,u3,2024-05-01T10:02:00Z,NA,p1,akimat\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_encodings_are_detected(tmp_path, encoding):
    text = HEADER + ROWS
    if encoding == "cp1251":  # Kazakh letters do not exist in cp1251: Russian only there
        text = text.replace("Қашан жөндейсіздер?", "Когда почините?")
    path = tmp_path / "dump.csv"
    path.write_bytes(text.encode(encoding))
    v = read_comments(path)
    assert len(v.table) == 3
    assert v.table["text"].iloc[0] == "Спасибо акимату"
    assert v.table["comment_id"].tolist() == ["1", "2", "3"]


def test_detect_encoding_prefers_utf8():
    assert detect_encoding("Алматы".encode()) == "utf-8"
    assert detect_encoding(codecs.BOM_UTF8 + b"x") == "utf-8-sig"
    assert detect_encoding("Алматы".encode("cp1251")) == "cp1251"


def test_text_na_is_a_comment_not_a_missing_value(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    assert read_comments(path).table["text"].iloc[2] == "NA"


def test_gzip_and_tsv(tmp_path):
    path = tmp_path / "dump.tsv.gz"
    path.write_bytes(gzip.compress((HEADER + ROWS).replace(",", "\t").encode()))
    v = read_comments(path)
    assert len(v.table) == 3
    assert v.table["page_id"].unique().tolist() == ["akimat"]


def test_mapping_renames_source_columns(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,author,time,body\n10,alice,2024-05-01 15:00:00,hello\n", encoding="utf-8")
    v = read_comments(path, mapping=["comment_id=id", "account_id=author", "created_at=time", "text=body"])
    assert v.table.loc[0, "account_id"] == "alice"
    # A naive time is local to Asia/Almaty (UTC+5 in May 2024) and the zone is reported.
    assert v.table.loc[0, "created_at"] == pd.Timestamp("2024-05-01 10:00", tz="UTC")
    assert v.assumed_tz == "Asia/Almaty"


def test_mapping_pairs_can_share_one_item(tmp_path):
    """``--map a=b,c=d`` is two pairs; a comma inside a source column's name is kept."""
    path = tmp_path / "export.csv"
    path.write_text('id,author,"Time, UTC",body\n10,alice,2024-05-01 15:00:00Z,hello\n', encoding="utf-8")
    v = read_comments(path, mapping=["comment_id=id,account_id=author", "created_at=Time, UTC, text=body"])
    assert v.table.loc[0, "account_id"] == "alice"
    assert v.table.loc[0, "text"] == "hello"
    assert v.table.loc[0, "created_at"] == pd.Timestamp("2024-05-01 15:00", tz="UTC")
    with pytest.raises(InputError, match="canonical=source, got ' account_id='"):
        read_comments(path, mapping=["text=body, account_id="])


def test_mapping_to_a_missing_column_names_it(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,author\n1,a\n", encoding="utf-8")
    with pytest.raises(InputError, match="mapped column 'when' is not in the file"):
        read_comments(path, mapping={"created_at": "when"})


def test_jsonl_keeps_good_lines_and_rejects_broken_ones(tmp_path):
    lines = [
        json.dumps(
            {
                "comment_id": 2**60 + 1,
                "account_id": 5,
                "created_at": 1714557600,
                "text": "ok",
                "user": {"name": "A"},
            }
        ),
        '{"comment_id": 2, "account_id": ',
        json.dumps([1, 2]),
        json.dumps({"comment_id": 3, "account_id": 6, "created_at": 1714557660}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    v = read_comments(path)
    # Ids above 2**53 stay exact; nested objects are flattened with dots.
    assert v.table["comment_id"].tolist() == [str(2**60 + 1), "3"]
    assert v.table["user.name"].iloc[0] == "A"
    bad = v.rejected.set_index("record")
    assert bad.loc[2, "reason"].startswith("not valid JSON")
    assert bad.loc[3, "reason"] == "JSON line is not an object"
    assert set(bad["source"]) == {str(path)}


def test_json_array(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(
        json.dumps([{"comment_id": "1", "account_id": "a", "created_at": "2024-05-01T10:00:00Z"}, "junk"]),
        encoding="utf-8",
    )
    v = read_comments(path)
    assert len(v.table) == 1
    assert v.rejected["reason"].tolist() == ["record is not a JSON object"]


def test_parquet_round_trip(tmp_path):
    pytest.importorskip("pyarrow")
    df = pd.DataFrame(
        {
            "comment_id": ["1", "2"],
            "account_id": ["a", "b"],
            "created_at": pd.to_datetime(["2024-05-01T10:00Z", "2024-05-01T11:00Z"], utc=True),
            "text": ["x", "y"],
        }
    )
    path = tmp_path / "dump.parquet"
    df.to_parquet(path)
    v = read_comments(path)
    assert v.table["created_at"].tolist() == df["created_at"].tolist()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"\x1f\x8b\x08\x00garbage", "damaged or truncated gzip"),
        (b'[{"comment_id": 1,', "not valid JSON"),
    ],
)
def test_unreadable_files_get_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_comments(path)
    assert str(path) in str(exc.value)


def test_missing_file():
    with pytest.raises(InputError, match="file not found"):
        read_raw("/nonexistent/dump.csv")


def test_combine_merges_rows_seen_in_an_earlier_file(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(HEADER + ROWS, encoding="utf-8")
    b.write_text(
        HEADER + ROWS.splitlines(keepends=True)[0] + "9,u9,2024-05-01T11:00:00Z,new,p2,akimat\n",
        encoding="utf-8",
    )
    v = combine([read_comments(a), read_comments(b)])
    assert sorted(v.table["comment_id"]) == ["1", "2", "3", "9"]
    rej = v.rejected.iloc[0]
    assert (rej["source"], str(rej["record"])) == (str(b), "2")


def test_accounts_reader(tmp_path):
    path = tmp_path / "profiles.csv"
    path.write_text("id,followers,avatar\n1,10,true\n2,,false\n", encoding="utf-8")
    v = read_accounts(
        path, mapping={"account_id": "id", "followers_count": "followers", "has_avatar": "avatar"}
    )
    assert v.table["followers_count"].tolist()[0] == 10
    assert pd.isna(v.table["followers_count"].tolist()[1])
    assert v.table["has_avatar"].tolist() == [True, False]


def test_rows_without_ids_can_be_numbered_by_line(tmp_path):
    path = tmp_path / "noid.csv"
    path.write_text("user,date,body\nu1,2024-05-01 10:00:00,a\nu2,2024-05-01 10:05:00,b\n", encoding="utf-8")
    v = read_comments(path, mapping=["comment_id=@line", "account_id=user", "created_at=date", "text=body"])
    assert v.table["comment_id"].tolist() == ["noid.csv:2", "noid.csv:3"]


def test_a_table_of_20000_columns_keeps_a_capped_number_of_them(tmp_path):
    # Columns were inserted one by one (minutes for such a table); now they are joined once, and
    # those beyond the cap are dropped with one note naming the file.
    from botwatch.io import read_dump
    from botwatch.schema import _MAX_EXTRA_COLUMNS, COMMENT_COLUMNS

    n = 20_000
    path = tmp_path / "wide.csv"
    header = ["comment_id", "account_id", "created_at"] + [f"c{i}" for i in range(n)]
    row = ["1", "a", "2024-05-01T10:00:00Z"] + ["x"] * n
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    reason = (
        "19,000 extra columns dropped: botwatch keeps the canonical columns and at most 1,000 others "
        "(the first dropped is 'c1000')"
    )
    for v in (read_comments(path), read_dump(path).comments):
        assert v.rejected[["source", "value", "reason", "action"]].values.tolist() == [
            [str(path), "20,003 columns", reason, "columns dropped"]
        ]
        assert v.notes == [f"{path}: {reason}"]
        extra = [c for c in v.table.columns if c[0] == "c" and c[1:].isdigit()]
        assert extra == [f"c{i}" for i in range(_MAX_EXTRA_COLUMNS)]
        # The canonical columns, the extra ones kept, and source_file and source_record.
        assert v.table.shape == (1, len(COMMENT_COLUMNS) + _MAX_EXTRA_COLUMNS + 2)
        assert v.table.loc[0, "comment_id"] == "1"
