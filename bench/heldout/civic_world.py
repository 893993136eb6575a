"""A fourth world generator, for testing only: comment sections of Kazakh government pages.

    from civic_world import civic_world
    comments, accounts, truth = civic_world(seed)

``civic_world(seed)`` builds one random "world": a handful of ministry/akimat
pages on several platforms, their posts, a genuine audience with many kinds of
hard negatives, and zero or more paid/bot farms, each running one tactic with
its own knobs.  It returns ``(comments, accounts, truth)``; see ``CIVIC.md``.

Randomness comes only from a ``numpy.random.default_rng(seed)`` and a local
``random.Random`` seeded from it (used for fast per-string choices), so the
same seed always yields the same world.
"""

from __future__ import annotations

import math
import os
import random
import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import civic_phrases as P

# ----------------------------------------------------------------- constants
PLATFORMS = ("telegram", "instagram", "facebook", "vk", "youtube", "x")
T_SWITCH = 1709229600  # 2024-03-01 00:00 at UTC+6: Kazakhstan moves to UTC+5
DAY = 86400.0
HOUR = 3600.0
START_LO = pd.Timestamp("2021-03-01", tz="UTC").timestamp()
START_HI = pd.Timestamp("2025-10-01", tz="UTC").timestamp()
LAUNCH = {
    "telegram": "2013-08-14",
    "instagram": "2010-10-06",
    "facebook": "2006-09-26",
    "vk": "2006-10-10",
    "youtube": "2005-04-23",
    "x": "2006-07-15",
}
LAUNCH_TS = {k: pd.Timestamp(v, tz="UTC").timestamp() for k, v in LAUNCH.items()}

POST_TYPES = ("achievement", "report", "event", "holiday", "service", "problem", "appeal", "contest", "news")
KINDS = (
    "thanks",
    "praise",
    "complaint",
    "question",
    "joke",
    "tag",
    "emoji",
    "empty",
    "greeting",
    "neutral",
    "argue",
    "agree",
    "answer",
    "callout",
    "contest",
    "slogan",
    "admin",
    "attack",
    "defend",
    "filler",
    "minimal",
    "spam",
    "farm_praise",
    "long",
)
KI = {k: i for i, k in enumerate(KINDS)}
TOP = KINDS[:10]
# genuine top-level kind mix per post type
# (thanks praise complaint question joke tag emoji empty greeting neutral)
TYPE_KIND = np.array(
    [
        [0.18, 0.22, 0.14, 0.08, 0.05, 0.06, 0.12, 0.04, 0.01, 0.10],
        [0.10, 0.10, 0.25, 0.18, 0.06, 0.03, 0.06, 0.02, 0.00, 0.20],
        [0.12, 0.15, 0.08, 0.12, 0.06, 0.12, 0.12, 0.05, 0.03, 0.15],
        [0.10, 0.08, 0.04, 0.02, 0.03, 0.05, 0.15, 0.08, 0.40, 0.05],
        [0.06, 0.02, 0.35, 0.30, 0.05, 0.04, 0.05, 0.02, 0.00, 0.11],
        [0.04, 0.02, 0.45, 0.22, 0.07, 0.05, 0.05, 0.02, 0.00, 0.08],
        [0.08, 0.05, 0.20, 0.25, 0.06, 0.06, 0.06, 0.03, 0.00, 0.21],
        [0.05, 0.05, 0.03, 0.05, 0.02, 0.25, 0.10, 0.05, 0.00, 0.10],
        [0.08, 0.08, 0.22, 0.16, 0.08, 0.06, 0.08, 0.03, 0.00, 0.21],
    ]
)
ROLE_KIND = {
    "genuine": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    "regular": [1.5, 1.5, 1, 1, 1, 0.8, 1, 0.6, 1.2, 1.3],
    "critic": [0.15, 0.1, 4, 2, 1.5, 0.5, 0.6, 0.2, 0.3, 0.8],
    "activist": [0.4, 0.3, 2.5, 3, 0.8, 2, 0.5, 0.2, 0.5, 1],
    "journalist": [0.3, 0.2, 0.6, 5, 0.3, 0.3, 0.2, 0.05, 0.2, 2],
    "arguer": [0.3, 0.3, 1.5, 1, 3, 0.5, 1, 0.5, 0.3, 1.5],
    "lurker": [0.6, 0.5, 0.3, 0.3, 0.5, 1.5, 8, 6, 1, 0.3],
    "newcomer": [1, 1, 1, 2.5, 0.5, 1, 1, 1, 1, 1],
    "viral_crowd": [0.3, 0.3, 2, 0.8, 3, 2.5, 2, 0.8, 0.1, 1],
    "superfan": [3, 3, 0.1, 0.2, 0.3, 0.2, 2, 0.5, 2, 0.3],
}
GENUINE_CURVE = np.array(
    [
        0.25,
        0.12,
        0.06,
        0.04,
        0.04,
        0.07,
        0.18,
        0.4,
        0.6,
        0.7,
        0.75,
        0.8,
        0.85,
        0.8,
        0.75,
        0.75,
        0.78,
        0.82,
        0.9,
        0.97,
        1.0,
        0.95,
        0.75,
        0.45,
    ]
)
POSTING_CURVE = np.array(
    [
        0.02,
        0.01,
        0.01,
        0.01,
        0.01,
        0.02,
        0.05,
        0.2,
        0.5,
        0.9,
        1,
        1,
        0.9,
        0.8,
        0.9,
        1,
        0.9,
        0.8,
        0.6,
        0.5,
        0.4,
        0.3,
        0.15,
        0.05,
    ]
)
OFFICE_CURVE = np.array([0] * 8 + [0.3, 1, 1, 1, 1, 0.35, 1, 1, 1, 1, 0.5] + [0] * 5, dtype=float)
FLAT_THREADS = {"instagram", "facebook", "youtube"}  # replies to replies hang on the root
TACTIC_WEIGHTS = {
    "flash_swarm": 1.2,
    "office_shift": 1.0,
    "slow_drip": 1.0,
    "critic_hunt": 1.0,
    "camouflaged": 0.8,
    "budget_workers": 0.8,
    "like_ring": 0.6,
    "reply_chorus": 0.8,
    "hired_bloggers": 0.5,
    "astroturf_petition": 0.7,
    "drown_out": 0.7,
    "sleeper_cell": 0.6,
    "rotating_pool": 0.8,
    "copypaste_spray": 0.6,
    "commercial_spam": 0.5,
}
CIVIC_TACTICS: tuple[str, ...] = tuple(TACTIC_WEIGHTS)
"""Farm tactics of :func:`civic_world`."""
REPLY_TACTICS = ("critic_hunt", "reply_chorus", "commercial_spam", "like_ring")


def _offset(t: np.ndarray | float) -> np.ndarray:
    """UTC offset (seconds) of Asia/Almaty local time at UTC instant ``t``."""
    return np.where(np.asarray(t) < T_SWITCH, 21600, 18000)


