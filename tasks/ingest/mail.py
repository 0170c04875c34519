"""One mail message -> records: one per (role, address) of its From, To, Cc and Reply-To headers.

Every mail reader (mbox, Maildir, a folder of .eml, IMAP) hands each message's raw bytes to
:func:`records_from_message` and gathers the results with a :class:`MailCollector`, which keeps
the first record of each record key, so that a message seen twice (Inbox and Sent, or the same
Message-ID three times in an mbox) is one message.

Only headers matter. The standard library parses them (``email.policy.compat32``, which never
raises); what it leaves to us is what real mail gets wrong: obsolete ``Name  :`` headers, junk
lines, 8-bit names in no declared charset, RFC 2047 words in any charset (broken, or decoding
into more encoded words), two addresses with no comma between them, groups, comments as names.

Never a contact, each quarantined whole with a rule (checked in this order):

===================  ======================================================================
``no_address``       the entry has no ``local@domain`` address (``From: foo``)
``bounce_sender``    MAILER-DAEMON, postmaster, bounces; a From of ``<>`` or of a delivery
                     report (``multipart/report``)
``self_address``     one of the mailbox owner's own addresses
``no_reply_address`` an automated sender (:data:`NO_REPLY_WORDS`, :data:`AUTOMATED_LOCAL_PARTS`)
``mailing_list``     a list address (``owner-x``, ``x-request``...), or any address of a message
                     with a ``List-Id`` header or a list ``Sender``
``bulk_precedence``  any address of a message with ``Precedence: bulk``, ``junk`` or ``list``
``auto_submitted``   any address of a message whose ``Auto-Submitted`` is not ``no``
===================  ======================================================================

A message with no header at all is one ``no_headers`` quarantine, one with headers but no
address one ``no_participants``, both keyed by the message key; ``unreadable_headers`` is the
safety net should anything in here ever raise. A Date that is not a date drops only the field
``message_at`` (``message_date_is_a_date``) and the record goes on.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email.parser
import email.policy
import email.utils
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.records import Quarantined, RawRecord
from tasks.ingest import ReadResult

logger = logging.getLogger(__name__)

#: Header name (lower case) -> the ROLE of its addresses in record keys.
ROLES: dict[str, str] = {"from": "from", "to": "to", "cc": "cc", "reply-to": "reply-to"}

#: Local parts of bounce senders, compared whole (lower case, before any ``+tag``).
BOUNCE_LOCAL_PARTS = frozenset({"mailer-daemon", "mailer_daemon", "mailerdaemon", "postmaster"})
#: Bounce local parts that may carry a suffix after ``-``, ``.``, ``_`` or ``+`` (``bounces+x``).
BOUNCE_PREFIXES: tuple[str, ...] = ("bounce", "bounces")
#: Words that make a local part a no-reply address wherever they stand in it.
NO_REPLY_WORDS: tuple[str, ...] = (
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "do_not_reply",
    "dontreply",
)
#: Automated senders, the whole local part or its first part before ``-``, ``.``, ``_``, ``+``.
AUTOMATED_LOCAL_PARTS = frozenset(
    {"notifications", "notification", "notify", "autoreply", "auto-reply", "automailer"}
)
#: Mailing-list plumbing addresses: these prefixes and suffixes of a local part.
LIST_PREFIXES: tuple[str, ...] = ("owner-",)
LIST_SUFFIXES: tuple[str, ...] = ("-owner", "-request", "-bounces")
#: A ``Sender`` header with these suffixes means the message came through a list.
LIST_SENDER_SUFFIXES: tuple[str, ...] = (*LIST_SUFFIXES, "-admin")
BULK_PRECEDENCE = frozenset({"bulk", "junk", "list"})

_WHY: dict[str, str] = {
    "no_address": "holds no usable email address",
    "bounce_sender": "is a bounce, MAILER-DAEMON or postmaster sender",
    "self_address": "is one of the mailbox owner's own addresses",
    "no_reply_address": "is an automated no-reply sender",
    "mailing_list": "is a mailing list's, or its message came through a mailing list",
    "bulk_precedence": "comes from a message marked Precedence bulk, junk or list",
    "auto_submitted": "comes from an automatically submitted message (Auto-Submitted)",
}

_HEADER_LINE = re.compile(rb"^([\x21-\x39\x3b-\x7e]+)[ \t]*:")
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?\s*([QqBb])\s*\?([^?]*)\?=")
_ENCODED_WORD_START = re.compile(r"=\?[^?\s]+\?\s?[QqBb]\?[^?]*\?=")
_ADDRESS = re.compile(r'^(?:"[^"]*"|[^\s@"<>(),;:]+)@[^\s@"<>(),;:]+$')
_EMAIL_LIKE = re.compile(r"<?\s*[^\s@<>]+@[^\s@<>]+\s*>?")
_NAME_PART = re.compile(r"^[^\W\d_][\w'’.\-]*(?: [^\W\d_][\w'’.\-]*){0,2}$")
#: A second part that makes "X, Y" not "Last, First" (compared without dots, lower case).
_NAME_SUFFIXES = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "inc", "ltd", "llc", "gmbh", "ag", "sa"}
    | {"plc", "co", "corp", "bv", "oy", "ab", "kg", "srl", "spa", "nv"}
)
_PHRASE_WORDS = ("word", "quoted")
#: Charsets mail declares that Python knows under a wider name.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-8-i": "iso-8859-8",
}
_MAX_HEADER_BYTES = 1 << 20


# --------------------------------------------------------------------------------------------
# Header block


def header_block(message: bytes) -> bytes:
    """The header part of a raw message: everything before the first empty line."""
    if message.startswith((b"\n", b"\r\n")):
        return b""
    found = _BLANK_LINE.search(message, 0, _MAX_HEADER_BYTES)
    return message[: found.start()] if found else message[:_MAX_HEADER_BYTES]


def read_header_block(path: Path) -> bytes:
    """Read a message file up to its first empty line; raises OSError when it cannot be read."""
    lines: list[bytes] = []
    size = 0
    with path.open("rb") as stream:
        for line in stream:
            if line in (b"\n", b"\r\n") or size > _MAX_HEADER_BYTES:
                break
            lines.append(line)
            size += len(line)
    return b"".join(lines)


def _sanitised(block: bytes) -> bytes | None:
    """Drop a leading ``From `` line and junk lines, fix ``Name  :``; None when no header."""
    lines = block.splitlines(keepends=True)
    if lines and lines[0].startswith((b"From ", b">From ")) and not _HEADER_LINE.match(lines[0]):
        lines = lines[1:]
    if not lines or not _HEADER_LINE.match(lines[0]):
        return None
    kept = []
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            kept.append(line)
        elif match := _HEADER_LINE.match(line):
            kept.append(match.group(1) + b":" + line[match.end() :])
    return b"".join(kept)


def _text(value: str) -> str:
    """A header value as text: raw 8-bit bytes read as UTF-8, else cp1252, else Latin-1."""
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        raw = value.encode("ascii", "surrogateescape")
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _headers(block: bytes) -> list[tuple[str, str]] | None:
    """(lower-case name, unfolded text) of every header, in order; None when there is none."""
    clean = _sanitised(block)
    if clean is None:
        return None
    parsed = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
        clean, headersonly=True
    )
    headers = []
    for name, value in parsed.raw_items():
        text = _text(str(value))
        text = re.sub(r"\r?\n(?=[ \t])", "", text).replace("\r", " ").replace("\n", " ")
        headers.append((name.strip().lower(), text.strip()))
    return headers or None


# --------------------------------------------------------------------------------------------
# RFC 2047 and names


def _codec(charset: str) -> str:
    charset = charset.split("*", 1)[0].strip().lower()
    return _CHARSET_ALIASES.get(charset, charset)


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes in a declared charset; a wrong or unknown charset falls back to UTF-8, then cp1252."""
    for codec in (_codec(charset) if charset else "utf-8", "utf-8"):
        try:
            return data.decode(codec)
        except (LookupError, UnicodeError, ValueError):  # ValueError: a NUL in the name
            continue
    return data.decode("cp1252", errors="replace")


