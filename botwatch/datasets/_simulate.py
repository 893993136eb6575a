"""Simulated comment sections of agency pages, with planted farms, traps and the ground truth.

The simulator is the training source of the default model and the test oracle of every stage. It
writes the canonical comment and account tables exactly as a reader would, plus a truth table. Its
genuine people are calibrated on real comment sections of state-media pages (half the commenters
write once, 90 % write at most about nine times, a median text of about 85 characters, a daytime
rhythm with a night trough); its farms follow tactics reported by journalists.
"""

from __future__ import annotations

import random
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from botwatch.datasets import _lexicon as lex

__all__ = [
    "STRATEGIES",
    "FarmSpec",
    "SimulatedWorld",
    "WorldConfig",
    "default_farms",
    "simulate",
]

STRATEGIES: tuple[str, ...] = (
    "operator",  # one operator cycles through the accounts minutes after each post
    "own_clock",  # each account on its own schedule, spread over hours
    "office_hours",  # paid office workers: weekdays, working hours only
    "template_praise",  # praise from a few templates, paraphrased
    "critic_attack",  # replies that attack people who complain
    "camouflage",  # ordinary-looking comments elsewhere to look human
    "batch_registered",  # accounts registered together shortly before the campaign
    "aged_bought",  # old accounts bought from a market
    "boost_selected",  # only selected posts are boosted
    "influencer",  # paid real-looking bloggers with personal wording of talking points
    "scripted",  # automated accounts that poll the page and answer new posts at any hour
)
TRAPS: tuple[str, ...] = ("viral_post", "superfan")

Timing = Literal["operator", "own_clock", "office_hours", "scripted"]
Content = Literal["template_praise", "critic_attack", "influencer"]
Registration = Literal["batch", "aged", "influencer"]

_FIRST = (
    "aigerim",
    "nurlan",
    "dana",
    "yerlan",
    "asel",
    "olga",
    "sergey",
    "dmitry",
    "aliya",
    "madina",
    "timur",
    "saule",
    "bolat",
    "zhanna",
    "arman",
    "gulnara",
    "daniyar",
    "ainur",
    "marat",
    "elena",
    "askar",
    "dinara",
    "ruslan",
    "kamila",
    "yerzhan",
    "natalia",
    "azamat",
    "akmaral",
    "igor",
    "zarina",
    "berik",
    "svetlana",
    "nursultan",
    "altynai",
    "alexey",
)
_LAST = (
    "nurlanov",
    "akhmetova",
    "ivanov",
    "seitkali",
    "omarov",
    "bekova",
    "kim",
    "petrova",
    "zhaksylykov",
    "abenova",
    "tokayev",
    "sultanova",
    "li",
    "smagulov",
    "kasymova",
    "pak",
)
_HOUR_WEIGHTS = np.array(
    [
        1.2,
        0.9,
        1.1,
        1.5,
        3.0,
        3.5,
        4.6,
        4.7,
        5.5,
        6.0,
        5.6,
        5.7,
        6.0,
        6.2,
        6.2,
        5.9,
        6.1,
        5.5,
        5.0,
        4.9,
        4.2,
        3.1,
        2.1,
        1.4,
    ]
)
# Hour-of-day shares of comments on real state-media comment sections, shifted here to local time.
_HOUR_WEIGHTS = np.roll(_HOUR_WEIGHTS, 2) / _HOUR_WEIGHTS.sum()


@dataclass(frozen=True)
class FarmSpec:
    """One farm: who runs it, how it times, what it writes and which accounts it uses.

    Parameters
    ----------
    name : str
        Farm name, used in the truth table.
    n_accounts : int
        Accounts the farm controls.
    timing : {"operator", "own_clock", "office_hours", "scripted"}
        How comment times are chosen: one operator working through the accounts minutes after
        each post; each account on its own daily rhythm, hours later; weekday office hours; or a
        script per account that polls the page every one to fifteen minutes, day and night.
    content : {"template_praise", "critic_attack", "influencer"}
        What the farm writes.
    registration : {"batch", "aged", "influencer"}
        Where the accounts come from.
    boost_share : float
        Share of the target pages' posts the farm works on (1.0 = every post).
    participation : float
        Probability that one account comments on one targeted post.
    camouflage : float
        Ordinary comments elsewhere, per targeted comment.
    n_target_pages : int
        Pages the farm works on.
    links : float, optional
        Share of the farm's comments that end with a link (the agency's site, friendly media, a
        channel). None draws it per world: most farms never post links, some do often.
    """

    name: str
    n_accounts: int = 15
    timing: Timing = "operator"
    content: Content = "template_praise"
    registration: Registration = "batch"
    boost_share: float = 1.0
    participation: float = 0.7
    camouflage: float = 0.0
    n_target_pages: int = 1
    links: float | None = None

    @property
    def strategies(self) -> tuple[str, ...]:
        tags: list[str] = [self.timing]
        if self.content != "influencer":
            tags.append(self.content)
        tags.append(
            {"batch": "batch_registered", "aged": "aged_bought", "influencer": "influencer"}[
                self.registration
            ]
        )
        if self.boost_share < 1.0:
            tags.append("boost_selected")
        if self.camouflage > 0:
            tags.append("camouflage")
        return tuple(dict.fromkeys(tags))


@dataclass(frozen=True)
class WorldConfig:
    """Size and make-up of a simulated world.

    The defaults give a small world (about ten thousand comments) that simulates in about a second.
    """

    n_pages: int = 3
    days: int = 28
    posts_per_day: float = 1.5
    n_genuine: int = 2500
    superfans_per_page: int = 4
    n_viral_posts: int = 2
    viral_size: tuple[int, int] = (150, 400)
    platform: str = "instagram"
    start: str = "2024-04-01"
    tz: str = "Asia/Almaty"
    farms: tuple[FarmSpec, ...] | None = None
    reply_share: float = 0.2
    good_news_share: float = 0.3
    argue_share: float = 0.05
    language_weights: tuple[float, float, float, float] = (0.5, 0.3, 0.1, 0.1)
    link_people: float | None = None
    """Share of genuine people who sometimes end a comment with a link (news, a petition, a video);
    None draws it per world. Three times as many on X."""

    def scaled(self, n_comments: int) -> WorldConfig:
        """Return a config whose world has roughly ``n_comments`` comments.

        Pages and posts grow with the square root of the size and people with the size, so that
        large worlds keep heavy-tailed posts: viral posts reach thousands of commenters.
        """
        factor = max(n_comments / 11_000, 0.2)
        root = factor**0.5
        lo, hi = self.viral_size
        return replace(
            self,
            n_pages=max(1, round(self.n_pages * root)),
            n_genuine=int(self.n_genuine * factor),
            posts_per_day=self.posts_per_day * root / max(1, round(self.n_pages * root)) * self.n_pages,
            n_viral_posts=max(1, round(self.n_viral_posts * root)),
            viral_size=(int(lo * root), int(hi * root)),
        )


