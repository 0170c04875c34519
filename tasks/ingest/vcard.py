"""Read vCards 2.1, 3.0 and 4.0: one ``.vcf`` file or a folder of ``.vcf``/``.vcard`` files.

A tolerant parser, because real exports break the RFCs (vobject is stricter than this corpus
allows): lines folded with a space or a tab, quoted-printable soft breaks whose continuation
starts without a space, lower-case keywords, groups (``item1.EMAIL``), bare 2.1 parameters
(``TEL;CELL``, ``QUOTED-PRINTABLE``), quoted parameter lists, per-property ``CHARSET``, files in
UTF-8 (with or without BOM), UTF-16 (with or without BOM) or cp1252, and inline photos (skipped).

Record key ``FILE#N``: FILE relative to ``source.path`` (its name when the path is a file), N
the card's number in that file from 1. A card with none of Rapport's fields is quarantined
(``empty_card``); whether a card stands for a person is the normaliser's call.

Which address. A card may hold several ADRs; the record takes one: the first marked preferred
(``TYPE=pref`` or ``PREF=``), else the first home address, else the first that is not empty.
Only ``;`` separates its components in vCard 2.1, so a comma there is the street's own
(``ул. Советская, д. 5``); in 3.0 and 4.0 a comma separates a component's list values, which
are joined with ", ". Commas left dangling at either end of a component are dropped.
"""

from __future__ import annotations

import codecs
import logging
import quopri
import re
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas.records import Quarantined, RawRecord
from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.files import files_under

logger = logging.getLogger(__name__)

SUFFIXES = frozenset({".vcf", ".vcard"})
#: Properties whose value is an anniversary date (``X-ABDATE`` too, when labelled Anniversary).
ANNIVERSARY_PROPERTIES = frozenset(
    {"ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY", "X-EVOLUTION-ANNIVERSARY"}
)
GENDER_PROPERTIES = frozenset({"GENDER", "X-GENDER"})
GENDERS = {"m": "male", "male": "male", "f": "female", "female": "female"}
MOBILE_TYPES = frozenset({"cell", "mobile"})
BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
BINARY = "<binary omitted>"
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_LINE_BREAK = re.compile(r"\r\r\n|\r\n|\n|\r")
_CARD_EDGE = re.compile(r"^\s*(BEGIN|END)\s*:\s*VCARD\s*$", re.IGNORECASE)
_IANA_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)+$")
_UNESCAPE = re.compile(r"\\([nN,;:\\\"])")


@dataclass(frozen=True, slots=True)
class Property:
    """One content line: ``group.NAME;param=a,b:value`` with the value still as written."""

    group: str
    name: str  # upper case
    params: dict[str, list[str]] = field(default_factory=dict)  # keys upper case
    value: str = ""

    def param(self, key: str) -> str:
        """The first value of a parameter, upper case; '' when absent."""
        values = self.params.get(key)
        return values[0].upper() if values else ""

    def types(self) -> set[str]:
        """The TYPE values, lower case."""
        return {t.lower() for t in self.params.get("TYPE", [])}


# --------------------------------------------------------------------------------------------
# Text: file encoding, lines, properties


