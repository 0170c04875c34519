"""People's names: cleaned, case fixed, split into given / middle / family, in any script.

Western names are "Given [Middle] Family" or "Family, Given [Middle]". Russian names are
"Имя Отчество Фамилия" or "Фамилия Имя Отчество": a patronymic (Cyrillic or transliterated)
goes to the middle name and tells the gender. Names in Cyrillic, Devanagari or Tamil stay in
their script; ``latin`` is a Latin key for matching (see :mod:`tasks.normalise.translit`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tasks.normalise.translit import latin_key, script_of

#: Honorifics, as they are written back; matched case-insensitively, with or without a dot.
HONORIFICS: tuple[str, ...] = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Shri", "Shrimati", "Smt",
    "Sri", "Thiru", "Thirumathi", "Selvi", "Kumari", "श्री", "श्रीमती", "सुश्री", "डॉ", "திரு",
    "திருமதி", "செல்வி", "Господин", "Госпожа", "г-н", "г-жа",
)  # fmt: skip
_HONORIFIC_ALIASES = {"mister": "Mr", "doctor": "Dr", "professor": "Prof"}

#: Suffixes kept in the full name but not in the family name, as they are written back.
SUFFIXES: tuple[str, ...] = ("Jr", "Sr", "Jnr", "Snr", "II", "III", "IV", "PhD", "MD", "Esq")

#: Patronymic endings (Russian, in Cyrillic and in the common transliterations) and the gender
#: each tells: -ич forms are male, -на forms female.
PATRONYMIC_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ович", "male"), ("евич", "male"), ("ич", "male"), ("овна", "female"), ("евна", "female"),
    ("ична", "female"), ("инична", "female"), ("ovich", "male"), ("evich", "male"),
    ("ovitch", "male"), ("evitch", "male"), ("ovych", "male"), ("evych", "male"),
    ("ovna", "female"), ("evna", "female"), ("ichna", "female"),
)  # fmt: skip

#: Patronymics of fathers' names in -а or -я, which take -ич and not -ович (Илья: Ильич; Лука:
#: Лукич; Никита: Никитич; Кузьма: Кузьмич; Фома: Фомич; Савва: Саввич; Фока: Фокич), as
#: they are transliterated: Latin words ending in -ich are too often family names (Aldrich,
#: Ulrich) to be taken for patronymics by their ending, and these too are family names (Dragan
#: Ilich, Milan Lukich), so they are patronymics only as the middle or last of three words or
#: more. The Cyrillic ones end in "ич" anyway.
#: Forms as in N. A. Petrovsky, "Словарь русских личных имён" (1966), which gives each name's
#: patronymics.
SHORT_PATRONYMICS = frozenset(
    {"ilich", "ilyich", "iljich", "lukich", "nikitich", "kuzmich", "fomich", "savvich", "fokich"}
)

#: Lower-case particles that start a family name (Anna van der Berg, Juan de la Cruz).
PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos",
     "das", "do", "ter", "ten", "zu", "bin", "binti", "ibn", "al", "el"}
)  # fmt: skip

#: Words that make a "name" a company's (legal forms in English, Russian, German, India's).
COMPANY_WORDS = frozenset(
    {"llc", "inc", "ltd", "limited", "gmbh", "corp", "corporation", "company", "plc", "llp",
     "pvt", "pte", "srl", "ооо", "оао", "зао", "пао", "ао", "нко", "group", "holding",
     "holdings", "банк"}
)  # fmt: skip
#: Short legal forms that could be initials: a company's only as a name's last word.
COMPANY_LAST_WORDS = frozenset({"ag", "kg", "se", "sa", "spa", "ab", "as", "oy", "nv", "bv", "co"})

_HONORIFIC_KEYS = {h.casefold(): h for h in HONORIFICS} | _HONORIFIC_ALIASES
_SUFFIX_KEYS = {s.casefold(): s for s in SUFFIXES}
_EDGES = " \t\"'«»“”„<>()[]{},;:"
_LETTER_RUN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name; every part None when unknown. ``gender`` comes from a patronymic only."""

    given: str | None = None
    middle: str | None = None
    family: str | None = None
    full: str | None = None
    nickname: str | None = None
    honorific: str | None = None
    gender: str | None = None
    script: str | None = None
    latin: str | None = None


