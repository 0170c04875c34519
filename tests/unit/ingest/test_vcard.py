"""The vCard reader: encodings, unfolding, properties, fields, keys and the corpus."""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest

from schemas.records import RawRecord
from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.vcard import (
    BINARY,
    decode_file,
    logical_lines,
    parse_property,
    read,
    split_escaped,
    unescape,
)

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "vcard"


def read_path(path: Path) -> ReadResult:
    return read(SourceConfig(name="cards", kind="vcard", path=path), ReadContext())


def card(tmp_path: Path, *lines: str, encoding: str = "utf-8", name: str = "c.vcf") -> RawRecord:
    text = "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD", ""])
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    (record,) = read_path(path).records
    return record


def corpus(name: str) -> dict[str, RawRecord]:
    return {r.record_key: r for r in read_path(CORPUS / name).records}


# --- text ---------------------------------------------------------------------------------------

TEXT = "BEGIN:VCARD\r\nFN:Jürgen Łukasz\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("utf-16"), "UTF-16 with BOM"),
        (TEXT.encode("utf-16-be"), "UTF-16 BE without BOM"),
        (TEXT.encode("utf-16-le"), "UTF-16 LE without BOM"),
    ],
)
def test_file_encodings(data: bytes, why: str) -> None:
    assert decode_file(data) == TEXT, why


def test_bytes_that_are_not_utf8_are_decoded_per_property(tmp_path: Path) -> None:
    record = card(tmp_path, "FN:Fran\xe7ois Do\xeb", encoding="cp1252")
    assert record.fields["full_name"] == ["François Doë"]
    record = card(tmp_path, "FN;CHARSET=ISO-8859-2:Paweł", encoding="iso-8859-2")
    assert record.fields["full_name"] == ["Paweł"]


UNFOLDING = [
    ("FN:Jo\r\n hn\r\n", ["FN:John"], "CRLF and a space"),
    ("FN:Jo\n\thn\n", ["FN:John"], "LF and a tab"),
    ("FN:Jo\r\r\n hn\r\r\n", ["FN:John"], "CR CR LF (iPhone)"),
    ("NOTE:a\r\n  b\r\n", ["NOTE:a b"], "only one space is the fold"),
    (
        "LABEL;QUOTED-PRINTABLE:Line=0A=\r\nNext\r\nUID:1\r\n",
        ["LABEL;QUOTED-PRINTABLE:Line=0ANext", "UID:1"],
        "QP soft break, continuation without a space",
    ),
    (
        "NOTE;ENCODING=QUOTED-PRINTABLE:a=\r\nEND:VCARD\r\n",
        ["NOTE;ENCODING=QUOTED-PRINTABLE:a=", "END:VCARD"],
        "a soft break never swallows END:VCARD",
    ),
    ("NOTE:ends with =\r\nUID:1\r\n", ["NOTE:ends with =", "UID:1"], "= without QP is text"),
]


@pytest.mark.parametrize(("text", "expected", "why"), UNFOLDING)
def test_unfolding(text: str, expected: list[str], why: str) -> None:
    assert [line for line in logical_lines(text) if line] == expected, why


def test_property_parsing() -> None:
    prop = parse_property('item1.email;type="INTERNET,pref";Type=home:a@x.org')
    assert prop is not None
    assert (prop.group, prop.name, prop.value) == ("item1", "EMAIL", "a@x.org")
    assert prop.types() == {"internet", "pref", "home"}
    bare = parse_property("TEL;WORK;VOICE;QUOTED-PRINTABLE;CHARSET=UTF-8:1")
    assert bare is not None
    assert bare.params == {"TYPE": ["WORK", "VOICE"], "ENCODING": ["QUOTED-PRINTABLE"]} | {
        "CHARSET": ["UTF-8"]
    }
    quoted = parse_property('ADR;LABEL="Main St: 1\\nTown":;;Main St 1;Town;;;')
    assert quoted is not None and quoted.value == ";;Main St 1;Town;;;"
    assert parse_property("FN") is None


def test_escapes() -> None:
    assert split_escaped("a\\;b;c", ";") == ["a\\;b", "c"]
    assert unescape("Doe\\, John\\nline\\;x\\\\y http\\://z") == "Doe, John\nline;x\\y http://z"


# --- fields -------------------------------------------------------------------------------------

