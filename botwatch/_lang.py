"""The words botwatch writes for people, in English, Russian and Kazakh.

Every sentence a reader sees (the report, the reasons and examples in ``accounts.csv``, the
figure labels) comes from :data:`MESSAGES` through :func:`tr`, so that the three languages say the
same thing. Counted nouns are declined with a plural field in the template: ``{n:post|posts}`` in
English and ``{n:пост|поста|постов}`` in Russian pick the form that agrees with ``n``; Kazakh keeps
the noun singular after a numeral and needs none.

The Russian and Kazakh texts were written by the botwatch developers; a newsroom publishing in
either language should have a native editor read the report once.
"""

from __future__ import annotations

import functools
import string
from typing import Any

__all__ = ["LANGUAGES", "MESSAGES", "check_lang", "feature_label", "plural", "tr"]

LANGUAGES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
"""Languages of the report and of the reason texts, by code."""

_COLUMN = {"en": 0, "ru": 1, "kk": 2}


def check_lang(lang: str) -> str:
    """Return ``lang`` if botwatch writes it, else raise ``ValueError`` naming the choices."""
    if lang not in LANGUAGES:
        choices = ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items())
        raise ValueError(f"report language {lang!r} is not available; choose one of {choices}")
    return lang


def plural(n: float, forms: list[str], lang: str) -> str:
    """The form of a noun that agrees with ``n``.

    ``forms`` is (singular, plural) in English and (one, few, many) in Russian: 1 пост,
    2 поста, 5 постов, 21 пост. Fractions take the English plural and the Russian "few" form
    (2,5 поста). Languages with a single form get it back unchanged.
    """
    if len(forms) == 1:
        return forms[0]
    whole = float(n).is_integer()
    k = abs(int(n)) if whole else None
    if lang == "ru" and len(forms) == 3:
        if k is None:
            return forms[1]
        if k % 10 == 1 and k % 100 != 11:
            return forms[0]
        if 2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14:
            return forms[1]
        return forms[2]
    return forms[0] if k == 1 else forms[-1]


@functools.cache
def _compiled(template: str) -> tuple[tuple[str, str | None, str], ...]:
    """A template's parts, parsed once: literal text, field name (or None) and format spec."""
    return tuple((literal, name, spec or "") for literal, name, spec, _ in string.Formatter().parse(template))


def _format(template: str, lang: str, values: dict[str, Any]) -> str:
    out = []
    for literal, name, spec in _compiled(template):
        out.append(literal)
        if name is None:
            continue
        value = values[name]
        out.append(plural(value, spec.split("|"), lang) if "|" in spec else format(value, spec))
    return "".join(out)


def tr(key: str, lang: str = "en", **values: Any) -> str:
    """The message ``key`` in ``lang``, with ``values`` filled in."""
    template = MESSAGES[key][_COLUMN[lang]]
    if not values:
        return template
    if "|" not in template:  # no plural field: the built-in formatter, several times faster
        return template.format(**values)
    return _format(template, lang, values)


def feature_label(name: str, english: str, lang: str) -> str:
    """A feature's description for a reader, in ``lang`` (``english`` is its documented text)."""
    if lang == "en" or name not in _FEATURE_LABELS:
        return english
    return _FEATURE_LABELS[name][_COLUMN[lang] - 1]


