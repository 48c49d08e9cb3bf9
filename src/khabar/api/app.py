"""FastAPI application: each route is a page builder (khabar.views) plus a renderer
(khabar.render), so a page and its JSON are the same object and never disagree.

Each request opens its own read connection (SQLite WAL allows many readers beside
the one writer), so the server never blocks ingestion.

Every response carries the security headers below. Pages load no script and only
same-origin stylesheets and fonts (/static), so the policy allows nothing inline and
nothing from elsewhere. The API docs (/docs) are a server-rendered page built from the
app's own OpenAPI schema, so they work offline under the same policy.

Routes under /api answer errors in JSON; every other route answers them with an HTML
page saying what went wrong (404, 422), never a traceback. GET responses carry an ETag
(a hash of the body; a matching If-None-Match gets 304) and Cache-Control: pages and
JSON are revalidated each time, the packaged static files are cached for a day. A
response is built once per store revision and URL and then served from memory
(khabar.api.response_cache) until the next stored batch.

Every limit, offset and count parameter is bounded (a value outside, negative or too
large for 64 bits, is a 422 with a message), and a search query is cut to
khabar.views.articles.MAX_QUERY_TERMS distinct words after refusing one longer than MAX_QUERY_CHARS.
"""

from __future__ import annotations

import hashlib
from datetime import date

from khabar.config import data_path, load_settings
from khabar.errors import BadParameter, KhabarError, NotFound, requires

MAX_LIMIT = 1000  # rows per listing request
MAX_SEARCH_LIMIT = 200  # hits per search request
MAX_OFFSET = 10**9
MAX_SENTENCES = 30
MAX_ID_CHARS = 300  # a path id, entity name or filter value
MAX_QUERY_CHARS = 4000  # a longer search query is refused (422); a shorter one keeps 32 distinct words

HOME_LIMIT = 30  # stories per home page
MAX_POSTED_REPORTS = 1000  # reports per POST /api/reports
MAX_POSTED_BYTES = 20 * 2**20
POLICY = ("default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; "
          "form-action 'self'")
