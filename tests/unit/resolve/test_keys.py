"""Matching keys: which mailboxes several people read."""

from __future__ import annotations

import pytest

from tasks.resolve.keys import mailbox, shared_mailbox

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("email", "shared"),
    [
        ("smirnov.family@mail.ru", True),
        ("thefamily@gmail.com", True),
        ("famille.dupont@orange.fr", True),
        ("semya.ivanovy@yandex.ru", True),
        ("info@smirnov-trade.ru", True),
        ("sales+2024@acme.com", True),
        ("office1@acme.com", True),
        ("ivan.smirnov@mail.ru", False),
        ("vsmirnov1985@mail.ru", False),
        ("sinfonia@mail.ru", False),  # "info" inside a word is not the role mailbox
        ("teamster.joe@gmail.com", False),
    ],
)
def test_shared_mailboxes(email: str, shared: bool) -> None:
    assert shared_mailbox(email) is shared


@pytest.mark.parametrize(
    ("email", "box"),
    [
        ("ivan.s.petrov@gmail.com", "ivanspetrov@gmail.com"),
        ("ivan.s.petrov+shop@googlemail.com", "ivanspetrov@gmail.com"),
        ("ivan.petrov+shop@mail.ru", "ivan.petrov+shop@mail.ru"),  # other providers as written
        ("ivan.petrov@gmail.com.ru", "ivan.petrov@gmail.com.ru"),
        ("+shop@gmail.com", "+shop@gmail.com"),  # nothing left to be a mailbox
    ],
)
def test_the_mailbox_an_email_reaches(email: str, box: str) -> None:
    assert mailbox(email) == box