def _word_bytes(encoding: str, text: str) -> bytes | None:
    if encoding in "Qq":
        return binascii.a2b_qp(text.encode("utf-8", "replace"), header=True)
    data = re.sub(r"\s+", "", text)
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _decode_once(text: str) -> str:
    pieces: list[tuple[str | None, str | bytes]] = []
    position = 0
    for match in _ENCODED_WORD.finditer(text):
        between = text[position : match.start()]
        position = match.end()
        data = _word_bytes(match.group(2), match.group(3))
        if data is None:
            pieces.append((None, between + match.group(0)))
            continue
        previous_encoded = bool(pieces) and pieces[-1][0] is not None
        if between and not (between.isspace() and previous_encoded):
            pieces.append((None, between))
        charset = _codec(match.group(1))
        last_charset, last_data = pieces[-1] if pieces else (None, "")
        if last_charset == charset and isinstance(last_data, bytes):
            pieces[-1] = (charset, last_data + data)
        else:
            pieces.append((charset, data))
    pieces.append((None, text[position:]))
    return "".join(
        decode_bytes(data, charset) if isinstance(data, bytes) else data for charset, data in pieces
    )


def decode_words(text: str) -> str:
    """Decode RFC 2047 encoded words, tolerating ``=?UTF-8? Q?`` and words inside words."""
    for _ in range(4):
        decoded = _decode_once(text)
        if decoded == text:
            break
        text = decoded
    return text


