"""The Arabic reporting lexicon: cue verbs in their conjugations, participles, passives,
prepositional and nominal cues, and the words that bound a source or a claim.

Every form is in search form (annotator.core.normalize: no diacritics, alef forms,
alef maqsura and ta marbuta folded), so a token is looked up after folding.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verb:
    """A reporting verb: its past forms, present stem, participle stem and prepositions."""

    lemma: str
    past: tuple[str, ...]
    present: str
    participle: str = ""
    prepositions: tuple[str, ...] = ()
    # Whether a noun phrase object can be the claim («نفى وجود …»); otherwise an object
    # without «أن» or a quote is an act («أعلن التعبئة»).
    nominal: bool = False
    relay: bool = False
    # Whether a noun phrase after the verb's preposition is the claim («دعا إلى وقف …»,
    # «شدد على ضرورة …», «حذر من تفشي …»).
    prep_claim: bool = False


def _regular_past(stem: str) -> tuple[str, ...]:
    return (stem, stem + "ت", stem + "وا", stem + "ا", stem + "تا", stem + "ن")


VERBS: tuple[Verb, ...] = (
    Verb("قال", ("قال", "قالت", "قالوا", "قالا", "قالتا"), "قول", "قائل"),
    Verb("أكد", _regular_past("اكد"), "ؤكد", "مؤكد", ("علي",), nominal=True),
    Verb("أعلن", _regular_past("اعلن"), "علن", "معلن"),
    Verb("أفاد", _regular_past("افاد"), "فيد", "مفيد"),
    Verb("أوضح", _regular_past("اوضح"), "وضح", "موضح"),
    Verb("أشار", _regular_past("اشار"), "شير", "مشير", ("الي",)),
    Verb("نفى", ("نفي", "نفت", "نفوا", "نفيا", "نفتا"), "نفي", "ناف", nominal=True),
    Verb("حذر", _regular_past("حذر"), "حذر", "محذر", ("من",), prep_claim=True),
    Verb("كشف", _regular_past("كشف"), "كشف", "كاشف", ("عن",)),
    Verb("ذكر", _regular_past("ذكر"), "ذكر", "ذاكر"),
    Verb("اعتبر", _regular_past("اعتبر"), "عتبر", "معتبر"),
    Verb("رأى", ("راي", "رات", "راوا", "رايا", "راتا"), "ر", ""),
    Verb("صرح", _regular_past("صرح"), "صرح", "مصرح"),
    Verb("زعم", _regular_past("زعم"), "زعم", "زاعم"),
    Verb("تابع", _regular_past("تابع"), "تابع", "متابع"),
    Verb("أضاف", _regular_past("اضاف"), "ضيف", "مضيف"),
    Verb("شدد", _regular_past("شدد"), "شدد", "مشدد", ("علي",), prep_claim=True),
    Verb("لفت", _regular_past("لفت"), "لفت", "لافت", ("الي",)),
    Verb("اعترف", _regular_past("اعترف"), "عترف", "معترف"),
    Verb("توقع", _regular_past("توقع"), "توقع", "متوقع", nominal=True),
    Verb("رجح", _regular_past("رجح"), "رجح", "مرجح", nominal=True),
    Verb("اعتقد", _regular_past("اعتقد"), "عتقد", "معتقد"),
    Verb("أردف", _regular_past("اردف"), "ردف", "مردف"),
    Verb("ادعى", ("ادعي", "ادعت", "ادعوا"), "دعي", "مدعي"),
    Verb("أورد", _regular_past("اورد"), "ورد", ""),
    Verb("أبلغ", _regular_past("ابلغ"), "بلغ", ""),
    Verb("نوه", _regular_past("نوه"), "نوه", "منوه", ("الي",)),
    Verb("استطرد", _regular_past("استطرد"), "ستطرد", "مستطرد"),
    Verb("دعا", ("دعا", "دعت", "دعوا", "دعتا"), "دعو", "داعي", ("الي",), prep_claim=True),
    Verb("نقل", _regular_past("نقل"), "نقل", "ناقل", relay=True),
    # «مقر» is also a noun (headquarters): no participle.
    Verb("أقر", ("اقر", "اقرت", "اقروا", "اقرا", "اقرتا"), "قر", ""),
    Verb("أنكر", _regular_past("انكر"), "نكر", "منكر", nominal=True),
    Verb("نبه", _regular_past("نبه"), "نبه", "منبه", ("الي",)),
    Verb("ألمح", _regular_past("المح"), "لمح", "ملمح", ("الي",)),
    Verb("أبدى", ("ابدي", "ابدت", "ابدوا"), "بدي", "مبدي"),
    Verb("جزم", _regular_past("جزم"), "جزم", "جازم"),
    Verb("استبعد", _regular_past("استبعد"), "ستبعد", "مستبعد"),
    Verb("قدر", _regular_past("قدر"), "قدر", "مقدر"),
    Verb("تعهد", _regular_past("تعهد"), "تعهد", "متعهد"),
    Verb("هدد", _regular_past("هدد"), "هدد", "مهدد"),
    Verb("اتهم", _regular_past("اتهم"), "تهم", "متهم"),
    Verb("أجاب", _regular_past("اجاب"), "جيب", "مجيب"),
    Verb("علق", _regular_past("علق"), "علق", "معلق"),
    Verb("روى", ("روي", "روت", "رووا"), "روي", "راوي"),
    Verb("كتب", _regular_past("كتب"), "كتب", "كاتب"),
    Verb("غرد", _regular_past("غرد"), "غرد", "مغرد"),
)

_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ون", "ان", "ين", "ن")
_PARTICIPLE_SUFFIXES = ("", "ا", "ه", "ين", "ون", "تين", "تان", "ات", "يه")


@dataclass(frozen=True)
class CueForm:
    verb: Verb
    tense: str  # "past", "present" or "participle"


def _forms() -> dict[str, CueForm]:
    forms: dict[str, CueForm] = {}
    for verb in VERBS:
        for participle_suffix in _PARTICIPLE_SUFFIXES if verb.participle else ():
            form = verb.participle + participle_suffix
            if verb.participle.endswith("ي") and participle_suffix == "يه":
                continue
            forms.setdefault(form, CueForm(verb, "participle"))
        if verb.participle == "ناف":
            for form in ("نافيا", "نافيه", "نافين"):
                forms[form] = CueForm(verb, "participle")
        for prefix in _PRESENT_PREFIXES:
            for suffix in _PRESENT_SUFFIXES:
                stem = verb.present
                if stem == "ر":  # يرى, ترى, يرون
                    form = prefix + ("ري" if suffix in ("", "ان") else "ر") + suffix
                elif stem.endswith(("ي", "و")) and suffix:
                    form = prefix + stem[:-1] + suffix
                else:
                    form = prefix + stem + suffix
                forms.setdefault(form, CueForm(verb, "present"))
        for form in verb.past:
            forms[form] = CueForm(verb, "past")
    return forms


CUE_FORMS = _forms()

# Passive reporting forms: a claim and a cue, no source.
PASSIVES = frozenset(
    {
        "قيل",
        "يقال",
        "افيد",
        "يعتقد",
        "يتوقع",
        "يذكر",
        "يرجح",
        "يشار",
        "يزعم",
        "يشاع",
        "اشيع",
        "يخشي",
    }
)

# «قال» as a noun with an object pronoun: «نقلت … عن Y قوله إن …».
SAYING_NOUNS = frozenset({"قوله", "قولها", "قولهم", "قولهما", "قولهن"})

# Prepositional cues as sequences of search-form tokens; a final "ل" may be attached to
# the next word («وفقاً لوكالة …»).
PREPOSITIONAL = (
    ("بحسب",),
    ("حسب",),
    ("حسبما",),
    ("وفق",),
    ("استنادا", "الي"),
    ("وفقا", "ل"),
    ("طبقا", "ل"),
    ("نقلا", "عن"),
    ("علي", "لسان"),
)

# Agencies and channels named without a head noun («لرويترز»), in search form.
OUTLETS = frozenset(
    {
        "رويترز",
        "فرانس",
        "الفرنسيه",
        "اسوشيتد",
        "الاناضول",
        "سبوتنيك",
        "تاس",
        "شينخوا",
        "الجزيره",
        "العربيه",
        "الحدث",
        "سكاي",
        "بلومبرغ",
        "بلومبيرغ",
        "واس",
        "وام",
        "بترا",
        "سانا",
        "كونا",
        "قنا",
        "الحره",
        "الشرق",
        "الاهرام",
        "النهار",
        "الغارديان",
        "التايمز",
    }
)

# Whom words were addressed to: they end a source and are no source themselves.
ADDRESSEES = frozenset(
    {"للصحفيين", "للصحافيين", "للصحافه", "للاعلاميين", "للمراسلين", "للحضور", "للنواب"}
)

NOMINAL_CUES = frozenset({"بيان", "تصريحات", "تصريح", "بلاغ"})

COMPLEMENTIZERS = frozenset(
    {
        "ان",
        "بان",
        "انه",
        "انها",
        "انهم",
        "انهما",
        "انهن",
        "اننا",
        "انني",
        "اني",
        "بانه",
        "بانها",
        "بانهم",
        "فان",
    }
)

CHANNEL_NOUNS = frozenset(
    {
        "بيان",
        "بيانه",
        "بيانها",
        "مؤتمر",
        "تصريح",
        "تصريحات",
        "تصريحه",
        "حديث",
        "حديثه",
        "حديثها",
        "كلمه",
        "كلمته",
        "كلمتها",
        "مقابله",
        "تغريده",
        "منشور",
        "رساله",
        "لقاء",
        "اتصال",
        "ندوه",
        "جلسه",
        "اجتماع",
        "احاطه",
        "خطاب",
        "خطابه",
        "مداخله",
        "حوار",
        "تصريحاته",
        "تصريحاتها",
        "مقابلته",
        "مقابلتها",
        "تغريدته",
        "تغريدتها",
        "منشوره",
        "رسالته",
        "ردها",
        "رده",
        "بيانهم",
        "تقرير",
        "تقريرها",
        "تقريره",
        "مذكره",
        "ختام",
        "افتتاح",
        "منصه",
        "حساب",
        "حسابه",
        "حسابها",
        "صفحته",
        "صفحتها",
        "تويتر",
        "فيسبوك",
        "تلغرام",
    }
)

TIME_WORDS = frozenset(
    {
        "اليوم",
        "امس",
        "غدا",
        "مساء",
        "صباح",
        "ظهر",
        "الليله",
        "يوم",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "السبت",
        "خلال",
        "منذ",
        "امام",
        "عبر",
        "حاليا",
        "مجددا",
        "ايضا",
    }
)

OUTLET_HEADS = frozenset(
    {"صحيفه", "وكاله", "قناه", "اذاعه", "موقع", "مجله", "تلفزيون", "شبكه", "محطه"}
)

TITLES = frozenset(
    {
        "الدكتور",
        "الدكتوره",
        "السفير",
        "السفيره",
        "الوزير",
        "الوزيره",
        "اللواء",
        "العميد",
        "العقيد",
        "السيد",
        "السيده",
        "الشيخ",
        "المهندس",
        "الاستاذ",
        "الجنرال",
        "الرئيس",
        "القاضي",
        "البروفيسور",
    }
)

# What a claim given as a noun phrase starts with («نفى وجود …», «أكد استمرار …»).
NOMINAL_CLAIM_HEADS = frozenset(
    {
        "وجود",
        "صحه",
        "استمرار",
        "عدم",
        "ارتفاع",
        "انخفاض",
        "تراجع",
        "مقتل",
        "وقوع",
        "حدوث",
        "اي",
        "نيه",
        "تورط",
        "اعتقال",
        "سقوط",
        "اصابه",
        "ضروره",
        "اهميه",
        "التزام",
        "امكانيه",
        "احتمال",
        "نجاح",
        "فشل",
        "تحسن",
        "زياده",
        "تسجيل",
        "ارتكاب",
        "مسؤوليته",
        "مسؤوليه",
        "استعداد",
        "رفض",
        "دعم",
        "قرب",
    }
)

# Words after which a claim stops when they follow a comma («…، فيما …»).
CLAIM_STOPPERS = frozenset({"فيما", "بينما", "لكن", "لكنه", "لكنها", "الا"})

# Heads of a person or body mentioned without speaking: a pronoun source links back here.
ROLE_HEADS = frozenset(
    {
        "رئيس",
        "الرئيس",
        "وزير",
        "الوزير",
        "وزيره",
        "المتحدث",
        "مدير",
        "الامين",
        "السفير",
        "قائد",
        "زعيم",
        "ملك",
        "الملك",
        "امير",
        "الامير",
        "محافظ",
        "مدرب",
        "المدرب",
        "نائب",
        "المبعوث",
        "مبعوث",
        "الناطق",
        "رئيسه",
        "مديره",
        "الحكومه",
        "الوزاره",
        "الجيش",
        "الشرطه",
        "الشركه",
    }
)

PREPOSITIONS = frozenset({"الي", "في", "من", "علي", "عن", "مع", "ب", "ل"})
