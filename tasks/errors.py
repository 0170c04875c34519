"""Errors that end a run, each rendered as one line on stderr."""

from __future__ import annotations


class RapportError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UserError(RapportError):
    """A user's mistake: bad config or arguments, an unreadable file. Exit 2, no traceback."""

    exit_code = 2


class ConfigError(UserError):
    """A setting is wrong. The message names the setting (``sources[1].path``)."""


class _AtSource(RapportError):
    """An error of one source, which comes back whole from the worker that read it."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        self.source = source
        self.where = where
        self.problem = problem
        super().__init__(f"source {source!r} ({where}): {problem}")

    def __reduce__(self) -> tuple[type[_AtSource], tuple[str, str, str]]:
        return type(self), (self.source, self.where, self.problem)


class SourceError(_AtSource, UserError):
    """A source cannot be read at all. The message names the source and its file or host."""


class SourceUnavailable(_AtSource):
    """A source is down (a connection error) after retries. Exit 1."""


class SafetyStop(RapportError):
    """A safety rule stopped the run before anything was written. Exit 1."""


class LockHeld(RapportError):
    """Another run holds the state directory's lock. Exit 1."""
