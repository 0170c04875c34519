"""A private Dovecot for the integration tests: its own config, ports, certificates and mail.

:func:`start_dovecot` writes a Maildir (INBOX and any folders, names on disk in UTF-8), a
passwd-file with one user, TLS certificates made by ``trustme`` for ``127.0.0.1`` and
``localhost``, and a config listening only on 127.0.0.1 with two free high ports: IMAP with
STARTTLS and IMAPS. It starts ``dovecot -F`` in its own process group and waits until both ports
answer. :meth:`Dovecot.stop` ends the group and removes the folder.

``MAILBOX`` is the sample mailbox the tests read: Cyrillic RFC 2047 names, one message in both
INBOX and Sent, a mailing-list message, a MAILER-DAEMON bounce, messages without a Message-ID,
and folders named ``Kunden & Partner`` and ``Входящие Клиенты``.

Works as root (mail is owned by ``nobody``; Dovecot's own ``dovecot``/``dovenull`` users run its
helpers) and as an ordinary user (everything runs as that user).
"""

from __future__ import annotations

import base64
import contextlib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import trustme

HOST = "127.0.0.1"
USER = "rapport@example.test"
PASSWORD = 'Pa55 w0rd "q" secret-7311'  # spaces and quotes: the login must quote it
PASSWORD_ENV = "RAPPORT_TEST_IMAP_PASSWORD"  # where tests of read() put it
READY_TIMEOUT = 15.0
_BINARIES = ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")


def dovecot_binary() -> str | None:
    """The dovecot executable, or None when it is not installed."""
    found = shutil.which("dovecot")
    if found:
        return found
    return next((path for path in _BINARIES if os.access(path, os.X_OK)), None)


