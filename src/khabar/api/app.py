"""FastAPI application: thin routes over `khabar.store` and `khabar.views`.

Each request opens its own read connection (SQLite WAL allows many readers beside
the one writer), so the server never blocks ingestion.
"""

from __future__ import annotations

import html

from khabar.config import load_settings
from khabar.errors import KhabarError, NotFound, requires


def create_app(db: str | None = None):
    """Build the app for the database `db` (default: $KHABAR_DB, else ./khabar.db)."""
    fastapi = requires("fastapi", "web", "The HTTP API")
    from fastapi.responses import HTMLResponse, JSONResponse

    from khabar import views
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

    @app.exception_handler(NotFound)
    async def not_found(_request, exc: NotFound):
        return JSONResponse({"error": str(exc)}, status_code=404)

    @app.exception_handler(KhabarError)
    async def bad_request(_request, exc: KhabarError):
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.get("/api/articles")
    def articles(limit: int = 50, offset: int = 0, source: str | None = None, language: str | None = None,
                 story: str | None = None, s=Store):
        return [r.to_dict() for r in s.list_articles(limit=min(limit, 1000), offset=offset, source=source,
                                                     language=language, story=story)]

    @app.get("/api/articles/{ref}")
    def article(ref: str, s=Store):
        return views.article_view(s, s.load_article(ref))

    @app.get("/api/search")
    def search(q: str, limit: int = 20, s=Store):
        return [r.to_dict() for r in s.search(q, limit=min(limit, 200))]

    @app.get("/api/stories")
    def stories(order: str = "newest", limit: int = 50, since: str | None = None, until: str | None = None,
                source: str | None = None, language: str | None = None, s=Store):
        rows = s.list_stories(order=order, limit=min(limit, 1000), since=since, until=until,
                              source=source, language=language)
        return [r.to_dict(articles=False) for r in rows]

    @app.get("/api/stories/{story_id}")
    def story(story_id: str, s=Store):
        return s.story(story_id).to_dict() | {"history": [h.to_dict() for h in s.story_history(story_id)]}

    @app.get("/api/stories/{story_id}/claims")
    def claims(story_id: str, s=Store):
        return views.story_claims(s, story_id)

    @app.get("/api/stories/{story_id}/timeline")
    def timeline(story_id: str, s=Store):
        return views.story_timeline(s, story_id)

    @app.get("/api/stories/{story_id}/summary")
    def summary(story_id: str, sentences: int = 6, s=Store):
        return views.story_summary(s, story_id, max(1, min(sentences, 30)), settings)

    @app.get("/api/entities")
    def entities(story: str | None = None, limit: int = 100, s=Store):
        return s.ranked_entities(story=story, limit=min(limit, 1000))

    @app.get("/api/entities/{name}")
    def entity(name: str, s=Store):
        return s.find_entity(name)

    @app.get("/", response_class=HTMLResponse)
    def index(s=Store):
        rows = [r.to_dict() for r in s.list_stories(order="newest", limit=100)]
        items = "".join(
            f'<li><a href="/stories/{html.escape(r["id"])}">{html.escape(r["headline"] or r["id"])}</a>'
            f' <small>{r["size"]} reports · {html.escape((r["last_seen"] or "")[:10])}'
            f' · {html.escape(", ".join(r["sources"]))}</small></li>'
            for r in rows
        )
        return _page("khabar: stories", f"<h1>Stories</h1>{_search_form()}<ol>{items}</ol>")

    @app.get("/search", response_class=HTMLResponse)
    def search_page(q: str = "", s=Store):
        rows = [r.to_dict() for r in s.search(q, limit=50)] if q else []
        items = "".join(
            f'<li><a href="/stories/{html.escape(r["story_id"] or "")}">{html.escape(r["title"] or r["external_id"])}</a>'
            f'<br><small>{html.escape(r["snippet"])}</small></li>' for r in rows)
        return _page(f"khabar: {q}", f"<h1>Search</h1>{_search_form(q)}<ol>{items or '<p>no match</p>'}</ol>")

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str, s=Store):
        return views.story_report_text(s, story_id, "html", settings.summary.sentences, settings)

    return app


def _search_form(q: str = "") -> str:
    return (f'<form action="/search"><input name="q" value="{html.escape(q)}" placeholder="खोजें / search">'
            "<button>search</button></form>")


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>body{{font-family:'Noto Sans Devanagari','Noto Sans',"
        "sans-serif;max-width:60em;margin:2em auto;line-height:1.6}small{color:#555}</style></head>"
        f"<body>{body}</body></html>"
    )