# key: (English, Russian, Kazakh)
MESSAGES: dict[str, tuple[str, str, str]] = {
    # --- reasons (accounts.csv and the report) ---
    "acts_together": (
        "acts together with {k} other {k:account|accounts} (cluster {c})",
        "действует заодно с {k} {k:другим аккаунтом|другими аккаунтами|другими аккаунтами} (кластер {c})",
        "{k} басқа аккаунтпен бірге әрекет етеді (кластер {c})",
    ),
    "reason_co_comment": (
        "commented within {w:g} minutes of another account on {o} {o:post|posts} "
        "({e:.1f} expected by chance); {k} such {k:account|accounts} in all",
        "комментировал в пределах {w:g} мин от другого аккаунта под {o} {o:постом|постами|постами} "
        "(случайно ожидалось {e:.1f}); всего таких аккаунтов: {k}",
        "басқа аккаунттан {w:g} минут ішінде {o} жазбаға пікір жазды (кездейсоқ күтілетіні "
        "{e:.1f}); барлығы осындай {k} аккаунт",
    ),
    "reason_lockstep": (
        "met {k} other {k:account|accounts} within {w:g} minutes on {m} or more posts each: more "
        "often than chance for each pair, too rarely for a link on its own",
        "встречался с {k} {k:другим аккаунтом|другими аккаунтами|другими аккаунтами} в пределах "
        "{w:g} мин под {m} и более постами с каждым: для каждой пары чаще случайного, но слишком "
        "редко для связи",
        "{k} басқа аккаунтпен {w:g} минут ішінде, әрқайсысымен {m} не одан көп жазбада кездесті: әр "
        "жұп үшін кездейсоқтан жиі, бірақ байланыс үшін тым сирек",
    ),
    "reason_near_duplicate_suspects": (
        "flagged, like {k} other {k:account|accounts} it wrote near-identical texts with ({o:.0f} "
        "shared texts with one of them, {e:.2f} expected by chance): too few for a link alone, so "
        "its cluster rests on the scores too",
        "отмечен, как и {k} {k:другой аккаунт|других аккаунта|других аккаунтов}, с которыми он "
        "писал почти одинаковые тексты (общих текстов с одним из них: {o:.0f}, случайно ожидалось "
        "{e:.2f}): для связи этого мало, поэтому его кластер опирается и на оценки",
        "белгіленген, {k} басқа аккаунт сияқты, олармен бірдей дерлік мәтіндер жазды (біреуімен "
        "ортақ мәтін: {o:.0f}, кездейсоқ күтілетіні {e:.2f}): байланыс үшін бұл аз, сондықтан оның "
        "кластері бағаларға да сүйенеді",
    ),
    "reason_similar_text_suspects": (
        "flagged, like {k} other {k:account|accounts} whose texts are similar to its own (a shared "
        "template reworded: more alike than chance predicts for each pair), grouped only among "
        "suspects left out of every other cluster: its cluster rests on the scores above all",
        "отмечен, как и {k} {k:другой аккаунт|других аккаунта|других аккаунтов}, чьи тексты похожи "
        "на его собственные (общий шаблон другими словами: для каждой пары сходство выше "
        "случайного); объединён только среди подозрительных вне других "
        "кластеров: его кластер опирается прежде всего на оценки",
        "белгіленген, мәтіндері өзінікіне ұқсас {k} басқа аккаунт сияқты (басқа сөздермен "
        "жазылған ортақ үлгі: әр жұп үшін ұқсастық кездейсоқтан жоғары); тек "
        "басқа кластерлерден тыс күдіктілер арасында біріктірілген: оның кластері ең алдымен "
        "бағаларға сүйенеді",
    ),
    "reason_co_comment_suspects": (
        "flagged, like {k} other {k:account|accounts} it commented within {w:g} minutes of on "
        "{o} {o:post|posts} ({e:.1f} expected by chance): too few for a link alone, so its cluster "
        "rests on the scores too",
        "отмечен, как и {k} {k:другой аккаунт|других аккаунта|других аккаунтов}, с которыми он "
        "комментировал в пределах {w:g} мин под {o} {o:постом|постами|постами} (случайно ожидалось "
        "{e:.1f}): для связи этого мало, поэтому его кластер опирается и на оценки",
        "белгіленген, {k} басқа аккаунт сияқты, олармен {w:g} минут ішінде {o} жазбаға пікір жазды "
        "(кездейсоқ күтілетіні {e:.1f}): байланыс үшін бұл аз, сондықтан оның кластері бағаларға да "
        "сүйенеді",
    ),
    "reason_near_duplicate": (
        "wrote near-identical texts to {k} other {k:account|accounts} ({o:.0f} shared texts with "
        "one of them, {e:.2f} expected by chance)",
        "писал почти одинаковые тексты с {k} {k:другим аккаунтом|другими аккаунтами|другими аккаунтами} "
        "(общих текстов с одним из них: {o:.0f}, случайно ожидалось {e:.2f})",
        "{k} басқа аккаунтпен бірдей дерлік мәтіндер жазды (олардың бірімен ортақ мәтін: {o:.0f}, "
        "кездейсоқ күтілетіні {e:.2f})",
    ),
    "reason_co_post": (
        "commented on the same {o} {o:post|posts} as another account ({e:.1f} expected by chance); "
        "{k} such {k:account|accounts} in all",
        "комментировал те же {o} {o:пост|поста|постов}, что и другой аккаунт (случайно ожидалось "
        "{e:.1f}); всего таких аккаунтов: {k}",
        "басқа аккаунтпен бірдей {o} жазбаға пікір жазды (кездейсоқ күтілетіні {e:.1f}); "
        "барлығы осындай {k} аккаунт",
    ),
    "reason_co_reply": (
        "answered the same {o} {o:account|accounts} as another account ({e:.1f} expected by chance); "
        "{k} such {k:account|accounts} in all",
        "отвечал тем же {o} {o:аккаунту|аккаунтам|аккаунтам}, что и другой аккаунт (случайно "
        "ожидалось {e:.1f}); всего таких аккаунтов: {k}",
        "басқа аккаунтпен бірдей {o} аккаунтқа жауап берді (кездейсоқ күтілетіні {e:.1f}); "
        "барлығы осындай {k} аккаунт",
    ),
    "reason_near_copy_share": (
        "{p} of its comments have a near-identical copy by another account",
        "у {p} его комментариев есть почти точная копия от другого аккаунта",
        "пікірлерінің {p} басқа аккаунтта дерлік дәл көшірмесі бар",
    ),
    "reason_fast_share": (
        "{p} of its comments came within 10 minutes of the post",
        "{p} его комментариев появились в течение 10 минут после поста",
        "пікірлерінің {p} жазбадан кейін 10 минут ішінде жазылған",
    ),
    "reason_attack_share": (
        "{p} of its comments attack other commenters",
        "{p} его комментариев нападают на других комментаторов",
        "пікірлерінің {p} басқа комментаторларға шабуыл жасайды",
    ),
    "reason_reply_to_critic_share": (
        "{p} of its comments answer people who complain",
        "{p} его комментариев отвечают тем, кто жалуется",
        "пікірлерінің {p} шағымданған адамдарға жауап береді",
    ),
    "reason_praise_share": (
        "{p} of its comments are praise",
        "{p} его комментариев содержат похвалу",
        "пікірлерінің {p} мақтау",
    ),
    "reason_self_repeat_share": (
        "{p} of its comments repeat its own earlier texts",
        "{p} его комментариев повторяют его же прежние тексты",
        "пікірлерінің {p} өзінің бұрынғы мәтіндерін қайталайды",
    ),
    "reason_office_share": (
        "{p} of its comments were written on weekdays in office hours",
        "{p} его комментариев написаны в будни в рабочее время",
        "пікірлерінің {p} жұмыс күндері жұмыс уақытында жазылған",
    ),
    "reason_burst_share": (
        "{p} of its comments came within 2 minutes of its previous one",
        "{p} его комментариев появились в течение 2 минут после его предыдущего",
        "пікірлерінің {p} өзінің алдыңғы пікірінен кейін 2 минут ішінде жазылған",
    ),
    "reason_link_share": (
        "{p} of its comments carry a link",
        "{p} его комментариев содержат ссылку",
        "пікірлерінің {p} сілтемесі бар",
    ),
    "reason_emoji_only_share": (
        "{p} of its comments are emoji only",
        "{p} его комментариев состоят только из эмодзи",
        "пікірлерінің {p} тек эмодзиден тұрады",
    ),
    "reason_young": (
        "account registered {a} {a:day|days} before its first comment",
        "аккаунт зарегистрирован за {a} {a:день|дня|дней} до первого комментария",
        "аккаунт алғашқы пікірінен {a} күн бұрын тіркелген",
    ),
    "reason_created_same_days": (
        "registered within a day of {s} other {s:commenter|commenters}",
        "зарегистрирован в пределах суток от {s} "
        "{s:другого комментатора|других комментаторов|других комментаторов}",
        "басқа {s} комментатормен бір тәулік ішінде тіркелген",
    ),
    "reason_line_partners": (
        "writes the same short lines as {s} other {s:account|accounts} more often than the page's "
        "occasional commenters predict",
        "пишет те же короткие фразы, что и {s} {s:другой аккаунт|других аккаунта|других аккаунтов}, "
        "чаще, чем предсказывают эпизодические комментаторы страницы",
        "басқа {s} аккаунтпен бірдей қысқа сөз тіркестерін беттің бір-ақ рет жазатын "
        "комментаторлары болжайтыннан жиі жазады",
    ),
    "reason_id_neighbors": (
        "numeric id next to {s} other {s:commenter's id|commenters' ids} more than ids nearby predict "
        "(registered one after another)",
        "числовой id рядом с id ещё {s} {s:комментатора|комментаторов|комментаторов} сверх ожидаемого "
        "по соседним id (регистрировались друг за другом)",
        "сандық id-і басқа {s} комментатордың id-іне көрші id-лер болжайтыннан көп жақын "
        "(бірінен соң бірі тіркелген)",
    ),
    "reason_followers": (
        "{f} {f:follower|followers}",
        "{f} {f:подписчик|подписчика|подписчиков}",
        "{f} жазылушы",
    ),
    "reason_no_avatar": ("no profile picture", "нет фото профиля", "профиль суреті жоқ"),
    "standout_n_comments": (
        "{n} {n:comment|comments}, more than {x}% of this dump's commenters",
        "{n} {n:комментарий|комментария|комментариев}: больше, чем у {x}% комментаторов этого набора",
        "{n} пікір: осы жинақтағы комментаторлардың {x}%-нан көп",
    ),
    "standout_praise_share": (
        "{p} of its comments are praise, more than {x}% of this dump's commenters",
        "{p} его комментариев содержат похвалу: больше, чем у {x}% комментаторов этого набора",
        "пікірлерінің {p} мақтау: осы жинақтағы комментаторлардың {x}%-нан көп",
    ),
    "standout_near_copy_share": (
        "{p} of its comments have a near-identical copy by another account, more than {x}% of this "
        "dump's commenters",
        "у {p} его комментариев есть почти точная копия от другого аккаунта: больше, чем у {x}% "
        "комментаторов этого набора",
        "пікірлерінің {p} басқа аккаунтта дерлік дәл көшірмесі бар: осы жинақтағы "
        "комментаторлардың {x}%-нан көп",
    ),
    "standout_posts_per_day": (
        "few posts of its own for its age ({v:.3f} a day), fewer than {x}% of this dump's commenters",
        "мало собственных публикаций для своего возраста ({v:.3f} в день): меньше, чем у {x}% "
        "комментаторов этого набора",
        "жасына қарағанда өз жазбалары аз (күніне {v:.3f}): осы жинақтағы комментаторлардың {x}%-нан аз",
    ),
    "standout_posts": (
        "{n} {n:post|posts} of its own in all, fewer than {x}% of this dump's commenters",
        "всего {n} {n:собственная публикация|собственные публикации|собственных публикаций}: меньше, "
        "чем у {x}% комментаторов этого набора",
        "барлығы {n} өз жазбасы: осы жинақтағы комментаторлардың {x}%-нан аз",
    ),
    "standout_follow_ratio": (
        "follows {v:.0f} times more accounts than follow it, a lower ratio than {x}% of this dump's "
        "commenters",
        "подписан на {v:.0f} раз больше аккаунтов, чем подписано на него: такое соотношение ниже, "
        "чем у {x}% комментаторов этого набора",
        "өзіне жазылғандардан {v:.0f} есе көп аккаунтқа жазылған: бұл арақатынас осы жинақтағы "
        "комментаторлардың {x}%-нан төмен",
    ),
    "standout_handle_digits": (
        "{d} {d:digit|digits} in its handle, more than {x}% of this dump's commenters",
        "{d} {d:цифра|цифры|цифр} в имени пользователя: больше, чем у {x}% комментаторов этого набора",
        "пайдаланушы атында {d} цифр: осы жинақтағы комментаторлардың {x}%-нан көп",
    ),
    "standout_delay": (
        "typically comments {m:.0f} minutes after the post, sooner than {x}% of this dump's commenters",
        "обычно комментирует через {m:.0f} мин после поста: быстрее, чем {x}% комментаторов этого набора",
        "әдетте жазбадан {m:.0f} минут кейін пікір жазады: осы жинақтағы комментаторлардың {x}%-нан жылдам",
    ),
    "standout_office_share": (
        "{p} of comments in weekday office hours, more than {x}% of this dump's commenters",
        "{p} комментариев в рабочее время будних дней: больше, чем у {x}% комментаторов этого набора",
        "пікірлерінің {p} жұмыс күндерінің жұмыс уақытында: осы жинақтағы комментаторлардың {x}%-нан көп",
    ),
    "drivers": (
        "signals the model weighed most: {list}",
        "признаки, сильнее всего повлиявшие на оценку модели: {list}",
        "модель бағасына ең көп әсер еткен белгілер: {list}",
    ),
    "not_available": ("not available", "нет данных", "дерек жоқ"),
    "unavailable_profile": (
        "profile data (account age, followers, avatar)",
        "данные профиля (возраст аккаунта, подписчики, фото)",
        "профиль деректері (аккаунт жасы, жазылушылар, сурет)",
    ),
    "unavailable_timing": (
        "timing (the times are too coarse)",
        "время (отметки времени слишком грубые)",
        "уақыт (уақыт белгілері тым жуық)",
    ),
    # --- examples (the evidence column) ---
    "example_partner": (
        "closest partner {p}: {what}, {e:.2f} expected by chance",
        "ближайший партнёр {p} — {what}, случайно ожидалось {e:.2f}",
        "ең жақын серіктесі {p} — {what}, кездейсоқ күтілетіні {e:.2f}",
    ),
    "partner_near_duplicate": (
        "{o} near-identical {o:text|texts}",
        "почти одинаковых текстов: {o}",
        "бірдей дерлік мәтін: {o}",
    ),
    "partner_co_reply": (
        "answered the same {o} {o:account|accounts}",
        "отвечали одним и тем же аккаунтам: {o}",
        "бір аккаунттарға жауап берген: {o}",
    ),
    "partner_co_post": ("{o} of the same posts", "общих постов: {o}", "ортақ жазба: {o}"),
    "partner_near_duplicate_suspects": (
        "{o} near-identical {o:text|texts} (a weak link: uncorrected p below 0.05)",
        "почти одинаковых текстов: {o} (слабая связь: p ниже 0.05 без поправки)",
        "бірдей дерлік мәтін: {o} (әлсіз байланыс: түзетусіз p 0.05-тен төмен)",
    ),
    "partner_similar_text_suspects": (
        "similar texts (a weak link: uncorrected p below 0.05)",
        "похожие тексты (слабая связь: p ниже 0.05 без поправки)",
        "ұқсас мәтіндер (әлсіз байланыс: түзетусіз p 0.05-тен төмен)",
    ),
    "partner_co_comment_suspects": (
        "commented within the window under {o} of the same posts (a weak link: uncorrected p below 0.05)",
        "комментировали в пределах окна под одними и теми же постами: {o} (слабая "
        "связь: p ниже 0.05 без поправки)",
        "бір жазбаларға терезе ішінде пікір жазған: {o} (әлсіз байланыс: түзетусіз p 0.05-тен төмен)",
    ),
    "partner_co_comment": (
        "commented within the window under {o} of the same posts",
        "комментировали в пределах окна под одними и теми же постами: {o}",
        "бір жазбаларға терезе ішінде пікір жазған: {o}",
    ),
    "partner_gap": (
        ", {g:.0f} s apart on average",
        ", в среднем с разницей {g:.0f} с",
        ", орта есеппен {g:.0f} с аралықпен",
    ),
    "partner_posts": (" (posts {list})", " (посты {list})", " (жазбалар: {list})"),
    "and_more": (" and {m} more", " и ещё {m}", " және тағы {m}"),
    "example_copied": (
        'most copied text "{t}" (also written by {n} other {n:account|accounts})',
        "самый копируемый текст «{t}» (его же написали ещё {n} {n:аккаунт|аккаунта|аккаунтов})",
        "ең көп көшірілген мәтіні «{t}» (оны тағы {n} аккаунт жазған)",
    ),
    "hour": ("{h:02d}h", "{h:02d} ч", "{h:02d} сағ"),
    "example_rhythm": (
        "{p} of its comments in the hours {h} ({tz}); {o} on weekdays 09-18",
        "{p} его комментариев в часы {h} ({tz}); {o} в будни с 09 до 18",
        "пікірлерінің {p} мына сағаттарда: {h} ({tz}); {o} жұмыс күндері 09–18 аралығында",
    ),
    "cluster_page": (
        "{p} ({k} {k:comment|comments}, {s:.1f}% of the page's)",
        "{p} ({k} {k:комментарий|комментария|комментариев}, {s:.1f}% комментариев страницы)",
        "{p} ({k} пікір, беттегі пікірлердің {s:.1f}%)",
    ),
    # --- report ---
    "title": ("botwatch report", "Отчёт botwatch", "botwatch есебі"),
    "subtitle": (
        "Comments from {a} to {b} on {n} {n:page|pages} ({platforms}). Generated {when} by botwatch {v}.",
        "Комментарии с {a} по {b} на {n} {n:странице|страницах|страницах} ({platforms}). "
        "Создан {when}, botwatch {v}.",
        "{a} – {b} аралығындағы {n} беттегі пікірлер ({platforms}). Жасалған уақыты: {when}, botwatch {v}.",
    ),
    "headline": ("Headline", "Главное", "Негізгі қорытынды"),
    "card_comments": ("comments analysed", "комментариев в анализе", "талданған пікір"),
    "card_accounts": ("accounts", "аккаунтов", "аккаунт"),
    "card_suspects": (
        "suspected accounts ({p})",
        "подозрительных аккаунтов ({p})",
        "күдікті аккаунт ({p})",
    ),
    "card_clusters": (
        "clusters acting together",
        "кластеров, действующих согласованно",
        "бірлесіп әрекет ететін кластер",
    ),
    "card_suspect_comments": (
        "of comments written by suspects",
        "комментариев написаны подозрительными аккаунтами",
        "пікірді күдікті аккаунттар жазған",
    ),
    "card_praise": (
        "of {n} praise comments written by suspects",
        "из {n} хвалебных комментариев написаны подозрительными аккаунтами",
        "{n} мақтау пікірінің осы үлесін күдікті аккаунттар жазған",
    ),
    "histogram_label": ("Distribution of bot scores", "Распределение оценок", "Бағалардың таралуы"),
    "histogram_bar": (
        "{a:.2f}-{b:.2f}: {n} {n:account|accounts}",
        "{a:.2f}–{b:.2f}: {n} {n:аккаунт|аккаунта|аккаунтов}",
        "{a:.2f}–{b:.2f}: {n} аккаунт",
    ),
    "threshold": ("threshold {t:g}", "порог {t:g}", "шек {t:g}"),
    "histogram_caption": (
        "Accounts per score band (log scale); red bands are at or above the threshold.",
        "Число аккаунтов в каждом интервале оценки (логарифмическая шкала); красные интервалы "
        "на пороге и выше.",
        "Баға аралықтары бойынша аккаунт саны (логарифмдік шкала); қызыл аралықтар шекте немесе одан жоғары.",
    ),
    "clusters": ("Clusters", "Кластеры", "Кластерлер"),
    "clusters_intro": (
        "Groups of accounts linked by significant joint activity: commenting on the same posts "
        "within minutes, on the same selection of posts, or with near-identical texts, more often "
        "than chance predicts.",
        "Группы аккаунтов, связанных значимой совместной активностью: они комментируют одни и те "
        "же посты с разницей в минуты, выбирают одни и те же посты или пишут почти одинаковые "
        "тексты, и делают это чаще, чем предсказывает случайность.",
        "Елеулі бірлескен белсенділікпен байланысқан аккаунттар топтары: олар бір жазбаларға "
        "бірнеше минут аралығында пікір жазады, бір жазбаларды таңдайды немесе бірдей дерлік "
        "мәтіндер жазады, және мұны кездейсоқтық болжайтыннан жиірек жасайды.",
    ),
    "no_clusters": (
        "No group of accounts acted together beyond what chance explains.",
        "Ни одна группа аккаунтов не действовала согласованно сверх того, что объясняет случайность.",
        "Кездейсоқтық түсіндіретіннен тыс бірлесіп әрекет еткен аккаунттар тобы табылмады.",
    ),
    "col_cluster": ("Cluster", "Кластер", "Кластер"),
    "col_accounts": ("Accounts", "Аккаунты", "Аккаунттар"),
    "col_suspects": ("Suspects", "Подозрительные", "Күдіктілер"),
    "col_comments": ("Comments", "Комментарии", "Пікірлер"),
    "col_posts": ("Posts", "Посты", "Жазбалар"),
    "col_pages": ("Pages", "Страницы", "Беттер"),
    "col_active": ("Active", "Активность", "Белсенділік"),
    "col_links": ("Links", "Связи", "Байланыстар"),
    "col_typical": ("Typical text", "Типичный текст", "Типтік мәтін"),
    "col_shared_texts": (
        "Share of comments another member also wrote",
        "Доля комментариев, которые написал и другой участник",
        "Басқа мүшесі де жазған пікірлердің үлесі",
    ),
    "col_page": ("Page", "Страница", "Бет"),
    "col_post": ("Post", "Пост", "Жазба"),
    "col_period": ("Period", "Период", "Кезең"),
    "col_posted": ("Posted", "Опубликован", "Жарияланған"),
    "col_by_suspects": ("By suspects", "От подозрительных", "Күдіктілерден"),
    "col_praise": ("Praise", "Похвала", "Мақтау"),
    "col_praise_by_suspects": (
        "Praise by suspects",
        "Похвала от подозрительных",
        "Күдіктілердің мақтауы",
    ),
    "col_by_clusters": ("By clusters", "От кластеров", "Кластерлерден"),
    "col_clusters_present": ("Clusters present", "Кластеры", "Қатысқан кластерлер"),
    "col_account": ("Account", "Аккаунт", "Аккаунт"),
    "col_handle": ("Handle", "Имя", "Атауы"),
    "col_score": ("Score", "Оценка", "Баға"),
    "col_reasons": ("Reasons", "Причины", "Себептер"),
    "col_examples": ("Examples", "Примеры", "Мысалдар"),
    "col_unavailable": ("Not available", "Нет данных", "Дерек жоқ"),
    "col_text": ("Text", "Текст", "Мәтін"),
    "col_times": ("Times", "Раз", "Рет"),
    "col_its_comments": ("Its comments", "Его комментарии", "Оның пікірлері"),
    "col_post_share": (
        "Share of the post's comments",
        "Доля в комментариях поста",
        "Жазба пікірлеріндегі үлесі",
    ),
    "col_delay": (
        "Median delay after the post",
        "Медианная задержка после поста",
        "Жазбадан кейінгі медиана кідіріс",
    ),
    "layer_co_comment": (
        "comments within minutes",
        "комментарии с разницей в минуты",
        "бірнеше минут аралығындағы пікірлер",
    ),
    "layer_near_duplicate": ("near-identical texts", "почти одинаковые тексты", "бірдей дерлік мәтіндер"),
    "layer_co_post": ("same posts", "одни и те же посты", "бір жазбалар"),
    "layer_near_duplicate_suspects": (
        "near-identical texts, weak links of flagged accounts",
        "почти одинаковые тексты, слабые связи отмеченных аккаунтов",
        "бірдей дерлік мәтіндер, белгіленген аккаунттардың әлсіз байланыстары",
    ),
    "layer_similar_text_suspects": (
        "similar texts, weak links of flagged accounts left out of other clusters",
        "похожие тексты, слабые связи отмеченных аккаунтов вне других кластеров",
        "ұқсас мәтіндер, басқа кластерлерден тыс белгіленген аккаунттардың әлсіз байланыстары",
    ),
    "layer_co_comment_suspects": (
        "comments within minutes, weak links of flagged accounts",
        "комментарии с разницей в минуты, слабые связи отмеченных аккаунтов",
        "бірнеше минут аралығындағы пікірлер, белгіленген аккаунттардың әлсіз байланыстары",
    ),
    "layer_co_reply": ("answering the same accounts", "ответы одним и тем же", "бір аккаунттарға жауап"),
    "from_to": ("{a} to {b}", "с {a} по {b}", "{a} – {b}"),
    "cluster_heading": ("Cluster {c}", "Кластер {c}", "Кластер {c}"),
    "cluster_summary": (
        "{n} {n:account|accounts} ({s} suspected) wrote {k} {k:comment|comments} on {p} "
        "{p:post|posts} from {a} to {b}.",
        "{n} {n:аккаунт|аккаунта|аккаунтов} (из них подозрительных: {s}) написали {k} "
        "{k:комментарий|комментария|комментариев} под {p} {p:постом|постами|постами} с {a} по {b}.",
        "{n} аккаунт (олардың {s} күдікті) {a} – {b} аралығында {p} жазбаға {k} пікір жазды.",
    ),
    "cluster_gap": (
        "Median time between its consecutive comments under one post: {g}.",
        "Медианное время между его соседними комментариями под одним постом: {g}.",
        "Бір жазба астындағы қатар тұрған пікірлерінің арасындағы медиана уақыт: {g}.",
    ),
    "cluster_profile": (
        "Typical delay after the post: {d}. Active on {n} {n:day|days}; busiest hours {h} ({tz}); "
        "{o} of its comments on weekdays 09-18, {x} between 00 and 06.",
        "Типичная задержка после поста: {d}. Активен {n} {n:день|дня|дней}; самые активные часы "
        "{h} ({tz}); {o} его комментариев в будни с 09 до 18, {x} с 00 до 06.",
        "Жазбадан кейінгі әдеттегі кідіріс: {d}. {n} күн белсенді; ең белсенді сағаттары {h} "
        "({tz}); пікірлерінің {o} жұмыс күндері 09–18 аралығында, {x} 00–06 аралығында.",
    ),
    "cluster_density": (
        "Share of member pairs with a significant link: {d}.",
        "Доля пар участников со значимой связью: {d}.",
        "Елеулі байланысы бар мүше жұптарының үлесі: {d}.",
    ),
    "cluster_linked": (
        "Significant links also join its members to those of {l}; compare them before calling the "
        "groups separate.",
        "Значимые связи соединяют его участников и с участниками {l}; сравните их, прежде чем "
        "называть группы отдельными.",
        "Елеулі байланыстар оның мүшелерін {l} мүшелерімен де байланыстырады; топтарды бөлек деп "
        "атамас бұрын оларды салыстырыңыз.",
    ),
    "cluster_linked_item": (
        "cluster {c} ({k} {k:pair|pairs})",
        "кластера {c} ({k} {k:пара|пары|пар})",
        "{c} кластердің ({k} жұп)",
    ),
    "members": ("Members", "Участники", "Мүшелері"),
    "members_more": (
        "and {n} more (clusters.csv lists every member)",
        "и ещё {n} (все участники перечислены в clusters.csv)",
        "және тағы {n} (барлық мүше clusters.csv файлында)",
    ),
    "typical_texts": ("Typical texts", "Типичные тексты", "Типтік мәтіндер"),
    "cluster_timeline": (
        "Comments per day",
        "Комментарии по дням",
        "Күн сайынғы пікірлер",
    ),
    "cluster_timeline_label": (
        "Comments per day by cluster {c}",
        "Комментарии кластера {c} по дням",
        "{c}-кластердің күн сайынғы пікірлері",
    ),
    "cluster_posts": (
        "Posts with most of its comments",
        "Посты с наибольшим числом его комментариев",
        "Оның пікірлері ең көп жазбалар",
    ),
    "cluster_network": ("Links between members", "Связи между участниками", "Мүшелер арасындағы байланыс"),
    "cluster_network_caption": (
        "Each dot is a member (red: suspect); each line a significant link, thicker when stronger.",
        "Каждая точка — участник (красная — подозрительный); каждая линия — значимая связь, "
        "чем толще, тем сильнее.",
        "Әр нүкте — мүше (қызыл — күдікті); әр сызық — елеулі байланыс, неғұрлым жуан болса, соғұрлым күшті.",
    ),
    "clusters_more": (
        "Details are shown for the {n} largest clusters; clusters.csv and edges.csv hold all of them.",
        "Подробности показаны для {n} крупнейших кластеров; clusters.csv и edges.csv содержат все.",
        "Толық мәлімет ең ірі {n} кластер үшін көрсетілген; барлығы clusters.csv және edges.csv файлдарында.",
    ),
    "seconds": ("{v:.0f} s", "{v:.0f} с", "{v:.0f} с"),
    "minutes": ("{v:.0f} min", "{v:.0f} мин", "{v:.0f} мин"),
    "hours": ("{v:.1f} h", "{v:.1f} ч", "{v:.1f} сағ"),
    "days": ("{v:.1f} days", "{v:.1f} дн.", "{v:.1f} күн"),
    "figures": ("Figures", "Графики", "Графиктер"),
    "figures_note": (
        "The same figures are in plots/ as PNG files.",
        "Те же графики лежат в папке plots/ в виде PNG-файлов.",
        "Осы графиктер plots/ қалтасында PNG файлдары ретінде бар.",
    ),
    "figure_timeline": (
        "Comments per day by the largest clusters, other suspects and everyone else.",
        "Комментарии по дням: крупнейшие кластеры, прочие подозрительные аккаунты и все остальные.",
        "Күн сайынғы пікірлер: ең ірі кластерлер, басқа күдікті аккаунттар және қалғандары.",
    ),
    "figure_delays": (
        "How long after the post comments come: suspects against everyone else.",
        "Через сколько времени после поста появляются комментарии: подозрительные аккаунты и все остальные.",
        "Пікірлер жазбадан кейін қанша уақытта келеді: күдікті аккаунттар және қалғандары.",
    ),
    "figure_rhythm": (
        "Share of comments in each hour of the day, in the pages' local time.",
        "Доля комментариев в каждый час суток, по местному времени страниц.",
        "Тәуліктің әр сағатындағы пікірлер үлесі, беттердің жергілікті уақытымен.",
    ),
    "figure_network": (
        "Accounts in clusters and their significant links; a red rim marks a suspect.",
        "Аккаунты в кластерах и их значимые связи; красный контур отмечает подозрительный аккаунт.",
        "Кластерлердегі аккаунттар және олардың елеулі байланыстары; қызыл жиек күдікті аккаунтты білдіреді.",
    ),
    "pages": ("Pages and posts", "Страницы и посты", "Беттер мен жазбалар"),
    "pages_intro": (
        "How much of each comment section suspected accounts and clusters wrote: all comments, and "
        "comments with praise vocabulary, for the whole dump and per {period} (pages.csv and "
        "posts.csv hold every row).",
        "Какую часть каждого раздела комментариев написали подозрительные аккаунты и кластеры: все "
        "комментарии и комментарии с лексикой похвалы, за весь набор и по периодам ({period}); "
        "все строки есть в pages.csv и posts.csv.",
        "Әр пікір бөлімінің қандай бөлігін күдікті аккаунттар мен кластерлер жазды: барлық "
        "пікірлер және мақтау сөздері бар пікірлер, бүкіл жинақ бойынша және кезеңдер бойынша "
        "({period}); барлық жол pages.csv және posts.csv файлдарында.",
    ),
    "period_day": ("day", "день", "күн"),
    "period_week": ("week", "неделя", "апта"),
    "period_month": ("month", "месяц", "ай"),
    "whole_dump": ("whole dump", "весь набор", "бүкіл жинақ"),
    "top_posts": (
        "Posts with the most comments by suspects (top {n})",
        "Посты с наибольшим числом комментариев от подозрительных аккаунтов (первые {n})",
        "Күдікті аккаунттардың пікірлері ең көп жазбалар (алғашқы {n})",
    ),
    "accounts": ("Accounts", "Аккаунты", "Аккаунттар"),
    "accounts_intro": (
        "The {k} highest-scoring of {n} accounts. The score is the model's probability that the "
        "account is inauthentic (0 to 1).",
        "{k} аккаунтов с наибольшей оценкой из {n}. Оценка — вероятность (от 0 до 1), с которой "
        "модель считает аккаунт неподлинным.",
        "{n} аккаунттың ішіндегі бағасы ең жоғары {k} аккаунт. Баға — модельдің аккаунтты "
        "жалған деп санау ықтималдығы (0-ден 1-ге дейін).",
    ),
    "coverage": ("Data coverage", "Охват данных", "Деректердің қамтуы"),
    "coverage_counts": (
        "{k:,} {k:comment|comments} by {a:,} {a:account|accounts} on {p:,} {p:post|posts} of "
        "{n} {n:page|pages}.",
        "{k:,} {k:комментарий|комментария|комментариев} от {a:,} {a:аккаунта|аккаунтов|аккаунтов} "
        "под {p:,} {p:постом|постами|постами} на {n} {n:странице|страницах|страницах}.",
        "{n} беттегі {p:,} жазбаға {a:,} аккаунт жазған {k:,} пікір.",
    ),
    "coverage_tz_assumed": (
        "Timestamps written without a time zone were read as local time in {tz}.",
        "Отметки времени без часового пояса прочитаны как местное время {tz}.",
        "Уақыт белдеуі жоқ уақыт белгілері {tz} жергілікті уақыты ретінде оқылды.",
    ),
    "coverage_tz_given": (
        "Every timestamp carried its time zone.",
        "У всех отметок времени был указан часовой пояс.",
        "Барлық уақыт белгісінде уақыт белдеуі көрсетілген.",
    ),
    "coverage_rhythm_tz": (
        "Daily rhythm is measured in {tz}.",
        "Суточный ритм измерен по времени {tz}.",
        "Тәуліктік ырғақ {tz} уақытымен өлшенді.",
    ),
    "coverage_coarse": (
        "{p:.1f}% of comments have times coarser than a minute; timing signals were not used for them.",
        "У {p:.1f}% комментариев время известно грубее, чем до минуты; временные признаки для них "
        "не использовались.",
        "Пікірлердің {p:.1f}%-ының уақыты минуттан жуығырақ белгілі; олар үшін уақыт белгілері қолданылмады.",
    ),
    "coverage_rejected": (
        "Input rows left out or changed, by reason:",
        "Строки входных данных, исключённые или изменённые, по причинам:",
        "Алынып тасталған немесе өзгертілген кіріс жолдары, себептері бойынша:",
    ),
    "col_reason": ("Reason", "Причина", "Себебі"),
    "col_action": ("What happened", "Что сделано", "Не істелді"),
    "col_rows": ("Rows", "Строк", "Жол"),
    "coverage_rejected_file": (
        "The rows are listed one by one in rejected.csv.",
        "Каждая строка перечислена в rejected.csv.",
        "Жолдардың әрқайсысы rejected.csv файлында көрсетілген.",
    ),
    "coverage_none_rejected": (
        "No input row was left out.",
        "Ни одна строка входных данных не была исключена.",
        "Бірде-бір кіріс жолы алынып тасталған жоқ.",
    ),
    "method": ("Method and limits", "Метод и ограничения", "Әдіс және шектеулер"),
    "method_text": (
        "Each account gets features from its comments (timing after the post, daily rhythm, "
        "repeated and copied texts, praise and attacks on other commenters, replies), from its "
        "profile where the dump has one (age, followers, avatar, registration together with other "
        "commenters) and from the account graph (links that are significant against a null model of "
        "chance co-activity). An additive classifier turns them into a probability: each "
        "feature adds its own term, only in the direction known to be suspicious, and the "
        "reasons listed are those terms. Behaviour any person may show (volume, speed, praise) "
        "can bring an account to 0.3 at most; acting with others, copying others or the profile "
        "alone to 0.9. An account is a suspect at a score of {t:g} or more. Clusters are groups "
        "joined by significant links; suspects outside them are also grouped when each pair "
        "commented within the window under the same posts, or wrote near-identical texts, more "
        "often than chance, though too rarely for a significant link (weak links): such a cluster "
        "rests on the scores as well, and it joins another cluster when the links between the two "
        "are nearly as dense as inside them, or seven tenths as dense when each kind of trace "
        "(texts, timing) that holds either links them at least half as densely as inside. "
        "A suspect left alone joins the one cluster it is linked "
        "to by that cluster's own trace (its texts or its timing), at least a third as densely as its "
        "members are. A cluster whose members fall into groups "
        "that share no text with each other, or few significant ones (farms striking the same posts "
        "at the same minutes, each with its own texts), is split into those groups, and so is a "
        "cluster in which a group of members comments together within the window while the others "
        "never comment with them (crews writing from one stock of texts, each on its own timing). "
        "Suspects still "
        "in no cluster are "
        "last grouped by any weak link, similar texts included (a template reworded): these "
        "clusters join another only where the links between them are nearly as dense as inside "
        "them, and they rest on the scores above all; a suspect still alone joins the one "
        "cluster it is linked to, similar texts counted, by the cluster's own trace. Where the "
        "account table gives registration "
        "dates, a cluster whose members were registered in separate batches (two or more groups of "
        "five or more, each registered with gaps of two days at most, the pause between two "
        "batches longer than either lasts) is split into those batches. "
        "Last, a member with no link at all of a "
        "kind of trace (texts, timing) that links the average member to 70 % of its cluster or "
        "more leaves the cluster (a fan who comments at once under a farm's posts but never "
        "writes its texts). "
        "Co-comment window: {w:g} s.",
        "Для каждого аккаунта вычисляются признаки по его комментариям (время после поста, суточный "
        "ритм, повторённые и скопированные тексты, похвала и нападки на других комментаторов, "
        "ответы), по профилю, если он есть в данных (возраст, подписчики, фото, регистрация вместе "
        "с другими комментаторами), и по графу аккаунтов (связи, значимые по сравнению с нулевой "
        "моделью случайной совместной активности). Аддитивный классификатор превращает их в "
        "вероятность: каждый признак добавляет своё слагаемое, только в направлении, которое "
        "известно как подозрительное, и причины в таблице — эти слагаемые. Поведение, обычное для "
        "любого человека (объём, скорость, похвала), может поднять оценку не выше 0,3; совместные "
        "действия, копирование или профиль по отдельности — не выше 0,9. Аккаунт считается "
        "подозрительным при оценке "
        "{t:g} и выше. Кластеры — группы, соединённые значимыми связями; подозрительные аккаунты "
        "вне их тоже объединяются, если каждая пара комментировала в пределах окна под одними и "
        "теми же постами или писала почти одинаковые тексты чаще случайного, но слишком редко для "
        "значимой связи (слабые связи): "
        "такой кластер опирается и на оценки и присоединяется к другому кластеру, если связи "
        "между ними почти так же плотны, как внутри них, или на семь десятых, если каждый след "
        "(тексты, время), скрепляющий один из них, связывает их хотя бы вдвое слабее, чем внутри. "
        "Подозрительный аккаунт, оставшийся один, "
        "присоединяется к единственному кластеру, с которым связан тем же следом, что скрепляет "
        "кластер (тексты или время), хотя бы на треть так же плотно, как его участники. "
        "Кластер, участники которого "
        "делятся на группы без общих (или почти без значимых общих) текстов между ними (фермы, бьющие "
        "по одним постам в одни минуты, каждая со своими текстами), разделяется на эти группы; "
        "так же разделяется кластер, в котором одна группа участников комментирует вместе в "
        "пределах окна, а остальные никогда не комментируют вместе с ней (команды с общим "
        "запасом текстов, каждая со своим "
        "ритмом). Подозрительные аккаунты, "
        "оставшиеся вне кластеров, в конце объединяются по любым слабым связям, включая похожие "
        "тексты (шаблон другими словами): такой кластер присоединяется к другому, только если "
        "связи между ними почти так же плотны, как внутри них, и такие кластеры опираются "
        "прежде всего на оценки; подозрительный аккаунт, всё ещё оставшийся один, "
        "присоединяется к единственному кластеру, с которым связан, считая похожие тексты, тем же "
        "следом, что скрепляет кластер. Если таблица аккаунтов содержит даты регистрации, кластер, "
        "участники которого зарегистрированы отдельными партиями (две группы или больше по пять "
        "аккаунтов и более, внутри каждой промежутки не больше двух дней, а перерыв между "
        "партиями длиннее каждой из них), делится на эти партии. "
        "Наконец, участник без единой связи того следа (тексты, время), "
        "который связывает среднего участника с 70 % кластера или больше, из кластера выходит "
        "(поклонник, комментирующий сразу вместе с фермой, но не пишущий её тексты). "
        "Окно совместного комментирования: {w:g} с.",
        "Әр аккаунт үшін белгілер оның пікірлерінен (жазбадан кейінгі уақыт, тәуліктік ырғақ, "
        "қайталанған және көшірілген мәтіндер, мақтау және басқа комментаторларға шабуыл, "
        "жауаптар), деректерде болса профилінен (жасы, жазылушылары, суреті, басқа "
        "комментаторлармен бірге тіркелуі) және аккаунттар графынан (кездейсоқ бірлескен "
        "белсенділіктің нөлдік моделімен салыстырғанда елеулі байланыстар) есептеледі. "
        "Аддитивті классификатор оларды ықтималдыққа айналдырады: әр белгі өз қосылғышын тек "
        "күдікті екені белгілі бағытта қосады, ал себептер — осы қосылғыштар. Кез келген адамға "
        "тән мінез-құлық (көлем, жылдамдық, мақтау) бағаны 0,3-тен асырмайды; бірлескен әрекет, "
        "көшіру немесе профиль жеке-жеке 0,9-дан асырмайды. "
        "Бағасы {t:g} немесе одан жоғары аккаунт күдікті саналады. Кластерлер — елеулі "
        "байланыстармен біріккен топтар; олардан тыс күдікті аккаунттар да топқа біріктіріледі, "
        "егер әр жұп бір жазбаларға терезе ішінде пікір жазса немесе бірдей дерлік мәтіндер жазса, "
        "кездейсоқтан жиі, бірақ елеулі байланыс үшін тым сирек (әлсіз байланыстар): мұндай кластер "
        "бағаларға да сүйенеді және екеуінің арасындағы байланыстар ішіндегідей дерлік тығыз "
        "болса немесе оннан жетісіндей тығыз болып, олардың бірін біріктіретін әр із (мәтіндер, "
        "уақыт) оларды ішіндегіден кемінде екі есе әлсіз байланыстырса, басқа кластерге қосылады. "
        "Жалғыз қалған күдікті аккаунт кластерді біріктіретін "
        "іздің өзімен (мәтіндер немесе уақыт) байланысқан жалғыз кластерге, оның мүшелеріндей "
        "тығыздықтың кемінде үштен бірімен байланысса, қосылады. "
        "Мүшелері өзара ортақ мәтіні жоқ (немесе елеулі ортақ мәтіні аз) "
        "топтарға бөлінетін кластер (бір жазбаларға бір минуттарда шабуыл жасайтын, әрқайсысы "
        "өз мәтіндерімен жазатын фермалар) сол топтарға бөлінеді; бір топ мүшелері терезе ішінде "
        "бірге пікір жазатын, ал қалғандары олармен ешқашан бірге жазбайтын кластер де (ортақ "
        "мәтіндер "
        "қорынан жазатын, әрқайсысы өз ырғағымен жұмыс істейтін топтар) осылай бөлінеді. "
        "Ешбір кластерге кірмеген "
        "күдіктілер соңында кез келген әлсіз байланыспен, ұқсас мәтіндерді қоса (басқа "
        "сөздермен жазылған үлгі), топқа біріктіріледі: мұндай кластер басқа кластерге "
        "екеуінің арасындағы байланыстар ішіндегідей дерлік тығыз болғанда ғана қосылады, және "
        "мұндай кластерлер ең алдымен бағаларға сүйенеді; әлі жалғыз қалған күдікті аккаунт "
        "ұқсас мәтіндерді қоса байланысқан жалғыз кластерге, кластерді біріктіретін іздің өзімен "
        "байланысса, қосылады. Аккаунттар кестесінде тіркелу күндері "
        "болса, мүшелері бөлек топтамалармен тіркелген кластер (әрқайсысында бес не одан көп "
        "аккаунт, іштегі аралықтар екі күннен аспайтын, ал топтамалар арасындағы үзіліс "
        "әрқайсысынан ұзағырақ екі не одан көп топ) сол топтамаларға "
        "бөлінеді. Соңында орташа мүшені кластердің "
        "70 % не одан көбімен байланыстыратын із (мәтіндер, уақыт) бойынша бірде-бір байланысы "
        "жоқ мүше кластерден шығады (ферманың жазбаларына бірден пікір жазатын, бірақ оның "
        "мәтіндерін жазбайтын жанкүйер). Бірлескен "
        "пікір терезесі: {w:g} с.",
    ),
    "method_caution": (
        "<b>Read with care.</b> The model was trained on simulated comment sections, because no "
        "labelled set of real Kazakh agency pages exists; its figures on real data are reported in "
        "the project's model card. A high score is a reason to look closer, not proof: real people "
        "can write like bots (a fan who praises every post, people reacting at once to viral news). "
        "Check the reasons against the comments before naming any account, and prefer findings "
        "about clusters and shares of comments to verdicts on single people.",
        "<b>Читайте внимательно.</b> Модель обучена на смоделированных разделах комментариев, "
        "потому что размеченного набора реальных страниц казахстанских ведомств не существует; её "
        "показатели на реальных данных приведены в карточке модели проекта. Высокая оценка — повод "
        "присмотреться, а не доказательство: реальные люди могут писать как боты (поклонник, "
        "хвалящий каждый пост, люди, одновременно реагирующие на громкую новость). Сверьте причины "
        "с самими комментариями, прежде чем называть какой-либо аккаунт, и предпочитайте выводы о "
        "кластерах и долях комментариев приговорам отдельным людям.",
        "<b>Мұқият оқыңыз.</b> Модель модельденген пікір бөлімдерінде оқытылды, өйткені "
        "Қазақстан мемлекеттік органдарының нақты беттерінің белгіленген жинағы жоқ; оның нақты "
        "деректердегі көрсеткіштері жобаның модель картасында келтірілген. Жоғары баға — дәлел "
        "емес, мұқият қарауға себеп: нақты адамдар да бот сияқты жаза алады (әр жазбаны мақтайтын "
        "жанкүйер, шулы жаңалыққа бір мезетте үн қосқан адамдар). Кез келген аккаунтты атамас "
        "бұрын себептерді пікірлердің өзімен салыстырыңыз және жекелеген адамдарға үкім "
        "шығарудан гөрі кластерлер мен пікір үлестері туралы қорытындыларды таңдаңыз.",
    ),
    "model": ("Model: {m}.", "Модель: {m}.", "Модель: {m}."),
    "cluster_settings": (
        "Clusters were made with settings changed from the defaults: {s}.",
        "Кластеры построены с настройками, изменёнными по сравнению со стандартными: {s}.",
        "Кластерлер әдепкі баптаулардан өзгертілген баптаулармен құрылды: {s}.",
    ),
    "translation_note": (
        "",
        "Русский текст отчёта написан разработчиками botwatch; перед публикацией его стоит "
        "вычитать редактору.",
        "Есептің қазақша мәтінін botwatch әзірлеушілері жазған; жарияламас бұрын оны ана тілінде "
        "сөйлейтін редактор оқып шыққаны жөн.",
    ),
    # --- figures (plots/ and the report) ---
    "plot_scores_title": (
        "Scores of {n:,} accounts (threshold {t:g})",
        "Оценки {n:,} {n:аккаунта|аккаунтов|аккаунтов} (порог {t:g})",
        "{n:,} аккаунттың бағасы (шек {t:g})",
    ),
    "plot_score_axis": ("bot_score", "оценка", "баға"),
    "plot_accounts_axis": ("accounts", "аккаунты", "аккаунттар"),
    "plot_per_day_axis": ("comments per day", "комментариев в день", "күніне пікір"),
    "plot_timeline_title": (
        "Activity over time ({tz})",
        "Активность во времени ({tz})",
        "Уақыт бойынша белсенділік ({tz})",
    ),
    "plot_cluster": ("cluster {c}", "кластер {c}", "кластер {c}"),
    "plot_other_suspects": ("other suspects", "прочие подозрительные", "басқа күдіктілер"),
    "plot_everyone_else": ("everyone else", "все остальные", "қалғандары"),
    "plot_suspects": ("suspects", "подозрительные", "күдіктілер"),
    "plot_n_comments": (
        "{label} ({n:,} {n:comment|comments})",
        "{label} ({n:,} {n:комментарий|комментария|комментариев})",
        "{label} ({n:,} пікір)",
    ),
    "plot_no_delays": (
        "No comment has both its own time and its post's time to the minute:\nthe delay after "
        "the post cannot be measured in this dump.",
        "Ни у одного комментария нет одновременно его времени и времени поста с точностью до "
        "минуты:\nзадержку после поста в этом наборе измерить нельзя.",
        "Бірде-бір пікірде өз уақыты мен жазба уақыты минутқа дейін қатар жоқ:\nбұл жинақта "
        "жазбадан кейінгі кідірісті өлшеу мүмкін емес.",
    ),
    "plot_delay_axis": ("minutes after the post", "минут после поста", "жазбадан кейінгі минут"),
    "plot_density_axis": (
        "share of comments (density)",
        "доля комментариев (плотность)",
        "пікірлер үлесі (тығыздық)",
    ),
    "plot_delay_title": ("Delay after the post", "Задержка после поста", "Жазбадан кейінгі кідіріс"),
    "plot_hour_axis": ("hour of the day ({tz})", "час суток ({tz})", "тәулік сағаты ({tz})"),
    "plot_share_axis": ("share of comments", "доля комментариев", "пікірлер үлесі"),
    "plot_rhythm_title": ("Daily rhythm", "Суточный ритм", "Тәуліктік ырғақ"),
    "plot_network_title": (
        "{n} {n:account|accounts} in {c} {c:cluster|clusters} and their links",
        "{n} {n:аккаунт|аккаунта|аккаунтов} в {c} {c:кластере|кластерах|кластерах} и их связи",
        "{c} кластердегі {n} аккаунт және олардың байланыстары",
    ),
}