@dataclass
class SimulatedWorld:
    """A simulated world: the canonical tables a reader would give, and the truth.

    Attributes
    ----------
    comments : pandas.DataFrame
        Canonical comment table.
    accounts : pandas.DataFrame
        Canonical account table (profile data of every commenter).
    truth : pandas.DataFrame
        One row per account: ``account_id``, ``is_inauthentic``, ``role`` (genuine, superfan,
        viral_commenter, farm, influencer), ``farm`` and ``strategies`` (``;``-separated).
    posts : pandas.DataFrame
        The pages' posts, with ``is_viral`` and the farms that boosted them.
    config : WorldConfig
    seed : int
    """

    comments: pd.DataFrame
    accounts: pd.DataFrame
    truth: pd.DataFrame
    posts: pd.DataFrame
    config: WorldConfig
    seed: int
    farms: tuple[FarmSpec, ...] = field(default_factory=tuple)


def default_farms(rng: np.random.Generator) -> tuple[FarmSpec, ...]:
    """A mix of farms that together cover every strategy in :data:`STRATEGIES` but ``scripted``.

    Scripted accounts appear among the random farms (:func:`random_farms`); the default mix is
    kept as it was, so that the default worlds stay the same.
    """

    def size(lo: int, hi: int) -> int:
        return int(rng.integers(lo, hi + 1))

    return (
        FarmSpec(
            "operator_praise",
            size(12, 25),
            "operator",
            "template_praise",
            "batch",
            participation=float(rng.uniform(0.5, 0.85)),
        ),
        FarmSpec(
            "own_clock_aged",
            size(10, 20),
            "own_clock",
            "template_praise",
            "aged",
            participation=float(rng.uniform(0.4, 0.7)),
            camouflage=float(rng.uniform(0.2, 0.6)),
        ),
        FarmSpec(
            "office_attack",
            size(8, 16),
            "office_hours",
            "critic_attack",
            "batch",
            participation=float(rng.uniform(0.4, 0.7)),
            n_target_pages=2,
        ),
        FarmSpec(
            "boost_operator",
            size(10, 18),
            "operator",
            "template_praise",
            "aged",
            boost_share=float(rng.uniform(0.15, 0.35)),
            participation=float(rng.uniform(0.6, 0.9)),
            camouflage=float(rng.uniform(0.5, 1.5)),
        ),
        FarmSpec(
            "influencers",
            size(5, 9),
            "own_clock",
            "influencer",
            "influencer",
            boost_share=float(rng.uniform(0.15, 0.3)),
            participation=float(rng.uniform(0.6, 0.9)),
            n_target_pages=2,
        ),
    )