def _swap_last_first(name: str) -> str:
    parts = [part.strip() for part in name.split(",")]
    if len(parts) != 2 or not all(_NAME_PART.match(part) for part in parts):
        return name
    if parts[1].lower().replace(".", "") in _NAME_SUFFIXES:
        return name
    return f"{parts[1]} {parts[0]}"


def clean_display_name(phrase: str, address: str) -> str | None:
    """A person's name from a display name as read, or None when there is no real one.

    Decodes RFC 2047 words, drops control and replacement characters and outer quotes,
    collapses whitespace, turns ``Last, First`` around, and rejects a name that is an address.
    """
    text = unicodedata.normalize("NFC", decode_words(phrase))
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text if ch != "\ufffd")
    text = " ".join(text.split()).strip('"').strip()
    if len(text) > 1 and text[0] == text[-1] == "'":
        text = text[1:-1].strip()
    text = " ".join(text.split())
    if not text or text.lower() == address.lower() or _EMAIL_LIKE.fullmatch(text):
        return None
    return _swap_last_first(text)


# --------------------------------------------------------------------------------------------
# Address lists


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    """One entry of an address header: the address as read ('' for ``<>``) and its name."""

    address: str
    phrase: str  # the display name as read, or a comment's text for ``addr (Full Name)``
    valid: bool


Token = tuple[str, str]


def _delimited(value: str, start: int, close: str) -> tuple[str, int]:
    """Text of a quoted string or a (nested) comment opening at ``start``, and the end index."""
    opener, depth, out, index = value[start], 1, [], start + 1
    while index < len(value):
        ch = value[index]
        if ch == "\\" and index + 1 < len(value):
            out.append(value[index + 1])
            index += 2
            continue
        if ch == close:
            depth -= 1
            if depth == 0:
                return "".join(out), index + 1
        elif ch == opener and opener == "(":
            depth += 1
        out.append(ch)
        index += 1
    return "".join(out), index


def _angle(value: str, start: int) -> tuple[str, int]:
    index, in_quotes = start + 1, False
    while index < len(value):
        ch = value[index]
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == ">" and not in_quotes:
            return value[start + 1 : index], index + 1
        index += 1
    return value[start + 1 :], index


def _tokens(value: str) -> list[Token]:
    tokens: list[Token] = []
    index = 0
    while index < len(value):
        ch = value[index]
        if ch.isspace():
            end = index
            while end < len(value) and value[end].isspace():
                end += 1
            tokens.append(("space", " "))
        elif ch == '"':
            text, end = _delimited(value, index, '"')
            tokens.append(("quoted", text))
        elif ch == "(":
            text, end = _delimited(value, index, ")")
            tokens.append(("comment", text))
        elif ch == "<":
            text, end = _angle(value, index)
            tokens.append(("angle", text))
        elif ch in ",;:":
            end = index + 1
            tokens.append((ch, ch))
        else:
            encoded = _ENCODED_WORD_START.match(value, index)
            end = encoded.end() if encoded else index
            while end < len(value) and not value[end].isspace() and value[end] not in '"(<,;:':
                end += 1
            tokens.append(("word", value[index:end]))
        index = end
    return tokens


def _items(tokens: list[Token]) -> list[list[Token]]:
    """Split at commas and semicolons; a group's name (``Name:``) is dropped, its members kept."""
    items: list[list[Token]] = []
    current: list[Token] = []
    in_group = False
    for kind, text in tokens:
        if kind == ",":
            items.append(current)
            current = []
        elif kind == ";":
            items.append(current)
            current, in_group = [], False
        elif kind == ":":
            if in_group or any(k == "angle" or "@" in t for k, t in current):
                current.append(("word", ":"))
            else:
                current, in_group = [], True
        else:
            current.append((kind, text))
    items.append(current)
    return items


