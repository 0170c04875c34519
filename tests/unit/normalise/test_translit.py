"""Truth tables for the Latin matching key and the script of a name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tasks.normalise.translit import latin_key, script_of

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"
KEY_SHAPE = re.compile(r"([a-z]+( [a-z]+)*)?")


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Александр", "aleksandr", "ICAO: кс stays ks, no x"),
        ("Юлия", "iuliia", "ICAO: ю -> iu, я -> ia"),
        ("Щукин", "shchukin", "ICAO: щ -> shch"),
        ("Хабибуллин", "khabibullin", "ICAO: х -> kh"),
        ("Ёлкин", "elkin", "ё is folded to e like е"),
        ("Львов", "lvov", "the soft sign is dropped"),
        ("Подъячев", "podieiachev", "ICAO: the hard sign is ie"),
        ("Євгенія", "ievgeniia", "Ukrainian є and і from the same table"),
        ("ИВАН ПЕТРОВ", "ivan petrov", "capitals are lower-cased first"),
        ("प्रिया", "priya", "virama joins p and r; vowel signs replace the inherent a"),
        ("राहुल", "rahul", "the word's last consonant loses its schwa"),
        ("कुमार", "kumar", "schwa deletion at the end of the word"),
        ("कृष्ण", "krishna", "a final consonant that closes a cluster keeps its a"),
        ("शर्मा", "sharma", "श -> sh, virama inside the word"),
        ("संजय", "sanjay", "anusvara is n before j"),
        ("चंपा", "champa", "anusvara is m before a labial; च -> ch"),
        ("सिंह", "singh", "anusvara before ह is ng"),
        ("ज़फ़र", "zafar", "nukta turns ज into z and फ into f"),
        ("नरेन्द्र मोदी", "narendra modi", "two words, each with its own schwa rule"),
        ("ப்ரியா", "priya", "pulli joins p and r"),
        ("பிரியா", "priya", "the loan cluster பிர- at the start of a word is pr"),
        ("முருகன்", "murugan", "k between vowels is voiced to g"),
        ("கார்த்திக்", "karthik", "doubled த is th; a final k before pulli stays k"),
        ("முத்து", "muthu", "doubled த is written th once"),
        ("செல்வி", "selvi", "ச at the start of a word is s"),
        ("கவிதா", "kavitha", "த between vowels is th"),
        ("வெற்றி", "vetri", "doubled ற is tr"),
        ("ஆனந்த்", "anand", "த after a nasal is d"),
        ("ஸ்ரீ", "sri", "Grantha letters"),
        ("Ελένη", "eleni", "Greek goes through anyascii"),
        ("Müller", "muller", "diacritics are folded"),
        ("O'Brien", "obrien", "apostrophes are dropped, not spaces"),
        ("Anna-Maria", "anna maria", "hyphens become spaces"),
        ("王小明", "wangxiaoming", "Han through anyascii"),
        ("  Ivan   2nd ", "ivan nd", "digits become spaces; spaces collapse"),
        ("123", "", "nothing Latin can be made of digits"),
    ],
)
def test_latin_key(text: str, expected: str, why: str) -> None:
    assert latin_key(text) == expected, why


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Ivan Petrov", "Latin", "Latin letters only"),
        ("Иван Петров", "Cyrillic", "Cyrillic letters only"),
        ("प्रिया शर्मा", "Devanagari", "vowel signs are marks, the letters are Devanagari"),
        ("முருகன்", "Tamil", "Tamil letters"),
        ("Ελένη", "Greek", "Greek letters"),
        ("王小明", "Han", "CJK ideographs are called Han"),
        ("Иван Smith", "Latin", "five Latin letters outnumber four Cyrillic ones"),
        ("Ab Вг", "Latin", "a tie goes to the script met first"),
        ("Ｉｖａｎ", "Latin", "full-width Latin is Latin"),
        ("12-34", None, "no letters, no script"),
    ],
)
def test_script_of(text: str, expected: str | None, why: str) -> None:
    assert script_of(text) == expected, why


def test_every_corpus_display_name_gives_a_clean_key() -> None:
    """FN values of real vCards (Greek, Bopomofo, Cyrillic, umlauts, broken bytes) all give
    lower-case ASCII words and nothing else."""
    names = [
        line.split(":", 1)[1]
        for path in sorted((CORPUS / "vcard").glob("*.vcf"))
        for line in path.read_bytes().decode("utf-8", errors="replace").splitlines()
        if line.upper().startswith("FN") and ":" in line
    ]
    assert len(names) > 20
    for name in names:
        assert KEY_SHAPE.fullmatch(latin_key(name)), name
