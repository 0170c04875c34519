"""Truth tables for email addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.normalise.emails import normalise_email
from tasks.normalise.problems import FieldProblem

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("  Ivan.Petrov@Example.COM ", "ivan.petrov@example.com", "trimmed and lower-cased whole"),
        ("<ivan@example.com>", "ivan@example.com", "angle brackets stripped"),
        ("mailto:Ivan@Example.com?subject=Hi", "ivan@example.com", "mailto: URI, query dropped"),
        ("MAILTO:%69van@example.com", "ivan@example.com", "mailto: is case-insensitive, unquoted"),
        ("Ivan Petrov <Ivan@Example.com>", "ivan@example.com", "a display name around it"),
        ('"ivan@example.com"', "ivan@example.com", "quotes from a spreadsheet cell"),
        ("user@xn--bcher-kva.de", "user@bücher.de", "an IDNA domain keeps its Unicode form"),
        ("Иван@Почта.РФ", "иван@почта.рф", "an internationalised address, lower-cased"),
    ],
)
def test_normalise_email(text: str, expected: str, why: str) -> None:
    assert normalise_email(text) == expected, why


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("n/a", "a placeholder"),
        ("ivan", "no @"),
        ("ivan@localhost", "no dot in the domain"),
        ("ivan..petrov@example.com", "two dots in a row"),
        ("a@example.com, b@example.com", "two addresses in one cell"),
        ("mailto:", "a bare scheme"),
    ],
)
def test_rejects(text: str, why: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        normalise_email(text)
    assert caught.value.rule == "email_is_valid", why
    assert text.strip() == "" or text not in str(caught.value), "the value is never in a reason"


def test_corpus_vcard_emails() -> None:
    """Every EMAIL of the real vCards is either a clean lower-case address or a FieldProblem:
    nothing else is raised, even for quoted-printable junk."""
    values = [
        line.split(":", 1)[1]
        for path in sorted((CORPUS / "vcard").glob("*.vcf"))
        for line in path.read_bytes().decode("utf-8", errors="replace").splitlines()
        if ":" in line and line.split(":", 1)[0].split(";")[0].split(".")[-1].upper() == "EMAIL"
    ]
    good = []
    for value in values:
        try:
            good.append(normalise_email(value))
        except FieldProblem:
            continue
    assert len(good) > 20
    assert all(address == address.lower() and "@" in address for address in good)
    assert "frank_dawson@lotus.com" in good  # written Frank_Dawson@Lotus.com