FIELDS = [
    # (content lines, field, expected values, why)
    (["N:Dummy\\, Dummy;Jo"], "family_name", ["Dummy, Dummy"], "escaped comma"),
    (["N:Doe;John;Richter,James;Mr.;Sr."], "middle_name", ["Richter James"], "a list of names"),
    (["N:Doe;John;Richter\\, James;Mr.;Sr."], "middle_name", ["Richter, James"], "escaped"),
    (["N:Doe;John;;Dr.;"], "honorific", ["Dr."], "prefix"),
    (["N:Doe;John;;Dr.;"], "family_name", ["Doe"], "family"),
    (["NICKNAME:Jo,Johnny"], "nickname", ["Jo", "Johnny"], "a 3.0 list"),
    (["NICKNAME:Johny\\,JayJay"], "nickname", ["Johny,JayJay"], "escaped comma stays"),
    (["EMAIL:a@x.org", "item1.EMAIL;TYPE=work:b@x.org"], "email", ["a@x.org", "b@x.org"], "all"),
    (["TEL;VALUE=uri;TYPE=home:tel:+1-555-555-5555;ext=5555"], "phone", ["+1-555-555-5555"], "uri"),
    (["TEL;TYPE=CELL:+7 916 123"], "mobile", ["+7 916 123"], "CELL"),
    (['TEL;TYPE="work,cell,voice":tel:+1-418'], "mobile", ["+1-418"], "quoted list"),
    (["TEL;CELL;PREF:123"], "mobile", ["123"], "2.1 bare cell"),
    (["TEL;type=HOME;type=FAX:905"], "phone", ["905"], "others are phone"),
    (["BDAY:19800517"], "birthday", ["19800517"], "basic"),
    (["BDAY;value=date:1980-05-17"], "birthday", ["1980-05-17"], "extended"),
    (["BDAY:--0517"], "birthday", ["--0517"], "no year, 4.0"),
    (["BDAY:--05-17"], "birthday", ["--05-17"], "no year, extended"),
    (["BDAY:1604-05-17"], "birthday", ["--05-17"], "Apple's year 1604 means no year"),
    (["ANNIVERSARY:20090808T1430-0500"], "anniversary", ["20090808T1430-0500"], "4.0"),
    (["X-ANNIVERSARY:1990-04-30"], "anniversary", ["1990-04-30"], "Thunderbird"),
    (["X-MS-ANNIVERSARY:20110113"], "anniversary", ["20110113"], "Outlook"),
    (["X-EVOLUTION-ANNIVERSARY:1980-03-22"], "anniversary", ["1980-03-22"], "Evolution"),
    (
        ["item4.X-ABDATE:1970-06-02", "item4.X-ABLabel:_$!<Anniversary>!$_"],
        "anniversary",
        ["1970-06-02"],
        "Apple, by its label",
    ),
    (["GENDER:F"], "gender", ["female"], "4.0 F"),
    (["GENDER:M;boss"], "gender", ["male"], "4.0 with a comment"),
    (["X-GENDER:Male"], "gender", ["male"], "X-GENDER"),
    (["ORG:Company, The;Department"], "company", ["Company, The"], "first component"),
    (["LANG;PREF=2:en", "LANG;PREF=1:fr"], "language", ["fr", "en"], "by preference"),
    (["TZ:Europe/Moscow"], "timezone", ["Europe/Moscow"], "IANA"),
]


@pytest.mark.parametrize(("lines", "field", "expected", "why"), FIELDS)
def test_fields(
    tmp_path: Path, lines: list[str], field: str, expected: list[str], why: str
) -> None:
    record = card(tmp_path, "FN:Somebody", *lines)
    assert record.fields.get(field) == expected, why


@pytest.mark.parametrize(
    ("lines", "absent"),
    [
        (["X-ABDATE:1776-07-04"], "anniversary"),  # no Anniversary label
        (["TZ:-0500"], "timezone"),
        (["TZ:1:00"], "timezone"),
        (["TZ:Not/AZone"], "timezone"),
        (["X-MS-IMADDRESS:im@aim.com"], "email"),
        (["N:;;;;"], "family_name"),
    ],
)
def test_values_that_are_not_fields(tmp_path: Path, lines: list[str], absent: str) -> None:
    assert absent not in card(tmp_path, "FN:Somebody", *lines).fields


