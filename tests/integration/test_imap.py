"""The IMAP reader against a real Dovecot on 127.0.0.1 (see ``dovecot.py`` for the mailbox)."""

from __future__ import annotations

import imaplib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import trustme

from tasks.config import SourceConfig
from tasks.errors import SourceError, SourceUnavailable
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.imap import ImapRead, Retry, Watermark, read, read_imap
from tests.integration.dovecot import (
    AMPERSAND_FOLDER,
    CYRILLIC_FOLDER,
    HOST,
    OWNER,
    PASSWORD_ENV,
    Dovecot,
    free_port,
    message,
)

pytestmark = pytest.mark.integration

SourceFactory = Callable[..., SourceConfig]
# Folder names as Dovecot itself spells them in its LIST answer (modified UTF-7).
_WIRE_NAMES = {
    "INBOX": "INBOX",
    CYRILLIC_FOLDER: '"&BBIERQQ+BDQETwRJBDgENQ- &BBoEOwQ4BDUEPQRCBEs-"',
}
CONTEXT = ReadContext(self_addresses=frozenset({OWNER}))
ALL_FOLDERS = ("INBOX", "Sent", AMPERSAND_FOLDER, CYRILLIC_FOLDER)


class Sleeps:
    """Records the back-off waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def _read(
    server: Dovecot,
    source_factory: SourceFactory,
    security: str = "tls",
    folders: tuple[str, ...] = ALL_FOLDERS,
    since: dict[str, tuple[int, int]] | None = None,
) -> ImapRead:
    source = source_factory(server, security, folders)
    return read_imap(source, CONTEXT, server.password, server.ssl_context(), since=since)


def _locate(server: Dovecot, folder: str, subject: str) -> tuple[int, int]:
    """(UIDVALIDITY, UID) of the message with ``subject``, asked over a connection of our own."""
    client = imaplib.IMAP4_SSL(server.host, server.imaps_port, ssl_context=server.ssl_context())
    try:
        client.login(server.user, server.password)
        status, _ = client.select(_WIRE_NAMES[folder], readonly=True)
        assert status == "OK"
        uidvalidity = int(client.response("UIDVALIDITY")[1][0] or 0)
        _, found = client.uid("SEARCH", "HEADER", "Subject", f'"{subject}"')
        (uid,) = (int(word) for word in (found[0] or b"").split())
        return uidvalidity, uid
    finally:
        client.logout()


def _keys(result: ReadResult) -> set[str]:
    return {record.record_key for record in result.records}


@pytest.fixture
def tls_read(dovecot: Dovecot, imap_source: SourceFactory) -> ImapRead:
    return _read(dovecot, imap_source, "tls")


def test_tls_reads_every_folder_with_record_keys(dovecot: Dovecot, tls_read: ImapRead) -> None:
    inbox_uv, pavel_uid = _locate(dovecot, "INBOX", "no message id")
    cyr_uv, petr_uid = _locate(dovecot, CYRILLIC_FOLDER, "without id")
    assert _keys(tls_read.result) == {
        "<m1.ivan@example.ru>/from/ivan.petrov@example.ru",
        "<m1.ivan@example.ru>/cc/maria@example.ru",
        "<shared.1@example.test>/to/olga@example.org",
        f"INBOX/{inbox_uv}/{pavel_uid}/from/pavel@example.net",
        "<sent.2@example.test>/to/anna@example.com",
        "<kunde.1@example.de>/from/juergen@example.de",
        "<client.1@example.ru>/from/elena@example.ru",
        f"{CYRILLIC_FOLDER}/{cyr_uv}/{petr_uid}/from/petr@example.ru",
    }
    names = {r.fields["email"][0]: r.fields.get("full_name") for r in tls_read.result.records}
    assert names["ivan.petrov@example.ru"] == ["Иван Петров"]
    assert names["maria@example.ru"] == ["Мария Сидорова"]
    assert names["juergen@example.de"] == ["Jürgen Müller"]
    assert all(r.source == "office_mail" for r in tls_read.result.records)


def test_starttls_reads_the_same_records(
    dovecot: Dovecot, imap_source: SourceFactory, tls_read: ImapRead
) -> None:
    starttls = _read(dovecot, imap_source, "starttls")
    assert starttls.result.records == tls_read.result.records
    assert starttls.result.quarantined == tls_read.result.quarantined
    assert starttls.watermarks == tls_read.watermarks
    logins = [line for line in dovecot.log_text().splitlines() if " Login: " in line]
    assert len(logins) >= 2
    assert all(", TLS" in line for line in logins)  # STARTTLS upgraded before the login


def test_watermarks_name_each_folder(dovecot: Dovecot, tls_read: ImapRead) -> None:
    inbox_uv, _ = _locate(dovecot, "INBOX", "no message id")
    assert set(tls_read.watermarks) == set(ALL_FOLDERS)
    assert tls_read.watermarks["INBOX"] == Watermark(inbox_uv, 5)
    assert tls_read.watermarks["Sent"].last_uid == 2
    assert tls_read.watermarks[CYRILLIC_FOLDER].last_uid == 2


def test_message_in_inbox_and_sent_is_one_message(tls_read: ImapRead) -> None:
    shared = [r for r in tls_read.result.records if r.record_key.startswith("<shared.1@")]
    assert [r.record_key for r in shared] == ["<shared.1@example.test>/to/olga@example.org"]
    owner = [q for q in tls_read.result.quarantined if q.record_key.startswith("<shared.1@")]
    assert [(q.record_key, q.rule) for q in owner] == [
        (f"<shared.1@example.test>/from/{OWNER}", "self_address")
    ]
    keys = [r.record_key for r in tls_read.result.records]
    assert len(keys) == len(set(keys))


def test_list_and_bounce_messages_are_quarantined(tls_read: ImapRead) -> None:
    for record in tls_read.result.records:
        assert not record.record_key.startswith(("<list.7@", "<bounce.9@"))
    whole = {q.record_key: q.rule for q in tls_read.result.quarantined if q.field is None}
    assert whole["<list.7@lists.example.org>/from/team@lists.example.org"] == "mailing_list"
    assert whole["<bounce.9@mx.example.net>/from/mailer-daemon@mx.example.net"] == "bounce_sender"


def test_missing_folder_is_a_source_error(dovecot: Dovecot, imap_source: SourceFactory) -> None:
    with pytest.raises(SourceError, match="'No Such Folder'"):
        _read(dovecot, imap_source, folders=("INBOX", "No Such Folder"))


def _auth_failures(server: Dovecot) -> int:
    return server.log_text().count("(auth failed")


def test_wrong_password_fails_at_once_without_retry(
    dovecot: Dovecot, imap_source: SourceFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sleeps = Sleeps()
    failures_before = _auth_failures(dovecot)
    source = imap_source(dovecot, "starttls")
    started = time.monotonic()
    with pytest.raises(SourceError, match="login failed") as caught:
        read_imap(
            source, CONTEXT, "wrong-Secret-42", dovecot.ssl_context(), retry=Retry(sleep=sleeps)
        )
    # Dovecot answers a failed login after its own ~0.5 s; a retry would add a second one.
    assert time.monotonic() - started < 2.0
    assert sleeps.waits == []
    assert len([r for r in caplog.records if "connecting, attempt" in r.getMessage()]) == 1
    assert "wrong-Secret-42" not in str(caught.value)
    deadline = time.monotonic() + 5
    while _auth_failures(dovecot) == failures_before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    assert _auth_failures(dovecot) - failures_before == 1  # the server saw one login


def test_closed_port_is_unavailable_after_the_retries(
    imap_source: SourceFactory, dovecot: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sleeps = Sleeps()
    port = free_port()
    source = imap_source(dovecot, "tls", port=port)
    with pytest.raises(SourceUnavailable, match=f"{HOST}:{port}.*cannot connect after 3 attempts"):
        read_imap(
            source,
            CONTEXT,
            dovecot.password,
            dovecot.ssl_context(),
            retry=Retry(attempts=3, first_delay=0.01, sleep=sleeps),
        )
    assert sleeps.waits == [0.01, 0.02]
    assert len([r for r in caplog.records if "connecting, attempt" in r.getMessage()]) == 3


@pytest.fixture
def hang_up_server() -> Iterator[tuple[int, list[int]]]:
    """A port that accepts connections and closes them at once; yields (port, accept count)."""
    listener = socket.create_server((HOST, 0))
    listener.settimeout(0.2)
    accepted = [0]
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted[0] += 1
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], accepted
    stop.set()
    thread.join()
    listener.close()


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_a_server_that_hangs_up_is_retried(
    dovecot: Dovecot,
    imap_source: SourceFactory,
    hang_up_server: tuple[int, list[int]],
    security: str,
) -> None:
    port, accepted = hang_up_server
    source = imap_source(dovecot, security, port=port)
    retry = Retry(attempts=4, first_delay=0.01, sleep=Sleeps())
    with pytest.raises(SourceUnavailable, match="after 4 attempts"):
        read_imap(source, CONTEXT, dovecot.password, dovecot.ssl_context(), retry=retry)
    assert accepted[0] == 4


def test_untrusted_certificate_is_not_retried(dovecot: Dovecot, imap_source: SourceFactory) -> None:
    sleeps = Sleeps()
    other_ca = trustme.CA()
    context = ssl.create_default_context()
    other_ca.configure_trust(context)  # trusts some CA, but not the server's
    with pytest.raises(SourceError, match="certificate verification failed"):
        read_imap(
            imap_source(dovecot),
            CONTEXT,
            dovecot.password,
            ssl_context=context,
            retry=Retry(sleep=sleeps),
        )
    assert sleeps.waits == []


def test_read_takes_the_password_from_the_environment(
    dovecot: Dovecot,
    imap_source: SourceFactory,
    tls_read: ImapRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, dovecot.password)
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.cafile))  # as OpenSSL honours it
    result = read(imap_source(dovecot, "tls", ALL_FOLDERS), CONTEXT)
    assert result.records == tls_read.result.records


def _texts(error: BaseException) -> Iterator[str]:
    seen: BaseException | None = error
    while seen is not None:
        yield str(seen)
        yield repr(seen)
        yield from (str(arg) for arg in seen.args)
        seen = seen.__cause__ or seen.__context__


def test_password_never_in_errors_or_logs(
    dovecot: Dovecot, imap_source: SourceFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    fast = Retry(attempts=2, first_delay=0.0, sleep=Sleeps())
    good = dovecot.password
    wrong = good + "-but-wrong"
    _read(dovecot, imap_source, "starttls")
    attempts = [
        (imap_source(dovecot, "tls"), wrong),
        (imap_source(dovecot, "starttls"), wrong),
        (imap_source(dovecot, "tls", ("Nope",)), good),
        (imap_source(dovecot, "tls", port=free_port()), good),
    ]
    for source, password in attempts:
        with pytest.raises((SourceError, SourceUnavailable)) as caught:
            read_imap(source, CONTEXT, password, dovecot.ssl_context(), retry=fast)
        texts.extend(_texts(caught.value))
    texts.extend(record.getMessage() for record in caplog.records)
    texts.extend(str(record.args) for record in caplog.records)
    assert len(texts) > 10
    for text in texts:
        assert good not in text
        assert "secret-7311" not in text
        assert OWNER not in text and "olga@example.org" not in text


def test_reading_sets_no_flags(fresh_dovecot: Dovecot, imap_source: SourceFactory) -> None:
    for security in ("tls", "starttls"):
        assert _read(fresh_dovecot, imap_source, security).result.records
    files = [
        path
        for folder in (*ALL_FOLDERS, "Archive")
        for path in (fresh_dovecot.folder_dir(folder) / "cur").iterdir()
    ]
    assert len(files) == 11
    assert all(path.name.endswith(":2,") for path in files), [p.name for p in files]
    assert not any(any((fresh_dovecot.folder_dir(f) / "new").iterdir()) for f in ALL_FOLDERS)
    client = imaplib.IMAP4_SSL(
        HOST, fresh_dovecot.imaps_port, ssl_context=fresh_dovecot.ssl_context()
    )
    client.login(fresh_dovecot.user, fresh_dovecot.password)
    client.select("INBOX", readonly=True)
    _, flags = client.uid("FETCH", "1:*", "(FLAGS)")
    client.logout()
    assert len(flags) == 5
    assert not any(b"\\Seen" in line for line in flags if isinstance(line, bytes))


def _append(server: Dovecot, folder: str, raw: bytes) -> None:
    client = imaplib.IMAP4_SSL(HOST, server.imaps_port, ssl_context=server.ssl_context())
    client.login(server.user, server.password)
    status, _ = client.append(folder, "", None, raw)
    client.logout()
    assert status == "OK"


def test_since_fetches_only_new_uids(fresh_dovecot: Dovecot, imap_source: SourceFactory) -> None:
    first = _read(fresh_dovecot, imap_source, folders=("Archive",))
    assert _keys(first.result) == {"<arch.1@example.test>/from/old.friend@example.com"}
    mark = first.watermarks["Archive"]
    assert mark.last_uid == 1

    unchanged = _read(
        fresh_dovecot, imap_source, folders=("Archive",), since=dict(first.watermarks)
    )
    assert unchanged.result.records == []  # "2:*" still matches UID 1 on the server
    assert unchanged.watermarks["Archive"] == mark

    _append(
        fresh_dovecot,
        "Archive",
        message(
            "Message-ID: <arch.2@example.test>",
            "Date: Thu, 12 Feb 2026 11:00:00 +0000",
            "From: New Client <new.client@example.com>",
            f"To: {OWNER}",
            "Subject: new",
        ),
    )
    second = _read(fresh_dovecot, imap_source, folders=("Archive",), since=dict(first.watermarks))
    assert _keys(second.result) == {"<arch.2@example.test>/from/new.client@example.com"}
    assert second.watermarks["Archive"] == Watermark(mark.uidvalidity, 2)

    stale = {"Archive": (mark.uidvalidity + 1, 2)}  # another UIDVALIDITY: read everything again
    again = _read(fresh_dovecot, imap_source, folders=("Archive",), since=stale)
    assert _keys(again.result) == {
        "<arch.1@example.test>/from/old.friend@example.com",
        "<arch.2@example.test>/from/new.client@example.com",
    }
