"""Phrases the simulator writes with, in Russian, Kazakh (Cyrillic and Latin script) and English.

These belong to the simulator only. The detector's own vocabulary lives in :mod:`botwatch.text` and is
written independently, so that a model trained on simulated worlds does not learn these exact words.
"""

from __future__ import annotations

LANGUAGES = ("ru", "kk", "kk_latn", "en")

# Kazakh Latin alphabet of 2021, letter by letter from Cyrillic.
_KK_LATN = dict(
    zip(
        "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
        [
            "a",
            "á",
            "b",
            "v",
            "g",
            "ǵ",
            "d",
            "e",
            "ıo",
            "j",
            "z",
            "ı",
            "ı",
            "k",
            "q",
            "l",
            "m",
            "n",
            "ń",
            "o",
            "ó",
            "p",
            "r",
            "s",
            "t",
            "ý",
            "u",
            "ú",
            "f",
            "h",
            "h",
            "ts",
            "ch",
            "sh",
            "sh",
            "",
            "y",
            "i",
            "",
            "e",
            "ıý",
            "ıa",
        ],
        strict=True,
    )
)


def to_kk_latin(text: str) -> str:
    """Transliterate Kazakh from Cyrillic to the 2021 Latin alphabet, keeping case."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in _KK_LATN:
            lat = _KK_LATN[low]
            out.append(lat.capitalize() if ch != low and lat else lat)
        else:
            out.append(ch)
    return "".join(out)


STREETS = (
    "Абая",
    "Сатпаева",
    "Толе би",
    "Райымбека",
    "Достык",
    "Жандосова",
    "Момышулы",
    "Рыскулова",
    "Кабанбай батыра",
    "Назарбаева",
    "Сейфуллина",
    "Гагарина",
    "Жибек жолы",
)
STREETS_LATN = ("Abaı", "Sátbaev", "Tóle bı", "Raıymbek", "Dostyq", "Jandosov", "Momyshuly")

COMPLAINTS = {
    "ru": (
        "Когда отремонтируют дорогу на улице {street}? Уже третий год одни ямы.",
        "В доме {num} по {street} третью неделю нет горячей воды, куда звонить?",
        "Мусор во дворе не вывозят с прошлого месяца, запах ужасный.",
        "Автобус №{num} ходит раз в час, люди опаздывают на работу.",
        "Почему никто не отвечает на обращения? Писали уже пять раз.",
        "Освещения на {street} нет, вечером страшно ходить с детьми.",
        "Опять перекопали тротуар и бросили, пройти невозможно.",
        "Цены на коммуналку выросли, а качество услуг всё хуже.",
        "Детская площадка сломана, дети могут пораниться, примите меры!",
        "Пробки на {street} каждый день, светофор настроен неправильно.",
        "Обещали построить школу в нашем микрорайоне ещё в прошлом году, где она?",
        "Очередь в поликлинику на месяц вперёд, это нормально?",
    ),
    "kk": (
        "{street} көшесіндегі жол қашан жөнделеді? Үш жыл болды.",
        "{num} үйде үш апта бойы ыстық су жоқ, қайда хабарласу керек?",
        "Аулада қоқыс шығарылмайды, иісі қатты.",
        "{num} автобус сағатына бір рет жүреді, жұмысқа кешігеміз.",
        "Өтініштерге неге жауап бермейсіздер? Бес рет жаздық.",
        "{street} көшесінде жарық жоқ, кешке балалармен жүру қорқынышты.",
        "Балалар алаңы сынған, шара қолданыңыздар!",
        "Емханаға кезек бір айға созылады, бұл дұрыс па?",
        "Мектеп салып береміз деп уәде бердіңіздер, қайда ол?",
    ),
    "kk_latn": (
        "{street} kóshesindegi jol qashan jóndeledi? Úsh jyl boldy.",
        "{num} úıde úsh apta boıy ystyq sý joq, qaıda habarlasý kerek?",
        "Aýlada qoqys shyǵarylmaıdy, ıisi qatty.",
        "Ótinishterge nege jaýap bermeısizder? Bes ret jazdyq.",
        "Balalar alańy synǵan, shara qoldanyńyzdar!",
    ),
    "en": (
        "When will the road on {street} street finally be repaired?",
        "No hot water in building {num} for three weeks now, who do we call?",
        "Nobody answers the official requests, we wrote five times already.",
        "Bus {num} comes once an hour, people are late for work every day.",
        "The playground is broken and dangerous for kids, please fix it.",
    ),
}

QUESTIONS = {
    "ru": (
        "Подскажите, где можно получить справку о составе семьи?",
        "А с какого числа начнётся приём заявлений?",
        "Будет ли это касаться нашего района?",
        "Какие документы нужны для субсидии?",
        "Куда обращаться, если не пришла выплата?",
        "Когда откроют новую поликлинику на {street}?",
    ),
    "kk": (
        "Анықтаманы қай жерден алуға болады?",
        "Өтініш қабылдау қай күннен басталады?",
        "Бұл біздің ауданға қатысты ма?",
        "Субсидияға қандай құжаттар керек?",
    ),
    "kk_latn": (
        "Anyqtamany qaı jerden alýǵa bolady?",
        "Bul bizdiń aýdanǵa qatysty ma?",
    ),
    "en": (
        "Which documents are needed for the subsidy?",
        "Does this apply to our district too?",
        "Where can I get the certificate?",
    ),
}

THANKS = {
    "ru": (
        "Спасибо за ответ.",
        "Наконец-то, спасибо что услышали.",
        "Хорошая новость, ждём.",
        "Спасибо за информацию.",
    ),
    "kk": ("Жауап бергендеріңізге рахмет.", "Ақыры естідіңіздер, рахмет.", "Жақсы жаңалық."),
    "kk_latn": ("Jaýap bergenderińizge rahmet.", "Jaqsy jańalyq."),
    "en": ("Thanks for the answer.", "Good news, finally.", "Thank you for the update."),
}

AGREE = {
    "ru": (
        "Согласен, у нас то же самое.",
        "Поддерживаю, давно пора.",
        "А вы писали в 109?",
        "У нас в районе так же.",
        "Не согласен, у нас уже сделали.",
    ),
    "kk": ("Келісемін, бізде де солай.", "Иә, дұрыс айтасыз.", "109-ға жаздыңыз ба?"),
    "kk_latn": ("Kelisemin, bizde de solaı.", "Ia, durys aıtasyz."),
    "en": ("Same problem in our district.", "Agree, it has been like this for years."),
}

NOISE_TAILS = ("", "", "", " !!!", "...", " 😡", " 🙏", " ((", " 👍", "?")

# Superfans: genuine people who like the page; each has a personal repertoire drawn from these.
SUPERFAN = {
    "ru": (
        "Молодцы!",
        "Так держать!",
        "Отличная новость",
        "Ура, дождались!",
        "Красота 😍",
        "Хорошее дело делаете",
        "Вот это правильно",
        "Горжусь нашим городом",
        "Всегда читаю ваши новости",
        "Спасибо за работу",
    ),
    "kk": (
        "Жарайсыңдар!",
        "Керемет!",
        "Жақсы жаңалық",
        "Қаламызбен мақтанамын",
        "Рахмет еңбектеріңізге",
        "Әрдайым оқып отырамын",
    ),
    "kk_latn": ("Jaraısyńdar!", "Keremet!", "Jaqsy jańalyq", "Rahmet eńbekterińizge"),
    "en": ("Well done!", "Great news", "Love my city", "Keep it up"),
}

# Farm templates: slots are filled from synonym groups, which gives paraphrases rather than copies.
PRAISE_TEMPLATES = {
    "ru": (
        "{thanks} {target} за {deed}! {cheer}",
        "{cheer} {target} {verb} {deed}, {feel}",
        "Вот что значит {deed}! {thanks} {target}",
        "{feel}: {target} {verb} {deed}. {cheer}",
    ),
    "kk": (
        "{thanks} {target} {deed} үшін! {cheer}",
        "{target} {deed} бойынша {verb}, {feel}. {cheer}",
        "{cheer} {thanks} {target}",
    ),
    "kk_latn": (
        "{thanks} {target} {deed} úshin! {cheer}",
        "{target} {deed} boıynsha {verb}, {feel}.",
    ),
    "en": (
        "{thanks} {target} for {deed}! {cheer}",
        "{target} {verb} {deed}, {feel}. {cheer}",
    ),
}

PRAISE_SLOTS = {
    "ru": {
        "thanks": ("Спасибо", "Огромное спасибо", "Благодарим", "Большое спасибо", "Низкий поклон"),
        "target": (
            "акимату",
            "нашему акиму",
            "руководству города",
            "команде акимата",
            "министерству",
        ),
        "deed": (
            "заботу о жителях",
            "новые дороги",
            "благоустройство города",
            "ремонт дворов",
            "развитие региона",
            "открытую работу с людьми",
        ),
        "cheer": ("Так держать!", "Молодцы!", "Продолжайте в том же духе!", "Вперёд!", "Гордимся!"),
        "verb": (
            "реально делает",
            "действительно решает",
            "отлично организовал",
            "на деле показал",
        ),
        "feel": (
            "это видно каждому",
            "жители довольны",
            "город меняется на глазах",
            "результат налицо",
        ),
    },
    "kk": {
        "thanks": ("Рахмет", "Үлкен рахмет", "Алғыс айтамыз", "Көп рахмет"),
        "target": ("әкімдікке", "әкімімізге", "қала басшылығына", "министрлікке"),
        "deed": ("тұрғындарға қамқорлық", "жаңа жолдар", "қаланы абаттандыру", "аулаларды жөндеу"),
        "cheer": ("Жарайсыңдар!", "Алға!", "Мақтан тұтамыз!", "Осылай жалғастыра беріңдер!"),
        "verb": ("нақты жұмыс істеп жатыр", "керемет ұйымдастырды", "іспен көрсетті"),
        "feel": ("бәріне көрініп тұр", "тұрғындар риза", "қала көз алдымызда өзгеруде"),
    },
    "kk_latn": {
        "thanks": ("Rahmet", "Úlken rahmet", "Alǵys aıtamyz"),
        "target": ("ákimdikke", "ákimimizge", "qala basshylyǵyna"),
        "deed": ("turǵyndarǵa qamqorlyq", "jańa joldar", "qalany abattandyrý"),
        "cheer": ("Jaraısyńdar!", "Alǵa!", "Maqtan tutamyz!"),
        "verb": ("naqty jumys istep jatyr", "keremet uıymdastyrdy"),
        "feel": ("bárine kórinip tur", "turǵyndar rıza"),
    },
    "en": {
        "thanks": ("Thank you", "Big thanks", "Many thanks", "Grateful"),
        "target": ("to the akimat", "to our mayor", "to the city team", "to the ministry"),
        "deed": ("caring about people", "the new roads", "improving the city", "fixing the yards"),
        "cheer": ("Keep it up!", "Well done!", "Proud of you!", "Go on!"),
        "verb": ("really delivers", "truly solves", "showed in practice"),
        "feel": ("everyone can see it", "people are happy", "the city is changing"),
    },
}

# Real people argue with each other, in both directions: some defend the akimat, some mock the praise.
ARGUE = {
    "ru": (
        "Не пишите ерунду.",
        "Вы вообще в каком городе живёте?",
        "Хватит ныть, лучше бы сами что-то сделали.",
        "Вам бы только хвалить, проплаченные что ли?",
        "Сам ты провокатор.",
        "Стыдно такое писать.",
        "Кто вам платит за эти сказки?",
        "Не врите людям.",
        "Опять боты набежали хвалить.",
        "Вы бы сначала разобрались, потом писали.",
        "Это неправда, я там живу.",
        "Смешно читать.",
    ),
    "kk": (
        "Бос сөз жазбаңыз.",
        "Сіз қай қалада тұрасыз өзі?",
        "Жылай бермей, өзіңіз бірдеңе істеңіз.",
        "Мақтай бересіз, ақша төлей ме?",
        "Өтірік айтпаңыз.",
        "Ұят қой мұндай жазу.",
        "Мен сонда тұрамын, бұл өтірік.",
    ),
    "kk_latn": (),
    "en": (
        "Stop writing nonsense.",
        "Do you even live in this city?",
        "Who pays you for these fairy tales?",
        "Don't lie to people.",
        "Bots came to praise again.",
    ),
}

# Long thank-you letters from real people: personal, specific, sometimes with a request attached.
GRATITUDE = {
    "ru": {
        "open": (
            "Хочу выразить огромную благодарность",
            "От всей души благодарю",
            "Выражаю искреннюю признательность",
            "Хочу сказать большое спасибо",
            "Благодарю от имени всех жителей нашего дома",
        ),
        "whom": (
            "сотрудникам ЦОНа на {street}",
            "бригаде, которая ремонтировала наш двор",
            "врачам поликлиники №{num}",
            "коммунальщикам нашего района",
            "участковому инспектору",
            "учителям школы №{num}",
            "работникам акимата, которые приехали на вызов",
        ),
        "why": (
            "за внимательное отношение к пожилым людям",
            "за то, что всё сделали быстро и аккуратно",
            "за помощь моей маме после операции",
            "за то, что не оставили нас без воды зимой",
            "за терпение и вежливость",
            "за то, что выслушали и помогли разобраться с документами",
        ),
        "end": (
            "Побольше бы таких людей!",
            "Здоровья вам и терпения.",
            "Пусть ваш труд ценят.",
            "Надеюсь, руководство их отметит.",
            "Но про остановку на {street} тоже не забывайте.",
            "",
        ),
    },
    "kk": {
        "open": (
            "Үлкен алғысымды білдіргім келеді",
            "Шын жүректен рахмет айтамын",
            "Барлық тұрғындар атынан алғыс айтамыз",
        ),
        "whom": (
            "{street} көшесіндегі ХҚКО қызметкерлеріне",
            "ауламызды жөндеген бригадаға",
            "№{num} емхана дәрігерлеріне",
            "№{num} мектеп мұғалімдеріне",
        ),
        "why": (
            "қарт адамдарға ықылас көрсеткені үшін",
            "бәрін тез әрі ұқыпты жасағаны үшін",
            "анама ота кейін көмектескені үшін",
            "сабырлылығы мен сыпайылығы үшін",
        ),
        "end": (
            "Осындай адамдар көп болсын!",
            "Денсаулық тілеймін.",
            "Басшылық оларды марапаттаса екен.",
            "",
        ),
    },
    "en": {
        "open": ("I want to sincerely thank", "Many thanks from all residents of our building to"),
        "whom": (
            "the staff of the service centre on {street}",
            "the crew who repaired our yard",
            "the doctors of clinic {num}",
        ),
        "why": (
            "for their care for elderly people",
            "for doing everything quickly and neatly",
            "for helping my mother after her surgery",
        ),
        "end": ("We need more people like them!", "Wishing you health.", ""),
    },
}

RHETORICAL = {
    "ru": (
        "Кто ещё сомневается?",
        "Разве это не здорово?",
        "Когда ещё такое было?",
        "А вы видели, как стало?",
        "Кто со мной согласен?",
    ),
    "kk": ("Керемет емес пе?", "Кім күмәнданады?", "Бұрын осындай болды ма?"),
    "kk_latn": (),
    "en": ("Isn't it great?", "Who still doubts it?", "Have you seen it?"),
}

PRAISE_EMOJI = ("", "", "👍", "👏", "🔥", "❤️", "💪", "🇰🇿", "👏👏", "🙏")

ATTACKS = {
    "ru": (
        "Вам лишь бы жаловаться, акимат работает день и ночь.",
        "Опять вечно недовольные, сами бы что-нибудь сделали.",
        "Не слушайте его, это провокатор.",
        "Кто вам платит за такие комментарии?",
        "Хватит ныть, всё делается, просто нужно время.",
        "Такие как вы только мешают развитию города.",
        "Неправда, у нас во дворе всё сделали, не врите.",
    ),
    "kk": (
        "Сізге тек шағымдану керек, әкімдік жұмыс істеп жатыр.",
        "Тағы да наразы адамдар, өздерің бірдеңе істеңдер.",
        "Оны тыңдамаңыздар, арандатушы.",
        "Жылай бермеңіз, бәрі істеліп жатыр.",
    ),
    "kk_latn": (
        "Sizge tek shaǵymdaný kerek, ákimdik jumys istep jatyr.",
        "Ony tyńdamańyzdar, arandatýshy.",
    ),
    "en": (
        "Stop complaining, the akimat works day and night.",
        "Who pays you to write this?",
        "Don't listen to him, he is a provocateur.",
    ),
}

CAMOUFLAGE = {
    "ru": (
        "Интересно",
        "Хорошая погода сегодня",
        "Кто-нибудь знает хороший ресторан?",
        "С праздником всех!",
        "Подписалась",
        "Классное фото",
        "А где это?",
        "Ну наконец-то",
    ),
    "kk": (
        "Қызық екен",
        "Бүгін ауа райы жақсы",
        "Мерекемен бәріңізді!",
        "Сәлем бәріне",
        "Әдемі сурет",
    ),
    "kk_latn": ("Qyzyq eken", "Sálem bárine", "Ádemi sýret"),
    "en": ("Interesting", "Nice photo", "Happy holidays everyone", "Where is this?"),
}

# Talking points for hired influencers: personal wording around a campaign's key phrases.
INFLUENCER_OPENERS = {
    "ru": (
        "Честно скажу, я долго был скептиком, но",
        "Как мама троих детей скажу:",
        "Была сегодня на открытии и хочу отметить:",
        "Мнение жителя с 20-летним стажем:",
        "Редко пишу комментарии, но тут не могу промолчать:",
    ),
    "kk": (
        "Шынымды айтсам, ұзақ күмәнмен қарадым, бірақ",
        "Үш баланың анасы ретінде айтамын:",
        "Бүгін ашылуында болдым, атап өткім келеді:",
    ),
    "kk_latn": ("Shynymdy aıtsam, uzaq kúmánmen qaradym, biraq",),
    "en": ("Honestly, I was sceptical for a long time, but", "As a parent I have to say:"),
}
CAMPAIGN_POINTS = {
    "ru": (
        "программа {program} реально меняет жизнь людей",
        "в рамках программы {program} сделано больше, чем за десять лет",
        "{program} это пример открытой и честной работы",
        "результаты программы {program} видны в каждом дворе",
    ),
    "kk": (
        "{program} бағдарламасы адамдардың өмірін шынымен өзгертуде",
        "{program} бағдарламасының нәтижесі әр аулада көрінеді",
    ),
    "kk_latn": ("{program} baǵdarlamasy adamdardyń ómirin shynymen ózgertýde",),
    "en": (
        "the {program} programme is really changing people's lives",
        "results of {program} are visible in every yard",
    ),
}
PROGRAMS = ("«Жайлы қала»", "«Нұрлы жол»", "«Таза аула»", "«Қала сенің үйің»", "«Игі іс»")
HASHTAGS = ("#ЖайлыҚала", "#АлғаҚазақстан", "#ТазаАула", "#ИгіІс", "")

# Genuine complaints are composed from parts, so that two people rarely write the same sentence.
OPENERS = {
    "ru": (
        "",
        "",
        "",
        "Здравствуйте!",
        "Добрый день.",
        "Уважаемый аким,",
        "Скажите пожалуйста,",
        "Люди,",
        "Опять двадцать пять.",
        "Извините, но",
        "Вопрос к акимату:",
        "Честно,",
        "Сил уже нет.",
        "Пишу уже не первый раз.",
        "Доброе утро.",
    ),
    "kk": (
        "",
        "",
        "",
        "Сәлеметсіз бе!",
        "Құрметті әкім,",
        "Айтыңызшы,",
        "Ағайын,",
        "Кешіріңіз, бірақ",
        "Әкімдікке сұрақ:",
        "Шынымды айтсам,",
        "Бірінші рет жазып отырған жоқпын.",
    ),
    "kk_latn": ("", "", "Sálemetsiz be!", "Qurmetti ákim,", "Aıtyńyzshy,", "Aǵaıyn,"),
    "en": ("", "", "Hello,", "Dear akim,", "Honestly,", "Question to the akimat:", "Sorry but"),
}
PROBLEMS = {
    "ru": {
        "subject": (
            "дорогу на {street}",
            "тротуар возле дома {num}",
            "двор на {street}",
            "остановку на {street}",
            "подъезд дома {num}",
            "детскую площадку у школы {num}",
            "арык на {street}",
            "мост через речку у {street}",
            "лифт в доме {num}",
            "освещение в микрорайоне",
            "канализацию на {street}",
            "парковку у поликлиники",
        ),
        "defect": (
            "так и не отремонтировали",
            "разбили и бросили",
            "затопило после дождя",
            "никто не убирает",
            "перекопали и забыли",
            "обещали сделать, но ничего",
            "сделали так, что через месяц всё развалилось",
            "не чистят от снега",
            "закрыли без объяснений",
            "сломали при ремонте",
        ),
        "duration": (
            "",
            "",
            "уже месяц",
            "третий год",
            "с весны",
            "с прошлой осени",
            "который день",
            "с начала года",
            "уже две недели",
            "полгода",
        ),
        "ask": (
            "",
            "Примите меры!",
            "Сколько можно?",
            "Куда жаловаться?",
            "Ответьте пожалуйста.",
            "Надоело.",
            "Когда это закончится?",
            "Где деньги?",
            "Приезжайте посмотрите сами.",
            "Писали в 109, тишина.",
            "Кто за это отвечает?",
            "Стыдно.",
            "Жду ответа.",
        ),
        "personal": (
            "",
            "",
            "",
            "Я пенсионерка, мне тяжело ходить.",
            "У меня трое детей.",
            "Живу тут двадцать лет.",
            "Хожу с коляской, это невозможно.",
            "Мама после операции, не может выйти.",
            "Работаю в ночную смену.",
            "Соседи подтвердят.",
        ),
    },
    "kk": {
        "subject": (
            "{street} көшесіндегі жолды",
            "{num} үйдің жанындағы тротуарды",
            "{street} көшесіндегі ауланы",
            "{num} мектептің алаңын",
            "{num} үйдің лифтін",
            "{street} аялдамасын",
            "ауданымыздағы жарықты",
            "емхана жанындағы тұрақты",
        ),
        "defect": (
            "әлі күнге жөндемеді",
            "қазып тастап кетті",
            "ешкім тазаламайды",
            "жасаймыз деп уәде берді, бірақ ештеңе жоқ",
            "жаңбырдан кейін су басты",
            "қардан тазаламайды",
            "түсініксіз жауып тастады",
        ),
        "duration": (
            "",
            "",
            "бір айдан бері",
            "үш жыл болды",
            "көктемнен бері",
            "екі апта болды",
            "жыл басынан бері",
        ),
        "ask": (
            "",
            "Шара қолданыңыздар!",
            "Қашанға дейін?",
            "Қайда шағымдану керек?",
            "Жауап беріңіздер.",
            "Жалықтық.",
            "Келіп өздеріңіз көріңіздер.",
            "Кім жауапты?",
            "Ұят.",
            "109-ға жаздық, жауап жоқ.",
        ),
        "personal": (
            "",
            "",
            "",
            "Мен зейнеткермін, жүру қиын.",
            "Үш балам бар.",
            "Осында жиырма жыл тұрамын.",
            "Арбамен жүру мүмкін емес.",
        ),
    },
    "kk_latn": {
        "subject": (
            "{street} kóshesindegi joldy",
            "{num} úıdiń janyndaǵy trotýardy",
            "aýdanymyzdaǵy jaryqty",
            "{num} mekteptiń alańyn",
        ),
        "defect": (
            "áli kúnge jóndemedi",
            "qazyp tastap ketti",
            "eshkim tazalamaıdy",
            "jasaımyz dep ýáde berdi, biraq eshteńe joq",
        ),
        "duration": ("", "bir aıdan beri", "úsh jyl boldy", "kókteminen beri"),
        "ask": ("", "Shara qoldanyńyzdar!", "Qashanǵa deıin?", "Jaýap berińizder.", "Kim jaýapty?"),
        "personal": ("", "", "Men zeınetkermin.", "Úsh balam bar."),
    },
    "en": {
        "subject": (
            "the road on {street}",
            "the sidewalk near building {num}",
            "our yard on {street}",
            "the playground by school {num}",
            "the lift in building {num}",
            "street lights in the district",
        ),
        "defect": (
            "is still not repaired",
            "was dug up and abandoned",
            "is never cleaned",
            "was promised but nothing happened",
            "floods after every rain",
        ),
        "duration": ("", "for a month now", "for three years", "since spring"),
        "ask": (
            "",
            "Please do something!",
            "How long?",
            "Who is responsible?",
            "Waiting for an answer.",
        ),
        "personal": ("", "", "I am a pensioner.", "I have three kids."),
    },
}

QUESTION_FORMS = {
    "ru": (
        "Подскажите, где можно получить {x}?",
        "Как оформить {x}?",
        "Кто знает, где дают {x}?",
        "Какие документы нужны на {x}?",
        "А {x} теперь через ЦОН или онлайн?",
        "Сколько ждать {x}?",
        "Можно ли получить {x} без прописки?",
        "А {x} касается нашего района?",
        "С какого числа принимают заявления на {x}?",
    ),
    "kk": (
        "{x} қайдан алуға болады?",
        "{x} қалай рәсімдеуге болады?",
        "{x} үшін қандай құжат керек?",
        "{x} ХҚКО арқылы ма, онлайн ба?",
        "{x} қанша күтеміз?",
    ),
    "kk_latn": (
        "{x} qaıdan alýǵa bolady?",
        "{x} qalaı rásimdeýge bolady?",
        "{x} úshin qandaı qujat kerek?",
    ),
    "en": (
        "Where can I get {x}?",
        "How do I apply for {x}?",
        "Which documents are needed for {x}?",
        "How long does {x} take?",
    ),
}
QUESTION_TOPICS = {
    "ru": (
        "справку о составе семьи",
        "субсидию на жильё",
        "выплату на ребёнка",
        "талон к врачу",
        "место в детском саду",
        "пособие по уходу",
        "разрешение на парковку",
        "адресную помощь",
        "компенсацию за свет",
        "льготный проезд",
        "справку о несудимости",
        "землю под ИЖС",
    ),
    "kk": (
        "Анықтаманы",
        "Тұрғын үй субсидиясын",
        "Бала жәрдемақысын",
        "Дәрігерге талонды",
        "Балабақшадан орынды",
        "Атаулы көмекті",
        "Жеңілдетілген жол жүруді",
    ),
    "kk_latn": ("Anyqtamany", "Turǵyn úı sýbsıdıasyn", "Bala járdemaqysyn", "Dárigerge talondy"),
    "en": (
        "the family certificate",
        "the housing subsidy",
        "the child benefit",
        "a doctor's appointment",
        "a kindergarten place",
    ),
}
AGREE_PARTS = {
    "ru": (
        "Согласен",
        "Поддерживаю",
        "Точно",
        "Да,",
        "Плюсую",
        "Так и есть",
        "Не согласен",
        "Правильно пишете",
        "Подтверждаю",
    ),
    "kk": ("Келісемін", "Иә,", "Дұрыс айтасыз", "Қолдаймын", "Солай"),
    "kk_latn": ("Kelisemin", "Ia,", "Durys aıtasyz"),
    "en": ("Agree", "Exactly", "Same here", "True,", "Not true,"),
}

# Genuine praise under good-news posts: personal, about the thing itself.
GOOD_NEWS_PRAISE = {
    "ru": {
        "open": (
            "",
            "",
            "Ну наконец-то!",
            "Вот это хорошая новость.",
            "Приятно удивили.",
            "Ого,",
            "Отлично!",
            "Неожиданно, но приятно.",
        ),
        "thing": (
            "парк получился",
            "новая площадка",
            "дорогу сделали",
            "остановку поставили",
            "свет во дворе провели",
            "сквер обновили",
            "школу открыли",
            "каток залили",
        ),
        "verdict": (
            "очень красиво",
            "на совесть",
            "быстро, я не ожидала",
            "дети в восторге",
            "ходим каждый вечер",
            "давно ждали",
            "хоть что-то хорошее",
            "только бы не сломали через месяц",
            "качественно на первый взгляд",
        ),
        "tail": (
            "",
            "",
            "Спасибо строителям.",
            "Ждём такое и у нас в районе.",
            "Побольше бы таких новостей.",
            "Посмотрим, как будет зимой.",
        ),
    },
    "kk": {
        "open": ("", "", "Ақыры!", "Жақсы жаңалық.", "Қуантып тастадыңыз.", "Керемет!"),
        "thing": ("саябақ", "жаңа алаң", "жол", "аялдама", "аулаға жарық", "мектеп"),
        "verdict": (
            "өте әдемі болыпты",
            "сапалы жасалыпты",
            "балалар қуанып жүр",
            "көптен күттік",
            "тек бір айда бұзылмаса болды",
        ),
        "tail": (
            "",
            "",
            "Құрылысшыларға рахмет.",
            "Біздің ауданға да керек.",
            "Осындай жаңалықтар көбірек болсын.",
        ),
    },
    "kk_latn": {
        "open": ("", "Aqyry!", "Jaqsy jańalyq."),
        "thing": ("saıabaq", "jańa alań", "jol", "aıaldama"),
        "verdict": ("óte ádemi bolypty", "sapaly jasalypty", "kópten kúttik"),
        "tail": ("", "Bizdiń aýdanǵa da kerek."),
    },
    "en": {
        "open": ("", "Finally!", "Good news.", "Nice,"),
        "thing": ("the park", "the new playground", "the road", "the bus stop"),
        "verdict": ("looks great", "was done well", "kids love it", "we waited so long"),
        "tail": ("", "Hope it lasts.", "We need this in our district too."),
    },
}
# Pieces of profile bios, put together a few at a time.
BIO_PARTS = (
    "Алматы",
    "Астана",
    "Шымкент",
    "Қарағанды",
    "мама двоих детей",
    "отбасы ❤️",
    "спорт",
    "футбол ⚽",
    "фото",
    "музыка 🎵",
    "саяхат",
    "путешествия ✈️",
    "студент",
    "KazNU",
    "инженер",
    "мұғалім",
    "врач",
    "бизнес",
    "кондитер, торты на заказ",
    "student",
    "travel",
    "coffee ☕",
    "Kazakhstan 🇰🇿",
    "Jaqsy adamdarmen",
    "Qazaqstan",
    "жизнь прекрасна",
    "өмір тамаша",
    "📍 Almaty",
)

EMOJI_ONLY = ("👍", "👏👏", "❤️", "🔥", "😡", "🤦‍♂️", "👎", "😂😂", "🙏", "💪")


def _latin_pools() -> None:
    """Kazakh in Latin script gets the same variety as in Cyrillic, transliterated."""
    for table in (
        COMPLAINTS,
        QUESTIONS,
        THANKS,
        AGREE,
        SUPERFAN,
        ATTACKS,
        CAMOUFLAGE,
        RHETORICAL,
        ARGUE,
        INFLUENCER_OPENERS,
        CAMPAIGN_POINTS,
        OPENERS,
        QUESTION_FORMS,
        QUESTION_TOPICS,
        AGREE_PARTS,
    ):
        table["kk_latn"] = tuple(to_kk_latin(t) for t in table["kk"])
    for nested in (PROBLEMS, GOOD_NEWS_PRAISE, PRAISE_SLOTS, GRATITUDE):
        nested["kk_latn"] = {k: tuple(to_kk_latin(t) for t in v) for k, v in nested["kk"].items()}
    PRAISE_TEMPLATES["kk_latn"] = tuple(to_kk_latin(t) for t in PRAISE_TEMPLATES["kk"])


_latin_pools()
