"""The IMAP reader's pieces that need no server: names, UID sets, FETCH parsing, retries."""

from __future__ import annotations

import base64
import imaplib
import re
import socket
import ssl
from typing import Any

import pytest
import trustme

from tasks.config import SourceConfig
from tasks.errors import SourceError, SourceUnavailable
from tasks.ingest import ReadContext, imap
from tasks.ingest.imap import Retry, connect, encode_mailbox, parse_fetch, read, uid_set

pytestmark = pytest.mark.unit


def _decode(quoted: str) -> str:
    """An independent modified UTF-7 decoder (RFC 3501 5.1.3), for round trips."""
    assert quoted.startswith('"') and quoted.endswith('"')
    text = quoted[1:-1].replace('\\"', '"').replace("\\\\", "\\")

    def shifted(match: re.Match[str]) -> str:
        if not match[1]:
            return "&"
        packed = match[1].replace(",", "/")
        return base64.b64decode(packed + "=" * (-len(packed) % 4)).decode("utf-16-be")

    return re.sub(r"&([^-]*)-", shifted, text)


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("INBOX", '"INBOX"'),
        ("Kunden & Partner", '"Kunden &- Partner"'),
        ("~peter/mail/台北/日本語", '"~peter/mail/&U,BTFw-/&ZeVnLIqe-"'),  # RFC 3501's example
        # as Dovecot 2.3 lists it (seen in the integration test's LIST answer)
        ("Входящие Клиенты", '"&BBIERQQ+BDQETwRJBDgENQ- &BBoEOwQ4BDUEPQRCBEs-"'),
        ('say "hi" \\ bye', '"say \\"hi\\" \\\\ bye"'),
    ],
)
def test_encode_mailbox(name: str, wire: str) -> None:
    assert encode_mailbox(name) == wire


@pytest.mark.parametrize(
    "name",
    ["Sent", "Входящие & Клиенты", "Ärger/Übersicht", "😀 smile", "a&b&&c", "tab\there", "ñ"],
)
def test_encode_mailbox_round_trips_in_printable_ascii(name: str) -> None:
    wire = encode_mailbox(name)
    assert all(" " <= char <= "~" for char in wire)
    assert _decode(wire) == name


@pytest.mark.parametrize(
    ("uids", "expected"),
    [([7], "7"), ([1, 2, 3, 7], "1:3,7"), ([2, 4, 5, 6, 9, 10], "2,4:6,9:10"), ([1, 3], "1,3")],
)
def test_uid_set(uids: list[int], expected: str) -> None:
    assert uid_set(uids) == expected


def test_parse_fetch_reads_uid_before_or_after_the_literal() -> None:
    data: list[Any] = [
        (b"1 (UID 11 BODY[HEADER] {12}", b"From: a@b\r\n\r\n"),
        b")",
        (b"2 (BODY[HEADER] {12}", b"From: c@d\r\n\r\n"),
        b" UID 12)",
        b'3 (UID 13 BODY[HEADER] "")',
        b"4 (FLAGS (\\Seen))",
    ]
    assert parse_fetch(data) == [
        (11, b"From: a@b\r\n\r\n"),
        (12, b"From: c@d\r\n\r\n"),
        (13, b""),
    ]


def test_parse_fetch_of_nothing() -> None:
    assert parse_fetch([None]) == []


@pytest.mark.parametrize(("attempts", "delays"), [(1, []), (3, [0.5, 1.0]), (4, [0.5, 1.0, 2.0])])
def test_retry_delays_double(attempts: int, delays: list[float]) -> None:
    assert Retry(attempts=attempts).delays() == delays


def _source(**changes: Any) -> SourceConfig:
    settings: dict[str, Any] = {
        "name": "office_mail",
        "kind": "imap",
        "host": "imap.invalid",
        "username": "me@example.com",
        "password_env": "RAPPORT_UNIT_IMAP_PASSWORD",
    }
    return SourceConfig(**{**settings, **changes})


@pytest.mark.parametrize("value", [None, ""])
def test_read_without_the_password_variable_names_it(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("RAPPORT_UNIT_IMAP_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("RAPPORT_UNIT_IMAP_PASSWORD", value)
    with pytest.raises(SourceError, match="RAPPORT_UNIT_IMAP_PASSWORD") as caught:
        read(_source(), ReadContext())
    assert caught.value.where == "imap.invalid:993"  # tls's default port


def test_starttls_default_port_is_143() -> None:
    with pytest.raises(SourceError) as caught:
        read(_source(security="starttls", password_env="RAPPORT_UNSET_VARIABLE_X"), ReadContext())
    assert caught.value.where == "imap.invalid:143"


def test_ssl_context_verifies_and_takes_a_ca_file(tmp_path: Any) -> None:
    ca = trustme.CA()
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    context = imap.make_ssl_context(cafile)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert len(context.get_ca_certs()) == 1


class FakeClient:
    """Stands in for imaplib.IMAP4_SSL: fails with the queued errors, then logs in."""

    def __init__(self, errors: list[BaseException]) -> None:
        self.errors = errors
        self.calls = 0
        self.logins: list[tuple[str, str]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> FakeClient:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return self

    def login(self, user: str, password: str) -> tuple[str, list[bytes]]:
        self.logins.append((user, password))
        if password == "wrong":
            raise imaplib.IMAP4.error("[AUTHENTICATIONFAILED] Authentication failed.")
        return "OK", [b"Logged in"]

    def shutdown(self) -> None:
        pass


def _connect(
    monkeypatch: pytest.MonkeyPatch, fake: FakeClient, password: str = "s3cret"
) -> tuple[Any, list[float]]:
    monkeypatch.setattr(imap.imaplib, "IMAP4_SSL", fake)
    waits: list[float] = []
    client = connect(
        _source(), password, ssl.create_default_context(), 1.0, Retry(sleep=waits.append)
    )
    return client, waits


def test_connection_errors_are_retried_with_back_off(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeClient([ConnectionResetError(), socket.gaierror(-2, "Name or service not known")])
    client, waits = _connect(monkeypatch, fake)
    assert client is fake
    assert fake.calls == 3
    assert waits == [0.5, 1.0]
    assert fake.logins == [("me@example.com", "s3cret")]


def test_connection_errors_end_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeClient([TimeoutError(), imaplib.IMAP4.abort("socket error: EOF"), TimeoutError()])
    with pytest.raises(SourceUnavailable, match=r"imap.invalid:993.*3 attempts \(TimeoutError\)"):
        _connect(monkeypatch, fake)
    assert fake.calls == 3


def test_certificate_failure_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    error = ssl.SSLCertVerificationError(1, "certificate verify failed")
    error.verify_message = "unable to get local issuer certificate"
    fake = FakeClient([error])
    with pytest.raises(SourceError, match="certificate verification failed"):
        _connect(monkeypatch, fake)
    assert fake.calls == 1


def test_refused_login_is_not_retried_and_hides_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeClient([])
    with pytest.raises(SourceError, match=r"login failed \(AUTHENTICATIONFAILED\)") as caught:
        _connect(monkeypatch, fake, password="wrong")
    assert fake.calls == 1
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "wrong" not in str(caught.value)