def _phrase(tokens: list[Token]) -> str:
    text = "".join(text if kind in _PHRASE_WORDS else " " for kind, text in tokens)
    return " ".join(text.split())


def _strip_cfws(text: str) -> str:
    """Remove comments and whitespace outside quoted strings."""
    out, index = [], 0
    while index < len(text):
        ch = text[index]
        if ch == '"':
            quoted, index = _delimited(text, index, '"')
            out.append(f'"{quoted}"')
            continue
        if ch == "(":
            _, index = _delimited(text, index, ")")
            continue
        if not ch.isspace():
            out.append(ch)
        index += 1
    return "".join(out)


def _angle_address(inner: str) -> str | None:
    """The addr-spec in ``<...>``; None for a group written inside brackets (no address)."""
    text = _strip_cfws(inner)
    if ":" in text and not text.startswith('"'):
        route, _, text = text.rpartition(":")
        text = text.rstrip(";")
        if not route.startswith("@") and not _ADDRESS.match(text):
            return None
    return text


def _joined_words(tokens: list[Token]) -> list[str]:
    """Words of an entry without angle brackets, obsolete ``a . b @ c`` forms joined up."""
    words: list[str] = []
    for kind, text in tokens:
        if kind not in _PHRASE_WORDS:
            continue
        word = f'"{text}"' if kind == "quoted" else text
        if words and (words[-1].endswith((".", "@")) or word.startswith((".", "@"))):
            words[-1] += word
        else:
            words.append(word)
    return words


def _entry(tokens: list[Token]) -> list[ParsedAddress]:
    """The addresses of one comma-separated entry: usually one, more when a comma is missing."""
    found: list[ParsedAddress] = []
    pending: list[Token] = []
    for kind, text in tokens:
        if kind != "angle":
            pending.append((kind, text))
            continue
        address = _angle_address(text)
        if address is not None:
            found.append(
                ParsedAddress(address, _phrase(pending), _ADDRESS.match(address) is not None)
            )
        pending = []
    comments = [text for kind, text in pending if kind == "comment"]
    words = _joined_words(pending)
    at_words = [word for word in words if "@" in word]
    if found and not at_words:
        last = found[-1]
        if not last.phrase and comments:
            found[-1] = ParsedAddress(last.address, " ".join(comments), last.valid)
        return found
    if len(at_words) == 1 and not found:
        name = " ".join(comments) if comments else ""
        return [ParsedAddress(at_words[0], name, _ADDRESS.match(at_words[0]) is not None)]
    if at_words:
        found.extend(ParsedAddress(w, "", _ADDRESS.match(w) is not None) for w in at_words)
        return found
    if words:
        return [ParsedAddress(" ".join(words), "", False)]
    return found


def parse_addresses(value: str) -> list[ParsedAddress]:
    """Every entry of an address header (From, To, Cc, Reply-To), as tolerantly as real mail needs.

    Empty groups (``Undisclosed-recipients:;``) give nothing; group members are entries; two
    addresses with no comma between them are two entries; ``addr (Full Name)`` takes the
    comment as the name. An entry with no address at all comes back with ``valid=False``.
    """
    items = _items(_tokens(value))
    found: list[ParsedAddress] = []
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else []
        if _bare_phrase(item) and _named_angle(following):
            items[index + 1] = [*item, ("word", ","), *following]  # Smith, John <j@x.org>
            continue
        found.extend(_entry(item))
    return found


def _bare_phrase(tokens: list[Token]) -> bool:
    """Unquoted words only, none with an ``@``: half of an unquoted ``Last, First`` name."""
    words = [text for kind, text in tokens if kind == "word"]
    simple = all(kind in ("word", "space") for kind, _ in tokens)
    return simple and bool(words) and not any("@" in word for word in words)


def _named_angle(tokens: list[Token]) -> bool:
    """Unquoted words, then one ``<address>``: the other half of ``Last, First <address>``."""
    kinds = [kind for kind, _ in tokens if kind != "space"]
    return len(kinds) >= 2 and kinds[-1] == "angle" and set(kinds[:-1]) == {"word"}


# --------------------------------------------------------------------------------------------
# Rules


def _local_part(address: str) -> str:
    return address.rpartition("@")[0].split("+", 1)[0].strip('"').lower()