# Readers' descriptions of the features the model weighs, of the value shown beside them (log10
# features are shown unlogged): (Russian, Kazakh). English is the feature's own documentation.
_FEATURE_LABELS: dict[str, tuple[str, str]] = {
    "n_comments_log": ("комментариев аккаунта в наборе", "аккаунттың жинақтағы пікірлері"),
    "n_posts_log": ("разных постов с его комментариями", "пікір жазған әртүрлі жазбалары"),
    "n_pages": ("разных страниц с его комментариями", "пікір жазған әртүрлі беттері"),
    "top_page_share": (
        "доля комментариев на его главной странице",
        "ең көп қолданатын бетіндегі пікірлер үлесі",
    ),
    "comments_per_post": ("комментариев на пост", "бір жазбаға пікір саны"),
    "active_days_log": ("дней с комментариями", "пікір жазған күндері"),
    "delay_median_log": (
        "медианная задержка после поста, с",
        "жазбадан кейінгі медиана кідіріс, с",
    ),
    "fast_share": (
        "доля комментариев в течение 10 минут после поста",
        "жазбадан кейін 10 минут ішіндегі пікірлер үлесі",
    ),
    "office_share": (
        "доля комментариев в будни 09:00-18:00",
        "жұмыс күндері 09:00-18:00 аралығындағы пікірлер үлесі",
    ),
    "night_share": ("доля комментариев 00:00-06:00", "00:00-06:00 аралығындағы пікірлер үлесі"),
    "hour_entropy": (
        "разброс комментариев по часам суток (0-1)",
        "пікірлердің тәулік сағаттарына шашырауы (0-1)",
    ),
    "gap_cv": (
        "неравномерность интервалов между комментариями",
        "пікірлер арасындағы аралықтардың біркелкі еместігі",
    ),
    "burst_share": (
        "доля комментариев в течение двух минут после предыдущего",
        "алдыңғысынан кейін екі минут ішіндегі пікірлер үлесі",
    ),
    "chars_log": ("средняя длина комментария, символов", "пікірдің орташа ұзындығы, таңба"),
    "empty_share": ("доля комментариев без текста", "мәтінсіз пікірлер үлесі"),
    "emoji_only_share": ("доля комментариев только из эмодзи", "тек эмодзиден тұратын пікірлер үлесі"),
    "link_share": ("доля комментариев со ссылкой", "сілтемесі бар пікірлер үлесі"),
    "self_repeat_share": (
        "доля комментариев, повторяющих его же тексты",
        "өз мәтіндерін қайталайтын пікірлер үлесі",
    ),
    "near_copy_share": (
        "доля комментариев с почти точной копией от другого аккаунта",
        "басқа аккаунтта дерлік дәл көшірмесі бар пікірлер үлесі",
    ),
    "near_copy_accounts_log": (
        "среднее число аккаунтов с тем же текстом",
        "сол мәтінді жазған аккаунттардың орташа саны",
    ),
    "post_copy_share": (
        "доля комментариев с почти точной копией под тем же постом",
        "сол жазба астында дерлік дәл көшірмесі бар пікірлер үлесі",
    ),
    "co_post_weak_partners_log": (
        "аккаунтов, с которыми он делит посты вдвое чаще ожидаемого (p без поправки ниже 0,01)",
        "жазбаларын күтілгеннен екі есе жиі бөлісетін аккаунттар (түзетусіз p 0,01-ден төмен)",
    ),
    "shared_phrase_share": (
        "доля комментариев, повторяющих свой текст, который повторяют и ещё два аккаунта или больше",
        "өз мәтінін қайталайтын, оны тағы екі не одан көп аккаунт қайталайтын пікірлер үлесі",
    ),
    "praise_share": ("доля комментариев с похвалой", "мақтау сөздері бар пікірлер үлесі"),
    "attack_share": (
        "доля комментариев с нападками на других комментаторов",
        "басқа комментаторларға шабуыл жасайтын пікірлер үлесі",
    ),
    "complaint_share": ("доля комментариев с жалобами", "шағым сөздері бар пікірлер үлесі"),
    "question_share": ("доля комментариев с вопросом", "сұрақ қоятын пікірлер үлесі"),
    "reply_share": ("доля ответов на другие комментарии", "басқа пікірлерге жауаптар үлесі"),
    "reply_to_critic_share": (
        "доля ответов на чужие жалобы",
        "басқалардың шағымына жауаптар үлесі",
    ),
    "mixed_script_share": (
        "доля комментариев, смешивающих кириллицу и латиницу",
        "кирилл мен латын әріптерін араластыратын пікірлер үлесі",
    ),
    "age_days_log": (
        "возраст аккаунта при первом комментарии, дней",
        "алғашқы пікір кезіндегі аккаунт жасы, күн",
    ),
    "followers_log": ("подписчиков", "жазылушылар"),
    "following_log": ("подписок", "жазылымдар"),
    "follow_ratio_log": (
        "отношение (1 + подписчики) / (1 + подписки)",
        "(1 + жазылушылар) / (1 + жазылымдар) қатынасы",
    ),
    "posts_per_day_log": (
        "собственных публикаций в день за время жизни аккаунта",
        "аккаунт жасына шаққандағы күніне өз жазбалары",
    ),
    "posts_log": (
        "собственных публикаций за всё время аккаунта",
        "аккаунттың барлық уақыттағы өз жазбалары",
    ),
    "bio_chars_log": ("символов в описании профиля", "профиль сипаттамасындағы таңбалар"),
    "has_avatar": ("1, если у профиля есть фото", "профильде сурет болса, 1"),
    "is_verified": ("1, если платформа подтвердила аккаунт", "платформа аккаунтты растаса, 1"),
    "handle_digits": ("цифр в имени пользователя", "пайдаланушы атындағы цифрлар"),
    "handle_vowel_share": ("доля гласных в имени пользователя", "пайдаланушы атындағы дауысты әріптер үлесі"),
    "created_same_days_log": (
        "других комментаторов, зарегистрированных в пределах суток",
        "бір тәулік ішінде тіркелген басқа комментаторлар",
    ),
    "created_burst_ratio": (
        "регистраций за сутки относительно обычного темпа",
        "тәуліктегі тіркелулердің әдеттегі қарқынға қатынасы",
    ),
    "id_neighbors_log": (
        "других комментаторов с числовым id в пределах 100, "
        "сверх ожидаемого по id на расстоянии от 100 до 1 000",
        "сандық id-і 100 ішіндегі басқа комментаторлар, "
        "100-ден 1 000-ға дейінгі қашықтықтағы id-лер болжайтыннан артық",
    ),
    "co_comment_partners_log": (
        "аккаунтов, с которыми он комментирует вместе чаще случайного",
        "кездейсоқтан жиі бірге пікір жазатын аккаунттар",
    ),
    "co_comment_strength": (
        "сила самой сильной связи совместного комментирования (-log10 q)",
        "ең күшті бірлескен пікір байланысы (-log10 q)",
    ),
    "lockstep_partners_log": (
        "аккаунтов, с которыми он комментирует в пределах окна под 2 и более постами, с p ниже 0.01 "
        "без поправки (слишком слабо для связи)",
        "терезе ішінде 2 не одан көп жазбада бірге пікір жазатын аккаунттар, түзетусіз p 0.01-ден "
        "төмен (байланыс үшін тым әлсіз)",
    ),
    "co_post_partners_log": (
        "аккаунтов, выбирающих те же посты чаще случайного",
        "кездейсоқтан жиі сол жазбаларды таңдайтын аккаунттар",
    ),
    "near_dup_partners_log": (
        "аккаунтов, пишущих те же тексты чаще случайного, среди трёх и более связанных аккаунтов",
        "кездейсоқтан жиі сол мәтіндерді жазатын аккаунттар, үш не одан көп байланысқан аккаунт арасында",
    ),
    "near_dup_strength": (
        "сила самой сильной связи по одинаковым текстам (-log10 q) среди трёх и более связанных аккаунтов",
        "бірдей мәтіндер бойынша ең күшті байланыс (-log10 q), үш не одан көп байланысқан аккаунт арасында",
    ),
    "line_partners_log": (
        "аккаунтов, пишущих те же короткие фразы чаще случайного, среди трёх и более связанных аккаунтов",
        "кездейсоқтан жиі сол қысқа сөз тіркестерін жазатын аккаунттар, үш не одан көп байланысқан аккаунт "
        "арасында",
    ),
    "cluster_size_log": ("размер его кластера", "оның кластерінің мөлшері"),
    "cluster_density": ("плотность связей его кластера", "оның кластеріндегі байланыс тығыздығы"),
    "cluster_burst_share": (
        "доля комментариев посреди всплеска другого кластера",
        "басқа кластердің серпілісі кезіндегі пікірлер үлесі",
    ),
}