def _key(token: str) -> str:
    return token.casefold().replace(".", "")


def patronymic_gender(token: str) -> str | None:
    """``male`` or ``female`` when ``token`` is a Russian patronymic (Петрович, Sergeevna),
    else None."""
    word = token.casefold()
    if not word.isalpha():
        return None
    for ending, gender in PATRONYMIC_ENDINGS:
        if word.endswith(ending) and len(word) >= len(ending) + 2:
            return gender
    return None


def _middle_gender(middle: str | None) -> str | None:
    """The gender a middle name gives: a patronymic's, one of :data:`SHORT_PATRONYMICS` male."""
    if not middle:
        return None
    return patronymic_gender(middle) or ("male" if middle.casefold() in SHORT_PATRONYMICS else None)


def looks_like_company(text: str) -> bool:
    """Whether a name carries a company's legal form: ``Acme Ltd``, ``ООО «Ромашка»``, or a
    short one as the last word (``Apple Computer AG``, ``Volvo AB``)."""
    words = [w.casefold().rstrip(".") for w in re.split(r"[\s,«»\"'()]+", text) if w.strip(".")]
    if words and words[-1] in COMPANY_LAST_WORDS:
        return True
    return any(word in COMPANY_WORDS for word in words)


def clean(text: str | None) -> str | None:
    """NFC, whitespace collapsed, quotes and brackets trimmed; None for an empty value, a value
    without letters, or an email address (a name with ``@`` is no name)."""
    if text is None:
        return None
    value = " ".join(unicodedata.normalize("NFC", text).split()).strip(_EDGES)
    if not value or "@" in value or not any(char.isalpha() for char in value):
        return None
    return value


def _capitalise(word: str, first: bool) -> str:
    key = _key(word)
    if key in _SUFFIX_KEYS and not first:  # "MD RAHMAN": Md is Muhammad, not a doctor
        return _SUFFIX_KEYS[key]
    if key in PARTICLES and not first:
        return word.lower()
    return _LETTER_RUN.sub(lambda run: run.group().capitalize(), word)


def fix_case(text: str) -> str:
    """Title-case a name written all in capitals or all in small letters ("ИВАН ПЕТРОВ" ->
    "Иван Петров", "O'BRIEN" -> "O'Brien", "ANNA VAN DER BERG" -> "Anna van der Berg");
    leave a name in mixed case, or in a script without case, as it is."""
    cased = [char for char in text if char.lower() != char.upper()]
    if not cased or not (all(c.isupper() for c in cased) or all(c.islower() for c in cased)):
        return text
    return " ".join(_capitalise(word, index == 0) for index, word in enumerate(text.split(" ")))


def _take_honorifics(tokens: list[str]) -> tuple[list[str], list[str]]:
    found: list[str] = []
    while len(tokens) > 1 and (_key(tokens[0]) in _HONORIFIC_KEYS):
        found.append(_HONORIFIC_KEYS[_key(tokens[0])])
        tokens = tokens[1:]
    return tokens, found


def _take_suffixes(text: str) -> tuple[str, list[str]]:
    tokens = text.split()
    found: list[str] = []
    while len(tokens) > 1 and _key(tokens[-1].strip(",")) in _SUFFIX_KEYS:
        found.insert(0, _SUFFIX_KEYS[_key(tokens.pop().strip(","))])
    return " ".join(tokens).rstrip(" ,"), found


def _join(tokens: list[str]) -> str | None:
    return " ".join(tokens) or None


_INITIAL = re.compile(r"\w\.")
_INITIALS = re.compile(r"(?<![\w.])\w\.(?=\w\.)|(?<=\.)\w\.")  # "И.И." -> "И.", "И."


def _split(tokens: list[str]) -> tuple[str | None, str | None, str | None]:
    """Given, middle, family from the words of a name without a comma."""
    tokens = [part for token in tokens for part in _INITIALS.findall(token) or [token]]
    count = len(tokens)
    if (
        count >= 2
        and not _INITIAL.fullmatch(tokens[0])
        and all(_INITIAL.fullmatch(t) for t in tokens[1:])
    ):  # Иванов И. И., Smirnov I. P.: the family name first, then initials
        return tokens[1], _join(tokens[2:]), tokens[0]
    for index in range(1, count):
        if patronymic_gender(tokens[index]) or (
            count >= 3 and tokens[index].casefold() in SHORT_PATRONYMICS
        ):
            if index < count - 1 or count == 2:  # Имя Отчество [Фамилия]
                return _join(tokens[:index]), tokens[index], _join(tokens[index + 1 :])
            return tokens[-2], tokens[-1], _join(tokens[:-2])  # Фамилия Имя Отчество
    if count < 2:
        return _join(tokens), None, None
    family_at = next(
        (i for i in range(1, count - 1) if tokens[i].casefold() in PARTICLES), count - 1
    )
    return tokens[0], _join(tokens[1:family_at]), _join(tokens[family_at:])


