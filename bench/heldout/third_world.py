"""Independent simulator of comment sections on Kazakh government-agency pages (held-out test worlds).

    from third_world import third_world
    comments, accounts, truth = third_world(seed)

See README.md for the design.
"""

from __future__ import annotations

import math
import os
import random
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import textbank as TB

PLATFORMS = ["telegram", "instagram", "facebook", "vk", "youtube", "x"]
PLAT_W = np.array([0.22, 0.30, 0.18, 0.10, 0.10, 0.10])
PLAT_LAUNCH = {"telegram": 2014, "instagram": 2012, "facebook": 2009, "vk": 2008, "youtube": 2010, "x": 2010}
T_SWITCH = pd.Timestamp("2024-03-01", tz="UTC").timestamp()  # Kazakhstan moved to a single UTC+5 zone
DAY, HOUR, MIN = 86400.0, 3600.0, 60.0
TOPICS = [
    "akim",
    "roads",
    "heating",
    "utilities",
    "transport",
    "event",
    "education",
    "health",
    "social",
    "announcement",
]
TOPIC_P = np.array([0.14, 0.12, 0.09, 0.10, 0.10, 0.15, 0.07, 0.06, 0.07, 0.10])
TOPIC_COMPLAIN = dict(
    akim=0.35,
    roads=0.55,
    heating=0.65,
    utilities=0.6,
    transport=0.55,
    event=0.08,
    education=0.35,
    health=0.4,
    social=0.3,
    announcement=0.3,
)
TOPIC_APPEAL = dict(
    akim=1.3,
    roads=1.3,
    heating=1.6,
    utilities=1.3,
    transport=1.2,
    event=1.0,
    education=0.9,
    health=0.9,
    social=0.8,
    announcement=0.7,
)
GEN_STYLE_P = [0.26, 0.14, 0.2, 0.15, 0.08, 0.1, 0.07]
TACTIC_DEFAULT_TEXT = dict(
    chat_burst="stock",
    office_shift="template",
    slow_drip="long",
    critic_attack="attack",
    topic_selective="template",
    hired_bloggers="long",
    stream_flood="stock",
)


def _lu(rng, a, b):
    return float(math.exp(rng.uniform(math.log(a), math.log(b))))