STATIC_CACHE = "public, max-age=86400"
PAGE_CACHE = "no-cache"  # may be stored, must be revalidated (the ETag makes that cheap)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(db: str | None = None):
    """Build the app for the database `db` (default: $KHABAR_DB, else ./khabar.db)."""
    fastapi = requires("fastapi", "web", "The HTTP API")
    from fastapi import Path, Query
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles

    from khabar import views
    from khabar.render.html import page_html
    from khabar.store import open_store

    from starlette.exceptions import HTTPException as StarletteHTTPException
    from starlette.responses import Response

    from khabar.api.schemas import responses
    from khabar.render.html import docs_html, error_html

    settings = load_settings(db=db)
    app = fastapi.FastAPI(title="khabar", description="News stories from many sources, one view each.",
                          docs_url=None, redoc_url=None)

    class InvalidParameter(Exception):
        """A parameter that passed its type check but is still wrong (a date that is no date)."""

    def day(value: str | None, name: str) -> str | None:
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise InvalidParameter(f"{name}: expected a date as YYYY-MM-DD, got {value[:40]!r}") from None

    def search_filters(source, language, since, until) -> dict:
        return {"source": source, "language": language, "since": day(since, "since"), "until": day(until, "until")}

    def wants_html(request) -> bool:
        path = request.url.path
        return not (path.startswith("/api") or path == "/openapi.json")

    def error(request, status: int, heading: str, message: str, detail=None):
        if wants_html(request):
            return HTMLResponse(error_html(status, heading, message), status_code=status)
        body = {"error": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)

    def store():
        s = open_store(settings.db)
        try:
            yield s
        finally:
            s.close()

    Store = fastapi.Depends(store)

    def html(page) -> HTMLResponse:
        return HTMLResponse(page_html(page, static="/static"))

    app.mount("/static", StaticFiles(directory=str(data_path("web", "static"))), name="static")

    @app.middleware("http")
    async def security_headers(request, call_next):
        response = await call_next(request)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response = await cached(request, response)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    async def cached(request, response):
        """The body read once to hash it: an ETag, and 304 when the client has it already."""
        body = b"".join([chunk async for chunk in response.body_iterator])
        tag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "etag")}
        headers["ETag"] = tag
        headers.setdefault("Cache-Control",
                           STATIC_CACHE if request.url.path.startswith("/static/") else PAGE_CACHE)
        if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers={k: v for k, v in headers.items()
                                                      if k.lower() != "content-type"})
        return Response(body, status_code=response.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def internal_error(_request, exc: Exception):
        # answered outside every middleware, so it carries the headers itself; no traceback
        return JSONResponse({"error": "internal error"}, status_code=500,
                            headers={"Content-Security-Policy": POLICY, **HEADERS})

    @app.exception_handler(RequestValidationError)
    async def invalid_parameter(request, exc: RequestValidationError):
        errors = exc.errors()
        said = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
                         for e in errors)
        detail = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in errors]
        return error(request, 422, "invalid parameter", f"invalid parameter: {said}", detail)

    @app.exception_handler(InvalidParameter)
    @app.exception_handler(BadParameter)
    async def invalid_value(request, exc: Exception):
        return error(request, 422, "invalid parameter", f"invalid parameter: {exc}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return error(request, 404, "not found",
                         f"nothing at {request.url.path[:200]}: pages are /, /search, /stories/ID, "
                         "/storylines/ID, /entities/NAME, /reports/ID and /docs")
        return error(request, exc.status_code, "error", str(exc.detail))

    # each parameter gets its own FastAPI marker (FastAPI records the name on it)
    def Limit(default: int, top: int = MAX_LIMIT):
        return Query(default, ge=1, le=top)

    def Offset():
        return Query(0, ge=0, le=MAX_OFFSET)

    # no stored text holds a NUL character, and PostgreSQL refuses one in a query: a 422
    NO_NUL = "^[^\x00]*$"

    def Q(default=...):
        return Query(default, max_length=MAX_QUERY_CHARS, pattern=NO_NUL)

    def Id():  # a story id, report id or entity name in the path
        return Path(max_length=MAX_ID_CHARS, pattern=NO_NUL)

    def Text():  # a filter value
        return Query(None, max_length=MAX_ID_CHARS, pattern=NO_NUL)

    @app.exception_handler(NotFound)
    async def not_found(request, exc: NotFound):
        return error(request, 404, "not found", str(exc))

    @app.exception_handler(KhabarError)
    async def bad_request(request, exc: KhabarError):
        return error(request, 400, "bad request", str(exc))

    def paged(path: str, body, more: bool, params: dict, total: int | None = None):
        """A listing as its bare JSON array, with the next page named in a Link header
        (RFC 8288, rel="next") when there is one, and the items of all pages counted in
        X-Total-Count."""
        from urllib.parse import urlencode

        headers = {} if total is None else {"X-Total-Count": str(total)}
        if more:
            query = {k: v for k, v in params.items() if v is not None}
            query["offset"] = params["offset"] + params["limit"]
            headers["Link"] = f'<{path}?{urlencode(query)}>; rel="next"'
        return JSONResponse(body, headers=headers)

    @app.get("/api/articles", responses=responses("/api/articles"))
    def articles(limit: int = Limit(50), offset: int = Offset(), source: str | None = Text(),
                 language: str | None = Text(), story: str | None = Text(), s=Store):
        # one row past the page says whether another page follows
        page = views.build_articles(s, limit + 1, offset, source, language, story)
        more = len(page.articles) > limit
        page.articles = page.articles[:limit]
        return paged("/api/articles", page.to_json(), more, {"limit": limit, "offset": offset, "source": source,
                                                             "language": language, "story": story}, page.total)

    @app.get("/api/articles/{ref}", responses=responses("/api/articles/{ref}"))
    def article(ref: str = Id(), s=Store):
        return views.build_article(s, ref).to_json()

    @app.get("/api/search", responses=responses("/api/search"))
    def search(q: str = Q(), limit: int = Limit(20, MAX_SEARCH_LIMIT), offset: int = Offset(),
               source: str | None = Text(), language: str | None = Text(), since: str | None = Text(),
               until: str | None = Text(), s=Store):
        page = views.build_search(s, q, limit, offset, search_filters(source, language, since, until))
        return paged("/api/search", page.to_json(), page.more,
                     {"q": q, "limit": limit, "offset": offset, **page.filters}, page.total)

    Order = Query("newest", pattern="^(newest|largest|ranked)$",
                  description="newest, largest, or ranked (recency × number of outlets)")

    @app.get("/api/stories", responses=responses("/api/stories"))
    def stories(order: str = Order, limit: int = Limit(50),
                offset: int = Offset(), since: str | None = Text(), until: str | None = Text(),
                source: str | None = Text(), language: str | None = Text(), entity: str | None = Text(),
                s=Store):
        page = views.build_stories(s, order, limit, offset, day(since, "since"), day(until, "until"),
                                   source, language, entity)
        return paged("/api/stories", page.to_json(), page.more,
                     {"order": order, "limit": limit, "offset": offset, "since": since, "until": until,
                      "source": source, "language": language, "entity": entity}, page.total)

    @app.get("/api/storylines/{storyline_id}", responses=responses("/api/storylines/{storyline_id}"))
    def storyline(storyline_id: str = Id(), s=Store):
        return views.build_storyline(s, storyline_id).to_json()

    @app.get("/api/stories/{story_id}", responses=responses("/api/stories/{story_id}"))
    def story(story_id: str = Id(), s=Store):
        return views.build_story(s, story_id, settings).to_json()

    @app.get("/api/stories/{story_id}/claims", responses=responses("/api/stories/{story_id}/claims"))
    def claims(story_id: str = Id(), s=Store):
        return views.build_claims(s, story_id).to_json()

    @app.get("/api/stories/{story_id}/timeline", responses=responses("/api/stories/{story_id}/timeline"))
    def timeline(story_id: str = Id(), s=Store):
        return views.build_timeline(s, story_id).to_json()

    @app.get("/api/stories/{story_id}/summary", responses=responses("/api/stories/{story_id}/summary"))
    def summary(story_id: str = Id(), sentences: int = Query(6, ge=1, le=MAX_SENTENCES), s=Store):
        return views.build_summary(s, story_id, settings, sentences).to_json()

    @app.get("/api/entities", responses=responses("/api/entities"))
    def entities(story: str | None = Text(), limit: int = Limit(100), s=Store):
        return views.build_entities(s, story, limit).to_json()

    @app.get("/api/entities/{name}", responses=responses("/api/entities/{name}"))
    def entity(name: str = Id(), s=Store):
        return views.build_entity(s, name).to_json()

    async def post_reports(request):
        """Ingest reports posted as JSON (one object or a list, the fields of a JSONL line),
        only with the configured token (web.ingest_token / KHABAR_INGEST_TOKEN)."""
        return await ingest_posted(request)

    # set here: under `from __future__ import annotations` FastAPI could not resolve a local name
    post_reports.__annotations__["request"] = fastapi.Request
    app.post("/api/reports", include_in_schema=bool(settings.web.ingest_token))(post_reports)

    async def ingest_posted(request):
        import hmac
        import json

        token = settings.web.ingest_token
        if not token:
            raise StarletteHTTPException(404)
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return JSONResponse({"error": "ingest needs the configured token (Authorization: Bearer ...)"},
                                status_code=403)
        body = await request.body()
        if len(body) > MAX_POSTED_BYTES:
            return JSONResponse({"error": f"body over {MAX_POSTED_BYTES} bytes"}, status_code=413)
        try:
            posted = json.loads(body)
        except ValueError as e:
            raise InvalidParameter(f"body: not JSON ({e})") from None
        posted = [posted] if isinstance(posted, dict) else posted
        if not isinstance(posted, list) or not all(isinstance(r, dict) for r in posted):
            raise InvalidParameter("body: expected a report object or a list of them")
        if not 1 <= len(posted) <= MAX_POSTED_REPORTS:
            raise InvalidParameter(f"body: 1 to {MAX_POSTED_REPORTS} reports per request, got {len(posted)}")
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(ingest_reports, posted)

    def ingest_reports(posted: list[dict]) -> dict:
        """Through the JSONL reader, so a posted report is read exactly like a file's line."""
        import json
        import tempfile

        from khabar.pipeline import ingest_paths
        from khabar.store import open_store

        with tempfile.TemporaryDirectory(prefix="khabar-post-") as tmp:
            path = f"{tmp}/posted.jsonl"
            with open(path, "w", encoding="utf-8") as fh:
                for r in posted:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            writer = open_store(settings.db)
            try:
                return ingest_paths(writer, [path], settings).to_dict()
            finally:
                writer.close()

    @app.get("/", response_class=HTMLResponse)
    def index(order: str = Query("ranked", pattern="^(newest|largest|ranked)$"),
              limit: int = Limit(HOME_LIMIT, 200), offset: int = Offset(), since: str | None = Text(),
              until: str | None = Text(), source: str | None = Text(), language: str | None = Text(),
              entity: str | None = Text(), s=Store):
        return html(views.build_stories(s, order, limit, offset, day(since, "since"), day(until, "until"),
                                        source or None, language or None, entity or None))

    @app.get("/search", response_class=HTMLResponse)
    def search_page(q: str = Q(""), limit: int = Limit(30, MAX_SEARCH_LIMIT), offset: int = Offset(),
                    source: str | None = Text(), language: str | None = Text(), since: str | None = Text(),
                    until: str | None = Text(), s=Store):
        return html(views.build_search(s, q, limit, offset, search_filters(source, language, since, until)))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str = Id(), s=Store):
        return html(views.build_story(s, story_id, settings))

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse)
    def storyline_page(storyline_id: str = Id(), s=Store):
        return html(views.build_storyline(s, storyline_id))

    @app.get("/entities/{name}", response_class=HTMLResponse)
    def entity_page(name: str = Id(), s=Store):
        return html(views.build_entity(s, name, headlines=True))

    @app.get("/reports/{ref:path}", response_class=HTMLResponse)
    def report_page(ref: str = Id(), s=Store):
        return html(views.build_article(s, ref))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs():
        return HTMLResponse(docs_html(api_routes(app.openapi())))

    from khabar.api.response_cache import ResponseCache

    app.add_middleware(ResponseCache, revision=_revision_reader(settings.db))
    return app