def _parse_full(text: str) -> tuple[tuple[str | None, ...], list[str], list[str]]:
    """(given, middle, family), honorifics, suffixes of a full name."""
    head, suffixes = _take_suffixes(fix_case(text))
    if "," in head:
        family_part, given_part = head.split(",", 1)
        given_tokens, honorifics = _take_honorifics(given_part.replace(",", " ").split())
        family_tokens = family_part.split()
        if given_tokens and family_tokens:
            parts = (given_tokens[0], _join(given_tokens[1:]), _join(family_tokens))
            return parts, honorifics, suffixes
        head = head.replace(",", " ")
    tokens, honorifics = _take_honorifics(head.split())
    return _split(tokens), honorifics, suffixes


def _fill(tokens: list[str], parts: list[str | None]) -> list[str | None]:
    """Fill the missing ones of (given, middle, family) with the words of the full name that
    the known parts do not use; a full name that lacks a known part's word is someone else's
    spelling and fills nothing."""
    used = {word.casefold() for part in parts if part for word in part.split()}
    if not used <= {word.casefold() for word in tokens}:
        return parts
    rest = [word for word in tokens if word.casefold() not in used]
    given, middle, family = parts
    patronymics = [word for word in rest if patronymic_gender(word)]
    others = [word for word in rest if not patronymic_gender(word)]
    if middle is None and patronymics:
        middle = patronymics[0]
    if given is None and others:
        given = others.pop(0)
    if family is None and others:
        family, others = " ".join(others), []
    if middle is None and others:
        middle = " ".join(others)
    return [given, middle, family]


def parse_name(
    *,
    full_name: str | None = None,
    given_name: str | None = None,
    middle_name: str | None = None,
    family_name: str | None = None,
    nickname: str | None = None,
    honorific: str | None = None,
) -> PersonName:
    """Make one :class:`PersonName` of whatever name fields a record has.

    Parts given as fields are used (cleaned, case fixed) and only the missing ones are taken
    from ``full_name``. A full name is split as "Given [Middle] Family", "Family, Given
    [Middle]", "Имя Отчество Фамилия" (the middle word is a patronymic), "Фамилия Имя Отчество"
    (three or more words, the last a patronymic) or "Имя Отчество" (two words). Leading
    honorifics go to ``honorific``; trailing suffixes (Jr, III, PhD) stay out of the family name
    but in ``full``. ``full`` is "Given Middle Family [Suffix]" whatever order the source used.

    A value with ``@`` (an email address) or a company's legal form (Ltd, ООО) is no name; when
    nothing is left the result has every part None.
    """
    parts = [fix_case(p) if p else None for p in map(clean, (given_name, middle_name, family_name))]
    full_text = clean(full_name)
    if full_text and looks_like_company(full_text):
        full_text = None
    honorifics: list[str] = []
    suffixes: list[str] = []
    if full_text:
        parsed, honorifics, suffixes = _parse_full(full_text)
        if any(parts):
            words = [word for part in parsed if part for word in part.split()]
            parts = _fill(words, parts)
        else:
            parts = list(parsed)
    given, middle, family = parts
    title = clean(honorific)
    if title:
        title = _HONORIFIC_KEYS.get(_key(title), fix_case(title))
    elif honorifics:
        title = " ".join(honorifics)
    full = " ".join(p for p in (*parts, *suffixes) if p) if any(parts) else None
    nick = clean(nickname)
    return PersonName(
        given=given,
        middle=middle,
        family=family,
        full=full,
        nickname=fix_case(nick) if nick else None,
        honorific=title,
        gender=_middle_gender(middle),
        script=script_of(full) if full else None,
        latin=(latin_key(full) or None) if full else None,
    )