def decode_file(data: bytes) -> str:
    """A vCard file's text: BOMs honoured, UTF-16 found by its NUL bytes, else UTF-8.

    Bytes that are not UTF-8 are kept as surrogates (``surrogateescape``), so that each
    property can be decoded with its own ``CHARSET`` (else cp1252) by :func:`value_text`.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "surrogateescape")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) * 8 >= len(sample):  # text in UTF-16 has a NUL in every other byte
        return data.decode("utf-16-be" if even >= odd else "utf-16-le", errors="replace")
    return data.decode("utf-8", "surrogateescape")


def _outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _is_quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def logical_lines(text: str) -> Iterator[str]:
    """Unfold: a line starting with a space or tab continues the previous one (minus that one
    character), and so does any line after a quoted-printable line ending in a soft break ``=``.
    """
    current: str | None = None
    for line in _LINE_BREAK.split(text.replace("\ufeff", "")):
        if current is not None:
            if line[:1] in (" ", "\t"):
                current += line[1:]
                continue
            soft_break = current.endswith("=") and _is_quoted_printable(current)
            if soft_break and not _CARD_EDGE.match(line):
                current = current[:-1] + line
                continue
            yield current
        current = line
    if current:
        yield current


def parse_property(line: str) -> Property | None:
    """One unfolded content line as a :class:`Property`; None when it has no ``:``."""
    head, found, value = line.partition(":")
    if '"' in head:
        parts = _outside_quotes(line, ":")
        head, found, value = parts[0], ":", ":".join(parts[1:])
    if not found or not head.strip():
        return None
    name, *raw_params = _outside_quotes(head, ";")
    group, _, name = name.strip().rpartition(".")
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, equals, text = raw.partition("=")
        if not equals:
            key, text = ("ENCODING" if key.strip().upper() in _BARE_ENCODINGS else "TYPE"), key
        key = key.strip().upper()
        values = [v.strip().strip('"') for v in _outside_quotes(text, ",")]
        if key == "TYPE":  # TYPE="work,voice" is a list too
            values = [t.strip() for v in values for t in v.split(",")]
        params.setdefault(key, []).extend(v for v in values if v)
    return Property(group, name.upper(), params, value)


def cards(lines: Iterator[str]) -> Iterator[list[Property]]:
    """The properties of each top-level card; nested cards (2.1 AGENT) are skipped."""
    depth = 0
    current: list[Property] = []
    for line in lines:
        edge = _CARD_EDGE.match(line)
        if edge and edge.group(1).upper() == "BEGIN":
            depth += 1
            if depth == 1:
                current = []
            continue
        if edge:
            if depth == 1:
                yield current
            depth = max(depth - 1, 0)
            continue
        if depth == 1 and (prop := parse_property(line)) is not None:
            current.append(prop)
    if depth >= 1:
        yield current


# --------------------------------------------------------------------------------------------
# Values


def _decode(data: bytes, charset: str, fallback: str) -> str:
    if charset.replace("-", "").lower() == "utf8":
        return data.decode("utf-8", errors="replace").replace("\ufffd", "")
    for codec in ("utf-8", charset, fallback):
        if not codec:
            continue
        try:
            return data.decode(codec)
        except (LookupError, UnicodeError, ValueError):  # ValueError: a NUL in the name
            continue
    return data.decode("latin-1")


def value_text(prop: Property, text: str | None = None) -> str:
    """A value (or one component of it) as text: quoted-printable decoded, and bytes that were not
    UTF-8 decoded with the property's CHARSET, else cp1252 (cp1250 for quoted-printable
    without a CHARSET, as The Bat! writes Polish). Escapes are left in place.
    """
    text = prop.value if text is None else text
    charset = prop.param("CHARSET")
    if prop.param("ENCODING") in ("QUOTED-PRINTABLE", "QP"):
        data = quopri.decodestring(text.encode("utf-8", "surrogateescape"))
        return _decode(data, charset, "cp1250")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _decode(text.encode("utf-8", "surrogateescape"), charset, "cp1252")
    return text


def split_escaped(text: str, separator: str) -> list[str]:
    """Split at separators not escaped by a backslash (escapes are kept)."""
    parts, current, index = [], [], 0
    while index < len(text):
        ch = text[index]
        if ch == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        index += 1
    parts.append("".join(current))
    return parts


def unescape(text: str) -> str:
    """``\\n`` -> newline, ``\\,`` ``\\;`` ``\\:`` ``\\\\`` ``\\"`` -> the character; trimmed."""
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text).strip()


def components(prop: Property, lists: str | None = None) -> list[str]:
    """A structured value's components (N, ADR, ORG, GENDER), each decoded and unescaped.

    With ``lists``, a component holding a list (``Richter,James``) comes back joined with it;
    without, unescaped commas stay (``ORG:Company, The``).
    """
    out = []
    for part in split_escaped(prop.value, ";"):
        items = split_escaped(part, ",") if lists is not None else [part]
        decoded = [unescape(value_text(prop, item)) for item in items]
        out.append((lists or "").join(item for item in decoded if item))
    return out


def text_of(prop: Property) -> str:
    """A plain value decoded and unescaped."""
    return unescape(value_text(prop))


def is_binary(prop: Property) -> bool:
    """True for inline data (base64 photos, keys, sounds), never worth keeping."""
    if prop.param("ENCODING") in ("B", "BASE64"):
        return True
    return prop.name in BINARY_PROPERTIES and prop.value.lstrip().lower().startswith("data:")


# --------------------------------------------------------------------------------------------
# Card -> fields


def _phone(prop: Property) -> str:
    text = text_of(prop)
    if text.lower().startswith("tel:"):
        text = text[4:].split(";", 1)[0]
    return text.strip()


def _birthday(text: str) -> str:
    """Apple writes a birthday without a year as year 1604: give it as ``--MMDD``."""
    return re.sub(r"^1604-?", "--", text.strip())


def _gender(prop: Property) -> str:
    text = (components(prop) or [""])[0]
    return GENDERS.get(text.lower(), text)


def _timezone(text: str) -> str | None:
    if text != "UTC" and not _IANA_NAME.match(text):
        return None
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return text


def _pref(prop: Property) -> int:
    if "pref" in prop.types():
        return 0
    try:
        return int(prop.param("PREF") or 100)
    except ValueError:
        return 100


