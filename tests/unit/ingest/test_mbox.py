"""The mbox reader: where messages start, Content-Length framing, keys, duplicates, the corpus."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.mbox import read, split_mbox

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "mbox"


def split(data: bytes) -> list[bytes]:
    return [m.headers for m in split_mbox(io.BytesIO(data), len(data))]


def read_bytes(tmp_path: Path, data: bytes, owner: frozenset[str] = frozenset()) -> ReadResult:
    path = tmp_path / "box.mbox"
    path.write_bytes(data)
    return read_path(path, owner)


def read_path(path: Path, owner: frozenset[str] = frozenset()) -> ReadResult:
    return read(SourceConfig(name="box", kind="mbox", path=path), ReadContext(owner))


def keys(result: ReadResult) -> list[str]:
    return [r.record_key for r in result.records]


def test_positions_key_messages_without_message_id(tmp_path: Path) -> None:
    data = (
        b"From a@x.org Mon Jan  1 10:00:00 2001\nFrom: a@x.org\n\nbody\n\n"
        b"From b@x.org Mon Jan  1 10:00:00 2001\nFrom: b@x.org\nMessage-ID: <m2@x>\n\nbody\n"
        b"From c@x.org Mon Jan  1 10:00:00 2001\nFrom: c@x.org\n\nbody\n"
    )
    assert keys(read_bytes(tmp_path, data)) == [
        "#1/from/a@x.org",
        "<m2@x>/from/b@x.org",
        "#3/from/c@x.org",
    ]


def test_unescaped_from_lines_in_bodies_do_not_split() -> None:
    data = (
        b"From -\nFrom: a@x.org\n\nFrom Russia with love\nYear: 1963\n\n"
        b"From time to time\n\nFrom here on, 10:30 is fine\n\n"
        b"From b@x.org\n\nnot a header after it\n"
        b"From -\nFrom: b@x.org\n\nend\n"
    )
    assert split(data) == [b"From: a@x.org\n", b"From: b@x.org\n"]


def test_separators_need_no_blank_line_before_them() -> None:
    data = (
        b"From - \nFrom: a@x.org\n\n--boundary--\nFrom - Mon Jun  3 12:50:27 1996\nTo: b@x.org\n\n"
    )
    assert split(data) == [b"From: a@x.org\n", b"To: b@x.org\n"]


def test_a_bare_sender_line_starts_a_message_only_after_a_blank_line() -> None:
    data = (
        b"From a@x.org\nTo: t@x.org\n\nbody\n"
        b"From b@x.org\nTo: u@x.org\n\n"
        b"From c@x.org\nTo: v@x.org\n"
    )
    assert split(data) == [b"To: t@x.org\n", b"To: v@x.org\n"]


def test_crlf_bom_and_escaped_from(tmp_path: Path) -> None:
    data = (
        b"\xef\xbb\xbfFrom a@x.org Mon Jan  1 10:00:00 2001\r\nFrom: A <a@x.org>\r\n\r\n"
        b">From me\r\nbody\r\n"
        b"From b@x.org Mon Jan  1 10:00:00 2001\r\nFrom: b@x.org\r\n\r\n"
    )
    result = read_bytes(tmp_path, data)
    assert keys(result) == ["#1/from/a@x.org", "#2/from/b@x.org"]
    assert result.records[0].fields["full_name"] == ["A"]


def test_content_length_frames_a_body_holding_separators() -> None:
    body = b"From evil@x.org Mon Jan  1 10:00:00 2001\nSubject: inside the body\n\ntext\n"
    first = b"From -\nFrom: a@x.org\nContent-Length: %d\n\n" % len(body)
    second = b"From -\nFrom: b@x.org\n\nbye\n"
    assert split(first + body + second) == [
        b"From: a@x.org\nContent-Length: %d\n" % len(body),
        b"From: b@x.org\n",
    ]
    # a blank line after the counted body is allowed, as Netscape wrote it
    assert len(split(first + body + b"\n" + second)) == 2


def test_a_wrong_content_length_is_ignored() -> None:
    body = b"From evil@x.org Mon Jan  1 10:00:00 2001\nSubject: inside the body\n\ntext\n"
    first = b"From -\nFrom: a@x.org\nContent-Length: 5\n\n"
    second = b"From -\nFrom: b@x.org\n\nbye\n"
    assert split(first + body + second) == [
        b"From: a@x.org\nContent-Length: 5\n",
        b"Subject: inside the body\n",
        b"From: b@x.org\n",
    ]
    too_long = b"From -\nFrom: a@x.org\nContent-Length: 99999\n\nshort\n" + second
    assert len(split(too_long)) == 2


def test_text_before_the_first_separator(tmp_path: Path) -> None:
    with_headers = b"From: a@x.org\n\nbody\nFrom -\nFrom: b@x.org\n\n"
    assert keys(read_bytes(tmp_path, with_headers)) == ["#1/from/a@x.org", "#2/from/b@x.org"]
    without = b"some junk\nmore junk\n\nFrom -\nFrom: b@x.org\n\n"
    result = read_bytes(tmp_path, without)
    assert keys(result) == ["#2/from/b@x.org"]
    assert [(q.record_key, q.field, q.rule) for q in result.quarantined] == [
        ("#1", None, "broken_separator")
    ]


def test_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no 'From ' separator"):
        read_bytes(tmp_path, b"%PDF-1.4 binary junk\n\x00\x01\n")
    with pytest.raises(SourceError, match=r"missing\.mbox"):
        read_path(tmp_path / "missing.mbox")
    with pytest.raises(SourceError):
        read_path(tmp_path)  # a folder is not an mbox
    assert read_bytes(tmp_path, b"").records == []


def test_self_addresses_come_from_the_context(tmp_path: Path) -> None:
    data = b"From -\nFrom: Me <ME@x.org>\nTo: b@y.org\n\n"
    result = read_bytes(tmp_path, data, frozenset({"me@x.org"}))
    assert keys(result) == ["#1/to/b@y.org"]
    assert [q.rule for q in result.quarantined] == ["self_address"]


# --- the corpus ---------------------------------------------------------------------------------

COUNTS = {
    # file: messages, verified by hand (grep of separators against the corpus README)
    "perlmailbox_mbox_src.mbox": 45,
    "mimekit_content-length.mbox": 29,
    "roundcube_import.mbox": 3,
    "mimekit_simple.mbox": 3,
    "mimekit_unmunged.mbox": 2,
    "cpython_mailbox_01.mbox": 1,
}


@pytest.mark.parametrize(("name", "count"), sorted(COUNTS.items()))
def test_corpus_message_counts(name: str, count: int) -> None:
    path = CORPUS / name
    with path.open("rb") as stream:
        messages = list(split_mbox(stream, path.stat().st_size))
    assert len(messages) == count
    assert [m.position for m in messages] == list(range(1, count + 1))
    assert all(m.separated for m in messages)


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_every_corpus_mailbox_reads(path: Path) -> None:
    result = read_path(path)
    assert result.read > 0
    record_keys = keys(result)
    assert len(record_keys) == len(set(record_keys))


def test_corpus_same_message_id_three_times() -> None:
    result = read_path(CORPUS / "roundcube_import.mbox")
    assert keys(result) == [
        "<de75@tester.local>/from/test@rc.net",
        "<de75@tester.local>/to/tb@tester.local",
        "<de75@tester.local>/from/test1@rc.net",
        "<de75@tester.local>/from/test2@rc.net",
    ]


def test_corpus_unmunged_bodies_keep_two_messages() -> None:
    result = read_path(CORPUS / "mimekit_unmunged.mbox")
    assert keys(result) == ["#1/from/jeff@xamarin.com", "#2/from/jeff@xamarin.com"]
    assert result.records[0].fields["full_name"] == ["Jeffrey Stedfast"]


def test_corpus_mailing_list_archive_names() -> None:
    result = read_path(CORPUS / "perlmailbox_mbox_src.mbox")
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in result.records}
    assert names["markov@atcomputing.nl"] == ["Mark Overmeer"]
    assert {q.rule for q in result.quarantined} == {"mailing_list"}
