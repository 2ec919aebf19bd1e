"""deploy/nginx.conf, the proxy the README puts in front of gunicorn, run by Debian's nginx.

The app behind it here is a stand-in whose searches wait until the test lets them finish: what
is tested is the proxy's own work (passing requests on, and how many searches it lets through
at once), which needs searches that stay in flight for as long as the test says.
"""

import http.client
import http.server
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.proxy import DEPLOYED, Nginx, site_config

from .servers import free_port, wait_until_up

pytestmark = pytest.mark.skipif(
    not shutil.which("nginx"), reason="nginx is not installed (make test installs it)"
)


def searches_allowed_at_once():
    return int(re.search(r"limit_conn searches_in_flight (\d+);", DEPLOYED.read_text()).group(1))


class StandIn(http.server.ThreadingHTTPServer):
    """Answers every path at once, except searches, which wait for ``release``."""

    daemon_threads = True

    def __init__(self, port):
        self.release, self.in_flight = threading.Event(), threading.Semaphore(0)
        self.seen = []
        super().__init__(("127.0.0.1", port), Handler)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("X-Forwarded-For")))
        if "/search/" in self.path:
            self.server.in_flight.release()
            self.server.release.wait(30)
        body = f"app: {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def front(tmp_path):
    app = StandIn(free_port())
    threading.Thread(target=app.serve_forever, daemon=True).start()
    nginx = Nginx(tmp_path, free_port(), f"http://127.0.0.1:{app.server_port}")
    try:
        wait_until_up(nginx.url + "/news/", nginx.process)
        yield nginx, app
    finally:
        app.release.set()
        nginx.stop()
        app.shutdown()


def get(nginx, path):
    connection = http.client.HTTPConnection(nginx.url.removeprefix("http://"), timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def test_the_deployed_configuration_is_valid_nginx(tmp_path):
    Nginx.check(tmp_path, free_port(), "http://127.0.0.1:8000")


def test_requests_reach_the_app_with_the_readers_address(front):
    nginx, app = front
    status, _headers, body = get(nginx, "/text/news/?page=2")
    assert (status, body) == (200, "app: /text/news/?page=2")
    assert app.seen[-1] == ("/text/news/?page=2", "127.0.0.1")


@pytest.mark.parametrize("search", ["/search/?q=melanoma", "/text/search/?q=melanoma"])
def test_searches_beyond_those_in_flight_are_told_search_is_busy_while_reading_goes_on(
    front, search
):
    nginx, app = front
    allowed = searches_allowed_at_once()
    with ThreadPoolExecutor(allowed) as pool:
        held = [pool.submit(get, nginx, f"{search}+{n}") for n in range(allowed)]
        for _ in range(allowed):
            assert app.in_flight.acquire(timeout=10), "a search did not reach the app"
        status, headers, body = get(nginx, search)
        assert status == 503
        assert headers["Retry-After"] == "5"
        assert "Search is busy" in body and "Please try again in a few seconds" in body
        assert 'href="/text/news/"' in body and "<script" not in body
        # Stories are not held back by the searches.
        assert get(nginx, "/news/")[0] == 200
        app.release.set()
        assert [future.result()[0] for future in held] == [200] * allowed
    assert get(nginx, search)[0] == 200


def test_the_benchmarks_adapt_the_deployed_file_and_nothing_else():
    production = DEPLOYED.read_text()
    adapted = site_config(8123, "http://127.0.0.1:9123")
    assert "listen 127.0.0.1:8123;" in adapted and "server 127.0.0.1:9123;" in adapted
    assert len(adapted.splitlines()) == len(production.splitlines())