ADDRESSES = [
    (
        [
            "ADR;TYPE=work:;;1 Work St;Worktown;;111;Land",
            "ADR;TYPE=home:;Apt 2;2 Home St;Hom;R;2;C",
        ],
        {"street": ["2 Home St\nApt 2"], "city": ["Hom"], "region": ["R"], "postcode": ["2"]}
        | {"country": ["C"]},
        "home before a work address",
    ),
    (
        ["ADR;TYPE=home:;;2 Home St;Hom;;;", "ADR;TYPE=work,pref:;;1 Work St;Worktown;;;"],
        {"street": ["1 Work St"], "city": ["Worktown"]},
        "a preferred address first",
    ),
    (
        ["ADR;TYPE=home:;;;;;;", "ADR:PO Box 5;;;Town;;9;Country"],
        {"street": ["PO Box 5"], "city": ["Town"], "postcode": ["9"], "country": ["Country"]},
        "an empty address is skipped",
    ),
]


@pytest.mark.parametrize(
    ("lines", "field", "expected", "why"),
    [
        (['TEL;VALUE=uri;TYPE="cell,voice":tel:+1-555-555-0100'], "mobile", ["+1-555-555-0100"],
         "a quoted TYPE list holding cell, with a tel: URI"),
        (['TEL;TYPE="voice, CELL":+1-555'], "mobile", ["+1-555"], "spaces and case in the list"),
        (["TEL;TYPE=voice,cell:+1-556"], "mobile", ["+1-556"], "an unquoted comma list"),
        (['TEL;TYPE="voice","cell":+1-557'], "mobile", ["+1-557"], "a list of quoted values"),
        (["TEL;CELL,VOICE:+1-558"], "mobile", ["+1-558"], "a bare 2.1 list"),
        (['TEL;TYPE="voice,fax":+1-559'], "phone", ["+1-559"], "a list without cell"),
        (['TEL;TYPE="x-cellar":+1-560'], "phone", ["+1-560"], "cell only as a whole value"),
    ],
)  # fmt: skip
def test_mobile_from_type_lists(
    tmp_path: Path, lines: list[str], field: str, expected: list[str], why: str
) -> None:
    fields = card(tmp_path, "FN:Somebody", *lines).fields
    other = "phone" if field == "mobile" else "mobile"
    assert (fields.get(field), fields.get(other)) == (expected, None), why


def versioned_card(tmp_path: Path, version: str, *lines: str) -> RawRecord:
    text = "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", "FN:Somebody", *lines, "END:VCARD"])
    path = tmp_path / "v.vcf"
    path.write_bytes(text.encode("utf-8"))
    (record,) = read_path(path).records
    return record


@pytest.mark.parametrize(
    ("version", "line", "street", "why"),
    [
        ("2.1", "ADR;HOME:;;ул. Советская, д. 5, кв. 14;Москва;;101000;Россия",
         "ул. Советская, д. 5, кв. 14", "2.1: commas are the street's own"),
        ("2.1", "ADR;HOME:;;ул. Ленина,д.5,кв.14;Москва;;;", "ул. Ленина,д.5,кв.14",
         "2.1: kept exactly, not re-spaced as a list"),
        ("2.1", "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;=D1=83=D0=BB. =D0=9B,"
         "=D0=B4.5;;;;", "ул. Л,д.5", "2.1 quoted-printable: the comma is still literal"),
        ("2.1", "ADR;HOME:;;Silicon Alley 5,;New York;;;", "Silicon Alley 5",
         "a comma dangling at the end says nothing"),
        ("2.1", "ADR;HOME:;;a\\;b;Town;;;", "a;b", "2.1 escapes only the semicolon"),
        ("3.0", "ADR;TYPE=home:;;ул. Ленина,д.5,кв.14;Москва;;;", "ул. Ленина, д.5, кв.14",
         "3.0: a list of street parts, joined with ', '"),
        ("4.0", "ADR;TYPE=home:;;Main St 1,Building B,,;Town;;;", "Main St 1, Building B",
         "4.0: empty list values are left out"),
        ("3.0", "ADR;TYPE=home:;;ул. Советская\\, д. 5;Москва;;;", "ул. Советская, д. 5",
         "3.0: an escaped comma is a comma"),
    ],
)  # fmt: skip
def test_address_commas_by_version(
    tmp_path: Path, version: str, line: str, street: str, why: str
) -> None:
    record = versioned_card(tmp_path, version, line)
    assert record.fields["street"] == [street], why


def test_corpus_outlook_21_name_lists_still_split() -> None:
    """Only ADR keeps 2.1 commas: Outlook's ``N:Doe;John;Richter,James`` lists two middle names
    (its FN reads "Mr. John Richter James Doe Sr.")."""
    (record,) = corpus("John_Doe_MS_OUTLOOK.vcf").values()
    assert record.fields["middle_name"] == ["Richter James"]
    assert record.fields["street"] == ["Cresent moon drive"], "the preferred work address"