class _Writer:
    """Texts for each kind of comment, from the simulator's own lexicon."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def _fill(self, template: str) -> str:
        r = self.r
        return template.format(street=r.choice(lex.STREETS), num=r.randint(2, 150))

    def complaint(self, lang: str) -> str:
        r = self.r
        parts = lex.PROBLEMS[lang]
        subject = self._fill(r.choice(parts["subject"]))
        defect, duration = r.choice(parts["defect"]), r.choice(parts["duration"])
        if lang == "en":
            core = f"{subject} {defect} {duration}".strip()
        elif lang == "ru":
            core = (
                f"{duration} {subject} {defect}".strip()
                if r.random() < 0.5
                else f"{subject} {duration} {defect}".strip()
            )
        else:
            core = f"{duration} {subject} {defect}".strip()
        core = core[0].upper() + core[1:] + r.choice((".", "!", "", "..."))
        pieces = [
            r.choice(lex.OPENERS[lang]),
            core,
            r.choice(parts["personal"]),
            r.choice(parts["ask"]),
        ]
        if r.random() < 0.3:
            pieces.insert(2, self._fill(r.choice(lex.COMPLAINTS[lang])))
        return " ".join(p for p in pieces if p)

    def good_news(self, lang: str) -> str:
        r = self.r
        parts = lex.GOOD_NEWS_PRAISE[lang]
        core = f"{r.choice(parts['thing'])} {r.choice(parts['verdict'])}"
        pieces = [
            r.choice(parts["open"]),
            core[0].upper() + core[1:] + ".",
            r.choice(parts["tail"]),
        ]
        return " ".join(p for p in pieces if p) + r.choice(("", "", " 👍", " ❤️", " 👏"))

    def genuine(self, lang: str, kind: str) -> str:
        r = self.r
        if kind == "praise":
            return self.good_news(lang)
        if kind == "emoji":
            return r.choice(lex.EMOJI_ONLY)
        if kind == "gratitude":
            g = lex.GRATITUDE[lang]
            return " ".join(
                p
                for p in (
                    f"{r.choice(g['open'])} {self._fill(r.choice(g['whom']))} {r.choice(g['why'])}.",
                    self._fill(r.choice(g["end"])),
                    r.choice(lex.PROBLEMS[lang]["personal"]) if r.random() < 0.4 else "",
                )
                if p
            )
        if kind == "argue":
            text = r.choice(lex.ARGUE[lang])
            if r.random() < 0.4:
                text += " " + r.choice(lex.PROBLEMS[lang]["personal"])
            return text.strip() + r.choice(lex.NOISE_TAILS)
        if kind == "complaint" or (kind == "agree" and r.random() < 0.4):
            text = self.complaint(lang)
            if kind == "agree":
                text = self._fill(r.choice(lex.AGREE[lang])) + " " + text
        elif kind == "question":
            form = r.choice(lex.QUESTION_FORMS[lang])
            text = " ".join(
                p
                for p in (
                    r.choice(lex.OPENERS[lang]),
                    form.format(x=r.choice(lex.QUESTION_TOPICS[lang])),
                    r.choice(lex.PROBLEMS[lang]["personal"]),
                )
                if p
            )
        elif kind == "agree":
            text = r.choice(lex.AGREE_PARTS[lang])
            if r.random() < 0.5:
                text += " " + self._fill(r.choice(lex.AGREE[lang]))
            text += " " + r.choice(lex.PROBLEMS[lang]["personal"])
        else:
            text = self._fill(r.choice(lex.THANKS[lang]))
        text = text.strip()
        if r.random() < 0.25:
            text = text.lower()
        if r.random() < 0.15 and len(text) > 20:  # a typo: two letters swapped
            i = r.randrange(1, len(text) - 2)
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        return text + r.choice(lex.NOISE_TAILS)

    def viral(self, lang: str) -> str:
        r = self.r
        u = r.random()
        if u < 0.4:
            return r.choice(lex.SUPERFAN[lang]) + r.choice(("", "", "!", " 🎉", " 👏"))
        if u < 0.7:
            return self.good_news(lang)
        if u < 0.78:
            return r.choice(lex.EMOJI_ONLY)
        return self.genuine(lang, r.choice(("complaint", "question", "thanks")))

    def superfan(self, repertoire: Sequence[str]) -> str:
        r = self.r
        k = 1 if r.random() < 0.6 else 2
        text = " ".join(r.sample(list(repertoire), k=min(k, len(repertoire))))
        return text + r.choice(("", "", "!", " ❤️", " 👍", " 😊"))

    def praise(self, lang: str, templates: Sequence[str], slots: Mapping[str, Sequence[str]]) -> str:
        r = self.r
        text = r.choice(templates).format(**{k: r.choice(v) for k, v in slots.items()})
        if r.random() < 0.3:
            text = text.replace("!", "!!" if r.random() < 0.5 else ".")
        if r.random() < 0.15:  # paid praise asks too, to look like conversation
            text += " " + r.choice(lex.RHETORICAL[lang])
        return (text + " " + r.choice(lex.PRAISE_EMOJI)).strip()

    def attack(self, lang: str) -> str:
        return self.r.choice(lex.ATTACKS[lang]) + self.r.choice(("", "", " 🤦", " 😂"))

    def camouflage(self, lang: str) -> str:
        return self.r.choice(lex.CAMOUFLAGE[lang])

    def influencer(self, lang: str, program: str, hashtag: str) -> str:
        r = self.r
        point = r.choice(lex.CAMPAIGN_POINTS[lang]).format(program=program)
        extra = self._fill(r.choice(lex.THANKS[lang]))
        return f"{r.choice(lex.INFLUENCER_OPENERS[lang])} {point}. {extra} {hashtag}".strip()


def _handle(r: random.Random, style: str) -> str:
    first, last = r.choice(_FIRST), r.choice(_LAST)
    if style == "natural":
        return r.choice(
            (
                f"{first}_{last}",
                f"{first}.{last}",
                f"{first}{last[:3]}",
                first + last,
                f"{first}_{r.randint(1970, 2008)}",
                f"{last}.{first[0]}",
            )
        )
    if style == "name_digits":
        return f"{first}{r.randint(1000, 99999)}"
    letters = "".join(r.choice(string.ascii_lowercase) for _ in range(r.randint(6, 10)))
    return letters + str(r.randint(10, 9999))


def _local_to_utc(local_naive: np.ndarray, tz: str) -> np.ndarray:
    stamps = pd.DatetimeIndex(local_naive).tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    return stamps.tz_convert("UTC").to_numpy()


def _hour_fit(
    rng: np.random.Generator,
    post_utc: np.ndarray,
    delays: np.ndarray,
    prefs: np.ndarray,
    offset_h: float,
) -> np.ndarray:
    """Pick, among candidate delays per comment, one that fits each person's daily rhythm.

    ``delays`` has shape (n, k) in seconds; ``prefs`` the (n, 24) hour weights in local time.
    """
    times = post_utc[:, None] + (delays * 1e9).astype("timedelta64[ns]")
    hours = ((times.astype("datetime64[h]").astype(np.int64) + int(offset_h)) % 24).astype(int)
    weights = np.take_along_axis(prefs, hours, axis=1) + 1e-9
    cum = np.cumsum(weights, axis=1)
    pick = (cum < rng.random(len(delays))[:, None] * cum[:, -1:]).sum(axis=1)
    return delays[np.arange(len(delays)), np.minimum(pick, delays.shape[1] - 1)]


def simulate(seed: int = 0, config: WorldConfig | None = None) -> SimulatedWorld:
    """Simulate the comment sections of agency pages with farms and traps.

    Parameters
    ----------
    seed : int, default 0
        Everything random follows from it: the same seed gives the same world.
    config : WorldConfig, optional
        Size and make-up; the farms default to :func:`default_farms`, which covers every strategy
        but ``scripted``.

    Returns
    -------
    SimulatedWorld

    Examples
    --------
    >>> from botwatch.datasets import simulate
    >>> world = simulate(seed=1)
    >>> sorted(world.truth["role"].unique())
    ['farm', 'genuine', 'influencer', 'superfan', 'viral_commenter']
    >>> bool(world.comments["created_at"].dt.tz is not None)
    True
    """
    cfg = config or WorldConfig()
    rng = np.random.default_rng(seed)
    # Profile details added later (bios, how many accounts fresh fakes follow) are drawn from a
    # stream of their own, so that every comment of a world stays as it was.
    profile_rng = np.random.default_rng([seed, 1])
    writer = _Writer(seed)
    r = writer.r
    farms = cfg.farms if cfg.farms is not None else default_farms(rng)
    offset_h = 5.0  # rhythm bookkeeping only; real conversion below is history-aware
    start = np.datetime64(cfg.start, "D")

    # Pages and their posts: office hours on weekdays, fewer at weekends.
    pages = [f"page_{i}" for i in range(cfg.n_pages)]
    page_lang = [rng.dirichlet(np.array(cfg.language_weights) * 20) for _ in pages]
    post_rows = []
    for p, page in enumerate(pages):
        for day in range(cfg.days):
            date = start + np.timedelta64(day, "D")
            weekday = (date.astype("datetime64[D]").astype(int) + 3) % 7 < 5
            k = rng.poisson(cfg.posts_per_day * (1.0 if weekday else 0.3))
            for _ in range(k):
                hour = rng.uniform(9, 19) if rng.random() < 0.85 else rng.uniform(7, 22.5)
                post_rows.append((page, p, date + np.timedelta64(int(hour * 3600), "s")))
    posts = pd.DataFrame(post_rows, columns=["page_id", "page_idx", "local"])
    posts = posts.sort_values(["local", "page_id"], kind="stable").reset_index(drop=True)
    posts["post_id"] = [f"{cfg.platform[:2]}{seed}p{i:06d}" for i in range(len(posts))]
    posts["created_at"] = _local_to_utc(posts["local"].to_numpy(), cfg.tz)
    posts["attention"] = rng.lognormal(0.0, 1.0, len(posts))
    posts["good_news"] = rng.random(len(posts)) < cfg.good_news_share
    viral = rng.choice(len(posts), size=min(cfg.n_viral_posts, len(posts)), replace=False)
    posts["is_viral"] = False
    posts.loc[viral, "is_viral"] = True
    posts.loc[viral, "good_news"] = True  # a holiday, a medal, a long-awaited opening
    n_posts = len(posts)
    post_utc = posts["created_at"].to_numpy(dtype="datetime64[ns]")
    page_posts = [np.flatnonzero(posts["page_idx"].to_numpy() == p) for p in range(cfg.n_pages)]

    rows: dict[str, list[np.ndarray]] = {k: [] for k in ("post", "account", "delay", "text", "parent_kind")}
    accounts: list[dict[str, object]] = []
    truth: list[dict[str, object]] = []
    world_end = start + np.timedelta64(cfg.days + 3, "D")
    first_day = start.astype("datetime64[ns]")

    def add_account(
        role: str,
        farm: str = "",
        strategies: str = "",
        registration: str = "genuine",
        batch_day: np.datetime64 | None = None,
    ) -> int:
        idx = len(accounts)
        if registration == "batch":
            assert batch_day is not None
            created = batch_day + np.timedelta64(int(rng.uniform(0, 2 * 86400)), "s")
            handle = _handle(r, "name_digits" if rng.random() < 0.5 else "random")
            prof = dict(
                followers=int(rng.poisson(8)),
                following=int(rng.integers(40, 400)),
                posts=int(rng.poisson(3)),
                avatar=bool(rng.random() < 0.3),
                verified=False,
            )
        elif registration in ("aged", "genuine"):
            if registration == "genuine" and rng.random() < 0.08:
                age_days = rng.uniform(1, 90)  # genuine newcomers exist too
            else:
                age_days = rng.uniform(200, 14 * 365)
            created = first_day - np.timedelta64(int(age_days * 86400), "s")
            style = "natural" if rng.random() < 0.85 else ("name_digits" if rng.random() < 0.7 else "random")
            handle = _handle(r, style)
            prof = dict(
                followers=int(rng.lognormal(5.0, 1.2)),
                following=int(rng.lognormal(5.3, 1.0)),
                posts=int(rng.lognormal(3.5, 1.5)),
                avatar=bool(rng.random() < 0.82),
                verified=False,
            )
            if registration == "aged":  # bought accounts: alive once, little recent activity
                prof["posts"] = int(rng.lognormal(2.5, 1.2))
        else:  # influencer
            created = first_day - np.timedelta64(int(rng.uniform(3, 12) * 365 * 86400), "s")
            handle = _handle(r, "natural")
            prof = dict(
                followers=int(rng.lognormal(9.0, 0.8)),
                following=int(rng.lognormal(6.0, 0.7)),
                posts=int(rng.lognormal(6.5, 0.6)),
                avatar=True,
                verified=bool(rng.random() < 0.2),
            )
        if registration == "batch" and profile_rng.random() < 0.5:
            # Many fresh fakes follow hundreds or thousands of accounts for follow-backs.
            prof["following"] = int(min(profile_rng.lognormal(np.log(1200), 0.7), 7500))
        bio_share, bio_parts = {"batch": (0.12, 2), "aged": (0.4, 4), "genuine": (0.55, 4)}.get(
            registration, (1.0, 6)
        )
        bio = ""
        if profile_rng.random() < bio_share:
            k = int(profile_rng.integers(1, bio_parts + 1))
            bio = " | ".join(str(x) for x in profile_rng.choice(lex.BIO_PARTS, size=k, replace=False))
        accounts.append(dict(handle=handle, created=created, registration=registration, bio=bio, **prof))
        truth.append(
            dict(
                role=role,
                farm=farm,
                strategies=strategies,
                is_inauthentic=role in ("farm", "influencer"),
            )
        )
        return idx

    def person_prefs(n: int, sharp: float = 1.0) -> np.ndarray:
        shift = rng.normal(0, 2.0, n).round().astype(int)
        prefs = np.stack([np.roll(_HOUR_WEIGHTS, s) for s in shift]) ** sharp
        return prefs / prefs.sum(axis=1, keepdims=True)

    def emit(
        post_idx: np.ndarray,
        account_idx: np.ndarray,
        delays: np.ndarray,
        texts: list[str],
        parent_kind: np.ndarray,
    ) -> None:
        rows["post"].append(np.asarray(post_idx, dtype=np.int64))
        rows["account"].append(np.asarray(account_idx, dtype=np.int64))
        rows["delay"].append(np.asarray(delays, dtype=np.float64))
        rows["text"].append(np.asarray(texts, dtype=object))
        rows["parent_kind"].append(np.asarray(parent_kind, dtype=object))

    # Genuine people: heavy-tailed activity on their home pages, their own daily rhythm.
    n_gen = cfg.n_genuine
    gen_ids = np.array([add_account("genuine") for _ in range(n_gen)])
    home = rng.choice(cfg.n_pages, size=n_gen)
    second = np.where(rng.random(n_gen) < 0.3, rng.choice(cfg.n_pages, size=n_gen), home)
    langs = np.array([rng.choice(4, p=page_lang[h]) for h in home])
    n_com = 1 + np.floor(np.exp(rng.normal(0.0, 1.55, n_gen))).astype(int)
    n_com = np.minimum(n_com, 60)
    prefs = person_prefs(n_gen)
    who = np.repeat(np.arange(n_gen), n_com)
    pages_of = np.where(rng.random(len(who)) < 0.8, home[who], second[who])
    # Prolific people roam: the more someone comments, the more pages they read.
    roam = rng.random(len(who)) < np.minimum(0.5, n_com[who] / 80)
    pages_of = np.where(roam, rng.integers(0, cfg.n_pages, len(who)), pages_of)
    post_choice = np.empty(len(who), dtype=np.int64)
    attention = posts["attention"].to_numpy()
    for p in range(cfg.n_pages):
        sel = np.flatnonzero(pages_of == p)
        if len(sel) == 0 or len(page_posts[p]) == 0:
            post_choice[sel] = rng.integers(0, n_posts, len(sel))
            continue
        w = attention[page_posts[p]]
        post_choice[sel] = rng.choice(page_posts[p], size=len(sel), p=w / w.sum())
    cand = rng.lognormal(np.log(100 * 60), 1.4, (len(who), 6)) + 20
    delays = _hour_fit(rng, post_utc[post_choice], cand, prefs[who], offset_h)
    # What people write depends on the post: good news draws praise from real people too.
    good = posts["good_news"].to_numpy()[post_choice]
    kind_names = np.array(
        ["complaint", "question", "thanks", "agree", "praise", "emoji", "argue", "gratitude"]
    )
    # Politicised pages (argue_share high) have people attacking each other in the comments.
    on_good = np.array([0.19, 0.14, 0.12, 0.12, 0.32, 0.06, 0.0, 0.04])
    on_other = np.array([0.42, 0.23, 0.07, 0.18, 0.02, 0.03, 0.0, 0.01])
    on_good[-2] = on_other[-2] = cfg.argue_share / (1 - cfg.argue_share)
    # Some people are simply positive: they thank and praise far more than they complain.
    positive = rng.random(n_gen) < 0.1
    tilt = np.array([0.3, 0.5, 2.0, 1.0, 4.0, 1.0, 0.3, 4.0])
    kinds = np.empty(len(who), dtype=object)
    for is_good in (False, True):
        for pos in (False, True):
            sel = (good == is_good) & (positive[who] == pos)
            probs = (on_good if is_good else on_other) * (tilt if pos else 1.0)
            kinds[sel] = kind_names[rng.choice(len(kind_names), size=int(sel.sum()), p=probs / probs.sum())]
    kinds = kinds.astype(str)
    lang_names = np.array(lex.LANGUAGES)
    switch = rng.random(len(who)) < 0.1
    comment_lang = np.where(switch, rng.integers(0, 4, len(who)), langs[who])
    texts = [writer.genuine(lang_names[lg], k) for lg, k in zip(comment_lang, kinds, strict=True)]
    parent_kind = np.where(
        (kinds == "agree") | (kinds == "argue") | (rng.random(len(who)) < cfg.reply_share * 0.3), "any", ""
    )
    emit(post_choice, gen_ids[who], delays, texts, parent_kind)
    critic_kind = np.where(kinds == "complaint", "critic", "")

    # Trap 1: viral posts, where hundreds of real people comment within minutes.
    for v in viral:
        n_v = int(rng.integers(*cfg.viral_size))
        ids = np.array([add_account("viral_commenter") for _ in range(n_v)])
        vlang = rng.choice(4, size=n_v, p=page_lang[int(posts.loc[v, "page_idx"])])
        emit(
            np.full(n_v, v),
            ids,
            rng.exponential(8 * 60, n_v) + 15,
            [writer.viral(lang_names[lg]) for lg in vlang],
            np.full(n_v, "", dtype=object),
        )

    # Trap 2: superfans, real people who praise nearly every post of their page.
    for p in range(cfg.n_pages):
        for _ in range(cfg.superfans_per_page):
            a = add_account("superfan")
            lg = lang_names[rng.choice(4, p=page_lang[p])]
            repertoire = r.sample(list(lex.SUPERFAN[lg]), k=min(4, len(lex.SUPERFAN[lg])))
            share = rng.uniform(0.6, 0.95)
            mine = page_posts[p][rng.random(len(page_posts[p])) < share]
            habit = rng.choice(["evening", "spread", "quick"], p=[0.4, 0.4, 0.2])
            if habit == "quick":  # notifications on: minutes to an hour after the post
                d = rng.lognormal(np.log(25 * 60), 0.8, len(mine)) + 30
            elif habit == "spread":
                d = rng.lognormal(np.log(3 * 3600), 0.9, len(mine))
            else:
                cand = rng.lognormal(np.log(5 * 3600), 0.7, (len(mine), 6))
                d = _hour_fit(
                    rng,
                    post_utc[mine],
                    cand,
                    person_prefs(1, sharp=4.0).repeat(len(mine), axis=0),
                    offset_h,
                )
            emit(
                mine,
                np.full(len(mine), a),
                d,
                [writer.superfan(repertoire) for _ in mine],
                np.full(len(mine), "", dtype=object),
            )

    # Farms.
    boosted: dict[int, list[str]] = {}
    for f_i, farm in enumerate(farms):
        tags = ";".join(farm.strategies)
        role = "influencer" if farm.registration == "influencer" else "farm"
        batch_day = first_day - np.timedelta64(int(rng.uniform(5, 60) * 86400), "s")
        ids = np.array(
            [add_account(role, farm.name, tags, farm.registration, batch_day) for _ in range(farm.n_accounts)]
        )
        targets_pages = rng.choice(cfg.n_pages, size=min(farm.n_target_pages, cfg.n_pages), replace=False)
        target_posts = np.concatenate([page_posts[p] for p in targets_pages])
        if farm.boost_share < 1.0:
            k = max(2, round(farm.boost_share * len(target_posts)))
            target_posts = np.sort(rng.choice(target_posts, size=min(k, len(target_posts)), replace=False))
        for t in target_posts:
            boosted.setdefault(int(t), []).append(farm.name)
        flang = rng.dirichlet(np.array(cfg.language_weights) * 3)
        lg_main = lang_names[int(np.argmax(flang))]
        # Each farm has its own house style: two templates and a few words per slot.
        templates = r.sample(list(lex.PRAISE_TEMPLATES[lg_main]), k=2)
        slots = {
            k: r.sample(list(v), k=min(len(v), r.choice((2, 3))))
            for k, v in lex.PRAISE_SLOTS[lg_main].items()
        }
        program, hashtag = r.choice(lex.PROGRAMS), r.choice(lex.HASHTAGS)
        own_median = rng.uniform(1, 6, farm.n_accounts) * 3600
        own_prefs = person_prefs(farm.n_accounts, sharp=2.0)

        part = rng.random((len(target_posts), farm.n_accounts)) < farm.participation
        post_idx, acc_local = np.nonzero(part)
        post_idx = target_posts[post_idx]
        n = len(post_idx)
        if n == 0:
            continue
        if farm.timing == "operator":
            # One person works through the accounts in a fresh order after each post.
            delays = np.empty(n)
            for t in np.unique(post_idx):
                sel = np.flatnonzero(post_idx == t)
                sel = sel[rng.permutation(len(sel))]
                gaps = rng.uniform(25, 100, len(sel))
                delays[sel] = rng.lognormal(np.log(4 * 60), 0.5) + np.cumsum(gaps)
        elif farm.timing == "own_clock":
            cand = rng.lognormal(np.log(own_median[acc_local])[:, None], 0.6, (n, 6))
            delays = _hour_fit(rng, post_utc[post_idx], cand, own_prefs[acc_local], offset_h)
        elif farm.timing == "scripted":
            # Each account's script polls the page on its own period and answers a new post at
            # its next poll, a few seconds later, whatever the hour.
            period = rng.uniform(60, 900, farm.n_accounts)
            delays = period[acc_local] * rng.random(n) + rng.uniform(2, 20, n)
        else:
            delays = _office_delays(rng, post_utc[post_idx], cfg.tz)

        if farm.content == "template_praise":
            texts = [writer.praise(lg_main, templates, slots) for _ in range(n)]
            emit(post_idx, ids[acc_local], delays, texts, np.full(n, "", dtype=object))
        elif farm.content == "influencer":
            texts = [writer.influencer(lg_main, program, hashtag) for _ in range(n)]
            emit(post_idx, ids[acc_local], delays, texts, np.full(n, "", dtype=object))
        else:
            # Attackers answer critics; a third of their work is top-level praise.
            top = rng.random(n) < 0.35
            texts = [writer.praise(lg_main, templates, slots) if t else writer.attack(lg_main) for t in top]
            emit(
                post_idx,
                ids[acc_local],
                delays,
                texts,
                np.where(top, "", f"critic:{f_i}").astype(object),
            )
        if farm.camouflage > 0:
            per_acc = np.bincount(acc_local, minlength=farm.n_accounts)
            n_cam = rng.poisson(per_acc * farm.camouflage)
            cam_acc = np.repeat(np.arange(farm.n_accounts), n_cam)
            cam_post = rng.integers(0, n_posts, len(cam_acc))
            cand = rng.lognormal(np.log(3 * 3600), 1.0, (len(cam_acc), 6))
            cam_delay = _hour_fit(rng, post_utc[cam_post], cand, own_prefs[cam_acc], offset_h)
            emit(
                cam_post,
                ids[cam_acc],
                cam_delay,
                [writer.camouflage(lang_names[rng.choice(4, p=flang)]) for _ in cam_acc],
                np.full(len(cam_acc), "", dtype=object),
            )

    comments = _assemble(rows, posts, rng, cfg, seed, critic_kind, world_end)
    acc_table, truth_table = _account_tables(accounts, truth, cfg, seed, rng)
    acc_idx = comments.pop("_acc").to_numpy()
    _add_links(comments, acc_idx, truth, farms, cfg, seed)
    comments["account_id"] = pd.array(acc_table["account_id"].to_numpy()[acc_idx], dtype="string")
    comments.insert(
        comments.columns.get_loc("account_id") + 1,
        "account_handle",
        pd.array(acc_table["handle"].to_numpy()[acc_idx], dtype="string"),
    )
    used = acc_table["account_id"].isin(comments["account_id"].unique()).to_numpy()
    posts_out = posts[["page_id", "post_id", "created_at", "is_viral", "good_news"]].copy()
    posts_out["boosted_by"] = [";".join(boosted.get(i, [])) for i in range(n_posts)]
    return SimulatedWorld(
        comments=comments,
        accounts=acc_table[used].reset_index(drop=True),
        truth=truth_table[used].reset_index(drop=True),
        posts=posts_out,
        config=cfg,
        seed=seed,
        farms=tuple(farms),
    )


_GENUINE_SITES = (
    "tengrinews.kz/kazakhstan_news",
    "www.zakon.kz/obshestvo",
    "www.nur.kz/society",
    "youtube.com/watch?v=",
    "www.instagram.com/p/",
    "vk.com/wall-",
    "t.me/",
    "2gis.kz/almaty/geo/",
    "www.petition.kz/p/",
    "www.facebook.com/photo?fbid=",
)
_FARM_SITES = (
    "www.gov.kz/memleket/entities/",
    "www.akorda.kz/ru/",
    "primeminister.kz/ru/news/",
    "www.inform.kz/ru/",
    "24.kz/ru/news/",
    "t.me/",
    "www.youtube.com/@",
)


def _add_links(
    comments: pd.DataFrame,
    acc_idx: np.ndarray,
    truth: list[dict[str, object]],
    farms: Sequence[FarmSpec],
    cfg: WorldConfig,
    seed: int,
) -> None:
    """End some comments with a link: a few genuine people share news or petitions, some farms
    push official pages and friendly media. Drawn from a stream of its own, so that every other
    part of a world stays as it was."""
    rng = np.random.default_rng([seed, 2])
    n_acc = len(truth)
    role = np.array([t["role"] for t in truth], dtype=object)
    farm_of = np.array([t["farm"] for t in truth], dtype=object)
    people = cfg.link_people if cfg.link_people is not None else float(rng.uniform(0.01, 0.08))
    if cfg.platform == "x":
        people = min(1.0, 3 * people)
    rate = np.zeros(n_acc)
    linker = (role != "farm") & (role != "influencer") & (rng.random(n_acc) < people)
    rate[linker] = np.exp(rng.uniform(np.log(0.05), np.log(0.6), int(linker.sum())))
    for farm in farms:
        share = farm.links
        if share is None:
            share = float(rng.uniform(0.05, 0.7)) if rng.random() < 0.35 else 0.0
        rate[farm_of == farm.name] = share
    has = rng.random(len(comments)) < rate[acc_idx]
    if not has.any():
        return
    inauthentic = np.isin(role, ("farm", "influencer"))[acc_idx[has]]
    texts = comments["text"].to_numpy(dtype=object).copy()
    out = []
    for text, farm in zip(texts[has], inauthentic, strict=True):
        site = str(rng.choice(_FARM_SITES if farm else _GENUINE_SITES))
        url = f"https://{site}{rng.integers(10_000, 10_000_000)}"
        out.append(url if rng.random() < 0.15 or not text else f"{text} {url}")
    texts[has] = out
    comments["text"] = pd.array(texts, dtype="string")


def _office_delays(rng: np.random.Generator, post_utc: np.ndarray, tz: str) -> np.ndarray:
    """Delays that land in weekday working hours (09:00-18:00 local)."""
    local = pd.DatetimeIndex(post_utc).tz_localize("UTC").tz_convert(tz).tz_localize(None)
    out = np.empty(len(post_utc))
    for i, t in enumerate(local):
        cand = t + pd.Timedelta(seconds=float(rng.uniform(10 * 60, 3 * 3600)))
        day = cand.normalize()
        while cand.weekday() >= 5 or cand.hour < 9 or cand.hour >= 18:
            if cand.weekday() < 5 and cand.hour < 9:
                cand = day + pd.Timedelta(hours=9) + pd.Timedelta(seconds=float(rng.uniform(0, 4 * 3600)))
            else:
                day = day + pd.Timedelta(days=1)
                cand = day + pd.Timedelta(hours=9) + pd.Timedelta(seconds=float(rng.uniform(0, 4 * 3600)))
        out[i] = (cand - t).total_seconds()
    return out


def _assemble(
    rows: dict[str, list[np.ndarray]],
    posts: pd.DataFrame,
    rng: np.random.Generator,
    cfg: WorldConfig,
    seed: int,
    critic_kind: np.ndarray,
    world_end: np.datetime64,
) -> pd.DataFrame:
    post = np.concatenate(rows["post"])
    acc = np.concatenate(rows["account"])
    delay = np.concatenate(rows["delay"])
    text = np.concatenate(rows["text"])
    parent_kind = np.concatenate(rows["parent_kind"])
    critic = np.zeros(len(post), dtype=bool)
    critic[: len(critic_kind)] = critic_kind == "critic"
    created = posts["created_at"].to_numpy(dtype="datetime64[ns]")[post] + (delay * 1e9).astype(
        "timedelta64[ns]"
    )
    created = created.astype("datetime64[s]").astype("datetime64[ns]")  # sources write seconds
    df = pd.DataFrame(
        {
            "post": post,
            "acc": acc,
            "created": created,
            "text": text,
            "parent_kind": parent_kind,
            "critic": critic,
        }
    )
    df = df[df["created"] < world_end.astype("datetime64[ns]")]
    df = df.sort_values(["created", "post", "acc"], kind="stable").reset_index(drop=True)
    df["comment_id"] = [f"{seed}c{i:07d}" for i in range(len(df))]
    parent = np.full(len(df), None, dtype=object)
    # Replies: a reply answers an earlier comment on the same post; attacks answer critics.
    for _, grp in df.groupby("post", sort=False):
        idx = grp.index.to_numpy()
        kinds = grp["parent_kind"].to_numpy()
        crit = grp["critic"].to_numpy()
        for j in np.flatnonzero(kinds != ""):
            earlier = idx[:j]
            if kinds[j].startswith("critic"):
                earlier = earlier[crit[:j]]
            if len(earlier):
                parent[idx[j]] = df.at[int(earlier[rng.integers(0, len(earlier))]), "comment_id"]
    post_table = posts.reset_index(drop=True)
    out = pd.DataFrame(
        {
            "platform": cfg.platform,
            "page_id": post_table["page_id"].to_numpy()[df["post"]],
            "post_id": post_table["post_id"].to_numpy()[df["post"]],
            "post_created_at": pd.to_datetime(
                post_table["created_at"].to_numpy()[df["post"]], utc=True
            ).astype("datetime64[ns, UTC]"),
            "comment_id": df["comment_id"],
            "parent_id": pd.array(parent, dtype="string"),
            "account_id": df["acc"].to_numpy(),
            "_acc": df["acc"].to_numpy(),
            "created_at": pd.to_datetime(df["created"].to_numpy(), utc=True).astype("datetime64[ns, UTC]"),
            "time_precision_s": 1,
            "text": pd.array(df["text"].to_numpy(), dtype="string"),
            "like_count": pd.array(rng.geometric(0.3, len(df)) - 1, dtype="Int64"),
        }
    )
    out["platform"] = out["platform"].astype("category")
    for name in ("page_id", "post_id", "comment_id"):
        out[name] = out[name].astype("string")
    return out


def _account_tables(
    accounts: list[dict[str, object]],
    truth: list[dict[str, object]],
    cfg: WorldConfig,
    seed: int,
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    acc = pd.DataFrame(accounts)
    created = pd.to_datetime(acc["created"].to_numpy(), utc=True)
    # Numeric ids grow with registration time; a batch registered together gets a run of ids.
    epoch_s = created.asi8 // 10**9
    ids = ((epoch_s - 1.1e9).clip(0) * 0.4).astype(np.int64) + 10_000_000
    ids += rng.integers(0, 400, len(acc))
    farm_of = np.array([row["farm"] for row in truth], dtype=object)
    batch = (acc["registration"] == "batch").to_numpy()
    for name in np.unique(farm_of[batch]):
        sel = np.flatnonzero(batch & (farm_of == name))
        ids[sel] = ids[sel].min() + np.cumsum(rng.integers(1, 4, len(sel)))
    # Ids are unique: a clash (rare) moves to a far range.
    _, first = np.unique(ids, return_index=True)
    clash = np.ones(len(ids), dtype=bool)
    clash[first] = False
    ids[clash] = 10**12 + np.flatnonzero(clash)
    account_id = pd.array([str(i) for i in ids], dtype="string")
    table = pd.DataFrame(
        {
            "platform": pd.Categorical([cfg.platform] * len(acc)),
            "account_id": account_id,
            "handle": pd.array(acc["handle"], dtype="string"),
            "display_name": pd.array(
                [h.replace("_", " ").replace(".", " ").title() for h in acc["handle"]],
                dtype="string",
            ),
            "created_at": created,
            "followers_count": pd.array(acc["followers"], dtype="Int64"),
            "following_count": pd.array(acc["following"], dtype="Int64"),
            "posts_count": pd.array(acc["posts"], dtype="Int64"),
            "is_verified": pd.array(acc["verified"], dtype="boolean"),
            "has_avatar": pd.array(acc["avatar"], dtype="boolean"),
            "bio": pd.array(acc["bio"], dtype="string"),
        }
    )
    t = pd.DataFrame(truth)
    t.insert(0, "account_id", account_id)
    t["strategies"] = t["strategies"].astype("string")
    return table, t


def random_farms(rng: np.random.Generator) -> tuple[FarmSpec, ...]:
    """The default mix plus one to three farms with random combinations of tactics."""
    farms = list(default_farms(rng))
    for i in range(int(rng.integers(1, 4))):
        registration = str(rng.choice(["batch", "aged", "influencer"], p=[0.45, 0.4, 0.15]))
        content = (
            "influencer"
            if registration == "influencer"
            else str(rng.choice(["template_praise", "critic_attack"], p=[0.65, 0.35]))
        )
        farms.append(
            FarmSpec(
                f"mixed_{i}",
                int(rng.integers(5, 30)),
                str(rng.choice(["operator", "own_clock", "office_hours", "scripted"])),  # type: ignore[arg-type]
                content,  # type: ignore[arg-type]
                registration,  # type: ignore[arg-type]
                boost_share=float(rng.choice([1.0, rng.uniform(0.1, 0.5)])),
                participation=float(rng.uniform(0.3, 0.9)),
                camouflage=float(rng.choice([0.0, rng.uniform(0.1, 2.0)])),
                n_target_pages=int(rng.integers(1, 3)),
            )
        )
    return tuple(farms)


def random_world_config(rng: np.random.Generator) -> WorldConfig:
    """A world of random size and make-up, for training and for validation across worlds."""
    return WorldConfig(
        n_pages=int(rng.integers(2, 6)),
        days=int(rng.integers(14, 43)),
        posts_per_day=float(rng.uniform(0.8, 2.5)),
        n_genuine=int(rng.integers(1000, 4500)),
        superfans_per_page=int(rng.integers(2, 7)),
        n_viral_posts=int(rng.integers(1, 4)),
        platform=str(rng.choice(["instagram", "facebook", "vk", "telegram", "youtube", "x"])),
        farms=random_farms(rng),
        reply_share=float(rng.uniform(0.1, 0.35)),
        good_news_share=float(rng.uniform(0.1, 0.6)),
        argue_share=float(rng.choice([0.02, 0.05, 0.1, 0.2])),
        language_weights=tuple(rng.dirichlet([5, 3, 1, 1]).tolist()),
    )


def degrade(
    world: SimulatedWorld,
    rng: np.random.Generator,
    *,
    profiles: str | None = None,
    precision_s: int | None = None,
    bios: bool | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The world as a real dump might give it: without profiles, or with coarse times.

    Parameters
    ----------
    world : SimulatedWorld
    rng : numpy.random.Generator
        Chooses what to degrade where ``profiles`` or ``precision_s`` is not given.
    profiles : {"full", "undated", "partial", "none"}, optional
        Keep every profile; every profile without its registration date (Instagram, Telegram and
        YouTube show counts and pictures but not when an account was made); a random half; or none.
    precision_s : int, optional
        Round comment times down to this many seconds (1, 60 or 86400).
    bios : bool, optional
        Keep the profiles' bios, or blank them as sources that give no bio do; chosen at random
        (kept in 60 % of worlds) where not given.

    Returns
    -------
    comments, accounts
    """
    if profiles is None:
        profiles = str(rng.choice(["full", "undated", "partial", "none"], p=[0.3, 0.15, 0.2, 0.35]))
    if precision_s is None:
        precision_s = int(rng.choice([1, 60, 86400], p=[0.8, 0.15, 0.05]))
    comments = world.comments.copy()
    if precision_s > 1:
        floor = f"{precision_s}s" if precision_s < 86400 else "D"
        comments["created_at"] = comments["created_at"].dt.floor(floor)
        comments["time_precision_s"] = precision_s
    if profiles == "none":
        return comments, None
    accounts = world.accounts
    if profiles == "undated":
        accounts = accounts.assign(
            created_at=pd.Series(pd.NaT, index=accounts.index, dtype=accounts["created_at"].dtype)
        )
    elif profiles == "partial":
        accounts = accounts[rng.random(len(accounts)) < 0.5].reset_index(drop=True)
    if bios is None:
        bios = bool(rng.random() < 0.6)
    if not bios:
        accounts = accounts.assign(bio=pd.Series(pd.NA, index=accounts.index, dtype="string"))
    return comments, accounts
