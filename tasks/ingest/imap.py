"""Read contacts from the headers of the messages on an IMAP server, without changing anything.

Each folder is opened read-only (EXAMINE) and only headers are fetched with ``BODY.PEEK``, so no
flag is ever set. Every message goes through :func:`tasks.ingest.mail.records_from_message` with
its place ``FOLDER/UIDVALIDITY/UID`` standing in for a missing Message-ID. A message seen twice
(INBOX and Sent) is one message: a record key already read is not read again.

Connection errors are retried with exponential back-off and end in
:class:`~tasks.errors.SourceUnavailable`, as does a connection lost while reading; a refused
login, a certificate that does not verify or a missing folder stop at once with
:class:`~tasks.errors.SourceError`. Logs carry counts, the source and folder names only.
"""

from __future__ import annotations

import base64
import contextlib
import imaplib
import logging
import os
import re
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from schemas.records import Quarantined, RawRecord
from tasks.config import SourceConfig
from tasks.errors import SourceError, SourceUnavailable
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.mail import records_from_message

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"tls": 993, "starttls": 143}
FETCH_BATCH = 500
_UID = re.compile(rb"\bUID (\d+)")
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_RESPONSE_CODE = re.compile(r"\[([A-Z][A-Z-]*)\]")


class Watermark(NamedTuple):
    """How far a folder was read: its UIDVALIDITY and the highest UID seen (0 when empty)."""

    uidvalidity: int
    last_uid: int


@dataclass(frozen=True, slots=True)
class Retry:
    """Connection attempts in all, waiting ``first_delay`` seconds after the first failure and
    twice as long after each next one (3 attempts: 0.5 s, then 1 s)."""

    attempts: int = 3
    first_delay: float = 0.5
    sleep: Callable[[float], None] = time.sleep

    def delays(self) -> list[float]:
        """The waits between attempts, one fewer than the attempts."""
        return [self.first_delay * 2**n for n in range(max(self.attempts, 1) - 1)]


@dataclass(slots=True)
class ImapRead:
    """What :func:`read_imap` gives: the records and, per folder, how far it was read."""

    result: ReadResult
    watermarks: dict[str, Watermark] = field(default_factory=dict)


def make_ssl_context(cafile: str | Path | None = None) -> ssl.SSLContext:
    """A client TLS context that verifies the server's certificate and host name.

    Without ``cafile`` it trusts the system's certificates (OpenSSL honours ``SSL_CERT_FILE``
    and ``SSL_CERT_DIR``); with it, only the CAs in that PEM file.
    """
    return ssl.create_default_context(cafile=None if cafile is None else str(cafile))


def encode_mailbox(name: str) -> str:
    """A folder name in IMAP's modified UTF-7 (RFC 3501 5.1.3), quoted for a command.

    ``Kunden & Partner`` gives ``"Kunden &- Partner"``; non-ASCII runs become ``&...-`` with
    UTF-16 in base64 (``,`` for ``/``, no padding). The result is always printable ASCII.
    """
    parts: list[str] = []
    for printable, group in groupby(name, key=lambda char: " " <= char <= "~"):
        text = "".join(group)
        if printable:
            parts.append(text.replace("&", "&-"))
        else:
            encoded = base64.b64encode(text.encode("utf-16-be")).decode("ascii")
            parts.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
    mailbox = "".join(parts)
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uid_set(uids: Sequence[int]) -> str:
    """A compact IMAP sequence set for sorted UIDs: ``[1, 2, 3, 7]`` gives ``1:3,7``."""
    ranges: list[str] = []
    start = previous = uids[0]
    for uid in [*uids[1:], None]:
        if uid is not None and uid == previous + 1:
            previous = uid
            continue
        ranges.append(str(start) if start == previous else f"{start}:{previous}")
        if uid is not None:
            start = previous = uid
    return ",".join(ranges)


def parse_fetch(data: Sequence[object]) -> list[tuple[int, bytes]]:
    """``(uid, header bytes)`` from imaplib's answer to ``UID FETCH ... (UID BODY.PEEK[HEADER])``.

    The UID may come before the header literal or after it; items without a UID are ignored.
    """
    found: list[tuple[int, bytes]] = []
    waiting: bytes | None = None  # a header whose UID follows it
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            prefix, payload = item
            match = _UID.search(prefix) if isinstance(prefix, bytes) else None
            body = payload if isinstance(payload, bytes) else b""
            if match:
                found.append((int(match[1]), body))
            else:
                waiting = body
        elif isinstance(item, bytes):
            match = _UID.search(item)
            if match and waiting is not None:
                found.append((int(match[1]), waiting))
            elif match and b"BODY[HEADER]" in item:
                found.append((int(match[1]), b""))  # an empty header sent as a quoted ""
            waiting = None
    return found


