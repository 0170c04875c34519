"""Read one ``.eml`` file or a folder of them (recursive; ``.eml`` and ``.txt`` files).

A message without a Message-ID is keyed by its file's path relative to the folder (its name
when ``source.path`` is the file itself). The same Message-ID in two files is one message: the
first file in sorted order keeps its records.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.files import files_under
from tasks.ingest.mail import MailCollector, read_header_block

SUFFIXES = frozenset({".eml", ".txt"})


def message_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(file, place) of every message under ``root``: the file itself, or a folder's files."""
    return files_under(root, SUFFIXES)


def read(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read the message file or folder at ``source.path``.

    Gives one record per (message, role, address), keyed by Message-ID or the file's place.
    Raises :class:`SourceError` when the path is missing or a file cannot be read.
    """
    root = source.path
    if root is None or not root.exists():
        raise SourceError(source.name, str(root), "no such file or folder")
    collector = MailCollector(source.name, context.self_addresses)
    path = root
    try:
        for path, place in message_files(root):
            collector.add_message(read_header_block(path), place)
    except OSError as exc:
        where = str(exc.filename or path)
        raise SourceError(source.name, where, f"cannot read ({type(exc).__name__})") from None
    return collector.finish()
