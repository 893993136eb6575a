"""A plain praise farm hidden in a large comment dump, and how botwatch scores it (run by hand).

    python bench/plain_farm.py                  # 100k comments, one farm
    python bench/plain_farm.py --size 1m        # 1M comments, twelve farms
    python bench/plain_farm.py --model my.joblib

:func:`plain_farm_dump` writes the dump. Genuine people comment on a few agency pages over six
weeks: post popularity is heavy-tailed (a few posts draw thousands of comments, most posts a
handful), about half of the accounts comment once and a long tail comments often, texts are
Russian and Kazakh questions, complaints and remarks of varied length, and genuine people also
write short praise ("Молодцы", "Рахмет", "Так держать") in 5-15 % of their comments, some of them
word for word the farm's lines. Each farm is nothing but plain: its accounts write short praise
from a stock of about six lines, each comment 10 to 25 minutes after the post, on posts picked
from one list the farm works (quiet and popular posts alike). There is no account table.

Printed: average precision of ``bot_score`` for farm accounts against all others, the share of
other accounts flagged (``bot_score >= 0.5``), farm accounts flagged, significant links, clusters,
farm accounts in clusters and the clusters' purity, and run times; then the same average
precision for two baselines: comment volume, and the share of an account's comments whose
normalised text another account also writes.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

import botwatch
from botwatch.models import load_model
from botwatch.schema import COMMENT_COLUMNS
from botwatch.text import normalize_series

__all__ = ["FARM_LINES", "GENUINE_PRAISE", "baselines", "evaluate", "main", "plain_farm_dump"]

START = pd.Timestamp("2024-04-01", tz="UTC")
DAYS = 42
LOCAL_OFFSET_H = 5  # Almaty, UTC+5
PLATFORM = "instagram"

FARM_LINES: tuple[str, ...] = (
    "Молодцы, так держать!",
    "Рахмет әкімге",
    "Спасибо за вашу работу!",
    "Отличная работа, аким!",
    "Так держать! Молодцы!",
    "Жарайсыңдар, рахмет!",
    "Керемет жұмыс, рахмет!",
    "Спасибо акимату за заботу",
    "Город хорошеет на глазах!",
    "Рахмет, әкім мырза!",
    "Молодцы, всё делается для людей",
    "Так держать, спасибо!",
)
"""The pool each farm draws its stock of lines from."""

GENUINE_PRAISE: tuple[str, ...] = (
    "Молодцы",
    "Молодцы!",
    "молодцы 👍",
    "Рахмет",
    "Рахмет!",
    "рахмет",
    "Спасибо",
    "Спасибо!",
    "Спасибо большое",
    "Так держать",
    "Так держать!",
    "Молодцы, так держать!",
    "Рахмет әкімге",
    "Керемет!",
    "Жарайсыңдар",
    "Отличная работа",
    "Спасибо акимату",
    "Супер",
    "Красота!",
    "Благодарим!",
)
"""Short praise genuine people write; the first ones far more often than the last."""

_PRAISE_WEIGHTS = 1.0 / np.arange(1, len(GENUINE_PRAISE) + 1) ** 0.7
_FARM_DECOR = ("", "", "", "!", " 👍", " 👏👏", " ❤️", " 🔥")

_RU_TOPICS = (
    "дорогу на Абая",
    "освещение во дворе",
    "детскую площадку",
    "остановку у рынка",
    "тротуар возле школы",
    "ливневку",
    "вывоз мусора",
    "отопление",
    "горячую воду",
    "светофор на перекрёстке",
    "ямы на дороге",
    "парк у реки",
    "пешеходный переход",
    "канализацию",
    "подъезд к поликлинике",
    "спортивную площадку",
)
_RU_PLACES = (
    "в микрорайоне Самал",
    "на улице Сейфуллина",
    "в нашем дворе",
    "возле 45 школы",
    "в районе вокзала",
    "на Толе би",
    "в посёлке",
    "у нас в Алатауском районе",
    "на Жансугурова",
    "в 12 микрорайоне",
)
_RU_SENTENCES = (
    "Когда сделают {topic} {place}?",
    "Уже {n} месяца ждём {topic}, а воз и ныне там.",
    "Спасибо за {topic}, но {place} всё ещё ничего не сделано.",
    "Кто отвечает за {topic} {place}?",
    "Обещали отремонтировать {topic} ещё весной.",
    "Писали в приёмную {n} раза, ответа нет.",
    "А {place} когда будет?",
    "Людям {place} негде гулять с детьми.",
    "Автобусы ходят раз в {n}0 минут, невозможно добраться до работы.",
    "Посмотрите, пожалуйста, на {topic} {place}.",
    "Деньги на {topic} выделили, а где результат?",
    "Хорошо, что сделали {topic}, давно ждали.",
    "Опять перекопали всю улицу {place} и бросили.",
    "Почему нельзя было сделать {topic} летом?",
    "Пусть аким сам приедет {place} и посмотрит.",
    "Вечером {place} темно, страшно ходить.",
    "Подскажите, куда обращаться по поводу {n}-го дома?",
    "Вода ржавая уже {n} недели.",
    "Красиво на фото, а {place} в жизни не так.",
    "Согласна с предыдущим комментарием.",
)
_RU_SHORT = ("Когда?", "Ужас", "Согласен", "А толку?", "+", "Где?", "Так и есть", "Кошмар", "Ну-ну")
_KK_TOPICS = (
    "жол",
    "көше шамы",
    "балалар алаңы",
    "аялдама",
    "тротуар",
    "қоқыс шығару",
    "жылу",
    "ыстық су",
    "бағдаршам",
    "саябақ",
)
_KK_PLACES = (
    "Самал шағынауданында",
    "Сейфуллин көшесінде",
    "біздің аулада",
    "45 мектептің жанында",
    "вокзал маңында",
    "ауылда",
    "Алатау ауданында",
)
_KK_SENTENCES = (
    "{place} {topic} қашан жөнделеді?",
    "{place} {topic} әлі жоқ.",
    "Неге {topic} әлі бітпеді?",
    "Әкімдік, {place} назар аударыңыздаршы!",
    "{n} ай күттік, ешнәрсе өзгерген жоқ.",
    "Рахмет, бірақ {place} {topic} мәселесі шешілмеді.",
    "{place} балаларға ойнайтын жер жоқ.",
    "Кешке {place} қараңғы, жүру қорқынышты.",
    "Қай мекемеге жүгіну керек?",
    "Автобус {n}0 минутта бір келеді.",
    "Жақсы жоба, бірақ {topic} сапасы нашар.",
    "Ақша бөлінді, нәтиже қайда?",
)
_KK_SHORT = ("Қашан?", "Иә", "Дұрыс айтасыз", "+", "Масқара", "Қайда?")
_RU_OPENERS = ("", "", "", "", "Здравствуйте! ", "Аким, ", "Уважаемые, ", "Подскажите, ", "Вопрос: ")
_KK_OPENERS = ("", "", "", "", "Сәлеметсіз бе! ", "Әкім мырза, ", "Сұрақ: ")
_EMOJI = ("", "", "", "", " 😡", " 🙏", " 👍", " 😢", "!!", "...", " ?")
_NAMES = (
    "aigerim",
    "dana",
    "nurlan",
    "askar",
    "olga",
    "sergey",
    "madina",
    "erlan",
    "asel",
    "ivan",
    "zhanar",
    "timur",
    "alina",
    "bolat",
    "gulnara",
    "dmitry",
    "saule",
    "marat",
    "elena",
    "kairat",
)


def _pick(rng: np.random.Generator, items: tuple[str, ...]) -> str:
    return items[int(rng.integers(len(items)))]


def _genuine_text(rng: np.random.Generator, kazakh: bool) -> str:
    """One genuine comment that is not short praise: one to several sentences, or a short reply."""
    short, openers, sentences, topics, places = (
        (_KK_SHORT, _KK_OPENERS, _KK_SENTENCES, _KK_TOPICS, _KK_PLACES)
        if kazakh
        else (_RU_SHORT, _RU_OPENERS, _RU_SENTENCES, _RU_TOPICS, _RU_PLACES)
    )
    if rng.random() < 0.12:
        return _pick(rng, short) + _pick(rng, _EMOJI)
    parts = []
    for _ in range(min(int(rng.geometric(0.55)), 6)):
        sentence = _pick(rng, sentences).format(
            topic=_pick(rng, topics), place=_pick(rng, places), n=int(rng.integers(2, 10))
        )
        parts.append(sentence)
    return _pick(rng, openers) + " ".join(parts) + _pick(rng, _EMOJI)


def _activity(rng: np.random.Generator, total: int) -> np.ndarray:
    """Comments per genuine account, summing to ``total``: half write one, a long tail many."""
    counts: list[np.ndarray] = []
    have = 0
    while have < total:
        batch = max(1000, (total - have) // 3)
        once = rng.random(batch) < 0.5
        many = 2 + np.floor(rng.pareto(1.3, batch) * 2.0)
        drawn = np.where(once, 1, np.minimum(many, 1500)).astype(np.int64)
        counts.append(drawn)
        have += int(drawn.sum())
    out = np.concatenate(counts)
    cum = np.cumsum(out)
    last = int(np.searchsorted(cum, total))
    out = out[: last + 1].copy()
    out[-1] -= int(cum[last] - total)
    return out[out > 0]


def _unique_ids(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    ids = np.empty(0, dtype=np.int64)
    while len(ids) < n:
        more = rng.integers(low, high, size=n - len(ids) + n // 10 + 10)
        joined = np.concatenate([ids, more])
        _, first = np.unique(joined, return_index=True)
        ids = joined[np.sort(first)]
    return ids[:n]


def plain_farm_dump(
    n_comments: int = 100_000,
    n_farms: int = 1,
    farm_size: int = 40,
    per_account: int = 120,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Genuine comments on a few agency pages with plain praise farms among them.

    Parameters
    ----------
    n_comments : int, default 100_000
        Comments in the dump, the farms' included.
    n_farms : int, default 1
        Farms hidden in the dump.
    farm_size : int, default 40
        Accounts per farm.
    per_account : int, default 120
        Comments each farm account writes, give or take 15 %.
    seed : int, default 0
        The same seed gives the same dump.

    Returns
    -------
    comments : pandas.DataFrame
        Canonical comment table (:data:`botwatch.schema.COMMENT_COLUMNS`), sorted by time, with
        second precision.
    truth : pandas.DataFrame
        One row per account: ``account_id`` and ``farm`` (``"farm_0"``, ``"farm_1"``, ...; None
        for genuine accounts).

    Notes
    -----
    Pages: one per 25,000 comments, at least three. Posts: one per 35 comments, published in
    local daytime over six weeks; within a page, post popularity falls as rank to the power -1.3
    (a page's top post draws a fifth of its comments or more). A genuine comment follows its
    post by a log-normal delay (median 40 minutes), lands on the account's home page four times in
    five, and answers an earlier comment of the post one time in five. Each farm works one or two
    pages: a list of two to three times ``per_account`` posts of them, picked at random, with the
    pages' five most popular posts in it; each account comments on posts drawn from the list, at
    most once on each while the list is longer than its share of comments.
    """
    rng = np.random.default_rng(seed)
    n_pages = max(3, n_comments // 25_000)
    n_posts = max(n_pages * 20, n_comments // 35)

    # Posts: pages, publication times in local daytime, popularity by rank within the page.
    post_page = np.sort(rng.integers(0, n_pages, n_posts))
    post_page[:n_pages] = np.arange(n_pages)  # every page has a post
    post_page.sort()
    day = rng.integers(0, DAYS, n_posts)
    local_s = rng.integers(8 * 3600, 22 * 3600, n_posts)
    post_time_s = (day * 86400 + local_s - LOCAL_OFFSET_H * 3600).astype(np.int64)
    post_time = START + pd.to_timedelta(post_time_s, unit="s")
    popularity = np.empty(n_posts)
    page_posts: list[np.ndarray] = []
    for page in range(n_pages):
        idx = np.flatnonzero(post_page == page)
        ranks = rng.permutation(len(idx)) + 1.0
        popularity[idx] = ranks**-1.3 * rng.lognormal(0.0, 0.3, len(idx))
        page_posts.append(idx[np.argsort(-popularity[idx])])
    page_weight = np.array([popularity[p].sum() for p in page_posts])
    page_weight /= page_weight.sum()

    # Farms: accounts, the posts they work, their comments.
    farm_counts = [
        rng.integers(round(per_account * 0.85), round(per_account * 1.15) + 1, farm_size)
        for _ in range(n_farms)
    ]
    n_farm_comments = int(sum(int(c.sum()) for c in farm_counts))
    if n_farm_comments >= n_comments:
        raise ValueError("the farms alone write n_comments or more; ask for a larger dump")
    farm_rows = []
    for f, counts in enumerate(farm_counts):
        pages = rng.choice(n_pages, size=min(n_pages, int(rng.integers(1, 3))), replace=False)
        pool = np.concatenate([page_posts[p] for p in pages])
        top = np.concatenate([page_posts[p][:5] for p in pages])
        size = min(len(pool), int(rng.integers(2 * per_account, 3 * per_account + 1)))
        rest = np.setdiff1d(pool, top)
        worked = np.concatenate([top, rng.choice(rest, size=max(0, size - len(top)), replace=False)])
        stock = rng.choice(len(FARM_LINES), size=6, replace=False)
        for a, k in enumerate(counts):
            k = int(k)
            posts = rng.choice(worked, size=k, replace=k > len(worked))
            lines = rng.choice(stock, size=k)
            decor = rng.integers(0, len(_FARM_DECOR), k)
            farm_rows.append(
                pd.DataFrame(
                    {
                        "_account": f"farm_{f}:{a}",
                        "_post": posts,
                        "_t": post_time_s[posts] + rng.integers(600, 1501, k),
                        "text": [FARM_LINES[i] + _FARM_DECOR[d] for i, d in zip(lines, decor, strict=True)],
                        "_reply": False,
                    }
                )
            )

    # Genuine accounts and their comments.
    activity = _activity(rng, n_comments - n_farm_comments)
    n_genuine = len(activity)
    home = rng.choice(n_pages, size=n_genuine, p=page_weight)
    kazakh = rng.random(n_genuine) < 0.35
    praise_rate = rng.beta(1.0, 9.0, n_genuine)  # mean 10 %, some people praise far more often
    owner = np.repeat(np.arange(n_genuine), activity)
    n_gen = len(owner)
    page = np.where(rng.random(n_gen) < 0.8, home[owner], rng.choice(n_pages, size=n_gen, p=page_weight))
    post = np.empty(n_gen, dtype=np.int64)
    for p in range(n_pages):
        on = np.flatnonzero(page == p)
        w = popularity[page_posts[p]]
        post[on] = rng.choice(page_posts[p], size=len(on), p=w / w.sum())
    delay = np.clip(rng.lognormal(np.log(2400.0), 1.7, n_gen), 15, 7 * 86400).astype(np.int64)
    is_praise = rng.random(n_gen) < praise_rate[owner]
    own_language = rng.random(n_gen) < 0.9
    writes_kazakh = np.where(own_language, kazakh[owner], ~kazakh[owner])
    praise_pick = rng.choice(len(GENUINE_PRAISE), size=n_gen, p=_PRAISE_WEIGHTS / _PRAISE_WEIGHTS.sum())
    texts = [
        GENUINE_PRAISE[praise_pick[i]] if is_praise[i] else _genuine_text(rng, bool(writes_kazakh[i]))
        for i in range(n_gen)
    ]
    genuine = pd.DataFrame(
        {
            "_account": pd.Series(owner).map("genuine:{}".format).to_numpy(),
            "_post": post,
            "_t": post_time_s[post] + delay,
            "text": texts,
            "_reply": rng.random(n_gen) < 0.2,
        }
    )

    df = pd.concat([genuine, *farm_rows], ignore_index=True)
    df = df.sort_values(["_t", "_post"], kind="stable").reset_index(drop=True)
    n = len(df)

    # Account ids and handles, drawn alike for farm and genuine accounts.
    names, codes = np.unique(df["_account"].to_numpy(dtype=str), return_inverse=True)
    order = rng.permutation(len(names))
    ids = _unique_ids(rng, len(names), 10**8, 10**10)[order]
    handle_names = rng.integers(0, len(_NAMES), len(names))
    handle_digits = rng.integers(0, 10_000, len(names))
    handles = np.array([f"{_NAMES[h]}_{d:04d}" for h, d in zip(handle_names, handle_digits, strict=True)])
    account_id = ids.astype(str)[codes]

    # Replies: to an earlier comment on the same post.
    post_arr = df["_post"].to_numpy()
    by_post = np.lexsort((np.arange(n), post_arr))
    rank = np.empty(n, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(post_arr[by_post])) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, n]))
    rank[by_post] = np.arange(n) - group_start
    first_of_post = np.empty(n, dtype=np.int64)
    first_of_post[by_post] = group_start
    comment_id = (np.arange(n) + 7_000_000_000).astype(str)
    answers = df["_reply"].to_numpy() & (rank > 0)
    parent_pos = first_of_post + np.floor(rng.random(n) * np.maximum(rank, 1)).astype(np.int64)
    parent_id = np.where(answers, comment_id[by_post[np.clip(parent_pos, 0, n - 1)]], None)

    page_ids = np.array([f"akimat_page_{p}" for p in range(n_pages)])
    post_ids = np.array([f"{page_ids[post_page[i]]}_p{i:06d}" for i in range(n_posts)])
    comments = pd.DataFrame(
        {
            "platform": PLATFORM,
            "page_id": page_ids[post_page[post_arr]],
            "post_id": post_ids[post_arr],
            "post_created_at": post_time[post_arr],
            "comment_id": comment_id,
            "parent_id": parent_id,
            "account_id": account_id,
            "account_handle": handles[codes],
            "created_at": START + pd.to_timedelta(df["_t"].to_numpy(), unit="s"),
            "time_precision_s": np.ones(n, dtype=np.int64),
            "text": df["text"].to_numpy(dtype=object),
            "like_count": rng.geometric(0.45, n) - 1,
        }
    )
    comments = comments[[c.name for c in COMMENT_COLUMNS]]
    farm_of = np.array(
        [name.split(":")[0] if name.startswith("farm_") else None for name in names], dtype=object
    )
    truth = pd.DataFrame({"account_id": ids.astype(str), "farm": farm_of})
    truth = truth.sort_values("account_id", kind="stable").reset_index(drop=True)
    return comments, truth