def read(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read the configured folders of an ``imap`` source.

    Takes the password from the environment variable named by ``password_env`` and trusts the
    system's CAs. Raises :class:`SourceError` when the variable is not set, the login is
    refused, the certificate does not verify or a folder does not exist, and
    :class:`SourceUnavailable` when the server cannot be reached after retries.
    """
    variable = source.password_env or ""
    password = os.environ.get(variable) if variable else None
    if not password:
        problem = f"environment variable {variable!r} with the password is not set"
        raise SourceError(source.name, _where(source), problem)
    done = read_imap(
        source, context, password, ssl_context=make_ssl_context(), since=dict(context.since)
    )
    done.result.watermarks = {
        folder: (mark.uidvalidity, mark.last_uid) for folder, mark in done.watermarks.items()
    }
    return done.result


def read_imap(
    source: SourceConfig,
    context: ReadContext,
    password: str,
    ssl_context: ssl.SSLContext | None = None,
    connect_timeout: float = 10.0,
    retry: Retry | None = None,
    since: dict[str, tuple[int, int]] | None = None,
) -> ImapRead:
    """Read an ``imap`` source with an explicit password and TLS context.

    ``since`` maps a folder to ``(uidvalidity, last_uid)``: when the folder's UIDVALIDITY is
    unchanged only UIDs above ``last_uid`` are fetched, else the whole folder. Gives the records
    and each folder's :class:`Watermark`. Raises as :func:`read` does.
    """
    client = connect(source, password, ssl_context or make_ssl_context(), connect_timeout, retry)
    try:
        return _read_folders(client, source, context, since or {})
    finally:
        _logout(client)


def connect(
    source: SourceConfig,
    password: str,
    ssl_context: ssl.SSLContext,
    timeout: float = 10.0,
    retry: Retry | None = None,
) -> imaplib.IMAP4:
    """Connect (TLS or STARTTLS) and log in, retrying connection errors only.

    Gives a logged-in client. Raises :class:`SourceError` at once for a refused login, a
    certificate that does not verify or a server without STARTTLS, and
    :class:`SourceUnavailable` when every attempt failed to connect.
    """
    retry = retry or Retry()
    delays = retry.delays()
    where = _where(source)
    for attempt in range(1, len(delays) + 2):
        log.debug("source %s: connecting, attempt %d of %d", source.name, attempt, len(delays) + 1)
        try:
            return _connect_once(source, password, ssl_context, timeout)
        except (imaplib.IMAP4.abort, OSError) as exc:
            failure = type(exc).__name__
        if attempt > len(delays):
            break
        log.warning(
            "source %s: connection attempt %d failed (%s); retrying in %.1f s",
            source.name,
            attempt,
            failure,
            delays[attempt - 1],
        )
        retry.sleep(delays[attempt - 1])
    problem = f"cannot connect after {len(delays) + 1} attempts ({failure})"
    raise SourceUnavailable(source.name, where, problem)


def _where(source: SourceConfig) -> str:
    return f"{source.host}:{source.port or DEFAULT_PORTS[source.security]}"


def _connect_once(
    source: SourceConfig, password: str, ssl_context: ssl.SSLContext, timeout: float
) -> imaplib.IMAP4:
    host, port = source.host or "", source.port or DEFAULT_PORTS[source.security]
    client: imaplib.IMAP4 | None = None
    try:
        if source.security == "tls":
            client = imaplib.IMAP4_SSL(host, port, ssl_context=ssl_context, timeout=timeout)
        else:
            client = imaplib.IMAP4(host, port, timeout=timeout)
            client.starttls(ssl_context)
    except ssl.SSLCertVerificationError as exc:
        _close(client)
        problem = f"TLS certificate verification failed ({exc.verify_message})"
        raise SourceError(source.name, _where(source), problem) from None
    except imaplib.IMAP4.error as exc:
        _close(client)
        if isinstance(exc, imaplib.IMAP4.abort):
            raise  # the connection broke: retried
        problem = "no IMAP greeting, or STARTTLS refused"
        raise SourceError(source.name, _where(source), problem) from None
    except BaseException:
        _close(client)
        raise
    _login(client, source, password)
    return client


def _login(client: imaplib.IMAP4, source: SourceConfig, password: str) -> None:
    username = source.username or ""
    try:
        if username.isascii() and password.isascii():
            client.login(username, password)
        else:
            plain = f"\0{username}\0{password}".encode()
            client.authenticate("PLAIN", lambda _challenge: plain)
    except imaplib.IMAP4.error as exc:
        _close(client)
        if isinstance(exc, imaplib.IMAP4.abort):
            raise  # the connection broke: retried
        code = _RESPONSE_CODE.search(str(exc))
        problem = "login failed" + (f" ({code[1]})" if code else "")
        raise SourceError(source.name, _where(source), problem) from None


def _read_folders(
    client: imaplib.IMAP4,
    source: SourceConfig,
    context: ReadContext,
    since: dict[str, tuple[int, int]],
) -> ImapRead:
    read = ImapRead(ReadResult())
    seen: set[str] = set()
    for folder in source.folders:
        try:
            uidvalidity = _examine(client, source, folder)
            last = since.get(folder)
            after = 0
            if last is not None and last[0] == uidvalidity:
                after = last[1]
            elif last is not None:
                log.info(
                    "source %s folder %s: UIDVALIDITY changed, reading all", source.name, folder
                )
            uids = _uids_after(client, source, folder, after)
            before = (len(read.result.records), len(read.result.quarantined))
            dropped = 0
            for uid, header in _fetch_headers(client, source, folder, uids):
                place = f"{folder}/{uidvalidity}/{uid}"
                _, records, quarantined = records_from_message(
                    source.name, header, place, context.self_addresses
                )
                dropped += _add_message(read.result, seen, records, quarantined)
        except (imaplib.IMAP4.abort, OSError) as exc:
            problem = f"connection lost while reading folder {folder!r} ({type(exc).__name__})"
            raise SourceUnavailable(source.name, _where(source), problem) from None
        read.watermarks[folder] = Watermark(uidvalidity, max([after, *uids]))
        log.info(
            "source %s folder %s: %d messages, %d records, %d quarantined, %d duplicates dropped",
            source.name,
            folder,
            len(uids),
            len(read.result.records) - before[0],
            len(read.result.quarantined) - before[1],
            dropped,
        )
    return read


def _examine(client: imaplib.IMAP4, source: SourceConfig, folder: str) -> int:
    """Open ``folder`` read-only and give its UIDVALIDITY."""
    mailbox = encode_mailbox(folder)
    try:
        status, _ = client.select(mailbox, readonly=True)
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error:
        status = "NO"
    if status != "OK":
        problem = f"folder {folder!r} does not exist or cannot be opened"
        raise SourceError(source.name, _where(source), problem)
    _, values = client.response("UIDVALIDITY")
    value = values[0] if values else None
    if isinstance(value, bytes) and value.strip().isdigit():
        return int(value)
    _, values = client.status(mailbox, "(UIDVALIDITY)")
    match = _UIDVALIDITY.search(b" ".join(v for v in values if isinstance(v, bytes)))
    if match is None:
        problem = f"the server gave no UIDVALIDITY for folder {folder!r}"
        raise SourceError(source.name, _where(source), problem)
    return int(match[1])


def _uids_after(client: imaplib.IMAP4, source: SourceConfig, folder: str, after: int) -> list[int]:
    status, data = client.uid("SEARCH", "UID", f"{after + 1}:*")
    if status != "OK":
        problem = f"the server refused UID SEARCH in folder {folder!r}"
        raise SourceError(source.name, _where(source), problem)
    words = b" ".join(d for d in data if isinstance(d, bytes)).split()
    # "N:*" always matches the highest UID, even when it is below N: keep only the new ones.
    return sorted({int(w) for w in words if w.isdigit() and int(w) > after})


def _fetch_headers(
    client: imaplib.IMAP4, source: SourceConfig, folder: str, uids: list[int]
) -> Iterator[tuple[int, bytes]]:
    for start in range(0, len(uids), FETCH_BATCH):
        batch = uids[start : start + FETCH_BATCH]
        status, data = client.uid("FETCH", uid_set(batch), "(UID BODY.PEEK[HEADER])")
        if status != "OK":
            problem = f"the server refused UID FETCH in folder {folder!r}"
            raise SourceError(source.name, _where(source), problem)
        yield from sorted(parse_fetch(data))


def _add_message(
    result: ReadResult, seen: set[str], records: list[RawRecord], quarantined: list[Quarantined]
) -> int:
    """Append what a message gave under record keys not read before; give how many were not."""
    keys = {r.record_key for r in records} | {q.record_key for q in quarantined if q.field is None}
    fresh = keys - seen
    seen.update(keys)
    taken: set[str] = set()
    dropped = 0
    for record in records:
        if _take(record.record_key, fresh, taken):
            result.records.append(record)
        else:
            dropped += 1
    for item in quarantined:
        if item.field is not None:
            if item.record_key in fresh:  # a field dropped from a record this message brought
                result.quarantined.append(item)
        elif _take(item.record_key, fresh, taken):
            result.quarantined.append(item)
        else:
            dropped += 1
    return dropped


def _take(key: str, fresh: set[str], taken: set[str]) -> bool:
    """Whether a record key is new to the source and not yet taken from this message."""
    if key not in fresh or key in taken:
        return False
    taken.add(key)
    return True


def _close(client: imaplib.IMAP4 | None) -> None:
    if client is not None:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.shutdown()


def _logout(client: imaplib.IMAP4) -> None:
    try:
        client.logout()
    except (OSError, imaplib.IMAP4.error):
        _close(client)
