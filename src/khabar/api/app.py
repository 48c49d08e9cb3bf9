"""FastAPI application: each route is a page builder (khabar.views) plus a renderer
(khabar.render), so a page and its JSON are the same object and never disagree.

Each request opens its own read connection (SQLite WAL allows many readers beside
the one writer), so the server never blocks ingestion.
"""

from __future__ import annotations


from khabar.config import load_settings
from khabar.errors import KhabarError, NotFound, requires


def create_app(db: str | None = None):
    """Build the app for the database `db` (default: $KHABAR_DB, else ./khabar.db)."""
    fastapi = requires("fastapi", "web", "The HTTP API")
    from fastapi.responses import HTMLResponse, JSONResponse

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
        return HTMLResponse(page_html(page))

    @app.exception_handler(NotFound)
    async def not_found(_request, exc: NotFound):
        return JSONResponse({"error": str(exc)}, status_code=404)

    @app.exception_handler(KhabarError)
    async def bad_request(_request, exc: KhabarError):
        return JSONResponse({"error": str(exc)}, status_code=400)

    @app.get("/api/articles")
    def articles(limit: int = 50, offset: int = 0, source: str | None = None, language: str | None = None,
                 story: str | None = None, s=Store):
        return views.build_articles(s, min(limit, 1000), offset, source, language, story).to_json()

    @app.get("/api/articles/{ref}")
    def article(ref: str, s=Store):
        return views.build_article(s, ref).to_json()

    @app.get("/api/search")
    def search(q: str, limit: int = 20, s=Store):
        return views.build_search(s, q, min(limit, 200)).to_json()

    @app.get("/api/stories")
    def stories(order: str = "newest", limit: int = 50, since: str | None = None, until: str | None = None,
                source: str | None = None, language: str | None = None, s=Store):
        return views.build_stories(s, order, min(limit, 1000), 0, since, until, source, language).to_json()

    @app.get("/api/stories/{story_id}")
    def story(story_id: str, s=Store):
        return views.build_story(s, story_id, settings).to_json()

    @app.get("/api/stories/{story_id}/claims")
    def claims(story_id: str, s=Store):
        return views.build_claims(s, story_id).to_json()

    @app.get("/api/stories/{story_id}/timeline")
    def timeline(story_id: str, s=Store):
        return views.build_timeline(s, story_id).to_json()

    @app.get("/api/stories/{story_id}/summary")
    def summary(story_id: str, sentences: int = 6, s=Store):
        return views.build_summary(s, story_id, settings, max(1, min(sentences, 30))).to_json()

    @app.get("/api/entities")
    def entities(story: str | None = None, limit: int = 100, s=Store):
        return views.build_entities(s, story, min(limit, 1000)).to_json()

    @app.get("/api/entities/{name}")
    def entity(name: str, s=Store):
        return views.build_entity(s, name).to_json()

    @app.get("/", response_class=HTMLResponse)
    def index(s=Store):
        return html(views.build_stories(s, "newest", 100))

    @app.get("/search", response_class=HTMLResponse)
    def search_page(q: str = "", s=Store):
        return html(views.build_search(s, q, 50))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str, s=Store):
        return html(views.build_story(s, story_id, settings))

    return app