def _local_hour(t: np.ndarray) -> np.ndarray:
    return (((t + _offset(t)) // HOUR) % 24).astype(int)


def _weekday(t: np.ndarray) -> np.ndarray:
    return ((((t + _offset(t)) // DAY) + 3) % 7).astype(int)


def _loguniform(rng: np.random.Generator, lo: float, hi: float, size=None):
    return np.exp(rng.uniform(math.log(lo), math.log(hi), size))


# ----------------------------------------------------------------- buffers
class _Comments:
    """Growable column store for comments (indices are global comment numbers)."""

    def __init__(self) -> None:
        self.cap = 4096
        self.n = 0
        self.page = np.zeros(self.cap, np.int32)
        self.post = np.zeros(self.cap, np.int32)
        self.acc = np.zeros(self.cap, np.int32)
        self.t = np.zeros(self.cap, np.float64)
        self.parent = np.zeros(self.cap, np.int64)
        self.kind = np.zeros(self.cap, np.int16)
        self.text: list[str] = []

    def _grow(self, need: int) -> None:
        while self.cap < need:
            self.cap *= 2
        for name in ("page", "post", "acc", "t", "parent", "kind"):
            a = getattr(self, name)
            b = np.zeros(self.cap, a.dtype)
            b[: self.n] = a[: self.n]
            setattr(self, name, b)

    def add(self, page, post, acc, t, parent, kind, texts: list[str]) -> np.ndarray:
        m = len(texts)
        if m == 0:
            return np.zeros(0, np.int64)
        if self.n + m > self.cap:
            self._grow(self.n + m)
        s = slice(self.n, self.n + m)
        self.page[s] = page
        self.post[s] = post
        self.acc[s] = acc
        self.t[s] = t
        self.parent[s] = parent
        self.kind[s] = kind
        self.text.extend(texts)
        idx = np.arange(self.n, self.n + m)
        self.n += m
        return idx

    def view(self, name: str) -> np.ndarray:
        return getattr(self, name)[: self.n]


@dataclass
class _Farm:
    name: str
    tactic: str
    platform: str
    pages: np.ndarray
    t0: float
    t1: float
    budget: float
    role: str = "farm"
    accs: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    voice_: _Voice | None = None
    camo: float = 0.0
    self_like: float = 0.0

    @property
    def voice(self) -> _Voice:
        """The farm's way of writing, set when the farm is drawn."""
        if self.voice_ is None:
            raise RuntimeError(f"farm {self.name} has no voice yet")
        return self.voice_


class _Voice:
    """Text production of one farm: reuse mode, language mix and message pools."""

    MODES = ("exact", "light", "template", "distinct", "mixed")

    def __init__(self, W: _World, mode: str, langp: np.ndarray, pool_size: int, tag: str) -> None:
        self.W, self.R = W, W.R
        self.mode = mode
        self.langs = list(P.LANGS)
        self.cum = np.cumsum(langp / langp.sum()).tolist()
        self.pool_size = pool_size
        self.pools: dict[str, list[str]] = {}
        self.tag = tag
        self.style = int(W.rng.choice([0, 0, 1, 2, 4, 64, 4 | 64]))

    def lang(self) -> str:
        u = self.R.random()
        for code, c in zip(self.langs, self.cum, strict=False):
            if u <= c:
                return code
        return self.langs[-1]

    def base(self, intent: str, lang: str | None = None) -> str:
        """A freshly composed farm message for ``intent`` (template grammar)."""
        R = self.R
        lang = lang or self.lang()
        bl = "kk" if lang in ("kk", "kkl") else ("en" if lang == "en" else "ru")
        if lang == "mix":
            bl = R.choice(["ru", "kk"])
        if intent == "praise":
            form = R.random()
            if form < 0.55:
                opener, subject = R.choice(P.FARM_OPENER[bl]), R.choice(P.FARM_SUBJECT[bl])
                s = f"{opener} {subject} {R.choice(P.FARM_REASON[bl])}!"
            elif form < 0.8:
                s = R.choice(P.GENUINE["praise"][bl]) + " " + R.choice(P.FARM_CLOSER[bl])
            else:
                s = R.choice(P.FARM_CLOSER[bl])
            if R.random() < 0.45:
                cl = "kk" if (lang == "mix" and bl == "ru") else bl
                s += " " + R.choice(P.FARM_CLOSER[cl])
        elif intent == "attack":
            s = R.choice(P.FARM_ATTACK[bl])
            if R.random() < 0.3:
                s += ". " + R.choice(P.FARM_DEFEND[bl])
        elif intent == "defend":
            s = R.choice(P.FARM_DEFEND[bl])
        elif intent == "agree":
            s = R.choice(P.FARM_AGREE[bl])
        elif intent == "filler":
            s = R.choice(P.FARM_FILLER[bl]) + (" " + R.choice(P.EMOJI_POS) if R.random() < 0.5 else "")
        elif intent == "slogan":
            s = R.choice(P.FARM_SLOGAN[bl]) + " " + self.tag
        elif intent == "spam":
            s = R.choice(P.SPAM[bl])
        elif intent == "minimal":
            s = R.choice(P.FARM_MINIMAL)
        elif intent == "long":
            k = R.randint(2, 4)
            s = " ".join(R.sample(P.BLOGGER_LONG[bl], min(k, len(P.BLOGGER_LONG[bl])))) + " " + self.tag
        else:
            s = R.choice(P.FARM_FILLER[bl])
        s = P.fill(s, R)
        if lang == "kkl":
            s = P.translit(s, R.random() < 0.3)
        return s

    def say(self, intent: str) -> str:
        R = self.R
        mode = self.mode if self.mode != "mixed" else R.choice(self.MODES[:4])
        if intent in ("minimal", "spam") and mode == "distinct":
            mode = "light"
        if mode == "exact" or mode == "light":
            pool = self.pools.get(intent)
            if pool is None:
                pool = [self.base(intent) for _ in range(self.pool_size)]
                self.pools[intent] = pool
            s = R.choice(pool)
            if mode == "light":
                s = P.perturb(s, R, R.randint(1, 2))
            return P.stylize(s, self.style, R) if R.random() < 0.3 else s
        if mode == "template":
            return self.base(intent)
        # distinct: written like an ordinary user would
        kind = {
            "praise": "praise",
            "attack": "argue",
            "defend": "argue",
            "agree": "agree",
            "filler": "greeting",
            "slogan": "praise",
            "long": "praise",
        }.get(intent, "thanks")
        if intent in ("attack", "defend") and R.random() < 0.5:
            return self.base(intent)
        return self.W.gtext(
            kind,
            self.lang(),
            R.choice(P.TOPICS),
            R.randint(1, 3),
            int(self.W.rng.integers(0, 128)) & 0b1111101,
        )


# ----------------------------------------------------------------- the world
class _World:
    """Holds the random state and all tables while a world is being built."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.R = random.Random(int(self.rng.integers(0, 2**62)))
        self.C = _Comments()
        # account columns (python lists, appended in bulk)
        self.a_platform: list[str] = []
        self.a_role: list[str] = []
        self.a_farm: list[str | None] = []
        self.a_tactic: list[str | None] = []
        self.a_inauth: list[bool] = []
        self.a_source: list[str] = []
        self.a_reg: list[float] = []
        self.a_lang: list[int] = []
        self.a_style: list[int] = []
        self.a_verb: list[float] = []
        self.a_speed: list[float] = []
        self.a_name: list[str] = []
        self.a_handle: list[str | None] = []
        self.a_id: list[str] = []
        self.a_topic: list[int] = []
        self.used_ids: set[str] = set()
        self.boost_idx: list[np.ndarray] = []
        self.boost_val: list[np.ndarray] = []
        self.farms: list[_Farm] = []
        self.params: dict[str, object] = {}

    # ------------------------------------------------------------ time helpers
    def thin(
        self,
        t0: np.ndarray,
        mu: np.ndarray,
        sig: float | np.ndarray,
        curve: np.ndarray,
        tries: int = 4,
        min_delay: float = 2.0,
    ) -> np.ndarray:
        """``t0`` + lognormal delays, re-drawn where the local-hour ``curve`` rejects them."""
        rng = self.rng
        n = len(t0)
        sig = np.broadcast_to(np.asarray(sig, float), (n,))
        d = np.exp(mu + sig * rng.standard_normal(n)) + min_delay
        t = t0 + d
        for _ in range(tries):
            bad = rng.random(n) > curve[_local_hour(t)]
            if not bad.any():
                break
            nb = int(bad.sum())
            d[bad] = np.exp(mu[bad] + sig[bad] * rng.standard_normal(nb)) + min_delay
            t[bad] = t0[bad] + d[bad]
        return t

    def uniform_times(self, lo: float, hi: float, n: int, curve: np.ndarray) -> np.ndarray:
        """``n`` times in [lo, hi) following a local-hour curve (rejection sampling)."""
        out: list[np.ndarray] = []
        got = 0
        for _ in range(30):
            c = self.rng.uniform(lo, hi, max(16, 3 * (n - got)))
            c = c[self.rng.random(len(c)) < curve[_local_hour(c)]]
            out.append(c)
            got += len(c)
            if got >= n:
                break
        res = np.concatenate(out)[:n] if out else np.zeros(0)
        if len(res) < n:
            res = np.concatenate([res, self.rng.uniform(lo, hi, n - len(res))])
        return res

    # ------------------------------------------------------------ accounts
    def _reg_organic(self, platform: str, n: int, p_new: float) -> np.ndarray:
        rng = self.rng
        age = np.exp(rng.normal(math.log(4.5 * 365), 0.75, n)) * DAY
        new = rng.random(n) < p_new
        age[new] = rng.uniform(2, 200, int(new.sum())) * DAY
        reg = self.t_start - age
        lo = LAUNCH_TS[platform]
        bad = reg < lo
        reg[bad] = lo + rng.uniform(0, self.t_start - lo, int(bad.sum()))
        return reg

    def _make_id(self, platform: str, reg: float) -> str:
        """Platform-realistic account id that grows with registration time."""
        R = self.R
        yr = 1970 + reg / (365.25 * DAY)
        for _ in range(20):
            if platform == "telegram":
                v = np.interp(
                    yr,
                    [2013.6, 2016, 2018, 2020, 2021.5, 2023, 2025, 2027],
                    [1e7, 2e8, 6e8, 1.2e9, 1.9e9, 6e9, 7.6e9, 8.5e9],
                ) * R.uniform(0.97, 1.03)
                s = str(int(v))
            elif platform == "vk":
                v = np.interp(
                    yr,
                    [2006.8, 2008, 2010, 2013, 2016, 2019, 2022, 2025, 2027],
                    [1e5, 2e7, 8e7, 2e8, 4e8, 5.5e8, 7.4e8, 8.9e8, 9.5e8],
                ) * R.uniform(0.995, 1.005)
                s = str(int(v))
            elif platform == "instagram":
                v = np.exp(
                    np.interp(
                        yr,
                        [2010.8, 2013, 2015, 2018, 2020, 2022, 2025, 2027],
                        np.log([1e6, 5e8, 2e9, 8e9, 3e10, 5e10, 7.2e10, 8e10]),
                    )
                ) * R.uniform(0.95, 1.05)
                s = str(int(v))
            elif platform == "facebook":
                if yr < 2009.3:
                    s = str(R.randint(500_000_000, 1_900_000_000))
                else:
                    s = str(int(100_000_000_000_000 + (yr - 2009.3) * 6.1e9 + R.randint(0, 500_000_000)))
            elif platform == "x":
                v = np.exp(
                    np.interp(
                        yr,
                        [2006.5, 2009, 2011, 2013, 2015, 2017, 2020, 2024, 2027],
                        np.log([1e6, 5e7, 3e8, 1.5e9, 4e9, 8.5e17, 1.25e18, 1.75e18, 1.95e18]),
                    )
                )
                s = str(int(v * R.uniform(0.98, 1.02)))
            else:  # youtube channel id or handle chosen later
                s = "UC" + "".join(
                    R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                    for _ in range(22)
                )
            if s not in self.used_ids:
                self.used_ids.add(s)
                return s
        s = s + str(R.randint(10, 99))
        self.used_ids.add(s)
        return s

    def _name_handle(
        self, platform: str, lang: int, hstyle: str, series: tuple[str, int] | None
    ) -> tuple[str, str | None]:
        R = self.R
        kk = R.random() < (0.85 if lang in (1, 2, 4) else 0.5)
        female = R.random() < 0.5
        if kk:
            first = R.choice(P.KK_FEMALE if female else P.KK_MALE)
            sur = R.choice(P.KK_SURNAMES)
        else:
            first = R.choice(P.RU_FEMALE if female else P.RU_MALE)
            sur = R.choice(P.RU_SURNAMES)
        if female and sur.endswith(("ов", "ев", "ин")):
            sur += "а"
        u = R.random()
        if u < 0.45:
            name = f"{first} {sur}"
        elif u < 0.75:
            name = P.translit(f"{first} {sur}")
        elif u < 0.87:
            name = first + (" " + R.choice(P.EMOJI_POS) if R.random() < 0.4 else "")
        else:
            name = R.choice(P.NICK_WORDS).capitalize() + " " + P.translit(first)
        lf, ls = P.translit(first).lower(), P.translit(sur).lower()
        h: str | None
        if hstyle == "series" and series:
            h = f"{series[0]}{series[1]:03d}"
        elif hstyle == "random":
            h = R.choice(["user", "id", "", lf[:3]]) + str(R.randint(10_000, 99_999_999))
            if not h[0].isalpha():
                h = "u" + h
        elif hstyle == "nick":
            first, second = R.choice(P.NICK_WORDS), R.choice(P.NICK_WORDS)
            h = f"{first}_{second}{R.randint(0, 99) if R.random() < 0.6 else ''}"
        else:
            sep = R.choice(["_", ".", "", "_"])
            h = R.choice(
                [
                    f"{lf}{sep}{ls}",
                    f"{lf}{sep}{R.randint(70, 2012)}",
                    f"{lf[0]}{sep}{ls}",
                    f"{ls}{sep}{lf}{R.randint(1, 99)}",
                ]
            )
        if platform == "telegram" and R.random() < 0.35:
            h = None
        elif platform == "vk" and hstyle != "series" and R.random() < 0.4:
            h = "default"  # id{number}, filled once id exists
        elif platform == "facebook" and R.random() < 0.5:
            h = None
        elif platform == "youtube":
            h = (
                "@"
                + h.replace(".", "-")[:28]
                + (
                    "-" + "".join(R.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(3))
                    if R.random() < 0.4
                    else ""
                )
            )
        elif platform == "x" and h:
            h = h.replace(".", "_")[:15]
        return name, h

    def new_accounts(
        self,
        platform: str,
        n: int,
        role: str,
        source: str,
        reg: np.ndarray,
        langs: np.ndarray,
        hstyle: str | list[str] = "personal",
        farm: str | None = None,
        tactic: str | None = None,
        inauth: bool = False,
        verb_mu: float = 0.0,
    ) -> np.ndarray:
        """Create ``n`` accounts and return their global indices."""
        rng, R = self.rng, self.R
        start = len(self.a_id)
        styles = rng.integers(0, 128, n) & rng.choice([0, 1, 3, 5, 9, 17, 33, 65, 127], n)
        verbs = np.exp(rng.normal(verb_mu, 0.6, n))
        speeds = np.exp(rng.normal(0, 0.7, n))
        topics = rng.integers(0, len(P.TOPICS), n)
        series_prefix = None
        if hstyle == "series":
            series_prefix = (
                R.choice(P.NICK_WORDS)
                + R.choice(["_", "", "."])
                + R.choice(P.NICK_WORDS)
                + R.choice(["_", ""]),
                R.randint(0, 300),
            )
        for i in range(n):
            hs = hstyle if isinstance(hstyle, str) else R.choice(hstyle)
            ser = (series_prefix[0], series_prefix[1] + i) if series_prefix else None
            name, h = self._name_handle(platform, int(langs[i]), hs, ser)
            aid = self._make_id(platform, float(reg[i]))
            if h == "default":
                h = f"id{aid}"
            if platform == "youtube" and self.yt_handle_ids and h:
                self.used_ids.discard(aid)
                aid = h
                while aid in self.used_ids:
                    aid = h + str(R.randint(100, 999))
                self.used_ids.add(aid)
            self.a_id.append(aid)
            self.a_handle.append(h)
            self.a_name.append(name)
        self.a_platform += [platform] * n
        self.a_role += [role] * n
        self.a_farm += [farm] * n
        self.a_tactic += [tactic] * n
        self.a_inauth += [inauth] * n
        self.a_source += [source] * n
        self.a_reg += list(map(float, reg))
        self.a_lang += list(map(int, langs))
        self.a_style += list(map(int, styles))
        self.a_verb += list(map(float, verbs))
        self.a_speed += list(map(float, speeds))
        self.a_topic += list(map(int, topics))
        return np.arange(start, start + n)

    # ------------------------------------------------------------ text
    def gtext(
        self, kind: str, lang: str, topic: str, nsent: int, style: int, friends: list[str] | None = None
    ) -> str:
        """Compose an ordinary user's comment of ``kind`` in ``lang``."""
        R = self.R
        if kind == "empty":
            return ""
        if kind == "emoji":
            pool = R.choice([P.EMOJI_POS, P.EMOJI_POS, P.EMOJI_NEG, P.EMOJI_FUN, P.EMOJI_ANY])
            e = R.choice(pool)
            return (
                e * R.randint(1, 4)
                if R.random() < 0.6
                else "".join(R.choice(pool) for _ in range(R.randint(1, 4)))
            )
        bl = "kk" if lang in ("kk", "kkl") else ("en" if lang == "en" else "ru")
        if lang == "mix":
            bl = "ru"
        parts: list[str] = []
        if kind in ("complaint", "question") and R.random() < 0.7:
            if bl == "ru":
                src = P.TOPIC_COMPLAINT[topic]["ru"] if kind == "complaint" else P.TOPIC_QUESTION[topic]
            elif bl == "kk":
                src = P.TOPIC_COMPLAINT[topic]["kk"] if kind == "complaint" else P.KK_TOPIC_Q
            else:
                src = P.EN_TOPIC
            parts.append(R.choice(src))
        else:
            parts.append(
                R.choice(P.GENUINE.get(kind, P.GENUINE["neutral"]).get(bl) or P.GENUINE["neutral"]["ru"])
            )
        extra_bank = P.EXTRA.get(kind) or P.EXTRA["praise" if kind in ("thanks", "greeting") else "neutral"]
        if nsent > 1:
            el = "kk" if (lang == "mix" and R.random() < 0.6) else bl
            bank = extra_bank.get(el) or extra_bank["ru"]
            parts.extend(R.sample(bank, min(nsent - 1, len(bank))))
        if lang == "mix" and len(parts) == 1:
            if kind in ("thanks", "praise", "greeting", "agree"):
                parts.append(R.choice(["Рахмет!", "жарайсыңдар", "керемет", "рақмет", "тамаша"]))
            elif kind in ("complaint", "argue", "callout", "joke"):
                parts.append(R.choice(["ұят", "қашан?", "болмайды ғой", "не деген", "қашанға дейін"]))
            else:
                parts.append(R.choice(["ия ғой", "солай", "иә", "білмеймін", "қалай?"]))
        s = " ".join(parts)
        s = P.fill(s, R, friends)
        if lang == "kkl":
            s = P.translit(s, R.random() < 0.25)
        return P.stylize(s, style, R)

    # ------------------------------------------------------------ setup
    def setup(self) -> None:
        rng = self.rng
        self.T = int(_loguniform(rng, 3000, 80000))
        self.span = float(_loguniform(rng, 4, 160)) * DAY
        self.t_start = float(rng.uniform(START_LO, START_HI))
        self.t_end = self.t_start + self.span
        n_pages = int(np.clip(round(math.exp(rng.normal(1.1, 0.75))), 1, 14))
        pw = rng.dirichlet(np.full(6, 0.45))
        plats = rng.choice(PLATFORMS, n_pages, p=pw)
        self.yt_handle_ids = bool(rng.random() < 0.35)
        prec_mode = rng.choice(["exact", "mixed", "minute", "day"], p=[0.5, 0.3, 0.15, 0.05])
        vol_share = rng.dirichlet(np.full(n_pages, rng.uniform(0.3, 2.0)))
        lang_base = np.array(
            [
                rng.uniform(0.5, 6),
                rng.uniform(0.2, 5),
                rng.uniform(0.02, 0.6),
                rng.uniform(0.01, 0.4),
                rng.uniform(0.05, 1.2),
            ]
        )
        self.pages: list[dict] = []
        for i, pl in enumerate(plats):
            pl = str(pl)
            stream = pl == "x" and rng.random() < 0.65
            if prec_mode == "exact":
                prec = 1
            elif prec_mode == "minute":
                prec = 60
            elif prec_mode == "day":
                prec = 86400
            else:
                prec = int(rng.choice([1, 60, 86400], p=[0.5, 0.35, 0.15]))
            lm = rng.dirichlet(lang_base * rng.uniform(1, 8))
            pg = dict(
                idx=i,
                platform=pl,
                stream=stream,
                prec=prec,
                lang=lm,
                vol=self.T * vol_share[i],
                grievance=float(rng.beta(2, 3)),
                reply_share=float(rng.beta(2, 6)),
                delay_mu=math.log(float(_loguniform(rng, 8 * 60, 10 * HOUR))),
                delay_sig=float(rng.uniform(0.8, 2.2)),
                verb=float(np.exp(rng.normal(0, 0.35)))
                * {"facebook": 1.5, "vk": 1.2, "instagram": 0.6, "youtube": 1.1, "x": 0.9}.get(pl, 1.0),
                like_known=bool(rng.random() < {"telegram": 0.35, "x": 0.95}.get(pl, 0.85)),
                like_rate=float(_loguniform(rng, 0.05, 6)),
                curve=GENUINE_CURVE ** rng.uniform(0.5, 1.6),
                empty_mult={"telegram": 1.6, "instagram": 0.8, "vk": 0.9, "facebook": 0.6}.get(pl, 0.05),
                emoji_mult={"instagram": 2.2, "telegram": 1.2}.get(pl, 0.8),
                page_id=self._page_id(pl),
                type_p=rng.dirichlet([3, 3, 2, 1, 2, 1.5, 1, 0.15, 2]),
            )
            self.pages.append(pg)
        self.params.update(T=self.T, span_days=self.span / DAY, n_pages=n_pages, prec_mode=str(prec_mode))
        self._make_posts()

    def _page_id(self, pl: str) -> str:
        R = self.R
        if pl == "telegram":
            return "-100" + str(R.randint(1_100_000_000, 2_400_000_000))
        if pl == "vk":
            return "-" + str(R.randint(20_000_000, 230_000_000))
        if pl == "instagram":
            return str(R.randint(1_000_000_000, 60_000_000_000))
        if pl == "facebook":
            return str(R.randint(100_000_000_000_000, 110_000_000_000_000))
        if pl == "youtube":
            return "UC" + "".join(
                R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(22)
            )
        return str(R.randint(700_000_000_000_000_000, 1_800_000_000_000_000_000))

    def _make_posts(self) -> None:
        rng, R = self.rng, self.R
        pp, pt, ptype, ptopic, ppop = [], [], [], [], []
        self.page_posts: list[np.ndarray] = []
        k = 0
        for pg in self.pages:
            if pg["stream"]:
                self.page_posts.append(np.zeros(0, np.int64))
                continue
            ppd = float(np.clip(np.exp(rng.normal(math.log(2.0), 0.9)), 0.15, 20))
            n = max(2, int(rng.poisson(ppd * self.span / DAY)))
            n = int(min(n, max(2, pg["vol"] / rng.uniform(2, 8)), 4000))
            t = np.sort(np.floor(self.uniform_times(self.t_start, self.t_end, n, POSTING_CURVE)))
            types = rng.choice(len(POST_TYPES), n, p=pg["type_p"])
            pop = np.exp(rng.normal(0, rng.uniform(0.6, 1.8), n))
            pop *= np.array([1, 1.2, 1, 1.1, 1.6, 2.0, 1.3, 1.5, 1.2])[types]
            pp.append(np.full(n, pg["idx"]))
            pt.append(t)
            ptype.append(types)
            ptopic.append(rng.integers(0, len(P.TOPICS), n))
            ppop.append(pop)
            self.page_posts.append(np.arange(k, k + n))
            k += n

        def cat(xs, dt):
            return np.concatenate(xs).astype(dt) if xs else np.zeros(0, dt)

        self.p_page = cat(pp, np.int32)
        self.p_t = cat(pt, np.float64)
        self.p_type = cat(ptype, np.int32)
        self.p_topic = cat(ptopic, np.int32)
        self.p_pop = cat(ppop, np.float64)
        # post ids
        self.p_id: list[str] = []
        for j in range(len(self.p_page)):
            pg = self.pages[int(self.p_page[j])]
            pl = pg["platform"]
            if pl in ("telegram",):
                pid = str(1000 + j * R.randint(1, 4) + R.randint(0, 3))
            elif pl == "vk":
                pid = f"{pg['page_id']}_{20000 + j * 3 + R.randint(0, 2)}"
            elif pl == "facebook":
                pid = f"{pg['page_id']}_{R.randint(100_000_000_000_000, 999_999_999_999_999)}"
            elif pl == "instagram":
                pid = "C" + "".join(
                    R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                    for _ in range(10)
                )
            elif pl == "youtube":
                pid = "".join(
                    R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                    for _ in range(11)
                )
            else:
                pid = str(int(((self.p_t[j] * 1000 - 1288834974657) * (1 << 22)) + R.randint(0, 1 << 22)))
            self.p_id.append(pid)
        # telegram ids must be unique per page: make them monotone
        for pg in self.pages:
            if pg["platform"] == "telegram" and not pg["stream"]:
                base = R.randint(200, 30000)
                for m, j in enumerate(self.page_posts[pg["idx"]]):
                    self.p_id[j] = str(base + m * R.randint(2, 9) + m)

    # ------------------------------------------------------------ genuine population
    def make_pools(self) -> None:
        rng = self.rng
        self.aud: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.role_code = {r: i for i, r in enumerate(ROLE_KIND)}
        p_hi = rng.dirichlet([6, 2, 1, 0.5, 1])  # regular critic activist journalist arguer
        p_lo = rng.dirichlet([20, 1.5, 1, 0.4])  # genuine lurker newcomer arguer
        for pl in sorted({pg["platform"] for pg in self.pages}):
            pages = [pg for pg in self.pages if pg["platform"] == pl]
            vols = np.array([pg["vol"] for pg in pages])
            mean_act = float(np.clip(np.exp(rng.normal(math.log(2.5), 0.6)), 1.2, 12))
            M = int(max(40, vols.sum() / mean_act))
            alpha = rng.uniform(0.7, 2.2)
            act = np.minimum(rng.pareto(alpha, M) + 1, 5000)
            hi = act >= np.quantile(act, 0.9)
            roles = np.where(
                hi,
                rng.choice(["regular", "critic", "activist", "journalist", "arguer"], M, p=p_hi),
                rng.choice(["genuine", "lurker", "newcomer", "arguer"], M, p=p_lo),
            )
            home = rng.choice(len(pages), M, p=vols / vols.sum())
            home2 = np.where(rng.random(M) < rng.uniform(0.02, 0.4), rng.integers(0, len(pages), M), -1)
            langs = self._langs_by_home(home, pages)
            p_new = rng.uniform(0.02, 0.25)
            reg = self._reg_organic(pl, M, p_new)
            idx = np.empty(M, np.int64)
            for r in np.unique(roles):
                m = roles == r
                vm = {"critic": 0.6, "activist": 0.7, "journalist": 0.5, "lurker": -1.0}.get(str(r), 0.0)
                idx[m] = self.new_accounts(pl, int(m.sum()), str(r), "organic", reg[m], langs[m], verb_mu=vm)
            for r in ("newcomer",):
                m = roles == r
                for j in idx[m]:
                    self.a_reg[j] = self.t_start - rng.uniform(1, 60) * DAY
            for h, pg in enumerate(pages):
                m = (home == h) | (home2 == h)
                if not m.any():
                    m[rng.integers(0, M)] = True
                w = act[m]
                self.aud[pg["idx"]] = (idx[m], w / w.sum())

    def _langs_by_home(self, home: np.ndarray, pages: list[dict]) -> np.ndarray:
        out = np.empty(len(home), np.int64)
        for h, pg in enumerate(pages):
            m = home == h
            out[m] = self.rng.choice(5, int(m.sum()), p=pg["lang"])
        return out

    def comment_langs(self, accs: np.ndarray, page: dict, p_own: float = 0.85) -> np.ndarray:
        own = np.asarray(self.a_lang)[accs]
        other = self.rng.choice(5, len(accs), p=page["lang"])
        return np.where(self.rng.random(len(accs)) < p_own, own, other)

    def sample_kinds(
        self, accs: np.ndarray, posts: np.ndarray, page: dict, stream_type: int = 8
    ) -> np.ndarray:
        rng = self.rng
        roles = [self.a_role[a] for a in accs]
        rm = np.array([ROLE_KIND.get(r, ROLE_KIND["genuine"]) for r in roles], float).reshape(-1, 10)
        types = self.p_type[posts] if len(posts) and posts[0] >= 0 else np.full(len(accs), stream_type)
        pr = TYPE_KIND[types] * rm
        g = page["grievance"]
        pr[:, 2:4] *= 0.4 + 1.6 * g
        pr[:, 7] *= page["empty_mult"]
        pr[:, 6] *= page["emoji_mult"]
        cum = np.cumsum(pr, 1)
        u = rng.random(len(accs)) * cum[:, -1]
        return (cum < u[:, None]).sum(1).astype(np.int16)

    def texts_for(
        self,
        accs: np.ndarray,
        kinds: np.ndarray,
        langs: np.ndarray,
        topics: np.ndarray,
        page: dict,
        friends: list[str] | None = None,
    ) -> list[str]:
        R = self.R
        out = []
        for a, k, li, tp in zip(accs.tolist(), kinds.tolist(), langs.tolist(), topics.tolist(), strict=False):
            verb = self.a_verb[a] * page["verb"]
            ns = 1 + int(R.expovariate(1.0 / max(verb * 0.7, 1e-3))) if verb > 0.2 else 1
            out.append(self.gtext(KINDS[k], P.LANGS[li], P.TOPICS[tp], min(ns, 7), self.a_style[a], friends))
        return out

    def topics_for(self, accs: np.ndarray, posts: np.ndarray) -> np.ndarray:
        rng = self.rng
        n = len(accs)
        pet = np.asarray(self.a_topic)[accs]
        post_t = self.p_topic[np.maximum(posts, 0)] if len(self.p_topic) else pet
        u = rng.random(n)
        return np.where(
            (u < 0.6) & (posts >= 0), post_t, np.where(u < 0.85, pet, rng.integers(0, len(P.TOPICS), n))
        )

    def friends_sample(self, k: int = 40) -> list[str]:
        hs = self.a_handle
        out = []
        for _ in range(k):
            h = hs[self.R.randrange(len(hs))]
            if h:
                out.append(h.lstrip("@"))
        return out or ["dos"]

    # ------------------------------------------------------------ genuine comments
    def genuine_toplevel(self) -> None:
        rng = self.rng
        friends = self.friends_sample()
        for pg in self.pages:
            aud_idx, aud_p = self.aud[pg["idx"]]
            vol = pg["vol"] * (1 - pg["reply_share"])
            if pg["stream"]:
                n = int(rng.poisson(vol))
                t = self.uniform_times(self.t_start, self.t_end, n, pg["curve"])
                nb = int(rng.integers(0, 6))  # bursty news days in the stream
                if nb and n > 50:
                    for _ in range(nb):
                        c = rng.uniform(self.t_start, self.t_end)
                        m = rng.random(n) < rng.uniform(0.02, 0.15)
                        t[m] = c + rng.exponential(rng.uniform(0.5, 8) * HOUR, int(m.sum()))
                posts = np.full(n, -1)
            else:
                ids = self.page_posts[pg["idx"]]
                lam = vol * self.p_pop[ids] / self.p_pop[ids].sum()
                cnt = rng.poisson(lam)
                posts = np.repeat(ids, cnt)
                n = len(posts)
                t = None
            accs = rng.choice(aud_idx, n, p=aud_p)
            if t is None:
                speed = np.asarray(self.a_speed)[accs]
                mu = pg["delay_mu"] + np.log(speed)
                t = self.thin(self.p_t[posts], mu, pg["delay_sig"], pg["curve"])
            kinds = self.sample_kinds(accs, posts, pg)
            langs = self.comment_langs(accs, pg)
            topics = self.topics_for(accs, posts)
            texts = self.texts_for(accs, kinds, langs, topics, pg, friends)
            self.C.add(pg["idx"], posts, accs, t, -1, kinds, texts)

    def superfans(self) -> None:
        rng, R = self.rng, self.R
        rate = rng.uniform(0, 2.5)
        for pg in self.pages:
            k = int(rng.poisson(rate))
            if k == 0:
                continue
            langs = rng.choice(5, k, p=pg["lang"])
            accs = self.new_accounts(
                pg["platform"],
                k,
                "superfan",
                "organic",
                self._reg_organic(pg["platform"], k, 0.03),
                langs,
                verb_mu=-0.8,
            )
            ids = self.page_posts[pg["idx"]]
            for a, li in zip(accs, langs, strict=False):
                lang = P.LANGS[int(li)]
                rep = [
                    self.gtext(
                        R.choice(["thanks", "praise", "greeting", "emoji", "thanks"]),
                        lang,
                        "roads",
                        1,
                        self.a_style[a],
                    )
                    for _ in range(R.randint(2, 8))
                ]
                if pg["stream"]:
                    n = int(rng.poisson(rng.uniform(20, 300) * self.span / (30 * DAY)))
                    t = self.uniform_times(self.t_start, self.t_end, n, pg["curve"])
                    posts = np.full(n, -1)
                else:
                    cov = rng.beta(6, 2)
                    posts = ids[rng.random(len(ids)) < cov]
                    med = math.log(float(_loguniform(rng, 40, 40 * 60)))
                    t = self.thin(
                        self.p_t[posts], np.full(len(posts), med), rng.uniform(0.4, 1.0), pg["curve"] ** 0.3
                    )
                texts = [
                    R.choice(rep)
                    if R.random() < 0.65
                    else self.gtext(
                        R.choice(["thanks", "praise", "neutral", "question"]),
                        lang,
                        R.choice(P.TOPICS),
                        1,
                        self.a_style[a],
                    )
                    for _ in range(len(posts))
                ]
                kinds = np.full(len(posts), KI["thanks"])
                self.C.add(pg["idx"], posts, a, t, -1, kinds, texts)
                # superfans sometimes also hang around on other pages of the platform
        self.params["superfan_rate"] = rate

    def viral_crowds(self) -> None:
        rng, R = self.rng, self.R
        nv = int(rng.poisson(rng.uniform(0, 1.5)))
        for _ in range(nv):
            pg = self.pages[int(rng.integers(len(self.pages)))]
            S = int(min(_loguniform(rng, 60, 3000), 0.35 * self.T))
            if pg["stream"]:
                post, t_trig = -1, rng.uniform(self.t_start, self.t_end)
            else:
                ids = self.page_posts[pg["idx"]]
                post = int(rng.choice(ids, p=self.p_pop[ids] / self.p_pop[ids].sum()))
                t_trig = self.p_t[post] + rng.exponential(rng.uniform(0.1, 30) * HOUR)
            aud_idx, aud_p = self.aud[pg["idx"]]
            n_old = int(S * rng.uniform(0.03, 0.3))
            old = rng.choice(aud_idx, n_old, p=aud_p)
            langs = rng.choice(5, S - n_old, p=rng.dirichlet(pg["lang"] * 5 + np.array([2, 0, 0, 0.2, 0])))
            new = self.new_accounts(
                pg["platform"],
                S - n_old,
                "viral_crowd",
                "organic",
                self._reg_organic(pg["platform"], S - n_old, rng.uniform(0.05, 0.3)),
                langs,
            )
            accs = np.concatenate([old, new])
            t = t_trig + rng.gamma(rng.uniform(0.6, 1.5), float(_loguniform(rng, 120, 3600)), S) + 2
            if post >= 0:
                t = np.maximum(t, self.p_t[post] + 5)
            posts = np.full(S, post)
            kinds = self.sample_kinds(accs, posts, pg)
            texts = self.texts_for(
                accs, kinds, self.comment_langs(accs, pg), self.topics_for(accs, posts), pg
            )
            meme = R.choice(
                [
                    "Позор!",
                    "Уят!",
                    "😂😂😂",
                    "Ахахах",
                    "Отставку!",
                    "Керек емес!",
                    "Ну и ну",
                    "🔥🔥🔥",
                    "Жесть",
                ]
            )
            share = rng.uniform(0, 0.3)
            texts = [meme if R.random() < share else s for s in texts]
            idx = self.C.add(pg["idx"], posts, accs, t, -1, kinds, texts)
            # pile-on replies inside the crowd
            nr = int(S * rng.uniform(0.05, 0.25))
            if nr and S > 5:
                par = rng.choice(idx, nr)
                ra = rng.choice(accs, nr)
                rt = self.C.t[par] + rng.exponential(rng.uniform(60, 1800), nr) + 2
                rk = rng.choice([KI["agree"], KI["argue"], KI["joke"], KI["emoji"]], nr).astype(np.int16)
                self.add_replies(pg, par, ra, rt, rk)

    def civic_campaigns(self) -> None:
        rng, R = self.rng, self.R
        nc = int(rng.poisson(rng.uniform(0, 1.0)))
        for _ in range(nc):
            cand = [pg for pg in self.pages if not pg["stream"]] or self.pages
            pg = cand[int(rng.integers(len(cand)))]
            S = int(min(_loguniform(rng, 20, 800), 0.25 * self.T))
            lang = R.choice(["ru", "ru", "kk", "mix"])
            slogan = P.fill(P.pick(P.CIVIC_SLOGAN, lang, R), R)
            tag = (
                "#" + R.choice(["Сохраним", "Save", "Қорғайық", "Верните", "Против"]) + R.choice(P.DISTRICTS)
            )
            aud_idx, aud_p = self.aud[pg["idx"]]
            n_old = int(S * rng.uniform(0.2, 0.7))
            old = np.unique(rng.choice(aud_idx, n_old, p=aud_p))
            for a in old:
                if self.a_role[a] in ("genuine", "newcomer", "regular", "lurker"):
                    self.a_role[a] = "campaigner"
            langs = rng.choice(5, S, p=pg["lang"])
            new = self.new_accounts(
                pg["platform"],
                S - len(old),
                "campaigner",
                "organic",
                self._reg_organic(pg["platform"], S - len(old), 0.1),
                langs[: S - len(old)],
            )
            accs = np.concatenate([old, new])
            c0 = rng.uniform(self.t_start, self.t_end)
            if pg["stream"]:
                targets = [(-1, c0)]
            else:
                ids = self.page_posts[pg["idx"]]
                after = ids[self.p_t[ids] >= c0 - DAY]
                if len(after) == 0:
                    after = ids[-3:]
                tsel = after[: int(rng.integers(1, 6))]
                targets = [(int(j), max(c0, self.p_t[j])) for j in tsel]
            p_each = rng.uniform(0.3, 1)
            scale = _loguniform(rng, HOUR, 36 * HOUR)
            for post, t0 in targets:
                part = accs[rng.random(len(accs)) < p_each]
                t = self.thin(np.full(len(part), t0), np.full(len(part), math.log(scale)), 1.0, pg["curve"])
                texts = []
                for a in part.tolist():
                    u = R.random()
                    if u < 0.45:
                        s = slogan
                    elif u < 0.75:
                        s = (
                            slogan
                            + " "
                            + self.gtext(
                                "complaint", P.LANGS[self.a_lang[a]], R.choice(P.TOPICS), 1, self.a_style[a]
                            )
                        )
                    else:
                        s = self.gtext(
                            R.choice(["complaint", "question"]),
                            P.LANGS[self.a_lang[a]],
                            R.choice(P.TOPICS),
                            2,
                            self.a_style[a],
                        )
                    if R.random() < 0.4:
                        s += " " + tag
                    texts.append(s)
                self.C.add(pg["idx"], np.full(len(part), post), part, t, -1, KI["slogan"], texts)

    def local_groups(self) -> None:
        rng, _R = self.rng, self.R
        ng = int(rng.poisson(rng.uniform(0, 2.5)))
        cands = [pg for pg in self.pages if not pg["stream"]]
        for _ in range(ng if cands else 0):
            pg = cands[int(rng.integers(len(cands)))]
            ids = self.page_posts[pg["idx"]]
            good = ids[np.isin(self.p_type[ids], [0, 2, 3])]
            post = int(rng.choice(good if len(good) else ids))
            k = int(rng.integers(5, 41))
            langs = np.full(k, rng.choice(5, p=pg["lang"]))
            accs = self.new_accounts(
                pg["platform"],
                k,
                "community_group",
                "organic",
                self._reg_organic(pg["platform"], k, 0.2),
                langs,
            )
            group_handles = [h.lstrip("@") for h in (self.a_handle[a] for a in accs) if h]
            t0 = self.p_t[post] + rng.uniform(0, 8 * HOUR)
            t = t0 + rng.exponential(rng.uniform(600, 7200), k) + 2
            kinds = rng.choice(
                [KI["greeting"], KI["thanks"], KI["praise"], KI["tag"]], k, p=[0.35, 0.25, 0.2, 0.2]
            ).astype(np.int16)
            texts = self.texts_for(accs, kinds, langs, np.zeros(k, int), pg, group_handles or None)
            self.C.add(pg["idx"], post, accs, t, -1, kinds, texts)
            # a bit of ordinary life elsewhere
            for a in accs:
                m = int(rng.integers(0, 4))
                if m:
                    self.ordinary_comments(int(a), m, pg["platform"])

    def contests(self) -> None:
        rng, R = self.rng, self.R
        for j in np.nonzero(self.p_type == POST_TYPES.index("contest"))[0]:
            pg = self.pages[int(self.p_page[j])]
            S = int(min(_loguniform(rng, 15, 600), 0.15 * self.T))
            aud_idx, aud_p = self.aud[pg["idx"]]
            n_old = int(S * rng.uniform(0.1, 0.5))
            old = rng.choice(aud_idx, n_old, p=aud_p)
            langs = rng.choice(5, S - n_old, p=pg["lang"])
            new = self.new_accounts(
                pg["platform"],
                S - n_old,
                "contest_entrant",
                "organic",
                self._reg_organic(pg["platform"], S - n_old, 0.15),
                langs,
            )
            accs = np.concatenate([old, new])
            t = self.thin(
                np.full(S, self.p_t[j]), np.full(S, math.log(rng.uniform(2, 40) * HOUR)), 1.0, pg["curve"]
            )
            friends = self.friends_sample(60)
            texts = []
            for a in accs.tolist():
                s = P.pick(P.GENUINE["contest"], P.LANGS[self.a_lang[a]], R)
                s += " " + " ".join("@" + R.choice(friends) for _ in range(R.randint(0, 3)))
                texts.append(s.strip())
            self.C.add(pg["idx"], j, accs, t, -1, KI["contest"], texts)

    def ordinary_comments(
        self, a: int, m: int, platform: str, t_lo: float | None = None, t_hi: float | None = None
    ) -> None:
        """``m`` ordinary-looking comments by account ``a`` on random posts of its platform."""
        rng = self.rng
        pages = [pg for pg in self.pages if pg["platform"] == platform]
        pg = pages[int(rng.integers(len(pages)))]
        ids = self.page_posts[pg["idx"]]
        lo = self.t_start if t_lo is None else t_lo
        hi = self.t_end if t_hi is None else t_hi
        if pg["stream"] or len(ids) == 0:
            posts = np.full(m, -1)
            t = self.uniform_times(lo, hi, m, pg["curve"])
        else:
            sel = ids[(self.p_t[ids] >= lo - 2 * DAY) & (self.p_t[ids] <= hi)]
            if len(sel) == 0:
                sel = ids
            posts = rng.choice(sel, m)
            t = self.thin(self.p_t[posts], np.full(m, pg["delay_mu"]), pg["delay_sig"], pg["curve"])
        accs = np.full(m, a)
        kinds = self.sample_kinds(accs, posts, pg)
        kinds[kinds == KI["tag"]] = KI["neutral"]
        texts = self.texts_for(
            accs, kinds, self.comment_langs(accs, pg, 0.95), self.topics_for(accs, posts), pg
        )
        self.C.add(pg["idx"], posts, accs, t, -1, kinds, texts)

    # ------------------------------------------------------------ replies
    def add_replies(
        self,
        pg: dict,
        parents: np.ndarray,
        accs: np.ndarray,
        times: np.ndarray,
        kinds: np.ndarray,
        texts: list[str] | None = None,
    ) -> np.ndarray:
        """Emit replies; on flat-thread platforms replies to replies hang on the root with an @mention."""
        C = self.C
        parents = parents.astype(np.int64)
        times = np.maximum(times, C.t[parents] + 2)
        if texts is None:
            langs = self.comment_langs(accs, pg)
            topics = self.topics_for(accs, C.post[parents])
            texts = self.texts_for(accs, kinds, langs, topics, pg)
        if pg["platform"] in FLAT_THREADS:
            deep = C.parent[parents] >= 0
            if deep.any():
                texts = list(texts)
                for i in np.nonzero(deep)[0]:
                    h = self.a_handle[C.acc[parents[i]]]
                    if h:
                        texts[i] = "@" + h.lstrip("@") + " " + texts[i]
                parents = np.where(deep, C.parent[parents], parents)
        return C.add(pg["idx"], C.post[parents], accs, times, parents, kinds, texts)

    def genuine_replies(self) -> None:
        rng = self.rng
        C = self.C
        inauth = np.asarray(self.a_inauth)
        roles = np.asarray(self.a_role)
        attract = np.ones(len(KINDS))
        attract[[KI["complaint"], KI["question"], KI["joke"], KI["argue"]]] = [3, 2.5, 2, 2]
        attract[[KI["empty"], KI["emoji"], KI["contest"]]] = 0.2
        for pg in self.pages:
            on = np.nonzero(C.view("page") == pg["idx"])[0]
            if len(on) < 2:
                continue
            nr = int(rng.poisson(len(on) * pg["reply_share"] / max(1e-3, 1 - pg["reply_share"])))
            if nr == 0:
                continue
            c1, c2 = rng.choice(on, nr), rng.choice(on, nr)
            a1 = attract[C.kind[c1]] * rng.random(nr)
            a2 = attract[C.kind[c2]] * rng.random(nr)
            par = np.where(a1 >= a2, c1, c2)
            aud_idx, aud_p = self.aud[pg["idx"]]
            ra = rng.choice(aud_idx, nr, p=aud_p)
            pk = C.kind[par]
            pacc = C.acc[par]
            u = rng.random(nr)
            rk = np.where(
                np.isin(pk, [KI["complaint"], KI["question"]]),
                np.select(
                    [u < 0.3, u < 0.5, u < 0.7, u < 0.8, u < 0.9],
                    [KI["agree"], KI["argue"], KI["answer"], KI["joke"], KI["tag"]],
                    KI["question"],
                ),
                np.select(
                    [u < 0.35, u < 0.6, u < 0.75, u < 0.85],
                    [KI["agree"], KI["argue"], KI["emoji"], KI["joke"]],
                    KI["thanks"],
                ),
            )
            p_call = np.where(inauth[pacc], 0.12, np.where(roles[pacc] == "superfan", 0.05, 0.005))
            rk = np.where(rng.random(nr) < p_call, KI["callout"], rk).astype(np.int16)
            speed = np.asarray(self.a_speed)[ra]
            mu = np.log(_loguniform(rng, 300, 4 * HOUR) * speed)
            rt = self.thin(C.t[par], mu, 1.2, pg["curve"])
            ridx = self.add_replies(pg, par, ra, rt, rk)
            # back-and-forth: the original author answers
            f2 = rng.uniform(0.05, 0.4)
            back = ridx[rng.random(len(ridx)) < f2]
            if len(back):
                orig = C.parent[back]
                ba = C.acc[orig]
                bk = rng.choice([KI["argue"], KI["agree"], KI["thanks"], KI["answer"]], len(back)).astype(
                    np.int16
                )
                bt = self.thin(
                    C.t[back], np.full(len(back), math.log(rng.uniform(120, 3 * HOUR))), 1.1, pg["curve"]
                )
                self.add_replies(pg, back, ba, bt, bk)

    def admins(self) -> None:
        rng, R = self.rng, self.R
        C = self.C
        p_admin = rng.uniform(0.1, 0.9)
        for pg in self.pages:
            if rng.random() > p_admin:
                continue
            pl = pg["platform"]
            a = self.new_accounts(
                pl,
                1,
                "admin",
                "page",
                np.array([self.t_start - rng.uniform(1, 8) * 365 * DAY]),
                np.array([0]),
            )[0]
            if pl == "telegram":  # the channel itself speaks in its discussion group
                self.used_ids.discard(self.a_id[a])
                self.a_id[a] = pg["page_id"]
            self.a_name[a] = R.choice(["Акимат ", "Әкімдігі ", "Пресс-служба ", "Министерство "]) + R.choice(
                P.CITIES
            )
            on = np.nonzero(
                (C.view("page") == pg["idx"]) & np.isin(C.view("kind"), [KI["question"], KI["complaint"]])
            )[0]
            rate = rng.beta(1.2, 3)
            par = on[rng.random(len(on)) < rate]
            if len(par) == 0:
                continue
            mu = np.full(len(par), math.log(_loguniform(rng, 20 * 60, 2 * DAY)))
            t = self.thin(C.t[par], mu, 1.0, OFFICE_CURVE + 0.05)
            texts = []
            for p in par.tolist():
                li = self.a_lang[C.acc[p]]
                texts.append(
                    P.fill(P.pick(P.ADMIN, "kk" if li in (1, 2) else ("en" if li == 3 else "ru"), R), R)
                )
            self.add_replies(
                pg, par, np.full(len(par), a), t, np.full(len(par), KI["admin"], np.int16), texts
            )

    def superfan_defence(self) -> None:
        """Superfans defending officials under complaints: a hard negative for critic hunters."""
        rng, R = self.rng, self.R
        C = self.C
        roles = np.asarray(self.a_role)
        fans = np.nonzero(roles == "superfan")[0]
        rate = rng.uniform(0, 0.15)
        for a in fans.tolist():
            on = np.nonzero(C.view("acc") == a)[0]
            if len(on) == 0:
                continue
            pgi = int(C.page[on[0]])
            pg = self.pages[pgi]
            comp = np.nonzero((C.view("page") == pgi) & (C.view("kind") == KI["complaint"]))[0]
            par = comp[rng.random(len(comp)) < rate]
            if len(par) == 0:
                continue
            lang = P.LANGS[self.a_lang[a]]
            texts = [
                P.stylize(
                    P.pick(P.FARM_DEFEND if R.random() < 0.5 else P.GENUINE["argue"], lang, R),
                    self.a_style[a],
                    R,
                )
                for _ in par
            ]
            t = self.thin(C.t[par], np.full(len(par), math.log(rng.uniform(60, 3 * HOUR))), 0.9, pg["curve"])
            self.add_replies(
                pg, par, np.full(len(par), a), t, np.full(len(par), KI["argue"], np.int16), texts
            )

    def counter_replies(self) -> None:
        """Genuine people answering the farm accounts that replied to them."""
        rng = self.rng
        C = self.C
        inauth = np.asarray(self.a_inauth)
        n = C.n
        par = C.parent[:n]
        is_farm_reply = (par >= 0) & inauth[C.acc[:n]]
        idx = np.nonzero(is_farm_reply)[0]
        if len(idx) == 0:
            return
        orig_acc = C.acc[par[idx]]
        keep = ~inauth[orig_acc] & (rng.random(len(idx)) < rng.uniform(0.05, 0.5))
        idx, orig_acc = idx[keep], orig_acc[keep]
        for pgi in np.unique(C.page[idx]):
            m = C.page[idx] == pgi
            pg = self.pages[int(pgi)]
            ks = rng.choice([KI["argue"], KI["callout"], KI["complaint"]], int(m.sum())).astype(np.int16)
            t = self.thin(
                C.t[idx[m]], np.full(int(m.sum()), math.log(rng.uniform(120, 2 * HOUR))), 1.0, pg["curve"]
            )
            self.add_replies(pg, idx[m], orig_acc[m], t, ks)

    # ------------------------------------------------------------ farms
    def make_farms(self) -> None:
        rng, R = self.rng, self.R
        self.intensity = float(_loguniform(rng, 0.3, 4.0))
        self.params["farm_intensity"] = self.intensity
        n = 0 if rng.random() < 0.2 else 1 + int(rng.poisson(rng.uniform(0.2, 3.5)))
        names = list(TACTIC_WEIGHTS)
        w = (
            np.array([TACTIC_WEIGHTS[k] for k in names])
            * rng.dirichlet(np.full(len(names), 2.0))
            * len(names)
        )
        for i in range(n):
            tactic = str(rng.choice(names, p=w / w.sum()))
            pg0 = self.pages[int(rng.integers(len(self.pages)))]
            pl = pg0["platform"]
            same = [pg["idx"] for pg in self.pages if pg["platform"] == pl]
            k = int(rng.integers(1, len(same) + 1))
            pages = np.array(
                sorted(set([pg0["idx"], *list(rng.choice(same, k - 1, replace=False))]))
                if k > 1
                else [pg0["idx"]]
            )
            frac = 0.08 + 0.92 * rng.beta(1.3, 1.0)
            L = self.t_end - self.t_start
            t0 = self.t_start + rng.uniform(0, 1 - frac) * L
            f = _Farm(
                name=f"farm{i:02d}",
                tactic=tactic,
                platform=pl,
                pages=np.asarray(pages, np.int64),
                t0=t0,
                t1=t0 + frac * L,
                budget=float(self.T * _loguniform(rng, 0.004, 0.3)),
            )
            size = min(200, 5 + int(rng.pareto(1.1) * rng.uniform(2, 15)))
            if tactic == "hired_bloggers":
                size = int(rng.integers(5, 16))
            elif tactic == "copypaste_spray":
                size = int(rng.integers(5, 26))
            elif tactic == "rotating_pool":
                size = max(size, int(rng.integers(30, 120)))
            f.role = {
                "budget_workers": "paid_worker",
                "hired_bloggers": "hired_blogger",
                "commercial_spam": "spammer",
            }.get(tactic, "farm")
            mode = str(rng.choice(_Voice.MODES, p=[0.2, 0.25, 0.2, 0.15, 0.2]))
            if tactic in ("rotating_pool", "camouflaged") and rng.random() < 0.6:
                mode = "distinct"
            if tactic in ("copypaste_spray", "astroturf_petition") and rng.random() < 0.6:
                mode = "exact"
            langp = rng.dirichlet(self.pages[pg0["idx"]]["lang"] * rng.uniform(0.3, 3) + 0.02)
            tag = (
                "#"
                + R.choice(P.SLOGAN_HEAD)
                + R.choice(P.SLOGAN_TAIL)
                + R.choice(["", "2030", "2029", "KZ", ""])
            )
            f.voice_ = _Voice(self, mode, langp, int(_loguniform(rng, 1, 14)), tag)
            f.camo = 0.0 if rng.random() < 0.55 else float(rng.beta(1, 3))
            if tactic == "camouflaged":
                f.camo = float(rng.uniform(0.5, 0.9))
            f.self_like = 0.0 if rng.random() < 0.5 else float(rng.beta(1.5, 4))
            self._farm_accounts(f, size)
            self.farms.append(f)

    def _farm_accounts(self, f: _Farm, size: int) -> None:
        rng = self.rng
        pl = f.platform
        if f.tactic == "budget_workers":
            cand = np.concatenate([self.aud[p][0] for p in f.pages])
            cand = np.unique(cand)
            roles = np.asarray(self.a_role)[cand]
            inauth = np.asarray(self.a_inauth)[cand]
            cand = cand[np.isin(roles, ["genuine", "regular", "newcomer", "lurker"]) & ~inauth]
            size = min(size, len(cand))
            accs = rng.choice(cand, size, replace=False)
            for a in accs:
                self.a_role[a], self.a_farm[a], self.a_tactic[a], self.a_inauth[a] = (
                    f.role,
                    f.name,
                    f.tactic,
                    True,
                )
            f.accs = accs
            return
        if f.tactic == "hired_bloggers":
            source = "blogger"
        elif f.tactic == "commercial_spam":
            source = "fresh"
        else:
            source = str(rng.choice(["fresh", "aged", "hijacked", "mixed"], p=[0.4, 0.3, 0.1, 0.2]))
            if f.tactic == "sleeper_cell":
                source = str(rng.choice(["aged", "hijacked", "mixed"]))
        lp = np.diff(np.concatenate([[0.0], f.voice.cum]))
        langs = rng.choice(5, size, p=lp / lp.sum())
        srcs = (
            rng.choice(["fresh", "aged", "hijacked"], size, p=[0.5, 0.35, 0.15])
            if source == "mixed"
            else np.full(size, source)
        )
        reg = np.empty(size)
        n_batches = int(rng.integers(1, 4))
        centers = f.t0 - _loguniform(rng, 0.5, 120, n_batches) * DAY
        which = rng.integers(0, n_batches, size)
        spread = _loguniform(rng, 0.02, 15) * DAY
        fr = srcs == "fresh"
        reg[fr] = centers[which[fr]] + rng.normal(0, spread, int(fr.sum()))
        reg[fr] = np.minimum(reg[fr], f.t0 - 600)
        ag = np.isin(srcs, ["aged", "blogger"])
        reg[ag] = f.t0 - _loguniform(rng, 300, 4000, int(ag.sum())) * DAY
        hj = srcs == "hijacked"
        reg[hj] = self._reg_organic(pl, int(hj.sum()), 0.02)
        reg = np.maximum(reg, LAUNCH_TS[pl] + DAY)
        hstyle = str(
            rng.choice(["series", "random", "personal", "nick", "mixed"], p=[0.15, 0.25, 0.3, 0.1, 0.2])
        )
        if f.tactic == "hired_bloggers":
            hstyle = "nick"
        hs: str | list[str] = ["random", "personal", "nick"] if hstyle == "mixed" else hstyle
        idx = np.empty(size, np.int64)
        for s in np.unique(srcs):
            m = srcs == s
            idx[m] = self.new_accounts(
                pl,
                int(m.sum()),
                f.role,
                str(s),
                reg[m],
                langs[m],
                hs if s == "fresh" else (hs if s == "aged" and rng.random() < 0.5 else "personal"),
                f.name,
                f.tactic,
                True,
                verb_mu=1.0 if f.tactic == "hired_bloggers" else 0.0,
            )
        f.accs = idx

    def targets(
        self, f: _Farm, frac: float, prefer: list[int] | None = None, stream_rate: float | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Target (page, post, t0) triples: posts in the farm window, or trigger times on streams."""
        rng = self.rng
        pages, posts, t0s = [], [], []
        for p in f.pages.tolist():
            pg = self.pages[p]
            if pg["stream"]:
                rate = stream_rate if stream_rate is not None else rng.uniform(0.3, 3)
                n = int(rng.poisson(rate * frac * (f.t1 - f.t0) / DAY)) + 1
                tt = self.uniform_times(f.t0, f.t1, n, POSTING_CURVE)
                pages.append(np.full(n, p))
                posts.append(np.full(n, -1))
                t0s.append(tt)
                continue
            ids = self.page_posts[p]
            ids = ids[(self.p_t[ids] >= f.t0) & (self.p_t[ids] <= f.t1)]
            if len(ids) == 0:
                continue
            w = np.ones(len(ids))
            if prefer is not None:
                w = np.where(np.isin(self.p_type[ids], prefer), 1.0, 0.25)
            sel = ids[rng.random(len(ids)) < np.minimum(1, min(1.0, frac * self.intensity) * w / w.mean())]
            pages.append(np.full(len(sel), p))
            posts.append(sel)
            t0s.append(self.p_t[sel])
        if not pages or sum(len(x) for x in posts) == 0:
            # fallback: a few posts of the farm pages, nearest to the window
            allp = np.concatenate([self.page_posts[p] for p in f.pages.tolist()])
            if len(allp) == 0:
                return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
            dist = np.abs(self.p_t[allp] - 0.5 * (f.t0 + f.t1))
            sel = allp[np.argsort(dist)[: int(rng.integers(1, 4))]]
            return self.p_page[sel].astype(np.int64), sel, self.p_t[sel]
        return np.concatenate(pages), np.concatenate(posts), np.concatenate(t0s)

    def emit_farm(
        self,
        f: _Farm,
        page: int,
        posts: np.ndarray,
        accs: np.ndarray,
        times: np.ndarray,
        intents: list[str],
        kind: int = KI["farm_praise"],
    ) -> np.ndarray:
        texts = [f.voice.say(i) for i in intents]
        return self.C.add(page, posts, accs, times, -1, kind, texts)

    def intents(self, n: int, mix: dict[str, float]) -> list[str]:
        keys = list(mix)
        p = np.array([mix[k] for k in keys], float)
        return [keys[i] for i in self.rng.choice(len(keys), n, p=p / p.sum())]

    def _scale(self, f: _Farm, expected: float) -> float:
        return float(min(1.0, f.budget / max(expected, 1.0)))

    # --- tactics -------------------------------------------------------------
    def t_flash_swarm(self, f: _Farm) -> None:
        rng = self.rng
        pg_, po, t0 = self.targets(f, rng.beta(1.5, 2.5), prefer=[0, 1, 2, 8])
        n = len(f.accs)
        prop = np.clip(rng.beta(2, 2) * np.exp(rng.normal(0, 0.4, n)), 0.02, 1)
        prop *= self._scale(f, len(po) * prop.sum())
        order = rng.permutation(n)
        fixed = rng.random() < 0.4
        off_med = float(_loguniform(rng, 20, 25 * 60))
        jit = float(_loguniform(rng, 5, 300))
        thread = rng.uniform(0, 0.4) if rng.random() < 0.4 else 0.0
        mix = {"praise": 0.75, "agree": 0.1, "filler": 0.1, "defend": 0.05}
        for p, post, t in zip(pg_.tolist(), po.tolist(), t0.tolist(), strict=False):
            part = rng.random(n) < prop
            if part.sum() < 2:  # a swarm is at least a couple of accounts
                part[rng.choice(n, min(n, int(rng.integers(2, 4))), replace=False)] = True
            accs = f.accs[order[part[order]]] if fixed else f.accs[part]
            o = t + off_med * math.exp(rng.normal(0, 0.5))
            times = o + (
                np.cumsum(rng.exponential(jit, len(accs))) if fixed else rng.exponential(jit * 3, len(accs))
            )
            idx = self.emit_farm(f, p, np.full(len(accs), post), accs, times, self.intents(len(accs), mix))
            if thread and len(idx) > 2:  # some of the crew answer the first crew comment instead
                first = idx[int(np.argmin(times))]
                m = (rng.random(len(idx)) < thread) & (times > times.min() + 1)
                self.C.parent[idx[m]] = first
                self.C.kind[idx[m]] = KI["agree"]

    def t_office_shift(self, f: _Farm) -> None:
        rng = self.rng
        h0, h1 = rng.uniform(8, 10.5), rng.uniform(16.5, 19)
        skew = float(rng.choice([0, 0, 0, 0, -2, -1, 1, 3])) * HOUR  # outsourced crews in other zones
        sat = rng.random() < 0.25
        lookback = rng.uniform(0.5, 5) * DAY
        q = float(_loguniform(rng, 0.5, 8)) * self.intensity
        days = np.arange(math.floor(f.t0 / DAY), math.ceil(f.t1 / DAY))
        n = len(f.accs)
        acc_rate = np.exp(rng.normal(0, 0.5, n))
        q *= self._scale(f, q * n * len(days) * (5 / 7))
        posts_all = np.concatenate([self.page_posts[p] for p in f.pages.tolist()])
        posts_all = posts_all[np.argsort(self.p_t[posts_all])]
        pt = self.p_t[posts_all]
        streams = [p for p in f.pages.tolist() if self.pages[p]["stream"]]
        mix = {"praise": 0.65, "defend": 0.15, "agree": 0.08, "filler": 0.12}
        for d in days:
            day0 = d * DAY
            wd = _weekday(np.array([day0 + 12 * HOUR]))[0]
            if wd == 6 or (wd == 5 and not sat):
                continue
            cnt = rng.poisson(q * acc_rate)
            accs = np.repeat(f.accs, cnt)
            if len(accs) == 0:
                continue
            loc = rng.uniform(h0, h1, len(accs))
            loc = np.where((loc > 13) & (loc < 14), loc + rng.choice([-1.2, 1.2], len(accs)), loc)
            t = day0 + loc * HOUR - _offset(day0) - skew
            t = np.sort(t) if rng.random() < 0.5 else t
            if posts_all.size:
                hi = np.searchsorted(pt, t - 60)
                lo = np.searchsorted(pt, t - lookback)
                ok = hi > lo
                if streams:
                    okpost = np.where(
                        ok,
                        posts_all[
                            np.minimum(
                                lo + (rng.random(len(t)) * np.maximum(hi - lo, 1)).astype(int),
                                len(posts_all) - 1,
                            )
                        ],
                        -1,
                    )
                else:
                    accs, t, lo, hi = accs[ok], t[ok], lo[ok], hi[ok]
                    okpost = posts_all[lo + (rng.random(len(t)) * (hi - lo)).astype(int)]
            else:
                okpost = np.full(len(t), -1)
            for p in np.unique(self.p_page[okpost[okpost >= 0]]).tolist() + (
                streams[:1] if (okpost < 0).any() else []
            ):
                m = (
                    (okpost >= 0) & (self.p_page[np.maximum(okpost, 0)] == p)
                    if not self.pages[p]["stream"]
                    else okpost < 0
                )
                if m.any():
                    self.emit_farm(f, p, okpost[m], accs[m], t[m], self.intents(int(m.sum()), mix))

    def t_slow_drip(self, f: _Farm) -> None:
        rng = self.rng
        pg_, po, t0 = self.targets(f, rng.beta(2, 2))
        lam = rng.uniform(0.5, 4) * self.intensity
        lam *= self._scale(f, len(po) * (1 + lam))
        med = math.log(_loguniform(rng, 2 * HOUR, 48 * HOUR))
        mix = {"praise": 0.6, "defend": 0.25, "agree": 0.05, "filler": 0.1}
        for p in np.unique(pg_).tolist():
            m = pg_ == p
            k = 1 + rng.poisson(lam, int(m.sum()))
            posts = np.repeat(po[m], k)
            base = np.repeat(t0[m], k)
            accs = rng.choice(f.accs, len(posts))
            t = self.thin(base, np.full(len(posts), med), 0.8, self.pages[p]["curve"])
            self.emit_farm(f, p, posts, accs, t, self.intents(len(posts), mix))

    def t_camouflaged(self, f: _Farm) -> None:
        rng = self.rng
        pg_, po, t0 = self.targets(f, rng.beta(2, 3), prefer=[0, 1, 2])
        lam = rng.uniform(0.5, 4) * self.intensity
        lam *= self._scale(f, len(po) * (1 + lam))
        med = math.log(_loguniform(rng, 20 * 60, 5 * HOUR))
        for p in np.unique(pg_).tolist():
            m = pg_ == p
            k = 1 + rng.poisson(lam, int(m.sum()))
            posts = np.repeat(po[m], k)
            accs = rng.choice(f.accs, len(posts))
            t = self.thin(np.repeat(t0[m], k), np.full(len(posts), med), 1.0, self.pages[p]["curve"])
            self.emit_farm(f, p, posts, accs, t, self.intents(len(posts), {"praise": 0.7, "defend": 0.3}))

    def t_budget_workers(self, f: _Farm) -> None:
        rng, R = self.rng, self.R
        pg_, po, t0 = self.targets(f, 1.0, prefer=[0, 1, 2, 6])
        if len(po) == 0:
            return
        nd = min(len(po), 1 + int(rng.poisson(rng.uniform(1, 6))))
        sel = rng.choice(len(po), nd, replace=False)
        prop = np.clip(rng.beta(3, 2) * np.exp(rng.normal(0, 0.5, len(f.accs))), 0.05, 1)
        prop *= self._scale(f, nd * prop.sum())
        sig = {a: P.fill(R.choice(P.INSTITUTIONS), R) for a in f.accs.tolist()} if rng.random() < 0.5 else {}
        for j in sel.tolist():
            p, post = int(pg_[j]), int(po[j])
            d = t0[j] + rng.uniform(0, 5) * HOUR
            lh = _local_hour(np.array([d]))[0]
            if lh < 9 or lh >= 18:  # directive lands the next working morning
                d = d + ((24 - lh + 9) % 24) * HOUR
            rec = [f.voice.base("praise") for _ in range(R.randint(1, 3))]
            accs = f.accs[rng.random(len(f.accs)) < prop]
            t = d + rng.gamma(1.2, _loguniform(rng, 600, 3 * HOUR), len(accs))
            texts = []
            for a in accs.tolist():
                u = R.random()
                if u < 0.55:
                    s = R.choice(rec)
                elif u < 0.85:
                    s = P.perturb(R.choice(rec), R, R.randint(1, 2))
                else:
                    s = self.gtext("praise", P.LANGS[self.a_lang[a]], "roads", 2, self.a_style[a])
                if a in sig and R.random() < 0.5:
                    s += " — " + sig[a]
                texts.append(s)
            self.C.add(p, np.full(len(accs), post), accs, t, -1, KI["farm_praise"], texts)

    def t_hired_bloggers(self, f: _Farm) -> None:
        rng, R = self.rng, self.R
        ndays = int(rng.integers(1, 5))
        posts_all = np.concatenate([self.page_posts[p] for p in f.pages.tolist()])
        posts_all = posts_all[(self.p_t[posts_all] >= f.t0) & (self.p_t[posts_all] <= f.t1)]
        for _ in range(ndays):
            if len(posts_all):
                key = rng.choice(posts_all, min(len(posts_all), int(rng.integers(1, 5))), replace=False)
                targets = [(int(self.p_page[k]), int(k), float(self.p_t[k])) for k in key]
            else:
                p = int(f.pages[0])
                targets = [(p, -1, float(rng.uniform(f.t0, f.t1)))]
            keyphrase = f.voice.base("praise")
            for p, post, t in targets:
                accs = f.accs[rng.random(len(f.accs)) < rng.uniform(0.5, 1)]
                times = t + rng.uniform(0.5, 12, len(accs)) * HOUR
                texts = [
                    (keyphrase + " " + f.voice.base("long")) if R.random() < 0.7 else f.voice.base("long")
                    for _ in accs
                ]
                self.C.add(p, np.full(len(accs), post), accs, times, -1, KI["long"], texts)

    def t_astroturf_petition(self, f: _Farm) -> None:
        rng, R = self.rng, self.R
        pg_, po, t0 = self.targets(f, rng.uniform(0.02, 0.2), prefer=[1, 6, 8], stream_rate=0.2)
        if len(po) > 6:
            keep = rng.choice(len(po), 6, replace=False)
            pg_, po, t0 = pg_[keep], po[keep], t0[keep]
        slogan = f.voice.base("slogan")
        part = rng.uniform(0.5, 1) * self._scale(f, len(po) * len(f.accs))
        for p, post, t in zip(pg_.tolist(), po.tolist(), t0.tolist(), strict=False):
            accs = f.accs[rng.random(len(f.accs)) < part]
            times = t + rng.gamma(rng.uniform(0.6, 2), _loguniform(rng, 600, 6 * HOUR), len(accs)) + 5
            texts = []
            for _ in accs:
                u = R.random()
                texts.append(
                    slogan
                    if u < 0.5
                    else (slogan + " " + f.voice.say("praise") if u < 0.8 else f.voice.say("slogan"))
                )
            self.C.add(p, np.full(len(accs), post), accs, times, -1, KI["slogan"], texts)

    def t_drown_out(self, f: _Farm) -> None:
        rng = self.rng
        C = self.C
        n = C.n
        comp = (
            np.isin(C.kind[:n], [KI["complaint"], KI["question"]])
            & np.isin(C.page[:n], f.pages)
            & (C.t[:n] >= f.t0)
            & (C.t[:n] <= f.t1)
            & (C.post[:n] >= 0)
            & (C.parent[:n] < 0)
        )
        idx = np.nonzero(comp)[0]
        if len(idx) == 0:  # nothing in the window: fall back to any criticised post of the pages
            comp = (
                np.isin(C.kind[:n], [KI["complaint"], KI["question"]])
                & np.isin(C.page[:n], f.pages)
                & (C.post[:n] >= 0)
                & (C.parent[:n] < 0)
            )
            idx = np.nonzero(comp)[0]
        if len(idx) == 0:  # stream pages: flood right after complaint bursts in the stream
            comp = (
                np.isin(C.kind[:n], [KI["complaint"], KI["question"]])
                & np.isin(C.page[:n], f.pages)
                & (C.t[:n] >= f.t0)
                & (C.t[:n] <= f.t1)
            )
            idx = np.nonzero(comp)[0]
            if len(idx) == 0:
                return
            anchors = rng.choice(idx, min(len(idx), int(rng.integers(1, 15))), replace=False)
            gap = _loguniform(rng, 20, 300)
            for a in anchors.tolist():
                k = max(1, int(rng.poisson(len(f.accs) * rng.uniform(0.3, 1.5))))
                times = C.t[a] + rng.uniform(60, 1800) + np.cumsum(rng.exponential(gap, k))
                self.emit_farm(
                    f,
                    int(C.page[a]),
                    np.full(k, -1),
                    rng.choice(f.accs, k),
                    times,
                    self.intents(k, {"filler": 0.4, "praise": 0.3, "minimal": 0.2, "defend": 0.1}),
                )
            return
        posts, counts = np.unique(C.post[idx], return_counts=True)
        m = min(len(posts), int(rng.integers(1, 21)))
        top = posts[np.argsort(-counts)][:m]
        per = len(f.accs) * rng.uniform(0.3, 1.5) * rng.uniform(1, 3)
        per *= self._scale(f, per * m)
        gap = _loguniform(rng, 20, 300)
        mix = {"filler": 0.4, "praise": 0.3, "minimal": 0.2, "defend": 0.1}
        for post in top.tolist():
            ct = np.sort(C.t[idx[C.post[idx] == post]])
            start = ct[min(1, len(ct) - 1)] + rng.uniform(60, 1800)
            k = max(1, int(rng.poisson(per)))
            times = start + np.cumsum(rng.exponential(gap, k))
            accs = rng.choice(f.accs, k)
            self.emit_farm(f, int(self.p_page[post]), np.full(k, post), accs, times, self.intents(k, mix))

    def t_sleeper_cell(self, f: _Farm) -> None:
        rng = self.rng
        for a in f.accs.tolist():  # sparse ordinary life
            m = int(rng.integers(0, 6))
            if m:
                self.ordinary_comments(a, m, f.platform)
        D = rng.uniform(f.t0, f.t1)
        sub = _Farm(f.name, f.tactic, f.platform, f.pages, D - DAY, D + DAY, f.budget)
        pg_, po, t0 = self.targets(sub, 1.0, stream_rate=3)
        part = rng.uniform(0.4, 1) * self._scale(f, len(po) * len(f.accs))
        for p, post, t in zip(pg_.tolist(), po.tolist(), t0.tolist(), strict=False):
            accs = f.accs[rng.random(len(f.accs)) < part]
            start = max(t, D) + 30
            times = start + rng.uniform(0, rng.uniform(1, 8) * HOUR, len(accs))
            self.emit_farm(
                f,
                p,
                np.full(len(accs), post),
                accs,
                times,
                self.intents(len(accs), {"praise": 0.8, "agree": 0.2}),
            )

    def t_rotating_pool(self, f: _Farm) -> None:
        rng = self.rng
        pg_, po, t0 = self.targets(f, rng.uniform(0.3, 1))
        kmax = int(np.clip(rng.integers(3, 11) * self.intensity, 2, 40))
        sc = self._scale(f, len(po) * (kmax + 2) / 2)
        med = math.log(_loguniform(rng, 10 * 60, 8 * HOUR))
        for p, post, t in zip(pg_.tolist(), po.tolist(), t0.tolist(), strict=False):
            if rng.random() > sc:
                continue
            k = int(rng.integers(2, kmax + 1))
            accs = rng.choice(f.accs, min(k, len(f.accs)), replace=False)
            times = self.thin(np.full(len(accs), t), np.full(len(accs), med), 1.2, self.pages[p]["curve"])
            self.emit_farm(
                f,
                p,
                np.full(len(accs), post),
                accs,
                times,
                self.intents(len(accs), {"praise": 0.7, "defend": 0.2, "filler": 0.1}),
            )

    def t_copypaste_spray(self, f: _Farm) -> None:
        rng = self.rng
        posts_all = np.concatenate([self.page_posts[p] for p in f.pages.tolist()])
        posts_all = np.sort(posts_all)
        posts_all = posts_all[np.argsort(self.p_t[posts_all])]
        pt = self.p_t[posts_all]
        ns = 1 + rng.poisson(rng.uniform(0.5, 4) * self.intensity, len(f.accs))
        sc = self._scale(f, ns.sum() * 15)
        gap = _loguniform(rng, 4, 60)
        for a, s in zip(f.accs.tolist(), ns.tolist(), strict=False):
            for _ in range(s):
                if rng.random() > sc:
                    continue
                st = self.uniform_times(f.t0, f.t1, 1, GENUINE_CURVE)[0]
                text = f.voice.say(str(rng.choice(["praise", "slogan", "defend"])))
                m = int(rng.integers(3, 31))
                if len(posts_all):
                    hi = np.searchsorted(pt, st)
                    chosen = posts_all[max(0, hi - m) : hi]
                    if len(chosen) == 0:
                        continue
                    chosen = rng.permutation(chosen)
                    times = st + np.cumsum(rng.exponential(gap, len(chosen)))
                    for p in np.unique(self.p_page[chosen]).tolist():
                        mm = self.p_page[chosen] == p
                        self.C.add(p, chosen[mm], a, times[mm], -1, KI["farm_praise"], [text] * int(mm.sum()))
                else:
                    p = int(f.pages[0])
                    times = st + np.cumsum(rng.exponential(gap, m))
                    self.C.add(p, np.full(m, -1), a, times, -1, KI["farm_praise"], [text] * m)

    def t_critic_hunt(self, f: _Farm) -> None:
        rng = self.rng
        C = self.C
        n = C.n
        roles = np.asarray(self.a_role)
        inauth = np.asarray(self.a_inauth)
        cand = (
            np.isin(C.kind[:n], [KI["complaint"], KI["question"], KI["argue"], KI["callout"], KI["slogan"]])
            & np.isin(C.page[:n], f.pages)
            & (C.t[:n] >= f.t0)
            & (C.t[:n] <= f.t1)
            & ~inauth[C.acc[:n]]
        )
        idx = np.nonzero(cand)[0]
        if len(idx) == 0:
            return
        crit = np.isin(roles[C.acc[idx]], ["critic", "activist", "journalist", "campaigner"])
        if rng.random() < 0.4 and crit.any():  # stalk a few named critics
            people = np.unique(C.acc[idx[crit]])
            chosen = rng.choice(people, min(len(people), int(rng.integers(1, 6))), replace=False)
            targets = idx[np.isin(C.acc[idx], chosen) & (rng.random(len(idx)) < rng.uniform(0.5, 1))]
        else:
            w = np.where(crit, 5.0, 1.0) * rng.uniform(0.005, 0.2)
            targets = idx[rng.random(len(idx)) < np.minimum(1, w)]
        lam = rng.uniform(0.5, 5) * self.intensity
        keep = rng.random(len(targets)) < self._scale(f, len(targets) * (1 + lam))
        targets = targets[keep]
        med = math.log(_loguniform(rng, 90, 4 * HOUR))
        mix = {"attack": 0.65, "defend": 0.25, "agree": 0.1}
        for pgi in np.unique(C.page[targets]).tolist():
            tg = targets[C.page[targets] == pgi]
            k = 1 + rng.poisson(lam, len(tg))
            par = np.repeat(tg, k)
            accs = rng.choice(f.accs, len(par))
            t = C.t[par] + np.exp(med + 0.8 * rng.standard_normal(len(par))) + 2
            ints = self.intents(len(par), mix)
            texts = [f.voice.say(i) for i in ints]
            kinds = np.array([KI["attack"] if i == "attack" else KI["defend"] for i in ints], np.int16)
            self.add_replies(self.pages[pgi], par, accs, t, kinds, texts)

    def t_reply_chorus(self, f: _Farm) -> None:
        rng = self.rng
        C = self.C
        leaders = f.accs[: max(1, min(3, len(f.accs) // 5))]
        pg_, po, t0 = self.targets(f, rng.beta(1.5, 3))
        lam = rng.uniform(1, 6) * self.intensity
        keep = rng.random(len(po)) < self._scale(f, len(po) * (1 + lam))
        pg_, po, t0 = pg_[keep], po[keep], t0[keep]
        q_seed = rng.uniform(0, 1)
        med = math.log(_loguniform(rng, 60, 90 * 60))
        chain = rng.uniform(0, 0.5)
        n = C.n
        friendly = np.nonzero(
            np.isin(C.kind[:n], [KI["praise"], KI["thanks"], KI["admin"], KI["greeting"], KI["farm_praise"]])
            & (C.post[:n] >= 0)
        )[0]
        fr_post = C.post[friendly]
        order = np.argsort(fr_post, kind="stable")
        friendly, fr_post = friendly[order], fr_post[order]
        for p, post, t in zip(pg_.tolist(), po.tolist(), t0.tolist(), strict=False):
            pg = self.pages[p]
            root = -1
            if post >= 0 and rng.random() > q_seed:
                lo, hi = np.searchsorted(fr_post, post), np.searchsorted(fr_post, post, "right")
                if hi > lo:
                    root = int(friendly[rng.integers(lo, hi)])
            if root < 0:
                a = rng.choice(leaders)
                root = int(
                    self.emit_farm(
                        f,
                        p,
                        np.array([post]),
                        np.array([a]),
                        np.array([t + rng.exponential(1800) + 5]),
                        ["praise"],
                    )[0]
                )
            k = 1 + int(rng.poisson(lam))
            accs = rng.choice(f.accs, k)
            last = root
            for a in accs.tolist():
                par = last if rng.random() < chain else root
                tt = C.t[par] + math.exp(med + rng.standard_normal())
                intent = str(rng.choice(["agree", "praise", "defend"], p=[0.7, 0.2, 0.1]))
                new = self.add_replies(
                    pg,
                    np.array([par]),
                    np.array([a]),
                    np.array([tt]),
                    np.array([KI["agree"]], np.int16),
                    [f.voice.say(intent)],
                )
                last = int(new[0])

    def t_commercial_spam(self, f: _Farm) -> None:
        rng = self.rng
        C = self.C
        n = C.n
        on = np.nonzero(
            np.isin(C.page[:n], f.pages) & (C.t[:n] >= f.t0) & (C.t[:n] <= f.t1) & (C.parent[:n] < 0)
        )[0]
        if len(on) == 0:
            return
        k = int(min(len(on), f.budget, len(f.accs) * rng.uniform(2, 30)))
        par = rng.choice(on, k)
        accs = rng.choice(f.accs, k)
        fast = rng.random(k) < rng.uniform(0.2, 0.9)
        delay = np.where(fast, rng.uniform(3, 120, k), rng.uniform(60, 3 * DAY, k))
        texts = [f.voice.say("spam") for _ in range(k)]
        for pgi in np.unique(C.page[par]).tolist():
            m = C.page[par] == pgi
            self.add_replies(
                self.pages[pgi],
                par[m],
                accs[m],
                C.t[par[m]] + delay[m],
                np.full(int(m.sum()), KI["spam"], np.int16),
                [t for t, mm in zip(texts, m, strict=False) if mm],
            )

    def t_like_ring(self, f: _Farm) -> None:
        rng = self.rng
        C = self.C
        n = C.n
        friendly = np.nonzero(
            np.isin(
                C.kind[:n],
                [
                    KI["praise"],
                    KI["thanks"],
                    KI["admin"],
                    KI["farm_praise"],
                    KI["long"],
                    KI["defend"],
                    KI["attack"],
                ],
            )
            & np.isin(C.page[:n], f.pages)
            & (C.t[:n] >= f.t0)
            & (C.t[:n] <= f.t1)
        )[0]
        if len(friendly):
            b = friendly[rng.random(len(friendly)) < rng.uniform(0.1, 0.8)]
            add = rng.binomial(len(f.accs), rng.uniform(0.2, 0.8), len(b))
            self.boost_idx.append(b)
            self.boost_val.append(add)
        # the ring's own thin footprint
        m = 1 + rng.poisson(rng.uniform(0.2, 3) * self.intensity, len(f.accs))
        accs = np.repeat(f.accs, m)
        if len(friendly) and len(accs):
            par = rng.choice(friendly, len(accs))
            as_reply = rng.random(len(accs)) < rng.uniform(0.2, 0.9)
            for pgi in np.unique(C.page[par]).tolist():
                mm = (C.page[par] == pgi) & as_reply
                if mm.any():
                    t = C.t[par[mm]] + rng.exponential(_loguniform(rng, 60, 6 * HOUR), int(mm.sum())) + 2
                    self.add_replies(
                        self.pages[pgi],
                        par[mm],
                        accs[mm],
                        t,
                        np.full(int(mm.sum()), KI["minimal"], np.int16),
                        [f.voice.say("minimal") for _ in range(int(mm.sum()))],
                    )
                mm = (C.page[par] == pgi) & ~as_reply
                if mm.any():
                    t = C.t[par[mm]] + rng.exponential(_loguniform(rng, 60, 6 * HOUR), int(mm.sum())) + 2
                    self.emit_farm(
                        f, pgi, C.post[par[mm]], accs[mm], t, ["minimal"] * int(mm.sum()), KI["minimal"]
                    )
        elif len(accs):
            pg_, po, t0 = self.targets(f, 0.3)
            if len(po):
                j = rng.integers(0, len(po), len(accs))
                for p in np.unique(pg_[j]).tolist():
                    mm = pg_[j] == p
                    t = t0[j][mm] + rng.exponential(3 * HOUR, int(mm.sum())) + 2
                    self.emit_farm(f, p, po[j][mm], accs[mm], t, ["minimal"] * int(mm.sum()), KI["minimal"])

    def camouflage(self, f: _Farm) -> None:
        if f.camo <= 0 or f.tactic in ("budget_workers", "sleeper_cell"):
            return
        rng = self.rng
        acc_n = np.bincount(
            np.searchsorted(np.sort(f.accs), self.C.view("acc")[np.isin(self.C.view("acc"), f.accs)]),
            minlength=len(f.accs),
        )
        mean = max(1.0, acc_n.mean())
        for a in np.sort(f.accs).tolist():
            m = int(rng.poisson(f.camo / (1 - f.camo + 1e-6) * mean))
            m = min(m, 60)
            if m:
                self.ordinary_comments(a, m, f.platform, f.t0 - 20 * DAY, f.t1 + 10 * DAY)

    def run_farms(self, phase: str) -> None:
        for f in self.farms:
            is_reply = f.tactic in REPLY_TACTICS
            if (phase == "top") != (not is_reply):
                continue
            start = self.C.n
            getattr(self, "t_" + f.tactic)(f)
            if f.self_like > 0 and self.C.n > start:
                idx = np.arange(start, self.C.n)
                self.boost_idx.append(idx)
                self.boost_val.append(self.rng.binomial(len(f.accs), f.self_like * 0.3, len(idx)))
            self.camouflage(f)

    # ------------------------------------------------------------ finalize
    def finalize(self) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame]:
        rng, R = self.rng, self.R
        C = self.C
        n = C.n
        page, post, acc = C.view("page").copy(), C.view("post").copy(), C.view("acc").copy()
        par, kind = C.view("parent").copy(), C.view("kind").copy()
        t = np.floor(C.view("t")).astype(np.int64)
        # post-time guarantee (defensive) and parent-time guarantee
        has_post = post >= 0
        t[has_post] = np.maximum(t[has_post], self.p_t[post[has_post]].astype(np.int64) + 1)
        for _ in range(3):
            hp = par >= 0
            t[hp] = np.maximum(t[hp], t[par[hp]] + 1)
        # likes
        inauth = np.asarray(self.a_inauth)
        roles = np.asarray(self.a_role)
        lam = np.array([self.pages[p]["like_rate"] for p in range(len(self.pages))])[page]
        safe = np.maximum(post, 0) if len(self.p_t) else np.zeros(n, np.int64)
        p_pop = self.p_pop if len(self.p_t) else np.ones(1)
        p_t = self.p_t if len(self.p_t) else np.zeros(1)
        pop = np.where(has_post, p_pop[safe], 1.0)
        kf = np.ones(len(KINDS))
        kf[[KI["complaint"], KI["joke"], KI["callout"]]] = [2.5, 2.5, 1.5]
        kf[[KI["empty"], KI["emoji"], KI["minimal"], KI["spam"], KI["contest"]]] = [0.2, 0.3, 0.1, 0.05, 0.3]
        lam = lam * pop * kf[kind]
        lam *= np.where(par >= 0, 0.35, 1.0)
        lam *= np.where(inauth[acc], 0.35, 1.0) * np.where(
            np.isin(roles[acc], ["critic", "activist"]), 2.5, 1.0
        )
        order = np.lexsort((t, post, page))
        rank = np.empty(n, np.int64)
        grp = np.r_[True, (post[order][1:] != post[order][:-1]) | (page[order][1:] != page[order][:-1])]
        gstart = np.maximum.accumulate(np.where(grp, np.arange(n), 0))
        rank[order] = np.arange(n) - gstart
        lam /= (1 + rank / 8.0) ** 0.7
        likes = rng.poisson(lam * np.exp(rng.normal(0, 0.9, n))).astype(np.int64)
        for b, v in zip(self.boost_idx, self.boost_val, strict=False):
            np.add.at(likes, b, v)
        # precision
        prec = np.array([self.pages[p]["prec"] for p in range(len(self.pages))])[page]
        off = _offset(t)
        tq = np.where(prec == 60, t - t % 60, t)
        tq = np.where(prec == 86400, ((t + off) // 86400) * 86400 - off, tq)
        post_t = np.where(has_post, p_t[safe].astype(np.int64), 0)
        poff = _offset(post_t)
        pq = np.where(prec == 60, post_t - post_t % 60, post_t)
        pq = np.where(prec == 86400, ((post_t + poff) // 86400) * 86400 - poff, pq)
        # comment ids, processed page by page in time order
        order = np.lexsort((t, page))
        cid = np.empty(n, dtype=object)
        alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
        used: set[str] = set()
        seq: dict[int, int] = {}
        for i in order.tolist():
            pg = self.pages[page[i]]
            pl = pg["platform"]
            if pl == "telegram":
                seq[page[i]] = seq.get(page[i], R.randint(100, 90000)) + R.choice((1, 1, 1, 2, 3))
                c = f"{pg['page_id']}_{seq[page[i]]}"
            elif pl == "vk":
                seq[page[i]] = seq.get(page[i], R.randint(1000, 900000)) + R.choice((1, 1, 2, 5))
                c = f"{pg['page_id']}_{seq[page[i]]}"
            elif pl == "x":
                c = str(
                    ((int(t[i]) * 1000 + R.randint(0, 999) - 1288834974657) << 22)
                    + R.randint(0, (1 << 22) - 1)
                )
            elif pl == "instagram":
                c = str(17_800_000_000_000_000 + (int(t[i]) - 1_500_000_000) * 1000 + R.randint(0, 999))
            elif pl == "facebook":
                pid = self.p_id[post[i]].split("_")[-1] if post[i] >= 0 else pg["page_id"]
                c = f"{pid}_{R.randint(10**14, 10**16 - 1)}"
            else:
                if par[i] >= 0 and cid[par[i]] is not None:
                    c = f"{cid[par[i]]}.{''.join(R.choice(alnum) for _ in range(22))}"
                else:
                    c = "Ug" + R.choice("wxyz") + "".join(R.choice(alnum) for _ in range(17)) + "4AaABAg"
            while c in used:
                c = c + R.choice("0123456789")
            used.add(c)
            cid[i] = c
        parent_id = np.where(par >= 0, cid[np.maximum(par, 0)], None)
        like_known = np.array([self.pages[p]["like_known"] for p in range(len(self.pages))])[page]
        comments = pd.DataFrame(
            {
                "platform": [self.pages[p]["platform"] for p in page],
                "page_id": [self.pages[p]["page_id"] for p in page],
                "post_id": [self.p_id[p] if p >= 0 else None for p in post],
                "post_created_at": pd.to_datetime(np.where(has_post, pq, 0), unit="s", utc=True),
                "comment_id": cid,
                "parent_id": parent_id,
                "account_id": [self.a_id[a] for a in acc],
                "account_handle": [self.a_handle[a] for a in acc],
                "created_at": pd.to_datetime(tq, unit="s", utc=True),
                "time_precision_s": prec.astype(np.int64),
                "text": C.text[:n],
                "like_count": pd.array(np.where(like_known, likes, 0), dtype="Int64"),
            }
        )
        comments.loc[~has_post, "post_created_at"] = pd.NaT
        comments.loc[~like_known, "like_count"] = pd.NA
        comments = comments.iloc[order].reset_index(drop=True)
        used_acc = np.unique(acc)
        truth = pd.DataFrame(
            {
                "account_id": [self.a_id[a] for a in used_acc],
                "is_inauthentic": inauth[used_acc].astype(bool),
                "farm": [self.a_farm[a] for a in used_acc],
                "tactic": [self.a_tactic[a] for a in used_acc],
                "role": [self.a_role[a] for a in used_acc],
            }
        )
        accounts = self.profiles(used_acc)
        return comments, accounts, truth

    def profiles(self, used: np.ndarray) -> pd.DataFrame | None:
        rng, R = self.rng, self.R
        mode = rng.choice(["full", "partial", "none"], p=[0.45, 0.35, 0.2])
        self.params["profiles"] = str(mode)
        if mode == "none":
            return None
        n = len(used)
        src = np.asarray(self.a_source)[used]
        plat = np.asarray(self.a_platform)[used]
        reg = np.asarray(self.a_reg)[used]
        fol = np.exp(rng.normal(math.log(120), 1.3, n))
        fng = np.exp(rng.normal(math.log(200), 1.0, n))
        posts = np.exp(rng.normal(math.log(60), 1.5, n))
        ver = rng.random(n) < 0.002
        av = rng.random(n) < 0.78
        has_bio = rng.random(n) < 0.35
        fresh, aged, blog, page = src == "fresh", src == "aged", src == "blogger", src == "page"
        fol[fresh] = rng.poisson(rng.uniform(0, 30), int(fresh.sum()))
        fng[fresh] = np.exp(rng.normal(math.log(rng.uniform(20, 900)), 0.6, int(fresh.sum())))
        posts[fresh] = rng.poisson(rng.uniform(0, 8), int(fresh.sum()))
        av[fresh] = rng.random(int(fresh.sum())) < rng.uniform(0.3, 0.95)
        has_bio[fresh] = rng.random(int(fresh.sum())) < rng.uniform(0, 0.5)
        fol[aged] = np.exp(rng.normal(math.log(150), 1.0, int(aged.sum())))
        posts[aged] = rng.poisson(rng.uniform(0, 30), int(aged.sum()))
        fol[blog] = np.exp(rng.normal(math.log(40000), 1.0, int(blog.sum())))
        posts[blog] = np.exp(rng.normal(math.log(900), 0.7, int(blog.sum())))
        ver[blog] = rng.random(int(blog.sum())) < 0.3
        av[blog] = True
        has_bio[blog] = True
        fol[page] = np.exp(rng.normal(math.log(30000), 1.2, int(page.sum())))
        ver[page] = rng.random(int(page.sum())) < 0.5
        av[page] = True
        has_bio[page] = True
        bios: list[str | None] = []
        for i in range(n):
            if not has_bio[i]:
                bios.append(None)
            elif src[i] == "page":
                bios.append(R.choice(P.BIOS_PAGE))
            elif src[i] == "blogger":
                bios.append(P.fill(R.choice(P.BIOS_BLOGGER), R))
            elif src[i] in ("fresh", "aged") and R.random() < 0.6:
                bios.append(R.choice(P.BIOS_FARM))
            else:
                bios.append(R.choice(P.BIOS_GENUINE))
        df = pd.DataFrame(
            {
                "platform": plat,
                "account_id": [self.a_id[a] for a in used],
                "handle": [self.a_handle[a] for a in used],
                "display_name": [self.a_name[a] for a in used],
                "created_at": pd.to_datetime(np.floor(reg).astype(np.int64), unit="s", utc=True),
                "followers_count": pd.array(np.round(fol).astype(np.int64), dtype="Int64"),
                "following_count": pd.array(np.round(fng).astype(np.int64), dtype="Int64"),
                "posts_count": pd.array(np.round(posts).astype(np.int64), dtype="Int64"),
                "is_verified": pd.array(ver, dtype="boolean"),
                "has_avatar": pd.array(av, dtype="boolean"),
                "bio": bios,
            }
        )
        # platform realism: what each platform exposes
        tg = plat == "telegram"
        df.loc[tg, ["created_at"]] = pd.NaT
        df.loc[tg, ["followers_count", "following_count", "posts_count"]] = pd.NA
        fb = plat == "facebook"
        df.loc[fb, "created_at"] = pd.NaT
        df.loc[fb & (rng.random(n) < 0.6), "followers_count"] = pd.NA
        df.loc[fb, ["following_count", "posts_count"]] = pd.NA
        yt = plat == "youtube"
        df.loc[yt, "following_count"] = pd.NA
        df.loc[yt & ~blog & ~page, "posts_count"] = rng.poisson(0.3, int((yt & ~blog & ~page).sum()))
        ig = plat == "instagram"
        df.loc[ig & (rng.random(n) < 0.5), "created_at"] = pd.NaT
        if mode == "partial":
            opt = [
                "handle",
                "display_name",
                "created_at",
                "followers_count",
                "following_count",
                "posts_count",
                "is_verified",
                "has_avatar",
                "bio",
            ]
            drop = list(rng.choice(opt, int(rng.integers(1, 5)), replace=False))
            df = df.drop(columns=drop)
            df = df[rng.random(len(df)) > rng.uniform(0.05, 0.5)].reset_index(drop=True)
        return df


def civic_world(seed: int) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame]:
    """Generate one labelled world of government pages' comment sections.

    Written from the domain alone, apart from botwatch's generators and from ``third_world``;
    its design is in ``CIVIC.md``.

    Parameters
    ----------
    seed : int
        The same seed always gives the same world.

    Returns
    -------
    comments : pandas.DataFrame
        The comment table, in botwatch's columns.
    accounts : pandas.DataFrame or None
        Profiles (some columns or rows may be missing), or None in worlds without them.
    truth : pandas.DataFrame
        One row per commenting account: ``account_id``, ``is_inauthentic``, ``farm``,
        ``tactic`` (one of ``CIVIC_TACTICS``) and ``role``.

    Examples
    --------
    >>> comments, accounts, truth = civic_world(3)
    >>> bool(truth["account_id"].isin(comments["account_id"]).all())
    True
    """
    W = _World(int(seed))
    W.setup()
    W.make_pools()
    W.genuine_toplevel()
    W.superfans()
    W.viral_crowds()
    W.civic_campaigns()
    W.local_groups()
    W.contests()
    W.make_farms()
    W.run_farms("top")
    W.genuine_replies()
    W.admins()
    W.superfan_defence()
    W.run_farms("reply")
    W.counter_replies()
    return W.finalize()


def world_summary(seed: int) -> dict:
    """Small helper for inspection: knobs and tactic list of one world (re-generates it)."""
    W = _World(int(seed))
    W.setup()
    return dict(W.params)
