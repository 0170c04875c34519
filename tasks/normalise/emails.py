"""Email addresses: one normal form, checked with ``email_validator``."""

from __future__ import annotations

import unicodedata
import urllib.parse

from email_validator import EmailNotValidError, validate_email

from tasks.normalise.problems import FieldProblem

RULE = "email_is_valid"
REASON = "is not a valid email address"
_EDGES = " \t\r\n<>\"'(),;:[]"


def normalise_email(text: str) -> str:
    """The normal form of an email address: trimmed, without ``mailto:`` or angle brackets,
    lower-cased as a whole (local part included, as mail providers treat it), syntax-checked.

    ``Ivan Petrov <Ivan@Example.COM>`` and ``mailto:ivan@example.com?subject=hi`` both give
    ``ivan@example.com``. An internationalised domain keeps its Unicode form, lower-cased
    (``user@xn--bcher-kva.de`` gives ``user@bücher.de``), so one domain has one spelling;
    Unicode local parts (RFC 6532) are allowed. Deliverability (DNS) is not checked.

    Rejects with :class:`FieldProblem` (rule ``email_is_valid``) anything that is not an
    address: no ``@``, no dot in the domain, two addresses in one cell, a placeholder.
    """
    value = unicodedata.normalize("NFC", text).strip()
    if "<" in value and ">" in value:  # "Name <address>": the address inside the last brackets
        value = value[value.rindex("<") + 1 :].split(">", 1)[0]
    value = value.strip(_EDGES)
    if value[:7].casefold() == "mailto:":
        value = urllib.parse.unquote(value[7:].split("?", 1)[0]).strip(_EDGES)
    if "@" not in value:
        raise FieldProblem(RULE, REASON)
    try:
        checked = validate_email(value, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        raise FieldProblem(RULE, REASON) from None
    return checked.normalized.lower()