def baselines(comments: pd.DataFrame) -> pd.DataFrame:
    """Two simple scores per account to compare ``bot_score`` against.

    Parameters
    ----------
    comments : pandas.DataFrame
        Canonical comment table.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``account_id``: ``n_comments`` (comment volume) and ``shared_text_share``
        (share of the account's comments whose normalised text, not empty, another account also
        writes).
    """
    norm = normalize_series(comments["text"])
    pairs = pd.DataFrame({"account_id": comments["account_id"].to_numpy(), "norm": norm.to_numpy()})
    writers = pairs.groupby("norm")["account_id"].nunique()
    shared = (pairs["norm"].map(writers).to_numpy() > 1) & (pairs["norm"].to_numpy() != "")
    grouped = pairs.assign(shared=shared).groupby("account_id")["shared"]
    return pd.DataFrame({"n_comments": grouped.size(), "shared_text_share": grouped.mean()})


def evaluate(
    comments: pd.DataFrame, truth: pd.DataFrame, model: object = None, threshold: float = 0.5
) -> dict[str, object]:
    """Score a dump with botwatch and measure how the farms come out.

    Parameters
    ----------
    comments, truth : pandas.DataFrame
        As :func:`plain_farm_dump` returns them.
    model : object, optional
        Passed to :func:`botwatch.score` (the default model when None).
    threshold : float, default 0.5
        Score at which an account counts as flagged.

    Returns
    -------
    dict
        ``farm_ap``, ``others_flagged_share``, ``others_flagged``, ``farm_flagged``,
        ``farm_accounts``, ``significant_links``, ``clusters``, ``farm_in_clusters``,
        ``purity`` (clustered accounts in their cluster's largest farm, over all clustered
        accounts), ``farm_clusters`` (clusters mostly of farm accounts), ``score_s``, and
        ``ap_volume`` and ``ap_shared_text`` for the baselines.
    """
    t0 = time.perf_counter()
    result = botwatch.score(comments, model=model)
    score_s = time.perf_counter() - t0
    acc = result.accounts.set_index("account_id")
    farm = truth.set_index("account_id")["farm"].reindex(acc.index)
    is_farm = farm.notna().to_numpy()
    p = acc["bot_score"].to_numpy(dtype=float)
    flagged = p >= threshold
    cluster = acc["cluster_id"]
    inside = cluster.notna().to_numpy()
    members = pd.DataFrame(
        {"cluster": cluster[inside].to_numpy(), "farm": farm[inside].fillna("genuine").to_numpy()}
    )
    counts = members.groupby(["cluster", "farm"]).size().unstack(fill_value=0)
    farm_cols = [c for c in counts.columns if c != "genuine"]
    best_farm = counts[farm_cols].max(axis=1) if farm_cols else pd.Series(0, index=counts.index)
    size = counts.sum(axis=1)
    base = baselines(comments).reindex(acc.index)
    return {
        "accounts": len(acc),
        "farm_accounts": int(is_farm.sum()),
        "farm_ap": float(average_precision_score(is_farm, p)),
        "others_flagged_share": float(flagged[~is_farm].mean()),
        "others_flagged": int(flagged[~is_farm].sum()),
        "farm_flagged": int(flagged[is_farm].sum()),
        "significant_links": len(result.edges),
        "clusters": len(result.clusters),
        "farm_in_clusters": int((inside & is_farm).sum()),
        "others_in_clusters": int((inside & ~is_farm).sum()),
        "purity": float(best_farm.sum() / size.sum()) if len(size) else float("nan"),
        "farm_clusters": int((best_farm > size / 2).sum()),
        "score_s": score_s,
        "ap_volume": float(average_precision_score(is_farm, base["n_comments"].to_numpy())),
        "ap_shared_text": float(average_precision_score(is_farm, base["shared_text_share"].to_numpy())),
    }