@pytest.mark.parametrize(("lines", "expected", "why"), ADDRESSES)
def test_address_choice(
    tmp_path: Path, lines: list[str], expected: dict[str, list[str]], why: str
) -> None:
    fields = card(tmp_path, "FN:Somebody", *lines).fields
    keys = ("street", "city", "region", "postcode", "country")
    assert {k: v for k, v in fields.items() if k in keys} == expected, why


def test_quoted_printable_charsets(tmp_path: Path) -> None:
    record = card(tmp_path, "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen")
    assert record.fields["full_name"] == ["Jürgen"]
    record = card(tmp_path, "FN;CHARSET=windows-1252;QUOTED-PRINTABLE:Fran=E7ois")
    assert record.fields["full_name"] == ["François"]
    record = card(tmp_path, "FN;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski")  # no CHARSET: cp1250
    assert record.fields["full_name"] == ["Iksiński"]


def test_raw_keeps_the_card_but_not_binary(tmp_path: Path) -> None:
    record = card(
        tmp_path,
        "FN:Ann",
        "TEL:1",
        "TEL:2",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg",
        " ABCDEF",
        "item1.URL:http\\://x.org",
    )
    assert record.raw == {
        "VERSION": "3.0",
        "FN": "Ann",
        "TEL": ["1", "2"],
        "PHOTO": BINARY,
        "item1.URL": "http\\://x.org",
    }


def test_empty_card_and_nested_agent(tmp_path: Path) -> None:
    path = tmp_path / "two.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nPHOTO;ENCODING=BASE64;JPEG:AAAA\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:Boss\nAGENT:\nBEGIN:VCARD\nFN:Agent\nEND:VCARD\nEMAIL:b@x.org\nEND:VCARD\n"
    )
    result = read_path(path)
    assert [(q.record_key, q.field, q.rule) for q in result.quarantined] == [
        ("two.vcf#1", None, "empty_card")
    ]
    (record,) = result.records
    assert record.record_key == "two.vcf#2"
    assert record.fields == {"full_name": ["Boss"], "email": ["b@x.org"]}


def test_keys_and_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.vcf").write_text(
        "BEGIN:VCARD\nFN:B1\nEND:VCARD\nBEGIN:VCARD\nFN:B2\nEND:VCARD\n"
    )
    (tmp_path / "sub" / "a.VCARD").write_text("begin:vcard\nfn:A\nend:vcard\n")
    (tmp_path / "notes.txt").write_text("not a card")
    result = read_path(tmp_path)
    assert [(r.record_key, r.fields["full_name"]) for r in result.records] == [
        ("b.vcf#1", ["B1"]),
        ("b.vcf#2", ["B2"]),
        ("sub/a.VCARD#1", ["A"]),
    ]
    assert [r.record_key for r in read_path(tmp_path / "sub" / "a.VCARD").records] == ["a.VCARD#1"]


def test_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "junk.vcf").write_bytes(b"PK\x03\x04 a zip, not a card")
    with pytest.raises(SourceError, match="not a vCard") as caught:
        read_path(tmp_path)
    assert caught.value.where.endswith("junk.vcf")
    with pytest.raises(SourceError, match="no such file"):
        read_path(tmp_path / "missing.vcf")
    (tmp_path / "junk.vcf").write_bytes(b"")
    assert read_path(tmp_path).records == []


# --- the corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_every_corpus_file_reads(path: Path) -> None:
    result = read_path(path)
    assert result.read >= 1
    for record in result.records:
        assert record.record_key.startswith(path.name + "#")
        assert all(values and all(values) for values in record.fields.values())
        assert all("\ufffd" not in v for values in record.fields.values() for v in values)


def test_corpus_multiple_versions_with_umlauts() -> None:
    records = corpus("nodevcf_multiple.vcf")
    assert list(records) == [
        "nodevcf_multiple.vcf#1",
        "nodevcf_multiple.vcf#2",
        "nodevcf_multiple.vcf#3",
    ]
    assert records["nodevcf_multiple.vcf#1"].fields["street"] == ["Heidestraße 17"]
    assert records["nodevcf_multiple.vcf#3"].fields["city"] == ["Köln"]
    for record in records.values():
        assert record.fields["full_name"] == ["Dr. Erika Mustermann"]
        assert record.fields["email"] == ["erika@mustermann.de"]


def test_corpus_utf16_without_bom() -> None:
    (record,) = corpus("roundcube_utf-16_sample.vcf").values()
    assert record.fields["full_name"] == ["Ǽgean ĽdaMonté"]
    assert record.fields["country"] == ["Perú"]


