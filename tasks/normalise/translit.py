"""A Latin key for matching names in any script, and the script a name is written in.

One deterministic scheme per script, always giving lower-case ASCII:

- Cyrillic: ICAO Doc 9303, the scheme of Russian passports since 2014 (Александр -> aleksandr,
  Юлия -> iuliia, Щукин -> shchukin, Хабибуллин -> khabibullin; ъ -> ie, ь dropped), with the
  Ukrainian and Belarusian letters of the same table.
- Devanagari: ISO 15919 / IAST folded to ASCII (ā -> a, ś and ṣ -> sh, c -> ch): consonants
  carry the inherent vowel ``a`` unless a vowel sign or the virama follows; a word's last
  consonant loses it (schwa deletion: राहुल -> rahul) unless it closes a cluster (कृष्ण ->
  krishna); anusvara is ``n``, ``m`` before a labial and ``ng`` before ह (सिंह -> singh).
- Tamil: ISO 15919 folded to ASCII with the usual spelling of names: k, c, ṭ, p are voiced after
  a vowel or a nasal where Tamil pronounces them so (முருகன் -> murugan; not before a pulli:
  கார்த்திக் -> karthik), த is ``th``, doubled
  stops are written once (முத்து -> muthu), ற்ற -> tr, and the loan cluster பிர- at the start of a
  word is ``pr`` (பிரியா -> priya, like ப்ரியா).
- Everything else: ``anyascii``.

Folding the remaining variants (iu/yu, x/ks, y/i/j) is the resolver's job, not this module's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import groupby

from anyascii import anyascii

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "є": "ie", "і": "i", "ї": "i", "ґ": "g", "ў": "u",
}  # fmt: skip

_DEV_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ॠ": "ri", "ऌ": "li",
    "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e", "ऎ": "e", "ऒ": "o",
}  # fmt: skip
_DEV_SIGNS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "ॄ": "ri", "ॢ": "li", "े": "e",
    "ै": "ai", "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e", "ॆ": "e", "ॊ": "o",
}  # fmt: skip
_DEV_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j",
    "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t",
    "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh",
    "म": "m", "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s",
    "ह": "h",
}  # fmt: skip
_DEV_NUKTA_FORMS = {"क": "q", "ख": "kh", "ग": "g", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f"}
_DEV_LABIALS = frozenset("पफबभम")
_DEV_VIRAMA, _DEV_NUKTA = "\u094d", "\u093c"
_DEV_NASALS = frozenset("\u0901\u0902")  # chandrabindu, anusvara
_DEV_VISARGA = "\u0903"

_TA_VOWELS = {
    "அ": "a", "ஆ": "a", "இ": "i", "ஈ": "i", "உ": "u", "ஊ": "u", "எ": "e", "ஏ": "e", "ஐ": "ai",
    "ஒ": "o", "ஓ": "o", "ஔ": "au",
}  # fmt: skip
_TA_SIGNS = {
    "ா": "a", "ி": "i", "ீ": "i", "ு": "u", "ூ": "u", "ெ": "e", "ே": "e", "ை": "ai", "ொ": "o",
    "ோ": "o", "ௌ": "au",
}  # fmt: skip
_TA_CONSONANTS = {
    "க": "k", "ங": "n", "ச": "ch", "ஞ": "n", "ட": "t", "ண": "n", "த": "th", "ந": "n", "ப": "p",
    "ம": "m", "ய": "y", "ர": "r", "ல": "l", "வ": "v", "ழ": "zh", "ள": "l", "ற": "r", "ன": "n",
    "ஜ": "j", "ஶ": "sh", "ஷ": "sh", "ஸ": "s", "ஹ": "h",
}  # fmt: skip
# How a stop sounds at the start of a word, after a vowel, after a nasal, after another consonant.
_TA_STOPS = {
    "க": ("k", "g", "g", "k"), "ச": ("s", "s", "j", "ch"), "ட": ("t", "d", "d", "t"),
    "த": ("th", "th", "d", "th"), "ப": ("p", "p", "b", "p"),
}  # fmt: skip
_START, _AFTER_VOWEL, _AFTER_NASAL, _AFTER_CONSONANT = range(4)
_TA_DOUBLED = {"க": "kk", "ச": "ch", "ட": "tt", "த": "th", "ப": "pp", "ற": "tr"}
_TA_NASALS = frozenset("ஙஞணநமன")
_TA_PULLI = "\u0bcd"

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_SCRIPT_NAMES = {"CJK": "Han"}


def _block(char: str) -> str:
    if "\u0400" <= char <= "\u052f":
        return "cyrillic"
    if "\u0900" <= char <= "\u097f":
        return "devanagari"
    if "\u0b80" <= char <= "\u0bff":
        return "tamil"
    return "other"


def _cyrillic(text: str) -> str:
    return "".join(_CYRILLIC[c] if c in _CYRILLIC else anyascii(c) for c in text.lower())


def _devanagari(word: str) -> str:
    out: list[str] = []
    pending = False  # a consonant still carrying its inherent vowel
    in_cluster = False  # that consonant follows a virama
    index = 0
    while index < len(word):
        char = word[index]
        nxt = word[index + 1] if index + 1 < len(word) else ""
        if char in _DEV_CONSONANTS:
            in_cluster = index > 0 and word[index - 1] == _DEV_VIRAMA
            if pending:
                out.append("a")
            latin = _DEV_CONSONANTS[char]
            if nxt == _DEV_NUKTA:
                latin = _DEV_NUKTA_FORMS.get(char, latin)
                index += 1
            out.append(latin)
            pending = True
        elif char == _DEV_VIRAMA:
            pending = False
        elif char in _DEV_SIGNS:
            out.append(_DEV_SIGNS[char])
            pending = False
        else:
            if pending:
                out.append("a")
                pending = False
            if char in _DEV_NASALS:
                out.append("m" if nxt in _DEV_LABIALS else "ng" if nxt == "ह" else "n")
            elif char == _DEV_VISARGA:
                out.append("h")
            elif char in _DEV_VOWELS:
                out.append(_DEV_VOWELS[char])
            else:  # danda, digits, other signs: a break between words
                out.append(" ")
        index += 1
    if pending and in_cluster:
        out.append("a")
    return "".join(out)


def _tamil(word: str) -> str:
    if word.startswith("பிர"):
        word = "ப" + _TA_PULLI + word[2:]
    out: list[str] = []
    context = _START
    pending = False
    index = 0
    while index < len(word):
        char = word[index]
        if char in _TA_CONSONANTS:
            if pending:
                out.append("a")
                context = _AFTER_VOWEL
            doubled = word[index + 1 : index + 3] == _TA_PULLI + char
            if doubled and char in _TA_DOUBLED:
                out.append(_TA_DOUBLED[char])
                index += 2
            elif char in _TA_STOPS:
                if context == _AFTER_VOWEL and word[index + 1 : index + 2] == _TA_PULLI:
                    context = _START  # no vowel follows: unvoiced
                out.append(_TA_STOPS[char][context])
            else:
                out.append(_TA_CONSONANTS[char])
            context = _AFTER_NASAL if char in _TA_NASALS else _AFTER_CONSONANT
            pending = True
        elif char == _TA_PULLI:
            pending = False
        elif char in _TA_SIGNS or char in _TA_VOWELS:
            out.append(_TA_SIGNS.get(char) or _TA_VOWELS[char])
            pending, context = False, _AFTER_VOWEL
        else:
            out.append(" ")
            pending, context = False, _START
        index += 1
    if pending:
        out.append("a")
    return "".join(out)


_BY_BLOCK = {
    "cyrillic": _cyrillic,
    "devanagari": _devanagari,
    "tamil": _tamil,
    "other": anyascii,
}


@lru_cache(maxsize=1 << 17)
def latin_key(text: str) -> str:
    """A Latin form of ``text`` for matching: lower-case ASCII letters and single spaces.

    Takes any text (a name in any script); gives "" when nothing Latin can be made of it.
    Apostrophes are dropped (O'Brien -> obrien), other punctuation and digits become spaces.
    """
    text = unicodedata.normalize("NFC", text)
    pieces = [_BY_BLOCK[block]("".join(run)) for block, run in groupby(text, key=_block)]
    latin = _APOSTROPHES.sub("", "".join(pieces).lower())
    return " ".join(_NOT_LETTERS.sub(" ", latin).split())


def _script_of_char(char: str) -> str:
    words = unicodedata.name(char, "UNKNOWN").split()
    if words[0] in ("FULLWIDTH", "HALFWIDTH") and len(words) > 1:
        words = words[1:]
    return _SCRIPT_NAMES.get(words[0], words[0].title())


def script_of(text: str) -> str | None:
    """The dominant script of the letters of ``text``: "Latin", "Cyrillic", "Devanagari",
    "Tamil", "Greek", "Han", ... (Unicode's script name, title-cased); None without letters.

    Ties go to the script met first.
    """
    counts = Counter(_script_of_char(char) for char in text if char.isalpha())
    if not counts:
        return None
    return counts.most_common(1)[0][0]
