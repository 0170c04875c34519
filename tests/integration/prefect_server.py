"""A real Prefect server and a process worker for the integration tests, each a process of its own.

:func:`start_server` runs ``prefect server start --host 127.0.0.1 --port PORT --no-ui`` on a free
port with its own ``PREFECT_HOME`` (so its own SQLite database) and waits until ``/api/health``
answers. :func:`start_worker` runs ``prefect worker start --pool POOL`` against it with another
``PREFECT_HOME``, polling every second, its health check on another free port; it returns at
once, so that the caller can deploy while the worker starts, and
:meth:`PrefectWorker.wait_ready` waits until the server lists the worker in its pool.
:meth:`PrefectServer.client_env` is the environment for any other Prefect command aimed at the
server (``prefect deploy``). Telemetry is off everywhere (../shared/PLATFORM.md).

Each process runs in a session of its own, its output in a log file beside its home.
:meth:`Service.stop` sends SIGTERM (a worker ignores SIGINT), then SIGKILL to what is left: the
process group and any descendant that left it (a worker starts each flow run in a session of its
own). Stop the worker before the server, or it loops on connection errors. A start that fails
raises RuntimeError with the end of the process's output and leaves nothing running.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

HOST = "127.0.0.1"
SERVER_TIMEOUT = 90.0  # a fresh database migrates first: 8-20 s, more on a loaded 2-core box
WORKER_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0
_QUIET = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def prefect_command(*args: str) -> list[str]:
    """The Prefect CLI of this interpreter's environment."""
    return [sys.executable, "-m", "prefect", *args]


def prefect_env(home: Path, api_url: str, **extra: str) -> dict[str, str]:
    """This process's environment for a Prefect process with its own home, aimed at ``api_url``."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_KEY", "PREFECT_PROFILE")}
    no_proxy = ",".join(p for p in (env.get("NO_PROXY"), HOST, "localhost") if p)
    env.update(_QUIET, PREFECT_HOME=str(home), PREFECT_API_URL=api_url, NO_PROXY=no_proxy)
    env.update(extra)
    return env


def answers(url: str) -> bool:
    """True when ``url`` answers 200 (straight, never through a proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


@dataclass
class Service:
    """A started process in its own session, with its output in ``log_path``."""

    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    _stopped: bool = field(default=False, repr=False)

    def log_tail(self, lines: int = 40) -> str:
        """The end of the process's output."""
        if not self.log_path.exists():
            return f"({self.log_path} was not written)"
        text = self.log_path.read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM to the process group, then SIGKILL to the group and every descendant left."""
        if self._stopped:
            return
        self._stopped = True
        descendants = _descendants(self.process.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # helpers that outlived the leader
        for child in descendants:
            with contextlib.suppress(psutil.Error):
                child.kill()
        psutil.wait_procs(descendants, timeout=STOP_TIMEOUT)


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return list(psutil.Process(pid).children(recursive=True))
    except psutil.Error:
        return []


def _spawn(name: str, command: list[str], env: dict[str, str], log_path: Path) -> Service:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    return Service(name, process, log_path)


def _wait_until(service: Service, ready: Callable[[], bool], what: str, timeout: float) -> None:
    """Wait until ``ready()``; stop the service and raise RuntimeError if it never is."""
    deadline = time.monotonic() + timeout
    try:
        while not ready():
            if not service.running():
                raise RuntimeError(
                    f"{service.name} exited with {service.process.returncode} before {what}:\n"
                    f"{service.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{service.name}: not {what} within {timeout:.0f} s:\n{service.log_tail()}"
                )
            time.sleep(0.2)
    except BaseException:
        service.stop()
        raise


@dataclass
class PrefectServer:
    """A running ``prefect server start`` and where to reach it."""

    root: Path
    port: int
    service: Service

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.port}/api"

    def client_env(self, home: Path, **extra: str) -> dict[str, str]:
        """The environment for a Prefect command with its own ``home``, aimed at this server."""
        return prefect_env(home, self.api_url, **extra)

    def stop(self) -> None:
        self.service.stop()


def start_server(root: Path, timeout: float = SERVER_TIMEOUT) -> PrefectServer:
    """Start a server on a free port with ``root/home`` as its home; wait until it is healthy.

    Raises RuntimeError with the end of the server's output when it exits or is not healthy in
    ``timeout`` seconds; nothing is left running then.
    """
    port = free_port()
    api_url = f"http://{HOST}:{port}/api"
    command = prefect_command("server", "start", "--host", HOST, "--port", str(port), "--no-ui")
    env = prefect_env(root / "home", api_url)
    service = _spawn("prefect server", command, env, root / "server.log")
    _wait_until(service, lambda: answers(f"{api_url}/health"), f"healthy at {api_url}", timeout)
    return PrefectServer(root, port, service)


@dataclass
class PrefectWorker:
    """A running ``prefect worker start`` and its health check."""

    pool: str
    api_url: str
    health_port: int
    service: Service

    def registered(self) -> bool:
        """True once the worker has reported to the server from its pool."""
        url = f"{self.api_url}/work_pools/{urllib.parse.quote(self.pool)}/workers/filter"
        request = urllib.request.Request(
            url, data=b"{}", headers={"Content-Type": "application/json"}, method="POST"
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=2) as response:
                return bool(json.loads(response.read()))
        except (OSError, urllib.error.URLError, ValueError):
            return False

    def healthy(self) -> bool:
        """The worker's own health check: alive and polling."""
        return answers(f"http://{HOST}:{self.health_port}/health")

    def wait_ready(self, timeout: float = WORKER_TIMEOUT) -> None:
        """Wait until the worker polls its pool; stop it and raise RuntimeError if it does not."""
        _wait_until(self.service, self.registered, f"polling pool {self.pool!r}", timeout)

    def log_tail(self, lines: int = 40) -> str:
        return self.service.log_tail(lines)

    def stop(self) -> None:
        self.service.stop()


def start_worker(
    server: PrefectServer, pool: str, root: Path, env: dict[str, str] | None = None
) -> PrefectWorker:
    """Start a worker of ``pool`` (which must exist) that polls every second; do not wait.

    It has ``root/home`` as its home and its health check on a free port; its flow runs inherit
    its environment, to which ``env`` adds. Call :meth:`PrefectWorker.wait_ready` before relying
    on it, and :meth:`PrefectWorker.stop` before stopping the server.
    """
    port = free_port()
    settings = {
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_WORKER_WEBSERVER_HOST": HOST,
        "PREFECT_WORKER_WEBSERVER_PORT": str(port),
    }
    command = prefect_command(
        "--no-prompt", "worker", "start", "--pool", pool, "--with-healthcheck"
    )
    process_env = server.client_env(root / "home", **settings, **(env or {}))
    service = _spawn("prefect worker", command, process_env, root / "worker.log")
    return PrefectWorker(pool, server.api_url, port, service)