def _address(props: list[Property], version: str) -> dict[str, list[str]]:
    lists = None if version.startswith("2") else ", "  # 2.1: a comma is a comma
    candidates = []
    for index, prop in enumerate(props):
        parts = [part.strip(", ") for part in components(prop, lists=lists)]
        parts = ([*parts, "", "", "", "", "", "", ""])[:7]
        if any(parts):
            home = 0 if "home" in prop.types() else 1
            preferred = 0 if "pref" in prop.types() or prop.param("PREF") else 1
            candidates.append(((preferred, home, index), parts))
    if not candidates:
        return {}
    pobox, extended, street, city, region, postcode, country = min(candidates)[1]
    values = {
        "street": "\n".join(p for p in (street, extended, pobox) if p),
        "city": city,
        "region": region,
        "postcode": postcode,
        "country": country,
    }
    return {key: [value] for key, value in values.items() if value}


def card_fields(props: list[Property]) -> dict[str, list[str]]:
    """Rapport's fields from one card's properties (values in card order, no duplicates)."""
    fields: dict[str, list[str]] = {}

    def add(name: str, value: str | None) -> None:
        if value and value not in fields.setdefault(name, []):
            fields[name].append(value)

    labels = {p.group.lower(): text_of(p).lower() for p in props if p.name == "X-ABLABEL"}
    for prop in props:
        if is_binary(prop):
            continue
        name = prop.name
        if name == "FN":
            add("full_name", text_of(prop))
        elif name == "N":
            parts = [*components(prop, lists=" "), "", "", "", ""]
            for key, value in zip(
                ("family_name", "given_name", "middle_name", "honorific"), parts, strict=False
            ):
                add(key, value)
        elif name == "NICKNAME":
            for item in split_escaped(value_text(prop), ","):
                add("nickname", unescape(item))
        elif name == "EMAIL":
            add("email", re.sub(r"(?i)^mailto:", "", text_of(prop)))
        elif name == "TEL":
            add("mobile" if prop.types() & MOBILE_TYPES else "phone", _phone(prop))
        elif name == "BDAY":
            add("birthday", _birthday(text_of(prop)))
        elif name in ANNIVERSARY_PROPERTIES or (
            name == "X-ABDATE" and "anniversary" in labels.get(prop.group.lower(), "")
        ):
            add("anniversary", text_of(prop))
        elif name in GENDER_PROPERTIES:
            add("gender", _gender(prop))
        elif name == "ORG":
            add("company", (components(prop) or [""])[0])
        elif name == "TZ":
            add("timezone", _timezone(text_of(prop)))
    for lang in sorted((p for p in props if p.name == "LANG"), key=_pref):
        add("language", text_of(lang))
    version = next((text_of(p) for p in props if p.name == "VERSION"), "")
    for key, values in _address([p for p in props if p.name == "ADR"], version).items():
        fields[key] = values
    return {key: values for key, values in fields.items() if values}


def card_raw(props: list[Property]) -> dict[str, Any]:
    """The card as read: property (with its group) -> value text; a list when repeated."""
    raw: dict[str, Any] = {}
    for prop in props:
        key = f"{prop.group}.{prop.name}" if prop.group else prop.name
        key = key.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        value = BINARY if is_binary(prop) else value_text(prop)
        if key not in raw:
            raw[key] = value
        elif isinstance(raw[key], list):
            raw[key].append(value)
        else:
            raw[key] = [raw[key], value]
    return raw


# --------------------------------------------------------------------------------------------
# Files


def vcard_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(file, FILE for record keys) of the file itself, or of a folder's vCards, sorted."""
    return files_under(root, SUFFIXES)


def read_file(source: str, path: Path, name: str, result: ReadResult) -> int:
    """Add the cards of one file to ``result``; returns how many cards it held.

    Raises :class:`SourceError` when the file cannot be read, or has text but no card.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(source, str(path), f"cannot read ({type(exc).__name__})") from None
    count = 0
    for count, props in enumerate(cards(logical_lines(decode_file(data))), start=1):
        key = f"{name}#{count}"
        fields, raw = card_fields(props), card_raw(props)
        if fields:
            result.records.append(RawRecord(source, key, fields, raw))
        else:
            reason = (
                "The card has no name, email, phone or other field Rapport uses: rule empty_card."
            )
            result.quarantined.append(Quarantined(source, key, None, "empty_card", reason, raw))
    if count == 0 and data.strip(b"\x00\r\n\t \xef\xbb\xbf\xfe\xff"):
        raise SourceError(source, str(path), "no BEGIN:VCARD line: not a vCard file")
    return count


def read(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read the vCard file or folder at ``source.path``: one record per card.

    Raises :class:`SourceError` when the path is missing, or a file cannot be read or is not a
    vCard file.
    """
    root = source.path
    if root is None or not root.exists():
        raise SourceError(source.name, str(root), "no such file or folder")
    result = ReadResult()
    files = cards_read = 0
    try:
        for path, name in vcard_files(root):
            files += 1
            cards_read += read_file(source.name, path, name, result)
    except OSError as exc:
        raise SourceError(source.name, str(root), f"cannot read ({type(exc).__name__})") from None
    logger.info(
        "source %s: %d files, %d cards, %d records, %d quarantined",
        source.name,
        files,
        cards_read,
        len(result.records),
        len(result.quarantined),
    )
    return result
