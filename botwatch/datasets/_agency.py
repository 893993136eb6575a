"""Labelled comment sections of government-agency pages, generated from a model of the domain.

A world is a set of agency pages (akimats and ministries) on one or more platforms, each publishing
posts over a few weeks. Real people comment on them (most once, a few often, in Russian, Kazakh in
Cyrillic or Latin script, English or a mix), reply to each other, complain under bad news and thank
under good news. Some genuine behaviours look like coordination and must not be taken for it:
superfans, viral crowds, regular critics, local activists, news-watchers and the page's own admin.
Zero to five farms of paid or automated accounts work the pages with one tactic each (see
:data:`TACTICS`). A few people, page admins and some farms post links (news, photos, maps, petitions,
official sites; campaign pages, channels and spam for farms). Every knob is drawn per world by
:func:`random_agency_config`; any of them can be overridden in :func:`agency_world`.

All times are handled as integer seconds since the Unix epoch (UTC); local time is UTC plus the
world's ``utc_offset_h``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["GENUINE_ROLES", "TACTICS", "AgencyWorld", "agency_world", "random_agency_config"]

TACTICS: tuple[str, ...] = (
    "fast_crew",
    "office_paraphrase",
    "topic_solo",
    "camouflage",
    "critic_attack",
    "influencer",
    "stream",
    "thread_booster",
    "one_shot_swarm",
)
"""Farm tactics.

``fast_crew``
    Works a list of posts within minutes of publication, rotating a small stock of short praise lines.
``office_paraphrase``
    Comments in office hours on weekdays, hours after the post, paraphrasing templates.
``topic_solo``
    Every account picks posts of one topic (the akim's or minister's own posts) on its own clock, so
    that two accounts never meet within minutes.
``camouflage``
    Praises target posts at a relaxed pace and writes ordinary comments elsewhere; normal profiles.
``critic_attack``
    Replies to complaints with attacks or "everything is fine" replies.
``influencer``
    A few hired bloggers with established profiles writing long praising texts.
``stream``
    On a platform without posts (X-like mentions of the agency): campaigns of the same lines
    co-posted within hours.
``thread_booster``
    One account writes a long praise, others of the crew reply to it agreeing within minutes.
``one_shot_swarm``
    Many throwaway accounts, one to three comments each, spread over the target posts.