class World:
    def __init__(self, seed: int):
        self.rng = np.random.default_rng([int(seed), 20240613])
        self.pr = random.Random(int(seed) * 7919 + 3)
        self.acc: list[dict] = []
        self.used_handles: dict[str, set] = {p: set() for p in PLATFORMS}
        self.plat_accs: dict[str, list] = {p: [] for p in PLATFORMS}
        # comment columns
        self.c_page, self.c_post, self.c_acc, self.c_t = [], [], [], []
        self.c_text, self.c_parent, self.c_lam, self.c_complaint = [], [], [], []

    # ------------------------------------------------------------------ time helpers
    def off(self, t):
        t = np.asarray(t, dtype=float)
        return np.where(self.eastern & (t < T_SWITCH), 6.0, 5.0)

    def local_hour(self, t):
        t = np.asarray(t, dtype=float)
        return ((t + self.off(t) * HOUR) % DAY) / HOUR

    def diurnal(self, t, p=0.85):
        t = np.asarray(t, dtype=float).copy()
        h = self.local_hour(t)
        night = (h < 7) & (self.rng.random(len(t)) < p)
        t[night] += (7 - h[night] + self.rng.exponential(1.5, night.sum())) * HOUR
        return t

    def office_times(self, t0, spread_days):
        rng = self.rng
        t0 = np.asarray(t0, dtype=float)
        n = len(t0)
        off = self.off(t0)
        day = np.floor((t0 + off * HOUR) / DAY) + np.floor(rng.exponential(spread_days, n))
        out = np.empty(n)
        todo = np.ones(n, bool)
        for _ in range(6):
            wd = (day + 3) % 7
            day = day + np.where(wd == 5, 2, np.where(wd == 6, 1, 0))
            hr = rng.uniform(9, 18, n)
            lunch = (hr >= 13) & (hr < 14) & (rng.random(n) < 0.6)
            hr[lunch] = rng.uniform(14, 18, lunch.sum())
            t = day * DAY + hr * HOUR - off * HOUR
            ok = todo & (t > t0 + 60)
            out[ok] = t[ok]
            todo &= ~ok
            if not todo.any():
                break
            day = day + 1
        out[todo] = t0[todo] + rng.uniform(5, 60, todo.sum()) * MIN
        return out

    # ------------------------------------------------------------------ text helpers
    def fill(self, s: str, plat: str | None = None) -> str:
        if "{" not in s:
            return s
        pr, c = self.pr, self.ctx
        rep = {
            "{street}": lambda: pr.choice(c["streets"]),
            "{street2}": lambda: pr.choice(c["streets"]),
            "{district}": lambda: pr.choice(c["districts"]),
            "{bus}": lambda: str(pr.choice(c["buses"])),
            "{num}": lambda: str(pr.randint(1, 120)),
            "{leader}": lambda: c["leader"],
            "{leader_short}": lambda: c["leader_short"],
            "{org_ru}": lambda: c["org_ru"],
            "{org_kk}": lambda: c["org_kk"],
            "{hashtag}": lambda: c["hashtag"],
            "{h}": lambda: self.rand_handle(plat),
            "{h2}": lambda: self.rand_handle(plat),
        }
        for k, f in rep.items():
            while k in s:
                s = s.replace(k, f(), 1)
        return s

    def rand_handle(self, plat):
        lst = self.plat_accs.get(plat) or []
        for _ in range(5):
            if not lst:
                break
            h = self.acc[self.pr.choice(lst)]["handle"]
            if h:
                return h
        return self.pr.choice(TB.FIRST)[0] + str(self.pr.randint(1, 99))

    def pick_lang(self, acc_lang):
        if self.pr.random() < 0.8:
            return acc_lang
        return self.pr.choices(["ru", "kk", "en", "kk_lat"], weights=self.lang_w)[0]

    def bank(self, bank: dict, lang: str, plat=None) -> str:
        if lang == "kk_lat":
            return TB.translit(self.fill(self.pr.choice(bank.get("kk") or bank["ru"]), plat))
        lst = bank.get(lang) or bank["ru"]
        return self.fill(self.pr.choice(lst), plat)

    def vary(self, txt: str, p=1.0) -> str:
        """Citizen-style surface variation: greetings, sign-offs, typos, casing, punctuation."""
        pr = self.pr
        if not txt or pr.random() > p:
            return txt
        if pr.random() < 0.3:
            txt = (
                pr.choice(
                    [
                        "Здравствуйте! ",
                        "Добрый день. ",
                        "Сәлеметсіз бе! ",
                        "Уважаемый аким, ",
                        "Подскажите, ",
                        "Скажите пожалуйста, ",
                        "Ассалаумағалейкум. ",
                        "Вопрос: ",
                        "Люди, ",
                        "Кстати ",
                    ]
                )
                + txt[0].lower()
                + txt[1:]
            )
        if pr.random() < 0.25:
            txt = txt.rstrip(".!?") + pr.choice(
                [
                    ". Спасибо",
                    ". Ответьте пожалуйста",
                    "!!!",
                    ". Сколько можно?",
                    " уже неделю",
                    ". Жауап беріңіздер",
                    " 🙏",
                    "...",
                    "??",
                    ". Рахмет",
                ]
            )
        r = pr.random()
        if r < 0.2:
            txt = txt[0].lower() + txt[1:]
        elif r < 0.3:
            txt = txt.rstrip(".!")
        if pr.random() < 0.2 and len(txt) > 8:
            k = pr.randint(1, len(txt) - 2)
            txt = (
                txt[:k] + txt[k + 1 :] if pr.random() < 0.5 else txt[:k] + txt[k + 1] + txt[k] + txt[k + 2 :]
            )
        return txt

    def genuine_text(self, a: dict, topic: str, plat: str, event_ok=True):
        """Return (text, is_complaint) for an ordinary citizen comment."""
        pr = self.pr
        lang = self.pick_lang(a["lang"])
        pc = min(0.95, TOPIC_COMPLAIN[topic] * a["grump"])
        r = pr.random()
        if r < pc:
            txt = self.bank(TB.COMPLAINT, lang, plat)
            if pr.random() < 0.07:
                extra = [self.bank(TB.LONG_COMPLAINT, lang, plat) for _ in range(pr.randint(1, 3))]
                txt = txt + ". " + " ".join(extra)
            txt = self.vary(txt)
            if pr.random() < 0.15:
                txt += " " + pr.choice(["😡", "🤬", "😤", "🙄", "!!!", "???", "😢"])
            return txt, True
        r = pr.random()
        if topic == "event" and event_ok and r < 0.3:
            txt = self.vary(self.bank(TB.EVENT, lang, plat), 0.8)
        elif r < 0.45:
            txt = self.bank(TB.SHORT, lang, plat)
            if pr.random() < 0.2:
                txt += " " + pr.choice(TB.SHORT["emoji"])
        elif r < 0.6:
            txt = self.vary(self.bank(TB.THANKS, lang, plat), 0.8)
        elif r < 0.72:
            txt = self.bank(TB.TAG, lang, plat)
        elif r < 0.85:
            txt = pr.choice(TB.SHORT["emoji"])
        elif r < 0.9:
            txt = ""  # sticker / gif / photo-only comment
        else:
            txt = self.vary(self.bank(TB.COMPLAINT, lang, plat).rstrip("?") + "?")
            return txt, True
        return txt, False

    # ------------------------------------------------------------------ accounts
    def make_handle(self, plat, style, first, last, sex):
        pr = self.pr
        l2 = last + ("a" if sex == "f" and last.endswith(("ov", "ev", "in")) else "")
        y = pr.randint(1962, 2009)
        if style == 0:
            h = f"{first}{pr.choice(['.', '_', ''])}{l2}"
        elif style == 1:
            h = f"{first}_{l2}{pr.randint(1, 99)}"
        elif style == 2:
            h = pr.choice([f"{first}{y}", f"{first}_{y % 100:02d}", f"{first}{pr.randint(1, 999)}"])
        elif style == 3:
            h = f"{pr.choice(TB.HANDLE_WORDS)}_{pr.choice(TB.HANDLE_WORDS)}" + pr.choice(
                ["", "", str(pr.randint(1, 99))]
            )
        elif style == 4:
            h = pr.choice(["user", "id", "u"]) + str(pr.randint(10**6, 10**9))
        elif style == 5:
            h = pr.choice(
                [
                    f"{first[0]}.{l2}_kz",
                    f"{first}.{l2[0]}",
                    f"{first}_{pr.choice(['kz', 'almaty', 'astana', 'official'])}",
                ]
            )
        else:
            h = "".join(pr.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(pr.randint(5, 10)))
            if pr.random() < 0.5:
                h += str(pr.randint(0, 99))
        if plat == "telegram" and pr.random() < 0.2:
            return ""
        base, k = h, 0
        while h in self.used_handles[plat]:
            k += 1
            h = base + ("_" if k % 2 else "") + str(pr.randint(0, 9 * k))
        self.used_handles[plat].add(h)
        return h

    def new_account(
        self, plat, role, group, style=None, lang=None, farm=None, tactic=None, q=0.5, reg=None, names=None
    ):
        pr = self.pr
        if style is None:
            style = pr.choices(range(7), weights=GEN_STYLE_P)[0]
        fl, fc, sex = pr.choice(names or TB.FIRST)
        ll, lc = pr.choice(TB.LAST)
        handle = self.make_handle(plat, style, fl, ll, sex)
        lc2 = lc + ("а" if sex == "f" and lc.endswith(("ов", "ев", "ин")) else "")
        r = pr.random()
        if r < 0.5:
            disp = f"{fc} {lc2}"
        elif r < 0.68:
            disp = f"{fl.capitalize()} {ll.capitalize()}"
        elif r < 0.8:
            disp = fc
        elif r < 0.9:
            disp = f"{fc} {lc2[0]}."
        else:
            disp = pr.choice(
                [
                    f"{fc} {pr.choice(['🌸', '✨', '🇰🇿', '💫', '🌷', '⚽'])}",
                    f"Мама {pr.choice(['Алихана', 'Айлин', 'Даниала', 'Амира'])}",
                    handle or fc,
                    f"{fc}_{lc2}",
                ]
            )
        if lang is None:
            lang = pr.choices(["ru", "kk", "en", "kk_lat"], weights=self.lang_w)[0]
        a = dict(
            plat=plat,
            role=role,
            group=group,
            farm=farm,
            tactic=tactic,
            handle=handle,
            display=disp,
            lang=lang,
            q=q,
            reg=reg,
            grump=float(np.clip(self.rng.lognormal(0, 0.5), 0.2, 2.2)),
            idx=len(self.acc),
        )
        self.acc.append(a)
        self.plat_accs[plat].append(a["idx"])
        return a["idx"]

    # ------------------------------------------------------------------ comments
    def add(self, page, post, acc, t, text, parent=-1, lam=0.5, complaint=False):
        self.c_page.append(page)
        self.c_post.append(post)
        self.c_acc.append(acc)
        self.c_t.append(float(t))
        self.c_text.append(text)
        self.c_parent.append(parent)
        self.c_lam.append(lam)
        self.c_complaint.append(complaint)
        return len(self.c_t) - 1

    # ------------------------------------------------------------------ build
    def build(self):
        rng, pr = self.rng, self.pr
        # --- world context
        east = rng.random() < 0.8
        city = pr.choice(TB.CITIES_EAST if east else TB.CITIES_WEST)
        ministry = rng.random() < 0.2
        self.eastern = bool(east or ministry)  # ministries sit in Astana
        lf, ll = pr.choice(TB.LEADER_FIRST), pr.choice(TB.LEADER_LAST)
        self.ctx = dict(
            streets=pr.sample(TB.STREETS, 8),
            districts=pr.sample(TB.DISTRICTS, 6),
            buses=pr.sample(range(1, 140), 10),
            leader=f"{lf} {ll}",
            leader_short=pr.choice([lf, f"{lf} {ll[0]}.", ll]),
            org_ru="министерств" if ministry else "акимат",
            org_kk="министрлік" if ministry else "әкімдік",
            hashtag=pr.choice(
                [
                    "Алға",
                    "ЖаңаҚазақстан",
                    "Біргеміз",
                    city.replace("-", ""),
                    "ЕлімМенің",
                    "МыБудемЖить",
                    "ХорошиеНовости",
                ]
            ),
        )
        self.ctx["org_ru"] = "акимат" if not ministry else "министерство"
        w = rng.dirichlet([6, 3, 0.4, 0.5])
        self.lang_w = list(w)
        start = pd.Timestamp("2020-06-01", tz="UTC").timestamp() + float(rng.integers(0, 5 * 365)) * DAY
        D = _lu(rng, 21, 200)
        self.start, self.D = start, D
        T = _lu(rng, 6000, 60000)
        no_farm = rng.random() < 0.1
        farm_share = 0.0 if no_farm else float(rng.uniform(0.03, 0.4))
        G = T * (1 - farm_share)
        slug = (
            ("min" + pr.choice(TB.MINISTRIES))
            if ministry
            else "akimat_" + TB.translit(city).lower().replace("-", "_")
        )

        # --- pages
        stream_world = rng.random() < 0.2
        pages = []
        if stream_world:
            for k in range(1 + int(rng.random() < 0.3)):
                pages.append(dict(plat="x", stream=True, id=f"{slug}{['', '_press'][k]}"))
        else:
            n_pages = int(rng.integers(1, 5))
            plats = list(rng.choice(PLATFORMS, size=n_pages, p=PLAT_W))
            for k, p in enumerate(plats):
                stream = p == "x" and rng.random() < 0.5
                pages.append(
                    dict(plat=str(p), stream=stream, id=f"{slug}{'' if k == 0 else '_' + str(k)}_{p[:2]}")
                )
        self.pages = pages
        page_w = rng.dirichlet([1.5] * len(pages))

        # --- posts (for stream pages: internal "news events" only, no post ids in output)
        P_page, P_t, P_topic, P_app = [], [], [], []
        alpha = rng.uniform(0.9, 1.6)
        for pi, pg in enumerate(pages):
            rate = rng.uniform(0.3, 2.0) if pg["stream"] else rng.uniform(0.5, 5.0)
            n = max(8, int(rng.poisson(rate * D)))
            day = np.floor(rng.uniform(0, D, n))
            hr = np.clip(rng.normal(13, 3.5, n), 7, 23.5)
            t = start + day * DAY + hr * HOUR - 6 * HOUR
            t = t + (6 - self.off(t)) * HOUR
            top = rng.choice(len(TOPICS), size=n, p=TOPIC_P)
            app = (rng.pareto(alpha, n) + 1) * np.array([TOPIC_APPEAL[TOPICS[k]] for k in top])
            app = np.minimum(app, 0.3 * app.sum())
            P_page += [pi] * n
            P_t += list(t)
            P_topic += [TOPICS[k] for k in top]
            P_app += list(app / app.sum() * page_w[pi])
        order = np.argsort(P_t)
        self.P_page = np.array(P_page)[order]
        self.P_t = np.array(P_t)[order]
        self.P_topic = [P_topic[i] for i in order]
        self.P_app = np.array(P_app)[order]
        nP = len(self.P_t)
        self.post_comments = [[] for _ in range(nP)]

        # --- budget split among genuine roles
        sf_share = rng.uniform(0.0, 0.12)
        camp = rng.random() < 0.3
        camp_share = rng.uniform(0.01, 0.05) if camp else 0.0
        G_ord = G * (1 - sf_share - camp_share)

        # --- genuine pools per platform
        pools = {}
        for p in sorted({pg["plat"] for pg in pages}):
            share = self.P_app[[pages[self.P_page[i]]["plat"] == p for i in range(nP)]].sum()
            n_pool = max(50, int(G_ord * share / rng.uniform(1.5, 4.0)))
            ids = [
                self.new_account(p, "genuine", "new" if rng.random() < 0.06 else "genuine")
                for _ in range(n_pool)
            ]
            act = rng.pareto(rng.uniform(1.1, 2.0), n_pool) + 1
            pools[p] = (np.array(ids), act)
        page_cdf = {}
        for pi, pg in enumerate(pages):
            ids, act = pools[pg["plat"]]
            wpg = act * rng.lognormal(0, 1.0, len(act))
            page_cdf[pi] = (ids, np.cumsum(wpg) / wpg.sum())
        self.pools = pools

        # --- ordinary genuine comments, viral crowds, replies
        n_c = rng.multinomial(int(G_ord), self.P_app / self.P_app.sum())
        thr = max(150, np.quantile(n_c, 0.985))
        med_h = {pi: rng.uniform(0.5, 4.0) for pi in range(len(pages))}
        sig = {pi: rng.uniform(1.1, 1.8) for pi in range(len(pages))}
        rep_p = {pi: rng.uniform(0.06, 0.3) for pi in range(len(pages))}
        like_base = {pi: _lu(rng, 0.1, 2.0) for pi in range(len(pages))}
        for j in range(nP):
            n = int(n_c[j])
            if n == 0:
                continue
            pi = int(self.P_page[j])
            plat = pages[pi]["plat"]
            t0 = self.P_t[j]
            ts = t0 + rng.lognormal(math.log(med_h[pi] * HOUR), sig[pi], n)
            ts = self.diurnal(ts)
            ids, cdf = page_cdf[pi]
            who = ids[np.minimum(np.searchsorted(cdf, rng.random(n)), len(ids) - 1)]
            who = list(who)
            if n >= thr and rng.random() < 0.7:  # viral post: a crowd of one-off outsiders arrives in a burst
                v = rng.uniform(0.3, 0.85)
                k = int(v * n)
                trig = t0 + rng.lognormal(math.log(3 * HOUR), 1.0)
                crowd_t = trig + rng.exponential(rng.uniform(0.5, 8) * HOUR, k)
                ncrowd = max(1, int(k / rng.uniform(1.0, 1.4)))
                crowd = [
                    self.new_account(plat, "viral_crowd", "new" if rng.random() < 0.25 else "genuine")
                    for _ in range(ncrowd)
                ]
                sel = rng.choice(n, size=k, replace=False)
                for s_i, ct in zip(sel, crowd_t, strict=False):
                    who[s_i] = crowd[int(rng.integers(0, ncrowd))]
                    ts[s_i] = ct
            ordr = np.argsort(ts)
            lam_post = like_base[pi] * (1 + n) ** 0.4
            idxs = []
            for r_i, o in enumerate(ordr):
                a = self.acc[int(who[o])]
                t = max(ts[o], t0 + 5 + rng.exponential(30))
                if idxs and pr.random() < rep_p[pi]:
                    par = pr.choice(idxs[-30:]) if pr.random() < 0.7 else pr.choice(idxs)
                    lang = self.pick_lang(a["lang"])
                    if self.c_complaint[par]:
                        txt = self.bank(TB.AGREE if pr.random() < 0.6 else TB.ARGUE, lang, plat)
                    else:
                        txt = self.bank(TB.ARGUE if pr.random() < 0.5 else TB.SHORT, lang, plat)
                    txt = self.vary(txt, 0.5)
                    t = max(t, self.c_t[par] + 20 + rng.exponential(600))
                    ci = self.add(pi, j, a["idx"], t, txt, par, lam_post * 0.3)
                else:
                    txt, comp = self.genuine_text(a, self.P_topic[j], plat)
                    if pages[pi]["stream"] and pr.random() < 0.6:
                        txt = f"@{pages[pi]['id']} {txt}"
                    ci = self.add(
                        pi, j, a["idx"], t, txt, -1, lam_post * (2.0 if comp else 1.0) / (1 + r_i / 15), comp
                    )
                idxs.append(ci)
            self.post_comments[j] = idxs

        # --- genuine influencers / bloggers (critical or neutral long comments, many likes)
        for pi, pg in enumerate(pages):
            for _ in range(int(rng.integers(0, 4))):
                a = self.new_account(pg["plat"], "influencer", "influencer", style=pr.choice([0, 3, 5]))
                posts = np.flatnonzero(self.P_page == pi)
                k = min(len(posts), int(rng.integers(2, 20)))
                for j in rng.choice(
                    posts, size=k, replace=False, p=self.P_app[posts] / self.P_app[posts].sum()
                ):
                    lang = self.pick_lang(self.acc[a]["lang"])
                    crit = pr.random() < 0.6
                    if crit:
                        txt = (
                            self.bank(TB.COMPLAINT, lang, pg["plat"])
                            + " "
                            + " ".join(
                                self.bank(TB.LONG_COMPLAINT, lang, pg["plat"])
                                for _ in range(pr.randint(1, 3))
                            )
                        )
                    else:
                        txt = (
                            self.bank(TB.THANKS, lang, pg["plat"])
                            + " "
                            + self.bank(TB.EVENT, lang, pg["plat"])
                        )
                    t = self.diurnal([self.P_t[j] + rng.lognormal(math.log(2 * HOUR), 1.2)])[0]
                    ci = self.add(pi, int(j), a, t, txt, -1, _lu(rng, 20, 600), crit)
                    self.post_comments[j].append(ci)

        # --- superfans: genuine loyal regulars, fast, short stock phrases
        sf_budget = sf_share * T
        for pi, pg in enumerate(pages):
            posts = np.flatnonzero(self.P_page == pi)
            nsf = int(rng.integers(0, 7))
            if nsf == 0:
                continue
            f = rng.uniform(0.15, 0.95, nsf)
            scale = min(1.0, sf_budget * page_w[pi] / max(1.0, f.sum() * len(posts)))
            f = f * max(scale, 0.1)
            for s in range(nsf):
                a = self.new_account(pg["plat"], "superfan", "genuine")
                lang = self.acc[a]["lang"]
                stock = [
                    self.bank(TB.PRAISE if pr.random() < 0.5 else TB.SHORT, lang, pg["plat"])
                    for _ in range(pr.randint(3, 8))
                ]
                med = rng.uniform(1, 30) * MIN
                sg = rng.uniform(0.5, 1.2)
                for j in posts[rng.random(len(posts)) < f[s]]:
                    t = self.diurnal([self.P_t[j] + rng.lognormal(math.log(med), sg)], 0.95)[0]
                    comps = [c for c in self.post_comments[j] if self.c_complaint[c] and self.c_t[c] < t]
                    if comps and pr.random() < 0.1:
                        par = pr.choice(comps)
                        ci = self.add(
                            pi, int(j), a, max(t, self.c_t[par] + 60), pr.choice(TB.LOYAL_REPLY), par, 0.5
                        )
                    else:
                        r = pr.random()
                        txt = (
                            pr.choice(stock)
                            if r < 0.75
                            else (
                                pr.choice(TB.EMOJI_PRAISE)
                                if r < 0.85
                                else self.genuine_text(self.acc[a], self.P_topic[j], pg["plat"])[0]
                            )
                        )
                        ci = self.add(pi, int(j), a, t, txt, -1, like_base[pi] * 2)
                    self.post_comments[j].append(ci)

        # --- genuine citizens' campaign (same slogan, many real people, a few days)
        if camp:
            pi = int(rng.choice(len(pages), p=page_w))
            plat = pages[pi]["plat"]
            ids, act = pools[plat]
            slogan = self.fill(pr.choice(TB.CAMPAIGN))
            t0 = start + rng.uniform(0.1, 0.9) * D * DAY
            win = rng.uniform(1, 5) * DAY
            posts = np.flatnonzero((self.P_page == pi) & (self.P_t < t0 + win))
            n_part = int(np.clip(camp_share * T / 1.5, 20, 300))
            part = list(rng.choice(ids, size=min(n_part, len(ids)), replace=False))
            part += [
                self.new_account(plat, "citizen_campaign", "genuine") for _ in range(max(0, n_part // 5))
            ]
            for a in part:
                self.acc[int(a)]["role"] = "citizen_campaign"
                for _ in range(1 + int(rng.poisson(0.5))):
                    t = self.diurnal([t0 + rng.exponential(rng.uniform(2, 24) * HOUR)])[0]
                    cand = posts[self.P_t[posts] < t - 60]
                    if len(cand) == 0:
                        continue
                    j = int(cand[-1] if pr.random() < 0.6 else pr.choice(list(cand[-5:])))
                    txt = slogan
                    r = pr.random()
                    if r < 0.25:
                        txt = (
                            txt
                            + " "
                            + pr.choice(
                                ["!!!", "🙏", "Поддерживаю!", "Қолдаймын!", "#" + self.ctx["hashtag"]]
                            )
                        )
                    elif r < 0.4:
                        txt = pr.choice(["Поддерживаю. ", "+++ ", "Мы тоже против. ", ""]) + txt
                    elif r < 0.5:
                        txt = txt.lower()
                    ci = self.add(pi, j, int(a), t, txt, -1, like_base[pi] * 3, True)
                    self.post_comments[j].append(ci)

        # --- farms
        self.farms = []
        if not no_farm:
            n_f = int(min(6, 1 + rng.poisson(1.3)))
            budgets = rng.dirichlet([1.0] * n_f) * farm_share * T
            for fi in range(n_f):
                self.make_farm(fi, max(30.0, float(budgets[fi])), page_w)

    # ------------------------------------------------------------------ farms
    def make_farm(self, fi, budget, page_w):
        rng, pr = self.rng, self.pr
        pages = self.pages
        pi = int(rng.choice(len(pages), p=page_w))
        plat = pages[pi]["plat"]
        my_pages = [pi]
        if rng.random() < 0.3:
            my_pages = [k for k, pg in enumerate(pages) if pg["plat"] == plat]
        stream = pages[pi]["stream"]
        if stream:
            tactic = pr.choices(
                ["stream_flood", "critic_attack", "topic_selective"], weights=[0.5, 0.3, 0.2]
            )[0]
        else:
            tactic = pr.choices(
                [
                    "chat_burst",
                    "office_shift",
                    "slow_drip",
                    "critic_attack",
                    "topic_selective",
                    "hired_bloggers",
                ],
                weights=[0.25, 0.2, 0.15, 0.15, 0.15, 0.1],
            )[0]
        fid = f"F{fi + 1}"
        size = int(_lu(rng, 5, 200))
        if tactic == "hired_bloggers":
            size = int(rng.integers(5, 16))
        size = int(max(5, min(size, budget / 2.5)))
        f_start = self.start + rng.uniform(0, 0.4) * self.D * DAY
        # --- knobs
        text_mode = TACTIC_DEFAULT_TEXT[tactic]
        if tactic not in ("critic_attack",) and rng.random() < 0.25:
            text_mode = pr.choice(["stock", "template", "long"])
        p_part = rng.uniform(0.15, 0.9)
        camo = 0.0
        if tactic == "slow_drip":
            camo = rng.uniform(0.3, 1.0)
        elif tactic != "hired_bloggers" and rng.random() < 0.4:
            camo = rng.uniform(0.05, 0.5)
        acc_mode = pr.choices(["fresh", "bought", "mixed"], weights=[0.45, 0.3, 0.25])[0]
        if tactic == "hired_bloggers":
            acc_mode = "blogger"
        q = rng.uniform(0, 1)
        dom_style = pr.choice(range(7))
        conc = rng.uniform(0.0, 0.95)
        names = None
        if rng.random() < 0.3:
            sex = pr.choice("fm")
            names = [x for x in TB.FIRST if x[2] == sex]
        lang_w = list(rng.dirichlet([4, 3, 0.3, 0.5]))
        like_boost = _lu(rng, 3, 40) if rng.random() < 0.4 else 0.0
        reply_support = rng.uniform(0.05, 0.3) if rng.random() < 0.3 else 0.0
        emoji_p = rng.uniform(0, 0.8)
        emojis = pr.sample(TB.EMOJI_PRAISE, 3)
        # --- members
        batches = [f_start - rng.uniform(3, 150) * DAY for _ in range(int(rng.integers(1, 5)))]
        bspread = rng.uniform(0.05, 10) * DAY
        launch = pd.Timestamp(f"{PLAT_LAUNCH[plat]}-06-01", tz="UTC").timestamp()
        members = []
        for _m in range(size):
            mode = acc_mode if acc_mode != "mixed" else pr.choice(["fresh", "bought"])
            if mode == "fresh":
                reg = pr.choice(batches) + rng.uniform(0, bspread)
            else:
                reg = rng.uniform(launch + 365 * DAY, self.start - 365 * DAY)
            style = dom_style if rng.random() < conc else pr.choices(range(7), weights=GEN_STYLE_P)[0]
            if mode == "blogger":
                style = pr.choice([0, 3, 5])
            lang = pr.choices(["ru", "kk", "en", "kk_lat"], weights=lang_w)[0]
            a = self.new_account(
                plat,
                "farm",
                {"fresh": "fresh", "bought": "bought", "blogger": "blogger"}[mode],
                style=style,
                lang=lang,
                farm=fid,
                tactic=tactic,
                q=q,
                reg=reg,
                names=names,
            )
            members.append(a)
        members = np.array(members)
        mw = rng.lognormal(0, rng.uniform(0, 1.0), size)
        probs = np.clip(p_part * mw / mw.mean(), 0.02, 1.0)
        # --- text machinery
        stock = []
        for _ in range(int(rng.integers(4, 26))):
            lang = pr.choices(["ru", "kk", "en", "kk_lat"], weights=lang_w)[0]
            stock.append(self.bank(TB.PRAISE, lang, plat))
        parts = [
            pr.sample(TB.TPL_OPEN, 3),
            pr.sample(TB.TPL_TARGET, 3),
            pr.sample(TB.TPL_REASON, 4),
            pr.sample(TB.TPL_WISH, 3),
        ]
        long_sents = pr.sample(TB.LONG_PRAISE, 9)
        attack_lines = [
            self.bank(TB.ATTACK, pr.choices(["ru", "kk", "en"], weights=[0.65, 0.3, 0.05])[0])
            for _ in range(int(rng.integers(6, 16)))
        ]
        rot = [0]
        cycle = rng.random() < 0.5

        def farm_text(mode):
            if mode == "stock":
                if cycle:
                    rot[0] += 1
                    txt = stock[rot[0] % len(stock)]
                else:
                    txt = pr.choice(stock)
            elif mode == "template":
                op, tg, rs, wi = (pr.choice(x) for x in parts)
                txt = f"{op or 'Спасибо'} {tg} {rs}!"
                if wi:
                    txt += " " + wi
                txt = self.fill(txt, plat)
                if pr.random() < 0.2:
                    txt = txt.lower()
                if pr.random() < 0.3:
                    txt = txt.replace("!", pr.choice(["!!", ".", ""]))
            elif mode == "long":
                k = pr.randint(2, 5)
                txt = " ".join(self.fill(s, plat) for s in pr.sample(long_sents, k))
                if pr.random() < 0.3:
                    txt = self.fill(f"{pr.choice(parts[0]) or 'Спасибо'} {pr.choice(parts[1])}! ", plat) + txt
            else:
                txt = pr.choice(attack_lines)
            if mode != "attack" and pr.random() < emoji_p:
                txt += " " + pr.choice(emojis)
            return txt

        def lam():
            return like_boost * rng.uniform(0.5, 1.5) if like_boost else 0.4

        my_posts = np.flatnonzero(np.isin(self.P_page, my_pages) & (self.P_t > f_start))
        if len(my_posts) == 0:
            my_posts = np.flatnonzero(np.isin(self.P_page, my_pages))
        out = []  # (member, comment index)

        if tactic in ("chat_burst", "office_shift", "slow_drip", "topic_selective", "hired_bloggers"):
            topics = np.array([self.P_topic[j] for j in my_posts])
            if tactic == "topic_selective":
                keep = np.isin(topics, ["akim"] + (["announcement"] if rng.random() < 0.5 else []))
                if keep.sum() < 3:
                    keep |= topics == "event"
                cand = my_posts[keep] if keep.any() else my_posts
            elif tactic == "hired_bloggers":
                cand = my_posts[np.isin(topics, ["akim", "event", "announcement"])]
                cand = cand if len(cand) else my_posts
            else:
                sel_mode = pr.choices(["all", "topic", "complained"], weights=[0.5, 0.3, 0.2])[0]
                if sel_mode == "topic":
                    c2 = my_posts[np.isin(topics, ["akim", "event", "announcement", "social"])]
                    cand = c2 if len(c2) >= 3 else my_posts
                elif sel_mode == "complained":
                    nc = np.array([sum(self.c_complaint[c] for c in self.post_comments[j]) for j in my_posts])
                    cand = my_posts[np.argsort(-nc)]
                else:
                    cand = my_posts
            per_post = probs.sum() * (1 + camo)
            if tactic == "hired_bloggers":
                per_post = rng.uniform(1, 3)
            n_t = int(min(len(cand), max(2, budget / max(per_post, 0.5))))
            if len(cand) and n_t > 0:
                if tactic == "chat_burst" or tactic == "office_shift":
                    targets = cand[:n_t] if pr.random() < 0.3 else rng.choice(cand, size=n_t, replace=False)
                else:
                    targets = rng.choice(cand, size=n_t, replace=False)
            else:
                targets = []
            # timing knobs
            disp_med = rng.uniform(3, 60) * MIN
            spread = rng.uniform(1, 25) * MIN
            sleeps = rng.random() < 0.7
            office_spread = rng.uniform(0.3, 2.0)
            drip_med = rng.uniform(6, 48) * HOUR
            drip_sig = rng.uniform(0.6, 1.2)
            sel_med = rng.uniform(1, 12) * HOUR
            sel_sig = rng.uniform(0.8, 1.5)
            for j in targets:
                j = int(j)
                t0 = self.P_t[j]
                pi = int(self.P_page[j])
                if tactic == "hired_bloggers":
                    who = rng.choice(members, size=min(size, int(rng.integers(1, 4))), replace=False)
                else:
                    who = members[rng.random(size) < probs]
                if len(who) == 0:
                    continue
                m = len(who)
                if tactic == "chat_burst":
                    d = t0 + rng.lognormal(math.log(disp_med), 0.6)
                    if sleeps:
                        h = float(self.local_hour([d])[0])
                        if h < 8 or h >= 23:
                            d += ((24 - h + 9) if h >= 23 else (9 - h)) * HOUR + rng.uniform(0, 60) * MIN
                    ts = d + rng.exponential(spread, m) + rng.lognormal(3, 1, m)
                elif tactic == "office_shift":
                    ts = self.office_times(np.full(m, t0), office_spread)
                elif tactic == "slow_drip":
                    ts = self.diurnal(t0 + rng.lognormal(math.log(drip_med), drip_sig, m))
                elif tactic == "topic_selective":
                    ts = self.diurnal(t0 + rng.lognormal(math.log(sel_med), sel_sig, m))
                else:
                    ts = self.diurnal(t0 + rng.lognormal(math.log(8 * HOUR), 0.9, m))
                ts = np.maximum(ts, t0 + 10 + rng.exponential(20, m))
                first = None
                for a, t in sorted(zip(who, ts, strict=False), key=lambda x: x[1]):
                    if first is not None and reply_support and pr.random() < reply_support:
                        ci = self.add(
                            pi, j, int(a), max(t, self.c_t[first] + 15), pr.choice(TB.SUPPORT), first, lam()
                        )
                    else:
                        ci = self.add(pi, j, int(a), t, farm_text(text_mode), -1, lam())
                        if first is None:
                            first = ci
                    if self.pages[pi]["stream"]:
                        self.c_text[ci] = f"@{self.pages[pi]['id']} " + self.c_text[ci]
                    self.post_comments[j].append(ci)
                    out.append((int(a), ci))

        elif tactic == "critic_attack":
            comps = [
                c
                for j in my_posts
                for c in self.post_comments[j]
                if self.c_complaint[c] and self.c_acc[c] not in set(members)
            ]
            praise_share = rng.uniform(0, 0.3)
            k_mean = rng.uniform(0.3, 2.5)
            n_t = int(min(len(comps), budget * (1 - praise_share) / (1 + k_mean)))
            if n_t:
                pw = np.array([self.c_lam[c] + 0.5 for c in comps])
                targets = rng.choice(comps, size=n_t, replace=False, p=pw / pw.sum())
            else:
                targets = []
            med = rng.uniform(3, 120) * MIN
            office = rng.random() < 0.4
            at_p = rng.uniform(0, 0.6)
            for c in targets:
                c = int(c)
                k = 1 + int(rng.poisson(k_mean))
                who = rng.choice(members, size=min(k, size), replace=False, p=probs / probs.sum())
                ts = self.c_t[c] + rng.lognormal(math.log(med), 0.8, len(who))
                if office:
                    ts = self.office_times(ts - 30 * MIN, 0.3)
                ts = np.maximum(ts, self.c_t[c] + 20)
                h = self.acc[self.c_acc[c]]["handle"]
                for a, t in zip(who, ts, strict=False):
                    txt = farm_text("attack")
                    if h and pr.random() < at_p:
                        txt = f"@{h} {txt}"
                    ci = self.add(self.c_page[c], self.c_post[c], int(a), t, txt, c, lam())
                    self.post_comments[self.c_post[c]].append(ci)
                    out.append((int(a), ci))
            n_pr = int(budget * praise_share)
            if n_pr and len(my_posts):
                for _ in range(n_pr):
                    j = int(rng.choice(my_posts))
                    a = int(rng.choice(members))
                    t = self.diurnal([self.P_t[j] + rng.lognormal(math.log(2 * HOUR), 1.0)])[0]
                    ci = self.add(int(self.P_page[j]), j, a, t, farm_text("stock"), -1, lam())
                    out.append((a, ci))

        else:  # stream_flood: waves of stand-alone tweets mentioning the agency
            n_w = int(max(1, budget / max(probs.sum(), 0.5)))
            big = my_posts[np.argsort(-self.P_app[my_posts])][: max(1, len(my_posts) // 4)]
            spread = rng.uniform(2, 40) * MIN
            tag_p = rng.uniform(0.2, 1.0)
            for _ in range(n_w):
                if rng.random() < 0.5 and len(big):
                    j = int(rng.choice(big))
                    w0 = self.P_t[j] + rng.lognormal(math.log(1 * HOUR), 0.7)
                else:
                    j = int(rng.choice(my_posts))
                    w0 = self.office_times([self.P_t[j]], 0.5)[0]
                who = members[rng.random(size) < probs]
                ts = w0 + rng.exponential(spread, len(who))
                pi = int(self.P_page[j])
                for a, t in zip(who, ts, strict=False):
                    txt = farm_text(text_mode)
                    if pr.random() < tag_p:
                        txt += f" #{self.ctx['hashtag']}"
                    if pr.random() < 0.7:
                        txt = f"@{self.pages[pi]['id']} {txt}"
                    ci = self.add(pi, j, int(a), max(t, self.P_t[j] + 30), txt, -1, lam())
                    out.append((int(a), ci))

        # --- camouflage: ordinary-looking comments elsewhere on the same platform
        if camo > 0 and out:
            plat_posts = np.flatnonzero([self.pages[p]["plat"] == plat for p in self.P_page])
            pw = self.P_app[plat_posts] / self.P_app[plat_posts].sum()
            cnt = {}
            for a, _ in out:
                cnt[a] = cnt.get(a, 0) + 1
            office_like = tactic == "office_shift"
            for a, c in cnt.items():
                for _ in range(int(rng.poisson(camo * c))):
                    j = int(rng.choice(plat_posts, p=pw))
                    pi = int(self.P_page[j])
                    t0 = self.P_t[j]
                    if office_like:
                        t = self.office_times([t0], 1.0)[0]
                    else:
                        t = self.diurnal([t0 + rng.lognormal(math.log(3 * HOUR), 1.4)])[0]
                    txt, _comp = self.genuine_text(self.acc[a], self.P_topic[j], plat)
                    txt = txt if txt else pr.choice(TB.SHORT["emoji"])
                    ci = self.add(pi, j, a, max(t, t0 + 30), txt, -1, 0.4, False)
                    self.post_comments[j].append(ci)
        self.farms.append(dict(farm=fid, tactic=tactic, size=size))

    # ------------------------------------------------------------------ output
    def finalize(self):
        rng, pr = self.rng, self.pr
        n = len(self.c_t)
        t = np.array(self.c_t)
        acc_of = np.array(self.c_acc)
        # registration dates
        first_c = np.full(len(self.acc), np.inf)
        np.minimum.at(first_c, acc_of, t)
        used_acc = np.flatnonzero(np.isfinite(first_c))
        ids_used = set()
        for i in used_acc:
            a = self.acc[i]
            launch = pd.Timestamp(f"{PLAT_LAUNCH[a['plat']]}-03-01", tz="UTC").timestamp()
            if a["reg"] is None:
                if a["group"] == "new":
                    a["reg"] = first_c[i] - rng.uniform(0.05, 60) * DAY
                else:
                    lo = launch
                    hi = min(self.start - 30 * DAY, first_c[i] - 30 * DAY)
                    a["reg"] = lo + (hi - lo) * rng.beta(1.3, 1.0) if hi > lo else hi
            a["reg"] = min(a["reg"], first_c[i] - 600)
            a["id"] = self.account_id(a, launch, ids_used)
        # sort comments by time, assign ids
        order = np.argsort(t, kind="stable")
        pos = np.empty(n, int)
        pos[order] = np.arange(n)
        cid = (10**13 + np.cumsum(rng.integers(1, 5000, n))).astype(np.int64)  # increasing with time
        cid_of = [None] * n
        for k, o in enumerate(order):
            cid_of[o] = str(cid[k])
        # post ids
        post_id = {}
        base = int(rng.integers(10**5, 10**6))
        for j in range(len(self.P_t)):
            pg = self.pages[self.P_page[j]]
            if pg["stream"]:
                post_id[j] = None
            elif pg["plat"] == "youtube":
                post_id[j] = "".join(
                    pr.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                    for _ in range(11)
                )
            elif pg["plat"] == "instagram":
                post_id[j] = "C" + "".join(
                    pr.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                    for _ in range(10)
                )
            else:
                post_id[j] = str(base + j)
        lam = np.array(self.c_lam) * rng.gamma(0.6, 1 / 0.6, n)
        likes = rng.poisson(lam)
        rows_post = np.array(self.c_post)
        df = pd.DataFrame(
            {
                "platform": [self.pages[p]["plat"] for p in self.c_page],
                "page_id": [self.pages[p]["id"] for p in self.c_page],
                "post_id": [post_id[j] for j in self.c_post],
                "post_created_at": pd.to_datetime(
                    [np.nan if self.pages[self.P_page[j]]["stream"] else self.P_t[j] for j in rows_post],
                    unit="s",
                    utc=True,
                ),
                "comment_id": cid_of,
                "parent_id": [cid_of[p] if p >= 0 else None for p in self.c_parent],
                "account_id": [self.acc[a]["id"] for a in acc_of],
                "account_handle": [self.acc[a]["handle"] for a in acc_of],
                "created_at": pd.to_datetime(np.round(t), unit="s", utc=True),
                "text": self.c_text,
                "like_count": likes.astype(np.int64),
            }
        )
        df = df.iloc[order].reset_index(drop=True)
        df["created_at"] = df["created_at"].dt.floor("s")
        df["post_created_at"] = df["post_created_at"].dt.floor("s")
        bad = df["created_at"] <= df["post_created_at"]
        df.loc[bad, "created_at"] = df.loc[bad, "post_created_at"] + pd.Timedelta(seconds=1)
        # truth
        tr = pd.DataFrame(
            {
                "account_id": [self.acc[i]["id"] for i in used_acc],
                "is_inauthentic": [self.acc[i]["role"] == "farm" for i in used_acc],
                "farm": [self.acc[i]["farm"] for i in used_acc],
                "tactic": [self.acc[i]["tactic"] for i in used_acc],
                "role": [
                    self.acc[i]["role"] if self.acc[i]["group"] != "blogger" else "hired_blogger"
                    for i in used_acc
                ],
            }
        )
        return df, self.accounts_table(used_acc), tr

    def account_id(self, a, launch, used):
        rng, pr = self.rng, self.pr
        p, reg = a["plat"], a["reg"]
        frac = max(0.0, (reg - launch) / (pd.Timestamp("2026-01-01", tz="UTC").timestamp() - launch))
        for _ in range(50):
            if p == "telegram":
                v = str(int(1e8 + 7.5e9 * frac**1.5 * rng.uniform(0.97, 1.03)))
            elif p == "instagram":
                v = str(int(1e8 + 7e10 * frac**2 * rng.uniform(0.9, 1.1) + rng.integers(0, 10**7)))
            elif p == "vk":
                v = str(int(1e5 + 9e8 * frac * rng.uniform(0.97, 1.03)))
            elif p == "facebook":
                v = "1000" + str(int(rng.integers(10**10, 10**11)))
            elif p == "youtube":
                v = "UC" + "".join(
                    pr.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                    for _ in range(22)
                )
            else:
                ms = reg * 1000
                v = (
                    str(int(max(ms - 1288834974657, 0)) << 22 | int(rng.integers(0, 1 << 22)))
                    if ms > 1.36e12
                    else str(int(1e6 + 1e9 * frac * rng.uniform(0.9, 1.1)))
                )
            if v not in used:
                used.add(v)
                return v
        raise RuntimeError("id collision")

    def accounts_table(self, used_acc):
        rng, pr = self.rng, self.pr
        if rng.random() < 0.45:
            return None
        rows = []
        prof = {  # followers mu/sd, following mu/sd, posts mu/sd, avatar p, bio p, verified p
            "genuine": (4.5, 1.6, 5.3, 1.0, 3.0, 1.6, 0.82, 0.35, 0.0),
            "new": (2.0, 1.2, 4.0, 1.2, 0.5, 1.0, 0.5, 0.15, 0.0),
            "influencer": (10.0, 1.0, 6.0, 1.0, 6.0, 1.0, 1.0, 0.95, 0.5),
            "bought": (4.0, 1.4, 5.5, 1.0, 2.5, 1.5, 0.75, 0.3, 0.0),
            "blogger": (9.5, 0.8, 6.0, 1.0, 6.0, 0.8, 1.0, 0.95, 0.2),
        }
        for i in used_acc:
            a = self.acc[i]
            g = a["group"]
            if g == "fresh":
                qq = a["q"]
                pp = (2 + 2.5 * qq, 1.2, 5.5, 1.1, 0.3 + 2.5 * qq, 1.0, 0.4 + 0.55 * qq, 0.1 + 0.4 * qq, 0.0)
            else:
                pp = prof[g]
            fol = int(rng.lognormal(pp[0], pp[1]))
            fng = int(rng.lognormal(pp[2], pp[3]))
            pst = int(rng.lognormal(pp[4], pp[5]))
            bio = ""
            if rng.random() < pp[7]:
                bio = pr.choice(TB.BIO_FARM if a["role"] == "farm" and pr.random() < 0.5 else TB.BIO_GENUINE)
            rows.append(
                dict(
                    platform=a["plat"],
                    account_id=a["id"],
                    handle=a["handle"],
                    display_name=a["display"],
                    created_at=a["reg"],
                    followers_count=None if a["plat"] == "telegram" else fol,
                    following_count=None if a["plat"] in ("telegram", "youtube") else fng,
                    posts_count=pst,
                    is_verified=bool(rng.random() < pp[8]),
                    has_avatar=bool(rng.random() < pp[6]),
                    bio=bio,
                )
            )
        acc = pd.DataFrame(rows)
        acc["created_at"] = pd.to_datetime(acc["created_at"], unit="s", utc=True).dt.floor("s")
        for c in ("followers_count", "following_count", "posts_count"):
            acc[c] = acc[c].astype("Int64")
        if rng.random() < 0.35:
            keep = acc.sample(frac=rng.uniform(0.5, 0.95), random_state=int(rng.integers(1 << 30)))
            acc = keep.sort_index().reset_index(drop=True)
        if rng.random() < 0.35:
            opt = [
                "display_name",
                "followers_count",
                "following_count",
                "posts_count",
                "is_verified",
                "has_avatar",
                "bio",
                "created_at",
            ]
            acc = acc.drop(columns=pr.sample(opt, pr.randint(1, 4)))
        return acc


def third_world(seed: int):
    """Build one world: (comments, accounts or None, truth). Deterministic per seed."""
    w = World(seed)
    w.build()
    return w.finalize()


if __name__ == "__main__":
    import time

    s = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    t0 = time.time()
    c, a, tr = third_world(s)
    print(len(c), None if a is None else len(a), len(tr), f"{time.time() - t0:.1f}s")
    print(c.head(20).to_string())