def test_corpus_the_bat_polish_and_windows_1252() -> None:
    (record,) = corpus("roundcube_thebat.vcf").values()
    assert record.fields["full_name"] == ["Piotr Iksiński"]
    assert record.fields["family_name"] == ["Iksiński"]
    assert record.fields["gender"] == ["male"]
    (record,) = corpus("roundcube_johndoe.vcf").values()
    assert record.fields["full_name"] == ["John Doë"]
    assert record.fields["mobile"] == ["+987654321"]


def test_corpus_birthdays_and_anniversaries() -> None:
    assert corpus("rfc6350-example.vcf")["rfc6350-example.vcf#1"].fields["birthday"] == ["--0203"]
    outlook = corpus("outlook-2007.vcf")["outlook-2007.vcf#1"].fields
    assert (outlook["birthday"], outlook["anniversary"]) == (["19220310"], ["20120801"])
    thunderbird = corpus("thunderbird-MoreFunctionsForAddressBook-extension.vcf")
    fields = thunderbird["thunderbird-MoreFunctionsForAddressBook-extension.vcf#1"].fields
    assert (fields["birthday"], fields["anniversary"]) == (["1970-09-21"], ["1990-04-30"])
    iphone = corpus("John_Doe_IPHONE.vcf")["John_Doe_IPHONE.vcf#1"].fields
    assert iphone["birthday"] == ["2012-06-06"]


def test_corpus_greek_bopomofo_cyrillic_intact() -> None:
    (record,) = corpus("kcontacts_vcard9.vcf").values()
    assert record.fields["full_name"] == ["βγδεαβγδ1" * 11]
    assert record.fields["family_name"] == ["123ㄓㄕㄖbcde" + "αβγδ" * 6 + "αβㄤㄓㄕㄖ"]
    assert record.raw["NOTE"].startswith("Длинный комментарий на русском языке")


def test_corpus_five_broken_qp_cards() -> None:
    records = corpus("kcontacts_vcard10.vcf")
    assert len(records) == 5
    assert records["kcontacts_vcard10.vcf#1"].fields["street"] == [
        "DDDDDDDDDDDDDDD-Staße 2\n00000 DDDDDDDDDD"
    ]
    second = records["kcontacts_vcard10.vcf#2"].fields
    assert (second["street"], second["city"], second["postcode"]) == (
        ["AAAAAAA-AäAAAAA 11"],
        ["Urt"],
        ["00000"],
    )


def test_corpus_cards_without_identity_and_odd_forms() -> None:
    for name in ("nodevcf_photo-base64.vcf", "sabre_issue64.vcf", "kcontacts_vcard7.vcf"):
        result = read_path(CORPUS / name)
        assert result.records == []
        assert [q.rule for q in result.quarantined] == ["empty_card"], name
    (record,) = corpus("kcontacts_vcard3.vcf").values()
    assert record.fields["email"] == ["geiseri@yahoo.com"]  # all lower-case keywords
    (record,) = corpus("nodevcf_quoted-list.vcf").values()
    assert record.fields == {"phone": ["+1-555-555-5555"]}
    (record,) = corpus("kcontacts_vcard4.vcf").values()
    assert record.fields["company"] == ["Ximian, Inc."]
    assert "full_name" not in record.fields  # "FN" without a colon


def test_mutated_corpus_cards_never_raise(tmp_path: Path) -> None:
    noise = b':;,="\\ \t\r\n=?-.\x00\xff\xc3\xa9'
    rng = random.Random(2024)
    samples = [path.read_bytes()[:3000] for path in sorted(CORPUS.iterdir())]
    path = tmp_path / "fuzz.vcf"
    for _ in range(300):
        data = bytearray(rng.choice(samples))
        for _ in range(rng.randint(1, 25)):
            at = rng.randrange(len(data) + 1)
            data[at:at] = bytes([rng.choice(noise)])
        path.write_bytes(bytes(data))
        try:
            result = read_path(path)
        except SourceError:  # a clean "not a vCard file" is a fine answer to noise
            continue
        for record in result.records:
            json.dumps([record.fields, record.raw], ensure_ascii=False).encode("utf-8")


def test_a_stray_nul_does_not_make_utf8_utf16() -> None:
    text = decode_file("BEGIN:VCARD\r\nFN:Jürgen\x00\r\nEND:VCARD\r\n".encode())
    assert text.startswith("BEGIN:VCARD\r\nFN:Jürgen")