def _revision_reader(db: str):
    """The store's revision, read through one store opened on first use (the response
    cache asks from the server's event loop, one thread)."""
    opened: list = []

    def revision() -> int:
        from khabar.store import open_store

        if not opened:
            opened.append(open_store(db))
        return opened[0].revision()

    return revision


def app_from_environment():
    """The app for $KHABAR_DB: what each worker process of `khabar serve --workers N`
    builds for itself."""
    return create_app()


def api_routes(schema: dict) -> list[dict]:
    """The documented routes of an OpenAPI schema as rows for the docs page."""
    out = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                sch = p.get("schema", {})
                kinds = [x.get("type") for x in sch.get("anyOf", [])] or [sch.get("type")]
                bounds = ", ".join(f"{k} {sch[k]}" for k in ("minimum", "maximum", "maxLength", "pattern",
                                                              "default") if k in sch)
                params.append({"name": p.get("name"), "where": p.get("in"),
                               "type": " | ".join(str(k) for k in kinds if k), "bounds": bounds})
            ok = op.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": params, "returns": _shape(ok.get("schema", {}))})
    return out


def _shape(schema: dict) -> str:
    """A one-line reading of a response schema: "list of {id, title, ...}"."""
    if schema.get("type") == "array":
        inner = _shape(schema.get("items", {}))
        return f"list of {inner}" if inner else "list"
    names = list(schema.get("properties", {}))
    return "{" + ", ".join(names) + "}" if names else ""
