"""Phone numbers to E.164 with their type, country and time zones, via ``phonenumbers``."""

from __future__ import annotations

import unicodedata

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers.timezone import time_zones_for_number

from schemas.records import Phone
from tasks.normalise.places import canonical_timezone
from tasks.normalise.problems import FieldProblem

RULE = "phone_is_valid"
REASON = "is not a valid phone number"
_TYPE_NAMES = {
    value: name.lower()
    for name, value in vars(PhoneNumberType).items()
    if name.isupper() and isinstance(value, int)
}
_NO_REGION = frozenset({"001", "ZZ"})


def normalise_phone(text: str, region: str) -> Phone:
    """Parse a phone number written the way people write them; give a :class:`Phone`.

    ``region`` (ISO alpha-2) is where a number without a country code is dialled from, so the
    trunk prefixes work: ``8 916 123-45-67`` with RU is +79161234567, ``0 98765 43210`` with IN
    is +919876543210. ``tel:`` URIs are read; an extension (``x123``, ``ext. 5``, ``;ext=5``) is
    dropped and the main number kept. ``kind`` is phonenumbers' type in lower case (mobile,
    fixed_line, fixed_line_or_mobile, voip, ...); ``timezones`` are canonical IANA names without
    ``Etc/Unknown`` (a Russian mobile gives many: Kazakhstan shares +7).

    Rejects with :class:`FieldProblem` (rule ``phone_is_valid``) anything that is not a possible
    and valid number: ``n/a``, ``-``, ``нет``, too short, an unassigned range.
    """
    value = unicodedata.normalize("NFKC", text).strip()
    if not any(char.isdigit() for char in value):
        raise FieldProblem(RULE, REASON)
    try:
        number = phonenumbers.parse(value, region.upper())
    except NumberParseException:
        raise FieldProblem(RULE, REASON) from None
    if not (phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number)):
        raise FieldProblem(RULE, REASON)
    country = phonenumbers.region_code_for_number(number)
    zones: list[str] = []
    for name in time_zones_for_number(number):
        zone = canonical_timezone(name)
        if zone is not None and zone not in zones:
            zones.append(zone)
    return Phone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        kind=_TYPE_NAMES.get(phonenumbers.number_type(number), "unknown"),
        country=None if country is None or country in _NO_REGION else country,
        timezones=tuple(zones),
    )


def can_take_sms(phone: Phone, us_ca_fixed_or_mobile_ok: bool) -> bool:
    """Whether a text message can go to ``phone``.

    A ``mobile`` number always can. A ``fixed_line_or_mobile`` one can only when the flag is
    true: that is how US and Canadian numbers, which phonenumbers never types as mobile, get SMS
    (config ``channels.sms_to_fixed_line_or_mobile``). Any other kind cannot.
    """
    if phone.kind == "mobile":
        return True
    return us_ca_fixed_or_mobile_ok and phone.kind == "fixed_line_or_mobile"
