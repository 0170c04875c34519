"""records_from_message: display names, address lists, the never-a-contact rules, the corpus."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from schemas.records import Quarantined, RawRecord
from tasks.ingest.mail import (
    MailCollector,
    clean_display_name,
    decode_words,
    message_id,
    message_time,
    parse_addresses,
    records_from_message,
)

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "mail"
MAIL_FILES = sorted(CORPUS.iterdir())
NOBODY: frozenset[str] = frozenset()


def message(headers: str, body: str = "Hello.\n") -> bytes:
    return (headers.strip("\n") + "\n\n" + body).encode("utf-8")


def read(
    data: bytes, place: str = "m.eml", owner: frozenset[str] = NOBODY
) -> tuple[str, list[RawRecord], list[Quarantined]]:
    return records_from_message("mail", data, place, owner)


def corpus(name: str) -> tuple[str, list[RawRecord], list[Quarantined]]:
    return read((CORPUS / name).read_bytes(), name)


def by_key(records: list[RawRecord]) -> dict[str, RawRecord]:
    return {r.record_key: r for r in records}


def rules(quarantined: list[Quarantined]) -> dict[str, str]:
    return {q.record_key: q.rule for q in quarantined}


# --- display names ------------------------------------------------------------------------------

NAMES = [
    # (display name as read, address, expected name, why)
    ("Ivan Petrov", "ivan@x.org", "Ivan Petrov", "plain phrase"),
    ("=?ISO-8859-1?Q?J=F8rn_St=F8ylen?=", "j@x.no", "Jørn Støylen", "Q word, Latin-1"),
    ("=?GB2312?B?1cXPyMn6?=", "b@x.cn", "张先生", "B word, GB2312"),
    ("=?UTF-8?Q?Miros=C5=82aw_Marczak?=", "m@x.pl", "Mirosław Marczak", "Q word, UTF-8"),
    ("=?iso-8859-2?Q?Pawe=B3?=", "p@x.pl", "Paweł", "Latin-2"),
    ("=?UTF-8? Q?Ada?=", "a@x.org", "Ada", "stray space in =?UTF-8? Q?"),
    ("=?UTF-8?B?TXlTdXJ2ZXk=?= =?UTF-8?B?LmNvbSAmIEM=?=", "c@x.org", "MySurvey.com & C", "joined"),
    ("=?UTF-8?Q?=3D=3Futf-8=3FQ=3FAnna=5FLee=3F=3D?=", "a@x.org", "Anna Lee", "word in a word"),
    ("Doe, John", "j@x.org", "John Doe", "Last, First turned around"),
    ("=?iso-8859-1?Q?Last=DFlName=2C_FirstName?=", "c@x.org", "FirstName LastßlName", "encoded"),
    ("Acme, Inc.", "a@x.org", "Acme, Inc.", "a company suffix is not a first name"),
    ("Smith, John, Jr", "s@x.org", "Smith, John, Jr", "three parts stay"),
    ("Sales 2, Team", "s@x.org", "Sales 2, Team", "a digit is not a name part"),
    ("ivan@x.org", "ivan@x.org", None, "the address itself"),
    ("other@y.org", "ivan@x.org", None, "another address as a name"),
    ("=?UTF-8?B?dG9ueS5zdGFya0BleGFtcGxlLmNvbQ==?=", "tony.stark@example.com", None, "encoded"),
    ('"Ivan   Petrov"', "ivan@x.org", "Ivan Petrov", "quotes and spaces"),
    ("'Ivan Petrov'", "ivan@x.org", "Ivan Petrov", "single quotes around"),
    ("", "ivan@x.org", None, "no name"),
    ("Biz Phone\ufffd\ufffd", "b@x.org", "Biz Phone", "replacement characters dropped"),
]


@pytest.mark.parametrize(("phrase", "address", "expected", "why"), NAMES)
def test_display_names(phrase: str, address: str, expected: str | None, why: str) -> None:
    assert clean_display_name(phrase, address) == expected, why


def test_raw_8bit_names_read_as_utf8_else_cp1252() -> None:
    utf8 = b"From: J\xc3\xb6hn Doe <jd@x.org>\nTo: b@x.org\n\n"
    cp1252 = b"From: Andr\xe9 Pirard <ap@x.org>\nTo: b@x.org\n\n"
    assert by_key(read(utf8)[1])["m.eml/from/jd@x.org"].fields["full_name"] == ["Jöhn Doe"]
    assert by_key(read(cp1252)[1])["m.eml/from/ap@x.org"].fields["full_name"] == ["André Pirard"]


def test_decode_words_keeps_plain_text_and_bad_base64() -> None:
    assert decode_words("plain =?UTF-8?B?###?= text") == "plain =?UTF-8?B?###?= text"
    assert decode_words("=?x-unknown?Q?Caf=C3=A9?=") == "Café"


# --- address lists ------------------------------------------------------------------------------

ADDRESSES = [
    # (header value, [(address, phrase)], why)
    ("bbb@ddd.com (John X. Doe)", [("bbb@ddd.com", "John X. Doe")], "comment as name"),
    (
        "Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>",
        [("pete@silly.test", "Pete")],
        "comments inside",
    ),
    (
        "Bob Dunite <bob@extern> Bobby Dunite <bobby@extern>",
        [("bob@extern", "Bob Dunite"), ("bobby@extern", "Bobby Dunite")],
        "no comma, angles",
    ),
    ("tim@a.com concierge@a.com", [("tim@a.com", ""), ("concierge@a.com", "")], "no comma, bare"),
    ("Undisclosed-recipients:;", [], "empty group"),
    ("IETF-Announce:;", [], "empty group"),
    ("unlisted-recipients:; (no To-header on input)", [], "empty group and a comment"),
    ("<Undisclosed-Recipient:@mailman.enron.com;>", [], "a group inside brackets"),
    (
        "A Group(Some people):Chris Jones <c@(host)public.example>, joe@example.org;",
        [("c@public.example", "Chris Jones"), ("joe@example.org", "")],
        "group members",
    ),
    (
        "Mary Smith <@machine.tld:mary@example.net>, , jdoe@test   . example",
        [("mary@example.net", "Mary Smith"), ("jdoe@test.example", "")],
        "route, obsolete dots",
    ),
    (
        '"Giant; \\"Big\\" Box" <sys@example.net>',
        [("sys@example.net", 'Giant; "Big" Box')],
        "quoted specials",
    ),
    ("a@x.org; b@y.org", [("a@x.org", ""), ("b@y.org", "")], "Outlook semicolons"),
    (
        "=?utf-8?Q?Doe,_John?= <j@x.org>",
        [("j@x.org", "=?utf-8?Q?Doe,_John?=")],
        "an encoded word is one token even with a raw comma",
    ),
    ("<a@x.org> =?gb2312?B?1tazobrP?=", [("a@x.org", "")], "trailing junk after an address"),
]


@pytest.mark.parametrize(("value", "expected", "why"), ADDRESSES)
def test_address_lists(value: str, expected: list[tuple[str, str]], why: str) -> None:
    found = [(p.address, p.phrase) for p in parse_addresses(value)]
    assert found == expected, why
    assert all(p.valid for p in parse_addresses(value)), why


@pytest.mark.parametrize("value", ["foo", "XX", "Mary Smith"])
def test_entries_without_an_address_are_invalid(value: str) -> None:
    (only,) = parse_addresses(value)
    assert not only.valid


def test_record_shape() -> None:
    key, records, quarantined = read(
        message(
            "Message-ID: <a1/b@x.org>\nDate: Fri, 4 May 2001 14:05:44 -0400\n"
            "From: Ivan Petrov <Ivan@Example.com>\nTo: ann@x.org\nCc: Ann <ann@x.org>"
        )
    )
    assert key == "<a1/b@x.org>"
    assert quarantined == []
    record = by_key(records)["<a1/b@x.org>/from/ivan@example.com"]
    assert record.fields == {
        "email": ["ivan@example.com"],
        "mail_role": ["from"],
        "full_name": ["Ivan Petrov"],
        "message_at": ["2001-05-04T18:05:44+00:00"],
    }
    assert record.raw == {
        "message_id": "<a1/b@x.org>",
        "role": "from",
        "address": "Ivan@Example.com",
        "display_name": "Ivan Petrov",
        "date": "Fri, 4 May 2001 14:05:44 -0400",
    }
    assert set(by_key(records)) == {
        "<a1/b@x.org>/from/ivan@example.com",
        "<a1/b@x.org>/to/ann@x.org",
        "<a1/b@x.org>/cc/ann@x.org",
    }


def test_place_is_the_key_without_message_id_and_reply_to_is_a_role() -> None:
    key, records, _ = read(message("From: a@x.org\nREPLY-TO: r@x.org"), place="#7")
    assert key == "#7"
    assert set(by_key(records)) == {"#7/from/a@x.org", "#7/reply-to/r@x.org"}
    assert by_key(records)["#7/reply-to/r@x.org"].fields["mail_role"] == ["reply-to"]


def test_message_id_and_date_helpers() -> None:
    assert (
        message_id("<1234   @   local(blah)  .machine .example>") == "<1234@local.machine.example>"
    )
    assert message_id("no-brackets@x.org") == "<no-brackets@x.org>"
    assert message_id("<>") is None
    assert message_time("Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)") == (
        "1969-02-14T03:02:00+00:00"
    )
    assert message_time("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600") == (
        "1997-11-21T15:55:06+00:00"
    )
    assert message_time("yesterday") is None


def test_a_bad_date_quarantines_the_field_and_the_record_goes_on() -> None:
    _, records, quarantined = read(message("From: a@x.org\nDate: someday soon"))
    assert [r.record_key for r in records] == ["m.eml/from/a@x.org"]
    assert "message_at" not in records[0].fields
    (entry,) = quarantined
    assert (entry.record_key, entry.field, entry.rule) == (
        "m.eml/from/a@x.org",
        "message_at",
        "message_date_is_a_date",
    )


# --- never a contact ----------------------------------------------------------------------------

FILTERS = [
    # (headers, address that must be quarantined, rule, why)
    ("From: MAILER-DAEMON@x.org\nTo: b@y.org", "mailer-daemon@x.org", "bounce_sender", "daemon"),
    ("From: Postmaster <postmaster@x.org>\nTo: b@y.org", "postmaster@x.org", "bounce_sender", "pm"),
    ("From: bounces+123@mail.x.org\nTo: b@y.org", "bounces+123@mail.x.org", "bounce_sender", "b"),
    ("From: MAILER DAEMON <>\nTo: b@y.org", "", "bounce_sender", "empty sender <>"),
    (
        "From: ops@x.org\nTo: b@y.org\nContent-Type: multipart/report; report-type=delivery-status",
        "ops@x.org",
        "bounce_sender",
        "a delivery report's sender",
    ),
    ("From: noreply@x.org\nTo: b@y.org", "noreply@x.org", "no_reply_address", "noreply"),
    ("From: No-Reply@x.org\nTo: b@y.org", "no-reply@x.org", "no_reply_address", "no-reply"),
    ("From: github-noreply@x.org\nTo: b@y.org", "github-noreply@x.org", "no_reply_address", "in"),
    ("From: do-not-reply@x.org\nTo: b@y.org", "do-not-reply@x.org", "no_reply_address", "dnr"),
    ("From: DoNotReply@x.org\nTo: b@y.org", "donotreply@x.org", "no_reply_address", "dnr"),
    ("From: notifications@x.org\nTo: b@y.org", "notifications@x.org", "no_reply_address", "n"),
    ("From: notify.orders@x.org\nTo: b@y.org", "notify.orders@x.org", "no_reply_address", "n"),
    ("From: a@x.org\nTo: b@y.org\nList-Id: <l.x.org>", "a@x.org", "mailing_list", "List-Id"),
    ("From: a@x.org\nTo: b@y.org\nSender: owner-l@x.org", "b@y.org", "mailing_list", "Sender"),
    ("From: l-request@x.org\nTo: b@y.org", "l-request@x.org", "mailing_list", "list address"),
    ("From: a@x.org\nTo: b@y.org\nPrecedence: bulk", "b@y.org", "bulk_precedence", "bulk"),
    ("From: a@x.org\nTo: b@y.org\nPrecedence: junk", "a@x.org", "bulk_precedence", "junk"),
    ("From: a@x.org\nTo: b@y.org\nPrecedence: List", "a@x.org", "bulk_precedence", "list"),
    ("From: a@x.org\nTo: b@y.org\nAuto-Submitted: auto-replied", "a@x.org", "auto_submitted", "a"),
    ("From: Me <ME@Home.org>\nTo: b@y.org", "me@home.org", "self_address", "owner's address"),
    ("From: foo\nTo: b@y.org", "foo", "no_address", "no @ at all"),
]


@pytest.mark.parametrize(("headers", "address", "rule", "why"), FILTERS)
def test_never_a_contact(headers: str, address: str, rule: str, why: str) -> None:
    _, records, quarantined = read(message(headers), owner=frozenset({"me@home.org"}))
    matching = [q for q in quarantined if q.record_key.endswith(f"/{address}")]
    assert [(q.rule, q.field) for q in matching] == [(rule, None)], why
    assert all(not r.record_key.endswith(f"/{address}") for r in records), why
    reason = matching[0].reason
    assert rule in reason and "email" in reason, why
    assert not address or address not in reason.lower(), "no personal value in a reason"


@pytest.mark.parametrize(
    "headers",
    [
        "From: a@x.org\nTo: b@y.org\nPrecedence: first-class",
        "From: a@x.org\nTo: b@y.org\nAuto-Submitted: no",
        "From: a@x.org\nTo: b@y.org\nSender: a@x.org",
        "From: replies@x.org\nTo: b@y.org",
        "From: noreen@x.org\nTo: b@y.org",
        "From: bouncer.jim@x.org\nTo: b@y.org",
    ],
)
def test_ordinary_mail_is_kept(headers: str) -> None:
    _, records, quarantined = read(message(headers))
    assert quarantined == []
    assert len(records) == 2


def test_no_headers_and_no_participants_are_not_lost() -> None:
    key, records, quarantined = read(b"Just a body line\nand another.\n", place="x.eml")
    assert (key, records) == ("x.eml", [])
    assert [(q.record_key, q.field, q.rule) for q in quarantined] == [("x.eml", None, "no_headers")]
    key, records, quarantined = read(message("Message-ID: <m@x>\nSubject: hi\nTo: Group:;"))
    assert [(q.record_key, q.rule) for q in quarantined] == [("<m@x>", "no_participants")]


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\n", b"\x00\xff\xfe" * 50, b"From: " + b"<" * 5000, b"To: (((((\n\n", b"From:\n"],
)
def test_garbage_never_raises(data: bytes) -> None:
    key, records, quarantined = read(data, place="#1")
    assert key == "#1"
    assert records or quarantined


# --- the corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MAIL_FILES, ids=lambda p: p.name)
def test_every_corpus_message_is_accounted_for(path: Path) -> None:
    key, records, quarantined = read(path.read_bytes(), path.name)
    assert records or quarantined
    keys = [r.record_key for r in records]
    assert len(keys) == len(set(keys))
    for record in records:
        assert record.record_key.startswith(key + "/")
        assert record.fields["email"][0] == record.fields["email"][0].lower()
        assert "@" in record.fields["email"][0]
    for entry in quarantined:
        assert entry.rule and entry.reason


def test_corpus_norwegian_latin1_name() -> None:
    _, records, _ = corpus("rubymail_error_emails_header_fields_with_empty_values.eml")
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in records}
    assert names["jorn@prikkprikkprikk.no"] == ["Jørn Støylen"]


def test_corpus_gb2312_name() -> None:
    _, records, _ = corpus("mail_test_12.eml")
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in records}
    assert names["baoguan@hotmail.com"] == ["张先生"]
    assert "danglüe@email.com" in names  # raw UTF-8 address


def test_corpus_last_first_and_email_as_name() -> None:
    _, records, _ = corpus("mail_test_18.eml")
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in records}
    assert names["comma.name@example.com"] == ["FirstName LastßlName"]
    assert names["tony.stark@example.com"] is None
    assert names["john.doe@example.com"] == ['John "Johnny" Doe']
    _, records, _ = corpus("mail_test_19.eml")
    emails = {r.fields["email"][0]: r.fields.get("full_name") for r in records}
    assert emails == {
        "bob@example.com": None,
        "charlie@example.com": ["Charlie Brown"],
        "dave@example.com": None,
        "frank@example.com": None,
        "ivan@example.com": None,
    }


def test_corpus_recursive_and_broken_encoded_words() -> None:
    _, records, _ = corpus("enmime_qp-utf8-header-recursed.eml")
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in records}
    assert names["pirard@vm1.ulg.ac.be"] == [" ".join(["WirelessCaller (203) 402-5984"] * 3)]
    assert names["marczak@inbucket.com"] == ["Mirosław Marczak"]
    _, records, _ = corpus("rubymail_error_emails_bad_subject.eml")
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in records}
    assert names["carol@mysurvey.com"] == ["MySurvey.com & Carol Adams"]


def test_corpus_addresses_without_commas() -> None:
    _, records, _ = corpus("enmime_malformed-multiple-address-header-values.eml")
    froms = {r.fields["email"][0] for r in records if r.fields["mail_role"] == ["from"]}
    assert froms == {"bob@extern", "bobby@extern"}
    _, records, _ = corpus("rubymail_plain_emails_raw_email_multiple_from.eml")
    roles = {(r.fields["mail_role"][0], r.fields["email"][0]) for r in records}
    for role in ("from", "to", "reply-to"):
        assert {(role, "tim@powerupdev.com"), (role, "concierge@powerupdev.com")} <= roles


def test_corpus_bounces_give_no_record() -> None:
    for name in ("cpython_msg_16.txt", "cpython_msg_25.txt", "mimekit_delivery-status.txt"):
        _, records, quarantined = corpus(name)
        assert not any(
            "postmaster" in r.record_key or "mailer-daemon" in r.record_key for r in records
        ), name
        assert "bounce_sender" in rules(quarantined).values(), name
    _, records, quarantined = corpus("cpython_msg_43.txt")
    assert "<edab.7804f5cb8070@python.org>/from/" in rules(quarantined)
    assert all("/from/" not in r.record_key for r in records)


def test_corpus_precedence_junk_and_bulk_give_none() -> None:
    _, records, quarantined = corpus("mail_test_16.eml")
    assert records == []
    assert set(rules(quarantined).values()) == {"bulk_precedence"}
    _, records, quarantined = corpus("cpython_msg_32.txt")
    assert records == []
    _, records, quarantined = corpus("mimekit_delivery-status.txt")
    assert records == []


def test_corpus_three_cc_spellings_are_all_read() -> None:
    _, records, _ = corpus("cpython_msg_20.txt")
    ccs = {r.fields["email"][0] for r in records if r.fields["mail_role"] == ["cc"]}
    assert ccs == {"ccc@zzz.org", "ddd@zzz.org", "eee@zzz.org"}


def test_corpus_old_style_comment_names_and_groups() -> None:
    _, records, _ = corpus("cpython_msg_27.txt")
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in records}
    assert names == {"aperson@dom.ain": ["Anne P. Erson"], "bperson@dom.ain": ["Barney P. Erson"]}
    _, records, _ = corpus("cpython_msg_36.txt")
    assert [r.fields["mail_role"] for r in records] == [["from"]]  # IETF-Announce:; is empty
    _, records, _ = corpus("rubymail_rfc2822_example10.eml")
    assert {r.fields["email"][0] for r in records} == {
        "pete@silly.test",
        "c@public.example",
        "joe@example.org",
        "jdoe@one.test",
    }


def test_corpus_headers_missing_or_obsolete() -> None:
    key, records, quarantined = corpus("cpython_msg_19.txt")
    assert records == [] and rules(quarantined) == {"cpython_msg_19.txt": "no_headers"}
    _, records, quarantined = corpus("cpython_msg_11.txt")
    assert rules(quarantined) == {"cpython_msg_11.txt": "no_participants"}
    _, records, quarantined = corpus("cpython_msg_05.txt")
    assert set(rules(quarantined).values()) == {"no_address"}
    key, records, _ = corpus("rubymail_rfc2822_example13.eml")
    assert key == "<1234@local.machine.example>"
    assert {r.fields["email"][0] for r in records} == {"jdoe@machine.example", "mary@example.net"}


def test_collector_keeps_the_first_copy_of_a_key() -> None:
    collector = MailCollector("mail", NOBODY)
    first = message("Message-ID: <same@x>\nFrom: a@x.org\nTo: t@x.org\nDate: nonsense")
    second = message("Message-ID: <same@x>\nFrom: b@x.org\nTo: t@x.org\nDate: nonsense")
    collector.add_message(first, "#1")
    collector.add_message(second, "#2")
    result = collector.finish()
    keys = [r.record_key for r in result.records]
    assert keys == ["<same@x>/from/a@x.org", "<same@x>/to/t@x.org", "<same@x>/from/b@x.org"]
    assert collector.duplicates == 1
    # the field-level (message_at) entry of the dropped duplicate went with it
    assert sorted(q.record_key for q in result.quarantined) == sorted(keys)


def test_unquoted_last_comma_first_is_one_name() -> None:
    (only,) = parse_addresses("Smith, John <j@x.org>")
    assert (only.address, only.phrase) == ("j@x.org", "Smith, John")
    _, records, quarantined = read(message("From: Smith, John <j@x.org>"))
    assert quarantined == []
    assert records[0].fields["full_name"] == ["John Smith"]


def test_owner_addresses_compare_lower_case() -> None:
    _, records, quarantined = read(
        message("From: me@home.org\nTo: b@y.org"), owner=frozenset({"Me@Home.ORG"})
    )
    assert [r.record_key for r in records] == ["m.eml/to/b@y.org"]
    assert [q.rule for q in quarantined] == ["self_address"]


def test_safety_net_quarantines_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("tasks.ingest.mail._message_records", broken)
    key, records, quarantined = read(message("From: a@x.org"), place="#3")
    assert (key, records) == ("#3", [])
    assert [(q.record_key, q.field, q.rule) for q in quarantined] == [
        ("#3", None, "unreadable_headers")
    ]


def test_mutated_corpus_messages_never_raise() -> None:
    noise = b'<>@,;:()"\\ \t\r\n=?QB_-.\x00\xff\xc3\xa9'
    rng = random.Random(2024)
    samples = [path.read_bytes()[:3000] for path in MAIL_FILES]
    for _ in range(400):
        data = bytearray(rng.choice(samples))
        for _ in range(rng.randint(1, 25)):
            at = rng.randrange(len(data) + 1)
            data[at:at] = bytes([rng.choice(noise)])
        key, records, quarantined = read(bytes(data), place="#1")
        assert key and (records or quarantined)
        for record in records:
            json.dumps([record.fields, record.raw], ensure_ascii=False).encode("utf-8")
        for entry in quarantined:
            json.dumps([entry.record_key, entry.raw], ensure_ascii=False).encode("utf-8")
