"""FastAPI application: each route is a page builder (khabar.views) plus a renderer
(khabar.render), so a page and its JSON are the same object and never disagree.

Each request opens its own read connection (SQLite WAL allows many readers beside
the one writer), so the server never blocks ingestion.

Every response carries the security headers below. Pages load no script and only
same-origin stylesheets (/static), so the policy allows nothing inline. The interactive
API docs (/docs, /redoc) are FastAPI's: they load Swagger UI / ReDoc from a CDN and run
an inline script, so those routes alone get DOCS_POLICY, which allows exactly that; they
show no stored text.

Every limit, offset and count parameter is bounded (a value outside, negative or too
large for 64 bits, is a 422 with a message), and a search query is cut to
khabar.views.articles.MAX_QUERY_TERMS distinct words after refusing one longer than MAX_QUERY_CHARS.
"""

from __future__ import annotations


from khabar.config import data_path, load_settings
from khabar.errors import KhabarError, NotFound, requires

MAX_LIMIT = 1000  # rows per listing request
MAX_SEARCH_LIMIT = 200  # hits per search request
MAX_OFFSET = 10**9
MAX_SENTENCES = 30
MAX_ID_CHARS = 300  # a path id, entity name or filter value
MAX_QUERY_CHARS = 4000  # a longer search query is refused (422); a shorter one keeps 32 distinct words

POLICY = ("default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; "
          "form-action 'self'")
DOCS_CDN = "https://cdn.jsdelivr.net"
DOCS_POLICY = (f"default-src 'self'; script-src 'self' 'unsafe-inline' {DOCS_CDN}; "
               f"style-src 'self' 'unsafe-inline' {DOCS_CDN} https://fonts.googleapis.com; "
               "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com; "
               f"worker-src 'self' blob:; connect-src 'self'; "
               "frame-ancestors 'none'; object-src 'none'; base-uri 'none'")
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")
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

    settings = load_settings(db=db)
    app = fastapi.FastAPI(title="khabar", description="News stories from many sources, one view each.")

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
        policy = DOCS_POLICY if request.url.path in DOCS_PATHS else POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(Exception)
    async def internal_error(_request, exc: Exception):
        # answered outside every middleware, so it carries the headers itself; no traceback
        return JSONResponse({"error": "internal error"}, status_code=500,
                            headers={"Content-Security-Policy": POLICY, **HEADERS})

    @app.exception_handler(RequestValidationError)
    async def invalid_parameter(_request, exc: RequestValidationError):
        errors = exc.errors()
        said = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
                         for e in errors)
        detail = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in errors]
        return JSONResponse({"error": f"invalid parameter: {said}", "detail": detail}, status_code=422)

    # each parameter gets its own FastAPI marker (FastAPI records the name on it)
    def Limit(default: int, top: int = MAX_LIMIT):
        return Query(default, ge=1, le=top)

    def Offset():
        return Query(0, ge=0, le=MAX_OFFSET)

    def Q(default=...):
        return Query(default, max_length=MAX_QUERY_CHARS)

    def Id():  # a story id, report id or entity name in the path
        return Path(max_length=MAX_ID_CHARS)

    def Text():  # a filter value
        return Query(None, max_length=MAX_ID_CHARS)

    @app.exception_handler(NotFound)
    async def not_found(_request, exc: NotFound):
        return JSONResponse({"error": str(exc)}, status_code=404)

    @app.exception_handler(KhabarError)
    async def bad_request(_request, exc: KhabarError):
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.get("/api/articles")
    def articles(limit: int = Limit(50), offset: int = Offset(), source: str | None = Text(),
                 language: str | None = Text(), story: str | None = Text(), s=Store):
        return views.build_articles(s, limit, offset, source, language, story).to_json()

    @app.get("/api/articles/{ref}")
    def article(ref: str = Id(), s=Store):
        return views.build_article(s, ref).to_json()

    @app.get("/api/search")
    def search(q: str = Q(), limit: int = Limit(20, MAX_SEARCH_LIMIT), offset: int = Offset(), s=Store):
        return views.build_search(s, q, limit, offset).to_json()

    @app.get("/api/stories")
    def stories(order: str = Query("newest", pattern="^(newest|largest)$"), limit: int = Limit(50),
                offset: int = Offset(), since: str | None = Text(), until: str | None = Text(),
                source: str | None = Text(), language: str | None = Text(), s=Store):
        return views.build_stories(s, order, limit, offset, since, until, source, language).to_json()

    @app.get("/api/stories/{story_id}")
    def story(story_id: str = Id(), s=Store):
        return views.build_story(s, story_id, settings).to_json()

    @app.get("/api/stories/{story_id}/claims")
    def claims(story_id: str = Id(), s=Store):
        return views.build_claims(s, story_id).to_json()

    @app.get("/api/stories/{story_id}/timeline")
    def timeline(story_id: str = Id(), s=Store):
        return views.build_timeline(s, story_id).to_json()

    @app.get("/api/stories/{story_id}/summary")
    def summary(story_id: str = Id(), sentences: int = Query(6, ge=1, le=MAX_SENTENCES), s=Store):
        return views.build_summary(s, story_id, settings, sentences).to_json()

    @app.get("/api/entities")
    def entities(story: str | None = Text(), limit: int = Limit(100), s=Store):
        return views.build_entities(s, story, limit).to_json()

    @app.get("/api/entities/{name}")
    def entity(name: str = Id(), s=Store):
        return views.build_entity(s, name).to_json()

    @app.get("/", response_class=HTMLResponse)
    def index(s=Store):
        return html(views.build_stories(s, "newest", 100))

    @app.get("/search", response_class=HTMLResponse)
    def search_page(q: str = Q(""), s=Store):
        return html(views.build_search(s, q, 50))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str = Id(), s=Store):
        return html(views.build_story(s, story_id, settings))

    return app
