"""Truth tables for phone numbers and who can take a text message."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.records import Phone
from tasks.normalise.phones import can_take_sms, normalise_phone
from tasks.normalise.problems import FieldProblem

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"


@pytest.mark.parametrize(
    ("text", "region", "e164", "kind", "country", "why"),
    [
        ("8 916 123-45-67", "RU", "+79161234567", "mobile", "RU", "Russian trunk prefix 8"),
        ("+7 (916) 123-45-67", "IN", "+79161234567", "mobile", "RU", "a + wins over the region"),
        ("0 98765 43210", "IN", "+919876543210", "mobile", "IN", "Indian trunk prefix 0"),
        ("(201) 555-0123", "US", "+12015550123", "fixed_line_or_mobile", "US", "US never mobile"),
        ("tel:+1-201-555-0123;ext=1234", "RU", "+12015550123", "fixed_line_or_mobile", "US",
         "a tel: URI with an extension keeps the main number"),
        ("+1 201 555 0123 x123", "RU", "+12015550123", "fixed_line_or_mobile", "US",
         "an x extension is dropped"),
        ("+7 495 123-45-67 доб. 123", "RU", "+74951234567", "fixed_line", "RU",
         "a Russian доб. extension is dropped"),
        ("+44 20 7946 0958", "RU", "+442079460958", "fixed_line", "GB", "a London number"),
        ("＋７ ９１６ １２３ ４５ ６７", "RU", "+79161234567", "mobile", "RU", "full-width digits"),
        ("+800 1234 5678", "RU", "+80012345678", "toll_free", None, "non-geographic: no country"),
    ],
)  # fmt: skip
def test_normalise_phone(
    text: str, region: str, e164: str, kind: str, country: str | None, why: str
) -> None:
    phone = normalise_phone(text, region)
    assert (phone.e164, phone.kind, phone.country) == (e164, kind, country), why


@pytest.mark.parametrize(
    ("text", "region", "zones", "why"),
    [
        ("+91 98765 43210", "IN", ("Asia/Kolkata",), "phonenumbers says Asia/Calcutta: canonical"),
        ("+7 495 123-45-67", "RU", ("Europe/Moscow",), "a Moscow landline has one zone"),
        ("+1 201 555 0123", "US", ("America/New_York",), "a New Jersey area code"),
        ("+800 1234 5678", "RU", (), "Etc/Unknown is left out"),
    ],
)
def test_timezones(text: str, region: str, zones: tuple[str, ...], why: str) -> None:
    assert normalise_phone(text, region).timezones == zones, why


def test_russian_mobile_keeps_every_zone() -> None:
    """+7 is shared with Kazakhstan: a Russian mobile implies many zones, all canonical."""
    zones = normalise_phone("+7 916 123 45 67", "RU").timezones
    assert len(zones) > 5
    assert {"Europe/Moscow", "Asia/Novosibirsk", "Asia/Almaty"} <= set(zones)
    assert "Etc/Unknown" not in zones


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("n/a", "a placeholder"),
        ("-", "a dash"),
        ("нет", "Russian 'no'"),
        ("", "empty"),
        ("12345", "too short to be possible"),
        ("+7 000 000-00-00", "possible length but not a valid range"),
        ("MobilePhone", "a label where the number should be (real vCard)"),
    ],
)
def test_rejects(text: str, why: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        normalise_phone(text, "RU")
    assert caught.value.rule == "phone_is_valid", why


@pytest.mark.parametrize(
    ("kind", "flag", "expected", "why"),
    [
        ("mobile", False, True, "a mobile always can"),
        ("mobile", True, True, "a mobile always can"),
        ("fixed_line_or_mobile", True, True, "US/CA numbers when the config allows"),
        ("fixed_line_or_mobile", False, False, "not when it does not"),
        ("fixed_line", True, False, "a landline never can"),
        ("voip", True, False, "nor a VoIP number"),
    ],
)
def test_can_take_sms(kind: str, flag: bool, expected: bool, why: str) -> None:
    phone = Phone(e164="+10000000000", kind=kind, country=None, timezones=())
    assert can_take_sms(phone, flag) is expected, why


def test_corpus_vcard_phones_never_crash() -> None:
    """Every TEL of the real vCards (labels, 6-digit stubs, tel: URIs) is a Phone or a
    FieldProblem, whatever the region."""
    values = [
        line.split(":", 1)[1]
        for path in sorted((CORPUS / "vcard").glob("*.vcf"))
        for line in path.read_bytes().decode("utf-8", errors="replace").splitlines()
        if ":" in line and line.split(":", 1)[0].split(";")[0].split(".")[-1].upper() == "TEL"
    ]
    assert len(values) > 30
    parsed = 0
    for value in values:
        for region in ("US", "RU", "IN"):
            try:
                phone = normalise_phone(value, region)
            except FieldProblem:
                continue
            parsed += 1
            assert phone.e164.startswith("+") and phone.e164[1:].isdigit()
    assert parsed > 0
