"""Read an mbox file: each message's header block becomes records (see :mod:`tasks.ingest.mail`).

The file is streamed as bytes and only each message's header block is kept, so a 1 GB mailbox
costs one message's headers of memory. A message without a Message-ID is keyed ``#N``, its
position in the file counted from 1.

Where a message starts. The standard library's ``mailbox.mbox`` starts one at every line that
begins with ``From ``, so an unescaped "From Russia with love" in a body splits the message;
requiring a blank line before the separator instead loses real ones (Netscape, Roundcube and
MimeKit mailboxes put ``From -`` right after a MIME boundary). Here a ``From `` line starts a
message when it looks like an envelope line (``From -`` or ``From SENDER ... hh:mm``, or a bare
``From SENDER`` after a blank line) and the next line is a header. A ``Content-Length`` header
is honoured when the byte at that offset (after an optional blank line) starts a ``From `` line
or the file ends there: then the body may hold anything.

Text before the first separator is one message when it has headers, else a ``broken_separator``
quarantine; a file with neither a separator nor headers is not an mbox (:class:`SourceError`).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from schemas.records import Quarantined
from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.mail import MailCollector

logger = logging.getLogger(__name__)

_BOM = b"\xef\xbb\xbf"
_ENVELOPE = re.compile(rb"^From (?:-(?:\s|$)|\S+\s+.*\d{1,2}:\d{2})")
_BARE_ENVELOPE = re.compile(rb"^From \S+\s*$")
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+[ \t]*:")
_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,15})[ \t]*\r?$", re.IGNORECASE)
_MAX_HEADER_BYTES = 1 << 20
_MAX_LINE_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class MboxMessage:
    """One message of an mbox: its position (from 1) and its header block."""

    position: int
    headers: bytes
    separated: bool  # False for text before the first ``From `` separator


def _is_blank(line: bytes) -> bool:
    return line.rstrip(b"\r\n") == b""


def _peek(stream: BinaryIO) -> bytes:
    offset = stream.tell()
    line = stream.readline()
    stream.seek(offset)
    return line


def _starts_message(line: bytes, after_blank: bool, stream: BinaryIO) -> bool:
    if not line.startswith(b"From "):
        return False
    if not (_ENVELOPE.match(line) or (after_blank and _BARE_ENVELOPE.match(line))):
        return False
    return _HEADER_LINE.match(_peek(stream)) is not None


def _framed_end(stream: BinaryIO, body_start: int, length: int, size: int) -> int | None:
    """Where the next message starts if ``Content-Length`` is right, else None."""
    end = body_start + length
    if end > size:
        return None
    stream.seek(end)
    line = stream.readline()
    if line and _is_blank(line):
        end = stream.tell()
        line = stream.readline()
    stream.seek(body_start)
    return end if not line or line.startswith(b"From ") else None


def _content_length(lines: list[bytes]) -> int | None:
    for line in lines:
        if match := _CONTENT_LENGTH.match(line):
            return int(match.group(1))
    return None


def split_mbox(stream: BinaryIO, size: int) -> Iterator[MboxMessage]:
    """Yield each message's header block from a binary mbox stream of ``size`` bytes."""
    position = 0
    lines: list[bytes] = []
    in_headers = True
    started = False
    separated = False
    after_blank = True
    trusted = -1
    header_bytes = 0
    first = True
    while True:
        offset = stream.tell()
        line = stream.readline(_MAX_LINE_BYTES)  # a newline-free blob is read in slices
        if not line:
            break
        if first:
            line, first = line.removeprefix(_BOM), False
        if offset == trusted or _starts_message(line, after_blank, stream):
            if started:
                yield MboxMessage(position, b"".join(lines), separated)
            position += 1
            lines, in_headers, started, separated, header_bytes = [], True, True, True, 0
            after_blank = False
            continue
        blank = _is_blank(line)
        after_blank = blank
        if not in_headers:
            continue
        if not blank:
            if not started:
                started, position = True, position + 1
            if header_bytes < _MAX_HEADER_BYTES:
                lines.append(line)
                header_bytes += len(line)
            continue
        if not started:
            continue  # blank lines before anything at all
        in_headers = False
        length = _content_length(lines) if separated else None
        if length is not None:
            end = _framed_end(stream, stream.tell(), length, size)
            if end is not None:
                stream.seek(end)
                trusted = end
    if started:
        yield MboxMessage(position, b"".join(lines), separated)


def read(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read the mbox at ``source.path``.

    Gives one record per (message, role, address), keyed by Message-ID or ``#N``; the same key
    twice keeps the first. Raises :class:`SourceError` when the file cannot be opened or is not
    an mbox at all (no separator and no headers).
    """
    path = source.path
    if path is None or not path.is_file():
        raise SourceError(source.name, str(path), "not a file: an mbox source needs one file")
    collector = MailCollector(source.name, context.self_addresses)
    broken: str | None = None
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            for message in split_mbox(stream, size):
                place = f"#{message.position}"
                if message.separated or _HEADER_LINE.match(message.headers):
                    collector.add_message(message.headers, place)
                else:
                    broken = place
    except OSError as exc:
        raise SourceError(source.name, str(path), f"cannot read ({type(exc).__name__})") from None
    if broken is not None:
        if collector.messages == 0:
            raise SourceError(source.name, str(path), "no 'From ' separator and no headers")
        reason = "Text before the first 'From ' separator has no headers: rule broken_separator."
        collector.result.quarantined.append(
            Quarantined(source.name, broken, None, "broken_separator", reason, {"place": broken})
        )
    return collector.finish()