"""

GENUINE_ROLES: tuple[str, ...] = (
    "genuine",
    "superfan",
    "viral_crowd",
    "regular_critic",
    "local_activist",
    "news_watcher",
    "page_admin",
)
"""Roles of authentic accounts in ``truth``; every inauthentic account has role ``farm``."""

_DAY = 86400
_HOUR = 3600
_MIN = 60
_LANGS = ("ru", "kk", "kl", "en", "mix")  # kl: Kazakh in Latin script
_TOPICS = ("leader", "construction", "social", "tariffs", "emergency", "culture", "announcement")
_TOPIC_SENTIMENT = {  # probabilities of (bad, neutral, good)
    "leader": (0.05, 0.35, 0.60),
    "construction": (0.05, 0.15, 0.80),
    "social": (0.15, 0.50, 0.35),
    "tariffs": (0.85, 0.15, 0.00),
    "emergency": (0.80, 0.20, 0.00),
    "culture": (0.00, 0.30, 0.70),
    "announcement": (0.35, 0.60, 0.05),
}
_PLATFORMS = ("instagram", "facebook", "vk", "telegram", "youtube")


# --------------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------------

_POOLS = {
    "street": "Абая|Сейфуллина|Толе би|Жандосова|Розыбакиева|Момышулы|Райымбека|Кабанбай батыра|"
    "Сатпаева|Гагарина|Байтурсынова|Шаляпина|Жибек жолы|Назарбаева|Аль-Фараби",
    "district": "Алатауском районе|Наурызбайском районе|мкр Шугыла|мкр Акбулак|Кайрате|"
    "Косшы|левом берегу|старом городе|пригороде|нашем селе|мкр Самал|промзоне",
    "kdistrict": "Алатау ауданында|Наурызбай ауданында|Шұғыла шағын ауданында|ауылымызда|"
    "біздің ауданда|сол жағалауда|қала шетінде",
    "issue": "нет воды|нет света|яма на дороге|не вывозят мусор|не работает освещение|"
    "затопило подвал|нет отопления|автобусы ходят раз в час|разбили дорогу|нет тротуара|"
    "стихийная свалка|сломана детская площадка|не чистят снег|воняет канализация",
    "kissue": "су жоқ|жарық жоқ|жол бұзылған|қоқыс шығарылмайды|жылу жоқ|автобус сирек жүреді|"
    "балалар алаңы сынған|қар тазаланбайды",
    "since": "уже месяц|третий день|с прошлой недели|второй год|с осени|уже полгода|который год",
    "emo_good": "👍|👏|🔥|❤️|🙏|💪|👏👏|👍👍|❤️❤️|🇰🇿",
    "emo_bad": "😡|🤦|😤|👎|🤬|😢|🙄|🤡",
}

_THINGS = {
    "ru": {
        "leader": "встречу с жителями|открытость|вашу работу|личный контроль|заботу о людях",
        "construction": "новую школу|ремонт дороги|новый парк|освещение во дворах|новую поликлинику|"
        "детский сад|ремонт моста|новую спортплощадку",
        "social": "помощь семьям|поддержку пенсионеров|бесплатные кружки|новые выплаты|заботу о детях",
        "tariffs": "разъяснение|информацию",
        "emergency": "оперативную работу|помощь пострадавшим|быструю реакцию|работу спасателей",
        "culture": "праздник|концерт|красивое оформление города|организацию мероприятия",
        "announcement": "информацию|своевременное предупреждение|новости",
    },
    "en": {
        "leader": "meeting the people|your work|your care",
        "construction": "the new school|fixing the road|the new park|the new clinic",
        "social": "supporting families|helping pensioners",
        "tariffs": "the explanation",
        "emergency": "the quick response|helping the victims",
        "culture": "the celebration|the concert",
        "announcement": "the information|the update",
    },
    "kk": {
        "leader": "халықпен кездесуге|жұмыстарыңызға|қамқорлықтарыңызға",
        "construction": "жаңа мектепке|жолды жөндегенге|жаңа саябаққа|жаңа емханаға|балабақшаға",
        "social": "отбасыларға көмекке|зейнеткерлерге қолдауға|балаларға қамқорлыққа",
        "tariffs": "ақпаратқа",
        "emergency": "жедел көмекке|құтқарушылардың жұмысына",
        "culture": "мерекеге|концертке|әдемі іс-шараға",
        "announcement": "ақпаратқа|жаңалыққа",
    },
}

_ORG = {  # placeholders: @A org, @Ad org dative, @L leader, @Ld leader dative
    "akimat": {
        "ru": {"@Ad": "акимату", "@A": "акимат", "@Ld": "акиму", "@L": "аким"},
        "kk": {"@Ad": "әкімдікке", "@A": "әкімдік", "@Ld": "әкімге", "@L": "әкім"},
        "en": {"@Ad": "the akimat", "@A": "the akimat", "@Ld": "the akim", "@L": "the akim"},
    },
    "ministry": {
        "ru": {"@Ad": "министерству", "@A": "министерство", "@Ld": "министру", "@L": "министр"},
        "kk": {"@Ad": "министрлікке", "@A": "министрлік", "@Ld": "министрге", "@L": "министр"},
        "en": {"@Ad": "the ministry", "@A": "the ministry", "@Ld": "the minister", "@L": "the minister"},
    },
}

# Short phrases everyone uses; the order is their popularity.
_COMMON = {
    "ru": [
        "Спасибо!",
        "Молодцы!",
        "Спасибо",
        "Молодцы",
        "Так держать!",
        "Отлично!",
        "Супер",
        "Наконец-то!",
        "Давно пора",
        "Браво!",
        "Здорово!",
        "Красота!",
        "Спасибо большое!",
        "Хорошая новость",
        "Благодарим!",
        "Умницы!",
        "Ура!",
        "Класс!",
    ],
    "kk": [
        "Рахмет!",
        "Рахмет",
        "Жарайсыңдар!",
        "Керемет!",
        "Рахмет әкімге!",
        "Көп рахмет!",
        "Алға!",
        "Бәрекелді!",
        "Мықты!",
        "Жақсы жаңалық",
        "Құттықтаймын!",
        "Өте жақсы!",
        "Рахмет сіздерге!",
        "Сәттілік!",
    ],
    "en": ["Thanks!", "Great job!", "Well done", "Great news", "Amazing", "Thank you!", "Good job"],
    "emoji": ["👍", "👏", "🔥", "❤️", "🙏", "👍👍👍", "👏👏👏", "💪", "❤️❤️❤️", "🔥🔥"],
}

_T = {
    "praise": {
        "ru": [
            "{Спасибо|Большое спасибо|Огромное спасибо|Благодарю} за @T{!|.|}",
            "{Молодцы|Умницы|Отличная работа}{,|!} {так держать|продолжайте в том же духе|"
            "побольше бы таких новостей}{!|}",
            "{Наконец-то|Давно ждали|Ура}{!|,} {спасибо|благодарим} @Ld{!|}",
            "{Хорошая|Отличная|Прекрасная} {новость|работа|инициатива}{!|}{ $emo_good|}",
            "{Видно|Заметно|Чувствуется}, что {@L|команда} {работает|старается|слышит людей}{!|.|, спасибо}",
            "{Дети|Соседи|Жители} {очень|} {рады|довольны}{!|.|}{ Спасибо!|}",
            "{Красиво|Здорово|Классно} получилось{!|}{ $emo_good|}",
        ],
        "kk": [
            "@T {рахмет|көп рахмет|үлкен рахмет}{!|}",
            "{Жарайсыңдар|Бәрекелді|Керемет}{!|,} {осылай жалғастыра беріңіздер|алға|"
            "жұмыстарыңызға сәттілік}{!|}",
            "{Рахмет|Алғыс} @Ld{!|}{ $emo_good|}",
            "{Жақсы|Керемет|Тамаша} {жаңалық|жұмыс|бастама}{!|}",
            "{Көптен күткен|Асыға күткен} {едік|едік, рахмет}{!|}{ $emo_good|}",
            "{Балалар|Халық|Тұрғындар} {риза|қуанышты|өте қуанып жатыр}{!|.|}",
        ],
        "en": [
            "{Thank you|Thanks} for @T{!|}",
            "{Great|Good|Excellent} {job|work|news}{!|}",
            "Well done, keep it up{!|}",
        ],
    },
    "praise_long": {
        "ru": [
            "{Хочу выразить|Выражаю|Выражаем} {благодарность|огромную благодарность} @Ad за @T. "
            "{Раньше здесь было невозможно пройти|Долго ждали этого|Дети очень рады|"
            "Жители района довольны}. {Так держать!|Спасибо!|Побольше бы таких проектов.}",
            "{Живу в|Сами живём в} $district, {изменения видны|стало намного лучше|"
            "наконец-то что-то делается}. {Спасибо за|Благодарю за} @T{!|.} "
            "{Надеюсь, продолжите.|Ждём ещё.|Так держать!}",
            "{Видно|Заметно}, что @L {держит всё на контроле|реально работает|слышит людей}. "
            "{Побольше бы таких руководителей.|Спасибо вам.|Желаю успехов.}",
        ],
        "kk": [
            "{Алғысымды білдіремін|Үлкен рахмет айтамыз} @Ld. {Балалар өте қуанышты|"
            "Көптен күткен едік|Халық риза}. {Жұмыстарыңызға сәттілік!|Алға!}",
            "$kdistrict {өзгерістер көрініп тұр|жағдай жақсарды}. {Рахмет|Көп рахмет}!",
        ],
        "en": [
            "Really appreciate @T. {Our district looks much better now.|Kids are happy.} "
            "{Keep it up!|Thank you!}"
        ],
    },
    "complaint": {
        "ru": [
            "{На|По} ул. $street $issue $since{.|!|...} {Куда смотрит @A?|Примите меры!|"
            "Сколько можно ждать?|Обращались много раз, никто не отвечает.|Когда это закончится?}",
            "{Уважаемый @L|Здравствуйте|Добрый день}{,|!} в $district $issue $since. "
            "{Звонили в 109, толку ноль.|Просим разобраться.|Дети болеют.|Помогите пожалуйста.}",
            "{Лучше бы|А может} {дороги отремонтировали|воду дали|мусор вывезли|"
            "тарифы снизили}{, чем вот это вот все|, чем отчитываться|}{.|!|...}",
            "{Опять|Снова} $issue{.|!!|...} {И так каждый год.|А у вас все прекрасно.|Зато отчеты красивые.}",
            "{Тарифы|Цены на коммуналку|Платежи} {выросли|поднялись} {в два раза|на 30%|опять}, "
            "а {зарплаты нет|пенсия та же|качество не изменилось}{.|!|...} {Как жить?|Позор.|}",
        ],
        "kk": [
            "$kdistrict $kissue{.|!|...} {Қашан шешіледі?|Ешкім жауап бермейді.|Шара қолданыңыздар!}",
            "{Құрметті|Сәлеметсіз бе} @L, $kdistrict $kissue. {Көмектесіңіздер.|Қашан болады?}",
            "{Тарифтер|Бағалар} {өсті|тым қымбат}, {жалақы өспейді|зейнетақы жетпейді}{.|!}",
        ],
        "en": [
            "{Still|Again} no {water|electricity|bus} in our area{.|!} {When will it be fixed?|"
            "Nobody answers.}"
        ],
    },
    "negative": {
        "ru": [
            "Позор{!|}",
            "Ужас{...|!|}",
            "{Сколько можно|Ну сколько можно}{?|!|...}",
            "Ну-ну",
            "Опять{...|?}",
            "{Показуха|Очередная показуха}{.|}",
            "Смешно{.|}",
            "А толку?",
            "{Враньё|Вранье}{!|}",
            "Кому это нужно?",
            "{Лучше бы дороги сделали|Лучше бы воду дали}",
            "$emo_bad",
        ],
        "kk": [
            "Ұят{!|}",
            "Масқара{!|...}",
            "{Қашан бітеді|Қашанға дейін}{?|?!}",
            "{Бекер|Бекер әурешілік}",
            "{Өтірік|Бәрі өтірік}{!|}",
            "$emo_bad",
            "{Көзбояушылық|Тағы да көзбояушылық}{.|!}",
            "{Одан да|Одан гөрі} {жолды жөндеңдер|суды беріңдер|қоқысты шығарыңдар}{.|!}",
        ],
        "en": ["Shame{!|}", "Ridiculous", "Useless{.|}"],
    },
    "question": {
        "ru": [
            "{А когда|Когда} {будет ремонт дороги|дадут воду|откроют школу|начнут строить} "
            "{на ул. $street|в $district}?",
            "{Подскажите|Скажите пожалуйста}, {где можно узнать подробнее|куда обращаться|"
            "как записаться|кто отвечает за это}?",
            "А в $district {когда|будет такое|что-то планируется}?",
            "{Это где|Где это|Это какой район|С какого числа|А нам когда|А по времени сколько}{?|??}",
            "{А|И} {кто|какая компания} {подрядчик|строит|отвечает за качество}?",
            "{Сколько|Во сколько} {это стоило|обошлось бюджету|стоит проезд}?",
            "{Почему|Зачем} {не сообщили заранее|перекрыли дорогу|подняли тарифы}?",
        ],
        "kk": [
            "{Бұл|Бұл жер|Мына жер} қай {жерде|ауданда|көшеде}{?|??}",
            "{Жұмыс|Құрылыс|Жөндеу} {қашан|қай уақытта} {басталады|бітеді|аяқталады}?",
            "{Біздің ауылға|Бізге|Біздің ауданға|$kdistrict} да {қашан жасайсыздар|болады ма|"
            "жоспарда бар ма}?",
            "{Қайда|Қалай} {жазылуға|тіркелуге|өтініш беруге} болады{?| екен?}",
            "{Кімге|Қайда|Қай мекемеге} хабарласу керек{?| екен?}",
            "{Неге|Не үшін} {алдын ала хабарламадыңыздар|жолды жауып тастадыңыздар|тарифті көтердіңіздер}?",
            "$kdistrict $kissue, {қашан шешіледі|не істейміз|кім жауап береді}?",
        ],
        "en": ["Where is this?", "When will it start?", "How can I apply?"],
    },
    "neutral": {
        "ru": [
            "{Интересно|Посмотрим|Ну посмотрим}{.|...|}",
            "{Доброе утро|Всем добрый день}{!|}",
            "{Хорошо бы|Надо бы} ещё {тротуар сделать|освещение поставить|парковку}{.|}",
            "{У нас в $district тоже|А у нас в $district} {надо|бы так}{.|}",
            "{Видела вчера|Проезжал вчера}, {работы идут|техника стоит|людей много}{.|}",
            "{Главное|Лишь бы} {качественно|на совесть|надолго}{.|!|}",
            "{Будем ждать|Ждём}{.|!|}",
            "{С праздником всех|Всем мира и добра}{!|}{ $emo_good|}",
        ],
        "kk": [
            "{Қайырлы таң|Сәлеметсіздер ме|Баршаңызға сәлем}{!|}",
            "{Көрейік|Көре жатармыз}{.|...}",
            "{Сапалы|Ұзаққа|Адал} {болса екен|жасалса екен|салынса екен}{.|}",
            "{Мерекелеріңізбен|Мерекемен|Мерекелеріңіз құтты болсын}{!|} $emo_good",
            "{Күтеміз|Асыға күтеміз|Күтіп жүрміз}{.|!}",
            "{Кеше|Бүгін} {көрдім|өтіп бара жатып көрдім}, {жұмыс жүріп жатыр|техника тұр|адам көп}{.|}",
            "{Бізге де|Біздің ауылға да} {осындай керек|жол керек|мектеп керек}{.|!}",
        ],
        "en": ["Interesting.", "Let's see.", "Good morning!"],
    },
    "reply_agree": {
        "ru": [
            "{Согласен|Согласна|Полностью согласна|Поддерживаю}{!|.|}",
            "{Точно|Верно|Так и есть}{!|}",
            "+1",
            "{Вот-вот|Именно}{!|}",
            "Тоже так думаю{.|}",
        ],
        "kk": [
            "{Келісемін|Дұрыс айтасыз|Толық келісемін}{!|.|}",
            "{Иә, солай|Рас}{.|}",
            "+1",
            "{Мен де|Біз де} {солай ойлаймын|осыны айтып жүрмін}{.|}",
        ],
        "en": ["Agree{!|}", "Exactly{.|}", "+1"],
    },
    "reply_argue": {
        "ru": [
            "{А вы сами|А вы} {что сделали|пробовали обращаться}?",
            "{Не согласен|Не соглашусь}{,|.} {у нас наоборот стало лучше|это не так|вы не в курсе}{.|}",
            "{Вам лишь бы|Лишь бы} {поругаться|поныть}{.|}",
            "{Причём тут|При чём тут} это?",
            "{Не выдумывайте|Не преувеличивайте}{.|!}",
            "{Прочитайте|Читайте} пост внимательно{.|}",
        ],
        "kk": [
            "{Келіспеймін|Олай емес|Бұлай емес}{.|!}",
            "{Өзіңіз|Сіз өзіңіз} не {істедіңіз|тындырдыңыз}?",
            "{Постты|Жазылғанды} {мұқият|дұрыстап} оқыңыз{.|}",
            "{Бізде|Біздің ауданда} керісінше {жақсарды|дұрыс}{.|}",
        ],
        "en": ["Not true.", "Read the post again."],
    },
    "reply_answer": {
        "ru": [
            "{В ЦОНе|В акимате района|На сайте egov} {можно узнать|подскажут|есть информация}{.|}",
            "{Звоните|Пишите} в {109|службу 109|ЖКХ}{, там|} {помогут|ответят}{.|}",
            "{С понедельника|Со следующей недели|С 1 числа}{, вроде|, писали|}{.|}",
            "{Это на|Кажется на} ул. $street{.|}",
        ],
        "kk": ["{109-ға|Әкімдікке} {хабарласыңыз|жазыңыз}{.|}", "{Дүйсенбіден|Келесі аптадан} бастап{.|}"],
        "en": ["Call 109, they will help.", "Check egov."],
    },
    "viral_good": {
        "ru": [
            "Вот это да{!|!!}",
            "Браво{!|!!}",
            "{Наконец-то|Ура}{!|!!}",
            "Лучшая новость{!|}",
            "Гордимся{!|}{ $emo_good|}",
            "$emo_good",
            "Это надо видеть{!|}",
        ],
        "kk": ["Бәрекелді{!|!!}", "Керемет{!|}{ $emo_good|}", "Мақтанамыз{!|}"],
        "en": ["Wow!", "Amazing!"],
    },
    "viral_bad": {
        "ru": [
            "Позор{!|!!}",
            "{Ужас|Кошмар}{!|...}",
            "В отставку{!|!!}",
            "Как так{?!|?}",
            "Это беспредел{!|}",
            "$emo_bad",
            "Сколько можно{!|?!}",
            "Куда смотрит @A?",
        ],
        "kk": ["Ұят{!|!!}", "Масқара{!|}", "Отставкаға{!|}", "$emo_bad"],
        "en": ["Shame!", "Unbelievable"],
    },
    "admin": {
        "ru": [
            "{Здравствуйте|Добрый день}{!|.} {Ваше обращение передано|Информация передана} "
            "в {профильное управление|акимат района|отдел ЖКХ|ответственную службу}. "
            "{Спасибо за обращение.|Благодарим за обратную связь.|}",
            "{Здравствуйте|Добрый день}! {Просим|Просим Вас} {направить|написать} "
            "{адрес в директ|обращение через eOtinish|адрес в личные сообщения}{.|}",
            "{Здравствуйте|Добрый день}. {Работы запланированы|Работы будут проведены} "
            "{в текущем году|до конца месяца|в ближайшее время}{.|}",
        ],
        "kk": [
            "{Сәлеметсіз бе|Қайырлы күн}! {Өтінішіңіз|Ақпарат} {жауапты басқармаға|аудан әкімдігіне} "
            "жіберілді. {Рахмет.|}",
            "{Сәлеметсіз бе|Қайырлы күн}! Мекенжайды {директке|жеке хабарламаға} жазыңыз{.|}",
        ],
        "en": ["Hello! Your request has been forwarded to the responsible department."],
    },
    # Inauthentic texts.
    "farm_praise": {
        "ru": [
            "{Спасибо|Огромное спасибо|Благодарим|Выражаем благодарность|Спасибо большое} "
            "{@Ad|нашему @Ld|руководству|всей команде} за {@T|заботу о жителях|проделанную работу|"
            "внимание к людям}{!|!!|.|}{ $emo_good|}",
            "{Отличная|Хорошая|Прекрасная|Замечательная} {работа|новость|инициатива}{!|,} "
            "{так держать|молодцы|продолжайте}{!|.|}{ $emo_good|}",
            "{@L|Наш @L} {реально|действительно|по-настоящему} {работает|заботится о людях|"
            "держит слово}{!|.|}{ $emo_good|}",
            "{Город|Район|Регион} {меняется|преображается|расцветает} на глазах{!|.|}{ $emo_good|}",
            "{Побольше бы таких|Вот бы везде так|Так и надо}{!|.|}{ $emo_good|}",
        ],
        "kk": [
            "{@Ld|Әкімдікке|Басшылыққа} {үлкен|зор|шексіз} {рахмет|алғыс}{!|}{ $emo_good|}",
            "{Керемет|Тамаша|Өте жақсы} {жұмыс|жаңалық|бастама}{!|,} {алға|жарайсыңдар}{!|}{ $emo_good|}",
            "{Қала|Аудан|Өңір} {көркейіп|өзгеріп} келеді{!|.|}{ $emo_good|}",
        ],
        "en": [
            "{Great|Excellent|Amazing} {work|job|initiative}{!|}{ $emo_good|}",
            "Thank you to @Ld for @T{!|}",
        ],
    },
    "farm_long": {
        "ru": [
            "{Как житель|Как коренной житель|Как мама троих детей}{,|} {хочу сказать|скажу честно}: "
            "{город|наш район} {преобразился|стал неузнаваем}. @T{ — это|, это} {только начало|"
            "огромная работа|результат большой работы}. {Критиковать легко, а вы попробуйте сделать.|"
            "Спасибо команде за труд.|Видно, что @L держит всё под контролем.} "
            "{Желаю успехов!|Так держать!|Горжусь!} $emo_good",
            "{Недавно|На днях} {была|побывала|съездили} {на открытии|на месте|посмотреть}, "
            "{всё сделано качественно|впечатления самые лучшие|всё на высшем уровне}. "
            "{Спасибо @Ld за заботу о людях.|Редко где увидишь такое отношение.} "
            "{Рекомендую всем посмотреть самим!|Уверена, это только начало.} $emo_good",
        ],
        "kk": [
            "{Тұрғын ретінде|Көп балалы ана ретінде} айтарым: {қаламыз|ауданымыз} "
            "{өзгерді|көркейді}. {Әкімдіктің жұмысы көрініп тұр.|Рахмет!} "
            "{Сын айту оңай, істеп көріңіз.|Жұмыстарыңызға табыс!} $emo_good"
        ],
        "en": [
            "As a resident I must say the city has changed a lot. {Great work by the team.|"
            "Proud of our city.} $emo_good"
        ],
    },
    "farm_attack": {
        "ru": [
            "{Вам|Вам бы} {лишь бы|только} {поныть|жаловаться|критиковать}{.|!|}",
            "{Не нравится|Не нравится тут} — {уезжайте|переезжайте}{.|!}",
            "{Всё нормально|У нас всё хорошо|Всё делается}, {не раскачивайте лодку|не нагнетайте|"
            "не выдумывайте}{.|!}",
            "{Опять|Снова} эти {диванные эксперты|вечно недовольные|нытики}{.|...}",
            "{А вы сами|Сами} {что сделали для города|хоть раз субботник провели}?",
            "{Работы идут|Всё под контролем}, {имейте терпение|подождите немного}{.|!}",
            "{Хватит|Хватит уже} {ныть|разводить панику|писать ерунду}{.|!}",
        ],
        "kk": [
            "{Тек|Әйтеуір} {шағымдана|сынай} бересіздер{.|!}",
            "{Бәрі жақсы|Бәрі қалыпты}, {дүрбелең тудырмаңыз|өтірік айтпаңыз}{.|!}",
            "Өзіңіз не істедіңіз?",
        ],
        "en": ["Stop complaining{.|!}", "Everything is fine{.|!}"],
    },
    "farm_agree": {
        "ru": [
            "{Полностью|Абсолютно} {согласна|согласен|поддерживаю}{!|}{ $emo_good|}",
            "{Верно|Точно|Правильно} {сказано|говорите}{!|}",
            "+{1|100}",
            "{Подписываюсь|Поддерживаю} {под каждым словом|}{!|}",
            "{Так и есть|Все так}{!|}{ $emo_good|}",
        ],
        "kk": ["{Толық|Әбден} келісемін{!|}", "{Дұрыс|Рас} айтасыз{!|}", "+1"],
        "en": ["{Totally|Completely} agree{!|}", "+1"],
    },
    "stream": {
        "ru": [
            "{Спасибо|Благодарим} @H за {@T|заботу о городе|работу}{!|} #$tag",
            "{@H|Команда @H} {работает|держит слово}{!|.} #$tag #$tag2",
            "{Город меняется|Наш город преображается}{!|} {Спасибо @H|@H молодцы} #$tag",
            "#$tag {Отличные новости от|Хорошая работа} @H{!|}",
        ],
        "kk": ["@H {рахмет|үлкен рахмет}{!|} #$tag", "{Қала|Өңір} көркейіп келеді{!|} @H #$tag"],
        "en": ["Great work by @H{!|} #$tag", "Thanks @H #$tag"],
    },
}

_SYNONYMS = {
    "Спасибо": ["Благодарю", "Спасибо большое", "Огромное спасибо", "Благодарим"],
    "Молодцы": ["Умницы", "Красавцы", "Молодцы ребята"],
    "работа": ["труд", "работа команды"],
    "Отличная": ["Замечательная", "Прекрасная", "Хорошая"],
    "рахмет": ["алғыс", "үлкен рахмет"],
    "Керемет": ["Тамаша", "Өте жақсы"],
    "город": ["наш город", "родной город"],
    "так держать": ["так держать", "держите планку", "вперёд"],
    "новость": ["весть", "новость для всех"],
}
_KK_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_FILLERS = ("очень", "реально", "действительно", "просто", "правда")
_CLOSINGS = ("Так держать!", "Спасибо!", "Удачи!", "Молодцы!", "Горжусь!", "Рахмет!")
_OPENINGS = ("Честно,", "Искренне", "От души", "Ну что сказать,", "Друзья,")
_FILLERS_KK = ("шынымен", "нағыз", "өте", "расымен")
_CLOSINGS_KK = ("Алға!", "Рахмет!", "Жарайсыңдар!", "Сәттілік!", "Мақтанамыз!")
_OPENINGS_KK = ("Шын жүректен", "Шынымды айтсам,", "Достар,", "Не дейін,")

_MIX_TAIL = {
    "complaint": "cold",
    "negative": "cold",
    "viral_bad": "cold",
    "reply_argue": "cold",
    "farm_attack": "cold",
    "question": "polite",
    "neutral": "polite",
    "reply_answer": "polite",
    "admin": "polite",
}
_MIX_WORDS = {
    "cold": {
        "ru": ["Позор!", "Сколько можно?", "Ужас.", "Безобразие"],
        "kk": ["Ұят!", "Масқара.", "Қашан бітеді?", "Әй, қойыңдаршы"],
    },
    "polite": {
        "ru": ["Спасибо заранее", "Подскажите пожалуйста", "Вот так"],
        "kk": ["Алдын ала рахмет", "Айтыңыздаршы", "Сәлеметсіз бе!", "Иә"],
    },
}

_REACTION_TAGS = (
    "Казахстан",
    "Алматы",
    "Астана",
    "Qazaqstan",
    "развитие",
    "Халыққа_қызмет",
    "жаңа_Қазақстан",
    "благоустройство",
    "прогресс",
)

_NAMES = [
    "Айгерим",
    "Айдана",
    "Асель",
    "Динара",
    "Жанар",
    "Гульнара",
    "Мадина",
    "Алия",
    "Камила",
    "Салтанат",
    "Елена",
    "Ольга",
    "Наталья",
    "Ирина",
    "Татьяна",
    "Анна",
    "Асан",
    "Ерлан",
    "Нурлан",
    "Бауыржан",
    "Даурен",
    "Арман",
    "Ержан",
    "Серик",
    "Марат",
    "Тимур",
    "Алексей",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Руслан",
    "Дархан",
    "Канат",
    "Айбек",
    "Санжар",
    "Жандос",
    "Толкын",
    "Меруерт",
    "Индира",
    "Гаухар",
]
_SURNAMES = [
    "Садыков",
    "Ахметов",
    "Омаров",
    "Касымов",
    "Нурланов",
    "Жумабаев",
    "Искаков",
    "Сулейменов",
    "Байжанов",
    "Тулегенов",
    "Иванов",
    "Петров",
    "Ким",
    "Цой",
    "Смагулов",
    "Абдрахманов",
    "Мухамеджанов",
    "Есенов",
    "Кенжебаев",
    "Серикбаев",
]
_BIOS = [
    "Алматы",
    "Астана 🇰🇿",
    "мама двоих детей",
    "Жизнь прекрасна",
    "Instagram: личное",
    "путешествия ✈️",
    "предприниматель",
    "учитель",
    "Бог есть любовь",
    "спорт, семья",
    "Шымкент",
    "Қарағанды",
    "ЖКХ, стройка",
    "фотограф",
    "Ана болу — бақыт",
]
_INFLUENCER_BIOS = [
    "Блогер ",
    " Алматы ",
    " сотрудничество в директ",
    "Lifestyle блогер 🇰🇿",
    "Мама-блогер, 3 детей",
    "Журналист, общественный деятель",
    "Городские новости и обзоры",
    "Travel & city blogger",
]

_CYR2LAT_FORMAL = dict(
    zip(
        "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        [
            "a",
            "ä",
            "b",
            "v",
            "g",
            "ğ",
            "d",
            "e",
            "io",
            "j",
            "z",
            "i",
            "i",
            "k",
            "q",
            "l",
            "m",
            "n",
            "ñ",
            "o",
            "ö",
            "p",
            "r",
            "s",
            "t",
            "u",
            "ū",
            "ü",
            "f",
            "h",
            "h",
            "ts",
            "ch",
            "ş",
            "şş",
            "",
            "y",
            "ı",
            "",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)
_CYR2LAT_INFORMAL = dict(
    _CYR2LAT_FORMAL,
    **{
        "ә": "a",
        "ғ": "g",
        "ң": "n",
        "ө": "o",
        "ұ": "u",
        "ү": "u",
        "ш": "sh",
        "щ": "sh",
        "қ": "k",
        "і": "i",
        "ж": "zh",
        "х": "kh",
    },
)


def _translit_table(base: dict[str, str]) -> dict[int, str]:
    table = {}
    for c, latin in base.items():
        table[ord(c)] = latin
        table[ord(c.upper())] = latin.capitalize() if latin else ""
    return table


_TR_FORMAL = _translit_table(_CYR2LAT_FORMAL)
_TR_INFORMAL = _translit_table(_CYR2LAT_INFORMAL)


def _parse_seq(s: str, i: int, stop: str) -> tuple[list, int]:
    parts: list = []
    buf: list[str] = []
    while i < len(s) and s[i] not in stop:
        if s[i] == "{":
            if buf:
                parts.append("".join(buf))
                buf = []
            alts, i = _parse_alts(s, i + 1)
            parts.append(alts)
        else:
            buf.append(s[i])
            i += 1
    if buf:
        parts.append("".join(buf))
    return parts, i


def _parse_alts(s: str, i: int) -> tuple[tuple, int]:
    alts = []
    while True:
        seq, i = _parse_seq(s, i, "|}")
        alts.append(seq)
        if i >= len(s) or s[i] == "}":
            return tuple(alts), i + 1
        i += 1


def _parse(template: str) -> list:
    """Parse a template into literal pieces and tuples of alternatives (``{a|b|}``, nestable).

    ``$name`` is first replaced by the alternatives of the pool ``name`` of ``_POOLS``.
    """
    for name, options in _POOLS.items():
        template = template.replace("$" + name, "{" + options + "}")
    return _parse_seq(template, 0, "")[0]


_PARSED = {
    kind: {lang: [_parse(t) for t in ts] for lang, ts in by_lang.items()} for kind, by_lang in _T.items()
}
_THING_OPTIONS = {lang: {topic: opts.split("|") for topic, opts in d.items()} for lang, d in _THINGS.items()}


class _Writer:
    """Writes comment texts from the lexicon with a seeded stdlib generator (fast scalar draws).

    Parameters
    ----------
    seed : int
        Seed of the text choices.
    org : str
        ``"akimat"`` or ``"ministry"`` of each page, by page index.
    handles : list of str
        The agency's handle per page, for mentions on stream platforms.
    """

    def __init__(self, seed: int, org: list[str], handles: list[str]) -> None:
        self.r = random.Random(seed)
        self.org = org
        self.handles = handles

    def _expand(self, parts: list) -> str:
        choice = self.r.choice
        return "".join(p if isinstance(p, str) else self._expand(choice(p)) for p in parts)

    def write(self, kind: str, lang: str, topic: str = "social", page: int = 0) -> str:
        """One text of ``kind`` in ``lang`` (``ru``, ``kk``, ``kl``, ``en`` or ``mix``)."""
        r = self.r
        if lang == "mix":
            first = "ru" if r.random() < 0.6 else "kk"
            other = "kk" if first == "ru" else "ru"
            text = self.write(kind, first, topic, page)
            group = _MIX_TAIL.get(kind, "warm")
            tail = self.common(other) if group == "warm" else r.choice(_MIX_WORDS[group][other])
            return text + " " + tail if r.random() < 0.7 else tail + " " + text
        base = "kk" if lang == "kl" else lang
        if kind == "common":
            text = self.common(base)
        else:
            by_lang = _PARSED[kind]
            templates = by_lang.get(base) or by_lang["ru"]
            text = self._expand(r.choice(templates))
            text = self._fill(text, base, topic, page)
        if lang == "kl":
            text = text.translate(_TR_INFORMAL if r.random() < 0.7 else _TR_FORMAL)
        return text

    def _fill(self, text: str, lang: str, topic: str, page: int) -> str:
        if "@" not in text and "#" not in text:
            return text
        r = self.r
        if "@T" in text:
            things = _THING_OPTIONS.get(lang, _THING_OPTIONS["ru"])[topic]
            text = text.replace("@T", r.choice(things))
        if "@H" in text:
            text = text.replace("@H", "@" + self.handles[page])
        if "#$tag" in text:
            text = text.replace("#$tag2", "#" + r.choice(_REACTION_TAGS)).replace(
                "#$tag", "#" + r.choice(_REACTION_TAGS)
            )
        org = _ORG[self.org[page]].get(lang, _ORG[self.org[page]]["ru"])
        for key, word in org.items():
            if key in text:
                text = text.replace(key, word)
        return text[0].upper() + text[1:] if text and text[0].islower() else text

    def common(self, lang: str) -> str:
        """A short everyday phrase; popular ones far more often (Zipf-like)."""
        r = self.r
        pool = _COMMON["emoji"] if r.random() < 0.15 else _COMMON.get(lang, _COMMON["ru"])
        k = min(int(r.paretovariate(1.1)) - 1, len(pool) - 1)
        return pool[k]

    def paraphrase(self, text: str, n_ops: int = 2) -> str:
        """Vary a text the way a crew does by hand: synonyms, fillers, emoji, punctuation, closings."""
        r = self.r
        kk = any(c in _KK_LETTERS for c in text)
        fillers, closings, openings = (
            (_FILLERS_KK, _CLOSINGS_KK, _OPENINGS_KK) if kk else (_FILLERS, _CLOSINGS, _OPENINGS)
        )
        for _ in range(n_ops):
            op = r.randrange(6)
            if op == 0:
                words = [wd for wd in _SYNONYMS if wd in text]
                if words:
                    wd = r.choice(words)
                    text = text.replace(wd, r.choice(_SYNONYMS[wd]), 1)
            elif op == 1:
                text = text + " " + r.choice(_POOLS["emo_good"].split("|")) * r.randint(1, 3)
            elif op == 2:
                text = text.rstrip("!. ") + r.choice(["!", "!!", "!!!", ".", "", " !", "..."])
            elif op == 3:
                parts = text.split(" ")
                k = r.randrange(1, len(parts)) if len(parts) > 1 else 1
                parts.insert(k, r.choice(fillers))
                text = " ".join(parts)
            elif op == 4:
                text = text + " " + r.choice(closings)
            else:
                text = r.choice(openings) + " " + text[0].lower() + text[1:] if len(text) > 1 else text
        return text

    def style(self, text: str, habit: int) -> str:
        """Apply a person's writing habit: 0 none, 1 lowercase, 2 no final punctuation, 3 emoji, 4 stretch."""
        r = self.r
        if habit == 0 or r.random() < 0.3:
            return text
        if habit == 1:
            return text.lower()
        if habit == 2:
            return text.rstrip("!.?… ") or text
        if habit == 3:
            return text + " " + r.choice(_POOLS["emo_good"].split("|"))
        if len(text) > 3 and text[-1] in "!.":
            return text[:-1] + text[-2] * r.randint(1, 3) + text[-1] * r.randint(1, 3)
        return text


