"""Reports and reasons in English, Russian and Kazakh: same numbers, complete catalogue."""

from __future__ import annotations

import re
import string

import numpy as np
import pytest

import botwatch
from botwatch._lang import LANGUAGES, MESSAGES, check_lang, plural, tr
from botwatch.report import render_report


@pytest.fixture(scope="module")
def results(tiny_world):
    return {lang: botwatch.score(tiny_world.comments, tiny_world.accounts, lang=lang) for lang in LANGUAGES}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_is_in_every_language_with_the_same_fields():
    for key, texts in MESSAGES.items():
        assert len(texts) == len(LANGUAGES), key
        if key == "translation_note":  # said only where a translation was made
            assert texts[0] == "" and all(texts[1:])
            continue
        assert all(t.strip() for t in texts), key
        assert _fields(texts[1]) == _fields(texts[0]) == _fields(texts[2]), key


def test_russian_plural_forms():
    forms = ["пост", "поста", "постов"]
    got = {n: plural(n, forms, "ru") for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112)}
    assert got == {
        0: "постов",
        1: "пост",
        2: "поста",
        4: "поста",
        5: "постов",
        11: "постов",
        12: "постов",
        14: "постов",
        21: "пост",
        22: "поста",
        25: "постов",
        101: "пост",
        111: "постов",
        112: "постов",
    }
    assert plural(2.5, forms, "ru") == "поста"
    assert tr("reason_young", "en", a=1) == "account registered 1 day before its first comment"
    assert tr("reason_young", "en", a=3).startswith("account registered 3 days")
    assert tr("reason_young", "ru", a=21) == "аккаунт зарегистрирован за 21 день до первого комментария"
    assert tr("reason_young", "kk", a=5) == "аккаунт алғашқы пікірінен 5 күн бұрын тіркелген"


def test_unknown_language_is_refused_with_the_choices(tiny_world):
    with pytest.raises(ValueError, match=r"'fr'.*en \(English\), ru .*kk"):
        check_lang("fr")
    with pytest.raises(ValueError, match="not available"):
        botwatch.score(tiny_world.comments, lang="de")


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


@pytest.mark.parametrize("column", ["reasons", "evidence"])
def test_translated_texts_state_the_same_numbers(results, column):
    en = results["en"].accounts
    for lang in ("ru", "kk"):
        other = results[lang].accounts
        assert (other["account_id"] == en["account_id"]).all()
        assert np.array_equal(other["bot_score"], en["bot_score"])
        written = en[column].str.len() > 0
        assert written.sum() >= 10
        for a, b in zip(en.loc[written, column], other.loc[written, column], strict=True):
            assert _numbers(a) == _numbers(b), (a, b)
            assert re.search("[а-яәіңғүұқөһ]", b), b  # written in Cyrillic, not left in English


def test_report_speaks_the_result_language(results):
    page = render_report(results["ru"])
    assert '<html lang="ru">' in page
    for phrase in ("Главное", "Кластеры", "Охват данных", "Метод и ограничения", "Участники"):
        assert phrase in page
    for english in ("Headline", "comments analysed", "Read with care", "Members", "threshold 0.5"):
        assert english not in page
    kk = render_report(results["ru"], lang="kk")  # a different language can be asked for
    assert '<html lang="kk">' in kk and "Негізгі қорытынды" in kk


def test_figures_follow_the_language(results):
    from botwatch.plots import plot_scores

    ax = plot_scores(results["kk"])
    assert ax.get_title().endswith("аккаунттың бағасы (шек 0.5)")
    ax = plot_scores(results["kk"], lang="en")
    assert ax.get_title().startswith("Scores of")