def _first_part(local: str) -> str:
    return re.split(r"[-._+]", local, maxsplit=1)[0]


def _is_bounce(local: str) -> bool:
    if local in BOUNCE_LOCAL_PARTS:
        return True
    return any(local == p or re.match(rf"{p}[-._]", local) for p in BOUNCE_PREFIXES)


def _is_no_reply(local: str) -> bool:
    if any(word in local for word in NO_REPLY_WORDS):
        return True
    return local in AUTOMATED_LOCAL_PARTS or _first_part(local) in AUTOMATED_LOCAL_PARTS


def _is_list(local: str, suffixes: tuple[str, ...] = LIST_SUFFIXES) -> bool:
    return local.startswith(LIST_PREFIXES) or local.endswith(suffixes)


def _first(headers: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in headers if key == name), None)


def _bare(value: str | None) -> str:
    """A header value without comments and parameters, lower case."""
    if value is None:
        return ""
    return _strip_cfws(value).split(";", 1)[0].lower()


def _message_rule(headers: list[tuple[str, str]]) -> str | None:
    """The rule that makes every address of this message no contact, if any."""
    sender = _first(headers, "sender")
    sender_lists = any(
        p.valid and _is_list(_local_part(p.address), LIST_SENDER_SUFFIXES)
        for p in parse_addresses(sender or "")
    )
    if (_first(headers, "list-id") or "").strip() or sender_lists:
        return "mailing_list"
    if _bare(_first(headers, "precedence")) in BULK_PRECEDENCE:
        return "bulk_precedence"
    auto = _bare(_first(headers, "auto-submitted"))
    if auto and auto != "no":
        return "auto_submitted"
    return None


def _is_bounce_message(headers: list[tuple[str, str]]) -> bool:
    return _bare(_first(headers, "content-type")) == "multipart/report"


def _address_rule(
    parsed: ParsedAddress, role: str, bounce_message: bool, self_addresses: frozenset[str]
) -> str | None:
    if parsed.address == "" and role == "from":
        return "bounce_sender"
    if not parsed.valid:
        return "no_address"
    local = _local_part(parsed.address)
    if _is_bounce(local) or (role == "from" and bounce_message):
        return "bounce_sender"
    if parsed.address.lower() in self_addresses:
        return "self_address"
    if _is_no_reply(local):
        return "no_reply_address"
    if _is_list(local):
        return "mailing_list"
    return None


# --------------------------------------------------------------------------------------------
# Message -> records


def message_id(value: str | None) -> str | None:
    """The Message-ID with its ``<>``, comments and whitespace removed; None when empty."""
    if not value:
        return None
    found = re.search(r"<([^>]*)>", value)
    inner = _strip_cfws(found.group(1) if found else (value.split() or [""])[0])
    return f"<{inner}>" if inner.strip("<>") else None


def message_time(value: str | None) -> str | None:
    """The Date header as ISO 8601 in UTC, or None when it is not a date."""
    if not value:
        return None
    text = re.sub(r"\s*:\s*", ":", re.sub(r"\([^()]*\)", " ", value))
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        return when.astimezone(dt.UTC).isoformat()
    except (ValueError, OverflowError):
        return None


def _whole(source: str, key: str, rule: str, reason: str, raw: dict[str, Any]) -> Quarantined:
    return Quarantined(source, key, None, rule, reason, raw)


def records_from_message(
    source: str,
    message: bytes,
    place: str,
    self_addresses: frozenset[str],
) -> tuple[str, list[RawRecord], list[Quarantined]]:
    """Returns (message_key, records, quarantined). message_key is the Message-ID with its <>,
    or `place` when the message has none.

    Takes a source's name, the raw header block or whole message, the message's place (``#N``,
    a file name, ``FOLDER/UIDVALIDITY/UID``) and the owner's addresses. Gives one record per
    (role, address) and a quarantine entry for each address that is never a contact (see the
    module's table) and for a message with no header or no address. Never raises.
    """
    try:
        headers = _headers(header_block(message))
        if headers is None:
            reason = "The message has no header lines at all, so no participants: rule no_headers."
            return place, [], [_whole(source, place, "no_headers", reason, {"place": place})]
        return _message_records(source, headers, place, self_addresses)
    except Exception as exc:  # nothing here should raise, but one message must not end a run
        logger.warning("source %s: a message could not be read (%s)", source, type(exc).__name__)
        reason = "The message's headers could not be read: rule unreadable_headers."
        return place, [], [_whole(source, place, "unreadable_headers", reason, {"place": place})]


