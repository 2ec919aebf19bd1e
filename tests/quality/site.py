"""A running copy of the site for the quality gate and the screenshots.

The gate checks what a reader's browser gets from a real server: gunicorn with DEBUG off, static
files through whitenoise and the demo content, in a database and media folder of its own. It is
built once per test run and shared by every check, which only read it.
"""

import ctypes
import os
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from tests.servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60
PR_SET_PDEATHSIG = 1


def stop_with_parent():
    """Have the kernel stop the server if the process that started it dies (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def site_environment(workdir):
    env = {
        name: value
        for name, value in os.environ.items()
        # The gate's site has its own SQLite database and memory cache, whatever the tests use.
        if name not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=f"sqlite:///{workdir / 'site.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_SERVE_MEDIA="true",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    result = subprocess.run(  # noqa: S603 - this project's own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")


@contextmanager
def running_site(gate_content=True):
    """Yield the base URL of a freshly built, served copy of the site.

    It holds the demo content, plus the gate's additions (tests.quality.content) unless
    gate_content is off, as for the README's screenshots.
    """
    with tempfile.TemporaryDirectory(prefix="quality-site-") as tmp:
        workdir = Path(tmp)
        env = site_environment(workdir)
        manage(env, "migrate", "--noinput")
        if gate_content:
            manage(env, "shell", "-c", "from tests.quality.content import load; load()")
        else:
            manage(env, "load_demo_content", "--no-accounts")
        port = free_port()
        log = (workdir / "server.log").open("w")
        server = subprocess.Popen(  # noqa: S603 - gunicorn serving this project
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--config",
                "python:tests.quality.gunicorn_defaults",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # A test run killed by a timeout must not leave the server behind.
            preexec_fn=stop_with_parent,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_until_up(url + "/robots.txt", server, timeout=READY_TIMEOUT)
            except RuntimeError as error:
                log.flush()
                raise RuntimeError(f"{error}:\n{(workdir / 'server.log').read_text()}") from error
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
