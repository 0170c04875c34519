"""Read a Maildir (and its Maildir++ subfolders ``.Sent``, ``.Archive.2024``...).

Every file in a ``cur/`` or ``new/`` folder under ``source.path`` is one message (``tmp/`` holds
deliveries in progress and is skipped). A message without a Message-ID is keyed by its file's
unique name: the name without the ``:2,FLAGS`` suffix, which changes whenever a flag does. The
same Message-ID in two folders (Inbox and Sent) is one message: the first folder in sorted
order keeps its records.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.mail import MailCollector, read_header_block

MESSAGE_FOLDERS = ("new", "cur")


def unique_name(file_name: str) -> str:
    """A Maildir file's unique name: its name without the ``:2,FLAGS`` (or ``!2,``) info part."""
    for mark in (":2,", "!2,"):
        if mark in file_name:
            return file_name.split(mark, 1)[0]
    return file_name


def message_files(root: Path) -> Iterator[Path]:
    """Every message file under ``root``'s ``cur/`` and ``new/`` folders, in a stable order."""

    def fail(error: OSError) -> None:
        raise error

    for folder, subfolders, files in os.walk(root, onerror=fail):
        subfolders.sort()
        if Path(folder).name not in MESSAGE_FOLDERS:
            continue
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def read(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read the Maildir at ``source.path``.

    Gives one record per (message, role, address), keyed by Message-ID or the file's unique
    name. Raises :class:`SourceError` when the path is not a Maildir (no ``cur/`` or ``new/``
    folder anywhere under it) or a folder or file cannot be read.
    """
    root = source.path
    if root is None or not root.is_dir():
        raise SourceError(source.name, str(root), "not a folder: a maildir source needs one")
    if not any(True for _ in root.rglob("cur")) and not any(True for _ in root.rglob("new")):
        raise SourceError(source.name, str(root), "not a Maildir: no cur/ or new/ folder")
    collector = MailCollector(source.name, context.self_addresses)
    path = root
    try:
        for path in message_files(root):
            collector.add_message(read_header_block(path), unique_name(path.name))
    except OSError as exc:
        where = str(exc.filename or path)
        raise SourceError(source.name, where, f"cannot read ({type(exc).__name__})") from None
    return collector.finish()
