"""CSV reader: bytes to text, text to rows, rows to records.

The encoding is found from a BOM, else strict UTF-8, else charset-normalizer among the single-byte
encodings Russian and Western European exports use. The delimiter (comma, semicolon or tab) is
sniffed. Record keys are the row numbers a spreadsheet shows: header 1, first data row 2, blank
lines counted, quoted newlines not.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import unicodedata
from collections.abc import Iterator

import charset_normalizer

from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.headers import MissingColumn
from tasks.ingest.tabular import Row, read_rows

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Magic numbers of files that are never CSV: PNG, ZIP (XLSX too), PDF, GIF, JPEG, gzip, OLE (XLS).
_BINARY: tuple[bytes, ...] = (b"\x89PNG", b"PK\x03\x04", b"PK\x05\x06", b"%PDF", b"GIF8")
_BINARY += (b"\xff\xd8\xff", b"\x1f\x8b", b"\xd0\xcf\x11\xe0")
_SINGLE_BYTE = ["cp1251", "cp1252", "latin_1", "koi8_r"]
_DELIMITERS = ",;\t"
_SNIFF_SAMPLE = 16_384


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: Latin text puts NULs in every other byte and none in the rest."""
    for encoding, high, low in (
        ("utf-16-le", data[1::2], data[0::2]),
        ("utf-16-be", data[0::2], data[1::2]),
    ):
        if high.count(0) * 2 >= len(high) and low.count(0) * 20 < len(low):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _textual(text: str) -> bool:
    """False when, in the first 100,000 characters, control characters other than tabs, line
    ends and NUL are more than 1 in 100."""
    sample = text[:100_000]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v\x00"
    )
    return controls * 100 <= len(sample)


def decode(data: bytes) -> tuple[str, str] | None:
    """Decode a CSV file's bytes; give (text, encoding), or None when it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    if data.startswith(_BINARY):
        return None
    text: str | None
    if data.count(0) * 4 > len(data):  # mostly NUL bytes: UTF-16 without a BOM, or binary
        text, encoding = _utf16_without_bom(data), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data, cp_isolation=_SINGLE_BYTE).best()
            text, encoding = (str(best), best.encoding) if best else (None, "")
    if text is None or not _textual(text):
        return None
    return text, encoding


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: csv.Sniffer's choice when the header line holds it, else the
    delimiter the header line holds most of, else a comma."""
    header = next((line for line in text[:_SNIFF_SAMPLE].splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in _DELIMITERS}
    try:
        sniffed: str | None = csv.Sniffer().sniff(text[:_SNIFF_SAMPLE], _DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed is not None and counts.get(sniffed):
        return sniffed
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _rows(text: str, delimiter: str) -> Iterator[Row]:
    # One csv record is one spreadsheet row: blank lines count, quoted newlines do not.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    for number, cells in enumerate(reader, start=1):
        yield Row(str(number), cells)


def read(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read a CSV source of any role.

    Takes the source (an existing file at ``source.path``) and the read context. Gives one
    record per non-blank row after the header, or a whole-record quarantine. An empty file gives
    an empty result. Rejects a file that is not text (binary, undecodable), a ``columns``
    setting naming a missing column, or unparseable CSV with :class:`SourceError`.
    """
    path = source.path
    if path is None:
        raise SourceError(source.name, "(no path)", "a csv source needs a path")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(source.name, str(path), f"cannot read the file: {exc.strerror}") from None
    if not data:
        logger.warning("source %s: the file is empty", source.name)
        return ReadResult()
    decoded = decode(data)
    if decoded is None:
        raise SourceError(source.name, str(path), "not a text CSV file")
    text, encoding = decoded
    text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text)
    # The csv module's cell limit is process-wide; it is only ever raised, to fit this file.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        result = read_rows(source, _rows(text, delimiter))
    except MissingColumn as exc:
        raise SourceError(source.name, str(path), str(exc)) from None
    except csv.Error as exc:
        raise SourceError(source.name, str(path), f"not parseable as CSV ({exc})") from None
    logger.info(
        "source %s: %s, delimiter %r: %d records, %d quarantined",
        source.name,
        encoding,
        delimiter,
        len(result.records),
        len(result.quarantined),
    )
    return result
