"""The Maildir reader and the .eml folder reader: places, subfolders, duplicates, errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult, eml, maildir
from tasks.ingest.mail import records_from_message
from tasks.ingest.maildir import unique_name

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "mail"


def message(sender: str, message_id: str | None = None) -> bytes:
    mid = f"Message-ID: {message_id}\n" if message_id else ""
    return f"{mid}From: {sender}\nTo: me@home.org\nSubject: hi\n\nHello.\n".encode()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read_maildir(path: Path) -> ReadResult:
    return maildir.read(SourceConfig(name="box", kind="maildir", path=path), ReadContext())


def read_eml(path: Path) -> ReadResult:
    source = SourceConfig(name="box", kind="eml", path=path)
    return eml.read(source, ReadContext(frozenset({"me@home.org"})))


def keys(result: ReadResult) -> list[str]:
    return [r.record_key for r in result.records]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("1700000000.M1P2.host:2,S", "1700000000.M1P2.host"),
        ("1700000000.M1P2.host:2,", "1700000000.M1P2.host"),
        ("1700000000.M1P2.host!2,RS", "1700000000.M1P2.host"),
        ("1700000000.M1P2.host", "1700000000.M1P2.host"),
    ],
)
def test_maildir_place_is_the_unique_name(name: str, expected: str) -> None:
    assert unique_name(name) == expected


def test_maildir_reads_cur_new_and_subfolders_but_not_tmp(tmp_path: Path) -> None:
    write(tmp_path / "cur" / "1.host:2,S", message("a@x.org"))
    write(tmp_path / "new" / "2.host", message("b@x.org", "<b@x>"))
    write(tmp_path / "tmp" / "3.host", message("c@x.org"))
    write(tmp_path / ".Sent" / "cur" / "4.host:2,S", message("d@x.org"))
    write(tmp_path / "cur" / ".hidden", message("e@x.org"))
    write(tmp_path / "dovecot-uidlist", b"3 V1 N5\n")
    result = read_maildir(tmp_path)
    assert sorted(keys(result)) == [
        "1.host/from/a@x.org",
        "1.host/to/me@home.org",
        "4.host/from/d@x.org",
        "4.host/to/me@home.org",
        "<b@x>/from/b@x.org",
        "<b@x>/to/me@home.org",
    ]


def test_maildir_same_message_in_inbox_and_sent_is_one(tmp_path: Path) -> None:
    write(tmp_path / "cur" / "1.host:2,S", message("a@x.org", "<same@x>"))
    write(tmp_path / ".Sent" / "cur" / "9.host:2,S", message("a@x.org", "<same@x>"))
    result = read_maildir(tmp_path)
    assert keys(result) == ["<same@x>/from/a@x.org", "<same@x>/to/me@home.org"]


def test_maildir_errors(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(SourceError, match="not a Maildir"):
        read_maildir(tmp_path / "plain")
    with pytest.raises(SourceError, match="not a folder"):
        read_maildir(write(tmp_path / "file.txt", b"x"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_maildir_unreadable_file_is_a_source_error(tmp_path: Path) -> None:
    path = write(tmp_path / "cur" / "1.host:2,S", message("a@x.org"))
    path.chmod(0)
    try:
        with pytest.raises(SourceError, match="cannot read"):
            read_maildir(tmp_path)
    finally:
        path.chmod(0o600)


def test_maildir_dangling_link_is_a_source_error(tmp_path: Path) -> None:
    write(tmp_path / "cur" / "1.host:2,S", message("a@x.org"))
    (tmp_path / "cur" / "2.host:2,S").symlink_to(tmp_path / "gone")
    with pytest.raises(SourceError, match="cannot read") as caught:
        read_maildir(tmp_path)
    assert "2.host" in caught.value.where


def test_eml_folder_recursive_with_relative_places(tmp_path: Path) -> None:
    write(tmp_path / "a.eml", message("a@x.org"))
    write(tmp_path / "sub" / "b.TXT", message("b@x.org"))
    write(tmp_path / "sub" / "c.msg", message("c@x.org"))
    write(tmp_path / "sub" / "d.eml", message("d@x.org", "<d@x>"))
    result = read_eml(tmp_path)
    assert keys(result) == ["a.eml/from/a@x.org", "sub/b.TXT/from/b@x.org", "<d@x>/from/d@x.org"]
    assert {q.rule for q in result.quarantined} == {"self_address"}


def test_eml_single_file_place_is_its_name(tmp_path: Path) -> None:
    path = write(tmp_path / "deep" / "one.eml", message("a@x.org"))
    assert keys(read_eml(path)) == ["one.eml/from/a@x.org"]


def test_eml_same_message_id_in_two_files_is_one(tmp_path: Path) -> None:
    write(tmp_path / "inbox" / "1.eml", message("a@x.org", "<same@x>"))
    write(tmp_path / "sent" / "1.eml", message("a@x.org", "<same@x>"))
    assert keys(read_eml(tmp_path)) == ["<same@x>/from/a@x.org"]


def test_eml_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_eml(tmp_path / "nothing")


def test_eml_whole_corpus_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    shutil.copytree(CORPUS, folder)
    result = read_eml(folder)
    found = keys(result) + [q.record_key for q in result.quarantined]
    assert len(result.records) > 50
    for path in sorted(CORPUS.iterdir()):  # every file is there, by its Message-ID or its name
        key, _, _ = records_from_message("mail", path.read_bytes(), path.name, frozenset())
        assert any(k == key or k.startswith(key + "/") for k in found), path.name
