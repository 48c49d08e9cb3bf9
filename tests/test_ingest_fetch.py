"""URL inputs against a local HTTP server on 127.0.0.1 (port 0), started per test module."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from khabar.config import IngestSettings
from khabar.errors import FetchFailed
from khabar.ingest import Fetcher, read_input, read_inputs
from khabar.model import Rejected

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"

ROUTES = {
    "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
    "/news/page.html": ("text/html; charset=utf-8", (FIX / "page.html").read_bytes()),
    # served as text/xml, as many sites do: the body must decide it is a feed
    "/feed": ("text/xml", (FIX / "feed.rss").read_bytes()),
    "/private/secret.html": ("text/html", (FIX / "page.html").read_bytes()),
    "/notes.txt": ("text/plain; charset=utf-8", "सादा पाठ का समाचार।".encode()),
    "/image.png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}

REDIRECTS = {
    "/old-page": "/news/page.html",
    "/sneaky": "/private/secret.html",
    "/loop": "/loop",
}


class Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        Handler.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        route = ROUTES.get(self.path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ctype, body = route
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def settings() -> IngestSettings:
    return IngestSettings(fetch_delay_s=0.0, fetch_timeout_s=5.0, user_agent="khabar-test/1")


def test_urls_are_fetched_and_sniffed_as_page_or_feed(server, settings):
    Handler.seen.clear()
    items = list(read_inputs([f"{server}/news/page.html", f"{server}/feed", f"{server}/notes.txt"], settings))
    kinds = [(type(i).__name__, getattr(i, "code", None)) for i in items]
    assert kinds == [("Article", None), ("Article", None), ("Article", None), ("Rejected", "K003"), ("Article", None)]
    page = items[0]
    assert page.title == "नदी पर नया पुल खुला" and page.input_name == f"{server}/news/page.html"
    assert page.url == f"{server}/news/page.html"
    assert items[1].external_id == "bus-seva-0001" and items[1].source == "खबर नमूना समाचार"
    assert items[4].raw_text == "सादा पाठ का समाचार।"
    # robots.txt is read once per host, and every request carries the configured agent
    paths = [p for p, _ in Handler.seen]
    assert paths.count("/robots.txt") == 1
    assert {ua for _, ua in Handler.seen} == {"khabar-test/1"}


def test_robots_disallow_404_and_wrong_type_are_k010_or_k011(server, settings):
    items = list(read_inputs([f"{server}/private/secret.html", f"{server}/missing", f"{server}/image.png"], settings))
    assert all(isinstance(i, Rejected) for i in items)
    assert [i.code for i in items] == ["K010", "K010", "K011"]
    assert "robots.txt" in items[0].message and f"{server}/private/secret.html" in items[0].message
    assert "HTTP 404" in items[1].message


def test_timeout_and_refused_connection_are_k010(server):
    slow = IngestSettings(fetch_delay_s=0.0, fetch_timeout_s=0.2)
    (r,) = read_input(f"{server}/slow", slow)
    assert r.code == "K010" and "timed out" in r.message
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (r,) = read_input(f"http://127.0.0.1:{port}/x", slow)
    assert r.code == "K010" and "request failed" in r.message


def test_response_over_max_bytes_is_k006(server):
    (r,) = read_input(f"{server}/news/page.html", IngestSettings(fetch_delay_s=0.0, max_bytes=500))
    assert r.code == "K006"


def test_per_host_pause_between_requests(server):
    sleeps: list[float] = []
    with Fetcher(IngestSettings(fetch_delay_s=5.0), clock=lambda: 100.0, sleep=sleeps.append) as f:
        f.fetch(f"{server}/news/page.html")  # robots.txt, then the page: one pause
        f.fetch(f"{server}/feed")  # a second pause
        with pytest.raises(FetchFailed):
            f.fetch(f"{server}/private/secret.html")  # refused before any request: no pause
    assert sleeps == [5.0, 5.0]


def test_crawl_delay_in_robots_raises_the_pause(server, monkeypatch):
    monkeypatch.setitem(ROUTES, "/robots.txt", ("text/plain", b"User-agent: *\nCrawl-delay: 7\n"))
    sleeps: list[float] = []
    with Fetcher(IngestSettings(fetch_delay_s=1.0), clock=lambda: 0.0, sleep=sleeps.append) as f:
        f.fetch(f"{server}/news/page.html")
    assert sleeps == [7.0]


def test_non_http_url_is_rejected():
    with Fetcher(IngestSettings()) as f, pytest.raises(FetchFailed, match="K010.*not an http"):
        f.fetch("ftp://127.0.0.1/x")


def test_redirects_are_followed_and_each_hop_checked_against_robots(server, settings):
    page, sneaky, loop = read_inputs([f"{server}/old-page", f"{server}/sneaky", f"{server}/loop"], settings)
    assert page.url == page.external_id == f"{server}/news/page.html"
    assert page.input_name == f"{server}/old-page"
    assert sneaky.code == "K010" and "robots.txt" in sneaky.message and "/private/secret.html" in sneaky.message
    assert loop.code == "K010" and "redirects" in loop.message