@dataclass
class Dovecot:
    """A running private Dovecot and what a test needs to reach it."""

    root: Path
    imap_port: int  # plain IMAP with STARTTLS
    imaps_port: int  # implicit TLS
    maildir: Path
    cafile: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    user: str = USER
    password: str = PASSWORD
    host: str = HOST
    _stopped: bool = field(default=False, repr=False)

    def ssl_context(self) -> ssl.SSLContext:
        """A client context trusting only this server's test CA."""
        return ssl.create_default_context(cafile=str(self.cafile))

    def folder_dir(self, folder: str) -> Path:
        """The Maildir++ directory of a folder (``INBOX`` is the Maildir itself)."""
        return self.maildir if folder.upper() == "INBOX" else self.maildir / f".{folder}"

    def log_text(self) -> str:
        """Dovecot's log so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        """Stop the server (its whole process group) and remove its folder."""
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # helpers that outlived the master
        shutil.rmtree(self.root, ignore_errors=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def write_maildir(maildir: Path, folders: dict[str, list[bytes]]) -> None:
    """Write messages as Maildir++ files in ``cur/`` with no flags (``:2,``)."""
    for index, (folder, messages) in enumerate(folders.items()):
        folder_dir = maildir if folder.upper() == "INBOX" else maildir / f".{folder}"
        for sub in ("cur", "new", "tmp"):
            (folder_dir / sub).mkdir(parents=True, exist_ok=True)
        if folder_dir != maildir:
            (folder_dir / "maildirfolder").touch()
        for number, message in enumerate(messages, start=1):
            name = f"{1_700_000_000 + number}.M{index}P{number}.rapport-test:2,"
            (folder_dir / "cur" / name).write_bytes(message)


def start_dovecot(folders: dict[str, list[bytes]]) -> Dovecot:
    """Write the mail, certificates and config, start Dovecot and wait until it answers.

    Raises RuntimeError (with the end of Dovecot's log) when it does not start in time.
    """
    binary = dovecot_binary()
    if binary is None:
        raise FileNotFoundError("dovecot not installed: run make services")
    root = Path(tempfile.mkdtemp(prefix="rapport-dovecot-"))
    try:
        return _start(binary, root, folders)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _start(binary: str, root: Path, folders: dict[str, list[bytes]]) -> Dovecot:
    root.chmod(0o755)  # the mail process runs as an unprivileged user and must reach its home
    home = root / "home"
    maildir = home / "Maildir"
    write_maildir(maildir, folders)
    mail_uid, mail_gid, internal, login = _accounts()
    for path in [home, *home.rglob("*")]:
        os.chown(path, mail_uid, mail_gid)

    ca = trustme.CA()
    server_cert = ca.issue_cert(HOST, "localhost")
    cafile, certfile, keyfile = root / "ca.pem", root / "server.pem", root / "server.key"
    ca.cert_pem.write_to_path(str(cafile))
    server_cert.private_key_pem.write_to_path(str(keyfile))
    with certfile.open("wb") as out:
        for blob in server_cert.cert_chain_pems:
            out.write(blob.bytes())

    users = root / "users"
    users.write_text(
        f"{USER}:{{PLAIN}}{_passwd_escape(PASSWORD)}:{mail_uid}:{mail_gid}::{home}::\n"
    )
    imap_port, imaps_port = _two_free_ports()
    log_path = root / "dovecot.log"
    conf = root / "dovecot.conf"
    conf.write_text(
        _CONFIG.format(
            base_dir=root / "run",
            instance=f"rapport-test-{imap_port}",
            host=HOST,
            imap_port=imap_port,
            imaps_port=imaps_port,
            certfile=certfile,
            keyfile=keyfile,
            users=users,
            internal=internal,
            login=login,
            first_uid=min(mail_uid, 500),
            log_path=log_path,
        )
    )
    process = subprocess.Popen(
        [binary, "-F", "-c", str(conf)],
        stdin=subprocess.DEVNULL,
        stdout=(root / "stdout.log").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Dovecot(root, imap_port, imaps_port, maildir, cafile, process, log_path)
    try:
        _wait_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def _accounts() -> tuple[int, int, str, str]:
    """(mail uid, mail gid, default_internal_user, default_login_user)."""
    if os.geteuid() != 0:
        name = pwd.getpwuid(os.geteuid()).pw_name
        return os.geteuid(), os.getegid(), name, name
    nobody = pwd.getpwnam("nobody")
    internal = _existing_user("dovecot", "nobody")
    login = _existing_user("dovenull", "nobody")
    return nobody.pw_uid, nobody.pw_gid, internal, login


def _existing_user(name: str, fallback: str) -> str:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return fallback
    return name


def _passwd_escape(password: str) -> str:
    if ":" in password or "\n" in password:
        raise ValueError("a passwd-file password cannot hold ':' or a newline")
    return password


def _two_free_ports() -> tuple[int, int]:
    first = free_port()
    second = free_port()
    while second == first:
        second = free_port()
    return first, second


def _wait_ready(server: Dovecot) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    waiting = {server.imap_port, server.imaps_port}
    while waiting:
        if server.process.poll() is not None:
            raise RuntimeError(f"dovecot exited with {server.process.returncode}:\n{_tail(server)}")
        for port in sorted(waiting):
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
                waiting.discard(port)
        if waiting and time.monotonic() > deadline:
            raise RuntimeError(
                f"dovecot did not listen within {READY_TIMEOUT:.0f} s:\n{_tail(server)}"
            )
        if waiting:
            time.sleep(0.05)


def _tail(server: Dovecot) -> str:
    stdout = server.root / "stdout.log"
    text = server.log_text() + (stdout.read_text(errors="replace") if stdout.exists() else "")
    return "\n".join(text.splitlines()[-20:])


# The sample mailbox: what each message exercises is in its headers.
OWNER = "owner@example.test"
CYRILLIC_FOLDER = "Входящие Клиенты"
AMPERSAND_FOLDER = "Kunden & Partner"


def encoded_word(text: str) -> str:
    """``text`` as one RFC 2047 UTF-8 B encoded word, as mail clients send display names."""
    return "=?UTF-8?B?" + base64.b64encode(text.encode()).decode() + "?="


def message(*headers: str, body: str = "Hello.") -> bytes:
    """A message with CRLF line ends from header lines and a short body."""
    return ("\r\n".join(headers) + "\r\n\r\n" + body + "\r\n").encode()


SHARED = message(
    "Message-ID: <shared.1@example.test>",
    "Date: Tue, 03 Feb 2026 09:15:00 +0300",
    f"From: Rapport Owner <{OWNER}>",
    f"To: {encoded_word('Ольга Смирнова')} <olga@example.org>",
    "Subject: Contract",
)

MAILBOX: dict[str, list[bytes]] = {
    "INBOX": [
        message(
            "Message-ID: <m1.ivan@example.ru>",
            "Date: Mon, 02 Feb 2026 10:00:00 +0300",
            f"From: {encoded_word('Иван Петров')} <Ivan.Petrov@Example.RU>",
            f"To: Rapport Owner <{OWNER}>",
            "Cc: =?UTF-8?Q?=D0=9C=D0=B0=D1=80=D0=B8=D1=8F_=D0=A1=D0=B8=D0=B4=D0=BE=D1=80=D0=BE"
            "=D0=B2=D0=B0?= <maria@example.ru>",
            f"Subject: {encoded_word('Поздравление')}",
        ),
        SHARED,
        message(
            "Message-ID: <list.7@lists.example.org>",
            "Date: Wed, 04 Feb 2026 08:00:00 +0000",
            "From: Team Digest <team@lists.example.org>",
            f"To: {OWNER}",
            "List-Id: Team news <team.lists.example.org>",
            "Subject: Weekly digest",
        ),
        message(
            "Message-ID: <bounce.9@mx.example.net>",
            "Date: Thu, 05 Feb 2026 08:00:00 +0000",
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
            f"To: {OWNER}",
            "Subject: Undelivered Mail Returned to Sender",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
            body="--b\r\n\r\nlost\r\n--b--",
        ),
        message(
            "Date: Fri, 06 Feb 2026 12:00:00 +0000",
            "From: Pavel Sidorov <pavel@example.net>",
            f"To: {OWNER}",
            "Subject: no message id",
        ),
    ],
    "Sent": [
        SHARED,
        message(
            "Message-ID: <sent.2@example.test>",
            "Date: Sat, 07 Feb 2026 11:00:00 +0000",
            f"From: {OWNER}",
            "To: Anna Schmidt <anna@example.com>",
            "Subject: Offer",
        ),
    ],
    AMPERSAND_FOLDER: [
        message(
            "Message-ID: <kunde.1@example.de>",
            "Date: Sun, 08 Feb 2026 11:00:00 +0100",
            "From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@example.de>",
            f"To: {OWNER}",
            "Subject: Angebot",
        ),
    ],
    CYRILLIC_FOLDER: [
        message(
            "Message-ID: <client.1@example.ru>",
            "Date: Mon, 09 Feb 2026 11:00:00 +0300",
            f"From: {encoded_word('Елена Кузнецова')} <elena@example.ru>",
            f"To: {OWNER}",
            "Subject: Заказ",
        ),
        message(
            "Date: Tue, 10 Feb 2026 11:00:00 +0300",
            f"From: {encoded_word('Пётр Иванов')} <petr@example.ru>",
            f"To: {OWNER}",
            "Subject: without id",
        ),
    ],
    "Archive": [
        message(
            "Message-ID: <arch.1@example.test>",
            "Date: Wed, 11 Feb 2026 11:00:00 +0000",
            "From: Old Friend <old.friend@example.com>",
            f"To: {OWNER}",
            "Subject: archived",
        ),
    ],
}


_CONFIG = """\
# A private Dovecot for Rapport's integration tests; nothing here is for production.
base_dir = {base_dir}
instance_name = {instance}
protocols = imap
listen = {host}
log_path = {log_path}
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {first_uid}
first_valid_gid = 0

ssl = yes
ssl_cert = <{certfile}
ssl_key = <{keyfile}

auth_mechanisms = plain login
auth_failure_delay = 0
disable_plaintext_auth = no
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {users}
}}

mail_location = maildir:~/Maildir:UTF-8
namespace inbox {{
  inbox = yes
  separator = /
}}

service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps_port}
    ssl = yes
  }}
}}
# No growing delay after the tests' deliberate wrong passwords (anvil's auth penalty).
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
"""
