"""nginx in front of a benchmark's gunicorn, configured by the project's deploy/nginx.conf.

Standalone (tests/test_nginx_front.py imports it too)."""

import shutil
import subprocess
from pathlib import Path

HOST = "127.0.0.1"
DEPLOYED = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"


def site_config(port, upstream):
    """deploy/nginx.conf with this run's port and gunicorn address in place of production's."""
    text = DEPLOYED.read_text()
    for production, here in (
        ("server 127.0.0.1:8000;", f"server {upstream.removeprefix('http://')};"),
        ("listen 80;", f"listen {HOST}:{port};"),
    ):
        if production not in text:
            raise SystemExit(f"deploy/nginx.conf has no {production!r}: update bench/proxy.py")
        text = text.replace(production, here)
    return text


class Nginx:
    """Debian's nginx as a foreground process, with its files in ``workdir``."""

    def __init__(self, workdir, port, upstream):
        self.url = f"http://{HOST}:{port}"
        config = self.write(workdir, port, upstream)
        self.process = subprocess.Popen(  # noqa: S603 - Debian's nginx, our own config
            [self.binary(), "-p", str(config.parent), "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    @classmethod
    def check(cls, workdir, port, upstream):
        """``nginx -t``: raises with nginx's own message if the configuration is wrong."""
        config = cls.write(workdir, port, upstream)
        result = subprocess.run(  # noqa: S603 - Debian's nginx, our own config
            [cls.binary(), "-t", "-p", str(config.parent), "-c", str(config)],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise ValueError(result.stderr)

    @staticmethod
    def binary():
        path = shutil.which("nginx")
        if not path:
            raise SystemExit("nginx is not installed (apt-get install nginx)")
        return path

    @staticmethod
    def write(workdir, port, upstream):
        folder = Path(workdir) / "nginx"
        folder.mkdir(exist_ok=True)
        (folder / "site.conf").write_text(site_config(port, upstream))
        config = folder / "nginx.conf"
        config.write_text(
            f"""
            daemon off; worker_processes 1; pid {folder}/nginx.pid;
            error_log {folder}/error.log;
            events {{ worker_connections 1024; }}
            http {{
              access_log off;
              client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;
              fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi;
              scgi_temp_path {folder}/scgi;
              include {folder}/site.conf;
            }}
            """
        )
        return config

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
