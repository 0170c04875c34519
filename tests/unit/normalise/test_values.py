"""Truth tables for amounts, currencies, yes/no flags, gender and language."""

from __future__ import annotations

import pytest

from tasks.normalise.problems import FieldProblem
from tasks.normalise.values import (
    currency_in_amount,
    is_empty_gender,
    normalise_currency,
    normalise_gender,
    normalise_language,
    parse_amount,
    parse_flag,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("1 234,50", 1234.5, "Russian: space groups, comma decimal"),
        ("1\u00a0234,50", 1234.5, "a no-break space groups too"),
        ("1.234,50", 1234.5, "German: the last mark is the decimal one"),
        ("1,234.50", 1234.5, "English: the last mark is the decimal one"),
        ("₹1,00,000", 100000.0, "Indian lakh grouping, repeated commas"),
        ("$1,234", 1234.0, "one comma with three digits after it groups"),
        ("12,5", 12.5, "one comma with one digit after it is decimal"),
        ("1.234", 1.234, "a lone dot is always decimal"),
        ("1234 руб.", 1234.0, "a currency word and its dot"),
        ("Rs. 5,000", 5000.0, "Rs. before the number"),
        ("-12.5", -12.5, "a sign"),
    ],
)
def test_parse_amount(text: str, expected: float, why: str) -> None:
    assert parse_amount(text) == pytest.approx(expected), why


@pytest.mark.parametrize("text", ["abc", "", "₹", "1,2.3.4,5"])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        parse_amount(text)
    assert caught.value.rule == "amount_is_a_number"


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("₽", "RUB", "the rouble sign"),
        ("руб.", "RUB", "the Russian abbreviation with its dot"),
        ("Rs", "INR", "the rupee abbreviation"),
        ("₹", "INR", "the rupee sign"),
        ("$", "USD", "a bare dollar is the US dollar"),
        ("eur", "EUR", "a code in small letters"),
        ("CHF", "CHF", "any three letters are taken as a code"),
    ],
)
def test_normalise_currency(text: str, expected: str, why: str) -> None:
    assert normalise_currency(text) == expected, why


def test_normalise_currency_rejects() -> None:
    with pytest.raises(FieldProblem) as caught:
        normalise_currency("доллары")
    assert caught.value.rule == "currency_is_known"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("₹1,00,000", "INR"), ("1 234 ₽", "RUB"), ("$1,234", "USD"), ("1234", None)],
)
def test_currency_in_amount(text: str, expected: str | None) -> None:
    assert currency_in_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("TRUE", True), ("1", True), ("да", True), ("x", True), ("✓", True),
     ("no", False), ("false", False), ("0", False), ("нет", False)],
)  # fmt: skip
def test_parse_flag(text: str, expected: bool) -> None:
    assert parse_flag(text) is expected


def test_parse_flag_rejects_and_names_the_field() -> None:
    with pytest.raises(FieldProblem) as caught:
        parse_flag("maybe", "opted_out")
    assert caught.value.rule == "opted_out_is_a_flag"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("F", "female"), ("m", "male"), ("Ж", "female"), ("М", "male"), ("женский", "female"),
     ("Мужской", "male"), ("Female", "female"), ("male", "male"), ("महिला", "female"),
     ("पुरुष", "male")],
)  # fmt: skip
def test_normalise_gender(text: str, expected: str) -> None:
    assert normalise_gender(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Unspecified", True, "Outlook's CSV export and Google's People API"),
        ("not specified", True, "a form's wording"),
        ("UNKNOWN", True, "any case"),
        ("U", True, "vCard 4.0: unknown"),
        ("N", True, "vCard 4.0: none or not applicable"),
        ("Не указан", True, "Russian forms and VK"),
        ("не указано", True, "the neuter form"),
        ("Rather not say", True, "Google's option: no value given"),
        ("M", False, "a gender"),
        ("other", False, "a value, if not one Rapport greets by: rejected, not empty"),
        ("?", False, "noise is a bad value"),
    ],
)
def test_is_empty_gender(text: str, expected: bool, why: str) -> None:
    assert is_empty_gender(text) is expected, why


@pytest.mark.parametrize("text", ["other", "?", "unknown"])
def test_normalise_gender_rejects(text: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        normalise_gender(text)
    assert caught.value.rule == "gender_is_known"


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("ru", "ru", "an ISO 639-1 code"),
        ("EN", "en", "any case"),
        ("en-US", "en", "a BCP 47 tag"),
        ("hi_IN", "hi", "a POSIX locale"),
        ("rus", "ru", "an ISO 639-2 code"),
        ("Russian", "ru", "an English name"),
        ("Русский", "ru", "a native name"),
        ("हिन्दी", "hi", "Hindi in Devanagari"),
        ("தமிழ்", "ta", "Tamil in Tamil"),
        ("iw", "he", "a withdrawn code"),
    ],
)
def test_normalise_language(text: str, expected: str, why: str) -> None:
    assert normalise_language(text) == expected, why


@pytest.mark.parametrize("text", ["xx", "Klingon", ""])
def test_normalise_language_rejects(text: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        normalise_language(text)
    assert caught.value.rule == "language_is_known"
