"""The personal address in the contact's language, from ``data/reference/salutations.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tasks.normalise.translit import latin_key, script_of

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "salutations.csv"
# languages written in a script of their own; the others are written in Latin letters
OWN_SCRIPT = {"ru": "Cyrillic", "hi": "Devanagari", "ta": "Tamil"}


@dataclass(frozen=True, slots=True)
class Templates:
    """(language, gender) -> (template, fallback); gender ``any`` when it does not matter."""

    table: dict[tuple[str, str], tuple[str, str]]


def load_templates(path: Path = REFERENCE) -> Templates:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        table = {(r["language"], r["gender"]): (r["template"], r["fallback"]) for r in rows}
    return Templates(table)


def written_in(templates: Templates, language: str) -> str:
    """The language a salutation is written in: ``language`` when there are templates for it,
    else English."""
    return language if any(k[0] == language for k in templates.table) else "en"


def address_name(language: str, given: str | None, middle: str | None) -> str | None:
    """Russian goes by name and patronymic ("Иван Петрович"); others by the given name."""
    if not given:
        return None
    if language == "ru" and middle:
        return f"{given} {middle}"
    return given


def salutation(
    templates: Templates,
    language: str,
    gender: str | None,
    given: str | None,
    middle: str | None,
    russian_in_english: bool = False,
) -> str:
    """The salutation line; the neutral fallback when the name is unknown.

    ``russian_in_english``: a Russian contact written to in English keeps the patronymic
    ("Dear Ivan Petrovich").
    """
    lang = written_in(templates, language)
    template, fallback = templates.table.get(
        (lang, gender or "any"), templates.table.get((lang, "any"), templates.table[("en", "any")])
    )
    name = address_name("ru" if russian_in_english else lang, given, middle)
    if name and lang not in OWN_SCRIPT and script_of(name) not in (None, "Latin"):
        name = latin_key(name).title() or None  # "Dear Ivan Petrovich" for Иван Петрович
    return template.format(name=name) if name else fallback