def _message_records(
    source: str, headers: list[tuple[str, str]], place: str, self_addresses: frozenset[str]
) -> tuple[str, list[RawRecord], list[Quarantined]]:
    mid = message_id(_first(headers, "message-id"))
    key = mid or place
    date = _first(headers, "date")
    when = message_time(date)
    owner = frozenset(a.lower() for a in self_addresses)
    message_rule = _message_rule(headers)
    bounce_message = _is_bounce_message(headers)
    records: list[RawRecord] = []
    quarantined: list[Quarantined] = []
    seen: set[str] = set()
    for name, value in headers:
        role = ROLES.get(name)
        if role is None:
            continue
        try:
            entries = parse_addresses(value)
        except Exception as exc:  # a tokeniser bug must cost one header, not the run
            logger.warning("source %s: unparsed %s header (%s)", source, role, type(exc).__name__)
            entries = [ParsedAddress(value, "", False)]
        for parsed in entries:
            address = parsed.address.strip().lower()
            record_key = f"{key}/{role}/{address}"
            if record_key in seen:
                continue
            seen.add(record_key)
            raw = {
                "message_id": mid,
                "role": role,
                "address": parsed.address,
                "display_name": parsed.phrase or None,
                "date": date,
            }
            rule = _address_rule(parsed, role, bounce_message, owner) or message_rule
            if rule is not None:
                reason = f"Field email of this {role} entry {_WHY[rule]}: rule {rule}."
                quarantined.append(_whole(source, record_key, rule, reason, raw))
                continue
            fields = {"email": [address], "mail_role": [role]}
            full_name = clean_display_name(parsed.phrase, address)
            if full_name:
                fields["full_name"] = [full_name]
            if when:
                fields["message_at"] = [when]
            elif date:
                reason = (
                    "Field message_at: the Date header is not a date: rule message_date_is_a_date."
                )
                quarantined.append(
                    Quarantined(
                        source, record_key, "message_at", "message_date_is_a_date", reason, raw
                    )
                )
            records.append(RawRecord(source, record_key, fields, raw))
    if not records and not quarantined:
        reason = "The message has no From, To, Cc or Reply-To address: rule no_participants."
        raw = {"message_id": mid, "date": date, "place": place}
        quarantined.append(_whole(source, key, "no_participants", reason, raw))
    return key, records, quarantined


# --------------------------------------------------------------------------------------------
# Gathering messages of one source


class MailCollector:
    """Gathers the messages of one source into a :class:`ReadResult`.

    A record key seen before in this source is dropped (the same message in Inbox and Sent, the
    same Message-ID twice in an mbox): the first occurrence's records stay.
    """

    def __init__(self, source: str, self_addresses: frozenset[str]) -> None:
        self.source = source
        self.self_addresses = self_addresses
        self.result = ReadResult()
        self.messages = 0
        self.duplicates = 0
        self._seen: set[str] = set()

    def add_message(self, message: bytes, place: str) -> str:
        """Read one message (raw bytes) found at ``place``; returns its message key."""
        key, records, quarantined = records_from_message(
            self.source, message, place, self.self_addresses
        )
        self.add(records, quarantined)
        return key

    def add(self, records: Iterable[RawRecord], quarantined: Iterable[Quarantined]) -> None:
        """Add one message's records and quarantine entries, dropping keys already seen."""
        self.messages += 1
        added: set[str] = set()
        for record in records:
            if record.record_key in self._seen:
                self.duplicates += 1
                continue
            self._seen.add(record.record_key)
            added.add(record.record_key)
            self.result.records.append(record)
        for entry in quarantined:
            if entry.field is not None:
                if entry.record_key in added:
                    self.result.quarantined.append(entry)
                continue
            if entry.record_key in self._seen:
                self.duplicates += 1
                continue
            self._seen.add(entry.record_key)
            self.result.quarantined.append(entry)

    def finish(self) -> ReadResult:
        """The result; logs counts (never a name, address or key)."""
        if self.duplicates:
            logger.info(
                "source %s: %d duplicate mail records dropped (message seen more than once)",
                self.source,
                self.duplicates,
            )
        logger.info(
            "source %s: %d messages, %d records, %d quarantined",
            self.source,
            self.messages,
            len(self.result.records),
            len(self.result.quarantined),
        )
        return self.result
