"""Fixtures for the integration tests: a private Dovecot holding a small, known mailbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tasks.config import SourceConfig
from tests.integration.dovecot import MAILBOX, PASSWORD_ENV, Dovecot, dovecot_binary, start_dovecot


def _started() -> Dovecot:
    if dovecot_binary() is None:
        pytest.fail("dovecot not installed: run make services", pytrace=False)
    return start_dovecot(MAILBOX)


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot shared by a module's tests that only read."""
    server = _started()
    yield server
    server.stop()


@pytest.fixture
def fresh_dovecot() -> Iterator[Dovecot]:
    """A Dovecot of its own, for a test that changes the mailbox or looks at its files."""
    server = _started()
    yield server
    server.stop()


SourceFactory = Callable[..., SourceConfig]


@pytest.fixture
def imap_source() -> SourceFactory:
    """Build an ``imap`` source for a server: ``imap_source(server, security, folders=...)``."""

    def build(
        server: Dovecot,
        security: str = "tls",
        folders: tuple[str, ...] = ("INBOX", "Sent"),
        port: int | None = None,
    ) -> SourceConfig:
        default = server.imaps_port if security == "tls" else server.imap_port
        return SourceConfig(
            name="office_mail",
            kind="imap",
            host=server.host,
            port=port or default,
            security=security,  # type: ignore[arg-type]
            username=server.user,
            password_env=PASSWORD_ENV,
            folders=folders,
        )

    return build
