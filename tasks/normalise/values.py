"""Small values of a record: amounts, currencies, yes/no flags, gender, language."""

from __future__ import annotations

import re
import unicodedata

from tasks.normalise.problems import FieldProblem

#: ISO 639-1 codes (the registration authority's list, 2023).
ISO_639_1 = frozenset(
    {
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
        "bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv",
        "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi",
        "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr",
        "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja",
        "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw",
        "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml",
        "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv",
        "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro",
        "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr",
        "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr",
        "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi",
        "yo", "za", "zh", "zu"
    }
)  # fmt: skip
#: Language names and three-letter codes for the languages Rapport greets in, and a few more.
LANGUAGE_NAMES: dict[str, str] = {
    "russian": "ru", "русский": "ru", "русский язык": "ru", "rus": "ru", "english": "en",
    "английский": "en", "eng": "en", "hindi": "hi", "हिन्दी": "hi", "हिंदी": "hi", "хинди": "hi",
    "hin": "hi", "tamil": "ta", "தமிழ்": "ta", "тамильский": "ta", "tam": "ta",
    "ukrainian": "uk", "українська": "uk", "украинский": "uk", "ukr": "uk", "german": "de",
    "deutsch": "de", "немецкий": "de", "deu": "de", "ger": "de", "french": "fr",
    "français": "fr", "французский": "fr", "fra": "fr", "fre": "fr", "spanish": "es",
    "español": "es", "испанский": "es", "spa": "es", "iw": "he", "in": "id", "ji": "yi",
}  # fmt: skip

GENDERS: dict[str, str] = {
    "f": "female", "female": "female", "woman": "female", "w": "female", "ж": "female",
    "жен": "female", "женский": "female", "женщина": "female", "महिला": "female",
    "स्त्री": "female", "பெண்": "female", "m": "male", "male": "male", "man": "male",
    "м": "male", "муж": "male", "мужской": "male", "мужчина": "male", "पुरुष": "male",
    "ஆண்": "male",
}  # fmt: skip

#: What exports and forms write in a gender column for "no value": Outlook's CSV export and
#: Google's People API (``Unspecified``), vCard 4.0's ``U`` (unknown) and ``N`` (none or not
#: applicable, RFC 6350 6.2.7), Russian forms and VK (``Не указан``), Google's "Rather not say".
GENDER_PLACEHOLDERS = frozenset(
    {
        "unspecified", "not specified", "unknown", "u", "n", "не указан", "не указана",
        "не указано", "неизвестно", "rather not say", "prefer not to say",
    }
)  # fmt: skip

FLAGS: dict[str, bool] = {
    "yes": True, "y": True, "true": True, "t": True, "1": True, "x": True, "+": True,
    "да": True, "д": True, "✓": True, "✔": True, "हाँ": True, "हां": True,
    "no": False, "n": False, "false": False, "f": False, "0": False, "-": False, "нет": False,
    "н": False, "नहीं": False,
}  # fmt: skip

#: Currency signs and words, and the ISO 4217 code each stands for.
CURRENCY_SIGNS: dict[str, str] = {
    "₽": "RUB", "руб": "RUB", "р": "RUB", "rub": "RUB", "rur": "RUB", "рубль": "RUB",
    "рублей": "RUB", "₹": "INR", "rs": "INR", "inr": "INR", "₨": "INR", "रु": "INR",
    "rupee": "INR", "rupees": "INR", "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR",
    "eur": "EUR", "euro": "EUR", "£": "GBP", "gbp": "GBP",
}  # fmt: skip

_CURRENCY_TEXT = re.compile(r"[^\d\s.,'’\-−+]+\.?")
_GROUPING = re.compile(r"[\s'’]")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(".")


def normalise_currency(text: str) -> str:
    """The ISO 4217 code for a currency written as a code, a sign or a word (₽, руб, Rs, ₹, $
    -> RUB, RUB, INR, INR, USD); any other three letters are taken as a code, upper-cased.
    Rejects anything else (rule ``currency_is_known``)."""
    value = _fold(text)
    if value in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[value]
    if len(value) == 3 and value.isascii() and value.isalpha():
        return value.upper()
    raise FieldProblem("currency_is_known", "is not a known currency")


def currency_in_amount(text: str) -> str | None:
    """The currency a sign or word inside an amount names (``₹1,00,000`` -> INR), else None."""
    words = _CURRENCY_TEXT.findall(unicodedata.normalize("NFKC", text))
    known = [CURRENCY_SIGNS.get(_fold(word)) for word in words]
    return next((code for code in known if code), None)


def parse_amount(text: str) -> float:
    """A money amount as a float, whatever the grouping and the decimal mark.

    ``1 234,50``, ``1.234,50``, ``1,234.50``, ``₹1,00,000``, ``$1,234`` and ``1234 руб.`` all
    read as people mean them: spaces and apostrophes group digits; with both ``.`` and ``,`` the
    last one is the decimal mark; a lone ``,`` is decimal unless exactly three digits follow it
    (``1,234`` is 1234), repeated marks group; a lone ``.`` is always decimal. Rejects anything
    without digits, or with digits in odd places (rule ``amount_is_a_number``).
    """
    problem = FieldProblem("amount_is_a_number", "is not a number")
    value = _GROUPING.sub("", _CURRENCY_TEXT.sub("", unicodedata.normalize("NFKC", text)))
    value = value.replace("−", "-")
    if not any(char.isdigit() for char in value):
        raise problem
    commas, dots = value.count(","), value.count(".")
    if commas and dots:
        decimal = "," if value.rindex(",") > value.rindex(".") else "."
        value = value.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif commas == 1 and len(value) - value.index(",") - 1 != 3:
        value = value.replace(",", ".")
    elif commas:
        value = value.replace(",", "")
    elif dots > 1:
        value = value.replace(".", "")
    try:
        return float(value)
    except ValueError:
        raise problem from None


def parse_flag(text: str, field: str = "opted_out") -> bool:
    """True for yes/true/1/да/x/✓, False for no/false/0/нет/-; rejects anything else
    (rule ``<field>_is_a_flag``)."""
    value = _fold(text)
    if value in FLAGS:
        return FLAGS[value]
    raise FieldProblem(f"{field}_is_a_flag", "is not a yes or a no")


def is_empty_gender(text: str) -> bool:
    """True when a gender field holds a "no value" marker (``GENDER_PLACEHOLDERS``: Unspecified,
    Unknown, U, N, Не указан, ...), which leaves the field empty rather than bad."""
    return _fold(text) in GENDER_PLACEHOLDERS


def normalise_gender(text: str) -> str:
    """``female`` or ``male`` from F/M, Ж/М, женский/мужской, female/male, महिला/पुरुष and the
    like; rejects anything else (rule ``gender_is_known``), placeholders too: the caller drops
    those first (:func:`is_empty_gender`)."""
    value = _fold(text)
    if value in GENDERS:
        return GENDERS[value]
    raise FieldProblem("gender_is_known", "is not a known gender")


def normalise_language(text: str) -> str:
    """The ISO 639-1 code of a language written as a code (``ru``, ``en-US``, ``hi_IN``, ``rus``)
    or a name (Russian, Русский, हिन्दी, தமிழ்); rejects anything else (rule
    ``language_is_known``)."""
    value = _fold(text)
    if value in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[value]
    code = re.split(r"[-_]", value, maxsplit=1)[0]
    code = LANGUAGE_NAMES.get(code, code)
    if code in ISO_639_1:
        return code
    raise FieldProblem("language_is_known", "is not a known language")