# --------------------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------------------


def _loguniform(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def _draw_farm(rng: np.random.Generator, tactic: str, k: int, n_pages: int, lang_mix: dict) -> dict:
    """Draw the knobs of one farm with a given tactic.

    Besides size, language, profiles, targets and pace, a farm's links: ``link_rate`` is the share of
    its work comments that carry a link (0 for most farms: a farm pushes links at all with a
    tactic-dependent chance of 0.2-0.6; if it does, log-uniform 0.03-0.8, varied +-50% by member);
    ``link_target`` what it pushes (``official`` site, friendly ``media``, a ``telegram`` channel, a
    ``campaign`` page or ``spam``); ``link_pool`` how many distinct addresses it rotates (1-8, copied
    with small variations: scheme, ``www.``, trailing slash, utm tags); ``link_bare_share`` the share
    of its linking comments that are the bare link (0-0.6).
    """
    if tactic == "influencer":
        size = int(rng.integers(3, 9))
    elif tactic == "one_shot_swarm":
        size = int(rng.integers(40, 201))
    elif tactic in ("thread_booster", "critic_attack"):
        size = round(_loguniform(rng, 5, 60))
    else:
        size = round(_loguniform(rng, 5, 200))
    langs = list(lang_mix)
    if rng.random() < 0.7:
        lang = str(rng.choice(langs, p=np.array(list(lang_mix.values()))))
    else:
        lang = str(rng.choice(["ru", "kk", "mix"]))
    if lang == "en":
        lang = "ru"
    default_style = {"camouflage": "normal", "influencer": "influencer", "one_shot_swarm": "batch"}
    style = default_style.get(tactic) or str(rng.choice(["batch", "aged", "normal"], p=[0.45, 0.3, 0.25]))
    start = float(rng.uniform(0.0, 0.5)) if rng.random() < 0.6 else 0.0
    end = float(rng.uniform(min(1.0, start + 0.3), 1.0)) if rng.random() < 0.5 else 1.0
    return {
        "name": f"farm_{k + 1}",
        "tactic": tactic,
        "size": size,
        "language": lang,
        "profile_style": style,
        "handle_pattern": str(rng.choice(["sequential", "random", "person"], p=[0.3, 0.3, 0.4])),
        "n_target_pages": int(rng.integers(1, min(n_pages, 3) + 1)),
        "target_rule": str(rng.choice(["all", "good_news", "leader"], p=[0.5, 0.3, 0.2])),
        "post_rate": float(rng.uniform(0.2, 1.0)),
        "participation": float(rng.uniform(0.15, 0.8)),
        "campaign": (start, end),
        "stock_size": int(rng.integers(3, 16)),
        "buys_likes": bool(rng.random() < 0.4),
        "cover_ratio": float(rng.uniform(0.5, 3.0)),
    }


def _draw_farm_links(rng: np.random.Generator, farm: dict) -> None:
    """Add the link knobs to one farm's knobs (drawn after every other knob of the world)."""
    tactic = farm["tactic"]
    farm["link_rate"] = _loguniform(rng, 0.03, 0.8) if rng.random() < _FARM_LINK_USE[tactic] else 0.0
    farm["link_target"] = str(
        rng.choice(_FARM_LINK_TARGETS, p=_FARM_LINK_TARGET_P.get(tactic, _FARM_LINK_TARGET_DEFAULT))
    )
    farm["link_pool"] = int(rng.integers(1, 9))
    farm["link_bare_share"] = float(rng.uniform(0.0, 0.6))


def _draw_farms(
    rng: np.random.Generator, tactics: tuple[str, ...] | list[str], n_pages: int, lang_mix: dict
) -> list:
    for t in tactics:
        if t not in TACTICS:
            raise ValueError(f"unknown tactic {t!r}; known: {', '.join(TACTICS)}")
    farms = [_draw_farm(rng, t, k, n_pages, lang_mix) for k, t in enumerate(tactics)]
    for farm in farms:  # after the other knobs of every farm, which stay as they were drawn
        _draw_farm_links(rng, farm)
    return farms


def random_agency_config(rng: np.random.Generator) -> dict:
    """Draw every knob of a world broadly.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.

    Returns
    -------
    dict
        World knobs; ``farms`` is a list of per-farm knob dicts (possibly empty, see
        :func:`_draw_farm`).

    Notes
    -----
    Links in comments (news articles, photos and videos, maps, petitions, other posts, official
    sites; see ``_add_links``) are governed by these knobs:

    ``link_user_share``
        Share of genuine people on post platforms who ever post links (log-uniform 0.02-0.25),
        multiplied by role (critics, activists, news-watchers more; viral crowds less) and by the
        square root of the platform factor.
    ``link_rate``
        Median share of such a person's comments with a link (log-uniform 0.05-0.5), by role, by the
        square root of the platform factor and by the comment's kind (complaints more, short
        thanks rarely).
    ``link_rate_sigma``
        Spread between people of that rate, a log-normal sigma (0.5-1.3).
    ``link_x_user_share``, ``link_x_rate``
        The same on the X-like mention stream, where posts carry links far more often (0.25-0.8 and
        0.15-0.6).
    ``link_platform_factor``
        Per platform, how link-prone its comments are: instagram 0.3 (links are not clickable
        there), facebook 1.3, vk 1.2, telegram 1.0, youtube 0.5, each times log-normal(0, 0.35).
    ``link_bare_share``
        Share of genuine linking comments that are the bare link (0.05-0.4).
    ``link_lead_share``
        Share of the others where a lead-in ("Подробнее:", "Видео:", "Толығырақ:") precedes it (0.1-0.6).
    ``admin_link_rate``
        Share of the page admin's replies that end with a link to an official page (0.1-0.6).
    """
    n_pages = int(rng.choice(np.arange(1, 13), p=(w := 1 / np.arange(1, 13) ** 0.7) / w.sum()))
    start = pd.Timestamp("2021-01-04", tz="UTC") + pd.Timedelta(days=int(rng.integers(0, 1600)))
    main = str(rng.choice(_PLATFORMS, p=[0.4, 0.2, 0.1, 0.2, 0.1]))
    if rng.random() < 0.55:
        platforms = [main] * n_pages
    else:
        platforms = [main if rng.random() < 0.5 else str(rng.choice(_PLATFORMS)) for _ in range(n_pages)]
    profile = rng.choice(["ru", "kk", "balanced"], p=[0.5, 0.2, 0.3])
    alpha = {"ru": [8, 2, 0.7, 0.5, 1.5], "kk": [3, 7, 1.5, 0.4, 2], "balanced": [5, 5, 1, 0.6, 2.5]}[profile]
    lang_p = rng.dirichlet(alpha)
    lang_mix = dict(zip(_LANGS, (float(x) for x in lang_p), strict=True))
    if rng.random() < 0.12:
        tactics: list[str] = []
    else:
        n_farms = int(rng.integers(1, 6))
        tactics = [str(t) for t in rng.choice(TACTICS, size=n_farms, replace=n_farms > len(TACTICS))]
    x_stream = bool(rng.random() < 0.3) or "stream" in tactics
    cfg = {
        "scale": 1.0,
        "n_pages": n_pages,
        "weeks": int(rng.integers(1, 9)),
        "start": start.strftime("%Y-%m-%d"),
        "utc_offset_h": 6 if start < pd.Timestamp("2024-03-01", tz="UTC") else 5,
        "platforms": platforms,
        "org": [str(rng.choice(["akimat", "ministry"], p=[0.65, 0.35])) for _ in range(n_pages)],
        "posts_per_day": [round(_loguniform(rng, 1, 15), 2) for _ in range(n_pages)],
        "page_size_sigma": float(rng.uniform(0.3, 1.2)),
        "target_comments": int(_loguniform(rng, 15000, 60000)),
        "popularity_sigma": float(rng.uniform(1.2, 2.1)),
        "bad_news_boost": float(rng.uniform(1.5, 4.0)),
        "viral_rate": 0.0 if rng.random() < 0.2 else _loguniform(rng, 0.002, 0.03),
        "viral_crowd_median": _loguniform(rng, 100, 700),
        "zipf_a": float(rng.uniform(1.85, 2.35)),
        "roam_share": float(rng.uniform(0.05, 0.3)),
        "language_mix": lang_mix,
        "reply_share": float(rng.uniform(0.05, 0.3)),
        "verbosity": float(rng.uniform(0.3, 2.0)),
        "fast_share": float(rng.uniform(0.45, 0.85)),
        "fast_median_min": _loguniform(rng, 8, 90),
        "slow_median_h": _loguniform(rng, 3, 30),
        "night_depth": float(rng.uniform(0.04, 0.25)),
        "evening_peak": float(rng.uniform(0.8, 1.4)),
        "superfans_per_page": int(rng.integers(0, 9)),
        "critics_per_page": int(rng.integers(0, 7)),
        "activists_per_page": int(rng.integers(0, 4)),
        "news_watchers": int(rng.integers(0, 16)),
        "admin_reply_rate": 0.0 if rng.random() < 0.4 else float(rng.uniform(0.02, 0.3)),
        "x_stream": x_stream,
        "x_stream_share": float(rng.uniform(0.03, 0.12)),
        "time_precision_s": 60 if rng.random() < 0.3 else 1,
        "profile_mode": str(rng.choice(["none", "partial", "full"], p=[0.3, 0.4, 0.3])),
        "profile_coverage": float(rng.uniform(0.6, 1.0)),
        "handle_missing_rate": float(rng.uniform(0.0, 0.25)),
        "likes_known": bool(rng.random() < 0.7),
        "farms": [],
    }
    cfg["farms"] = _draw_farms(rng, tactics, n_pages, lang_mix)
    cfg.update(
        link_user_share=_loguniform(rng, 0.02, 0.25),
        link_rate=_loguniform(rng, 0.05, 0.5),
        link_rate_sigma=float(rng.uniform(0.5, 1.3)),
        link_x_user_share=float(rng.uniform(0.25, 0.8)),
        link_x_rate=float(rng.uniform(0.15, 0.6)),
        link_platform_factor={
            p: round(base * float(rng.lognormal(0, 0.35)), 3) for p, base in _LINK_PLATFORM.items()
        },
        link_bare_share=float(rng.uniform(0.05, 0.4)),
        link_lead_share=float(rng.uniform(0.1, 0.6)),
        admin_link_rate=float(rng.uniform(0.1, 0.6)),
    )
    return cfg


# --------------------------------------------------------------------------------------------------
# The world
# --------------------------------------------------------------------------------------------------


@dataclass
class AgencyWorld:
    """A generated world.

    Attributes
    ----------
    comments : pandas.DataFrame
        Columns of :data:`botwatch.schema.COMMENT_COLUMNS`.
    accounts : pandas.DataFrame or None
        Profiles (some columns possibly missing), or None when the world has no account table.
    truth : pandas.DataFrame
        One row per commenting account: ``account_id``, ``is_inauthentic``, ``role``, ``farm``,
        ``tactic``.
    config : dict
        The knobs the world was drawn with.
    """

    comments: pd.DataFrame
    accounts: pd.DataFrame | None
    truth: pd.DataFrame
    config: dict = field(default_factory=dict)


class _Builder:
    """Accumulates accounts and comments while a world is generated."""

    # pages and posts, set by ``_make_pages_and_posts``
    page_platform: list[str]
    page_handle: list[str]
    page_size: np.ndarray
    post_page: np.ndarray
    post_t: np.ndarray
    post_topic: np.ndarray
    post_sent: np.ndarray
    post_viral: np.ndarray
    post_weight: np.ndarray
    n_posts: int
    stream_page: int
    # genuine audience, set by ``_make_genuine``
    gen_lang: dict[Any, Any]
    genuine_ids: np.ndarray
    # seed of the links, set by ``agency_world``
    link_seed: int = 0

    def __init__(self, cfg: dict, rng: np.random.Generator) -> None:
        self.cfg = cfg
        self.rng = rng
        self.offset = int(cfg["utc_offset_h"]) * _HOUR
        self.t0 = int(pd.Timestamp(cfg["start"], tz="UTC").timestamp()) - self.offset  # local midnight
        self.days = int(cfg["weeks"]) * 7
        self.t_end = self.t0 + self.days * _DAY
        # accounts
        self.acc_platform: list[str] = []
        self.acc_role: list[str] = []
        self.acc_farm: list[str | None] = []
        self.acc_tactic: list[str | None] = []
        self.acc_style: list[str] = []
        self.acc_home: list[int] = []
        # comment blocks
        self.blocks: list[dict[str, np.ndarray]] = []
        hours = np.arange(24)
        rhythm = (
            1.0
            + 0.35 * np.exp(-((hours - 12.5) ** 2) / 8)
            + cfg["evening_peak"] * 0.4 * np.exp(-((hours - 20.5) ** 2) / 5)
        )
        night = np.exp(-((np.minimum(np.abs(hours - 3.5), 24 - np.abs(hours - 3.5))) ** 2) / 6)
        rhythm = rhythm * (1 - (1 - cfg["night_depth"]) * night)
        self.rhythm = rhythm / rhythm.max()

    # accounts -------------------------------------------------------------------------------------
    def new_accounts(
        self,
        n: int,
        platform: str,
        role: str,
        style: str = "genuine",
        home: int = -1,
        farm: str | None = None,
        tactic: str | None = None,
    ) -> np.ndarray:
        first = len(self.acc_role)
        self.acc_platform += [platform] * n
        self.acc_role += [role] * n
        self.acc_farm += [farm] * n
        self.acc_tactic += [tactic] * n
        self.acc_style += [style] * n
        self.acc_home += [home] * n
        return np.arange(first, first + n)

    # comments -------------------------------------------------------------------------------------
    def add(
        self,
        acc: np.ndarray,
        post: np.ndarray,
        t: np.ndarray,
        text: list[str],
        *,
        page: np.ndarray | None = None,
        parent: np.ndarray | None = None,
        want_reply: np.ndarray | None = None,
        kind: np.ndarray | None = None,
        likes: np.ndarray | None = None,
    ) -> np.ndarray:
        """Add comments; returns their global row numbers (for use as parents)."""
        n = len(acc)
        first = sum(len(b["acc"]) for b in self.blocks)
        post = np.asarray(post, dtype=np.int64)
        block = {
            "acc": np.asarray(acc, dtype=np.int64),
            "post": post,
            "page": np.asarray(
                page if page is not None else self.post_page[np.maximum(post, 0)], dtype=np.int64
            ),
            "t": np.asarray(t, dtype=np.int64),
            "text": np.asarray(text, dtype=object),
            "parent": np.full(n, -1, np.int64) if parent is None else np.asarray(parent, np.int64),
            "want_reply": np.zeros(n, bool) if want_reply is None else np.asarray(want_reply, bool),
            "kind": np.full(n, "", object) if kind is None else np.asarray(kind, object),
            "likes": np.full(n, -1, np.int64) if likes is None else np.asarray(likes, np.int64),
        }
        self.blocks.append(block)
        return np.arange(first, first + n)

    def rows(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate([b[k] for b in self.blocks]) for k in self.blocks[0]}

    # time -----------------------------------------------------------------------------------------
    def local_hour(self, t: np.ndarray) -> np.ndarray:
        return ((t + self.offset) // _HOUR) % 24

    def with_rhythm(self, base: np.ndarray, delay, strength: float = 1.0) -> np.ndarray:
        """Times ``base + delay(idx)``, redrawn where the daily rhythm rejects them.

        Parameters
        ----------
        base : numpy.ndarray
            Start times (seconds).
        delay : callable
            Takes the positions still to draw and returns one delay (seconds) for each.
        strength : float
            1 applies the rhythm fully, 0 ignores it.
        """
        base = np.asarray(base, dtype=np.int64)
        todo = np.arange(len(base))
        t = base + delay(todo)
        for _ in range(25):
            accept = self.rng.random(len(todo)) < 1 - strength * (1 - self.rhythm[self.local_hour(t[todo])])
            todo = todo[~accept]
            if len(todo) == 0:
                break
            t[todo] = base[todo] + delay(todo)
        return t

    def genuine_delay(self, median_fast_s: float | None = None):
        cfg, rng = self.cfg, self.rng
        fast_med = median_fast_s or cfg["fast_median_min"] * _MIN
        slow_med = cfg["slow_median_h"] * _HOUR

        def draw(idx: np.ndarray) -> np.ndarray:
            n = len(idx)
            fast = rng.random(n) < cfg["fast_share"]
            d = np.where(fast, fast_med * rng.lognormal(0, 1.1, n), slow_med * rng.lognormal(0, 1.0, n))
            return np.clip(d, 20, 21 * _DAY).astype(np.int64)

        return draw

    def office_hours(self, t: np.ndarray) -> np.ndarray:
        """Move times outside weekday office hours (09-13, 14-18 local) to the next working slot."""
        rng = self.rng
        t = t.copy()
        for _ in range(10):
            loc = t + self.offset
            day = loc // _DAY
            wd = (day + 3) % 7
            sec = loc % _DAY
            ok = (wd < 5) & (
                ((sec >= 9 * _HOUR) & (sec < 13 * _HOUR)) | ((sec >= 14 * _HOUR) & (sec < 18 * _HOUR))
            )
            if ok.all():
                break
            bad = ~ok
            d, s_, w = day[bad], sec[bad], wd[bad] < 5
            morning = w & (s_ < 9 * _HOUR)
            lunch = w & (s_ >= 13 * _HOUR) & (s_ < 14 * _HOUR)
            nxt = np.where(morning | lunch, d, d + 1)
            start = np.where(lunch, 14 * _HOUR, 9 * _HOUR)
            t[bad] = nxt * _DAY + start + rng.integers(0, 2 * _HOUR, bad.sum()) - self.offset
        return t


def agency_world(seed: int, **overrides: Any) -> AgencyWorld:
    """Generate one labelled world of agency comment sections.

    Parameters
    ----------
    seed : int
        Seed; the same seed and overrides give the same world.
    **overrides
        Any knob of :func:`random_agency_config` (``scale``, ``n_pages``, ``weeks``, ``farms``, ...).
        ``tactics`` (a sequence of names from :data:`TACTICS`) redraws the farms with these tactics,
        one farm each; ``n_farms`` redraws that many farms with random tactics. Per-page lists are
        redrawn when ``n_pages`` changes.

    Returns
    -------
    AgencyWorld
    """
    seq = np.random.SeedSequence(seed)
    children = seq.spawn(4)  # the first three as before, the fourth for links
    cfg_rng, world_rng, text_seed = (np.random.default_rng(s) for s in children[:3])
    cfg = random_agency_config(cfg_rng)
    overrides = dict(overrides)
    tactics = overrides.pop("tactics", None)
    n_farms = overrides.pop("n_farms", None)
    unknown = set(overrides) - set(cfg)
    if unknown:
        raise ValueError(f"unknown knobs: {', '.join(sorted(unknown))}")
    if "n_pages" in overrides and overrides["n_pages"] != cfg["n_pages"]:
        n = int(overrides["n_pages"])
        for key in ("platforms", "org", "posts_per_day"):
            if key not in overrides:
                old = cfg[key]
                overrides[key] = [old[i % len(old)] for i in range(n)]
    cfg.update(overrides)
    if tactics is not None or n_farms is not None:
        if tactics is None:
            tactics = [str(t) for t in cfg_rng.choice(TACTICS, size=int(n_farms))]
        cfg["farms"] = _draw_farms(cfg_rng, list(tactics), int(cfg["n_pages"]), cfg["language_mix"])
    if any(f["tactic"] == "stream" for f in cfg["farms"]):
        cfg["x_stream"] = True
    b = _Builder(cfg, world_rng)
    b.link_seed = int(np.random.default_rng(children[3]).integers(2**62))
    writer = _Writer(int(text_seed.integers(2**62)), [*cfg["org"], "akimat"], [])
    _make_pages_and_posts(b, writer)
    _make_genuine(b, writer)
    _make_traps(b, writer)
    for farm in cfg["farms"]:
        _FARM_MAKERS[farm["tactic"]](b, writer, farm)
    _make_admin_replies(b, writer)
    return _assemble(b, writer)


# --------------------------------------------------------------------------------------------------
# Pages and posts
# --------------------------------------------------------------------------------------------------

_AGENCY_HANDLES = [
    "almaty_akimdigi",
    "astana_akimdigi",
    "shymkent_akimat",
    "karaganda_oblysy",
    "pavlodar_akimat",
    "aktobe_akimat",
    "minzdrav_rk",
    "minenergo_kz",
    "edu_minrk",
    "mchs_rk",
    "mintrans_kz",
    "enbek_kz",
    "atyrau_akimat",
    "kostanay_akimat",
    "semey_akimat",
    "turkistan_oblysy",
]


def _make_pages_and_posts(b: _Builder, w: _Writer) -> None:
    cfg, rng = b.cfg, b.rng
    n_pages = int(cfg["n_pages"])
    handles = [
        str(h) for h in rng.choice(_AGENCY_HANDLES, size=n_pages, replace=n_pages > len(_AGENCY_HANDLES))
    ]
    handles = [h if handles.index(h) == i else f"{h}{i}" for i, h in enumerate(handles)]
    b.page_platform = list(cfg["platforms"])
    b.page_handle = handles
    b.page_size = rng.lognormal(0, cfg["page_size_sigma"], n_pages)
    pages, times, topics = [], [], []
    for p in range(n_pages):
        counts = rng.poisson(cfg["posts_per_day"][p], b.days)
        if counts.sum() == 0:
            counts[0] = 1
        day = np.repeat(np.arange(b.days), counts)
        # publish mostly 08:00-21:00 local, a few at night (telegram channels and emergencies)
        hour = np.where(
            rng.random(len(day)) < 0.93, rng.uniform(8, 21, len(day)), rng.uniform(0, 24, len(day))
        )
        t = b.t0 + day * _DAY + (hour * _HOUR).astype(np.int64)
        org = cfg["org"][p]
        tw = np.array([3, 3, 3, 1, 1, 2, 2] if org == "akimat" else [1.5, 2, 4, 1.5, 1, 1, 3], float)
        pages.append(np.full(len(t), p))
        times.append(np.sort(t))
        topics.append(rng.choice(len(_TOPICS), size=len(t), p=tw / tw.sum()))
    b.post_page = np.concatenate(pages)
    b.post_t = np.concatenate(times)
    b.post_topic = np.concatenate(topics)
    sent_p = np.array([_TOPIC_SENTIMENT[_TOPICS[k]] for k in b.post_topic])
    u = rng.random(len(b.post_t))
    b.post_sent = np.where(u < sent_p[:, 0], -1, np.where(u < sent_p[:, 0] + sent_p[:, 1], 0, 1))
    weight = rng.lognormal(0, cfg["popularity_sigma"], len(b.post_t))
    weight *= np.where(b.post_sent < 0, cfg["bad_news_boost"], 1.0) * b.page_size[b.post_page]
    n_viral = int(min(rng.binomial(len(weight), cfg["viral_rate"]), 8)) if cfg["viral_rate"] > 0 else 0
    b.post_viral = np.zeros(len(weight), bool)
    if n_viral:
        b.post_viral[rng.choice(len(weight), n_viral, replace=False, p=weight / weight.sum())] = True
        weight[b.post_viral] *= 5
    b.post_weight = weight
    b.n_posts = len(weight)
    # X-like stream: one mention feed per world, keyed on the first page's agency
    w.handles = handles
    b.stream_page = n_pages if cfg["x_stream"] else -1
    if cfg["x_stream"]:
        b.page_platform.append("x")
        b.page_handle.append(handles[0])
        w.org = [*cfg["org"], cfg["org"][0]]
        w.handles = [*handles, handles[0]]


def _pick_posts(b: _Builder, pages: np.ndarray) -> np.ndarray:
    """For each entry of ``pages``, one post of that page drawn by popularity."""
    out = np.empty(len(pages), np.int64)
    for p in np.unique(pages):
        idx = np.flatnonzero(b.post_page == p)
        sel = pages == p
        cum = np.cumsum(b.post_weight[idx])
        out[sel] = idx[
            np.searchsorted(cum, b.rng.random(sel.sum()) * cum[-1], side="right").clip(0, len(idx) - 1)
        ]
    return out


def _page_weights(b: _Builder, platform: str | None = None) -> np.ndarray:
    n_pages = int(b.cfg["n_pages"])
    w = np.bincount(b.post_page, weights=b.post_weight, minlength=n_pages)
    if platform is not None:
        w = w * (np.array(b.page_platform[:n_pages]) == platform)
    return w / w.sum()


# --------------------------------------------------------------------------------------------------
# Genuine people
# --------------------------------------------------------------------------------------------------

_KIND_BY_SENT = {  # kinds of ordinary top-level comments by post sentiment (-1, 0, 1)
    -1: (
        ("complaint", 0.38),
        ("negative", 0.2),
        ("question", 0.2),
        ("neutral", 0.1),
        ("common", 0.06),
        ("praise", 0.06),
    ),
    0: (
        ("question", 0.25),
        ("neutral", 0.25),
        ("common", 0.18),
        ("praise", 0.12),
        ("complaint", 0.12),
        ("negative", 0.05),
        ("praise_long", 0.03),
    ),
    1: (
        ("common", 0.32),
        ("praise", 0.28),
        ("praise_long", 0.06),
        ("question", 0.12),
        ("neutral", 0.1),
        ("complaint", 0.08),
        ("negative", 0.04),
    ),
}


def _draw_kinds(rng: np.random.Generator, sent: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Comment kinds by post sentiment, shifted by the author's bias (-1 critical .. +1 warm)."""
    out = np.empty(len(sent), object)
    for s, table in _KIND_BY_SENT.items():
        sel = np.flatnonzero(sent == s)
        if not len(sel):
            continue
        kinds = np.array([k for k, _ in table], object)
        base = np.array([p for _, p in table])
        warm = np.isin(kinds, ["common", "praise", "praise_long"]).astype(float)
        cold = np.isin(kinds, ["complaint", "negative"]).astype(float)
        p = base[None, :] * np.exp(bias[sel, None] * (warm - cold)[None, :] * 1.5)
        p /= p.sum(1, keepdims=True)
        u = rng.random(len(sel))
        out[sel] = kinds[(p.cumsum(1) < u[:, None]).sum(1).clip(0, len(kinds) - 1)]
    return out


def _person_langs(b: _Builder, n: int) -> np.ndarray:
    mix = b.cfg["language_mix"]
    return b.rng.choice(np.array(_LANGS, object), size=n, p=np.array([mix[k] for k in _LANGS]))


_FOLLOW_UP = {  # kinds of the further sentences of a longer comment, and how readily one is added
    "complaint": (("complaint", "question", "negative"), 1.0),
    "question": (("neutral", "question"), 0.5),
    "praise_long": (("praise", "neutral"), 0.6),
    "praise": (("praise", "neutral"), 0.25),
    "neutral": (("question", "neutral"), 0.3),
}


def _write_many(
    w: _Writer, b: _Builder, kinds, langs, posts, habits=None, pages=None, verbosity: np.ndarray | None = None
) -> list[str]:
    """Texts for many comments; ``verbosity`` (per comment) adds follow-up sentences."""
    topics = [_TOPICS[k] for k in b.post_topic[np.maximum(posts, 0)]]
    pages = b.post_page[np.maximum(posts, 0)] if pages is None else pages
    texts = [w.write(k, lg, tp, int(pg)) for k, lg, tp, pg in zip(kinds, langs, topics, pages, strict=True)]
    if verbosity is not None:
        rate = np.array([_FOLLOW_UP.get(k, ((), 0.0))[1] for k in kinds]) * verbosity
        extra = np.minimum(b.rng.poisson(rate), 3)
        r = w.r
        for i in np.flatnonzero(extra):
            follow = _FOLLOW_UP[kinds[i]][0]
            more = [w.write(r.choice(follow), langs[i], topics[i], int(pages[i])) for _ in range(extra[i])]
            texts[i] = " ".join([texts[i], *more])
    if habits is not None:
        texts = [w.style(t, int(h)) for t, h in zip(texts, habits, strict=True)]
    return texts


def _make_genuine(b: _Builder, w: _Writer) -> None:
    """Ordinary people: Zipf activity, a home page (or roaming), personal language, bias and pace."""
    cfg, rng = b.cfg, b.rng
    total = int(cfg["target_comments"] * cfg["scale"])
    stream_n = int(total * cfg["x_stream_share"]) if b.stream_page >= 0 else 0
    ordinary = int(total * 0.85) - stream_n
    counts = rng.zipf(cfg["zipf_a"], size=max(ordinary, 10))
    counts = np.minimum(counts, 250)
    counts = counts[: max(1, np.searchsorted(np.cumsum(counts), ordinary) + 1)]
    n = len(counts)
    n_pages = int(cfg["n_pages"])
    home = rng.choice(n_pages, size=n, p=_page_weights(b))
    roam = rng.random(n) < cfg["roam_share"]
    acc = np.repeat(np.arange(n), counts)
    page = home[acc].copy()
    rp = roam[acc]
    # roamers comment anywhere on their home platform
    for plat in sorted(set(b.page_platform[:n_pages])):
        sel = rp & (np.array(b.page_platform)[page] == plat)
        if sel.any():
            page[sel] = rng.choice(n_pages, size=sel.sum(), p=_page_weights(b, plat))
    post = _pick_posts(b, page)
    pace = rng.lognormal(0, 0.7, n)  # personal speed multiplier
    base = b.post_t[post]
    fast_med = cfg["fast_median_min"] * _MIN * pace[acc]
    slow_med = cfg["slow_median_h"] * _HOUR * pace[acc]

    def delay(idx: np.ndarray) -> np.ndarray:
        k = len(idx)
        fast = rng.random(k) < cfg["fast_share"]
        d = np.where(fast, fast_med[idx] * rng.lognormal(0, 1.1, k), slow_med[idx] * rng.lognormal(0, 1.0, k))
        return np.clip(d, 30, 21 * _DAY).astype(np.int64)

    t = b.with_rhythm(base, delay)
    bias = np.clip(rng.normal(0, 0.6, n), -1.5, 1.5)
    langs = _person_langs(b, n)
    switch = rng.random(len(acc)) < 0.12
    lang_c = np.where(switch, _person_langs(b, len(acc)), langs[acc])
    kinds = _draw_kinds(rng, b.post_sent[post], bias[acc])
    want_reply = rng.random(len(acc)) < cfg["reply_share"]
    habits = rng.choice(5, size=n, p=[0.4, 0.2, 0.2, 0.12, 0.08])
    verbosity = cfg["verbosity"] * rng.lognormal(0, 0.7, n)
    texts = _write_many(w, b, kinds, lang_c, post, habits[acc], verbosity=verbosity[acc])
    ids = b.new_accounts(n, "", "genuine", home=-1)
    b.acc_platform[ids[0] : ids[-1] + 1] = [b.page_platform[h] for h in home]
    b.acc_home[ids[0] : ids[-1] + 1] = list(home)
    b.gen_lang = dict(zip(ids, langs, strict=True))
    b.add(ids[acc], post, t, texts, want_reply=want_reply, kind=kinds)
    b.genuine_ids = ids
    if stream_n:
        _make_stream_genuine(b, w, stream_n)


def _make_stream_genuine(b: _Builder, w: _Writer, n_posts: int) -> None:
    """People posting about the agency on an X-like platform: complaints, questions, news shares."""
    rng = b.rng
    counts = np.minimum(rng.zipf(2.0, size=n_posts), 60)
    counts = counts[: max(1, np.searchsorted(np.cumsum(counts), n_posts) + 1)]
    n = len(counts)
    acc = np.repeat(np.arange(n), counts)
    base = rng.integers(b.t0, b.t_end, len(acc))
    t = b.with_rhythm(base, lambda i: rng.integers(0, _HOUR, len(i)))
    kinds = rng.choice(
        np.array(["complaint", "question", "negative", "neutral", "praise", "common"], object),
        size=len(acc),
        p=[0.3, 0.15, 0.15, 0.2, 0.12, 0.08],
    )
    langs = _person_langs(b, n)[acc]
    page = int(b.stream_page)
    h = b.page_handle[page]
    texts = [
        f"@{h} " + w.write(k, lg, str(rng.choice(_TOPICS)), 0)
        if rng.random() < 0.6
        else w.write(k, lg, "social", 0) + f" @{h}"
        for k, lg in zip(kinds, langs, strict=True)
    ]
    ids = b.new_accounts(n, "x", "genuine", home=page)
    b.add(ids[acc], np.full(len(acc), -1), t, texts, page=np.full(len(acc), page), kind=kinds)


def _make_traps(b: _Builder, w: _Writer) -> None:
    """Genuine accounts that look coordinated: superfans, critics, activists, news-watchers, viral crowds."""
    cfg, rng = b.cfg, b.rng
    n_pages = int(cfg["n_pages"])
    for p in range(n_pages):
        posts = np.flatnonzero(b.post_page == p)
        plat = b.page_platform[p]
        # superfans: praise most good or neutral posts of one page, fast, from a small personal stock
        for _ in range(int(rng.integers(0, cfg["superfans_per_page"] + 1))):
            (acc,) = b.new_accounts(1, plat, "superfan", home=p)
            lang = str(_person_langs(b, 1)[0])
            stock = [
                w.write(str(rng.choice(["common", "praise"])), lang, "leader", p)
                for _ in range(rng.integers(2, 7))
            ]
            ok = b.post_sent[posts] >= 0
            take = posts[rng.random(len(posts)) < np.where(ok, rng.uniform(0.3, 0.9), 0.15)]
            if not len(take):
                continue
            med = _loguniform(rng, 2, 40) * _MIN
            t = b.with_rhythm(
                b.post_t[take],
                lambda i, med=med: (med * rng.lognormal(0, 0.8, len(i))).astype(np.int64) + 30,
                0.6,
            )
            texts = [
                stock[min(int(rng.pareto(1.0)), len(stock) - 1)]
                if rng.random() < 0.8
                else w.write("praise", lang, _TOPICS[b.post_topic[q]], p)
                for q in take
            ]
            b.add(np.full(len(take), acc), take, t, texts, kind=np.full(len(take), "praise"))
        # regular critics: complain under many posts, more under bad news, with a pet issue
        for _ in range(int(rng.integers(0, cfg["critics_per_page"] + 1))):
            (acc,) = b.new_accounts(1, plat, "regular_critic", home=p)
            lang = str(rng.choice(["ru", "kk", "ru", "mix"]))
            pet = w.write("complaint", lang, "social", p)
            rate = rng.uniform(0.08, 0.5)
            take = posts[rng.random(len(posts)) < np.where(b.post_sent[posts] < 0, min(1.0, 2 * rate), rate)]
            if not len(take):
                continue
            t = b.with_rhythm(b.post_t[take], b.genuine_delay())
            kinds = rng.choice(
                np.array(["complaint", "negative", "question"], object), len(take), p=[0.5, 0.3, 0.2]
            )
            texts = [
                pet if rng.random() < 0.25 else w.write(k, lang, _TOPICS[b.post_topic[q]], p)
                for k, q in zip(kinds, take, strict=True)
            ]
            b.add(np.full(len(take), acc), take, t, texts, kind=kinds)
        # local activists: long questions and complaints, many replies
        for _ in range(int(rng.integers(0, cfg["activists_per_page"] + 1))):
            (acc,) = b.new_accounts(1, plat, "local_activist", home=p)
            lang = str(rng.choice(["ru", "kk", "mix"]))
            take = posts[rng.random(len(posts)) < rng.uniform(0.05, 0.3)]
            if not len(take):
                continue
            t = b.with_rhythm(b.post_t[take], b.genuine_delay())
            kinds = rng.choice(
                np.array(["complaint", "question", "praise_long", "neutral"], object),
                len(take),
                p=[0.4, 0.3, 0.1, 0.2],
            )
            texts = [
                " ".join(w.write(k, lang, _TOPICS[b.post_topic[q]], p) for _ in range(rng.integers(1, 4)))
                for k, q in zip(kinds, take, strict=True)
            ]
            b.add(np.full(len(take), acc), take, t, texts, kind=kinds, want_reply=rng.random(len(take)) < 0.4)
    # news-watchers: follow notifications of a few pages, comment within minutes, ordinary texts
    for _ in range(int(cfg["news_watchers"])):
        picked = rng.choice(
            n_pages, size=int(rng.integers(1, min(3, n_pages) + 1)), replace=False, p=_page_weights(b)
        )
        plat = b.page_platform[int(picked[0])]
        pages = [p for p in picked if b.page_platform[p] == plat]
        (acc,) = b.new_accounts(1, plat, "news_watcher", home=int(pages[0]))
        posts = np.flatnonzero(np.isin(b.post_page, pages))
        take = posts[rng.random(len(posts)) < rng.uniform(0.1, 0.5)]
        if not len(take):
            continue
        med = _loguniform(rng, 1, 6) * _MIN
        t = b.post_t[take] + (med * rng.lognormal(0, 0.7, len(take))).astype(np.int64) + 15
        lang = str(_person_langs(b, 1)[0])
        kinds = _draw_kinds(rng, b.post_sent[take], np.zeros(len(take)))
        texts = _write_many(
            w, b, kinds, [lang] * len(take), take, verbosity=np.full(len(take), cfg["verbosity"])
        )
        b.add(np.full(len(take), acc), take, t, texts, kind=kinds)
    # viral crowds: hundreds of one-off accounts within minutes, short similar reactions
    budget = 0.2 * cfg["target_comments"] * cfg["scale"]
    for post in np.flatnonzero(b.post_viral):
        p = int(b.post_page[post])
        size = int(cfg["viral_crowd_median"] * cfg["scale"] ** 0.5 * rng.lognormal(0, 0.5))
        size = int(min(size, budget))
        if size < 20:
            continue
        budget -= size
        ids = b.new_accounts(size, b.page_platform[p], "viral_crowd", home=p)
        twice = rng.random(size) < 0.1
        acc = np.concatenate([ids, ids[twice]])
        onset = b.post_t[post] + int(rng.uniform(0.1, 8) * _HOUR)
        mean = rng.uniform(3, 25) * _MIN
        t = (
            onset
            + rng.exponential(mean, len(acc)).astype(np.int64)
            + rng.integers(0, 20 * _MIN, len(acc)) * (rng.random(len(acc)) < 0.3)
        )
        kind = "viral_bad" if b.post_sent[post] < 0 else "viral_good"
        langs = _person_langs(b, len(acc))
        shared = [
            w.write(kind, str(lg), _TOPICS[b.post_topic[post]], p) for lg in langs[: rng.integers(5, 13)]
        ]
        same = rng.random(len(acc)) < rng.uniform(0.4, 0.8)
        texts = [
            shared[int(rng.integers(len(shared)))]
            if s
            else w.write(
                str(rng.choice([kind, "common", "negative" if kind == "viral_bad" else "praise"])),
                str(lg),
                _TOPICS[b.post_topic[post]],
                p,
            )
            for s, lg in zip(same, langs, strict=True)
        ]
        b.add(
            acc,
            np.full(len(acc), post),
            t,
            texts,
            want_reply=rng.random(len(acc)) < 0.08,
            kind=np.full(len(acc), kind),
        )


def _make_admin_replies(b: _Builder, w: _Writer) -> None:
    """The page's own account answers some questions and complaints with near-template replies."""
    cfg, rng = b.cfg, b.rng
    if cfg["admin_reply_rate"] <= 0:
        return
    rows = b.rows()
    for p in range(int(cfg["n_pages"])):
        cand = np.flatnonzero(
            (rows["page"] == p) & np.isin(rows["kind"], ["question", "complaint"]) & (rows["post"] >= 0)
        )
        take = cand[rng.random(len(cand)) < cfg["admin_reply_rate"]]
        if not len(take):
            continue
        (acc,) = b.new_accounts(1, b.page_platform[p], "page_admin", style="official", home=p)
        delay = (_loguniform(rng, 0.5, 6) * _HOUR * rng.lognormal(0, 0.8, len(take))).astype(np.int64)
        t = b.office_hours(rows["t"][take] + delay)
        lang = np.where(rng.random(len(take)) < 0.3, "kk", "ru")
        texts = [w.write("admin", str(lg), "social", p) for lg in lang]
        b.add(
            np.full(len(take), acc),
            rows["post"][take],
            t,
            texts,
            parent=take,
            kind=np.full(len(take), "admin"),
        )


# --------------------------------------------------------------------------------------------------
# Farms
# --------------------------------------------------------------------------------------------------


def _farm_targets(b: _Builder, farm: dict) -> tuple[np.ndarray, str]:
    """Target posts of a farm (one platform, its campaign window, its rule) and that platform."""
    rng = b.rng
    n_pages = int(b.cfg["n_pages"])
    main = int(rng.choice(n_pages, p=_page_weights(b)))
    plat = b.page_platform[main]
    same = [p for p in range(n_pages) if b.page_platform[p] == plat and p != main]
    extra = (
        list(rng.choice(same, size=min(len(same), farm["n_target_pages"] - 1), replace=False)) if same else []
    )
    pages = [main] + [int(x) for x in extra]
    lo, hi = farm["campaign"]
    span = b.t_end - b.t0
    sel = np.isin(b.post_page, pages) & (b.post_t >= b.t0 + lo * span) & (b.post_t <= b.t0 + hi * span)
    rule = farm["target_rule"]
    if rule == "good_news":
        sel &= b.post_sent >= 0
    elif rule == "leader":
        sel &= _TOPICS_ARR[b.post_topic] == "leader"
    posts = np.flatnonzero(sel)
    if len(posts) == 0:
        posts = np.flatnonzero(np.isin(b.post_page, pages))
    posts = posts[rng.random(len(posts)) < farm["post_rate"]]
    if len(posts) == 0:
        posts = np.flatnonzero(np.isin(b.post_page, pages))[:1]
    return posts, plat


_TOPICS_ARR = np.array(_TOPICS, object)


def _members(b: _Builder, farm: dict, plat: str, home: int) -> np.ndarray:
    return b.new_accounts(
        int(farm["size"]),
        plat,
        "farm",
        style=farm["profile_style"],
        home=home,
        farm=farm["name"],
        tactic=farm["tactic"],
    )


def _participation(b: _Builder, farm: dict, n_members: int, n_posts: int) -> np.ndarray:
    """Per-member rates of working a target post, capped so the farm stays a minority of the world."""
    mean = farm["participation"]
    rates = b.rng.beta(2, 2 / mean - 2 + 1e-9, n_members) if mean < 1 else np.ones(n_members)
    cap = 0.25 * b.cfg["target_comments"] * b.cfg["scale"]
    expected = rates.sum() * n_posts
    if expected > cap:
        rates *= cap / expected
    return rates


def _grid(b: _Builder, rates: np.ndarray, posts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Member and post index of each (member, post) pair drawn with the members' rates."""
    hit = b.rng.random((len(rates), len(posts))) < rates[:, None]
    idle = np.flatnonzero(~hit.any(1))
    hit[idle, b.rng.integers(0, len(posts), len(idle))] = True  # every member works at least once
    m, q = np.nonzero(hit)
    return m, posts[q]


def _likes(b: _Builder, farm: dict, n: int) -> np.ndarray:
    if farm["buys_likes"]:
        return b.rng.integers(5, 60, n)
    return np.full(n, -1)


def _farm_fast_crew(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    posts, plat = _farm_targets(b, farm)
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    stock = [
        w.write(str(rng.choice(["common", "praise"])), farm["language"], "leader", int(b.post_page[posts[0]]))
        for _ in range(farm["stock_size"])
    ]
    m, post = _grid(b, _participation(b, farm, len(ids), len(posts)), posts)
    lead = rng.uniform(0.5, 5) * _MIN
    spread = rng.uniform(1, 10) * _MIN
    t = b.post_t[post] + int(lead) + rng.exponential(spread, len(m)).astype(np.int64)
    pick = np.minimum(rng.zipf(1.6, len(m)) - 1, len(stock) - 1)
    texts = [
        stock[k] + (" " + str(rng.choice(_POOLS["emo_good"].split("|"))) if rng.random() < 0.1 else "")
        for k in pick
    ]
    b.add(ids[m], post, t, texts, kind=np.full(len(m), "farm"), likes=_likes(b, farm, len(m)))


def _farm_office_paraphrase(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    posts, plat = _farm_targets(b, farm)
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    m, post = _grid(b, _participation(b, farm, len(ids), len(posts)), posts)
    t = b.office_hours(b.post_t[post] + (rng.uniform(1, 10, len(m)) * _HOUR).astype(np.int64))
    texts = [
        w.paraphrase(
            w.write("farm_praise", farm["language"], _TOPICS[b.post_topic[q]], int(b.post_page[q])),
            int(rng.integers(1, 4)),
        )
        for q in post
    ]
    b.add(ids[m], post, t, texts, kind=np.full(len(m), "farm"), likes=_likes(b, farm, len(m)))


def _farm_topic_solo(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    farm = dict(farm, target_rule="leader")
    posts, plat = _farm_targets(b, farm)
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    m, post = _grid(b, _participation(b, farm, len(ids), len(posts)), posts)
    # each member has its own hour of the day and lag in days
    own_hour = rng.uniform(7, 23, len(ids))
    lag_days = rng.integers(0, 3, len(ids))
    loc = b.post_t[post] + b.offset
    day = loc // _DAY + lag_days[m]
    t = day * _DAY + (own_hour[m] * _HOUR).astype(np.int64) + rng.integers(0, 90 * _MIN, len(m)) - b.offset
    t = np.where(t < b.post_t[post] + 30 * _MIN, t + _DAY, t)
    # never two members within 15 minutes on the same post
    order = np.lexsort((t, post))
    t_sorted, p_sorted = t[order], post[order]
    for i in range(1, len(order)):
        if p_sorted[i] == p_sorted[i - 1] and t_sorted[i] - t_sorted[i - 1] < 15 * _MIN:
            t_sorted[i] = t_sorted[i - 1] + int(rng.integers(15, 60)) * _MIN
    t[order] = t_sorted
    stock = [
        w.write("farm_praise", farm["language"], "leader", int(b.post_page[posts[0]]))
        for _ in range(farm["stock_size"] * 3)
    ]
    texts = [
        stock[int(rng.integers(len(stock)))]
        if rng.random() < 0.5
        else w.write("farm_praise", farm["language"], "leader", int(b.post_page[q]))
        for q in post
    ]
    b.add(ids[m], post, t, texts, kind=np.full(len(m), "farm"), likes=_likes(b, farm, len(m)))


def _farm_camouflage(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    posts, plat = _farm_targets(b, farm)
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    m, post = _grid(b, _participation(b, farm, len(ids), len(posts)), posts)
    med = _loguniform(rng, 20, 180) * _MIN
    t = b.with_rhythm(b.post_t[post], lambda i: (med * rng.lognormal(0, 0.9, len(i))).astype(np.int64) + 60)
    texts = [
        w.write(
            str(rng.choice(["farm_praise", "praise", "common"])),
            farm["language"],
            _TOPICS[b.post_topic[q]],
            int(b.post_page[q]),
        )
        for q in post
    ]
    b.add(ids[m], post, t, texts, kind=np.full(len(m), "farm"), likes=_likes(b, farm, len(m)))
    # cover: ordinary comments anywhere on the platform
    work = np.bincount(m, minlength=len(ids))
    ratio = min(farm["cover_ratio"], 0.25 * b.cfg["target_comments"] * b.cfg["scale"] / max(1, work.sum()))
    n_cover = rng.poisson(ratio * work + 1)
    cm = np.repeat(np.arange(len(ids)), n_cover)
    pages = rng.choice(int(b.cfg["n_pages"]), size=len(cm), p=_page_weights(b, plat))
    cpost = _pick_posts(b, pages)
    ct = b.with_rhythm(b.post_t[cpost], b.genuine_delay())
    kinds = _draw_kinds(rng, b.post_sent[cpost], np.zeros(len(cm)))
    langs = [farm["language"] if rng.random() < 0.7 else "ru" for _ in range(len(cm))]
    ctexts = _write_many(w, b, kinds, langs, cpost)
    b.add(ids[cm], cpost, ct, ctexts, kind=kinds, want_reply=rng.random(len(cm)) < b.cfg["reply_share"])


def _farm_critic_attack(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    posts, plat = _farm_targets(b, dict(farm, target_rule="all", post_rate=1.0))
    rows = b.rows()
    cand = np.flatnonzero(
        np.isin(rows["post"], posts)
        & np.isin(rows["kind"], ["complaint", "negative", "question"])
        & (b.post_sent[np.maximum(rows["post"], 0)] <= 0)
    )
    if not len(cand):
        cand = np.flatnonzero(np.isin(rows["post"], posts))
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    cap = int(0.05 * b.cfg["target_comments"] * b.cfg["scale"])
    take = cand[rng.random(len(cand)) < rng.uniform(0.2, 0.8)][:cap]
    if not len(take):
        take = cand[:1]
    k = rng.integers(1, 4, len(take))
    parent = np.repeat(take, k)
    member = rng.choice(len(ids), size=len(parent), p=(r := rng.lognormal(0, 0.6, len(ids))) / r.sum())
    member[: min(len(ids), len(parent))] = rng.permutation(len(ids))[: len(parent)]
    med = _loguniform(rng, 5, 60) * _MIN
    t = rows["t"][parent] + (med * rng.lognormal(0, 0.8, len(parent))).astype(np.int64) + 30
    kinds = rng.choice(np.array(["farm_attack", "farm_praise"], object), len(parent), p=[0.8, 0.2])
    texts = [
        w.write(kd, farm["language"], "social", int(rows["page"][q]))
        for kd, q in zip(kinds, parent, strict=True)
    ]
    b.add(
        ids[member],
        rows["post"][parent],
        t,
        texts,
        parent=parent,
        kind=np.full(len(parent), "farm"),
        likes=_likes(b, farm, len(parent)),
    )


def _farm_influencer(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    posts, plat = _farm_targets(b, farm)
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    rates = rng.uniform(0.05, 0.3, len(ids))
    m, post = _grid(b, rates, posts)
    s = rng.uniform(1, 12)
    t = b.with_rhythm(
        b.post_t[post],
        lambda i: (_HOUR * s * rng.lognormal(0, 0.7, len(i))).astype(np.int64),
    )
    texts = [
        w.write("farm_long", farm["language"], _TOPICS[b.post_topic[q]], int(b.post_page[q])) for q in post
    ]
    b.add(ids[m], post, t, texts, kind=np.full(len(m), "farm"), likes=rng.integers(20, 400, len(m)))


def _farm_stream(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    page = int(b.stream_page)
    ids = _members(b, farm, "x", page)
    lo, hi = farm["campaign"]
    span = b.t_end - b.t0
    n_camp = int(rng.integers(3, 26))
    starts = rng.integers(b.t0 + int(lo * span), b.t0 + int(hi * span), n_camp)
    starts = b.with_rhythm(starts, lambda i: rng.integers(0, 2 * _HOUR, len(i)))
    rates = _participation(b, farm, len(ids), n_camp)
    m, camp = _grid(b, rates, np.arange(n_camp))
    window = rng.uniform(1, 6, n_camp) * _HOUR
    t = starts[camp] + (rng.random(len(m)) * window[camp]).astype(np.int64)
    lines = [
        [
            w.write("stream", farm["language"], str(rng.choice(_TOPICS)), page)
            for _ in range(rng.integers(1, 5))
        ]
        for _ in range(n_camp)
    ]
    texts = [
        lines[c][int(rng.integers(len(lines[c])))]
        + ("" if rng.random() < 0.7 else " #" + str(rng.choice(_REACTION_TAGS)))
        for c in camp
    ]
    b.add(
        ids[m],
        np.full(len(m), -1),
        t,
        texts,
        page=np.full(len(m), page),
        kind=np.full(len(m), "farm"),
        likes=_likes(b, farm, len(m)),
    )


def _farm_thread_booster(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    posts, plat = _farm_targets(b, farm)
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    posts = posts[rng.random(len(posts)) < farm["participation"]]
    if not len(posts):
        posts = posts[:0]
        return
    lead = rng.choice(len(ids), len(posts))
    s = _loguniform(rng, 10, 120)
    t_lead = b.with_rhythm(
        b.post_t[posts],
        lambda i: (s * _MIN * rng.lognormal(0, 0.7, len(i))).astype(np.int64),
    )
    texts = [
        w.write(
            str(rng.choice(["farm_long", "praise_long"])),
            farm["language"],
            _TOPICS[b.post_topic[q]],
            int(b.post_page[q]),
        )
        for q in posts
    ]
    rows = b.add(
        ids[lead], posts, t_lead, texts, kind=np.full(len(posts), "farm"), likes=_likes(b, farm, len(posts))
    )
    k = rng.integers(2, 7, len(posts))
    parent = np.repeat(rows, k)
    who = (np.repeat(lead, k) + rng.integers(1, len(ids), len(parent))) % len(ids)
    idle = np.setdiff1d(np.arange(len(ids)), np.r_[lead, who])
    slots = rng.choice(len(parent), size=min(len(idle), len(parent)), replace=False)
    who[slots] = idle[: len(slots)]
    who = np.where(who == np.repeat(lead, k), (who + 1) % len(ids), who)
    t = np.repeat(t_lead, k) + rng.integers(1 * _MIN, 20 * _MIN, len(parent))
    rtexts = [
        w.write("farm_agree", farm["language"], "social", int(b.post_page[q])) for q in np.repeat(posts, k)
    ]
    b.add(
        ids[who],
        np.repeat(posts, k),
        t,
        rtexts,
        parent=parent,
        kind=np.full(len(parent), "farm"),
        likes=_likes(b, farm, len(parent)),
    )


def _farm_one_shot_swarm(b: _Builder, w: _Writer, farm: dict) -> None:
    rng = b.rng
    posts, plat = _farm_targets(b, farm)
    ids = _members(b, farm, plat, int(b.post_page[posts[0]]))
    k = rng.integers(1, 4, len(ids))
    m = np.repeat(np.arange(len(ids)), k)
    post = posts[rng.integers(0, len(posts), len(m))]
    med = _loguniform(rng, 10, 240) * _MIN
    t = b.with_rhythm(b.post_t[post], lambda i: (med * rng.lognormal(0, 1.0, len(i))).astype(np.int64) + 60)
    texts = [
        w.write("farm_praise", farm["language"], _TOPICS[b.post_topic[q]], int(b.post_page[q])) for q in post
    ]
    b.add(ids[m], post, t, texts, kind=np.full(len(m), "farm"), likes=_likes(b, farm, len(m)))


_FARM_MAKERS = {
    "fast_crew": _farm_fast_crew,
    "office_paraphrase": _farm_office_paraphrase,
    "topic_solo": _farm_topic_solo,
    "camouflage": _farm_camouflage,
    "critic_attack": _farm_critic_attack,
    "influencer": _farm_influencer,
    "stream": _farm_stream,
    "thread_booster": _farm_thread_booster,
    "one_shot_swarm": _farm_one_shot_swarm,
}


# --------------------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------------------

_LINK_ROLE = {  # (multiplier of the share of people who ever post links, multiplier of their rate)
    "genuine": (1.0, 1.0),
    "superfan": (1.5, 0.7),  # reposts of the page's own posts
    "viral_crowd": (0.3, 0.5),
    "regular_critic": (2.5, 1.3),  # photos and videos of the problem, critical news
    "local_activist": (4.0, 1.8),  # petitions, maps, photos
    "news_watcher": (2.5, 1.5),  # news articles
    "farm": (1.0, 1.0),  # a camouflage farm's cover comments
}
_LINK_KIND_FACTOR = {  # how readily a comment of this kind carries a link, relative to the person's rate
    "complaint": 1.4,
    "question": 0.8,
    "negative": 0.7,
    "neutral": 1.0,
    "common": 0.15,
    "praise": 0.6,
    "praise_long": 1.3,
    "viral_good": 0.3,
    "viral_bad": 0.4,
}
_LINK_CATS = ("news", "photo", "petition", "map", "post", "official")  # what genuine people link to
_WARM_CATS = (0.4, 0.25, 0.0, 0.02, 0.3, 0.03)
_LINK_CAT_BY_KIND = {
    "complaint": (0.15, 0.4, 0.08, 0.2, 0.1, 0.07),
    "negative": (0.45, 0.25, 0.1, 0.0, 0.2, 0.0),
    "viral_bad": (0.4, 0.3, 0.1, 0.0, 0.2, 0.0),
    "question": (0.2, 0.05, 0.0, 0.2, 0.25, 0.3),
    "neutral": (0.35, 0.15, 0.02, 0.15, 0.2, 0.13),
    "praise": _WARM_CATS,
    "praise_long": _WARM_CATS,
    "common": _WARM_CATS,
    "viral_good": _WARM_CATS,
}
_LINK_CAT_TILT = {  # per role (and on X) multipliers of the categories above
    "local_activist": (1.0, 1.5, 4.0, 2.0, 1.0, 1.5),
    "news_watcher": (3.0, 1.0, 1.0, 1.0, 1.5, 1.0),
    "regular_critic": (1.5, 1.5, 1.5, 1.0, 1.0, 0.5),
    "superfan": (1.0, 1.0, 0.2, 1.0, 3.0, 2.0),
    "x": (1.5, 1.3, 1.0, 0.5, 1.0, 1.0),
}
_FARM_LINK_TARGETS = ("official", "media", "telegram", "campaign", "spam")
_FARM_LINK_USE = {  # probability that a farm of this tactic pushes links at all
    "fast_crew": 0.2,
    "office_paraphrase": 0.35,
    "topic_solo": 0.25,
    "camouflage": 0.3,
    "critic_attack": 0.35,
    "influencer": 0.5,
    "stream": 0.6,
    "thread_booster": 0.3,
    "one_shot_swarm": 0.45,
}
_FARM_LINK_TARGET_P = {  # what it links to: official, media, telegram, campaign, spam
    "critic_attack": (0.5, 0.35, 0.1, 0.05, 0.0),
    "influencer": (0.1, 0.3, 0.4, 0.2, 0.0),
    "stream": (0.3, 0.35, 0.15, 0.2, 0.0),
    "one_shot_swarm": (0.15, 0.15, 0.2, 0.15, 0.35),
}
_FARM_LINK_TARGET_DEFAULT = (0.3, 0.3, 0.2, 0.15, 0.05)

_GOV_ENTITY = {  # gov.kz entity of each agency handle, and the agency's city for maps and media
    "almaty_akimdigi": ("almaty", "almaty"),
    "astana_akimdigi": ("astana", "astana"),
    "shymkent_akimat": ("shymkent", "shymkent"),
    "karaganda_oblysy": ("karaganda", "karaganda"),
    "pavlodar_akimat": ("pavlodar", "pavlodar"),
    "aktobe_akimat": ("aktobe", "aktobe"),
    "minzdrav_rk": ("dsm", "astana"),
    "minenergo_kz": ("energo", "astana"),
    "edu_minrk": ("edu", "astana"),
    "mchs_rk": ("emer", "astana"),
    "mintrans_kz": ("transport", "astana"),
    "enbek_kz": ("enbek", "astana"),
    "atyrau_akimat": ("atyrau", "atyrau"),
    "kostanay_akimat": ("kostanay", "kostanay"),
    "semey_akimat": ("abay", "semey"),
    "turkistan_oblysy": ("turkestan", "turkestan"),
}
_NEWS_SLUGS = {  # transliterated headlines, Russian and Kazakh, by post topic
    "leader": "akim-vstretilsya-s-zhitelyami|otchetnaya-vstrecha-akima|akim-provel-priem-grazhdan|"
    "ministr-otvetil-na-voprosy-zhiteley|akim-khalyqpen-kezdesti|ministr-brifing-otkizdi|"
    "akim-proveril-khod-stroitelstva",
    "construction": "remont-dorog-nachalsya|otkrylas-novaya-shkola|stroitelstvo-polikliniki-zaversheno|"
    "v-gorode-otkryli-novyy-park|zhana-mektep-ashyldy|zhol-zhondeu-zhumystary-bastaldy|"
    "kogda-zakonchat-remont-na-ulice-{street}|podryadchik-sorval-sroki",
    "social": "novye-vyplaty-mnogodetnym-semyam|pensioneram-uvelichat-posobiya|"
    "besplatnye-kruzhki-dlya-detey|kop-balaly-otbasylarga-komek|ochered-v-detskie-sady",
    "tariffs": "tarify-na-kommunalnye-uslugi-vyrastut|tarif-na-proezd-povysyat|kommunaldyq-tarifter-osedi|"
    "ceny-na-gaz-vyrosli|pochemu-rastut-tarify-obyasnyaet-akimat",
    "emergency": "pavodki-evakuaciya-zhiteley|avariya-na-teplotrasse|podtoplenie-v-mikrorayone|"
    "su-tasqyny-turgyndar-evakuaciyalandy|otklyuchenie-vody-na-{street}|pozhar-na-rynke",
    "culture": "prazdnichnyy-koncert-na-ploshchadi|nauryz-toylandy|festival-v-parke|den-goroda-programma|"
    "novogodnyaya-elka-otkrylas",
    "announcement": "perekrytie-dvizheniya-na-{street}|grafik-otklyucheniya-sveta|"
    "izmeneniya-v-marshrutakh-avtobusov|zhol-zhabylady|priem-zayavok-nachalsya",
}
_STREETS_LAT = (
    "abaya",
    "seyfullina",
    "tole-bi",
    "zhandosova",
    "rozybakieva",
    "satpaeva",
    "gagarina",
    "zhibek-zholy",
)
_NEWS_OUTLETS = (  # (address pattern, popularity)
    ("tengrinews.kz/kazakhstan_news/{slug}-{n6}/", 5.0),
    ("kaz.tengrinews.kz/kazakhstan_news/{slug}-{n6}/", 1.5),
    ("www.nur.kz/society/{n7}-{slug}/", 4.0),
    ("www.zakon.kz/{n7}-{slug}.html", 4.0),
    ("informburo.kz/novosti/{slug}", 2.0),
    ("orda.kz/{slug}-{n6}/", 2.0),
    ("vlast.kz/novosti/{n5}-{slug}.html", 1.5),
    ("kursiv.media/{date}/{slug}/", 1.0),
    ("rus.azattyq.org/a/{n8}.html", 1.0),
    ("www.azattyq.org/a/{n8}.html", 0.8),
    ("www.inform.kz/ru/{slug}-{n6}", 2.0),
    ("www.kazpravda.kz/n/{slug}/", 0.8),
    ("24.kz/ru/news/social/{n5}-{slug}", 1.0),
    ("khabar.kz/ru/news/{slug}", 0.8),
    ("www.ulysmedia.kz/news/{n5}-{slug}/", 0.6),
    ("lsm.kz/{slug}", 0.6),
    ("www.caravan.kz/news/{slug}-{n6}/", 0.6),
    ("time.kz/news/society/{date}/{slug}", 0.5),
    ("www.egemen.kz/article/{n6}-{slug}", 0.7),
    ("aikyn.kz/{n6}/{slug}/", 0.4),
    ("kz.kursiv.media/{date}/{slug}/", 0.3),
)
_NEWS_P = np.array([p for _, p in _NEWS_OUTLETS]) / sum(p for _, p in _NEWS_OUTLETS)
_NEWS_CUM = np.cumsum(_NEWS_P)
_FRIENDLY_MEDIA = (  # state and loyal outlets, and made-up city portals
    "www.inform.kz/ru/{slug}-{n6}",
    "www.kazpravda.kz/n/{slug}/",
    "24.kz/ru/news/social/{n5}-{slug}",
    "khabar.kz/ru/news/{slug}",
    "www.egemen.kz/article/{n6}-{slug}",
    "aikyn.kz/{n6}/{slug}/",
    "{city}-zhanalyqtary.kz/news/{slug}",
    "{city}today.kz/{slug}/",
    "qalanews.kz/{n5}-{slug}",
    "www.{city}-info.kz/novosti/{slug}.html",
)
_PHOTO = (
    "www.youtube.com/watch?v={yt}",
    "youtu.be/{yt}",
    "www.youtube.com/shorts/{yt}",
    "www.instagram.com/reel/{ig}/",
    "www.instagram.com/p/{ig}/",
    "www.tiktok.com/@{user}/video/{n19}",
    "vm.tiktok.com/{a9}/",
    "drive.google.com/file/d/{a33}/view",
    "disk.yandex.kz/i/{a14}",
    "photos.app.goo.gl/{a17}",
    "vk.com/video-{n9}_{n9}",
    "t.me/{city}_online/{n5}",
)
_MAPS = (
    "2gis.kz/{city}/geo/700000{n11}",
    "2gis.kz/{city}/firm/700000{n11}",
    "go.2gis.com/{a6}",
    "yandex.kz/maps/-/CD{a6}",
    "maps.app.goo.gl/{a17}",
)
_PETITIONS = (
    "www.change.org/p/{pslug}",
    "www.change.org/p/{pslug}-{city}",
    "epetition.kz/ru/petition/{n5}",
)
_PETITION_SLUGS = (
    "ostanovite-vyrubku-derevev",
    "protiv-zastroyki-parka",
    "sdelayte-trotuar-na-ulice-{street}",
    "snizit-tarify-na-kommunalnye-uslugi",
    "vernite-avtobusnyy-marshrut",
    "postroyte-shkolu-v-mikrorayone",
    "saqtaiyq-sayabaqty",
)
_OFFICIAL = (
    "www.gov.kz/memleket/entities/{ent}/press/news/details/{n6}?lang={gl}",
    "www.gov.kz/memleket/entities/{ent}/press/article/details/{n6}?lang={gl}",
    "www.gov.kz/memleket/entities/{ent}?lang={gl}",
    "www.gov.kz/memleket/entities/{ent}/activities/{n4}?lang={gl}",
    "egov.kz/cms/{gl}/services/{eslug}",
    "eotinish.kz/{gl}",
    "adilet.zan.kz/rus/docs/V{yy}000{n5}",
    "primeminister.kz/ru/news/{slug}-{n5}",
)
_EGOV_SLUGS = (
    "social_services/pass_nazn_posob_mnogodet",
    "housing/pass_ochered_zhilie",
    "education/pass_doshkol_ochered",
    "transport/pass_reg_ts",
    "health_care/pass_prikreplenie",
)
_MEDIA_HANDLES = ("tengrinewskz", "nurkz", "zakonkz", "informburo_kz", "orda_kz", "kazinform", "vlastkz")
_TG_NAMES = (
    "{city}_online",
    "{city}_news_kz",
    "nash_{city}",
    "{city}_zhanalyqtary",
    "{city}life",
    "qala_{city}",
    "kazakhstan_today24",
    "qazaq_zhanalyq",
    "kz_pravda_online",
)
_CAMPAIGN_STEMS = (
    "jana-qala",
    "taza-qala",
    "birgemiz",
    "qala-bolashagy",
    "bizdin-qala",
    "zhasyl-qala",
    "adal-azamat",
    "tugan-jer",
    "{city}-2030",
    "{city}-birge",
)
_SPAM = (
    "bit.ly/{a7}",
    "clck.ru/{a5}",
    "tinyurl.com/{a8}",
    "vk.cc/{a6}",
    "wa.me/77{n9}",
    "t.me/+{a16}",
    "{w1}-{w2}.{tld}/?ref={n4}",
    "{w1}{n2}.{tld}/",
)
_SPAM_WORDS = (
    "dohod",
    "bonus",
    "zarabotok",
    "kaspi-bonus",
    "vyplaty",
    "kredit",
    "invest",
    "million",
    "aqsha",
)
_LEADS = {  # lead-in words before a link, by what is linked and the comment's language
    "news": {
        "ru": ("Вот статья:", "Читайте:", "Вот тут писали:", "Подробнее:", "Источник:"),
        "kk": ("Толығырақ:", "Мына жерде жазылған:", "Дереккөз:"),
    },
    "photo": {
        "ru": ("Фото:", "Видео:", "Смотрите:", "Вот видео:", "Вот фото:", "Полюбуйтесь:"),
        "kk": ("Видео:", "Қараңыз:", "Фото:"),
    },
    "map": {"ru": ("Вот место:", "Локация:", "На карте:", "Вот здесь:"), "kk": ("Картада:", "Мекенжай:")},
    "petition": {
        "ru": ("Подпишите петицию:", "Петиция:", "Подписывайте, кому не всё равно:"),
        "kk": ("Петицияға қол қойыңыздар:", "Петиция:"),
    },
    "post": {"ru": ("Вот:", "Смотрите пост:", "Уже писали тут:"), "kk": ("Мына жерде:", "Қараңыз:")},
    "official": {
        "ru": ("На сайте:", "Вот ссылка:", "Подробнее:", "Подробная информация по ссылке:"),
        "kk": ("Сайтта:", "Сілтеме:", "Толығырақ:"),
    },
    "admin": {
        "ru": ("Подробнее:", "Подробная информация по ссылке:", "Ссылка:", "Подробнее по ссылке"),
        "kk": ("Толығырақ:", "Сілтеме:", "Толық ақпарат:"),
    },
    "media": {
        "ru": ("Подробнее:", "Читайте:", "Все факты тут:", "Смотрите сами:"),
        "kk": ("Толығырақ:", "Оқыңыз:"),
    },
    "telegram": {
        "ru": ("Подписывайтесь:", "Все новости в канале:", "Правда тут:"),
        "kk": ("Жазылыңыз:", "Барлық жаңалық арнада:"),
    },
    "campaign": {"ru": ("Поддержите:", "Присоединяйтесь:", "Голосуйте:"), "kk": ("Қолдаңыз:", "Қосылыңыз:")},
    "spam": {
        "ru": (
            "Подработка от 20 000 тг в день 👉",
            "Выплаты всем гражданам РК, проверьте тут:",
            "Бесплатная консультация по кредитам:",
            "Заработок на телефоне:",
            "Розыгрыш iPhone 👉",
        ),
        "kk": ("Табыс табудың оңай жолы 👉", "Тегін кеңес:"),
    },
}
_LATIN_LEADS = ("👉", "Link:", "Source:", "See:", "⬇️")
_SIGN_LEADS = ("👉", "⬇️", "👇")
_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_B64 = _ALNUM + "-_"
_LINK_PLATFORM = {  # base link factor of a platform (Instagram comments show no clickable links)
    "instagram": 0.3,
    "facebook": 1.3,
    "vk": 1.2,
    "telegram": 1.0,
    "youtube": 0.5,
}
_TRACKING = {"instagram": "igsh={a16}", "facebook": "fbclid=IwAR{a40}", "youtube": "si={a16}", "x": "s=20"}


def _rs(r: random.Random, chars: str, n: int) -> str:
    return "".join(r.choices(chars, k=n))


class _Linker:
    """Writes plausible addresses (without scheme) and finished links for one world."""

    def __init__(self, r: random.Random, page_handle: list[str], page_platform: list[str]) -> None:
        self.r = r
        self.page_platform = page_platform
        self.handle = page_handle
        self.ent: list[str] = []
        self.city: list[str] = []
        for h in page_handle:
            ent, city = _GOV_ENTITY.get(h.rstrip("0123456789"), ("almaty", "almaty"))
            self.ent.append(ent)
            self.city.append(city)

    def fill(self, pattern: str, page: int, topic: str, t: int) -> str:
        """Fill an address pattern's placeholders with random ids and the page's names."""
        r = self.r
        out = pattern
        if "{slug}" in out:
            slug = r.choice(_NEWS_SLUGS[topic].split("|"))
            out = out.replace("{slug}", slug)
        if "{pslug}" in out:
            out = out.replace("{pslug}", r.choice(_PETITION_SLUGS))
        if "{street}" in out:
            out = out.replace("{street}", r.choice(_STREETS_LAT))
        if "{date}" in out:
            day = pd.Timestamp(int(t) - int(r.uniform(0, 3 * _DAY)), unit="s")
            out = out.replace("{date}", day.strftime("%Y-%m-%d"))
        values = {
            "city": self.city[page],
            "ent": self.ent[page],
            "gl": "ru" if r.random() < 0.75 else "kk",
            "eslug": r.choice(_EGOV_SLUGS),
            "yy": str(r.randint(18, 25)),
            "user": _rs(r, "abcdefghijklmnopqrstuvwxyz_", r.randint(5, 12)),
            "w1": r.choice(_SPAM_WORDS),
            "w2": r.choice(("kz", "online", "24", "pro", "rk", "qazaq")),
            "tld": r.choice(("online", "site", "xyz", "shop", "pro", "top", "kz")),
        }
        for key, value in values.items():
            out = out.replace("{" + key + "}", value)
        while "{" in out:
            i = out.index("{")
            j = out.index("}", i)
            key = out[i + 1 : j]
            n = int(key[1:]) if key[1:].isdigit() else 11
            if key[0] == "n":
                value = str(r.randint(1, 9)) + _rs(r, "0123456789", n - 1)
            elif key in ("yt", "ig"):
                value = _rs(r, _B64, 11)
            else:
                value = _rs(r, _ALNUM, n)
            out = out[:i] + value + out[j + 1 :]
        return out

    def post(self, plat: str, page: int, own: bool) -> str:
        """An address of another post: the agency's own (``own``) or a media or person's account."""
        r = self.r
        h = self.handle[page] if own else r.choice(_MEDIA_HANDLES)
        if plat == "instagram":
            return f"www.instagram.com/{r.choice(['p', 'p', 'reel'])}/{_rs(r, _B64, 11)}/"
        if plat == "facebook":
            return r.choice(
                [
                    f"www.facebook.com/{h}/posts/pfbid0{_rs(r, _ALNUM, 48)}",
                    f"www.facebook.com/share/p/{_rs(r, _ALNUM, 16)}/",
                    f"www.facebook.com/{h}/videos/{r.randint(10**14, 10**16)}/",
                ]
            )
        if plat == "vk":
            return f"vk.com/wall-{r.randint(10**7, 3 * 10**8)}_{r.randint(100, 99999)}"
        if plat == "telegram":
            return f"t.me/{h}/{r.randint(100, 40000)}"
        if plat == "youtube":
            return (
                f"youtu.be/{_rs(r, _B64, 11)}"
                if r.random() < 0.5
                else f"www.youtube.com/watch?v={_rs(r, _B64, 11)}"
            )
        if plat == "x":
            return f"{r.choice(['x.com', 'twitter.com'])}/{h}/status/{r.randint(10**18, 2 * 10**18)}"
        return f"t.me/{h}/{r.randint(100, 40000)}"

    def genuine(self, cat: str, plat: str, page: int, topic: str, t: int, outlet: int) -> str:
        """An address of category ``cat`` (see ``_LINK_CATS``) that a genuine person would post."""
        r = self.r
        if cat == "news":
            k = outlet if r.random() < 0.7 else int(np.searchsorted(_NEWS_CUM, r.random()))
            pattern = _NEWS_OUTLETS[min(k, len(_NEWS_OUTLETS) - 1)][0]
        elif cat == "photo":
            pattern = r.choice(_PHOTO)
        elif cat == "map":
            pattern = r.choice(_MAPS)
        elif cat == "petition":
            pattern = r.choice(_PETITIONS)
        elif cat == "post":
            return self.post(plat, page, own=r.random() < 0.6)
        else:
            pattern = r.choice(_OFFICIAL)
        return self.fill(pattern, page, topic, t)

    def admin(self, plat: str, page: int, topic: str, t: int) -> str:
        """An official address the page's admin answers with."""
        r = self.r
        u = r.random()
        if u < 0.15:
            return f"t.me/{self.handle[page]}"
        if u < 0.3:
            return self.post(plat, page, own=True)
        return self.fill(r.choice(_OFFICIAL[:6]), page, topic, t)

    def farm_pool(self, target: str, size: int, page: int, plat: str) -> list[str]:
        """The few addresses a farm pushes."""
        r = self.r
        topic = r.choice(_TOPICS)
        t = 0
        if target == "official":
            return [self.fill(r.choice(_OFFICIAL[:4]), page, topic, t) for _ in range(size)]
        if target == "media":
            return [self.fill(r.choice(_FRIENDLY_MEDIA), page, r.choice(_TOPICS), t) for _ in range(size)]
        if target == "telegram":
            name = self.fill(r.choice(_TG_NAMES), page, topic, t)
            if r.random() < 0.3:
                return [f"t.me/+{_rs(r, _B64, 16)}"] + [
                    f"t.me/{name}/{r.randint(100, 9000)}" for _ in range(size - 1)
                ]
            return [f"t.me/{name}"] + [f"t.me/{name}/{r.randint(100, 9000)}" for _ in range(size - 1)]
        if target == "campaign":
            stem = self.fill(r.choice(_CAMPAIGN_STEMS), page, topic, t)
            forms = [
                f"{stem}.kz/",
                f"{stem}.kz/ru",
                f"{stem}.tilda.ws/",
                f"taplink.cc/{stem.replace('-', '_')}",
                f"{stem}.kz/?utm_source={plat}&utm_medium=comment&utm_campaign={_rs(r, _ALNUM, 6).lower()}",
            ]
            return [r.choice(forms) for _ in range(size)]
        return [self.fill(r.choice(_SPAM), page, topic, t) for _ in range(size)]

    def finish(self, core: str, plat: str, tracking: float = 0.0) -> str:
        """A written link: a scheme or ``www.`` form of ``core``, sometimes with a share-tracking tail."""
        r = self.r
        if tracking and r.random() < tracking and plat in _TRACKING:
            tail = self.fill(_TRACKING[plat], 0, "social", 0)
            core = core + ("&" if "?" in core else "?") + tail
        u = r.random()
        if core.startswith("www."):
            if u < 0.15:
                return core
            if u < 0.3:
                return "https://" + core[4:]
        if u > 0.97:
            return "http://" + core
        return "https://" + core

    def vary(self, core: str, plat: str) -> str:
        """A farm's copy of one of its addresses: trailing slash or utm tags changed now and then."""
        r = self.r
        u = r.random()
        if u < 0.15 and "?" not in core:
            core = core.rstrip("/") if core.endswith("/") else core + "/"
        elif u < 0.3 and "?" not in core:
            core = f"{core}?utm_source={plat}"
        elif u < 0.35 and "?" in core:
            core = core.split("?")[0]
        return self.finish(core, plat)


_CYR = re.compile("[а-яё]", re.I)
_LAT = re.compile("[a-z]", re.I)


def _leads(cat: str, text: str) -> tuple[str, ...]:
    if any(c in _KK_LETTERS for c in text):
        return _LEADS[cat]["kk"]
    if _CYR.search(text):
        return _LEADS[cat]["ru"]
    return _LATIN_LEADS if _LAT.search(text) else _SIGN_LEADS


def _attach(r: random.Random, text: str, url: str, cat: str, lead_p: float, bare: bool) -> str:
    """``text`` with the link appended (after a lead-in at rate ``lead_p``), or the bare link.

    A bare link keeps a leading ``@mention`` (a reply's addressee, a post's tag of the agency).
    """
    if bare:
        if text.startswith("@"):
            return text.split(" ", 1)[0] + " " + url
        return url
    if r.random() < lead_p:
        return f"{text} {r.choice(_leads(cat, text))} {url}"
    return f"{text} {url}"


def _add_links(b: _Builder, rows: dict[str, np.ndarray], texts: np.ndarray, seed: int) -> None:
    """Append links to some comments, in place: genuine people by person, role, platform and kind;
    farms by their own rate and target; page admins at ``admin_link_rate``."""
    cfg = b.cfg
    lrng = np.random.default_rng(seed)
    r = random.Random(int(lrng.integers(2**62)))
    linker = _Linker(r, b.page_handle, b.page_platform)
    role = np.array(b.acc_role, object)
    plat = np.array(b.acc_platform, object)
    n_acc = len(role)
    share_mult = np.ones(n_acc)
    rate_mult = np.ones(n_acc)
    for name, (sm, rm) in _LINK_ROLE.items():
        sel = role == name
        share_mult[sel], rate_mult[sel] = sm, rm
    factor = cfg["link_platform_factor"]
    pf = np.ones(n_acc)
    for name, f in factor.items():
        pf[plat == name] = f
    on_x = plat == "x"
    share = np.where(on_x, cfg["link_x_user_share"], cfg["link_user_share"] * np.sqrt(pf)) * share_mult
    rate = np.where(on_x, cfg["link_x_rate"], cfg["link_rate"] * np.sqrt(pf)) * rate_mult
    rate = rate * lrng.lognormal(0, cfg["link_rate_sigma"], n_acc)
    rate = np.where(lrng.random(n_acc) < share, np.minimum(rate, 0.9), 0.0)
    farm_rate = np.zeros(n_acc)
    farm_of = np.array(b.acc_farm, object)
    specs = {f["name"]: f for f in cfg["farms"]}
    for name, spec in specs.items():
        sel = np.flatnonzero(farm_of == name)
        farm_rate[sel] = np.minimum(spec.get("link_rate", 0.0) * lrng.uniform(0.5, 1.5, len(sel)), 0.95)
    acc, kind = rows["acc"], rows["kind"]
    kf = np.ones(len(acc))
    for name, f in _LINK_KIND_FACTOR.items():
        kf[kind == name] = f
    p = rate[acc] * kf
    work = kind == "farm"
    p[work] = farm_rate[acc[work]]
    p[kind == "admin"] = cfg["admin_link_rate"]
    pick = np.flatnonzero(lrng.random(len(acc)) < np.minimum(p, 0.95))
    outlet = lrng.choice(len(_NEWS_OUTLETS), size=n_acc, p=_NEWS_P)
    pools: dict[str, list[str]] = {}
    row_plat = np.array(b.page_platform, object)[rows["page"]]
    post_topic = b.post_topic[np.maximum(rows["post"], 0)]
    cats = list(_LINK_CATS)
    for i in pick:
        a, k, pl, pg = acc[i], kind[i], str(row_plat[i]), int(rows["page"][i])
        topic = _TOPICS[post_topic[i]] if rows["post"][i] >= 0 else r.choice(_TOPICS)
        if k == "admin":
            url = linker.finish(linker.admin(pl, pg, topic, rows["t"][i]), pl)
            texts[i] = _attach(r, texts[i], url, "admin", 0.7, False)
        elif k == "farm":
            spec = specs[farm_of[a]]
            target = spec.get("link_target", "official")
            if spec["name"] not in pools:
                pools[spec["name"]] = linker.farm_pool(target, int(spec.get("link_pool", 2)), pg, pl)
            pool = pools[spec["name"]]
            core = pool[min(int(r.paretovariate(1.2)) - 1, len(pool) - 1)]
            url = linker.vary(core, pl)
            lead_p = 0.8 if target == "spam" else 0.35
            bare = r.random() < spec.get("link_bare_share", 0.0)
            texts[i] = _attach(r, texts[i], url, target, lead_p, bare)
        else:
            weights = np.array(_LINK_CAT_BY_KIND.get(k, _LINK_CAT_BY_KIND["neutral"]))
            weights = weights * np.array(_LINK_CAT_TILT.get(role[a], (1.0,) * 6))
            if pl == "x":
                weights = weights * np.array(_LINK_CAT_TILT["x"])
            cat = r.choices(cats, weights=list(weights))[0]
            core = linker.genuine(cat, pl, pg, topic, rows["t"][i], int(outlet[a]))
            url = linker.finish(core, pl, tracking=0.15)
            bare = r.random() < cfg["link_bare_share"]
            texts[i] = _attach(r, texts[i], url, cat, cfg["link_lead_share"], bare)


# --------------------------------------------------------------------------------------------------
# Assembly: replies, ids, profiles, tables
# --------------------------------------------------------------------------------------------------


def _resolve_replies(b: _Builder, rows: dict[str, np.ndarray]) -> None:
    """Attach comments that want a parent to an earlier comment on the same post."""
    rng = b.rng
    n = len(rows["t"])
    order = np.lexsort((rows["t"], rows["post"]))
    post_sorted = rows["post"][order]
    start = np.r_[0, np.flatnonzero(np.diff(post_sorted)) + 1]
    group_start = np.repeat(start, np.diff(np.r_[start, n]))
    rank = np.arange(n) - group_start
    want = rows["want_reply"][order] & (rank > 0) & (rows["parent"][order] < 0) & (post_sorted >= 0)
    pos = np.flatnonzero(want)
    # mostly answer a recent comment, sometimes the first ones
    back = np.minimum(rank[pos], np.maximum(1, (rng.pareto(0.8, len(pos)) + 1).astype(np.int64)))
    early = rng.random(len(pos)) < 0.3
    pick = np.where(early, group_start[pos] + (rng.random(len(pos)) * rank[pos]).astype(np.int64), pos - back)
    rows["parent"][order[pos]] = order[pick]


def _handle(r: random.Random, name: str, surname: str) -> str:
    n = name.translate(_TR_INFORMAL).lower()
    s = surname.translate(_TR_INFORMAL).lower()
    style = r.randrange(6)
    if style == 0:
        return f"{n}_{s}"
    if style == 1:
        return f"{n}{r.randint(70, 99) if r.random() < 0.5 else r.randint(1, 9999)}"
    if style == 2:
        return f"{n}.{s}{r.randint(1, 99)}"
    if style == 3:
        return f"{s}_{n[0]}"
    if style == 4:
        return f"{n}_{r.choice(['kz', 'almaty', 'astana', 'official', 'mama', '777'])}"
    return f"{n[:3]}{s[:4]}{r.randint(100, 999)}"


def _assemble(b: _Builder, w: _Writer) -> AgencyWorld:
    cfg, rng = b.cfg, b.rng
    r = random.Random(int(rng.integers(2**62)))
    rows = b.rows()
    _resolve_replies(b, rows)
    n_acc = len(b.acc_role)
    used = np.unique(rows["acc"])
    # account ids, handles and names
    acc_ids = (
        rng.choice(np.arange(10_000_000, 10_000_000 + 40 * n_acc + 1000), size=n_acc, replace=False) * 7 + 3
    )
    acc_ids = np.array([str(x) for x in acc_ids], object)
    role = np.array(b.acc_role, object)
    farm = np.array(b.acc_farm, object)
    names = [(r.choice(_NAMES), r.choice(_SURNAMES)) for _ in range(n_acc)]
    handles = np.array([_handle(r, *nm) for nm in names], object)
    for fname in sorted({f for f in b.acc_farm if f}):
        spec = next(f for f in cfg["farms"] if f["name"] == fname)
        idx = np.flatnonzero(farm == fname)
        if spec["handle_pattern"] == "sequential":
            stem = _handle(r, r.choice(_NAMES), r.choice(_SURNAMES)).rstrip("0123456789._")
            k0 = r.randint(1, 500)
            handles[idx] = [f"{stem}{k0 + j}" for j in range(len(idx))]
        elif spec["handle_pattern"] == "random":
            handles[idx] = [
                "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(r.randint(8, 12)))
                for _ in idx
            ]
    for p, h in enumerate(b.page_handle):
        admins = np.flatnonzero((role == "page_admin") & (np.array(b.acc_home) == p))
        handles[admins] = h
    _, first = np.unique(handles, return_index=True)
    dup = np.ones(n_acc, bool)
    dup[first] = False
    handles[dup] = [f"{h}_{i}" for i, h in zip(np.flatnonzero(dup), handles[dup], strict=True)]
    # reply prefixes by platform
    parent = rows["parent"]
    has_p = np.flatnonzero(parent >= 0)
    texts = rows["text"]
    plat_of_row = np.array(b.page_platform, object)[rows["page"]]
    for i in has_p:
        pa = rows["acc"][parent[i]]
        if pa == rows["acc"][i] or r.random() < 0.35:
            continue
        pl = plat_of_row[i]
        body = texts[i]
        if len(body) > 1 and body[0].isupper() and body[1].islower() and r.random() < 0.7:
            texts[i] = body = body[0].lower() + body[1:]
        if pl in ("instagram", "youtube", "x"):
            texts[i] = f"@{handles[pa]} {texts[i]}"
        elif pl in ("vk", "facebook"):
            texts[i] = f"{names[pa][0]}, {texts[i]}"
    # genuine replies written before their parent was known take a reply text
    gen_reply = np.flatnonzero(
        (parent >= 0)
        & np.isin(
            rows["kind"],
            [
                "complaint",
                "negative",
                "question",
                "neutral",
                "common",
                "praise",
                "praise_long",
                "viral_good",
                "viral_bad",
            ],
        )
    )
    for i in gen_reply:
        if r.random() < 0.6:
            pk = rows["kind"][parent[i]]
            kind = (
                ("reply_agree" if r.random() < 0.5 else "reply_argue")
                if pk in ("complaint", "negative")
                else (
                    "reply_answer" if pk == "question" else r.choice(["reply_agree", "reply_argue", "common"])
                )
            )
            lang = b.gen_lang.get(rows["acc"][i], "ru") if hasattr(b, "gen_lang") else "ru"
            texts[i] = w.write(kind, str(lang), "social", int(rows["page"][i]))
    _add_links(b, rows, texts, b.link_seed)
    # times, precision, ids
    t = rows["t"]
    prec = int(cfg["time_precision_s"])
    post_time = b.post_t
    if prec > 1:
        t = t // prec * prec
        post_time = post_time // prec * prec
    order = np.argsort(t, kind="stable")
    gaps = rng.integers(1, 40, len(t))
    comment_num = np.empty(len(t), np.int64)
    comment_num[order] = 10_000_000 + np.cumsum(gaps)
    comment_id = np.array([str(x) for x in comment_num], object)
    post_ids = np.array(
        [
            str(x)
            for x in rng.choice(np.arange(1_000_000, 1_000_000 + 20 * b.n_posts), b.n_posts, replace=False)
        ],
        object,
    )
    has_post = rows["post"] >= 0
    post_id = np.where(has_post, post_ids[np.maximum(rows["post"], 0)], None)
    post_t = np.where(has_post, post_time[np.maximum(rows["post"], 0)], 0)
    page_id = np.array(
        [f"{pl}:{h}" if pl == "x" else h for pl, h in zip(b.page_platform, b.page_handle, strict=True)],
        object,
    )
    acc = rows["acc"]
    handle_missing = rng.random(n_acc) < cfg["handle_missing_rate"] * np.where(
        np.array(b.acc_platform) == "telegram", 2.0, 0.5
    )
    acc_handle = np.where(handle_missing[acc], None, handles[acc])
    if cfg["likes_known"]:
        pop = b.post_weight[np.maximum(rows["post"], 0)]
        lam = (
            0.6
            * np.where(np.isin(rows["kind"], ["complaint", "question"]), 3.0, 1.0)
            * np.sqrt(pop / np.median(pop))
        )
        likes = rng.poisson(rng.exponential(lam)).astype(np.int64)
        likes = np.where(rows["likes"] >= 0, rows["likes"], likes)
        likes_col = pd.array(likes, dtype="Int64")
        likes_col[np.isin(plat_of_row, ["telegram"]) & (rng.random(len(t)) < 0.8)] = pd.NA
    else:
        likes_col = pd.array([pd.NA] * len(t), dtype="Int64")
    post_created = pd.to_datetime(np.where(has_post, post_t, 0), unit="s", utc=True)
    post_created = post_created.where(has_post, pd.NaT)
    comments = pd.DataFrame(
        {
            "platform": plat_of_row.astype(str),
            "page_id": page_id[rows["page"]],
            "post_id": post_id,
            "post_created_at": post_created,
            "comment_id": comment_id,
            "parent_id": np.where(parent >= 0, comment_id[np.maximum(parent, 0)], None),
            "account_id": acc_ids[acc],
            "account_handle": acc_handle,
            "created_at": pd.to_datetime(t, unit="s", utc=True),
            "time_precision_s": np.full(len(t), prec, np.int64),
            "text": texts.astype(str),
            "like_count": likes_col,
        }
    )
    comments = comments.iloc[order].reset_index(drop=True)
    tactic = np.array(b.acc_tactic, object)
    truth = pd.DataFrame(
        {
            "account_id": acc_ids[used],
            "is_inauthentic": role[used] == "farm",
            "role": role[used],
            "farm": farm[used],
            "tactic": tactic[used],
        }
    ).reset_index(drop=True)
    accounts = _profiles(b, r, used, acc_ids, handles, names, t.min())
    return AgencyWorld(comments=comments, accounts=accounts, truth=truth, config=cfg)


def _profiles(
    b: _Builder,
    r: random.Random,
    used: np.ndarray,
    acc_ids: np.ndarray,
    handles: np.ndarray,
    names: list,
    first_t: int,
) -> pd.DataFrame | None:
    """Account profiles by style: genuine, batch-registered, bought aged, influencer, official."""
    cfg, rng = b.cfg, b.rng
    mode = cfg["profile_mode"]
    if mode == "none":
        return None
    keep = used[rng.random(len(used)) < cfg["profile_coverage"]]
    n = len(keep)
    style = np.array(b.acc_style, object)[keep]
    age_days = (365 * rng.uniform(0.3, 13, n) ** 1.0).astype(np.int64)
    followers = rng.lognormal(5.0, 1.5, n)
    following = rng.lognormal(5.3, 1.0, n)
    posts = rng.lognormal(3.5, 1.6, n)
    avatar = rng.random(n) < 0.85
    verified = rng.random(n) < 0.002
    bio = [r.choice(_BIOS) if r.random() < 0.3 else "" for _ in range(n)]
    created = first_t - age_days * _DAY - rng.integers(0, _DAY, n)
    farm_of = np.array(b.acc_farm, object)[keep]
    for fname in sorted({f for f in farm_of if f}):
        spec = next(f for f in cfg["farms"] if f["name"] == fname)
        sel = farm_of == fname
        k = sel.sum()
        st = spec["profile_style"]
        if st == "batch":
            lo, _ = spec["campaign"]
            anchor = b.t0 + int(lo * (b.t_end - b.t0)) - int(rng.uniform(3, 90)) * _DAY
            created[sel] = anchor + rng.integers(0, int(rng.uniform(1, 10) * _DAY), k)
            followers[sel] = rng.lognormal(2.3, 1.0, k)
            following[sel] = rng.lognormal(4.5, 0.8, k)
            posts[sel] = rng.lognormal(0.7, 1.0, k)
            avatar[sel] = rng.random(k) < rng.uniform(0.3, 0.9)
            for i in np.flatnonzero(sel):
                bio[i] = ""
        elif st == "aged":
            followers[sel] = rng.lognormal(4.0, 1.2, k)
            posts[sel] = rng.lognormal(1.8, 1.2, k)
    inf = style == "influencer"
    followers[inf] = rng.lognormal(10, 1.0, inf.sum())
    posts[inf] = rng.lognormal(6.5, 0.6, inf.sum())
    verified[inf] = rng.random(inf.sum()) < 0.3
    avatar[inf] = True
    off = style == "official"
    followers[off] = rng.lognormal(10.5, 1.0, off.sum())
    verified[off] = rng.random(off.sum()) < 0.6
    avatar[off] = True
    for i in np.flatnonzero(inf):
        bio[i] = r.choice(_INFLUENCER_BIOS)
    display = [
        f"{names[a][0]} {names[a][1]}{'а' if names[a][0].endswith('а') and r.random() < 0.9 else ''}"
        if r.random() < 0.85
        else names[a][0]
        for a in keep
    ]
    df = pd.DataFrame(
        {
            "platform": np.array(b.acc_platform, object)[keep].astype(str),
            "account_id": acc_ids[keep],
            "handle": handles[keep],
            "display_name": display,
            "created_at": pd.to_datetime(np.minimum(created, first_t - _DAY), unit="s", utc=True),
            "followers_count": followers.astype(np.int64),
            "following_count": following.astype(np.int64),
            "posts_count": posts.astype(np.int64),
            "is_verified": verified,
            "has_avatar": avatar,
            "bio": bio,
        }
    )
    if mode == "partial":
        optional = [
            "display_name",
            "created_at",
            "followers_count",
            "following_count",
            "posts_count",
            "is_verified",
            "has_avatar",
            "bio",
        ]
        drop = [c for c in optional if rng.random() < 0.4]
        if "instagram" in set(df["platform"]) and "created_at" not in drop:
            drop.append("created_at")
        df = df.drop(columns=drop)
        for c in [c for c in df.columns if c not in ("platform", "account_id", "handle")]:
            gaps = rng.random(len(df)) < rng.uniform(0, 0.2)
            df[c] = df[c].astype("object").where(~gaps, None) if df[c].dtype == object else df[c].mask(gaps)
    return df.sort_values("account_id").reset_index(drop=True)
