"""Dump readers: the project's own fixtures (always), the shared real and reconstructed samples
(where ../shared is beside the checkout), mutated input, and the canonical round trip."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from botwatch.cli import main
from botwatch.errors import InputError
from botwatch.io import FORMATS, read_dump
from tests.conftest import SHARED_FORMATS
from tests.test_schema import COUNT_VALUES, NOT_EPOCH, OUTSIDE, TIME_VALUES, TOO_LARGE, TYPED_ROWS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
UTC = "UTC"


def _ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=UTC)


# file -> (format, comments, reasons of rejected rows, {comment_id: (post_id, parent_id)})
OWN = {
    "tdesktop_result.json": (
        "tdesktop_json",
        4,
        ["service message (not a comment)"],
        {"11": ("10", None), "14": ("10", "13")},
    ),
    "telethon_messages.jsonl": (
        "telethon_jsonl",
        4,
        ["not valid JSON (Expecting value at column 24)"],
        {"12": ("10", None), "14": ("10", "13")},
    ),
    "2024-05-01_10-00-00_UTC_comments.json": (
        "instaloader",
        4,
        ["comment is not a JSON object"],
        {"17900000000000009": ("2024-05-01_10-00-00_UTC", "17900000000000001")},
    ),
    "vk_getComments.json": (
        "vk_api",
        4,
        ["deleted comment (no author or text left)"],
        {"309": ("30", "301"), "302": ("30", None)},
    ),
    "yt_commentThreads.json": ("youtube_api", 4, [], {"T0.R1": ("vid01", "T0")}),
    "vid01.jsonl": ("youtube_comment_downloader", 4, [], {"C0.R1": ("vid01", "C0")}),
    "twarc2_page.jsonl": (
        "twarc2_jsonl",
        3,
        ["API error line"],
        {"1800000000000000002": ("1800000000000000000", None)},
    ),
    "4cat_telegram.csv": ("4cat_csv", 4, [], {"grp-14": ("grp-10", "grp-13")}),
    "facebook_scraper.json": ("facebook_scraper_json", 3, ["missing account_id"], {"9001": ("777", None)}),
    "facebook_scraper.csv": ("facebook_scraper_csv", 3, ["missing account_id"], {"9002": ("777", None)}),
    "telethon_users.jsonl": ("telethon_users_jsonl", 0, ["not a Telethon User record"], {}),
    "apify_instagram.json": (
        "apify_instagram",
        4,
        [],
        {"18100000000000009": ("ABCdef", "18100000000000001")},
    ),
    "apify_facebook.json": ("apify_facebook", 4, [], {"9009": ("777", "9000")}),
    "twarc2_flat.jsonl": ("twarc2_flat_jsonl", 3, [], {"1800000000000000003": ("1800000000000000000", None)}),
    "twarc2.csv": ("twarc2_csv", 3, [], {"1800000000000000001": ("1800000000000000000", None)}),
    "snscrape.jsonl": ("snscrape_jsonl", 3, [], {"1800000000000000002": ("1800000000000000000", None)}),
    "ytdt_comments.csv": ("youtube_data_tools_csv", 4, [], {"D0.R": ("vid02", "D0"), "D1": ("vid02", None)}),
    "meta_comments.json": ("meta_export_comments", 2, ["entry has no comment"], {}),
}


@pytest.mark.parametrize("name", sorted(OWN))
def test_own_fixture_reads(name):
    fmt, n, reasons, links = OWN[name]
    dump = read_dump(FIXTURES / name)
    table = dump.comments.table
    assert dump.source_format == fmt
    assert len(table) == n
    assert sorted(dump.comments.rejected["reason"]) == sorted(reasons)
    by_id = table.set_index("comment_id")
    for cid, (post, parent) in links.items():
        assert by_id.loc[cid, "post_id"] == post
        assert (
            pd.isna(by_id.loc[cid, "parent_id"]) if parent is None else by_id.loc[cid, "parent_id"] == parent
        )
    # Ids are strings, times are UTC.
    assert all(isinstance(x, str) for x in table["comment_id"])
    assert str(table["created_at"].dtype) == "datetime64[ns, UTC]"


def test_every_own_fixture_is_covered():
    assert {p.name for p in FIXTURES.iterdir()} == set(OWN)


def test_naive_local_times_follow_the_zone():
    # tdesktop 'date' without 'date_unixtime' is the exporting computer's time: Almaty, UTC+5.
    table = read_dump(FIXTURES / "tdesktop_result.json").comments.table.set_index("comment_id")
    assert table.loc["14", "created_at"] == _ts("2024-05-01 10:09")
    table = read_dump(FIXTURES / "tdesktop_result.json", tz="Europe/Moscow").comments.table
    assert table.set_index("comment_id").loc["14", "created_at"] == _ts("2024-05-01 12:09")


def test_relative_times_keep_their_real_precision():
    table = read_dump(FIXTURES / "vid01.jsonl").comments.table.set_index("comment_id")
    assert table["time_precision_s"].to_dict() == {"C0": 3600, "C1": 86400, "C2": 604800, "C0.R1": 3600}
    assert table.loc["C1", "like_count"] == 1500  # "1.5K"
    assert table.loc["C0.R1", "text"].startswith("\u200b")  # kept as written; comparisons drop it


def test_utc_without_zone_and_mojibake():
    # YouTube Data Tools writes UTC without a zone: it must not be shifted as Almaty time.
    yt = read_dump(FIXTURES / "ytdt_comments.csv").comments.table.set_index("comment_id")
    assert yt.loc["D0", "created_at"] == _ts("2024-05-01 10:01")
    meta = read_dump(FIXTURES / "meta_comments.json").comments.table
    assert set(meta["account_id"]) == {"Әлия Нұрова"}
    assert meta["text"].iloc[0] == "Рахмет әкімге, жол жақсы болды!"


def test_day_only_times_are_marked_as_such():
    table = read_dump(FIXTURES / "facebook_scraper.json").comments.table
    assert set(table["time_precision_s"]) == {86400}


def test_profiles_come_with_the_comments():
    acc = read_dump(FIXTURES / "vk_getComments.json").accounts.table.set_index("account_id")
    assert acc.loc["702", "has_avatar"] == False  # noqa: E712 (VK's default camera picture)
    assert acc.loc["-55", "handle"] == "akimat55"
    x = read_dump(FIXTURES / "twarc2_page.jsonl").accounts.table.set_index("account_id")
    assert x.loc["600", "created_at"] == _ts("2024-04-28")


def test_folder_zip_and_gzip(tmp_path):
    import gzip
    import zipfile

    zpath = tmp_path / "dumps.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for name in OWN:
            zf.write(FIXTURES / name, name)
        zf.writestr("README.txt", "not data")
    gz = tmp_path / "vid01.jsonl.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "vid01.jsonl").read_bytes()))
    dump = read_dump([zpath, gz])
    # The same comments in several files (the gzip copy of the youtube file, one Telegram group
    # exported two ways, one X thread in four tools' shapes) are merged, not doubled.
    keys = pd.concat(
        [
            read_dump(FIXTURES / n).comments.table[["platform", "page_id", "comment_id"]].astype(str)
            for n in OWN
        ]
        + [read_dump(gz).comments.table[["platform", "page_id", "comment_id"]].astype(str)]
    )
    n_distinct = len(keys.drop_duplicates())
    assert len(dump.comments.table) == n_distinct
    reasons = dump.comments.rejected["reason"]
    assert (reasons == "not a data file (skipped)").sum() == 1
    merged = "duplicate comment_id (merged into a row of an earlier file)"
    assert (reasons == merged).sum() == len(keys) - n_distinct
    assert len(set(dump.source_format.split("+"))) == len(OWN)


def test_a_file_that_is_not_the_declared_format(tmp_path):
    with pytest.raises(InputError, match="is not a vk_api file"):
        read_dump(FIXTURES / "vid01.jsonl", fmt="vk_api")
    bad = tmp_path / "cut.json"
    bad.write_text('[{"id": 1, "created_at": 17', encoding="utf-8")
    with pytest.raises(InputError, match=r"cut\.json"):
        read_dump(bad)


def test_anonymised_4cat_is_refused(tmp_path):
    text = (FIXTURES / "4cat_telegram.csv").read_text(encoding="utf-8")
    rows = [line.split(",") for line in text.splitlines()]
    for row in rows[1:]:
        row[3] = "REDACTED"
    path = tmp_path / "anon.csv"
    path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    with pytest.raises(InputError, match="anonymised 4CAT"):
        read_dump(path)


def test_safe_literal_never_runs_code():
    from botwatch.io._facebook_4cat import safe_literal

    with pytest.raises(ValueError):
        safe_literal("__import__('os').getcwd()")


def test_round_trip_through_convert(tmp_path):
    for suffix in (".csv", ".parquet"):
        out = tmp_path / f"comments{suffix}"
        assert main(["convert", str(FIXTURES / "tdesktop_result.json"), "-o", str(out), "-q"]) == 0
        first = read_dump(FIXTURES / "tdesktop_result.json").comments.table
        again = read_dump(out).comments.table
        cols = [
            "platform",
            "page_id",
            "post_id",
            "comment_id",
            "parent_id",
            "account_id",
            "created_at",
            "time_precision_s",
            "text",
            "source_file",
            "source_record",
        ]
        pd.testing.assert_frame_equal(first[cols].astype(str), again[cols].astype(str))
        assert (tmp_path / "rejected.csv").exists()


# Mutated and random input: the only outcomes are rows or a clear botwatch error.
_SEEDS = [(FIXTURES / n).read_bytes() for n in sorted(OWN)]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.sampled_from(_SEEDS),
    cut=st.integers(0, 4000),
    junk=st.binary(max_size=40),
    flip=st.integers(0, 4000),
)
def test_mutated_dumps_give_rows_or_a_clear_error(tmp_path, seed, cut, junk, flip):
    data = bytearray(seed[: max(1, len(seed) - cut % max(1, len(seed)))] + junk)
    if data:
        data[flip % len(data)] = (data[flip % len(data)] + 37) % 256
    path = tmp_path / "mutated.json"
    path.write_bytes(bytes(data))
    try:
        dump = read_dump(path)
    except InputError:
        return
    assert str(dump.comments.table["created_at"].dtype) == "datetime64[ns, UTC]"


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    doc=st.recursive(
        # Out-of-range dates, epochs and counts (tests/test_schema.py) among the leaves.
        st.none() | st.booleans() | st.integers() | st.text(max_size=20) | TIME_VALUES | COUNT_VALUES,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "from_id",
                        "date",
                        "text",
                        "messages",
                        "items",
                        "data",
                        "cid",
                        "owner",
                        "created_at",
                        "answers",
                        "response",
                        "snippet",
                        "_",
                        "date_unixtime",
                        "like_count",
                        "post_created_at",
                        "followers_count",
                    ]
                ),
                inner,
                max_size=6,
            )
        ),
        max_leaves=30,
    )
)
def test_random_json_gives_rows_or_a_clear_error(tmp_path, doc):
    path = tmp_path / "random.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with contextlib.suppress(InputError):
        read_dump(path)


# The shared samples: real files from the tools' own test data and reconstructed ones.
SHARED = {
    "telegram/SYNTHETIC_tdesktop_discussion_group_result.json": ("tdesktop_json", 9, 2),
    "telegram/SYNTHETIC_telethon_messages.jsonl": ("telethon_jsonl", 4, 0),
    "telegram/SYNTHETIC_telethon_users.jsonl": ("telethon_users_jsonl", 0, 0),
    "instagram/SYNTHETIC_instaloader_2024-03-15_07-00-00_UTC_comments.json": ("instaloader", 5, 0),
    "instagram/SYNTHETIC_instaloader_iphone_variant_comments.json": ("instaloader", 1, 0),
    "instagram/SYNTHETIC_apify_instagram_comment_scraper.json": ("apify_instagram", 1, 0),
    "vk/SYNTHETIC_vk_wall_getComments_extended.json": ("vk_api", 6, 1),
    "youtube/ytapi_commentThreads_by_video_paged_1.json": ("youtube_api", 5, 0),
    "youtube/ytapi_comments_by_parent_paged_1.json": ("youtube_api", 2, 0),
    "youtube/SYNTHETIC_youtube_comment_downloader.jsonl": ("youtube_comment_downloader", 4, 0),
    "twitter/twarc2_two_tweets.jsonl": ("twarc2_jsonl", 1, 0),
    "twitter/twarc2_geo_tweets.jsonl": ("twarc2_jsonl", 2, 0),
    "twitter/twarc2_streaming_output_with_error.jsonl": ("twarc2_jsonl", 7, 1),
    "twitter/twarc2_flat.jsonl": ("twarc2_flat_jsonl", 100, 0),
    "twitter/twarc2csv_two_tweets.csv": ("twarc2_csv", 1, 0),
    "twitter/twarc2csv_streaming_output_with_error.csv": ("twarc2_csv", 7, 0),
    "twitter/SYNTHETIC_snscrape_twitter_tweet.jsonl": ("snscrape_jsonl", 1, 0),
    "facebook/SYNTHETIC_facebook_scraper_posts.json": ("facebook_scraper_json", 4, 1),
    "facebook/SYNTHETIC_facebook_scraper_posts.csv": ("facebook_scraper_csv", 4, 1),
    "facebook/SYNTHETIC_apify_facebook_comments_scraper.json": ("apify_facebook", 2, 0),
    "4cat/SYNTHETIC_4cat_telegram_dataset.csv": ("4cat_csv", 3, 0),
}
needs_formats = pytest.mark.skipif(
    not SHARED_FORMATS.is_dir(), reason="../shared/formats is not beside this checkout"
)


@needs_formats
@pytest.mark.parametrize("name", sorted(SHARED))
def test_shared_sample_reads(name):
    fmt, n, n_rejected = SHARED[name]
    dump = read_dump(SHARED_FORMATS / name)
    assert dump.source_format == fmt
    assert len(dump.comments.table) == n
    assert len(dump.comments.rejected) == n_rejected


@needs_formats
def test_shared_tdesktop_threads_and_identities():
    t = read_dump(SHARED_FORMATS / "telegram/SYNTHETIC_tdesktop_discussion_group_result.json")
    c = t.comments.table.set_index("comment_id")
    assert set(c["post_id"]) == {"101"}  # every comment belongs to the channel post's copy
    assert c.loc["107", "parent_id"] == "106" and c.loc["108", "parent_id"] == "106"
    assert pd.isna(c.loc["102", "parent_id"])
    assert c.loc["102", "created_at"] == _ts("2024-03-15 07:00:41")  # date_unixtime, not date
    assert c.loc["102", "like_count"] == 3  # reactions
    assert c.loc["107", "text"] == "@akimat_demo смотрите https://example.kz/roads 🔥"
    assert c.loc["108", "account_id"] == "channel2012345678"  # anonymous admin, signed
    assert c.loc["108", "author_signature"] == "Пресс-служба"
    assert c.loc["106", "account_id"] == "user5550001111"  # deleted account keeps its id
    assert c.loc["110", "media_type"] == "sticker" and c.loc["110", "text"] == ""
    assert sorted(t.comments.rejected["record"]) == ["messages[0]", "messages[11]"]


@needs_formats
def test_shared_instagram_big_ids_and_default_avatars():
    d = read_dump(SHARED_FORMATS / "instagram/SYNTHETIC_instaloader_2024-03-15_07-00-00_UTC_comments.json")
    c = d.comments.table.set_index("comment_id")
    assert "18030000000000003" in c.index  # above 2**53, exact
    assert set(c["post_id"]) == {"2024-03-15_07-00-00_UTC"}
    assert c.loc["17880000000000001", "parent_id"] == "18030000000000001"
    assert set(c["post_created_at"]) == {_ts("2024-03-15 07:00:00")}
    acc = d.accounts.table.set_index("account_id")
    assert acc.loc["61000000003", "has_avatar"] == False  # noqa: E712 (anonymous_profile_pic)


@needs_formats
def test_shared_vk_threads_communities_and_markup():
    d = read_dump(SHARED_FORMATS / "vk/SYNTHETIC_vk_wall_getComments_extended.json")
    c = d.comments.table.set_index("comment_id")
    assert c.loc["2006", "account_id"] == "-123456789" and c.loc["2006", "parent_id"] == "2001"
    assert c.loc["2007", "parent_id"] == "2006"
    assert d.comments.rejected["record"].tolist() == ["items[4]"]


@needs_formats
def test_shared_x_replies_and_broken_line():
    d = read_dump(SHARED_FORMATS / "twitter/twarc2_streaming_output_with_error.jsonl")
    assert d.comments.rejected["reason"].str.startswith("not valid JSON").all()
    s = read_dump(SHARED_FORMATS / "twitter/SYNTHETIC_snscrape_twitter_tweet.jsonl").comments.table
    assert s.loc[0, "post_id"] == "1768543000000000000" and s.loc[0, "page_id"] == "123456789"


@needs_formats
def test_shared_folder_reads_every_format_at_once():
    dump = read_dump(SHARED_FORMATS)
    found = set(dump.source_format.split("+"))
    assert found == {fmt for fmt, _, _ in SHARED.values()}
    assert found <= {f.name for f in FORMATS}


def test_a_message_repeated_in_one_file_is_reported(tmp_path):
    lines = (FIXTURES / "telethon_messages.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join([*lines, lines[0]]) + "\n", encoding="utf-8")
    dump = read_dump(path)
    assert len(dump.comments.table) == 4
    assert "duplicate comment_id (merged into an earlier row)" in set(dump.comments.rejected["reason"])


def test_plain_tables_are_told_apart_by_their_header_alone(monkeypatch, tmp_path):
    # A plain table is recognised from its header line: it is not decoded and parsed a second
    # time just to learn that no dump format claims it, while CSV dump formats still are.
    import botwatch.io._formats as formats

    csv_formats = [f for f in FORMATS if f.kind == "csv"]
    may = formats._may_be_csv_format
    assert not may(b"\xef\xbb\xbfaccount_id,text,created_at\r\na,hi,2024-01-01\n", csv_formats)
    assert may(b"id,thread_id,author,body,timestamp\n1,2,a,hi,0\n", csv_formats)  # 4CAT
    assert may(b'  {"id": 1}\n', csv_formats) and may(b"[{}]", csv_formats)
    assert may(b"account_id,text", csv_formats)  # no whole header line yet: the full check decides
    assert not may(b"id,thread_id,author,body,timestamp\n", [])
    plain = tmp_path / "plain.csv"
    plain.write_text(
        "comment_id,account_id,post_id,text,created_at\nc1,a,p1,привет,2024-03-01T10:00:00Z\n", "utf-8"
    )
    import botwatch.io._tabular as tabular

    decoded: list[str] = []
    real_decode = tabular.decode_bytes
    monkeypatch.setattr(
        tabular,
        "decode_bytes",
        lambda raw, src, enc=None, **kw: decoded.append(src) or real_decode(raw, src, enc, **kw),
    )
    dump = read_dump(plain)
    assert dump.source_format == "tabular" and len(dump.comments.table) == 1
    assert decoded == []
    fourcat = tmp_path / "4cat.csv"
    fourcat.write_text("id,thread_id,author,body,timestamp\n1,2,a,hi,2024-03-01 10:00:00\n", "utf-8")
    assert read_dump(fourcat).source_format == "4cat_csv"
    assert decoded == [str(fourcat)]


# Out-of-range values, archives, compression and nesting: rows or reasons, or one clear error.
def _typed_value_text(value: object) -> str:
    if value is None:
        return ""
    # Control characters would make the file look binary (a clear error of its own).
    return "".join(ch for ch in str(value) if ch.isprintable())


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=TYPED_ROWS, kind=st.sampled_from(["csv", "jsonl"]))
def test_out_of_range_values_in_a_file_give_rows_or_reasons(tmp_path, rows, kind):
    import csv

    names = ["created_at", "post_created_at", "like_count", "time_precision_s"]
    records = [
        {"comment_id": str(i), "account_id": "a", **dict(zip(names, row, strict=True))}
        for i, row in enumerate(rows)
    ]
    path = tmp_path / f"typed.{kind}"
    if kind == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows({k: _typed_value_text(v) for k, v in r.items()} for r in records)
    else:
        clean = [
            {k: _typed_value_text(v) if isinstance(v, str) else v for k, v in r.items()} for r in records
        ]
        path.write_text("\n".join(json.dumps(r) for r in clean) + "\n", encoding="utf-8")
    v = read_dump(path).comments
    left_out = set(v.rejected.loc[v.rejected["action"] == "row left out", "record"])
    assert len(v.table) + len(left_out) == len(rows)
    assert str(v.table["created_at"].dtype) == "datetime64[ns, UTC]"
    assert v.table["created_at"].notna().all()
    allowed = {
        "missing created_at",
        *(OUTSIDE.format(f) for f in names[:2]),
        *(NOT_EPOCH.format(f) for f in names[:2]),
        *(f"{f} is not a date or time botwatch can read" for f in names[:2]),
        *(TOO_LARGE.format(f) for f in names[2:]),
        "like_count must be a whole number >= 0",
        "time_precision_s must be a positive whole number",
    }
    assert set(v.rejected["reason"]) <= allowed


def test_zip_members_are_read_in_memory_and_named_by_the_archive(tmp_path, monkeypatch):
    import tempfile
    import zipfile

    spill = tmp_path / "tmp"
    spill.mkdir()
    monkeypatch.setenv("TMPDIR", str(spill))
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    # 250 characters with dots in them: as a temporary file's suffix, longer than a file name may be.
    member = "export/c." + "x" * 244 + ".csv"
    archive = tmp_path / "dump.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            member,
            "comment_id,account_id,created_at,like_count\n"
            "1,a,2024-05-01T10:00:00Z,3\n"
            "2,b,9999-12-31,1\n"
            "3,c,2024-05-01T10:01:00Z,1e30\n",
        )
        zf.write(FIXTURES / "telethon_messages.jsonl", "tg/telethon_messages.jsonl")
    dump = read_dump(archive)
    rejected = dump.comments.rejected
    name = f"{archive}!{member}"
    assert rejected.loc[rejected["source"] == name, ["record", "field", "reason"]].values.tolist() == [
        [3, "created_at", OUTSIDE.format("created_at")],
        [4, "like_count", TOO_LARGE.format("like_count")],
    ]
    telethon = rejected.loc[rejected["source"] == f"{archive}!tg/telethon_messages.jsonl", "reason"]
    assert telethon.tolist() == ["not valid JSON (Expecting value at column 24)"]
    table = dump.comments.table
    assert table.loc[table["platform"] == "unknown", "comment_id"].tolist() == ["1", "3"]
    assert set(table.loc[table["platform"] == "unknown", "source_file"]) == {name}
    assert list(spill.iterdir()) == []

    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("comments.csv", b"\x00\x01\x02 not a table")
    with pytest.raises(InputError, match=re.escape(f"{broken}!comments.csv: looks like a binary file")):
        read_dump(broken)
    assert list(spill.iterdir()) == []


def test_unpacking_is_limited(tmp_path, monkeypatch, capsys):
    import gzip
    import zipfile

    import botwatch.io._tabular as tabular
    from botwatch.io import read_comments

    text = "comment_id,account_id,created_at,text\n1,a,2024-05-01T10:00:00Z," + "0" * (3 << 20) + "\n"
    gz = tmp_path / "zeros.csv.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    limit = f"{gz}: unpacks to more than 1,048,576 bytes, the limit"
    with pytest.raises(InputError, match=re.escape(limit)):
        read_dump(gz, max_unpacked=1 << 20)
    with pytest.raises(InputError, match=re.escape(limit)):
        read_comments(gz, max_unpacked=1 << 20)
    assert main(["convert", str(gz), "-o", str(tmp_path / "out.csv"), "--max-unpacked", "1M", "-q"]) == 2
    assert limit in capsys.readouterr().err

    # Past a floor (100 MiB by default; 1 MiB here, so that the test stays small), a file that
    # unpacks to far more than its size is refused as a bomb, unless the caller allows it.
    monkeypatch.setattr(tabular, "_BOMB_FLOOR", 1 << 20)
    monkeypatch.setattr(tabular, "_BOMB_RATIO", 100)
    with pytest.raises(InputError, match=re.escape(f"{gz}: unpacks to more than 100 times its")):
        read_dump(gz)
    assert read_dump(gz, max_unpacked=8 << 20).comments.table["text"].str.len().tolist() == [3 << 20]

    # The members of a zip share one allowance: each fits, both together do not.
    archive = tmp_path / "zeros.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.csv", text)
        zf.writestr("b.csv", text)
    with pytest.raises(InputError, match=re.escape(f"{archive}: unpacks to more than 5,242,880 bytes")):
        read_dump(archive, max_unpacked=5 << 20)


def test_parquet_is_held_to_the_same_limits(tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    import botwatch.io._tabular as tabular

    # Parquet compresses and run-length encodes inside the file: one text repeated 200,000 times
    # packs into a few kilobytes and would unpack to megabytes.
    n = 200_000
    same = pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array(["x" * 40]))
    ids = pa.array([str(i) for i in range(n)])
    table = pa.table({"comment_id": ids, "account_id": same, "created_at": same, "text": same})
    path = tmp_path / "packed.parquet"
    pq.write_table(table, path, compression="zstd")
    with pytest.raises(InputError, match=re.escape(f"{path}: unpacks to more than 1,048,576 bytes")):
        read_dump(path, platform="vk", max_unpacked=1 << 20)
    monkeypatch.setattr(tabular, "_BOMB_FLOOR", 1 << 20)
    monkeypatch.setattr(tabular, "_BOMB_RATIO", 5)
    with pytest.raises(InputError, match="as a decompression bomb does"):
        read_dump(path, platform="vk")


_GOOD_LINE = '{"comment_id": "1", "account_id": "a", "created_at": "2024-05-01T10:00:00Z"}'
_TELETHON_LINE = (FIXTURES / "telethon_messages.jsonl").read_text(encoding="utf-8").splitlines()[0]


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("deep.json", "[" * 100_000, "deep.json"),
        ("deep_object.json", '{"a": ' * 100_000 + "1" + "}" * 100_000, "deep_object.json, record 1"),
        ("pretty.json", '{\n"a": ' * 100_000 + "1" + "}" * 100_000, "pretty.json"),
        ("deep.jsonl", _GOOD_LINE + '\n{"x": ' + "[" * 100_000 + "\n", "deep.jsonl, record 2"),
        ("telethon.jsonl", _TELETHON_LINE + '\n{"x": ' + "[" * 100_000 + "\n", "telethon.jsonl, record 2"),
    ],
)
def test_deeply_nested_json_is_one_clear_error(tmp_path, name, content, where):
    from botwatch.io import read_comments

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    message = f"{tmp_path / where}: JSON nested deeper than botwatch can read (about 1,000 levels)"
    with pytest.raises(InputError, match=re.escape(message)):
        read_dump(path)
    if name not in ("telethon.jsonl", "pretty.json"):  # the plain-table reader too (it reads JSON lines)
        with pytest.raises(InputError, match=re.escape(message)):
            read_comments(path)


@pytest.mark.parametrize(
    ("votes", "reason"),
    [
        ('"1e20K"', TOO_LARGE.format("like_count")),  # columnar reader (votes as text)
        ("99999999999999999999999", TOO_LARGE.format("like_count")),  # record reader (a number)
        ("1e400", "like_count must be a whole number >= 0"),  # infinity
    ],
)
def test_vote_counts_beyond_int64_are_cleared_not_fatal(tmp_path, votes, reason):
    lines = (FIXTURES / "vid01.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["votes"] == "0"
    path = tmp_path / "vid01.jsonl"
    edited = lines[0].replace('"votes": "0"', f'"votes": {votes}')
    path.write_text("\n".join([edited, *lines[1:]]) + "\n", "utf-8")
    v = read_dump(path).comments
    assert v.table.set_index("comment_id")["like_count"].isna().to_dict() == {
        "C0": True,
        "C1": False,
        "C2": False,
        "C0.R1": False,
    }
    assert v.rejected[["record", "field", "reason", "action"]].values.tolist() == [
        [1, "like_count", reason, "field cleared"]
    ]


def test_vk_mentions_read_as_the_names_shown_with_their_ids_kept():
    table = read_dump(FIXTURES / "vk_getComments.json").comments.table.set_index("comment_id")
    assert table.loc["309", "text"] == "Name, рахмет!"
    assert table.loc["309", "mentions"] == "id700"
    assert table.loc["301", "text"] == "Рахмет әкімге, жол жақсы болды!"
    assert pd.isna(table.loc["301", "mentions"])


def test_youtube_pages_saved_together_read_like_one_page(tmp_path):
    page = json.loads((FIXTURES / "yt_commentThreads.json").read_text(encoding="utf-8"))
    first, second = dict(page), dict(page)
    first["items"], second["items"] = page["items"][:1], page["items"][1:]
    path = tmp_path / "pages.json"
    path.write_text(json.dumps([first, second, "not a page"]), encoding="utf-8")
    pages = read_dump(path)
    one = read_dump(FIXTURES / "yt_commentThreads.json")
    assert pages.source_format == "youtube_api"
    cols = ["comment_id", "parent_id", "post_id", "account_id", "text", "created_at"]
    pd.testing.assert_frame_equal(pages.comments.table[cols], one.comments.table[cols])
    rejected = pages.comments.rejected
    assert list(rejected["record"]) == ["[2]"]
    assert "not a YouTube list response" in rejected["reason"].iloc[0]


def test_x_root_tweets_are_the_posts_and_quotes_belong_to_them(tmp_path):
    def tweet(tid, author, when, conv, refs=()):
        return {
            "id": tid,
            "author_id": author,
            "conversation_id": conv,
            "created_at": f"2024-05-01T{when}:00.000Z",
            "text": f"tweet {tid}",
            "referenced_tweets": [{"type": k, "id": v} for k, v in refs],
        }

    data = [
        tweet("100", "akimat", "05:00", "100"),  # the page's post, answered below
        tweet("101", "u1", "05:03", "100", [("replied_to", "100")]),
        tweet("102", "u2", "05:04", "100", [("replied_to", "101")]),
        tweet("103", "u3", "05:06", "103", [("quoted", "100")]),
        tweet("104", "u1", "05:08", "103", [("replied_to", "103")]),  # an answer to the quote
        tweet("100", "akimat", "05:00", "100"),  # the post again, as pages of a search repeat it
        tweet("200", "u4", "06:00", "200"),  # a tweet nobody answers: a row of a stream
    ]
    path = tmp_path / "conversation.jsonl"
    path.write_text(json.dumps({"data": data, "includes": {}, "__twarc": {}}) + "\n", encoding="utf-8")
    dump = read_dump(path)
    c = dump.comments.table.set_index("comment_id")
    assert sorted(c.index) == ["101", "102", "103", "104", "200"]
    assert c.loc["104", "post_id"] == "103"  # the quote is no post of the page
    assert c.loc[["101", "102", "103"], "post_id"].tolist() == ["100"] * 3
    assert (c.loc[["101", "102", "103"], "page_id"] == "akimat").all()
    assert (c.loc[["101", "102", "103"], "post_created_at"] == _ts("2024-05-01 05:00")).all()
    assert c.loc["102", "parent_id"] == "101" and pd.isna(c.loc["103", "parent_id"])
    assert pd.isna(c.loc["200", "post_id"])
    assert any("read as posts" in n for n in dump.comments.notes)


def _infinite_reactions(name: str, doc_or_lines: object) -> object:
    if name == "telethon_messages.jsonl":
        lines = list(doc_or_lines)  # type: ignore[call-overload]
        first = json.loads(lines[0])
        first["reactions"] = {"results": [{"count": 2}, {"count": float("inf")}]}
        return "\n".join([json.dumps(first), *lines[1:]])
    doc = doc_or_lines
    if name == "vk_getComments.json":
        (doc.get("response") or doc)["items"][0]["likes"] = {"count": float("inf")}  # type: ignore[union-attr]
    else:
        msgs = doc["messages"]  # type: ignore[index]
        next(m for m in msgs if m.get("reply_to_message_id"))["reactions"] = [{"count": float("inf")}]
    return json.dumps(doc)


@pytest.mark.parametrize("name", ["telethon_messages.jsonl", "vk_getComments.json", "tdesktop_result.json"])
def test_an_infinite_reaction_count_clears_the_field_not_the_file(tmp_path, name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    source = text.splitlines() if name.endswith(".jsonl") else json.loads(text)
    path = tmp_path / name
    path.write_text(_infinite_reactions(name, source), encoding="utf-8")  # type: ignore[arg-type]
    dump = read_dump(path)
    n_before = len(read_dump(FIXTURES / name).comments.table)
    assert len(dump.comments.table) == n_before
    cleared = dump.comments.rejected[dump.comments.rejected["action"] == "field cleared"]
    assert cleared["field"].tolist() == ["like_count"]


def test_youtube_replies_listed_apart_take_their_threads_video(tmp_path):
    thread = {
        "kind": "youtube#commentThread",
        "snippet": {
            "videoId": "vid9",
            "channelId": "ch1",
            "topLevelComment": {
                "id": "T1",
                "snippet": {
                    "authorChannelId": {"value": "a1"},
                    "textOriginal": "hi",
                    "publishedAt": "2024-05-01T10:00:00Z",
                },
            },
        },
    }
    reply = {
        "kind": "youtube#comment",
        "id": "T1.R1",
        "snippet": {
            "parentId": "T1",
            "authorChannelId": {"value": "a2"},
            "textOriginal": "yes",
            "publishedAt": "2024-05-01T10:05:00Z",
        },
    }
    pages = [
        {"kind": "youtube#commentListResponse", "items": [reply]},
        {"kind": "youtube#commentThreadListResponse", "items": [thread]},
    ]
    path = tmp_path / "pages.json"
    path.write_text(json.dumps(pages), encoding="utf-8")
    c = read_dump(path).comments.table.set_index("comment_id")
    assert c.loc["T1.R1", "post_id"] == "vid9" and c.loc["T1.R1", "parent_id"] == "T1"
