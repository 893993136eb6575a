"""The columnar (pyarrow) fast paths give exactly what the record-by-record readers give."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from botwatch.io import _arrow, _formats, read_comments, read_dump

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "formats"


def _slow_dump(path: Path):
    saved = _formats._columnar_jsonl
    _formats._columnar_jsonl = lambda *args: None
    try:
        return read_dump(path)
    finally:
        _formats._columnar_jsonl = saved


def _slow_comments(path: Path):
    saved_frame, saved_delim = _arrow.jsonl_frame, _arrow.arrow_delimited
    from botwatch.io import _tabular

    _tabular.jsonl_frame = lambda raw: None
    _tabular._arrow_delimited = lambda raw, sep: None
    try:
        return read_comments(path)
    finally:
        _tabular.jsonl_frame, _tabular._arrow_delimited = saved_frame, saved_delim


def _same(fast, slow) -> None:
    a, b = fast.table, slow.table
    canonical = [c for c in b.columns if c in a.columns]
    assert set(a.columns) == set(b.columns)
    for column in canonical:
        left = a[column].astype("object").where(a[column].notna(), None)
        right = b[column].astype("object").where(b[column].notna(), None)
        assert left.astype(str).tolist() == right.astype(str).tolist(), column
    cols = ["source", "record", "field", "value", "reason", "action"]
    assert fast.rejected[cols].astype(str).values.tolist() == slow.rejected[cols].astype(str).values.tolist()
    assert fast.assumed_tz == slow.assumed_tz


def _telethon(msg_id, *, channel=500, user=None, parent=None, top=None, kind="Message", text="x", likes=None):
    record = {
        "_": kind,
        "id": msg_id,
        "peer_id": {"_": "PeerChannel", "channel_id": channel},
        "date": f"2024-05-01T10:{msg_id % 60:02d}:00+00:00",
        "message": text,
        "from_id": None if user is None else {"_": "PeerUser", "user_id": user},
        "reply_to": None
        if parent is None and top is None
        else {"_": "MessageReplyHeader", "reply_to_msg_id": parent, "reply_to_top_id": top},
        "reactions": None
        if likes is None
        else {"_": "MessageReactions", "results": [{"_": "ReactionCount", "count": c} for c in likes]},
    }
    return record


def _write_lines(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_telethon_fast_path_is_taken_and_agrees(tmp_path):
    records = [
        _telethon(10, user=1, parent=1, likes=[2, 3]),
        _telethon(11, user=2, parent=10),  # answers a comment of the file: the chain leads to post 1
        _telethon(12, user=3, parent=10, top=1),
        _telethon(13, user=None, parent=1),  # the channel itself, posting in its group
        _telethon(14, user=4, kind="MessageService"),
        _telethon(10, user=9, parent=1),  # fetched twice
        _telethon(15, user=5, parent=11, text="Рахмет\u2028бәріне"),  # a line separator inside text
        _telethon(16, user=5, parent=99, likes=[]),
    ]
    path = _write_lines(tmp_path / "messages.jsonl", records)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is not None
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    t = fast.comments.table.set_index("comment_id")
    assert t.loc["11", "post_id"] == "1" and t.loc["11", "parent_id"] == "10"
    assert t.loc["15", "post_id"] == "1" and "\u2028" in t.loc["15", "text"]
    assert t.loc["13", "account_id"] == "channel500"
    assert int(t.loc["10", "like_count"]) == 5 and pd.isna(t.loc["16", "like_count"])
    assert sorted(fast.comments.rejected["reason"]) == [
        "MessageService record (not a comment)",
        "duplicate comment_id (merged into an earlier row)",
    ]


_ids = st.integers(min_value=1, max_value=40)


@settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.builds(
            _telethon,
            _ids,
            channel=st.sampled_from([500, 501]),
            user=st.one_of(st.none(), st.integers(1, 5), st.just(2**62)),
            parent=st.one_of(st.none(), _ids),
            top=st.one_of(st.none(), _ids),
            kind=st.sampled_from(["Message", "Message", "MessageService"]),
            text=st.text(max_size=8),
            likes=st.one_of(st.none(), st.lists(st.integers(0, 9), max_size=3)),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_telethon_fast_and_record_readers_agree(tmp_path, records):
    path = _write_lines(tmp_path / "m.jsonl", records)
    _same(read_dump(path).comments, _slow_dump(path).comments)


def test_canonical_jsonl_and_csv_fast_paths_agree(tmp_path):
    rows = [
        {
            "comment_id": 1,
            "account_id": "a",
            "created_at": "2024-05-01 15:00",
            "text": "Алға!",
            "like_count": 1,
        },
        {
            "comment_id": 2,
            "account_id": "7",
            "created_at": "2024-05-01T10:00Z",
            "text": "",
            "like_count": None,
        },
        {"comment_id": 3, "account_id": "b", "created_at": "2024-05-01", "text": "ok", "is_reply": True},
        {"comment_id": 2, "account_id": "c", "created_at": "nonsense", "text": "dup"},
    ]
    jl = _write_lines(tmp_path / "c.jsonl", rows)
    assert _arrow.jsonl_frame(jl.read_bytes()) is not None
    _same(read_comments(jl), _slow_comments(jl))
    csv = tmp_path / "c.csv"
    pd.DataFrame(rows).to_csv(csv, index=False)
    _same(read_comments(csv), _slow_comments(csv))


@pytest.mark.parametrize(
    "lines",
    [
        ['{"comment_id": 1, "account_id": "a", "created_at": "2024-05-01"}', "", '{"comment_id": 2}'],
        ['{"comment_id": 123456789012345678901234, "account_id": "a", "created_at": "2024-05-01"}'],
        ['{"comment_id": 1, "account_id": "a", "created_at": "2024-05-01"}', '{"comment_id": "x"}'],
        ['{"comment_id": 1, "account_id": "a", "created_at": "2024-05-01", "score": 0.5}'],
        ['{"comment_id": 1, "account_id": "a", "created_at": null}', '{"created_at": "2024-05-01 10:00"}'],
        ['{"comment_id": 1, "account_id": "a", "created_at": "2024-05-01", "tags": [1, 2]}'],
    ],
)
def test_unclean_json_lines_go_to_the_record_reader(tmp_path, lines):
    raw = ("\n".join(lines) + "\n").encode()
    assert _arrow.jsonl_frame(raw) is None
    path = tmp_path / "x.jsonl"
    path.write_bytes(raw)
    _same(read_comments(path), _slow_comments(path))


def test_naive_times_stay_naive_on_the_fast_path(tmp_path):
    # pyarrow would read these as timestamps and forget they carry no zone; they must stay local.
    path = _write_lines(
        tmp_path / "n.jsonl",
        [{"comment_id": i, "account_id": "a", "created_at": f"2024-05-01 1{i}:00:00"} for i in range(5)],
    )
    v = read_comments(path)
    assert v.assumed_tz == "Asia/Almaty"
    assert str(v.table["created_at"].iloc[0]) == "2024-05-01 05:00:00+00:00"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.jsonl")))
def test_own_jsonl_fixtures_agree(name):
    path = FIXTURES / name
    _same(read_dump(path).comments, _slow_dump(path).comments)


def _ycd(k, *, reply=False, votes="0", time="2 hours ago", parsed=1710486000.5):
    cid = f"Ugz{k:04d}" + (f".r{k}" if reply else "")
    return {
        "cid": cid,
        "text": f"Рахмет {k}",
        "time": time,
        "author": f"@user{k % 7}",
        "channel": f"UC{k % 7:06d}",
        "votes": votes,
        "replies": "",
        "photo": "https://example.org/p.jpg",
        "heart": False,
        "reply": reply,
        "time_parsed": parsed + k,
    }


def test_ytcd_fast_path_is_taken_and_agrees(tmp_path):
    records = [
        _ycd(1),
        _ycd(2, reply=True, votes="1.2K", time="3 days ago (edited)"),
        _ycd(3, votes="", time="1 year ago"),
        _ycd(4, votes="12", time="just now"),
        _ycd(5, time="5 minutes ago", parsed=1710486000.0),
    ]
    path = _write_lines(tmp_path / "VIDEO123.jsonl", records)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is not None
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    t = fast.comments.table.set_index("comment_id")
    assert t.loc["Ugz0002.r2", "parent_id"] == "Ugz0002" and int(t.loc["Ugz0002.r2", "like_count"]) == 1200
    assert t.loc["Ugz0003", "time_precision_s"] == 31_536_000 and pd.isna(t.loc["Ugz0003", "like_count"])
    assert (t["post_id"] == "VIDEO123").all()


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.builds(
            _ycd,
            st.integers(0, 50),
            reply=st.booleans(),
            votes=st.sampled_from(["0", "7", "1.2K", "3,4 тыс.", "", "x"]),
            time=st.sampled_from(["2 hours ago", "1 week ago (edited)", "now", ""]),
            parsed=st.floats(1.6e9, 1.8e9),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_ytcd_fast_and_record_readers_agree(tmp_path, records):
    path = _write_lines(tmp_path / "vid.jsonl", records)
    _same(read_dump(path).comments, _slow_dump(path).comments)


def _tweet(
    k, *, author=None, conv=None, replied=None, quoted=None, retweeted=None, root_author=None, text="x"
):
    refs = [
        {
            "type": kind,
            "id": str(ref),
            **({"author_id": str(root_author)} if root_author and ref == conv else {}),
        }
        for kind, ref in (("replied_to", replied), ("quoted", quoted), ("retweeted", retweeted))
        if ref is not None
    ]
    record = {
        "id": str(k),
        "author_id": None if author is None else str(author),
        "text": text,
        "created_at": f"2024-05-01T10:{k % 60:02d}:00.000Z",
        "conversation_id": None if conv is None else str(conv),
        "in_reply_to_user_id": "42" if replied is not None else None,
        "public_metrics": {"retweet_count": 0, "reply_count": 0, "like_count": k % 4, "quote_count": 0},
        "lang": "ru",
        "__twarc": {"version": "2.14.0"},
    }
    if refs:
        record["referenced_tweets"] = refs
    if author is not None:
        record["author"] = {
            "id": str(author),
            "username": f"user{author}",
            "name": f"User {author}",
            "created_at": "2020-01-01T00:00:00.000Z",
            "public_metrics": {"followers_count": author, "following_count": 3, "tweet_count": 9},
            "verified": author % 2 == 0,
            "description": "",
        }
    return record


def _same_accounts(fast, slow) -> None:
    assert (fast.accounts is None) == (slow.accounts is None)
    if fast.accounts is not None:
        a, b = fast.accounts.table, slow.accounts.table
        assert a.astype(str).values.tolist() == b.astype(str).values.tolist()


def test_twarc2_flat_fast_path_is_taken_and_agrees(tmp_path):
    records = [
        _tweet(100, author=1, conv=100),  # a post the file answers
        _tweet(101, author=2, conv=100, replied=100, root_author=1),
        _tweet(102, author=3, conv=100, replied=101),  # answers a reply
        _tweet(103, author=4, conv=103, quoted=100),  # a quote of the post belongs to it
        _tweet(104, author=5, conv=104),  # a tweet nobody answers stays a row
        _tweet(105, author=2, conv=105, retweeted=104, text="RT @user5: x"),
        _tweet(106, author=6, conv=200, replied=200),  # the root is not in the file
        _tweet(100, author=1, conv=100),  # the post again
        _tweet(107, conv=100, replied=100),  # no embedded author
    ]
    path = _write_lines(tmp_path / "tweets.jsonl", records)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is not None
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    _same_accounts(fast, slow)
    t = fast.comments.table.set_index("comment_id")
    assert "100" not in t.index
    assert t.loc["102", "post_id"] == "100" and t.loc["102", "parent_id"] == "101"
    assert t.loc["103", "post_id"] == "100" and t.loc["103", "page_id"] == "1"
    assert pd.isna(t.loc["104", "post_id"]) and bool(t.loc["105", "is_retweet"])
    assert t.loc["106", "page_id"] == "42"


def test_twarc2_flat_reads_only_its_fields_and_still_agrees(tmp_path):
    # Fields the reader never uses may hold anything (here a number, then an object, then a list)
    # without sending the file to the record reader.
    records = [_tweet(k, author=k % 3 + 1, conv=100, replied=100) for k in range(100, 106)]
    for k, r in enumerate(records):
        r["entities"] = [7, {"x": 1}, ["y"]][k % 3]
        r["context_annotations"] = [{"domain": {"id": str(k)}}]
    path = _write_lines(tmp_path / "tweets.jsonl", records)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is not None
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    _same_accounts(fast, slow)
    # An embedded author holding none of the fields read, and no id: the record reader keeps it
    # as written, so the file goes to it.
    records[2]["author"] = {"location": "Almaty"}
    path = _write_lines(tmp_path / "tweets.jsonl", records)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is None
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    _same_accounts(fast, slow)


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.builds(
            _tweet,
            st.integers(1, 30),
            author=st.one_of(st.none(), st.integers(1, 6)),
            conv=st.one_of(st.none(), st.integers(1, 30)),
            replied=st.one_of(st.none(), st.integers(1, 30)),
            quoted=st.one_of(st.none(), st.integers(1, 30)),
            retweeted=st.one_of(st.none(), st.integers(1, 30)),
            root_author=st.one_of(st.none(), st.integers(1, 6)),
            text=st.sampled_from(["x", "", "Рахмет әкімге"]),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_twarc2_flat_fast_and_record_readers_agree(tmp_path, records):
    path = _write_lines(tmp_path / "tweets.jsonl", records)
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    _same_accounts(fast, slow)


def _page(tweets, users=(), included=()):
    """A twarc2 API page: tweets without embedded authors, users and referenced tweets apart."""
    data = [{k: v for k, v in t.items() if k not in ("author", "__twarc")} for t in tweets]
    return {
        "data": data,
        "includes": {
            "users": [_tweet(1, author=u)["author"] for u in users],
            "tweets": [{"id": str(i), "author_id": str(a), "text": "root"} for i, a in included],
        },
        "__twarc": {"version": "2.14.0"},
    }


def test_twarc2_page_fast_path_is_taken_and_agrees(tmp_path):
    lines = [
        _page([_tweet(100, author=1, conv=100)], users=[1]),
        _page(
            [_tweet(101, author=2, conv=100, replied=100), _tweet(102, author=3, conv=100, replied=101)],
            users=[2],  # user 3 comes only on a later line: no handle yet
            included=[(100, 1)],
        ),
        _page(
            [_tweet(103, author=3, conv=103, quoted=100), _tweet(104, author=5, conv=300, replied=300)],
            users=[3, 2],
        ),
        _page([]),
    ]
    path = _write_lines(tmp_path / "pages.jsonl", lines)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is not None
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    _same_accounts(fast, slow)
    t = fast.comments.table.set_index("comment_id")
    assert t.loc["101", "page_id"] == "1" and t.loc["101", "account_handle"] == "user2"
    assert pd.isna(t.loc["102", "account_handle"]) and t.loc["103", "post_id"] == "100"
    assert "100" not in t.index


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.builds(
            _page,
            st.lists(
                st.builds(
                    _tweet,
                    st.integers(1, 20),
                    author=st.integers(1, 5),
                    conv=st.one_of(st.none(), st.integers(1, 20)),
                    replied=st.one_of(st.none(), st.integers(1, 20)),
                    quoted=st.one_of(st.none(), st.integers(1, 20)),
                ),
                max_size=4,
            ),
            users=st.lists(st.integers(1, 5), max_size=3),
            included=st.lists(st.tuples(st.integers(1, 20), st.integers(1, 5)), max_size=2),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_twarc2_page_fast_and_record_readers_agree(tmp_path, lines):
    path = _write_lines(tmp_path / "pages.jsonl", lines)
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    _same_accounts(fast, slow)


def test_twarc2_page_reads_only_its_fields_and_still_agrees(tmp_path):
    # Fields the reader never uses (in tweets, users and the line itself) may hold anything
    # without sending the file to the record reader.
    lines = [
        _page([_tweet(100, author=1, conv=100)], users=[1]),
        _page([_tweet(101, author=2, conv=100, replied=100)], users=[2], included=[(100, 1)]),
    ]
    lines[0]["data"][0]["entities"] = {"mentions": [{"start": 0, "username": "user1"}]}
    lines[1]["data"][0]["entities"] = [7]
    lines[1]["data"][0]["geo"] = {"place_id": 3.5}
    lines[0]["includes"]["users"][0]["pinned_tweet_id"] = 5
    lines[1]["includes"]["users"][0]["pinned_tweet_id"] = "5"
    lines[1]["includes"]["places"] = [{"id": "p", "geo": {"bbox": [76.8, 43.2]}}]
    lines[1]["meta"] = {"result_count": 1.5}
    path = _write_lines(tmp_path / "pages.jsonl", lines)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is not None
    fast, slow = read_dump(path), _slow_dump(path)
    _same(fast.comments, slow.comments)
    _same_accounts(fast, slow)
    assert fast.comments.table.set_index("comment_id").loc["101", "page_id"] == "1"


def _retyped_page(field: str):
    lines = [
        _page([_tweet(100, author=1, conv=100)], users=[1]),
        _page([_tweet(101, author=2, conv=100, replied=100)], users=[2]),
    ]
    tweet, user = lines[1]["data"][0], lines[1]["includes"]["users"][0]
    if field == "like_count":
        tweet["public_metrics"]["like_count"] = "3"
    elif field == "verified":
        user["verified"] = "yes"
    elif field == "followers_count":
        user["public_metrics"]["followers_count"] = 2**70
    elif field == "referenced_tweets":
        tweet["referenced_tweets"] = {"type": "replied_to", "id": "100"}
    return lines


@pytest.mark.parametrize("field", ["like_count", "verified", "followers_count", "referenced_tweets"])
def test_twarc2_page_field_of_another_type_goes_to_the_record_reader(tmp_path, field):
    # A field the reader uses holding a value of another type than in the first tweet or user:
    # the record reader reads the file, and the result is what it gives.
    path = _write_lines(tmp_path / "pages.jsonl", _retyped_page(field))
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is None
    got = read_dump(path)
    # 101 answers 100, which is then read as the post; a reference that is no list is not read as
    # one, so 101 answers nothing and 100 stays a row.
    expected = ["100", "101"] if field == "referenced_tweets" else ["101"]
    assert sorted(got.comments.table["comment_id"]) == expected
    assert got.accounts is not None and sorted(got.accounts.table["account_id"]) == ["1", "2"]


@pytest.mark.parametrize("field", ["like_count", "verified", "followers_count", "referenced_tweets"])
def test_twarc2_flat_field_of_another_type_goes_to_the_record_reader(tmp_path, field):
    records = [_tweet(k, author=k % 3 + 1, conv=100, replied=100) for k in range(100, 104)]
    if field == "like_count":
        records[2]["public_metrics"]["like_count"] = "3"
    elif field == "verified":
        records[2]["author"]["verified"] = "yes"
    elif field == "followers_count":
        records[2]["author"]["public_metrics"]["followers_count"] = 2**70
    else:
        records[2]["referenced_tweets"] = {"type": "replied_to", "id": "100"}
    path = _write_lines(tmp_path / "tweets.jsonl", records)
    assert _formats._columnar_jsonl(path.read_bytes(), str(path), _formats.FORMATS) is None
    assert sorted(read_dump(path).comments.table["comment_id"]) == ["100", "101", "102", "103"]


@pytest.mark.parametrize("refs", ["absent", "null", "empty", "two of a kind"])
def test_twarc2_references_of_every_shape_agree(tmp_path, refs):
    # No tweet with references (the column absent, null or empty lists), or a tweet naming two
    # tweets of one kind (the last is kept, as a dict built from the list keeps it).
    records = [_tweet(k, author=k % 3 + 1, conv=100, replied=100, root_author=1) for k in range(101, 105)]
    for r in records:
        if refs == "absent":
            del r["referenced_tweets"]
        elif refs in ("null", "empty"):
            r["referenced_tweets"] = None if refs == "null" else []
    if refs == "two of a kind":
        records[1]["referenced_tweets"].append({"type": "replied_to", "id": "101"})
    path = _write_lines(tmp_path / "tweets.jsonl", records)
    pages = _write_lines(tmp_path / "pages.jsonl", [_page(records, users=[1, 2, 3])])
    for p in (path, pages):
        assert _formats._columnar_jsonl(p.read_bytes(), str(p), _formats.FORMATS) is not None
        fast, slow = read_dump(p), _slow_dump(p)
        _same(fast.comments, slow.comments)
        _same_accounts(fast, slow)
    if refs == "two of a kind":
        assert read_dump(path).comments.table.set_index("comment_id").loc["102", "parent_id"] == "101"
