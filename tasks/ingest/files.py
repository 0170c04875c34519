"""The files a file-or-folder source holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def files_under(root: Path, suffixes: frozenset[str]) -> Iterator[tuple[Path, str]]:
    """(file, name for record keys) of ``root`` itself, or of its files with these suffixes.

    The name is the file's name when ``root`` is a file, else its path relative to ``root``;
    a folder is walked recursively, in sorted order.
    """
    if root.is_file():
        yield root, root.name
        return
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in suffixes and path.is_file():
            yield path, path.relative_to(root).as_posix()
