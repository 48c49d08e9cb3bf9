"""Polite HTTP fetching: robots.txt, a per-host pause, a timeout, a size cap."""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

from khabar.config import IngestSettings
from khabar.errors import FetchFailed, TooLarge


MAX_REDIRECTS = 5


@dataclass
class Fetched:
    url: str  # final URL after redirects
    content_type: str
    body: bytes


class Fetcher:
    """One client for a batch, so the per-host pause and robots.txt cache span all its URLs.

    `clock` and `sleep` are injectable so the pause can be tested without waiting.
    """

    def __init__(
        self,
        settings: IngestSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> time of its last request
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._client = None

    def client(self):
        if self._client is None:
            import httpx

            self._client = httpx.Client(
                timeout=self.settings.fetch_timeout_s,
                follow_redirects=False,  # fetch() follows them, checking robots.txt per hop
                headers={"User-Agent": self.settings.user_agent},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """GET `url` once robots.txt allows it; raises FetchFailed (K010) or TooLarge (K006).

        Redirects are followed by hand (at most MAX_REDIRECTS) so that each hop passes
        robots.txt and the per-host pause of its own host.
        """
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise FetchFailed(f"not an http(s) URL: {current}", input_name=url)
            robots = self._robots_for(parts.scheme, parts.netloc)
            if robots is not None and not robots.can_fetch(self.settings.user_agent, current):
                hop = "" if current == url else f" (redirected to {current})"
                raise FetchFailed(f"disallowed by the site's robots.txt{hop}", input_name=url)
            delay = self.settings.fetch_delay_s
            if robots is not None:
                delay = max(delay, float(robots.crawl_delay(self.settings.user_agent) or 0))
            got = self._get(current, url, parts.netloc, delay)
            if isinstance(got, Fetched):
                return got
            current = got
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects", input_name=url)

    def _get(self, url: str, name: str, host: str, delay: float) -> Fetched | str:
        """The response, or the next URL when the server redirects."""
        import httpx

        self._wait(host, delay)
        limit = self.settings.max_bytes
        try:
            with self.client().stream("GET", url) as resp:
                if resp.is_redirect:
                    return urljoin(url, resp.headers["Location"])
                if resp.status_code >= 400:
                    raise FetchFailed(f"HTTP {resp.status_code} {resp.reason_phrase}", input_name=name)
                declared = resp.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise TooLarge(f"response has {int(declared):,} bytes, over max_bytes={limit:,}", input_name=name)
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(f"response is over max_bytes={limit:,}", input_name=name)
                    chunks.append(chunk)
                return Fetched(str(resp.url), resp.headers.get("Content-Type", ""), b"".join(chunks))
        except httpx.TimeoutException:
            raise FetchFailed(f"timed out after {self.settings.fetch_timeout_s:g} s", input_name=name) from None
        except httpx.HTTPError as exc:
            raise FetchFailed(f"request failed ({type(exc).__name__}: {exc})", input_name=name) from None
        finally:
            self._last[host] = self._clock()

    def _wait(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is not None:
            remaining = last + delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)

    def _robots_for(self, scheme: str, host: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots rules, fetched once; None (allow all) when it has none."""
        if host in self._robots:
            return self._robots[host]
        import httpx

        rules: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
        self._wait(host, self.settings.fetch_delay_s)
        try:
            resp = self.client().get(f"{scheme}://{host}/robots.txt", follow_redirects=True)
            if resp.status_code in (401, 403):
                rules.disallow_all = True  # the convention urllib.robotparser follows too
            elif resp.status_code >= 400:
                rules = None
            else:
                rules.parse(resp.text.splitlines())
        except httpx.HTTPError:
            # The page request that follows reports the network failure with its own K010.
            rules = None
        finally:
            self._last[host] = self._clock()
        self._robots[host] = rules
        return rules