def main(argv: list[str] | None = None) -> None:
    """Generate a dump, score it and print the figures (module docs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("100k", "1m"), default="100k")
    parser.add_argument("--model", help="model file, loaded with trust (the default model otherwise)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    n_comments, n_farms = (100_000, 1) if args.size == "100k" else (1_000_000, 12)
    model = load_model(args.model, trusted=True) if args.model else None
    t0 = time.perf_counter()
    comments, truth = plain_farm_dump(n_comments, n_farms=n_farms, seed=args.seed)
    gen_s = time.perf_counter() - t0
    per_post = comments.groupby("post_id").size()
    print(
        f"dump: {len(comments):,} comments, {comments['account_id'].nunique():,} accounts, "
        f"{len(per_post):,} posts (top {per_post.max():,}, median {per_post.median():.0f} comments), "
        f"{n_farms} farm(s) of 40; generated in {gen_s:.1f} s",
        flush=True,
    )
    out = evaluate(comments, truth, model=model)
    print(f"farm average precision      {out['farm_ap']:.4f}")
    print(
        f"others flagged              {out['others_flagged_share']:.3%} "
        f"({out['others_flagged']:,} of {out['accounts'] - out['farm_accounts']:,})"
    )
    print(f"farm accounts flagged       {out['farm_flagged']} of {out['farm_accounts']}")
    print(f"significant links           {out['significant_links']:,}")
    print(
        f"clusters                    {out['clusters']} ({out['farm_clusters']} mostly farm); "
        f"farm accounts in clusters {out['farm_in_clusters']} of {out['farm_accounts']}, "
        f"others in clusters {out['others_in_clusters']}"
    )
    print(f"clusters' purity            {out['purity']:.3f}")
    print(f"score time                  {out['score_s']:.1f} s")
    print(f"baseline AP, volume         {out['ap_volume']:.4f}")
    print(f"baseline AP, shared text    {out['ap_shared_text']:.4f}")


if __name__ == "__main__":
    main()
